"""Commitments, Atom feeds, timelines and the administration page, and what a reader below a document's
level never sees on them. An extra internal document here supersedes a public decision, makes a
commitment and rejects an option: none of it may reach a public reader, on any of these surfaces."""

from __future__ import annotations

import pytest

from tests.conftest_web import RESTRICTED_MINUTES, build_archive, login

INTERNAL_ID = "AFA-INT-2020-01"
INTERNAL_DECISION = f"{INTERNAL_ID}/D1"
HIDDEN = "Marrowgate"

#: An internal Fisheries Agency Board meeting that supersedes the public 2019 catch decision.
INTERNAL_MINUTES = f"""---
identifier: {INTERNAL_ID}
title: Fisheries Agency Board, closed session of 14 January 2020
body:
  name: Fisheries Agency Board
  organisation: Aldermere Fisheries Agency
date: 2020-01-14
chair: Mairead Kinsella
attendees:
  - name: Mairead Kinsella
    post: Director-General
    organisation: Aldermere Fisheries Agency
access_level: internal
topics: [fisheries]
administration:
  name: Okafor administration
  head: Daniel Okafor
  government: Government of the Republic of Aldermere
  start: 2017-01-15
  end: 2021-01-14
---

# Closed session

## 1. {HIDDEN} emergency closure

### Discussion
The Board considered an emergency closure of the {HIDDEN} grounds.

### Options

#### Option A: Keep the {HIDDEN} grounds open
- Rejected: The {HIDDEN} spawning aggregation is at risk.

#### Option B: Close the {HIDDEN} grounds
- Pro: Protects the spawning aggregation [criterion: sustainability]

### Decision
id: {INTERNAL_DECISION}
title: Emergency closure of the {HIDDEN} grounds
text: The Board closes the {HIDDEN} grounds to all fishing until further notice.
chosen: B
method: consensus

### Commitments
- Patrol the {HIDDEN} grounds weekly
  owner: Aldermere Fisheries Agency
  deadline: 2020-03-31
  status: open

### Precedents
- supersedes: AFA-BRD-2019-03/D1
"""


@pytest.fixture(scope="module")
def app(tmp_path_factory):  # type: ignore[no-untyped-def]
    from webui import create_app

    root = tmp_path_factory.mktemp("transition")
    archive = build_archive(
        root / "data", {"restricted.md": RESTRICTED_MINUTES, "internal.md": INTERNAL_MINUTES}
    )
    application = create_app(archive, {"TESTING": True, "SECRET_KEY": "tests-only-secret"})
    application.extensions["precedent.accounts"].add_user(
        "ivy", "correct horse battery", "reader", "internal"
    )
    yield application
    archive.close()


@pytest.fixture()
def client(app):  # type: ignore[no-untyped-def]
    return app.test_client()


@pytest.fixture()
def insider(app):  # type: ignore[no-untyped-def]
    reader = app.test_client()
    login(reader, "ivy")
    return reader


def test_commitments_are_open_overdue_or_done_on_the_date_asked(client):
    early = client.get("/api/commitments?as_of=2016-06-01").get_json()
    by_what = {c["what"]: c for c in early["commitments"]}
    scheme = by_what["Set up a compensation scheme for vessels under 12 metres"]
    assert scheme["status"] == "open" and scheme["recorded_status"] == "done"
    assert scheme["decision_identifier"] == "AFA-BRD-2016-02/D1" and scheme["passage"].endswith(
        "~p" + scheme["passage"].rsplit("~p", 1)[1]
    )
    assert by_what["Publish the 2016 quota allocation by vessel"]["status"] == "done"
    assert all(c["decision_date"] <= "2016-06-01" for c in early["commitments"])
    later = client.get("/api/commitments?as_of=2026-06-01&status=overdue").get_json()
    assert later["count"] >= 1 and {c["status"] for c in later["commitments"]} == {"overdue"}
    assert all(c["deadline"] < "2026-06-01" for c in later["commitments"])


def test_commitments_filter_by_owner_body_and_topic(client):
    body = "https://archive.example.org/id/organisation/fisheries-agency-board"
    found = client.get(f"/api/commitments?body={body}").get_json()["commitments"]
    assert found and all(body in [b["iri"] for b in c["bodies"]] for c in found)
    topic = client.get("/api/commitments?topic=fisheries").get_json()["commitments"]
    assert topic and all("https://w3id.org/precedent/glossary/fisheries" in c["topics"] for c in topic)
    owner = found[0]["owner"]
    assert all(
        c["owner"] == owner for c in client.get(f"/api/commitments?owner={owner}").get_json()["commitments"]
    )
    assert client.get("/api/commitments?status=late").status_code == 400
    page = client.get(f"/commitments?body={body}").get_data(as_text=True)
    assert "Set up a compensation scheme" in page and "/id/passage/" in page


