"""Serve the web UI with waitress, a production WSGI server (threads, no debugger, no reloader)."""

from __future__ import annotations

import logging
from collections.abc import Callable

from flask import Flask
from waitress.server import create_server

log = logging.getLogger(__name__)


def serve(
    app: Flask,
    host: str = "127.0.0.1",
    port: int = 5000,
    threads: int = 8,
    listening: Callable[[str, int], None] | None = None,
) -> None:
    """Block serving ``app`` on ``host:port`` until interrupted.

    ``listening(host, port)`` is called once the socket accepts connections (the port is the real one
    when 0 asked for any free port), before the first request is served.
    """
    server = create_server(
        app,
        host=host,
        port=port,
        threads=threads,
        ident="Precedent",
        max_request_body_size=int(app.config.get("MAX_CONTENT_LENGTH") or 20 * 1024 * 1024) + 65536,
    )
    bound_port = int(getattr(server, "effective_port", port))
    log.info("serving Precedent on http://%s:%d/ with %d threads", host, bound_port, threads)
    if listening is not None:
        listening(host, bound_port)
    server.run()
