"""Graph IRIs, not identifiers, are the unit of ownership (docs/security.md, "Graph ownership").

Attacks by an editor cleared for ``internal`` on a restricted document: minting its reviewed-facts
graph, minting its main graph under another identifier, replacing it under its own identifier,
writing an entity graph, importing raw RDF over any of them. Each is refused (or cannot reach the
graph at all) and no refusal tells the editor what exists above ``internal``.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph, Literal

from archive import Archive, ArchiveError
from archive.clearance import GraphRefused
from ingest.document import ProposedFact
from ontology import PREC
from precedent.cli import main
from tests.archive_fixtures import decision_iri, make_config, person_iri, simple_document

SECRET = "SEC-1"
SECRET_RATIONALE = "the informant was reliable"


def secret_document(identifier: str = SECRET):
    triples = Graph()
    triples.add((decision_iri(identifier), PREC.rationale, Literal(SECRET_RATIONALE)))
    fact = ProposedFact(
        key=f"{identifier}-k1",
        rule="because-clause",
        confidence=0.4,
        summary="rationale",
        passage_iri=f"https://archive.example.org/id/passage/{identifier}~p1",
        passage_text="... because the informant was reliable ...",
        triples=triples,
    )
    document = simple_document(identifier, level="restricted", label="Secret tram plan")
    document.proposed = [fact]
    return document


@pytest.fixture
def archive(tmp_path: Path):
    opened = Archive.open(make_config(tmp_path / "data"))
    with opened.writer("operator") as writer:
        writer.put(secret_document())
    opened.review.decide(f"{SECRET}-k1", "accept", "operator")
    with opened.writer("operator") as writer:
        writer.refresh_review(SECRET)
    yield opened
    opened.close()


def reviewed_facts(archive: Archive) -> set[str]:
    graph = archive.store("restricted").triples(archive.reviewed_graph_iri(SECRET))
    return {str(o) for _, p, o in graph if p == PREC.rationale}


def assert_reveals_nothing(message: str, *given: str) -> None:
    """No restricted identifier, level or owner, except what the caller itself sent (``given``)."""
    for own in given:
        message = message.replace(own, "")
    assert SECRET not in message
    assert "restricted" not in message and "belongs to" not in message
    assert "not available to you" in message


def test_a_document_named_like_a_reviewed_graph_cannot_reach_it(archive):
    """``SEC-1/reviewed`` used to mint the reviewed graph of SEC-1; now it mints a graph of its own."""
    assert reviewed_facts(archive) == {SECRET_RATIONALE}
    with archive.writer("ed", clearance="internal") as writer:
        result = writer.put(simple_document(f"{SECRET}/reviewed", level="internal"))
    assert result.status == "stored"
    assert result.graph != archive.reviewed_graph_iri(SECRET)
    assert reviewed_facts(archive) == {SECRET_RATIONALE}
    assert archive.check().ok


def test_another_identifier_minting_a_restricted_documents_graph_is_refused_without_naming_it(archive):
    # "SEC 1" and "SEC-1" make the same graph slug
    with pytest.raises(GraphRefused) as refused, archive.writer("ed", clearance="internal") as writer:
        writer.put(simple_document("SEC 1", level="internal"))
    # the graph IRI is the one the editor's own identifier makes; nothing else is named
    assert_reveals_nothing(str(refused.value), archive.minter.graph("SEC 1"))
    assert archive.ledger.document("SEC 1") is None
    assert archive.ledger.document(SECRET).level == "restricted"
    assert reviewed_facts(archive) == {SECRET_RATIONALE}


def test_the_same_refusal_for_a_graph_taken_above_and_a_graph_reserved_by_the_archive(archive, tmp_path):
    """An editor cannot tell "a restricted document owns this" from "the archive reserves this"."""
    data = tmp_path / "x.ttl"
    data.write_text("<https://example.org/a> <https://example.org/b> <https://example.org/c> .\n")
    entity_graph = archive.entity_graph_iri(str(person_iri("Ana Rivera")))
    messages = []
    for graph in (archive.minter.graph(SECRET), archive.reviewed_graph_iri(SECRET), entity_graph):
        with pytest.raises(ArchiveError) as refused, archive.writer("ed", clearance="internal") as writer:
            writer.import_rdf(data, graph, "internal")
        assert_reveals_nothing(str(refused.value), graph)
        messages.append(str(refused.value).replace(graph, "<graph>"))
    assert len(set(messages)) == 1, messages
    assert reviewed_facts(archive) == {SECRET_RATIONALE}
    assert archive.check().ok


def test_replacing_a_restricted_document_under_its_own_identifier_is_refused(archive):
    with pytest.raises(GraphRefused) as refused, archive.writer("ed", clearance="internal") as writer:
        writer.put(simple_document(SECRET, level="internal", label="Nothing to see"))
    assert_reveals_nothing(str(refused.value), archive.minter.graph(SECRET), repr(SECRET))
    assert archive.ledger.document(SECRET).level == "restricted"
    assert archive.check().ok


def test_the_operator_is_told_who_owns_a_graph(archive, tmp_path):
    data = tmp_path / "x.ttl"
    data.write_text("<https://example.org/a> <https://example.org/b> <https://example.org/c> .\n")
    with pytest.raises(ArchiveError, match=f"belongs to '{SECRET}'"), archive.writer("operator") as writer:
        writer.import_rdf(data, archive.minter.graph(SECRET), "restricted")


def test_precedent_import_refuses_an_entity_graph_and_a_reviewed_graph(archive, tmp_path):
    data = tmp_path / "x.ttl"
    data.write_text("<https://example.org/a> <https://example.org/b> <https://example.org/c> .\n")
    directory = str(archive.config.data_dir)
    with archive.writer("operator") as writer:
        writer.put(simple_document("PUB-1"))
    entity_graph = archive.entity_graph_iri(str(person_iri("Ana Rivera")))
    before = archive.store("public").triples(entity_graph)
    assert before, "PUB-1 describes Ana Rivera in her entity graph"
    archive.close()
    for graph in (entity_graph, f"https://archive.example.org/id/graph/reviewed/{SECRET}"):
        result = CliRunner().invoke(main, ["--data", directory, "import", str(data), "--graph", graph])
        assert result.exit_code != 0 and "not available" in result.output, result.output
    with Archive.open(make_config(Path(directory))) as reopened:
        assert reopened.store("public").triples(entity_graph) == before
        assert reopened.check().ok


def test_an_internal_editor_uploading_over_a_restricted_graph_learns_nothing(tmp_path):
    from tests.conftest_web import PASSWORD, csrf_from, login
    from webui import create_app

    archive = Archive.open(make_config(tmp_path / "data"))
    with archive.writer("operator") as writer:
        writer.put(simple_document("SEC_2016/03", level="restricted", label="Secret tram plan"))
    app = create_app(archive, {"TESTING": True, "SECRET_KEY": "graph-ownership-tests-0123456789abcdef"})
    app.extensions["precedent.accounts"].add_user("ed", PASSWORD, "editor", "internal")
    client = app.test_client()
    login(client, "ed")
    minutes = (
        "---\nidentifier: SEC-2016/03\ntitle: Tram Board, 8 March 2016\nbody:\n  name: Tram Board\n"
        "date: 2016-03-08\naccess_level: internal\n---\n\n# Tram Board\n\n## 1. Trams\n\n### Decision\n"
        "id: SEC-2016/03/D1\ntitle: Run more trams\ntext: The Board will run more trams.\n"
    )
    token = csrf_from(client.get("/ingest").get_data(as_text=True))
    form = {"file": (io.BytesIO(minutes.encode()), "board.md"), "csrf_token": token, "level": "internal"}
    page = client.post("/ingest", data=form, content_type="multipart/form-data").get_data(as_text=True)
    assert "status-refused" in page
    assert "SEC_2016" not in page and "Secret tram plan" not in page and "restricted" not in page.lower()
    assert archive.ledger.document("SEC-2016/03") is None
    assert archive.ledger.document("SEC_2016/03").level == "restricted"
    archive.close()
