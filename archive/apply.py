"""Applying one journalled write to every level's store and text index (the same code runs on replay).

Also the level filter: a store at level L never receives a triple whose subject or object is an
entity typed only by documents above L.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import TYPE_CHECKING

from rdflib import URIRef

from .batch import IndexBatch
from .indexing import document_records, touched_actors
from .journal import JournalEntry
from .ledger import DocumentRow
from .terms import RdfTriple, nt_term
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
    if entry.action == "put":
        _apply_put(archive, entry, batch)
    elif entry.action == "remove":
        _apply_remove(archive, entry, batch)
    else:
        raise ValueError(f"journal entry for {entry.identifier!r} has unknown action {entry.action!r}")


def _apply_put(archive: Archive, entry: JournalEntry, batch: IndexBatch) -> None:
    ledger, levels = archive.ledger, archive.levels
    row = DocumentRow(**entry.row)  # type: ignore[arg-type]
    row.status = "writing"
    doc_rank = levels.rank(row.level)
    with ledger.transaction():
        ledger.upsert_document(row)
        ledger.set_owned_entities(row.identifier, doc_rank, entry.entities)
    all_triples = [t for ts in entry.graphs.values() for t in ts]
    owners = ledger.owner_ranks(iris_of(all_triples))
    actors = touched_actors(as_graph(entry.graphs.values()), archive.config.base_iri)
    previous_rank = levels.rank(entry.previous_level) if entry.previous_level in levels.names else None
    for level in levels:
        rank = levels.rank(level)
        if rank < doc_rank:
            if previous_rank is not None and previous_rank <= rank:  # the document moved up: leave this level
                archive.store(level).drop_graphs(entry.graphs)
                batch.remove(level, row.identifier)
                batch.touch_actors(level, actors)
            continue
        filtered = {g: visible_at(ts, owners, rank) for g, ts in entry.graphs.items()}
        archive.store(level).replace_graphs(filtered)
        batch.replace(level, row.identifier, document_records(as_graph(filtered.values()), row.identifier))
        batch.touch_actors(level, actors)
    refilter(archive, entry.changed_entities, batch, exclude=row.identifier)


def _apply_remove(archive: Archive, entry: JournalEntry, batch: IndexBatch) -> None:
    ledger = archive.ledger
    row = DocumentRow(**entry.row)  # type: ignore[arg-type]
    with ledger.transaction():
        ledger.delete_document(row.identifier)
        archive.review.forget(row.identifier)
    graphs = [row.graph, archive.reviewed_graph_iri(row.identifier)]
    for level in archive.levels:
        archive.store(level).drop_graphs(graphs)
        batch.remove(level, row.identifier)
        batch.touch_actors(level, entry.actors)
    refilter(archive, entry.changed_entities, batch, exclude=row.identifier)


def refilter(archive: Archive, entities: list[str], batch: IndexBatch, exclude: str | None = None) -> None:
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
    rows: dict[str, DocumentRow] = {}
    for graph_iri in graph_iris:
        row = archive.document_of_graph(graph_iri)
        if row is not None and row.identifier != exclude:
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
