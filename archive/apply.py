"""Applying one journalled write (a batch of puts, or a removal) to every level's store and text index.

The same code runs on replay. Each document's triples were converted once, in the writer; every level
reuses them and filters only a document that names an entity owned above that level (rare). After the
documents, the entity graphs of every shared entity the write touched are rebuilt from the ledger.
Which store holds what is decided by ``clearance.py``; this module only carries it out.
"""

from __future__ import annotations

import logging
from bisect import bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING

import pyoxigraph as ox
from rdflib import URIRef

from . import clearance, subjects, summaries
from .batch import IndexBatch, side_by_side
from .descriptions import fact_lines, parse_facts
from .indexing import document_records, touched_actors
from .journal import JournalEntry
from .ledger import DocumentRow
from .terms import GraphContent, GraphText, Quads, RdfTriple, from_ox_once, nt_term, rdf_triples
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
SUBJECT_OF_GRAPH = "SELECT ?g ?s WHERE { GRAPH ?g { ?s ?p ?o } } LIMIT 1"


def as_graph(graphs: Iterable[Iterable[RdfTriple]]) -> TripleSet:
    return TripleSet(graphs)


def graph_roles(archive: Archive, row: DocumentRow) -> dict[str, str]:
    """The graphs a ledger row owns, by role (``clearance.claim_graphs``)."""
    return {
        row.graph: "import" if row.format == "rdf" else "document",
        archive.reviewed_graph_iri(row.identifier): "reviewed",
    }


def described_triples(facts: Iterable[str]) -> list[RdfTriple]:
    """rdflib triples of a document's facts about shared entities (N-Triples texts from the ledger).

    Each distinct term is made once: a document's facts name the same entities and predicates again and
    again (FRUS Paris vol. I, the 411 documents' facts: 0.10-0.13 s → 0.08 s; what is stored is identical).
    """
    term = from_ox_once()
    # one parse of all the texts (each ends without a line break): a call per entity cost more than its lines
    text = "\n".join(t for t in facts if t)
    return [
        (term(t.subject), term(t.predicate), term(t.object))  # type: ignore[misc]
        for t in parse_facts(text)
    ]


def stored_document(archive: Archive, level: str, row: DocumentRow) -> TripleSet:
    """A document as a level's store holds it, with its facts about shared entities: what indexing reads."""
    store = archive.store(level)
    graphs = [store.triples(row.graph), store.triples(archive.reviewed_graph_iri(row.identifier))]
    described = described_triples(archive.ledger.facts_of(row.identifier).values())
    if described:
        owners = archive.ledger.owner_ranks(clearance.iris_in(described))
        graphs.append(clearance.visible(described, owners, archive.levels.rank(level)))
    return TripleSet(graphs)


def apply_entry(archive: Archive, entry: JournalEntry, batch: IndexBatch) -> None:
    """Write the stores now; queue the index work (and the ledger's ``stored`` mark) in ``batch``."""
    if entry.action == "batch":
        _apply_puts(archive, entry.parts, entry.changed_entities, entry.described_entities, batch)
    elif entry.action == "put":  # a single put, journalled before writes were batched
        _apply_puts(archive, [entry], entry.changed_entities, sorted(entry.described), batch)
    elif entry.action == "remove":
        _apply_remove(archive, entry, batch)
    else:
        raise ValueError(f"journal entry for {entry.identifier!r} has unknown action {entry.action!r}")


@dataclass
class Derived:
    """What every level's write takes from a document's content alone, whatever the ledger says.

    The writer derives it when it accepts the document (``derive``), while the next file is still being
    read, so that applying a batch is left with the ledger, the store loads and the index commit; a
    replayed journal entry derives it again from its quads.
    """

    described: list[RdfTriple]  # its facts about shared entities, as the ledger will hold them
    iris: set[str]  # every IRI in subject or object position: what an owner rank could hide
    actors: set[str]  # persons and organisations it names
    records: list[IndexRecord]  # the index records of the whole (unfiltered) document


def derive(
    archive: Archive,
    identifier: str,
    source: dict[str, list[RdfTriple]],
    facts: Iterable[str],
    described: list[RdfTriple] | None = None,
) -> Derived:
    """``Derived`` of a document: ``source`` its graphs as rdflib triples, ``facts`` its N-Triples facts.

    ``described``: the triples ``facts`` were made from, when the caller has them; otherwise they are
    read back from ``facts`` (a replayed journal entry). Making rdflib terms again from the text cost
    the writer 0.1-0.2 s a FRUS volume.
    """
    described = described_triples(facts) if described is None else described
    triples = TripleSet([*source.values(), described])
    return Derived(
        described=described,
        iris={str(x) for x in triples.iris()},  # ``clearance.iris_in`` of its graphs and facts
        actors=touched_actors(triples, archive.config.base_iri),
        records=document_records(triples, identifier),
    )


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
        derived = entry.derived
        if not isinstance(derived, Derived):  # a replayed entry: derived again from its quads
            source = entry.source or {g: rdf_triples(_quads(qs)) for g, qs in entry.graphs.items()}
            derived = derive(archive, self.identifier, source, entry.described.values())
        self.described = derived.described
        self.iris = derived.iris
        self.actors = derived.actors
        self._records = derived.records
        self.highest_owner = -1

    def records(self) -> list[IndexRecord]:
        """The index records of the whole (unfiltered) document."""
        return self._records

    def at(self, rank: int, owners: dict[str, int]) -> tuple[dict[str, Quads | GraphText], list[IndexRecord]]:
        """The graphs and index records a store at ``rank`` gets of this document."""
        if self.highest_owner <= rank:  # the common case: nothing in it is owned above this level
            return self.entry.graphs, self.records()
        visible = {
            g: Quads(clearance.visible(_quads(qs), owners, rank)) for g, qs in self.entry.graphs.items()
        }
        described = clearance.visible(self.described, owners, rank)
        records = document_records(
            as_graph([*(rdf_triples(qs) for qs in visible.values()), described]), self.identifier
        )
        graphs: dict[str, Quads | GraphText] = dict(visible)
        return graphs, records


