"""``/ingest``: editors upload one minutes file and see, per document, whether it was stored,
unchanged or refused (and why).

An upload goes through the one ingest pipeline (``ingest.pipeline``): the file is read and validated in
a worker process under memory, CPU and wall-clock limits (``UPLOAD_LIMITS``), then put by the archive's
single writer. The uploader chooses the level explicitly, up to their own clearance; nothing is stored
at a level they did not choose. A document stored with doubts (marked uncertain, facts sent to the review
queue) is said to be so, with a link to ``/review``. After anything is stored, the actors of the archive
are matched again (``resolve_after_ingest``), as after ``precedent ingest``.
"""

from __future__ import annotations

import logging
import tempfile
from pathlib import Path

from flask import Blueprint, current_app, g, render_template, request
from flask.typing import ResponseReturnValue
from werkzeug.utils import secure_filename

from archive import Archive
from archive.actors import resolve_actors
from ingest import formats
from ingest.document import Document
from ingest.pipeline import Clearance, IngestReport, Outcome, ReadLimits, ingest
from ingest.resolve_archive import match_records

from .auth import current_level, role_required, visible_levels

log = logging.getLogger(__name__)
blueprint = Blueprint("upload", __name__)

UPLOAD_FORMATS = tuple(name for name in formats.READERS)

#: Per uploaded file: 1 GiB of address space, 30 s of CPU (as the PDF text worker) and 60 s of wall-clock
#: time. Every FRUS volume of ../shared/data (up to 3.6 MB of TEI, 556 documents) reads within a 250 MB
#: cap in about 8 s on this loaded 2-core machine, so real minutes have a wide margin.
DEFAULT_UPLOAD_LIMITS = ReadLimits(memory_mb=1024, cpu_seconds=30, wall_seconds=60.0)


@blueprint.route("/ingest", methods=["GET", "POST"])
@role_required("editor", "admin")
def ingest_page() -> ResponseReturnValue:
    levels = visible_levels()
    if request.method == "GET":
        return _page(levels)
    upload = request.files.get("file")
    if upload is None or not upload.filename:
        return _refuse(levels, "choose a minutes file to upload (field 'file')")
    level = request.form.get("level") or None
    if level is None:
        return _refuse(levels, f"choose the access level to store this file at (up to {levels[-1]!r})")
    if level not in levels:
        return _refuse(levels, f"level {level!r} is not one you may write: {', '.join(levels)}")
    fmt = request.form.get("format") or None
    if fmt is not None and fmt not in UPLOAD_FORMATS:
        return _refuse(levels, f"format {fmt!r} has no reader; formats: {', '.join(UPLOAD_FORMATS)}")
    name = secure_filename(upload.filename) or "upload"
    with tempfile.TemporaryDirectory(prefix="precedent-upload-") as folder:
        path = Path(folder) / name
        upload.save(path)
        fmt = fmt or formats.detect(path)
        if fmt is None or fmt == "rdf":
            why = (
                "raw RDF is loaded with `precedent import FILE --graph IRI`"
                if fmt == "rdf"
                else f"cannot tell the format of {name!r}; choose one of {', '.join(UPLOAD_FORMATS)}"
            )
            return _refuse(levels, why)
        report = store(path, name, fmt, level, levels)
    status = 200 if not report.refused else 422
    return _page(levels, outcomes=report.outcomes, filename=name, chosen=level, report=report), status


def _page(
    levels: tuple[str, ...],
    *,
    outcomes: list[Outcome] | None = None,
    error: str | None = None,
    filename: str | None = None,
    chosen: str | None = None,
    report: IngestReport | None = None,
) -> str:
    return render_template(
        "upload.html",
        levels=levels,
        formats=UPLOAD_FORMATS,
        outcomes=outcomes,
        # documents stored with what could be read: the uploader is sent to the review queue for them
        in_doubt=report.in_doubt if report is not None else [],
        facts_to_review=report.facts_to_review if report is not None else 0,
        error=error,
        filename=filename,
        chosen=chosen or request.form.get("level") or "",
    )


def _refuse(levels: tuple[str, ...], message: str) -> ResponseReturnValue:
    return _page(levels, error=message), 400


def store(path: Path, name: str, fmt: str, level: str, levels: tuple[str, ...]) -> IngestReport:
    """Read ``path`` in a capped worker, validate each document and put the good ones at ``level``."""
    archive: Archive = current_app.extensions["precedent.archive"]
    account = g.account
    report = ingest(
        [(path, fmt)],
        archive.writer(account.name, clearance=account.level),
        clearance=Clearance(levels=tuple(archive.config.levels), writable=levels, chosen_level=level),
        base_iri=archive.config.base_iri,
        # only decisions the uploader may see: a link to an unseen decision must not be confirmed or denied
        known_decisions=archive.view(current_level()).decision_identifiers(),
        names={path: name},
        limits=current_app.config.get("UPLOAD_LIMITS") or DEFAULT_UPLOAD_LIMITS,
        guard=lambda document: _may_replace(archive, document, levels),
    )
    for outcome in report.outcomes:
        log.info("%s uploaded %s: %s", account.name, outcome.identifier, outcome.status)
    resolve_after_ingest(archive, account.name, report)
    return report


def resolve_after_ingest(
    archive: Archive, user: str, report: IngestReport, whole_archive: bool = False
) -> None:
    """The actor resolution pass ``precedent ingest`` runs, when this ingest stored anything.

    An upload resolves only the actors its documents name (the pass over the whole archive took 5 s
    with nothing to merge and 81 s with three merges on all of ../shared/data, too long to keep a
    person waiting on the upload page); ``whole_archive`` runs the whole pass, as the CLI's ingest
    handed to a running server expects.

    The uploader is told nothing of it: its merges may touch actors above their clearance, and the
    proposals wait in the review queue, shown to each editor at their own level.
    """
    if not report.stored:
        return
    stored = [outcome.identifier for outcome in report.outcomes if outcome.status == "stored"]
    focus = None if whole_archive else archive.ledger.owned_entities_of(stored)
    resolution = resolve_actors(archive, user, match_records, focus=focus)
    log.info("actors after %s's ingest: %d merged, %d proposed", user, resolution.merged, resolution.proposed)


def _may_replace(archive: Archive, document: Document, levels: tuple[str, ...]) -> str | None:
    """Why this editor may not store this document over what the archive holds, or ``None``."""
    existing = archive.ledger.document(document.identifier)
    if existing is not None and existing.level not in levels:
        # Same answer as for any clash: do not confirm what a higher-level document is called.
        return "a document with this identifier exists that you may not replace"
    return None
