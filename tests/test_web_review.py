"""/review: editors accept or reject facts a heuristic reader proposed; accepted facts reach the pages."""

from __future__ import annotations

import pytest
from rdflib import Graph, Literal

from ingest.document import ProposedFact
from ontology import PREC
from tests.archive_fixtures import DecisionSpec, DocumentSpec, decision_iri, make_document
from tests.conftest_web import PASSWORD, csrf_from, login

DECISION = decision_iri("MIN-R")


def _fact(key: str, text: str) -> ProposedFact:
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


@pytest.fixture()
def review_app(tmp_path):  # type: ignore[no-untyped-def]
    from archive.archive import Archive
    from archive.config import ArchiveConfig
    from webui import create_app

    archive = Archive.open(ArchiveConfig(data_dir=tmp_path / "data"))
    spec = DocumentSpec(
        identifier="MIN-R",
        level="public",
        title="Bridge meeting",
        decisions=[DecisionSpec("Build the bridge", "The bridge will be built.")],
    )
    secret = DocumentSpec(
        identifier="MIN-S",
        level="restricted",
        title="Secret meeting",
        decisions=[DecisionSpec("Close the pass", "The pass will close.")],
    )
    with archive.writer("tests") as writer:
        writer.put(
            make_document(spec, proposed=[_fact("k1", "traffic doubled"), _fact("k2", "ferries are slow")])
        )
        secret_fact = _fact("k9", "the secret pass report")
        writer.put(make_document(secret, proposed=[secret_fact]))
    app = create_app(archive, {"TESTING": True, "SECRET_KEY": "review-tests"})
    app.extensions["precedent.accounts"].add_user("ed", PASSWORD, "editor", "public")
    yield app
    archive.close()


def test_editor_sees_only_pending_facts_at_their_level(review_app):
    client = review_app.test_client()
    login(client, "ed")
    page = client.get("/review").get_data(as_text=True)
    assert "rationale: traffic doubled" in page and "rationale: ferries are slow" in page
    assert "secret pass" not in page


def test_accepting_a_fact_puts_it_on_the_decision_page(review_app):
    client = review_app.test_client()
    login(client, "ed")
    decision_path = "/id/decision/" + str(DECISION).rsplit("/", 1)[-1]
    assert "traffic doubled" not in client.get(decision_path).get_data(as_text=True)
    token = csrf_from(client.get("/review").get_data(as_text=True))
    done = client.post("/review/k1", data={"action": "accept", "csrf_token": token})
    assert done.status_code == 303
    client.post("/review/k2", data={"action": "reject", "csrf_token": token})
    page = client.get("/review").get_data(as_text=True)
    assert "Recorded: accept" in page and "review-item" not in page and "Nothing is waiting" in page
    decision = client.get(decision_path).get_data(as_text=True)
    assert "traffic doubled" in decision and "ferries are slow" not in decision


def test_a_fact_above_the_editors_level_cannot_be_decided(review_app):
    client = review_app.test_client()
    login(client, "ed")
    token = csrf_from(client.get("/review").get_data(as_text=True))
    client.post("/review/k9", data={"action": "accept", "csrf_token": token})
    assert review_app.extensions["precedent.archive"].review.item("k9").status == "proposed"
