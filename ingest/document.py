"""The typed result of reading a source: what one source document says, ready for the archive.

A reader fills these plain objects; the archive's single writer stores them. Nothing here talks
to a store or an index.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph


class ReaderError(Exception):
    """A source document that cannot be read; the message says where and what, for a person to fix.

    ``location`` is the most precise place known: ``file:line``, ``file#element-id`` or
    ``file:field``. The CLI prints ``location: message`` and refuses only this document.
    """

    def __init__(self, location: str, problem: str) -> None:
        super().__init__(f"{location}: {problem}")
        self.location = location
        self.problem = problem


@dataclass
class ProposedFact:
    """A fact a heuristic reader extracted with low confidence, held for an editor's review.

    ``key`` is stable across re-ingest of the same source (derived from the rule and the passage),
    so an editor's accept / correct / reject decision survives re-reading the file. ``triples``
    are what will join the document's graph once accepted.
    """

    key: str
    rule: str
    confidence: float
    summary: str
    passage_iri: str
    passage_text: str
    triples: Graph


@dataclass
class Document:
    """One source document (a set of minutes, one FRUS document, one council meeting) as RDF.

    ``graph`` holds every triple the document yields, all of which the archive writes into one
    named graph minted from ``identifier``. ``content_hash`` identifies this document's content:
    the same hash again is a no-op. ``original`` is the source file's bytes (for a FRUS volume,
    the whole volume, shared by its documents), kept by ``original_hash``.
    """

    identifier: str
    title: str
    source_format: str
    access_level: str
    graph: Graph
    content_hash: str
    reader: str
    reader_version: str
    source_path: str | None = None
    original: bytes | None = None
    original_hash: str | None = None
    unresolved_mentions: list[str] = field(default_factory=list)
    proposed: list[ProposedFact] = field(default_factory=list)

    def __post_init__(self) -> None:
        if self.original is not None and self.original_hash is None:
            self.original_hash = sha256_hex(self.original)


log = logging.getLogger(__name__)


def single_document(path: Path, build: Callable[[], Document]) -> Iterator[Document | ReaderError]:
    """What a one-document reader yields: the ``Document`` that ``build`` makes, or the one refusal.

    A file that cannot be read, or a bug in a reader, costs this one document and never the whole run.
    """
    try:
        document = build()
    except ReaderError as error:
        yield error
        return
    except OSError as error:
        yield ReaderError(str(path), f"cannot read the file: {error.strerror or error}")
        return
    except Exception as error:  # noqa: BLE001 - see the docstring
        log.exception("reader failed on %s", path)
        yield ReaderError(
            str(path), f"could not be read ({type(error).__name__}: {error}); nothing was stored"
        )
        return
    yield document


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