def write_levels(archive: Archive, level_writes: Mapping[str, Mapping[str, GraphContent]]) -> None:
    """Replace graphs in several levels' stores at once, each level's writes atomic as before.

    Each level's store is its own database and Oxigraph loads outside Python's lock, so the levels are
    written side by side: FRUS 1864's 138k quads over three levels took 0.45 s against 0.79 s one after
    the other as bulk loads, 1.03 against 1.95 s as transactions (two cores). A remote SPARQL store is
    written one level after the other.
    """
    side_by_side(
        [
            partial(archive.store(level).replace_graphs, writes)
            for level, writes in level_writes.items()
            if writes
        ],
        archive.config.store != "sparql",
    )


def _quads(graph: Quads | GraphText) -> Quads:
    return graph.quads() if isinstance(graph, GraphText) else graph


def _apply_puts(
    archive: Archive, entries: list[JournalEntry], changed: list[str], described: list[str], batch: IndexBatch
) -> None:
    """Apply a batch of puts: one ledger transaction, then one store write per level, then descriptions."""
    ledger, levels = archive.ledger, archive.levels
    puts = [_Put(archive, entry) for entry in entries]
    with ledger.transaction():
        for put in puts:
            ledger.upsert_document(put.row)
            ledger.set_owned_entities(put.identifier, put.rank, put.entry.entities, put.entry.described)
            ledger.set_graph_owners(put.identifier, put.rank, graph_roles(archive, put.row))
    # owners as they are with the whole batch in the ledger, so the batch's documents filter each other
    owners = ledger.owner_ranks(set().union(*(put.iris for put in puts)))
    for put in puts:
        put.highest_owner = max((owners.get(iri, -1) for iri in put.iris), default=-1)
    level_writes: dict[str, dict[str, Quads | GraphText]] = {}
    for level in levels:
        rank = levels.rank(level)
        writes: dict[str, Quads | GraphText] = {}
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
            level_writes[level] = writes
    write_levels(archive, level_writes)
    for put in puts:
        batch.written(put.identifier)
    refilter(archive, changed, batch, exclude={put.identifier for put in puts}, described=described)


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
    refilter(
        archive, entry.changed_entities, batch, exclude=row.identifier, described=entry.described_entities
    )


def rebuild_descriptions(archive: Archive, entities: Iterable[str], batch: IndexBatch | None = None) -> int:
    """Rewrite the entity graph of each entity at every level from the ledger (``clearance.description``),
    and the page summary of each body and administration among them from that level's store
    (``archive.summaries``; the documents are already written when this runs).

    Returns the number of entity graphs written (empty ones are dropped) across levels.
    """
    entities = sorted(set(entities))
    if not entities:
        return 0
    ledger, levels = archive.ledger, archive.levels
    written = 0
    for start in range(0, len(entities), 2000):  # bounds the size of one store update
        chunk = entities[start : start + 2000]
        # the facts stay N-Triples text: each entity graph is the lines its level may see, without a
        # term object per triple (``clearance.description_lines``)
        facts: dict[str, list[tuple[int, Sequence[clearance.FactLine]]]] = {
            e: [(rank, fact_lines(text)) for rank, text in rows]
            for e, rows in ledger.entity_facts(chunk).items()
        }
        owners = ledger.owner_ranks(
            {*facts, *(iri for rows in facts.values() for _, said in rows for iri, _ in said if iri)}
        )
        graphs = {entity: _EntityGraph(archive, entity, facts.get(entity, []), owners) for entity in chunk}
        level_writes: dict[str, dict[str, Quads | GraphText]] = {}
        for level in levels:
            rank = levels.rank(level)
            writes: dict[str, Quads | GraphText] = level_writes.setdefault(level, {})
            for entity in chunk:
                text = graphs[entity].at(rank)
                writes[graphs[entity].graph] = text
                triples = text.count
                written += bool(triples)
                summarised = summaries.summary_graph_iri(archive.minter, entity, subjects.SUMMARISED)
                if summarised is not None:
                    # only where the entity is described: a level that cannot see it holds no summary
                    kind, summary = summarised
                    found = (
                        summaries.compute(archive.store(level), entity, subjects.SUMMARISED[kind])
                        if triples
                        else {}
                    )
                    writes[summary] = summaries.quads(summary, found)
            if batch is not None:
                batch.touch_actors(level, chunk)
        write_levels(archive, level_writes)  # a level's summaries read only its own store
    return written


