"""``/review``: facts a heuristic reader proposed with low confidence, for editors to accept, correct
or reject. Only decided facts ever reach a store; each decision rewrites that document's reviewed graph."""

from __future__ import annotations

import logging
from typing import Any

from flask import Blueprint, current_app, flash, g, redirect, render_template, request, url_for

from archive.errors import ArchiveError
from archive.review import ReviewQueue

from .auth import current_level, role_required

log = logging.getLogger(__name__)
blueprint = Blueprint("review", __name__)


def _queue() -> ReviewQueue | None:
    review: ReviewQueue | None = getattr(current_app.extensions["precedent.archive"], "review", None)
    return review


@blueprint.route("/review")
@role_required("editor", "admin")
def queue() -> Any:
    review = _queue()
    items = review.pending(current_level()) if review is not None else []
    return render_template("review.html", items=items, available=review is not None)


@blueprint.route("/review/<path:key>", methods=["POST"])
@role_required("editor", "admin")
def decide(key: str) -> Any:
    review = _queue()
    if review is None:
        return redirect(url_for("review.queue"))
    action = request.form.get("action", "")
    item = review.item(key)
    # An item above the editor's level is answered as if it did not exist.
    if item is None or item.level not in _visible():
        flash("There is no such proposed fact.")
        return redirect(url_for("review.queue")), 303
    corrected = request.form.get("corrected") or None
    try:
        identifier = review.decide(key, action, g.account.name, corrected)
        archive = current_app.extensions["precedent.archive"]
        with archive.writer(g.account.name) as writer:
            refresh = getattr(writer, "refresh_review", None)
            if refresh is not None:
                refresh(identifier)
    except (ArchiveError, ValueError) as error:
        flash(f"Not recorded: {error}")
        return redirect(url_for("review.queue")), 303
    log.info("%s %s proposed fact %s", g.account.name, action, key)
    flash(f"Recorded: {action} — {item.summary}")
    return redirect(url_for("review.queue")), 303


def _visible() -> tuple[str, ...]:
    from .auth import visible_levels

    return visible_levels()
