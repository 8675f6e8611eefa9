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


# ------------------------------------------------------------------ actors: merge or split (issue #12)
@blueprint.route("/review/actors")
@role_required("editor", "admin")
def actors() -> Any:
    """Pairs of actors resolution was unsure of, and the merges it made, for an editor to confirm."""
    archive = current_app.extensions["precedent.archive"]
    pairs = [_pair(archive, m) for m in archive.ledger.actor_merges() if m.status in ("proposed", "merged")]
    return render_template("review_actors.html", pairs=[p for p in pairs if p is not None])


@blueprint.route("/review/actors/decide", methods=["POST"])
@role_required("editor", "admin")
def decide_actors() -> Any:
    """``action=merge`` (the same actor) or ``action=split`` (two actors) for the pair of ``alias``."""
    archive = current_app.extensions["precedent.archive"]
    action = request.form.get("action", "")
    merge = archive.ledger.actor_merge(request.form.get("alias", ""))
    # a pair naming an actor above the editor's level is answered as if it did not exist
    if merge is None or _pair(archive, merge) is None or action not in ("merge", "split"):
        flash("There is no such pair of actors.")
        return redirect(url_for("review.actors")), 303
    status = "merged" if action == "merge" else "rejected"
    try:
        with archive.writer(g.account.name, clearance=current_level()) as writer:
            again = writer.decide_actors(merge.alias, merge.canonical, status, 1.0, f"{action} by an editor")
    except (ArchiveError, ValueError) as error:
        flash(f"Not recorded: {error}")
        return redirect(url_for("review.actors")), 303
    log.info("%s %s actors %s and %s", g.account.name, action, merge.alias, merge.canonical)
    message = f"Recorded: {action}."
    if again:
        message += f" {len(again)} document(s) name the joined actor until they are ingested again."
    flash(message)
    return redirect(url_for("review.actors")), 303


def _pair(archive: Any, merge: Any) -> dict[str, Any] | None:
    """The pair as this editor may see it, or ``None`` when either actor is above the editor's level."""
    level = current_level()
    rank = archive.levels.rank(level)
    owners = archive.ledger.owner_ranks([merge.alias, merge.canonical])
    if merge.level_rank > rank or any(owners.get(iri, -1) > rank for iri in (merge.alias, merge.canonical)):
        return None
    view = archive.view(level)
    return {
        "alias": merge.alias,
        "canonical": merge.canonical,
        "alias_label": view.label(merge.alias) or merge.alias.rsplit("/", 1)[-1],
        "canonical_label": view.label(merge.canonical) or merge.canonical.rsplit("/", 1)[-1],
        "status": merge.status,
        "reason": merge.reason,
        "score": merge.score,
        "decided_by": merge.decided_by,
    }


def _visible() -> tuple[str, ...]:
    from .auth import visible_levels

    return visible_levels()
