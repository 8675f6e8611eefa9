"""The one writer: puts documents into every store at or above their level, with ledger, originals and index.

``put`` checks and converts a document at once (its result is final) but buffers the write; a full
buffer, ``flush`` and leaving the ``with`` block write the buffered documents as one batch: one journal
entry (``journal.py``), one ledger transaction, one atomic store write and one index commit per level.
Replaying a journal entry is the same ``apply`` call, so a crash at any point rolls forward on the next
``Archive.open``; documents still buffered when a process dies were never journalled and are absent
whole. What a document says about shared entities (persons, bodies, posts…) is taken out of its graph
and kept per entity (``descriptions.py``); which level sees what is decided in ``clearance.py``.
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

from . import clearance, descriptions
from .actors import apply_merges, merge_map
from .apply import Derived, derive, described_triples
from .batch import IndexBatch
from .errors import ArchiveError, ImportRefused, WriterBusy
from .indexing import touched_actors
from .journal import JournalEntry, batch_identifier, entry_path, write_entry
from .ledger import ActorMerge, DocumentRow
from .rdfimport import parse_rdf
from .terms import GraphText, RdfTriple, TextConverter
from .triples import TripleSet

if TYPE_CHECKING:
    from .archive import Archive
    from .contracts import StorableDocument

log = logging.getLogger(__name__)

#: A batch is written when it holds this many documents or triples: an index commit costs ~100 ms and a
#: store transaction ~10 ms whatever their size, so fewer, larger batches are faster. 300 generated
#: minutes (210k triples) went through the writer in 11.0 s with batches of 50k triples, 9.3 s with 150k,
#: and no faster with 400k; peak RSS of that run rose from 652 MB to 705 MB.
BATCH_DOCUMENTS = 1024
BATCH_TRIPLES = 150_000


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
    # ``p in {rdf:type}`` compares by hash first (in C): ``p == rdf_type`` ran rdflib's ``__eq__`` in
    # Python for every triple, ~0.6 µs each
    rdf_type = {RDF.type}
    return {str(s) for s, p, _ in triples if p in rdf_type and isinstance(s, URIRef)}


class TripleRefused(ArchiveError, ValueError):
    """A document holds a triple the store cannot hold (e.g. an invalid IRI); nothing of it is stored."""


@dataclass
class _Buffered:
    """A put accepted but not yet written."""

    row: DocumentRow
    previous_level: str | None
    entities: set[str]
    graphs: dict[str, GraphText]
    described: dict[str, str]
    derived: Derived


class Writer:
    """The archive's single writer; obtained with ``with archive.writer(user) as w:``."""

    def __init__(
        self, archive: Archive, user: str, wait: float | None = None, clearance: str | None = None
    ) -> None:
        self.archive = archive
        self.user = user
        #: the clearance of the person writing (``None``: the archive's operator); see ``claim_graphs``
        self.clearance = archive.levels.validate(clearance) if clearance is not None else None
        self.wait = archive.config.writer_wait if wait is None else wait
        self._lock_file: int | None = None
        self.batch = IndexBatch(archive)
        self._buffer: dict[str, _Buffered] = {}
        self._buffered_graphs: dict[str, str] = {}  # graph IRI → identifier of the buffered document
        self._buffered_triples = 0
        self._converter = TextConverter()
        self._merges: dict[str, str] | None = None  # alias → actor, read from the ledger on first use

    @property
    def merges(self) -> dict[str, str]:
        if self._merges is None:
            self._merges = merge_map(self.archive.ledger)
        return self._merges

    # locking
    def __enter__(self) -> Writer:
        self.archive._thread_lock.acquire()
        try:
            self._lock_file = _acquire(self.archive.config.data_dir / "writer.lock", self.wait)
        except BaseException:
            self.archive._thread_lock.release()
            raise
        try:
            # every level's store and index is opened now (RocksDB takes 0.05-0.15 s a store), while the
            # readers of an ingest start, rather than by the first batch's writes
            for level in self.archive.levels:
                self.archive.store(level)
                self.archive.index(level)
        except BaseException:
            self._release()
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        try:
            self.flush()
        finally:
            self._release()

    def flush(self) -> None:
        """Write the buffered documents and commit the index: all documents put so far are stored, found.

        The last batch's index commits and the stores' flush run side by side in one ``IndexBatch.flush``,
        as they did already when the buffer was empty. When it held documents (the actor pass's rewrites),
        the batch used to be committed first and the stores flushed alone after it: 0.12-0.18 s more at the
        end of FRUS 1872 and of the FRUS folder, mostly waiting on the disk.
        """
        self._write_buffer(index=False)
        self.batch.flush()

    def write_buffer(self) -> None:
        """Write the buffered documents to the stores now; their index work joins the next commit."""
        self._require_lock()
        self._write_buffer(index=False)

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
    def put(self, document: StorableDocument) -> PutResult:
        """Store one ``ingest.document.Document``: all of it at every level that may see it, or nothing."""
        self._require_lock()
        archive = self.archive
        level = archive.levels.validate(document.access_level)
        graph_iri = archive.minter.graph(document.identifier)
        triples = apply_merges(document.triples(), self.merges)
        own, described = descriptions.split(triples)
        decisions = document.count_of_type(PREC.Decision)
        existing = archive.ledger.document(document.identifier)
        buffered = self._buffer.get(document.identifier)
        # the latest accepted version is the buffered one if any, else the ledger's
        latest = buffered.row if buffered else existing
        if (
            latest
            and latest.sha256 == document.content_hash
            and latest.level == level
            and (buffered is not None or self._complete(latest))
        ):
            archive.review.propose(document)
            return PutResult(
                "unchanged", document.identifier, latest.graph, level, latest.triples, latest.decisions
            )
        reviewed_iri = archive.reviewed_graph_iri(document.identifier)
        self._make_room(document.identifier, [graph_iri, reviewed_iri])
        clearance.claim_graphs(
            archive, document.identifier, {graph_iri: "document", reviewed_iri: "reviewed"}, self.clearance
        )
        if self.clearance is not None and archive.levels.rank(level) > archive.levels.rank(self.clearance):
            raise clearance.GraphRefused(
                f"{document.identifier!r}: level {level!r} is above your clearance; choose a lower level"
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
        self._write(row, {graph_iri: own}, existing, described)
        return PutResult("stored", document.identifier, graph_iri, level, len(triples), decisions)

    def import_rdf(self, path: Path, graph_iri: str, level: str, fmt: str | None = None) -> PutResult:
        """Load raw RDF from ``path`` into the named graph ``graph_iri``; bad RDF is refused whole."""
        self._require_lock()
        level = self.archive.levels.validate(level)
        try:
            ox.NamedNode(graph_iri)
        except ValueError:
            raise ImportRefused(f"graph {graph_iri!r} is not a valid absolute IRI") from None
        reviewed_iri = self.archive.reviewed_graph_iri(graph_iri)
        self._make_room(graph_iri, [graph_iri, reviewed_iri])
        try:
            clearance.claim_graphs(
                self.archive, graph_iri, {graph_iri: "import", reviewed_iri: "reviewed"}, self.clearance
            )
        except clearance.GraphRefused as refused:
            raise ImportRefused(str(refused)) from None
        data = Path(path).read_bytes()
        digest = sha256(data).hexdigest()
        existing = self.archive.ledger.document(graph_iri)
        buffered = self._buffer.get(graph_iri)
        latest = buffered.row if buffered else existing
        if (
            latest
            and latest.sha256 == digest
            and latest.level == level
            and (buffered is not None or self._complete(latest))
        ):
            # the same bytes were parsed and stored before: ``store_vocabulary`` on every ingest ends here
            return PutResult("unchanged", graph_iri, graph_iri, level, latest.triples, latest.decisions)
        triples = parse_rdf(data, str(path), fmt)
        self._keep_original(data, digest)
        rdf_type, decision = RDF.type, PREC.Decision
        decisions = len({s for s, p, o in triples if p == rdf_type and o == decision})
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
        self._write(row, {graph_iri: triples}, existing, {})  # an import is kept as given, in its own graph
        return PutResult("stored", graph_iri, graph_iri, level, len(triples), decisions)

    def remove(self, identifier: str) -> bool:
        """Remove a document from every store, index and the ledger; ``False`` if the archive never had it."""
        self._require_lock()
        self._write_buffer()  # the removal must see (and remove) a buffered version too
        archive = self.archive
        row = archive.ledger.document(identifier)
        if row is None:
            return False
        old_entities = archive.ledger.owned_entities(identifier)
        before = archive.ledger.owner_ranks(old_entities)
        after = archive.ledger.owner_ranks(old_entities, excluding={identifier})
        top_triples = archive.store(archive.levels.top).triples(row.graph)
        described = sorted(archive.ledger.described_entities_of([identifier]))
        entry = JournalEntry(
            action="remove",
            identifier=identifier,
            level=row.level,
            row=row.as_dict(),
            entities=[],
            changed_entities=clearance.visibility_changed(old_entities, before, after),
            actors=sorted(touched_actors(TripleSet([top_triples]), archive.config.base_iri) | set(described)),
            described_entities=described,
        )
        self._journal_and_apply(entry)
        return True

    def refresh_review(self, identifier: str) -> None:
        """Rewrite a document's reviewed graph after an editor's decision (main graph unchanged)."""
        self._require_lock()
        self._write_buffer()  # the main graph is read back from the top store
        archive = self.archive
        row = archive.ledger.document(identifier)
        if row is None:
            raise ArchiveError(f"no document {identifier!r} in the archive")
        main = archive.store(archive.levels.top).triples(row.graph)
        self._write(row, {row.graph: main}, row, archive.ledger.facts_of(identifier))

    def decide_actors(
        self,
        alias: str,
        canonical: str,
        status: str,
        score: float = 1.0,
        reason: str = "",
        rewrite: bool = True,
    ) -> list[str]:
        """Record that actor ``alias`` is (``merged``), may be (``proposed``) or is not ``canonical``.

        A merge rewrites every stored document naming the alias (at once, or with ``rewrite=False`` when
        the caller then calls ``rewrite_naming`` once for many merges). A rejection (an editor's split)
        keeps the two apart from then on; documents already rewritten by an earlier merge name the
        joined actor until they are read again, and their identifiers are returned for that.
        """
        self._require_lock()
        if status not in ("merged", "proposed", "rejected"):
            raise ArchiveError(f"unknown actor decision {status!r}; use merged, proposed or rejected")
        if alias == canonical:
            raise ArchiveError("an actor cannot be merged into itself")
        self._write_buffer()
        ledger = self.archive.ledger
        previous = ledger.actor_merge(alias)
        # who may see this pair: an editor cleared for the higher owner level of the two (kept, as the
        # alias's own rows go once it is merged)
        rank = max([*ledger.owner_ranks([alias, canonical]).values(), previous.level_rank if previous else 0])
        with ledger.transaction():
            ledger.set_actor_merge(
                ActorMerge(alias, canonical, status, score, reason, self.user, _now(), rank)
            )
        self._merges = None
        if status == "merged":
            if rewrite:
                self.rewrite_naming([alias])
            return []
        if status == "rejected" and previous is not None and previous.status == "merged":
            return sorted(ledger.documents_naming([canonical]))
        return []

    def rewrite_naming(self, aliases: list[str]) -> int:
        """Store again, through the current merges, every document naming one of ``aliases``."""
        self._require_lock()
        identifiers = sorted(self.archive.ledger.documents_naming(aliases))
        for identifier in identifiers:
            self.rewrite(identifier)
        return len(identifiers)

    def rewrite(self, identifier: str) -> None:
        """Store a document again from what the archive holds, through the current actor merges."""
        self._require_lock()
        archive = self.archive
        row = archive.ledger.document(identifier)
        if row is None:
            return
        stored = archive.store(archive.levels.top).triples(row.graph)
        facts = described_triples(archive.ledger.facts_of(identifier).values())
        triples = apply_merges(stored + facts, self.merges)
        if row.format == "rdf":  # an import is kept as given, in its own graph
            self._write(row, {row.graph: triples}, row, {})
            return
        own, described = descriptions.split(triples)
        self._write(row, {row.graph: own}, row, described)

    # the write path shared by put, import and refresh
    def _write(
        self,
        row: DocumentRow,
        graphs: dict[str, list[RdfTriple]],
        existing: DocumentRow | None,
        described: dict[str, list[RdfTriple]] | dict[str, str],
    ) -> None:
        """Convert the document (refusing it whole on a bad triple) and buffer it for the next batch.

        ``described``: what it says about shared entities (triples, or N-Triples already made).
        """
        archive = self.archive
        reviewed_iri = archive.reviewed_graph_iri(row.identifier)
        source = {**graphs, reviewed_iri: list(archive.review.accepted_graph(row.identifier))}
        try:
            converted = {g: self._converter.graph(g, ts) for g, ts in source.items()}
            facts = {
                e: ts if isinstance(ts, str) else self._converter.facts(ts) for e, ts in described.items()
            }
        except (ValueError, TypeError) as exc:
            raise TripleRefused(
                f"document {row.identifier!r}: {exc}; nothing of this document was stored"
            ) from None
        # index records and the rest every level's write needs, derived now, while the readers read on
        # the facts as triples when ``put`` gave them so (not ledger text): spares reading them back
        as_triples = all(not isinstance(ts, str) for ts in described.values())
        made = [t for ts in described.values() for t in ts] if as_triples else None
        derived = derive(archive, row.identifier, source, facts.values(), made)  # type: ignore[arg-type]
        row.status = "writing"
        self._forget_buffered(row.identifier)
        self._buffer[row.identifier] = _Buffered(
            row=row,
            previous_level=existing.level if existing else None,
            entities=typed_entities([t for ts in source.values() for t in ts])
            | typed_entities([t for ts in described.values() if not isinstance(ts, str) for t in ts])
            | set(facts),
            graphs=converted,
            described=facts,
            derived=derived,
        )
        self._buffered_graphs.update(dict.fromkeys(converted, row.identifier))
        self._buffered_triples += sum(text.count for text in converted.values())
        if len(self._buffer) >= BATCH_DOCUMENTS or self._buffered_triples >= BATCH_TRIPLES:
            self._write_buffer()

    def _make_room(self, identifier: str, graph_iris: list[str]) -> None:
        """Write the buffer first if another buffered document uses one of these graphs."""
        if any(self._buffered_graphs.get(g, identifier) != identifier for g in graph_iris):
            self._write_buffer()

    def _forget_buffered(self, identifier: str) -> None:
        old = self._buffer.pop(identifier, None)
        if old is not None:
            self._buffered_triples -= sum(text.count for text in old.graphs.values())
            for g in old.graphs:
                self._buffered_graphs.pop(g, None)

    def _write_buffer(self, index: bool = True) -> None:
        """Journal and apply the buffered documents as one batch, then commit the index.

        ``index=False`` leaves the index work of the batch queued for the next commit (``IndexBatch``):
        the batch is in the stores, and its journal entry stays until that commit, so a crash before it
        replays the batch whole, store and index.
        """
        if not self._buffer:
            return
        buffered = list(self._buffer.values())
        self._buffer.clear()
        self._buffered_graphs.clear()
        self._buffered_triples = 0
        ledger = self.archive.ledger
        identifiers = {b.row.identifier for b in buffered}
        # owner levels before and after the batch: documents outside it naming a changed entity get refiltered
        affected = ledger.owned_entities_of(identifiers).union(*(b.entities for b in buffered))
        before = ledger.owner_ranks(affected)
        after = ledger.owner_ranks(affected, excluding=identifiers)
        described = ledger.described_entities_of(identifiers).union(*(b.described for b in buffered))
        for b in buffered:
            rank = self.archive.levels.rank(b.row.level)
            for entity in b.entities:
                after[entity] = min(after.get(entity, rank), rank)
        parts = [
            JournalEntry(
                action="put",
                identifier=b.row.identifier,
                level=b.row.level,
                row=b.row.as_dict(),
                entities=sorted(b.entities),
                changed_entities=[],
                previous_level=b.previous_level,
                graphs=dict(b.graphs),
                described=b.described,
                derived=b.derived,
            )
            for b in buffered
        ]
        entry = JournalEntry(
            action="batch",
            identifier=batch_identifier(),
            level="",
            row=None,
            entities=[],
            changed_entities=clearance.visibility_changed(affected, before, after),
            parts=parts,
            described_entities=sorted(described),
        )
        log.debug("writing a batch of %d documents", len(parts))
        self._journal_and_apply(entry)
        if index:
            self.batch.flush(stores=False)

    def _journal_and_apply(self, entry: JournalEntry) -> None:
        path = write_entry(self.archive.journal_dir, entry)
        self.archive.apply(entry, self.batch)
        self.batch.journalled(path, entry.action, entry.identifier)

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
