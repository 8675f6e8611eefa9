"""The writer's cheaper paths give what the slower ones they replaced gave.

Entity graphs are written from the ledger's N-Triples lines without parsing them, the glossary and
imports are parsed by pyoxigraph without an rdflib Graph, an unchanged import is not parsed again, index
facets lose control characters through ``str.translate``, and an ingest's collector pause ends with it.
Each is checked against the way it was done before (rdflib's parser, ``clearance.description`` over
parsed triples, a character-by-character filter), on real vocabulary files and on edge cases.
"""

from __future__ import annotations

import gc
import random

import pyoxigraph as ox
from rdflib import SKOS, XSD, Graph, Literal, URIRef
from rdflib.compare import isomorphic

from archive import clearance
from archive.apply import _EntityGraph
from archive.descriptions import fact_lines, facts_text, parse_facts
from archive.indexing import glossary_labels
from archive.rdfimport import parse_rdf
from archive.terms import TextConverter
from archive.textindex.model import _without_controls
from ontology import GLOSSARY_TTL, ONTOLOGY_TTL
from precedent.ingesting import ingest
from tests import archive_fixtures as fixtures
from tests.archive_fixtures import person_iri, simple_document

archive = fixtures.archive
engine = fixtures.engine

ANA = person_iri("Ana Rivera")
BODY = URIRef("https://archive.example.org/id/organisation/treasury")
SECRET = URIRef("https://archive.example.org/id/organisation/secret-unit")
LABEL = URIRef("http://www.w3.org/2000/01/rdf-schema#label")
MEMBER = URIRef("https://w3id.org/precedent/ontology#memberOf")


def facts(*triples) -> str:
    return facts_text(triples)


def test_description_lines_give_the_triples_description_gives_at_every_rank():
    said = [
        (0, facts((ANA, LABEL, Literal("Ana Rivera")), (ANA, MEMBER, BODY))),
        (1, facts((ANA, LABEL, Literal("Ana Rivera")), (ANA, MEMBER, SECRET))),
        (2, facts((ANA, LABEL, Literal('Ana "the\nquiet" Rivera', lang="es")), (ANA, MEMBER, BODY))),
        (
            0,
            facts(
                (
                    ANA,
                    URIRef("https://w3id.org/precedent/ontology#since"),
                    Literal("1919", datatype=URIRef("http://www.w3.org/2001/XMLSchema#gYear")),
                )
            ),
        ),
    ]
    for owners in ({}, {str(SECRET): 2}, {str(SECRET): 1, str(BODY): 2}, {str(ANA): 1}):
        for rank in range(3):
            parsed = [(r, parse_facts(text)) for r, text in said]
            expected = sorted(str(t) for t in clearance.description(parsed, rank, owners))
            lines = [(r, fact_lines(text)) for r, text in said]
            assert clearance.description_lines(str(ANA), lines, rank, owners) == expected, (owners, rank)


def test_an_entity_graph_made_once_for_the_levels_where_it_cannot_differ_is_the_graph_of_each(archive):
    said = [
        (0, facts((ANA, LABEL, Literal("Ana Rivera")), (ANA, MEMBER, BODY))),
        (
            1,
            facts(
                (ANA, MEMBER, SECRET),
            ),
        ),
        (
            2,
            facts(
                (ANA, LABEL, Literal("Ana R.")),
            ),
        ),
    ]
    lines = [(r, fact_lines(text)) for r, text in said]
    for owners in ({}, {str(SECRET): 2}, {str(BODY): 1}, {str(ANA): 1}, {str(ANA): 0, str(SECRET): 1}):
        for subset in (lines, lines[:1], lines[1:], []):
            graph = _EntityGraph(archive, str(ANA), subset, owners)
            for rank in range(3):
                expected = clearance.description_lines(str(ANA), subset, rank, owners)
                text = graph.at(rank)
                assert text.count == len(expected)
                assert [line.rsplit(" <", 1)[0] for line in text.text.splitlines()] == expected


def test_fact_lines_name_the_object_iri_only_for_iris():
    lines = fact_lines(facts((ANA, MEMBER, BODY), (ANA, LABEL, Literal("Treasury> <x> y"))))
    assert sorted(iri for iri, _ in lines if iri) == [str(BODY)]
    assert all(
        str(ox.parse(f"{line} .".encode(), ox.RdfFormat.N_TRIPLES).__next__()) == line for _, line in lines
    )


