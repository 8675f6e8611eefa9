"""The review queue: proposed facts held out of the stores until an editor accepts or corrects them."""

from __future__ import annotations

import pytest
from rdflib import Graph, Literal, URIRef

from archive import ArchiveError
from ingest.document import ProposedFact
from ontology import PREC
from tests import archive_fixtures as fixtures
from tests.archive_fixtures import DecisionSpec, DocumentSpec, decision_iri, make_document

archive = fixtures.archive
engine = fixtures.engine

DECISION = decision_iri("MIN-R")


def fact(key: str, text: str) -> ProposedFact:
    triples = Graph()
    triples.add((DECISION, PREC.rationale, Literal(text)))
    return ProposedFact(
        key=key,
        rule="because-clause",
        confidence=0.4,
        summary=f"rationale: {text}",
        passage_iri="https://archive.example.org/id/passage/MIN-R~p1",
        passage_text=f"... because {text} ...",
        triples=triples,
    )


def document(level: str = "public", facts: list[ProposedFact] | None = None, title: str = ""):
    spec = DocumentSpec(
        identifier="MIN-R",
        level=level,
        title=title,
        decisions=[DecisionSpec("Build the bridge", "The bridge will be built.")],
    )
    return make_document(
        spec,
        proposed=facts
        if facts is not None
        else [fact("k1", "traffic doubled"), fact("k2", "ferries are slow")],
    )


def rationales(archive, level="public") -> set[str]:
    result = archive.view(level).query(f"SELECT ?r WHERE {{ <{DECISION}> <{PREC.rationale}> ?r }}")
    return {str(row[0]) for row in result.rows}


def test_proposed_facts_never_enter_a_store(archive):
    with archive.writer("editor") as writer:
        writer.put(document())
    assert [item.key for item in archive.review.pending()] == ["k1", "k2"]
    assert rationales(archive, "restricted") == set()


def test_accepted_and_corrected_facts_join_the_reviewed_graph_with_provenance(archive):
    with archive.writer("editor") as writer:
        writer.put(document())
        archive.review.decide("k1", "accept", "alice")
        corrected = Graph()
        corrected.add((DECISION, PREC.rationale, Literal("ferries are too slow in winter")))
        archive.review.decide("k2", "correct", "bob", corrected_triples=corrected)
        writer.refresh_review("MIN-R")
    assert rationales(archive) == {"traffic doubled", "ferries are too slow in winter"}
    reviewed = archive.reviewed_graph_iri("MIN-R")
    assert reviewed in archive.view("public").graph_iris()
    described = archive.view("public").describe(str(DECISION))
    assert set(described.objects(DECISION, PREC.reviewStatus)) == {Literal("accepted"), Literal("corrected")}
    assert set(described.objects(DECISION, PREC.reviewedBy)) == {Literal("alice"), Literal("bob")}
    assert archive.review.pending() == []
    assert archive.check().ok


def test_rejected_fact_stays_out_and_decisions_survive_reingest(archive):
    with archive.writer("editor") as writer:
        writer.put(document())
        archive.review.decide("k1", "reject", "alice")
        archive.review.decide("k2", "accept", "alice")
        writer.refresh_review("MIN-R")
        changed = document(title="Minutes MIN-R, corrected edition")
        assert writer.put(changed).status == "stored"
    assert rationales(archive) == {"ferries are slow"}
    statuses = {item.key: item.status for item in archive.review.decided("MIN-R")}
    assert statuses == {"k1": "rejected", "k2": "accepted"}


def test_pending_respects_the_editors_level(archive):
    with archive.writer("editor") as writer:
        writer.put(document(level="restricted"))
    assert archive.review.pending("public") == []
    assert len(archive.review.pending("restricted")) == 2


def test_bad_decisions_are_refused(archive):
    with archive.writer("editor") as writer:
        writer.put(document())
    with pytest.raises(ArchiveError, match="unknown"):
        archive.review.decide("k1", "maybe", "alice")
    with pytest.raises(ArchiveError, match="no proposed fact"):
        archive.review.decide("nope", "accept", "alice")
    with pytest.raises(ArchiveError, match="corrected triples"):
        archive.review.decide("k1", "correct", "alice")
    with pytest.raises(ArchiveError, match="N-Triples"):
        archive.review.decide("k1", "correct", "alice", corrected_triples="<not n-triples")
    assert URIRef(DECISION)
