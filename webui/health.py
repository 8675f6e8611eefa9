"""``/healthz``: is the store answering, is the index answering, and how many documents each level
the caller may see holds (anonymous callers see only the lowest level's counts)."""

from __future__ import annotations

import logging
import time
from typing import Any

from flask import Blueprint, current_app, jsonify

from archive.textindex.model import SearchRequest

from .auth import visible_levels

log = logging.getLogger(__name__)
blueprint = Blueprint("health", __name__)


@blueprint.route("/healthz")
def healthz() -> Any:
    archive = current_app.extensions["precedent.archive"]
    levels: dict[str, Any] = {}
    store_ok = index_ok = True
    for level in visible_levels():
        view = archive.view(level)
        entry: dict[str, Any] = {}
        started = time.perf_counter()
        try:
            entry["counts"] = view.counts()
            entry["store_ms"] = round((time.perf_counter() - started) * 1000, 2)
        except Exception as error:  # a health check reports every failure instead of raising it
            log.exception("store check failed at level %s", level)
            store_ok = False
            entry["store_error"] = type(error).__name__
        started = time.perf_counter()
        try:
            view.search(SearchRequest(text="", per_page=1))
            entry["index_ms"] = round((time.perf_counter() - started) * 1000, 2)
        except Exception as error:  # as above
            log.exception("index check failed at level %s", level)
            index_ok = False
            entry["index_error"] = type(error).__name__
        levels[level] = entry
    healthy = store_ok and index_ok
    response = jsonify(
        {
            "status": "ok" if healthy else "failing",
            "store": "ok" if store_ok else "failing",
            "index": "ok" if index_ok else "failing",
            "levels": levels,
        }
    )
    response.status_code = 200 if healthy else 503
    return response
