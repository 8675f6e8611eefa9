"""A recusal on the decision page: counted and named apart from abstentions, on a real council meeting.

The archive holds one real City of London committee meeting (``../shared/data/london-council``) in
which C. Rahman declared an interest and took no part in one vote ("Recuse:" row); the page is read
through the real Flask test client, and its RDF follows from the stored graph.
"""

from __future__ import annotations

import re
from urllib.parse import urlparse

import pytest
from rdflib import RDF, Graph, Literal, URIRef

from ingest.document import Document
from ontology import PREC

from .conftest import SHARED_DATA

MEETING = (
    SHARED_DATA
    / "london-council"
    / "2025-01-13 2nd Meeting of the Infrastructure and Corporate Services Committee.json"
)
pytestmark = pytest.mark.skipif(not MEETING.is_file(), reason=f"real council record not found at {MEETING}")


@pytest.fixture(scope="module")
def council(tmp_path_factory):  # type: ignore[no-untyped-def]
    """The meeting stored in a fresh archive, the Flask app over it, and the document as read."""
    from archive import Archive, ArchiveConfig
    from ingest import council as council_reader
    from ingest.resolve import Resolver
    from webui import create_app

    config = ArchiveConfig(data_dir=tmp_path_factory.mktemp("recused") / "data")
    archive = Archive.open(config)
    [document] = council_reader.read(MEETING, minter=config.minter, resolver=Resolver(config.minter))
    assert isinstance(document, Document), document
    with archive.writer("tests") as writer:
        writer.put(document)
    app = create_app(archive, {"TESTING": True, "SECRET_KEY": "tests-only-secret"})
    yield app.test_client(), document.graph
    archive.close()


def decisions_by_recusal(graph: Graph) -> tuple[URIRef, URIRef]:
    """(a decision whose vote has a recused ballot, a decision with a vote and none), from the graph."""
    recused, plain = [], []
    for decision, vote in graph.subject_objects(PREC.hasVote):
        if (decision, RDF.type, PREC.Decision) not in graph:
            continue
        casts = {str(graph.value(b, PREC.voteCast)) for b in graph.objects(vote, PREC.hasBallot)}
        (recused if "recused" in casts else plain).append(decision)
    assert len(recused) == 1 and plain
    return recused[0], sorted(plain)[0]


def vote_section(page: str) -> str:
    return page[page.index('<section aria-labelledby="vote-1">') :].split("</section>", 1)[0]


def test_the_decision_page_counts_and_names_the_recused_member_apart_from_abstentions(council):
    client, graph = council
    decision, _ = decisions_by_recusal(graph)
    response = client.get(urlparse(str(decision)).path)
    assert response.status_code == 200
    section = vote_section(response.get_data(as_text=True))
    assert re.search(r"Recused <strong>1</strong>", section)
    assert re.search(r"Abstaining <strong>0</strong>", section)
    recused_line = section.split('<p class="recused">', 1)[1].split("</p>", 1)[0]
    assert "C. Rahman" in recused_line and "not an abstention" in recused_line
    row = next(r for r in section.split("<tbody>", 1)[1].split("<tr>") if "C. Rahman" in r)
    assert 'class="cast-recused">recused<' in row


def test_a_vote_without_a_recusal_shows_no_recused_line(council):
    client, graph = council
    _, plain = decisions_by_recusal(graph)
    section = vote_section(client.get(urlparse(str(plain)).path).get_data(as_text=True))
    assert "For <strong>" in section
    assert "Recused" not in section and 'class="recused"' not in section


def test_the_votes_rdf_carries_the_recused_count_and_ballot(council):
    client, graph = council
    decision, _ = decisions_by_recusal(graph)
    vote = graph.value(decision, PREC.hasVote)
    response = client.get(urlparse(str(vote)).path + "?format=jsonld")
    assert response.status_code == 200 and response.mimetype == "application/ld+json"
    described = Graph().parse(data=response.get_data(as_text=True), format="json-ld")
    assert int(described.value(vote, PREC.votesRecused)) == 1
    assert int(described.value(vote, PREC.votesAbstaining)) == 0
    [ballot] = [
        b for b in graph.objects(vote, PREC.hasBallot) if str(graph.value(b, PREC.voteCast)) == "recused"
    ]
    ballot_rdf = client.get(urlparse(str(ballot)).path + "?format=ttl").get_data(as_text=True)
    assert (ballot, PREC.voteCast, Literal("recused")) in Graph().parse(data=ballot_rdf, format="turtle")
