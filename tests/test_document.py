"""A Document crossing from a reader worker to the writer's process arrives whole."""

from __future__ import annotations

import pickle
from pathlib import Path

from rdflib import RDF
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


def test_a_pickled_document_keeps_every_triple_and_field():
    documents = sample_documents()
    assert len(documents) == 6
    arrived = pickle.loads(pickle.dumps(documents))
    for sent, got in zip(documents, arrived, strict=True):
        assert sorted(got.triples()) == sorted(sent.graph)
        assert got.count_of_type(PREC.Decision) == len(set(sent.graph.subjects(RDF.type, PREC.Decision))) >= 1
        assert (got.identifier, got.content_hash, got.access_level, got.title) == (
            sent.identifier, sent.content_hash, sent.access_level, sent.title)
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