class _EntityGraph:
    """One entity's graph at each level, made once for all the levels where it cannot differ.

    ``clearance.description_lines`` depends on the rank only through ``fact rank <= rank`` and ``owner
    rank <= rank``, so between two of those ranks the graph stays the same: most entities, described
    and owned at the lowest level, get one text for every level (a rebuild made it once per level).
    """

    def __init__(
        self,
        archive: Archive,
        entity: str,
        facts: list[tuple[int, Sequence[clearance.FactLine]]],
        owners: dict[str, int],
    ) -> None:
        self.entity, self.facts, self.owners = entity, facts, owners
        self.graph = archive.entity_graph_iri(entity)
        self._name = str(ox.NamedNode(self.graph))
        said = {iri for _, lines in facts for iri, _ in lines if iri}
        self._changes = sorted({rank for rank, _ in facts} | {owners.get(iri, -1) for iri in {entity, *said}})
        self._made: dict[int, GraphText] = {}

    def at(self, rank: int) -> GraphText:
        """The graph's N-Quads at ``rank``."""
        key = bisect_right(self._changes, rank)  # how many of the ranks where it changes are <= rank
        text = self._made.get(key)
        if text is None:
            lines = clearance.description_lines(self.entity, self.facts, rank, self.owners)
            end = f" {self._name} .\n"
            text = self._made[key] = GraphText(self._name, "".join(line + end for line in lines), len(lines))
        return text


def rebuild_summaries(archive: Archive) -> int:
    """Write the page summary of every described body and administration at every level (an archive
    written before summaries gets them here; until then, or until a write touches an entity, its pages
    ask the engine). The caller holds the writer. Returns the number of entity graphs written."""
    summarised = [
        entity
        for entity in archive.ledger.described_entities()
        if (archive.minter.split(entity) or ("",))[0] in subjects.SUMMARISED
    ]
    return rebuild_descriptions(archive, summarised)


def refilter(
    archive: Archive,
    entities: list[str],
    batch: IndexBatch,
    exclude: str | set[str] | None = None,
    described: Iterable[str] = (),
) -> None:
    """Rewrite the lower-level copies of every document and description naming an entity whose owner
    level changed, and the entity graphs of ``described`` (the entities the write touched)."""
    rebuild = set(described)
    rows: dict[str, DocumentRow] = {}
    if entities:
        top = archive.store(archive.levels.top)
        graph_iris: set[str] = set()
        for start in range(0, len(entities), 200):
            values = " ".join(nt_term(URIRef(e)) for e in entities[start : start + 200])
            graph_iris.update(
                str(r["g"]) for r in top.select(GRAPHS_MENTIONING.format(values=values)) if "g" in r
            )
        excluded = {exclude} if isinstance(exclude, str) else set(exclude or ())
        for graph_iri in graph_iris:
            row = archive.document_of_graph(graph_iri)
            if row is not None and row.identifier not in excluded:
                rows[row.identifier] = row
            elif row is None:
                for r in top.select(SUBJECT_OF_GRAPH, {"g": URIRef(graph_iri)}):
                    if isinstance(r.get("s"), URIRef) and archive.entity_graph_iri(str(r["s"])) == graph_iri:
                        rebuild.add(str(r["s"]))
        rebuild.update(entities)
    for row in rows.values():
        log.info("re-filtering %s after an ownership change", row.identifier)
        rewrite_lower_levels(archive, row, batch)
    rebuild_descriptions(archive, rebuild, batch)


def rewrite_lower_levels(archive: Archive, row: DocumentRow, batch: IndexBatch) -> None:
    """Write a document's graphs into the stores from its level up to below the top, from the top store."""
    levels = archive.levels
    top = archive.store(levels.top)
    names = [row.graph, archive.reviewed_graph_iri(row.identifier)]
    graphs = {g: top.triples(g) for g in names}
    described = described_triples(archive.ledger.facts_of(row.identifier).values())
    owners = archive.ledger.owner_ranks(
        clearance.iris_in([*(t for ts in graphs.values() for t in ts), *described])
    )
    actors = touched_actors(as_graph([*graphs.values(), described]), archive.config.base_iri)
    level_writes: dict[str, dict[str, list[RdfTriple]]] = {}
    for level in clearance.levels_receiving(levels, row.level):
        if level == levels.top:
            continue  # the top store holds everything already
        rank = levels.rank(level)
        filtered = level_writes[level] = {g: clearance.visible(ts, owners, rank) for g, ts in graphs.items()}
        records = document_records(
            as_graph([*filtered.values(), clearance.visible(described, owners, rank)]), row.identifier
        )
        batch.replace(level, row.identifier, records)
        batch.touch_actors(level, actors)
    write_levels(archive, level_writes)
