"""Serve the web UI with waitress, a production WSGI server (threads, no debugger, no reloader)."""

from __future__ import annotations

import gc
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


def settle_heap() -> None:
    """Hide what start-up built (the ontology, templates, rdflib's and Flask's modules) from the cyclic
    garbage collector, for the life of the process.

    The collector's full pass walks every container object the process holds and stops every thread
    while it does. Measured on 300 generated minutes after start-up: ~78,000 objects, 17–28 ms a full
    pass, one such pass every few hundred requests of pages and SPARQL answers: a pause a request meets
    at its p99, not its median. Frozen, a full pass sees only what requests left behind (~10,000
    objects after 840 requests: 3–11 ms). Start-up objects live as long as the server, so nothing
    collectable is frozen; the young generations keep the default thresholds, which measured no worse
    than a 7× larger first generation (fewer passes, each longer: about the same time in total).
    """
    gc.collect()
    gc.freeze()


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
    settle_heap()
    server.run()
