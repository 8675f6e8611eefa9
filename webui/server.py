"""Serve the web UI with waitress, a production WSGI server (threads, no debugger, no reloader)."""

from __future__ import annotations

import logging

from flask import Flask
from waitress import serve as waitress_serve

log = logging.getLogger(__name__)


def serve(app: Flask, host: str = "127.0.0.1", port: int = 5000, threads: int = 8) -> None:
    """Block serving ``app`` on ``host:port`` until interrupted."""
    log.info("serving Precedent on http://%s:%d/ with %d threads", host, port, threads)
    waitress_serve(
        app,
        host=host,
        port=port,
        threads=threads,
        ident="Precedent",
        max_request_body_size=int(app.config.get("MAX_CONTENT_LENGTH") or 20 * 1024 * 1024) + 65536,
    )
