"""A Document crossing from a reader worker to the writer's process arrives whole."""

from __future__ import annotations

import pickle
from pathlib import Path

from rdflib import RDF, XSD, BNode, Literal, URIRef
from rdflib.compare import isomorphic

from ingest.document import Document
from ingest.minutes import markdown
from ingest.resolve import Resolver
from ontology import PREC, IriMinter

SAMPLES = Path(__file__).resolve().parents[1] / "samples"


def sample_documents() -> list[Document]:
    minter = IriMinter()
    resolver = Resolver(minter)
    documents = []
    for path in sorted(SAMPLES.glob("*.md"))[:6]:
        read = markdown.read(path, minter=minter, resolver=resolver)
        documents += [d for d in read if isinstance(d, Document)]
    return documents


def of_triples(triples: list) -> Document:
    """A minimal document made of ``triples`` (the fields a reader would set, placeholders here)."""
    return Document.of_triples(
        triples,
        identifier="r1",
        title="t",
        source_format="tei",
        access_level="public",
        content_hash="0" * 64,
        reader="test",
        reader_version="1",
    )


def test_a_pickled_document_keeps_every_triple_and_field():
    documents = sample_documents()
    assert len(documents) == 6
    arrived = pickle.loads(pickle.dumps(documents))
    for sent, got in zip(documents, arrived, strict=True):
        assert sorted(got.triples()) == sorted(sent.graph)
        assert got.count_of_type(PREC.Decision) == len(set(sent.graph.subjects(RDF.type, PREC.Decision))) >= 1
        assert (got.identifier, got.content_hash, got.access_level, got.title) == (
            sent.identifier,
            sent.content_hash,
            sent.access_level,
            sent.title,
        )
        assert got.proposed == sent.proposed and got.unresolved_mentions == sent.unresolved_mentions
        assert isomorphic(got.graph, sent.graph)  # rebuilt on demand
        assert sorted(got.triples()) == sorted(sent.graph)  # and the same afterwards


def test_documents_sent_together_share_their_terms():
    documents = sample_documents()
    one_by_one = sum(len(pickle.dumps(d)) for d in documents)
    together = len(pickle.dumps(documents))
    assert together < one_by_one  # predicates, classes and actors are written once per message
    arrived = pickle.loads(pickle.dumps(documents))
    types = {id(p) for d in arrived for _, p, _ in d.triples() if p == RDF.type}
    assert len(types) == 1


def test_a_document_of_triples_keeps_each_triple_once_and_builds_its_graph_only_when_asked():
    record = URIRef("https://example.org/record/r1")
    triples = [(record, RDF.type, PREC.Record), (record, PREC.identifier, Literal("r1"))]
    document = of_triples([*triples, triples[0]])
    assert document.triples() == triples
    assert document.count_of_type(PREC.Record) == 1
    assert "graph" not in vars(document)
    assert sorted(document.graph) == sorted(triples)  # built on first use, the same triples
    assert sorted(document.triples()) == sorted(triples)


def test_every_kind_of_term_crosses_processes_unchanged():
    record = URIRef("https://example.org/record/r1")
    objects = [
        Literal("plain"),
        Literal("hello", lang="en"),
        Literal("0.50", datatype=XSD.decimal),
        Literal("007", datatype=XSD.integer),
        Literal("1919-05-01", datatype=XSD.date),
        Literal("not a date", datatype=XSD.date),
        Literal("x", datatype=URIRef("https://example.org/dt")),
        BNode("b1"),
        URIRef("https://example.org/über"),
    ]
    triples = [(record, PREC.note, o) for o in objects] + [(BNode("b1"), RDF.type, PREC.Passage)]
    document = of_triples(triples)
    arrived = pickle.loads(pickle.dumps(document))
    got = arrived.triples()
    assert got == triples
    for (_, _, sent), (_, _, came) in zip(triples, got, strict=True):
        assert type(came) is type(sent) and came.n3() == sent.n3()
        if isinstance(sent, Literal):
            assert (came.value, came.language, came.datatype) == (sent.value, sent.language, sent.datatype)
