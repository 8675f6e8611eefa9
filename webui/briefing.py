"""The briefing pack and the commitments list on the web: ``/briefing/{kind}/{slug}``, ``/commitments``
and ``/api/commitments``. Everything is read through the reader's ``View``, so a pack or a list never
holds anything above the reader's clearance, and a subject the reader may not see is a 404.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from flask import Blueprint, Response, abort, jsonify, render_template, request

from archive import briefing as briefs
from archive import subjects
from archive.commitments import STATUSES, CommitmentFilter, commitments
from archive.standing import as_of_date

from . import briefing_formats
from .auth import current_view

blueprint = Blueprint("briefing", __name__)


def requested_as_of() -> dt.date:
    """The ``as_of`` of the request (default today); a 400 that says how to write it otherwise."""
    try:
        return as_of_date(request.args.get("as_of"))
    except ValueError as error:
        abort(400, str(error))


def subject(kind: str, slug: str, kinds: tuple[str, ...] = subjects.BRIEFING_KINDS) -> tuple[Any, str]:
    """The reader's view and the subject's IRI, or a 404 (unknown, or above the reader's level)."""
    from .entities import entity_iri  # the entity pages use this module's helpers in turn

    iri = entity_iri(kind, slug) if kind in kinds else None
    view = current_view()
    if iri is None or not subjects.known(view, iri):
        abort(404, "there is no such subject")
    return view, iri


def link(iri: str) -> str:
    """The page of an IRI minted here (or a glossary topic), else the IRI itself."""
    from . import entity_path

    return entity_path(iri) or iri


@blueprint.route("/briefing/<kind>/<slug>")
def briefing(kind: str, slug: str) -> Any:
    fmt = request.args.get("format", "html")
    if fmt not in briefing_formats.FORMATS:
        abort(400, f"format must be one of {', '.join(briefing_formats.FORMATS)}")
    as_of = requested_as_of()
    view, iri = subject(kind, slug)
    pack = briefs.build(view, kind, iri, as_of)
    root = request.url_root.rstrip("/")

    def absolute(target: str) -> str:  # a downloaded file is read away from the site: full addresses
        path = link(target)
        return root + path if path.startswith("/") else path

    body = briefing_formats.render(
        pack, fmt, link if fmt == "html" else absolute, back=f"{link(iri)}?as_of={as_of}"
    )
    response = Response(body, mimetype=briefing_formats.FORMATS[fmt].split(";")[0])
    if fmt != "html":
        name = f"briefing-{kind}-{slug}-{as_of}.{fmt}"
        response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _filter() -> tuple[dt.date, CommitmentFilter]:
    as_of = requested_as_of()
    status = request.args.get("status") or None
    if status is not None and status not in STATUSES:
        abort(400, f"status must be one of {', '.join(STATUSES)}")
    due = request.args.get("due_by") or None
    try:
        due_by = dt.date.fromisoformat(due) if due else None
    except ValueError:
        abort(400, "due_by must be a date written YYYY-MM-DD")
    wanted = {}
    for name in ("owner", "body", "topic"):
        value = (request.args.get(name) or "").strip()
        if value:
            kind = "person" if name == "owner" else name
            iri = _iri_or_slug(value, kind)
            if iri is None:
                abort(400, f"{name} must be an IRI of this archive or a slug, not {value[:60]!r}")
            wanted[name] = iri
    return as_of, CommitmentFilter(status=status, due_by=due_by, **wanted)


def _iri_or_slug(value: str, kind: str) -> str | None:
    from .entities import entity_iri

    if "://" in value:
        from archive.pages import term

        try:
            return str(term(value))
        except ValueError:
            return None
    if kind == "body":
        kind = "organisation"
    # an owner is a person or an organisation: accept either page's slug
    return entity_iri(kind, value)


@blueprint.route("/commitments")
def commitments_page() -> Any:
    as_of, wanted = _filter()
    found = commitments(current_view(), as_of, wanted)
    owners = sorted({(c.owner, c.owner_label or c.owner) for c in found if c.owner}, key=lambda t: t[1])
    return render_template(
        "commitments.html",
        commitments=found,
        as_of=as_of,
        wanted=wanted,
        statuses=STATUSES,
        owners=owners,
        counts={s: sum(1 for c in found if c.status == s) for s in STATUSES},
    )


@blueprint.route("/api/commitments")
def commitments_api() -> Any:
    as_of, wanted = _filter()
    found = commitments(current_view(), as_of, wanted)
    return jsonify(
        {
            "as_of": as_of.isoformat(),
            "level": current_view().level,
            "count": len(found),
            "commitments": [c.as_json() for c in found],
        }
    )


__all__ = ["blueprint", "link", "requested_as_of", "subject"]