def test_a_public_reader_sees_no_internal_commitment_decision_or_option(client, insider):
    for path in (
        "/api/commitments",
        "/commitments",
        "/briefing/topic/fisheries?format=md",
        "/id/topic/fisheries",
        "/id/organisation/fisheries-agency-board",
        "/id/administration/Okafor-administration",
        "/feeds/topic/fisheries.atom",
        "/feeds/organisation/fisheries-agency-board.atom",
        "/feeds/administration/Okafor-administration.atom",
    ):
        text = client.get(path).get_data(as_text=True)
        assert HIDDEN not in text and INTERNAL_DECISION not in text, path
        assert HIDDEN in insider.get(path).get_data(as_text=True), path


def test_a_supersession_above_the_readers_level_leaves_the_public_decision_in_force(client, insider):
    public = client.get("/id/topic/fisheries?as_of=2021-01-01").get_data(as_text=True)
    in_force = public[public.index('id="in-force-heading"') : public.index("No longer in force")]
    assert 'data-decision="AFA-BRD-2019-03/D1"' in in_force
    internal = insider.get("/id/topic/fisheries?as_of=2021-01-01").get_data(as_text=True)
    gone = internal[internal.index("No longer in force") :]
    assert 'data-decision="AFA-BRD-2019-03/D1"' in gone and INTERNAL_DECISION in internal


def test_the_feeds_are_valid_atom_with_new_decisions_first(client):
    import feedparser

    for path in (
        "/feeds/topic/fisheries.atom",
        "/feeds/organisation/fisheries-agency-board.atom",
        "/feeds/person/rosa-delgado.atom",
        "/feeds/administration/Okafor-administration.atom",
    ):
        response = client.get(path)
        assert response.status_code == 200 and response.mimetype == "application/atom+xml"
        feed = feedparser.parse(response.get_data())
        assert not feed.bozo, (path, feed.get("bozo_exception"))
        assert feed.version == "atom10" and feed.feed.title.startswith("Decisions: ")
        assert feed.entries and all(e.id and e.link and e.updated_parsed and e.title for e in feed.entries)
        published = [e.published for e in feed.entries if "published" in e]
        assert published == sorted(published, reverse=True)
    fisheries = feedparser.parse(client.get("/feeds/topic/fisheries.atom").get_data())
    assert any("AFA-BRD-2019-03/D1" in e.title for e in fisheries.entries)
    assert client.get("/feeds/meeting/AFA-BRD-2016-02.atom").status_code == 404


def test_each_subject_page_links_its_feed(client):
    for page, feed in (
        ("/id/topic/fisheries", "/feeds/topic/fisheries.atom"),
        ("/id/organisation/fisheries-agency-board", "/feeds/organisation/fisheries-agency-board.atom"),
        ("/id/person/rosa-delgado", "/feeds/person/rosa-delgado.atom"),
        ("/id/administration/Okafor-administration", "/feeds/administration/Okafor-administration.atom"),
    ):
        html = client.get(page).get_data(as_text=True)
        assert '<link rel="alternate" type="application/atom+xml"' in html and f'href="{feed}"' in html, page


def test_the_administration_page_says_who_led_it_and_what_crossed_terms(client):
    html = client.get("/id/administration/Okafor-administration").get_data(as_text=True)
    assert "Led by" in html and "Daniel Okafor" in html and "2017-01-15" in html
    assert "Halloran administration" in html and "Castellan administration" in html  # before and after
    predecessors = html[html.index("predecessors-heading") : html.index("successors-heading")]
    assert (
        "AFA-BRD-2019-03/D1" in predecessors
        and "supersedes" in predecessors
        and "AFA-BRD-2016-02/D1" in predecessors
    )
    successors = html[html.index("successors-heading") :]
    assert "AFA-BRD-2023-02/D1" in successors.split("In force on")[0]
    assert "Fisheries Agency Board" in html and 'id="by-topic-heading"' in html


def test_the_timeline_is_a_list_without_javascript_and_data_for_the_drawing(client):
    import json
    import re

    html = client.get("/id/topic/fisheries?as_of=2020-01-01").get_data(as_text=True)
    data = json.loads(
        re.search(r'<script type="application/json" id="timeline-data">(.*?)</script>', html, re.S).group(1)
    )
    lanes = [lane["label"] for lane in data["lanes"]]
    assert lanes[:3] == ["Halloran administration", "Okafor administration", "Castellan administration"]
    links = {(k["from"].rsplit("/", 1)[-1], k["relation"], k["to"].rsplit("/", 1)[-1]) for k in data["links"]}
    assert ("AFA-BRD-2016-02~D1", "supersedes", "AFA-BRD-2014-02~D1") in links
    listed = html[html.index('id="timeline-heading"') :]
    assert "supersedes" in listed and "/static/vendor/d3/d3.min.js" in listed and "//cdn" not in html
