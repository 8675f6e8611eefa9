"""Entity pages: decisions, actors, topics, meetings, records, the generic page, and RDF by Accept."""

from __future__ import annotations

import json

import pytest
from rdflib import Graph, URIRef

pytest_plugins = ["tests.conftest_web"]

DECISION = "/id/decision/AFA-BRD-2016-02~D1"
DECISION_IRI = "https://archive.example.org/id/decision/AFA-BRD-2016-02~D1"


def test_decision_page_answers_what_who_when_why_in_one_screen(client):
    page = client.get(DECISION).get_data(as_text=True)
    assert "Northern Banks cod catch cut to 35,000 tonnes" in page
    assert "Fisheries Agency Board" in page and "2016-02-16" in page
    assert "Halloran administration" in page
    assert "Option B: Cut the catch to 35,000 tonnes with compensation" in page and "tag-chosen" in page
    assert "Inconsistent with the scientific advice." in page  # rejection reason of option A
    assert "The 2014 catch did not rebuild the stock." in page  # rationale
    assert "Rosa Delgado" in page and "falls on the inshore fleet" in page  # ballot with dissent
    assert "Set up a compensation scheme for vessels under 12 metres" in page and "EUR" in page
    assert page.count("Set up a compensation scheme for vessels under 12 metres") == 1
    assert "Spawning stock rebuilt to 150 thousand tonnes by 2018" in page


def test_decision_page_shows_precedents_both_ways_with_standing(client):
    page = client.get(DECISION).get_data(as_text=True)
    assert "supersedes" in page and 'href="/id/decision/AFA-BRD-2014-02~D1"' in page
    older = client.get("/id/decision/AFA-BRD-2014-02~D1").get_data(as_text=True)
    assert "superseded by" in older and 'href="/id/decision/AFA-BRD-2016-02~D1"' in older
    assert "standing-superseded" in older


def test_source_passage_is_quoted_and_links_to_the_highlighted_record_passage(client):
    page = client.get(DECISION).get_data(as_text=True)
    assert "<blockquote" in page and "id: AFA-BRD-2016-02/D1" in page
    start = page.index('href="/id/record/AFA-BRD-2016-02?passage=')
    link = page[start + 6 : page.index('"', start + 6)].replace("&amp;", "&")
    assert "#p-" in link
    record = client.get(link.split("#")[0]).get_data(as_text=True)
    assert 'class="passage highlighted"' in record and f'id="{link.split("#")[1]}"' in record
    assert "<mark>" in record


def test_person_and_organisation_pages_show_roles_decisions_and_meetings(client):
    person = client.get("/id/person/rosa-delgado").get_data(as_text=True)
    assert "Rosa Delgado" in person and "Posts held" in person
    assert 'href="/id/decision/AFA-BRD-2016-02~D1"' in person and "voted" in person
    assert "/id/meeting/AFA-BRD-2016-02" in person
    org = client.get("/id/organisation/finance-budget-board").get_data(as_text=True)
    assert "Finance Budget Board" in org and "/id/meeting/MOF-BB-2014-11" in org
    # a body's page: who sat at its meetings, and its decisions counted by topic
    assert "Members over time" in org and "Decisions by topic" in org


def test_topic_page_is_a_timeline_of_decisions(client):
    page = client.get("/id/topic/fisheries").get_data(as_text=True)
    assert "Fisheries" in page
    first = page.index("/id/decision/AFA-BRD-2014-02~D1")
    second = page.index("/id/decision/AFA-BRD-2016-02~D1")
    assert first < second  # oldest first


def test_meeting_and_record_pages(client):
    meeting = client.get("/id/meeting/AFA-BRD-2016-02").get_data(as_text=True)
    assert (
        "Attendance" in meeting
        and "Mairead Kinsella" in meeting
        and "/id/decision/AFA-BRD-2016-02~D1" in meeting
    )
    record = client.get("/id/record/AFA-BRD-2016-02").get_data(as_text=True)
    assert "AFA-BRD-2016-02" in record and 'class="passage' in record and "Northern Banks" in record


