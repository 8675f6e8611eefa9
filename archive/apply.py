"""Applying one journalled write (a batch of puts, or a removal) to every level's store and text index.

The same code runs on replay. Each document's triples were converted once, in the writer; every level
reuses them and filters only a document that names an entity owned above that level (rare).

Also the level filter: a store at level L never receives a triple whose subject or object is an
entity typed only by documents above L.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import TYPE_CHECKING

import pyoxigraph as ox
from rdflib import URIRef

from .batch import IndexBatch
from .indexing import document_records, touched_actors
from .journal import JournalEntry
from .ledger import DocumentRow
from .terms import Quads, RdfTriple, nt_term, rdf_triples
from .textindex import IndexRecord
from .triples import TripleSet

if TYPE_CHECKING:
    from .archive import Archive

log = logging.getLogger(__name__)

GRAPHS_MENTIONING = """
SELECT DISTINCT ?g WHERE {{
  VALUES ?e {{ {values} }}
  {{ GRAPH ?g {{ ?e ?p ?o }} }} UNION {{ GRAPH ?g {{ ?s ?p ?e }} }}
}}
"""


def iris_of(triples: Iterable[RdfTriple]) -> set[str]:
    return {str(t) for s, _, o in triples for t in (s, o) if isinstance(t, URIRef)}


def visible_at(triples: Iterable[RdfTriple], owners: dict[str, int], rank: int) -> list[RdfTriple]:
    """The triples a store at ``rank`` may hold: none naming an entity owned only above it."""

    def shown(term: object) -> bool:
        return not isinstance(term, URIRef) or owners.get(str(term), -1) <= rank

    return [t for t in triples if shown(t[0]) and shown(t[2])]


def as_graph(graphs: Iterable[Iterable[RdfTriple]]) -> TripleSet:
    return TripleSet(graphs)


def apply_entry(archive: Archive, entry: JournalEntry, batch: IndexBatch) -> None:
    """Write the stores now; queue the index work (and the ledger's ``stored`` mark) in ``batch``."""
    if entry.action == "batch":
        _apply_puts(archive, entry.parts, entry.changed_entities, batch)
    elif entry.action == "put":  # a single put, journalled before writes were batched
        _apply_puts(archive, [entry], entry.changed_entities, batch)
    elif entry.action == "remove":
        _apply_remove(archive, entry, batch)
    else:
        raise ValueError(f"journal entry for {entry.identifier!r} has unknown action {entry.action!r}")


class _Put:
    """One document of a batch, with what every level's write derives from it (computed once)."""

    def __init__(self, archive: Archive, entry: JournalEntry) -> None:
        levels = archive.levels
        self.entry = entry
        self.row = DocumentRow(**entry.row)  # type: ignore[arg-type]
        self.row.status = "writing"
        self.identifier = self.row.identifier
        self.rank = levels.rank(self.row.level)
        previous = entry.previous_level
        self.previous_rank = levels.rank(previous) if previous in levels.names else None
        self.iris = {
            t.value
            for quads in entry.graphs.values()
            for q in quads
            for t in (q.subject, q.object)
            if isinstance(t, ox.NamedNode)
        }
        source = entry.source or {g: rdf_triples(qs) for g, qs in entry.graphs.items()}
        self.triples = TripleSet(source.values())
        self.actors = touched_actors(self.triples, archive.config.base_iri)
        self._records: list[IndexRecord] | None = None
        self.highest_owner = -1

    def records(self) -> list[IndexRecord]:
        """The index records of the whole (unfiltered) document."""
        if self._records is None:
            self._records = document_records(self.triples, self.identifier)
        return self._records

    def at(self, rank: int, owners: dict[str, int]) -> tuple[dict[str, Quads], list[IndexRecord]]:
        """The graphs and index records a store at ``rank`` gets of this document."""
        if self.highest_owner <= rank:  # the common case: nothing in it is owned above this level
            return self.entry.graphs, self.records()
        graphs = {g: visible_quads(qs, owners, rank) for g, qs in self.entry.graphs.items()}
        records = document_records(as_graph(rdf_triples(qs) for qs in graphs.values()), self.identifier)
        return graphs, records


def visible_quads(quads: Quads, owners: dict[str, int], rank: int) -> Quads:
    """``visible_at`` for converted quads."""

    def shown(term: object) -> bool:
        return not isinstance(term, ox.NamedNode) or owners.get(term.value, -1) <= rank

    return Quads(q for q in quads if shown(q.subject) and shown(q.object))


def _apply_puts(archive: Archive, entries: list[JournalEntry], changed: list[str], batch: IndexBatch) -> None:
    """Apply a batch of puts: one ledger transaction, then one store write per level."""
    ledger, levels = archive.ledger, archive.levels
    puts = [_Put(archive, entry) for entry in entries]
    with ledger.transaction():
        for put in puts:
            ledger.upsert_document(put.row)
            ledger.set_owned_entities(put.identifier, put.rank, put.entry.entities)
    # owners as they are with the whole batch in the ledger, so the batch's documents filter each other
    owners = ledger.owner_ranks(set().union(*(put.iris for put in puts)))
    for put in puts:
        put.highest_owner = max((owners.get(iri, -1) for iri in put.iris), default=-1)
    for level in levels:
        rank = levels.rank(level)
        writes: dict[str, Quads] = {}
        for put in puts:
            if rank < put.rank:
                if put.previous_rank is not None and put.previous_rank <= rank:  # moved up: leave this level
                    writes.update({g: Quads() for g in put.entry.graphs})
                    batch.remove(level, put.identifier)
                    batch.touch_actors(level, put.actors)
                continue
            graphs, records = put.at(rank, owners)
            writes.update(graphs)
            batch.replace(level, put.identifier, records)
            batch.touch_actors(level, put.actors)
        if writes:
            archive.store(level).replace_graphs(writes)
    for put in puts:
        batch.written(put.identifier)
    refilter(archive, changed, batch, exclude={put.identifier for put in puts})


def _apply_remove(archive: Archive, entry: JournalEntry, batch: IndexBatch) -> None:
    ledger = archive.ledger
    row = DocumentRow(**entry.row)  # type: ignore[arg-type]
    batch.written_documents.discard(row.identifier)
    with ledger.transaction():
        ledger.delete_document(row.identifier)
        archive.review.forget(row.identifier)
    graphs = [row.graph, archive.reviewed_graph_iri(row.identifier)]
    for level in archive.levels:
        archive.store(level).drop_graphs(graphs)
        batch.remove(level, row.identifier)
        batch.touch_actors(level, entry.actors)
    refilter(archive, entry.changed_entities, batch, exclude=row.identifier)


def refilter(
    archive: Archive, entities: list[str], batch: IndexBatch, exclude: str | set[str] | None = None
) -> None:
    """Rewrite the lower-level copies of every document naming an entity whose owner level changed."""
    if not entities:
        return
    levels = archive.levels
    top = archive.store(levels.top)
    graph_iris: set[str] = set()
    for start in range(0, len(entities), 200):
        values = " ".join(nt_term(URIRef(e)) for e in entities[start : start + 200])
        graph_iris.update(
            str(r["g"]) for r in top.select(GRAPHS_MENTIONING.format(values=values)) if "g" in r
        )
    excluded = {exclude} if isinstance(exclude, str) else set(exclude or ())
    rows: dict[str, DocumentRow] = {}
    for graph_iri in graph_iris:
        row = archive.document_of_graph(graph_iri)
        if row is not None and row.identifier not in excluded:
            rows[row.identifier] = row
    for row in rows.values():
        log.info("re-filtering %s after an ownership change", row.identifier)
        rewrite_lower_levels(archive, row, batch)


def rewrite_lower_levels(archive: Archive, row: DocumentRow, batch: IndexBatch) -> None:
    """Write a document's graphs into the stores from its level up to below the top, from the top store."""
    levels = archive.levels
    top = archive.store(levels.top)
    names = [row.graph, archive.reviewed_graph_iri(row.identifier)]
    graphs = {g: top.triples(g) for g in names}
    owners = archive.ledger.owner_ranks(iris_of(t for ts in graphs.values() for t in ts))
    actors = touched_actors(as_graph(graphs.values()), archive.config.base_iri)
    for level in levels.at_or_above(row.level):
        if level == levels.top:
            continue  # the top store holds everything already
        rank = levels.rank(level)
        filtered = {g: visible_at(ts, owners, rank) for g, ts in graphs.items()}
        archive.store(level).replace_graphs(filtered)
        batch.replace(level, row.identifier, document_records(as_graph(filtered.values()), row.identifier))
        batch.touch_actors(level, actors)
