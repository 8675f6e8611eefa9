"""Serve the web UI with waitress, a production WSGI server (threads, no debugger, no reloader)."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

from flask import Flask
from waitress.server import create_server

log = logging.getLogger(__name__)

# waitress warns "Task queue depth is N" on its I/O thread for every request that waits for a free
# worker thread, so a saturated server wrote one log line per request (the whole I/O thread costs
# ~0.8 ms per page request pinned to one core). One line per interval still says the server is saturated.
QUEUE_WARNING_INTERVAL = 10.0


class QueueWarningInterval(logging.Filter):
    """Let at most one of waitress's queue-depth warnings through per ``interval`` seconds."""

    def __init__(self, interval: float = QUEUE_WARNING_INTERVAL) -> None:
        super().__init__()
        self.interval = interval
        self._next = 0.0
        self._lock = threading.Lock()

    def filter(self, record: logging.LogRecord) -> bool:
        now = time.monotonic()
        with self._lock:
            if now < self._next:
                return False
            self._next = now + self.interval
        return True


def quiet_queue_warnings(interval: float = QUEUE_WARNING_INTERVAL) -> None:
    """Install :class:`QueueWarningInterval` on ``waitress.queue`` once per process."""
    queue_log = logging.getLogger("waitress.queue")
    if not any(isinstance(f, QueueWarningInterval) for f in queue_log.filters):
        queue_log.addFilter(QueueWarningInterval(interval))


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
    quiet_queue_warnings()
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
