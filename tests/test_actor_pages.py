"""Person and body pages: documents written, received and mentioned; decisions decided, moved, voted on
(with the vote) and owed; posts with dates; aliases; a body's members over time and decisions by topic."""

from __future__ import annotations

from rdflib import RDF, RDFS, XSD, Literal, URIRef

from archive import Archive
from ontology import PREC
from tests import archive_fixtures as fixtures
from tests.archive_fixtures import MINTER, decision_iri, person_iri, simple_document


def rich_document():
    """Minutes where Ana Rivera writes the record, moves and votes against the decision and owes a task."""
    document = simple_document("MIN-1")
    g = document.graph
    ana, ben = person_iri("Ana Rivera"), person_iri("Ben Okafor")
    record = URIRef(MINTER.entity("record", "MIN-1"))
    decision = decision_iri("MIN-1")
    motion, vote = URIRef(MINTER.entity("motion", "MIN-1/m1")), URIRef(MINTER.entity("vote", "MIN-1/v"))
    ballot = URIRef(MINTER.entity("ballot", "MIN-1/v/ana"))
    commitment = URIRef(MINTER.entity("commitment", "MIN-1/c1"))
    membership = URIRef(MINTER.entity("membership", "ana/chair"))
    body = URIRef(MINTER.entity("organisation", "Transport Committee"))
    g.add((record, PREC.author, ana))
    g.add((record, PREC.recipient, ben))
    g.add((motion, RDF.type, PREC.Motion))
    g.add((decision, PREC.onMotion, motion))
    g.add((motion, PREC.movedBy, ana))
    g.add((motion, PREC.hasVote, vote))
    g.add((vote, RDF.type, PREC.Vote))
    g.add((vote, PREC.hasBallot, ballot))
    g.add((ballot, RDF.type, PREC.Ballot))
    g.add((ballot, PREC.voter, ana))
    g.add((ballot, PREC.voteCast, Literal("against")))
    g.add((ballot, PREC.dissentReason, Literal("the depot would close")))
    g.add((decision, PREC.hasCommitment, commitment))
    g.add((commitment, RDF.type, PREC.Commitment))
    g.add((commitment, RDFS.label, Literal("Report on ridership")))
    g.add((commitment, PREC.owner, ana))
    g.add((membership, RDF.type, PREC.Membership))
    g.add((membership, PREC.member, ana))
    g.add((membership, PREC.organisation, body))
    g.add((membership, PREC.roleLabel, Literal("Chair")))
    g.add((membership, PREC.startDate, Literal("2019-01-01", datatype=XSD.date)))
    g.add((ana, PREC.hasMembership, membership))
    g.add((ana, PREC.alias, Literal("A. Rivera")))
    document.content_hash = fixtures.content_hash(g)
    return document


def test_a_person_page_shows_documents_decisions_with_the_vote_posts_and_aliases(tmp_path):
    from webui import create_app

    archive = Archive.open(fixtures.make_config(tmp_path / "data"))
    with archive.writer("editor") as writer:
        writer.put(rich_document())
    client = create_app(
        archive, {"TESTING": True, "SECRET_KEY": "actor-pages-0123456789abcdef0123"}
    ).test_client()
    page = client.get("/id/person/Ana-Rivera").get_data(as_text=True)
    assert "Also known as: A. Rivera" in page
    assert "Posts held" in page and "Chair" in page and "2019-01-01" in page
    assert "Wrote (1)" in page and "/id/record/MIN-1" in page
    decisions = page.split('id="decisions"')[1].split("</section>")[0]
    assert "/id/decision/MIN-1~d1" in decisions
    assert (
        "moved" in decisions
        and "voted against" in decisions
        and "dissent: the depot would close" in decisions
    )
    assert "owes a commitment" in decisions and "Report on ridership" in page
    ben = client.get("/id/person/Ben-Okafor").get_data(as_text=True)
    assert "Received (1)" in ben
    body = client.get("/id/organisation/Transport-Committee").get_data(as_text=True)
    members = body.split('id="members"')[1].split("</section>")[0]
    assert "Ana Rivera" in members and "Ben Okafor" in members and "2020-03-14" in members
    assert "Decisions by topic" in body and "/id/topic/transport" in body
    archive.close()


