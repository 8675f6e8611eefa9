"""The clearance rule, in one place: which level's store holds which triple, description and graph.

Levels are ordered, lowest first (``levels.py``); a reader at a level reads that level's store, which
physically holds nothing above it. What a store at rank ``r`` holds:

1. **Documents.** A document at level L is written into the store of L and of every level above it
   (``levels_receiving``); when it moves up, the stores below its new level drop it.
2. **Entities.** An entity is *owned* at the lowest level of any document that types it (ledger
   ``entity_owner``; entities nobody types are owned nowhere and shown everywhere). A store at rank
   ``r`` holds no triple whose subject or object is an IRI owned only above ``r``: a triple that
   links to or names something from a higher-level document takes the higher level (``visible``).
3. **Descriptions.** A shared entity (person, body, post, place…) is described once per level, in its
   entity graph: at rank ``r``, the union of what the documents at or below ``r`` say about it,
   filtered by rule 2 (``description``). So its description is visible at the lowest level of any
   document that names it, and no higher document's words about it reach a lower store.
4. **Graphs.** A named graph belongs to the document or import that wrote it (ledger ``graph_owner``),
   whatever its level: no write may mint or replace a graph that another document, another import or
   the archive (entity graphs) owns, and a caller may not replace a document above its own clearance
   (``claim_graphs``). A refusal names the owner only when the caller may see it; otherwise it says
   the same thing whether or not anything exists above.

When a write changes an entity's owner rank in a way some store notices (``visibility_changed``), the
documents and descriptions naming it are re-filtered with the same functions (``apply.refilter``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

import pyoxigraph as ox
from rdflib import URIRef

from .descriptions import is_entity_graph
from .errors import ArchiveError
from .levels import Levels
from .terms import Quads

if TYPE_CHECKING:
    from .archive import Archive

T = TypeVar("T")


class GraphRefused(ArchiveError, ValueError):
    """A write that would mint or replace a named graph it does not own; nothing of it is stored."""


# ---------------------------------------------------------------- rule 1: which stores get a document
def levels_receiving(levels: Levels, level: str) -> tuple[str, ...]:
    """The levels whose stores hold a document at ``level``."""
    return levels.at_or_above(level)


# ------------------------------------------------------------------------------ rule 2: entity owners
def iri_of(term: object) -> str | None:
    """The IRI of an rdflib or pyoxigraph term, ``None`` for literals and blank nodes."""
    if isinstance(term, URIRef):
        return str(term)
    if isinstance(term, ox.NamedNode):
        return term.value
    return None


def iris_in(triples: Iterable[Any]) -> set[str]:
    """Every IRI in subject or object position (what an owner rank can hide)."""
    found: set[str] = set()
    for t in triples:
        for term in _ends(t):
            iri = iri_of(term)
            if iri is not None:
                found.add(iri)
    return found


def shown(term: object, owners: dict[str, int], rank: int) -> bool:
    """Whether a store at ``rank`` may hold a triple with ``term`` as subject or object."""
    iri = iri_of(term)
    return iri is None or owners.get(iri, -1) <= rank


def visible(triples: Iterable[T], owners: dict[str, int], rank: int) -> list[T]:
    """The triples (rdflib tuples or pyoxigraph quads) a store at ``rank`` may hold.

    Converted ``Quads`` stay ``Quads`` so stores take them without converting again.
    """
    out: list = Quads() if isinstance(triples, Quads) else []
    for t in triples:
        s, o = _ends(t)
        if shown(s, owners, rank) and shown(o, owners, rank):
            out.append(t)
    return out


def _ends(triple: Any) -> tuple[object, object]:
    """Subject and object of an rdflib triple (a tuple) or a pyoxigraph triple or quad."""
    if isinstance(triple, tuple):
        return triple[0], triple[2]
    return triple.subject, triple.object


def visibility_changed(entities: Iterable[str], before: dict[str, int], after: dict[str, int]) -> list[str]:
    """Entities whose new owner rank shows or hides them in some store, i.e. whose mentions need refiltering.

    A store at rank r shows an entity owned at rank ≤ r (unowned: -1), so a change between -1 and 0
    (the common first typing at the lowest level) changes nothing anywhere.
    """
    return sorted(
        e for e in entities if before.get(e) != after.get(e) and max(before.get(e, -1), after.get(e, -1)) > 0
    )


# ----------------------------------------------------------------------------- rule 3: descriptions
def description(
    facts: list[tuple[int, list[ox.Triple]]], rank: int, owners: dict[str, int]
) -> set[ox.Triple]:
    """An entity's description at ``rank``: the facts of documents at or below it, filtered by rule 2.

    ``facts``: (level rank of the document, what it says about the entity), one pair per document.
    """
    triples: set[ox.Triple] = set()
    for fact_rank, said in facts:
        if fact_rank <= rank:
            triples.update(said)
    return {t for t in triples if shown(t.subject, owners, rank) and shown(t.object, owners, rank)}


#: One line of a document's facts about an entity (``descriptions.fact_lines``): the IRI of its object
#: (``None`` for a literal), and the line as N-Triples without its closing `` .``.
FactLine = tuple[str | None, str]


def description_lines(
    entity: str, facts: list[tuple[int, Sequence[FactLine]]], rank: int, owners: dict[str, int]
) -> list[str]:
    """``description`` on the ledger's N-Triples lines, without a term object per triple: the same
    triples (every line is one triple, written by pyoxigraph, about ``entity``), sorted by their text.
    """
    if owners.get(entity, -1) > rank:  # every fact has the entity as its subject
        return []
    lines: set[str] = set()
    for fact_rank, said in facts:
        if fact_rank <= rank:
            lines.update(line for iri, line in said if iri is None or owners.get(iri, -1) <= rank)
    return sorted(lines)


# ----------------------------------------------------------------------------------- rule 4: graphs
def claim_graphs(archive: Archive, identifier: str, graphs: dict[str, str], caller_level: str | None) -> None:
    """Refuse (``GraphRefused``) a write of ``identifier`` that would mint ``graphs`` (IRI → role).

    ``caller_level`` is the clearance of whoever asked (``None``: the archive's operator, who sees all).
    Entity graphs belong to the archive; the reviewed-facts namespace holds only reviewed graphs.
    """
    levels = archive.levels
    caller_rank = levels.rank(caller_level) if caller_level is not None else len(levels.names) - 1
    reviewed_space = archive.reviewed_graph_iri("x")[:-1]

    def refuse(graph: str, owner: str | None = None, owner_rank: int | None = None) -> GraphRefused:
        if owner is not None and owner_rank is not None and owner_rank <= caller_rank:
            return GraphRefused(
                f"{identifier!r}: graph <{graph}> belongs to {owner!r}; choose another identifier or graph"
            )
        # the same words whether the owner is above the caller or the graph is reserved
        return GraphRefused(
            f"{identifier!r}: graph <{graph}> is not available to you; choose another identifier or graph"
        )

    for graph, role in graphs.items():
        if is_entity_graph(archive.minter, graph) or graph.startswith(reviewed_space) != (role == "reviewed"):
            raise refuse(graph)
        owner = archive.ledger.graph_owner(graph)
        if owner is None:
            continue
        if owner.identifier != identifier or owner.role != role:
            raise refuse(graph, owner.identifier, owner.level_rank)
        if owner.level_rank > caller_rank:  # the caller's own identifier, stored above its clearance
            raise refuse(graph)
    existing = archive.ledger.document(identifier)
    if existing is not None and levels.rank(existing.level) > caller_rank:
        raise refuse(next(iter(graphs)))
