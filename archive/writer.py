"""The one writer: puts documents into every store at or above their level, with ledger, originals and index.

Each write is journalled first (``journal.py``), then applied; replaying a journal entry is the same
``apply`` call, so a crash at any point rolls forward on the next ``Archive.open``. A triple naming an
entity that only a higher-level document types is written only at that higher level.
"""

from __future__ import annotations

import fcntl
import logging
import os
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from hashlib import sha256
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox
from rdflib import RDF, URIRef

from ontology import PREC

from .batch import IndexBatch
from .errors import ArchiveError, ImportRefused, WriterBusy
from .indexing import touched_actors
from .journal import JournalEntry, entry_path, write_entry
from .ledger import DocumentRow
from .rdfimport import parse_rdf
from .terms import RdfTriple
from .triples import TripleSet

if TYPE_CHECKING:
    from .archive import Archive

log = logging.getLogger(__name__)

#: Documents per index commit; a commit costs ~100 ms whatever its size.
BATCH_DOCUMENTS = 64


@dataclass
class PutResult:
    """What ``put`` did with one document."""

    status: str  # "stored" | "unchanged"
    identifier: str
    graph: str
    level: str
    triples: int
    decisions: int


def _now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def typed_entities(triples: list[RdfTriple]) -> set[str]:
    return {str(s) for s, p, _ in triples if p == RDF.type and isinstance(s, URIRef)}