def test_a_body_page_kept_in_the_cache_changes_with_the_store(tmp_path):
    from webui import create_app

    archive = Archive.open(fixtures.make_config(tmp_path / "data"))
    with archive.writer("editor") as writer:
        writer.put(simple_document("MIN-1"))
    client = create_app(
        archive, {"TESTING": True, "SECRET_KEY": "actor-pages-0123456789abcdef0123"}
    ).test_client()
    first = client.get("/id/organisation/Transport-Committee").get_data(as_text=True)
    assert "Ana Rivera" in first and "Carla Nunes" not in first
    assert client.get("/id/organisation/Transport-Committee").get_data(as_text=True) == first
    with archive.writer("editor") as writer:
        writer.put(simple_document("MIN-2", attendees=("Carla Nunes",), date="2021-05-01"))
    members = (
        client.get("/id/organisation/Transport-Committee").get_data(as_text=True).split('id="members"')[1]
    )
    assert "Carla Nunes" in members.split("</section>")[0] and "2021-05-01" in members
    archive.close()


def test_a_long_body_page_lists_one_page_of_decisions_with_the_total_and_a_link_to_the_rest(
    tmp_path, monkeypatch
):
    """Issue #12: a body with thousands of decisions lists the newest page of each long section,
    says how many there are, and ``?decisions_page=N`` lists the older ones."""
    from webui import create_app, subject_pages

    archive = Archive.open(fixtures.make_config(tmp_path / "data"))
    with archive.writer("editor") as writer:
        for n in range(1, 6):
            writer.put(simple_document(f"MIN-{n}", date=f"202{n}-03-14", label=f"Decision {n}"))
    monkeypatch.setattr(subject_pages, "PAGE_SIZE", 2)
    client = create_app(
        archive, {"TESTING": True, "SECRET_KEY": "actor-pages-0123456789abcdef0123"}
    ).test_client()

    def section(page: str, heading: str) -> str:
        return page.split(f'id="{heading}"')[1].split("</section>")[0]

    first = client.get("/id/organisation/Transport-Committee").get_data(as_text=True)
    listed = section(first, "decisions")
    assert "2 of 5 decisions listed shown (page 1 of 3)" in listed
    assert "MIN-5~d1" in listed and "MIN-4~d1" in listed and "MIN-1~d1" not in listed
    in_force = section(first, "in-force-heading")
    assert "2 of 5 decisions in force shown" in in_force and "MIN-5~d1" in in_force
    assert "MIN-3~d1" not in in_force
    assert '<a href="/id/organisation/Transport-Committee?decisions_page=2" rel="next">' in first
    # The standing counts still count all five.
    counts = first.split('class="standing-counts"')[1].split("</p>")[0]
    assert counts.rstrip().endswith(" 5"), counts

    last = client.get("/id/organisation/Transport-Committee?decisions_page=3").get_data(as_text=True)
    listed = section(last, "decisions")
    assert "1 of 5 decisions listed shown (page 3 of 3)" in listed
    assert "MIN-1~d1" in listed and "MIN-2~d1" not in listed
    assert "MIN-1~d1" in section(last, "in-force-heading") and 'rel="next"' not in listed
    timeline = section(last, "timeline-heading")
    assert "MIN-1~d1" in timeline and "MIN-5~d1" not in timeline
    # Out-of-range and malformed page numbers fall back to a page that exists.
    assert client.get("/id/organisation/Transport-Committee?decisions_page=99").status_code == 200
    assert client.get("/id/organisation/Transport-Committee?decisions_page=x").status_code == 200
    archive.close()
