"""Which reader reads a file: format detection by name and content, and one dispatch to the readers."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Protocol

from ontology import IriMinter

from .document import Document, ReaderError


class Reader(Protocol):
    """What a reader module offers: one function from a source file to the documents it holds.

    ``read`` yields one ``Document`` per document the file holds (a FRUS volume holds hundreds, a set of
    minutes one), or a ``ReaderError`` in place of a document it cannot read; it never raises for a bad
    source. ``level`` is the access level the documents get (``None``: the source's own, where it has
    one); ``minter`` mints every IRI; ``resolver`` (an ``ingest.resolve.Resolver``) turns names into
    the archive's people and organisations and is shared across files so one person stays one IRI. A
    reader may take more keywords (the Markdown reader: ``known_decisions``); ``formats.read`` passes
    them only to the readers that take them.
    """

    def read(
        self, path: Path, *, level: str | None, minter: IriMinter, resolver: object | None = None
    ) -> Iterator[Document | ReaderError]: ...


#: Format name → the module that implements ``Reader`` for it.
READERS: dict[str, str] = {
    "markdown": "ingest.minutes",
    "tei": "ingest.frus.reader",
    "text": "ingest.plaintext.text",
    "docx": "ingest.plaintext.docx",
    "pdf": "ingest.plaintext.pdf",
    "council-json": "ingest.council",
}

#: Raw RDF is not read into a Document: it goes straight to the archive's importer.
RDF_SUFFIXES: dict[str, str] = {
    ".ttl": "turtle",
    ".nt": "nt",
    ".nq": "nquads",
    ".trig": "trig",
    ".rdf": "xml",
    ".owl": "xml",
    ".jsonld": "json-ld",
}

_SUFFIXES = {".md": "markdown", ".markdown": "markdown", ".txt": "text", ".docx": "docx", ".pdf": "pdf"}
FORMATS = tuple(READERS) + ("rdf",)


def detect(path: Path) -> str | None:
    """The format name of ``path``, or ``None`` when Precedent has no reader for it."""
    suffix = path.suffix.lower()
    if suffix in _SUFFIXES:
        return _SUFFIXES[suffix]
    if suffix in RDF_SUFFIXES:
        return "rdf"
    if suffix in (".xml", ".json"):
        with path.open("rb") as handle:
            head = handle.read(65536).decode("utf-8", "replace")
        if suffix == ".xml" and "http://www.tei-c.org/ns/1.0" in head:
            return "tei"
        if suffix == ".xml" and "<rdf:RDF" in head:
            return "rdf"
        if suffix == ".json" and ('"meeting_type"' in head or '"items"' in head or '"present"' in head):
            return "council-json"
        if suffix == ".json" and '"@context"' in head:
            return "rdf"
    return None


def read(
    path: Path,
    fmt: str,
    *,
    level: str | None,
    minter: IriMinter,
    resolver: object | None = None,
    known_decisions: Callable[[str], bool] | None = None,
) -> Iterator[Document | ReaderError]:
    """Read ``path`` with the reader for ``fmt``; ``level`` overrides the source's own access level."""
    if fmt not in READERS:
        raise ValueError(f"no document reader for format {fmt!r}; readers: {', '.join(READERS)}")
    module: Reader = importlib.import_module(READERS[fmt])  # type: ignore[assignment]
    kwargs: dict[str, object] = {"minter": minter, "resolver": resolver}
    if fmt == "markdown":
        kwargs["known_decisions"] = known_decisions
        kwargs["level"] = level
    else:
        kwargs["level"] = level or "public"
    return module.read(path, **kwargs)


def discover(paths: list[Path]) -> Iterator[Path]:
    """Every file under the given files and folders, in a stable order, hidden files skipped."""
    for path in paths:
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and not any(
                    part.startswith(".") for part in child.relative_to(path).parts
                ):
                    yield child
        else:
            yield path
