"""Shared entities are described once per level, in entity graphs kept exact by the writer.

A person or body named by many documents is stated once in the union default graph, so a query
without DISTINCT gives each answer once; its description at a level holds only what documents at or
below that level say, and it follows re-ingest, removal, level changes and crash replay.
"""

from __future__ import annotations

from rdflib import RDFS, Literal

from archive import Archive
from ontology import PREC
from tests import archive_fixtures as fixtures
from tests.archive_fixtures import DecisionSpec, DocumentSpec, make_document, person_iri, simple_document

archive = fixtures.archive
engine = fixtures.engine

DECIDED_BY_LABEL = """
PREFIX prec: <https://w3id.org/precedent/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?d ?l WHERE { ?d a prec:Decision ; prec:decidedBy ?b . ?b rdfs:label ?l }
"""
ANA = person_iri("Ana Rivera")


def rows(archive: Archive, level: str, query: str) -> list[tuple[str, ...]]:
    return [tuple(str(v) for v in row.values()) for row in archive.store(level).select(query)]


def description(archive: Archive, level: str, iri) -> set[tuple[str, str]]:
    return {(str(p), str(o)) for _, p, o in archive.store(level).triples(archive.entity_graph_iri(str(iri)))}


def with_alias(identifier: str, alias: str, level: str = "public"):
    """A document that also gives Ana Rivera an alias (what a reader resolving names would add)."""
    document = simple_document(identifier, level=level)
    document.graph.add((ANA, PREC.alias, Literal(alias)))
    document.content_hash = fixtures.content_hash(document.graph)
    return document


def test_a_query_without_distinct_gives_each_answer_once(archive):
    with archive.writer("editor") as writer:
        for n in range(5):
            writer.put(simple_document(f"MIN-{n}", label=f"Decision {n}"))
    found = rows(archive, "public", DECIDED_BY_LABEL)
    assert len(found) == len(set(found)) == 5
    labels = rows(archive, "public", f"SELECT ?l WHERE {{ <{ANA}> <{RDFS.label}> ?l }}")
    assert labels == [("Ana Rivera",)]
    # and no document graph repeats the person's label
    for n in range(5):
        graph = archive.store("public").triples(archive.minter.graph(f"MIN-{n}"))
        assert not any(s == ANA and p == RDFS.label for s, p, _ in graph)
        assert any(o == ANA for _, _, o in graph), "the document still refers to her by IRI"


def test_reingest_replaces_what_the_document_said_about_an_entity(archive):
    with archive.writer("editor") as writer:
        writer.put(with_alias("MIN-1", "A. Rivera"))
        writer.put(simple_document("MIN-2"))
    assert (str(PREC.alias), "A. Rivera") in description(archive, "public", ANA)
    with archive.writer("editor") as writer:
        writer.put(with_alias("MIN-1", "Councillor Rivera"))
    found = description(archive, "public", ANA)
    assert (str(PREC.alias), "Councillor Rivera") in found
    assert (str(PREC.alias), "A. Rivera") not in found
    assert archive.check().ok


def test_removal_keeps_an_entity_while_a_document_names_it_and_drops_it_after(archive):
    with archive.writer("editor") as writer:
        writer.put(with_alias("MIN-1", "A. Rivera"))
        writer.put(simple_document("MIN-2"))
        writer.remove("MIN-1")
    found = description(archive, "public", ANA)
    assert (str(RDFS.label), "Ana Rivera") in found and (str(PREC.alias), "A. Rivera") not in found
    with archive.writer("editor") as writer:
        writer.remove("MIN-2")
    for level in archive.levels:
        assert description(archive, level, ANA) == set()
        assert archive.entity_graph_iri(str(ANA)) not in archive.store(level).graph_iris()
    assert archive.check().ok


def test_a_description_is_visible_at_the_lowest_level_naming_it_with_only_that_levels_words(archive):
    with archive.writer("editor") as writer:
        writer.put(with_alias("SEC-1", "Agent Orchid", level="restricted"))
    assert description(archive, "public", ANA) == set()
    assert (str(PREC.alias), "Agent Orchid") in description(archive, "restricted", ANA)
    with archive.writer("editor") as writer:
        writer.put(simple_document("PUB-1"))
    public = description(archive, "public", ANA)
    assert (str(RDFS.label), "Ana Rivera") in public
    assert (str(PREC.alias), "Agent Orchid") not in public, "a restricted document's words leaked down"
    assert (str(PREC.alias), "Agent Orchid") in description(archive, "restricted", ANA)
    # moving the public document up takes the person out of the public store
    with archive.writer("editor") as writer:
        writer.put(simple_document("PUB-1", level="internal"))
    assert description(archive, "public", ANA) == set()
    assert (str(RDFS.label), "Ana Rivera") in description(archive, "internal", ANA)
    assert not rows(archive, "public", f"SELECT ?p ?o WHERE {{ <{ANA}> ?p ?o }}")
    assert archive.check().ok


def test_an_entity_owned_above_a_level_is_cut_from_lower_descriptions(archive):
    """A public person's membership in a body only a restricted document types stays restricted."""
    secret_body = fixtures.MINTER.entity("organisation", "Secret Committee")
    public = make_document(DocumentSpec("PUB-1", decisions=[DecisionSpec("Tram", "Trams.")]))
    public.graph.add((ANA, PREC.memberOf, fixtures.URIRef(secret_body)))
    public.content_hash = fixtures.content_hash(public.graph)
    with archive.writer("editor") as writer:
        writer.put(public)
    assert (str(PREC.memberOf), secret_body) in description(archive, "public", ANA)
    with archive.writer("editor") as writer:
        writer.put(simple_document("SEC-1", level="restricted", body="Secret Committee"))
    assert (str(PREC.memberOf), secret_body) not in description(archive, "public", ANA)
    assert (str(PREC.memberOf), secret_body) in description(archive, "restricted", ANA)
    assert archive.check().ok


def test_an_archive_from_before_entity_graphs_is_moved_to_them_on_open(tmp_path):
    """An old layout: labels in every document graph, reviewed facts in ``{graph}~reviewed``."""
    from tests.archive_fixtures import make_config

    config = make_config(tmp_path / "data")
    with Archive.open(config) as archive:
        with archive.writer("editor") as writer:
            writer.put(simple_document("MIN-1"))
            writer.put(simple_document("MIN-2"))
        old_reviewed = archive.minter.entity("graph", "MIN-1/reviewed")
        for level in archive.levels:
            store = archive.store(level)
            for identifier in ("MIN-1", "MIN-2"):
                row = archive.ledger.document(identifier)
                full = store.triples(row.graph) + [
                    t for f in archive.ledger.facts_of(identifier).values() for t in _parse(f)
                ]
                store.replace_graphs({row.graph: full})
            store.drop_graphs(g for g in store.graph_iris() if "/graph/entity/" in g)
            store.replace_graphs({old_reviewed: [(ANA, RDFS.comment, Literal("reviewed before"))]})
        with archive.ledger.transaction() as db:
            db.execute("DELETE FROM graph_owner")
            db.execute("UPDATE entity_owner SET facts = ''")
    with Archive.open(config) as archive:
        labels = rows(archive, "public", f"SELECT ?l WHERE {{ <{ANA}> <{RDFS.label}> ?l }}")
        assert labels == [("Ana Rivera",)]
        assert old_reviewed not in archive.store("public").graph_iris()
        assert archive.ledger.graph_owner(archive.reviewed_graph_iri("MIN-1")) is not None
        assert archive.check().ok


def _parse(text: str):
    from archive.apply import described_triples

    return described_triples([text])
