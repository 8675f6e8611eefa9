"""``/ingest``: editors upload one minutes file and see, per document, whether it was stored,
unchanged or refused (and why). Reading and validating happen here; storing goes through the
archive's single writer, one document at a time, all or nothing."""

from __future__ import annotations

import logging
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from flask import Blueprint, current_app, g, render_template, request
from werkzeug.utils import secure_filename

from ingest import formats
from ingest.document import Document, ReaderError

from .auth import role_required, visible_levels

log = logging.getLogger(__name__)
blueprint = Blueprint("upload", __name__)

UPLOAD_FORMATS = tuple(name for name in formats.READERS)


@dataclass
class Outcome:
    """What happened to one document of the upload."""

    identifier: str
    status: str  # stored | unchanged | refused
    detail: str = ""


@blueprint.route("/ingest", methods=["GET", "POST"])
@role_required("editor", "admin")
def ingest_page() -> Any:
    levels = visible_levels()
    if request.method == "GET":
        return render_template(
            "upload.html", levels=levels, formats=UPLOAD_FORMATS, outcomes=None, error=None
        )
    upload = request.files.get("file")
    if upload is None or not upload.filename:
        return _refuse(levels, "choose a minutes file to upload (field 'file')")
    level = request.form.get("level") or None
    if level is not None and level not in levels:
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
        outcomes = store(path, fmt, level, levels)
    status = 200 if all(o.status != "refused" for o in outcomes) else 422
    return render_template(
        "upload.html", levels=levels, formats=UPLOAD_FORMATS, outcomes=outcomes, error=None, filename=name
    ), status


def _refuse(levels: tuple[str, ...], message: str) -> Any:
    return render_template(
        "upload.html", levels=levels, formats=UPLOAD_FORMATS, outcomes=None, error=message
    ), 400


def store(path: Path, fmt: str, level: str | None, levels: tuple[str, ...]) -> list[Outcome]:
    """Read ``path``, validate each document and put the good ones; a refusal never stops the others."""
    archive = current_app.extensions["precedent.archive"]
    minter = current_app.extensions["precedent.minter"]
    account = g.account
    outcomes: list[Outcome] = []
    try:
        items = list(
            formats.read(
                path,
                fmt,
                level=level,
                minter=minter,
                resolver=_resolver(minter),
                known_decisions=_known_decisions(levels[-1]),
            )
        )
    except ReaderError as error:
        return [Outcome(path.name, "refused", f"{error.location}: {error.problem}")]
    except (OSError, ValueError) as error:
        return [Outcome(path.name, "refused", f"cannot be read: {error}")]
    with archive.writer(account.name, clearance=account.level) as writer:
        for item in items:
            if isinstance(item, ReaderError):
                outcomes.append(Outcome(item.location, "refused", item.problem))
                continue
            problem = _problem(item, levels, archive)
            if problem:
                outcomes.append(Outcome(item.identifier, "refused", problem))
                continue
            try:
                result = writer.put(item)
            except ValueError as error:
                outcomes.append(Outcome(item.identifier, "refused", str(error)))
                continue
            outcomes.append(Outcome(item.identifier, result.status, item.title))
            log.info("%s uploaded %s: %s", account.name, item.identifier, result.status)
    return outcomes


def _problem(document: Document, levels: tuple[str, ...], archive: Any) -> str | None:
    """Why this document may not be stored by this editor, or ``None``."""
    if document.access_level not in levels:
        return (
            f"its access level is {document.access_level!r}, above your clearance; "
            f"choose a level up to {levels[-1]!r}"
        )
    existing = archive.ledger.document(document.identifier)
    if existing is not None and existing.level not in levels:
        # Same answer as for any clash: do not confirm what a higher-level document is called.
        return "a document with this identifier exists that you may not replace"
    try:
        from ingest.validate import validate
    except ImportError:
        return None
    violations = validate(document.graph)
    if violations:
        return "does not satisfy the shapes: " + "; ".join(str(v) for v in violations[:5])
    return None


def _resolver(minter: Any) -> Any:
    try:
        from ingest.resolve import Resolver
    except ImportError:
        return None
    return Resolver(minter)


_DECISION_IDENTIFIERS = """
PREFIX prec: <https://w3id.org/precedent/ontology#>
SELECT ?identifier WHERE { ?decision a prec:Decision ; prec:identifier ?identifier }
"""


def _known_decisions(level: str) -> Any:
    # Only decisions the uploader may see: a link to an unseen decision must not be confirmed or denied.
    archive = current_app.extensions["precedent.archive"]
    result = archive.view(level).query(_DECISION_IDENTIFIERS, max_rows=None)
    known = {str(row[0]) for row in result.rows}
    return known.__contains__