def test_entity_graphs_hold_what_the_documents_say(archive):
    with archive.writer("editor") as writer:
        writer.put(simple_document("MIN-1"))
        writer.put(simple_document("MIN-2", level="restricted"))
    public = archive.store("public").triples(archive.entity_graph_iri(str(ANA)))
    assert (ANA, LABEL, Literal("Ana Rivera")) in public
    expected = {
        t
        for _, text in archive.ledger.entity_facts([str(ANA)])[str(ANA)]
        for t in ((t.subject.value, t.predicate.value, t.object.value) for t in parse_facts(text))
    }
    top = {
        (str(s), str(p), str(o))
        for s, p, o in archive.store("restricted").triples(archive.entity_graph_iri(str(ANA)))
    }
    assert top == expected


def test_glossary_labels_are_the_english_labels_rdflib_reads():
    graph = Graph().parse(GLOSSARY_TTL, format="turtle")
    expected: dict[str, str] = {}
    for concept, label in graph.subject_objects(SKOS.prefLabel):
        if isinstance(label, Literal) and (label.language in (None, "en") or str(concept) not in expected):
            expected[str(concept)] = str(label)
    assert glossary_labels() == expected
    assert len(expected) > 50


def test_parse_rdf_gives_the_triples_of_rdflibs_graph_once_each():
    for path in (ONTOLOGY_TTL, GLOSSARY_TTL):
        data = path.read_bytes()
        triples = parse_rdf(data, path.name)
        assert len(triples) == len(set(triples))
        parsed = Graph()
        for triple in triples:
            parsed.add(triple)
        # the same graph, blank-node labels aside (the ontology's lists)
        assert isomorphic(parsed, Graph().parse(data=data, format="turtle"))
    repeated = b'<http://e.org/a> <http://e.org/p> "x" .\n' * 3
    assert parse_rdf(repeated, "x.nt") == [(URIRef("http://e.org/a"), URIRef("http://e.org/p"), Literal("x"))]


def test_an_unchanged_import_is_unchanged_and_a_changed_one_stored(archive, tmp_path):
    path = tmp_path / "vocabulary.ttl"
    path.write_text('<http://e.org/a> <http://e.org/p> "one" .\n')
    graph = "http://e.org/graph/vocabulary"
    with archive.writer("editor") as writer:
        assert writer.import_rdf(path, graph, "public").status == "stored"
    with archive.writer("editor") as writer:
        assert writer.import_rdf(path, graph, "public").status == "unchanged"
    path.write_text('<http://e.org/a> <http://e.org/p> "two" .\n')
    with archive.writer("editor") as writer:
        assert writer.import_rdf(path, graph, "public").status == "stored"
    assert [str(o) for _, _, o in archive.store("public").triples(graph)] == ["two"]


def test_control_characters_go_as_the_character_filter_took_them():
    alphabet = [chr(code) for code in range(0, 200)] + ["\u2028", "\x85", "é", "\t"]
    rng = random.Random(7)
    for _ in range(20_000):
        value = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 10)))
        assert _without_controls(value) == "".join(ch for ch in value if ch >= " " or ch == "\t")


def test_an_ingest_hands_the_frozen_objects_back_to_the_collector(archive, samples_dir):
    before = gc.get_freeze_count()
    report = ingest(archive, [next(samples_dir.glob("*.md"))], user="editor", workers=1)
    assert report.stored
    assert gc.get_freeze_count() == before


def test_the_converters_facts_are_facts_text():
    converter = TextConverter()
    triples = [
        (ANA, LABEL, Literal('Ana "the\nquiet" Rivera', lang="es")),
        (ANA, MEMBER, BODY),
        (ANA, LABEL, Literal("Ana Rivera")),
        (ANA, MEMBER, BODY),
        (ANA, URIRef("https://w3id.org/precedent/ontology#since"), Literal("1919", datatype=XSD.gYear)),
    ]
    for _ in range(2):  # converted, then from the caches
        assert converter.facts(triples) == facts_text(triples)