def test_other_kinds_get_a_generic_properties_page(client, web_archive):
    result = web_archive.view("public").query(
        "PREFIX prec: <https://w3id.org/precedent/ontology#> SELECT ?c WHERE { ?c a prec:Commitment } LIMIT 1"
    )
    iri = str(result.rows[0][0])
    path = "/id/" + iri.split("/id/", 1)[1]
    page = client.get(path).get_data(as_text=True)
    assert "Properties" in page and "prec:owner" in page


@pytest.mark.parametrize(
    "accept,fmt,parse_as",
    [
        ("text/turtle", "ttl", "turtle"),
        ("application/n-triples", "nt", "nt"),
        ("application/ld+json", "jsonld", "json-ld"),
        ("application/rdf+xml", "rdf", "xml"),
    ],
)
def test_every_entity_dereferences_as_rdf_by_accept_and_format(client, accept, fmt, parse_as):
    by_accept = client.get(DECISION, headers={"Accept": accept})
    assert by_accept.status_code == 200 and by_accept.mimetype == accept
    graph = Graph().parse(data=by_accept.get_data(as_text=True), format=parse_as)
    assert (URIRef(DECISION_IRI), None, None) in graph
    download = client.get(f"{DECISION}?format={fmt}")
    assert download.mimetype == accept and len(
        Graph().parse(data=download.get_data(as_text=True), format=parse_as)
    ) == len(graph)
    if fmt == "jsonld":
        assert json.loads(download.get_data(as_text=True))


def test_unknown_entities_and_bad_formats(client):
    assert client.get("/id/decision/NOPE-1").status_code == 404
    assert client.get("/id/planet/earth").status_code == 404
    assert client.get("/id/decision/a%20b").status_code == 404
    assert client.get(f"{DECISION}?format=pdf").status_code == 400


def test_ontology_page_documents_classes_properties_and_shapes(client):
    page = client.get("/ontology").get_data(as_text=True)
    assert 'id="Decision"' in page and "prec:chosenOption" in page and "SHACL" in page
    turtle = client.get("/ontology", headers={"Accept": "text/turtle"})
    assert turtle.mimetype == "text/turtle"
    graph = Graph().parse(data=turtle.get_data(as_text=True), format="turtle")
    assert (URIRef("https://w3id.org/precedent/ontology#Decision"), None, None) in graph


def test_named_query_parameters_must_be_clean_iris():
    from archive import pages

    for bad in ("https://x.example/a> } ; DROP ALL #", "not an iri", "https://x.example/a b"):
        with pytest.raises(ValueError):
            pages.term(bad)
    assert str(pages.term("https://archive.example.org/id/decision/X~D1")).endswith("X~D1")


def test_every_named_query_parses_with_this_bound():
    import pyoxigraph as ox

    from archive import pages

    store = ox.Store()
    names = [n for n in dir(pages) if n.isupper() and n != "PREFIXES" and isinstance(getattr(pages, n), str)]
    assert len(names) >= 20
    for name in names:
        solutions = store.query(
            getattr(pages, name), substitutions={ox.Variable("this"): ox.NamedNode("https://a.example/x")}
        )
        assert "this" in [v.value for v in solutions.variables], name


def test_standing_says_what_superseded_the_decision(client):
    older = client.get("/id/decision/AFA-BRD-2014-02~D1").get_data(as_text=True)
    line = older[older.index('class="standing-line"') :][:600]
    assert "superseded" in line and "AFA-BRD-2016-02/D1" in line


def test_standing_rules():
    import datetime as dt

    from webui.entity_pages import standing

    today = dt.date(2020, 1, 1)
    assert standing(None, None, None, today) == "in force"
    assert standing("x", None, None, today) == "superseded"
    assert standing("x", "y", None, today) == "reversed"
    assert standing(None, None, "2019-12-31", today) == "lapsed"
    assert standing(None, None, "2020-06-30", today) == "in force"
