"""Entity graphs: each shared entity (person, body, post, place, …) described once per level.

Readers copy an actor's label, types, aliases and memberships into every document that names it. The
writer takes those triples out of the document (``split``), keeps them in the ledger per (entity,
document), and maintains one named graph per entity and level holding the union of what the documents
at or below that level say about it (``clearance.description``). Document graphs keep their own facts
and refer to entities by IRI, so the union default graph states each label once and a query without
``DISTINCT`` gives each answer once.

Entity graph IRIs live under ``{base}graph/entity/``; a document identifier cannot mint them (a
document's graph slug holds no ``/``) and an import into them is refused (``clearance.claim_graphs``).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from functools import lru_cache

import pyoxigraph as ox
from rdflib import RDF, SKOS, BNode, URIRef

from ontology import PREC, IriMinter

from .indexing import ORGANISATION_CLASSES
from .terms import RdfTriple, ntriples_lines

#: Classes whose instances are shared across documents and described in entity graphs.
SHARED_CLASSES = frozenset(
    {
        PREC.Person,
        PREC.Post,
        PREC.Membership,
        PREC.Place,
        PREC.Administration,
        SKOS.Concept,
        *ORGANISATION_CLASSES,
    }
)

ENTITY_GRAPHS = "graph/entity/"


def entity_graph_iri(minter: IriMinter, entity: str) -> str:
    """The graph holding ``entity``'s description: ``{base}graph/entity/{kind}/{slug}`` for our IRIs."""
    split = minter.split(entity)
    if split is not None:
        kind, slug = split
        return f"{minter.base}{ENTITY_GRAPHS}{kind}/{slug}"
    return f"{minter.base}{ENTITY_GRAPHS}iri/{hashlib.sha256(entity.encode('utf-8')).hexdigest()[:40]}"


def is_entity_graph(minter: IriMinter, graph_iri: str) -> bool:
    return graph_iri.startswith(minter.base + ENTITY_GRAPHS)


def shared_entities(triples: Iterable[RdfTriple]) -> set[URIRef]:
    """IRIs the triples type with a shared class."""
    rdf_type = {RDF.type}  # a set: compared by hash first, not by rdflib's ``__eq__`` for every triple
    return {s for s, p, o in triples if p in rdf_type and o in SHARED_CLASSES and isinstance(s, URIRef)}


def split(triples: list[RdfTriple]) -> tuple[list[RdfTriple], dict[str, list[RdfTriple]]]:
    """A document's own triples, and what it says about each shared entity (as N-Triples-safe triples).

    A triple about a shared entity whose object is a blank node stays in the document: blank nodes are
    scoped to their document's graph and could not be shared.
    """
    shared = shared_entities(triples)
    own: list[RdfTriple] = []
    described: dict[str, list[RdfTriple]] = {}
    for triple in triples:
        subject, _, obj = triple
        if subject in shared and not isinstance(obj, BNode):
            described.setdefault(str(subject), []).append(triple)
        else:
            own.append(triple)
    return own, described


def facts_text(triples: Iterable[RdfTriple]) -> str:
    """N-Triples of one document's facts about one entity, sorted (stable across re-ingest)."""
    return "\n".join(sorted(set(ntriples_lines(triples))))


def parse_facts(text: str) -> list[ox.Triple]:
    if not text:
        return []
    return list(ox.parse(text.encode("utf-8"), ox.RdfFormat.N_TRIPLES))


@lru_cache(maxsize=65_536)
def fact_lines(text: str) -> tuple[tuple[str | None, str], ...]:
    """The lines of ``facts_text`` as ``clearance.description_lines`` takes them: (object IRI or ``None``,
    the triple's N-Triples without `` .``), read from the text alone.

    Every line is ``<subject> <predicate> object .`` as pyoxigraph writes it: an IRI holds no space or
    ``>``, so the object starts after the second ``> ``, and it is an IRI exactly when it starts with
    ``<`` (a literal starts with ``"``; facts hold no blank node, ``split`` keeps those in the document).
    Parsing every document's facts again for each entity graph was the writer's largest cost after a
    batch (FRUS Paris vol. I: 1.3 s of 3 s in ``rebuild_descriptions``). Kept for the next rebuild of the
    session (the actor pass's batch reads most of the same facts again); the result is not to be changed.
    """
    lines: list[tuple[str | None, str]] = []
    for line in text.split("\n"):
        if not line:
            continue
        triple = line[:-2]  # " ." off
        obj = triple[triple.index("> ", triple.index("> ") + 2) + 2 :]
        lines.append((obj[1:-1] if obj[0] == "<" else None, triple))
    return tuple(lines)