class Writer:
    """The archive's single writer; obtained with ``with archive.writer(user) as w:``."""

    def __init__(self, archive: Archive, user: str, wait: float | None = None) -> None:
        self.archive = archive
        self.user = user
        self.wait = archive.config.writer_wait if wait is None else wait
        self._lock_file: int | None = None
        self.batch = IndexBatch(archive)

    # locking
    def __enter__(self) -> Writer:
        self.archive._thread_lock.acquire()
        try:
            self._lock_file = _acquire(self.archive.config.data_dir / "writer.lock", self.wait)
        except BaseException:
            self.archive._thread_lock.release()
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        try:
            self.flush()
        finally:
            self._release()

    def flush(self) -> None:
        """Commit the queued index work; after this every document put so far is searchable."""
        self.batch.flush()

    def _release(self) -> None:
        if self._lock_file is not None:
            fcntl.flock(self._lock_file, fcntl.LOCK_UN)
            os.close(self._lock_file)
            self._lock_file = None
        self.archive._thread_lock.release()

    def _require_lock(self) -> None:
        if self._lock_file is None:
            raise ArchiveError("use the writer as a context manager: `with archive.writer(user) as w:`")

    # public operations
    def put(self, document) -> PutResult:
        """Store one ``ingest.document.Document``: all of it at every level that may see it, or nothing."""
        self._require_lock()
        archive = self.archive
        level = archive.levels.validate(document.access_level)
        graph_iri = archive.minter.graph(document.identifier)
        triples = list(document.graph)
        decisions = sum(1 for _ in document.graph.subjects(RDF.type, PREC.Decision))
        existing = archive.ledger.document(document.identifier)
        if (
            existing
            and existing.sha256 == document.content_hash
            and existing.level == level
            and self._complete(existing)
        ):
            archive.review.propose(document)
            return PutResult(
                "unchanged", document.identifier, existing.graph, level, existing.triples, existing.decisions
            )
        if document.original is not None:
            self._keep_original(document.original, document.original_hash)
        archive.review.propose(document)
        row = DocumentRow(
            identifier=document.identifier,
            sha256=document.content_hash,
            format=document.source_format,
            level=level,
            graph=graph_iri,
            user=self.user,
            time=_now(),
            status="writing",
            original_hash=document.original_hash,
            title=document.title or "",
            decisions=decisions,
            triples=len(triples),
            reader=document.reader,
            reader_version=document.reader_version,
            source_path=document.source_path,
        )
        self._write(row, {graph_iri: triples}, existing)
        return PutResult("stored", document.identifier, graph_iri, level, len(triples), decisions)

    def import_rdf(self, path: Path, graph_iri: str, level: str, fmt: str | None = None) -> PutResult:
        """Load raw RDF from ``path`` into the named graph ``graph_iri``; bad RDF is refused whole."""
        self._require_lock()
        level = self.archive.levels.validate(level)
        try:
            ox.NamedNode(graph_iri)
        except ValueError:
            raise ImportRefused(f"graph {graph_iri!r} is not a valid absolute IRI") from None
        owner = self.archive.document_of_graph(graph_iri)
        if owner is not None and owner.identifier != graph_iri:
            raise ImportRefused(
                f"graph <{graph_iri}> holds document {owner.identifier!r}; import into another graph"
            )
        data = Path(path).read_bytes()
        graph = parse_rdf(data, str(path), fmt)
        triples = list(graph)
        digest = sha256(data).hexdigest()
        existing = self.archive.ledger.document(graph_iri)
        if existing and existing.sha256 == digest and existing.level == level and self._complete(existing):
            return PutResult("unchanged", graph_iri, graph_iri, level, existing.triples, existing.decisions)
        self._keep_original(data, digest)
        decisions = sum(1 for _ in graph.subjects(RDF.type, PREC.Decision))
        row = DocumentRow(
            identifier=graph_iri,
            sha256=digest,
            format="rdf",
            level=level,
            graph=graph_iri,
            user=self.user,
            time=_now(),
            status="writing",
            original_hash=digest,
            title=Path(path).name,
            decisions=decisions,
            triples=len(triples),
            reader="rdf-import",
            reader_version="1",
            source_path=str(path),
        )
        self._write(row, {graph_iri: triples}, existing)
        return PutResult("stored", graph_iri, graph_iri, level, len(triples), decisions)

    def remove(self, identifier: str) -> bool:
        """Remove a document from every store, index and the ledger; ``False`` if the archive never had it."""
        self._require_lock()
        archive = self.archive
        row = archive.ledger.document(identifier)
        if row is None:
            return False
        old_entities = archive.ledger.owned_entities(identifier)
        before = archive.ledger.owner_ranks(old_entities)
        after = archive.ledger.owner_ranks_without(old_entities, identifier)
        top_triples = archive.store(archive.levels.top).triples(row.graph)
        entry = JournalEntry(
            action="remove",
            identifier=identifier,
            level=row.level,
            row=row.as_dict(),
            entities=[],
            changed_entities=sorted(e for e in old_entities if before.get(e) != after.get(e)),
            actors=sorted(touched_actors(TripleSet([top_triples]), archive.config.base_iri)),
        )
        self._journal_and_apply(entry)
        return True

    def refresh_review(self, identifier: str) -> None:
        """Rewrite a document's reviewed graph after an editor's decision (main graph unchanged)."""
        self._require_lock()
        archive = self.archive
        row = archive.ledger.document(identifier)
        if row is None:
            raise ArchiveError(f"no document {identifier!r} in the archive")
        main = archive.store(archive.levels.top).triples(row.graph)
        self._write(row, {row.graph: main}, row)

    # the write path shared by put, import and refresh
    def _write(
        self, row: DocumentRow, graphs: dict[str, list[RdfTriple]], existing: DocumentRow | None
    ) -> None:
        archive = self.archive
        reviewed_iri = archive.reviewed_graph_iri(row.identifier)
        reviewed = list(archive.review.accepted_graph(row.identifier))
        graphs = {**graphs, reviewed_iri: reviewed}
        all_triples = [t for ts in graphs.values() for t in ts]
        entities = typed_entities(all_triples)
        old_entities = archive.ledger.owned_entities(row.identifier)
        affected = entities | old_entities
        rank = archive.levels.rank(row.level)
        before = archive.ledger.owner_ranks(affected)
        others = archive.ledger.owner_ranks_without(affected, row.identifier)
        after = {
            e: min(r for r in (others.get(e), rank if e in entities else None) if r is not None)
            for e in affected
            if e in others or e in entities
        }
        row.status = "writing"
        entry = JournalEntry(
            action="put",
            identifier=row.identifier,
            level=row.level,
            row=row.as_dict(),
            entities=sorted(entities),
            changed_entities=sorted(e for e in affected if before.get(e) != after.get(e)),
            previous_level=existing.level if existing else None,
            graphs=graphs,
        )
        self._journal_and_apply(entry)

    def _journal_and_apply(self, entry: JournalEntry) -> None:
        path = write_entry(self.archive.journal_dir, entry)
        self.archive.apply(entry, self.batch)
        self.batch.journalled(path, entry.action, entry.identifier)
        if len(self.batch) >= BATCH_DOCUMENTS:
            self.flush()

    def _complete(self, row: DocumentRow) -> bool:
        return row.status == "stored" or (row.status == "writing" and self.batch.pending(row.identifier))

    def _keep_original(self, data: bytes, digest: str | None) -> None:
        digest = digest or sha256(data).hexdigest()
        target = self.archive.config.data_dir / "originals" / digest[:2] / digest
        if target.exists():
            return
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_suffix(".tmp")
        tmp.write_bytes(data)
        os.replace(tmp, target)


def _acquire(path: Path, wait: float) -> int:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    deadline = time.monotonic() + wait
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return fd
        except BlockingIOError:
            if time.monotonic() >= deadline:
                os.close(fd)
                raise WriterBusy(
                    f"another writer holds {path} (waited {wait:g} s); try again later"
                ) from None
            time.sleep(0.05)


def journal_path_for(archive: Archive, identifier: str) -> Path:
    return entry_path(archive.journal_dir, identifier)
