"""User SPARQL through a View: checked on its algebra, run in a killable worker with timeout and row cap."""

from __future__ import annotations

import csv
import io
import json
import time

import pytest
from rdflib import Graph

from archive import Archive, QueryRefused, QuerySyntaxError, QueryTimeout
from tests.archive_fixtures import make_config, simple_document

SELECT_LABELS = """PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX prec: <https://w3id.org/precedent/ontology#>
SELECT ?d ?label WHERE { ?d a prec:Decision ; rdfs:label ?label } ORDER BY ?label"""


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    opened = Archive.open(make_config(tmp_path_factory.mktemp("query") / "data"))
    with opened.writer("editor") as writer:
        for n in range(30):
            writer.put(simple_document(f"PUB-{n:02d}", label=f"Decision {n:02d}"))
        writer.put(simple_document("SEC-1", level="restricted", label="Secret decision"))
    yield opened
    opened.close()


@pytest.mark.parametrize(
    "text",
    [
        "INSERT DATA { <http://a> <http://b> <http://c> }",
        "DELETE WHERE { ?s ?p ?o }",
        "LOAD <http://example.org/data.ttl>",
        "DROP ALL",
    ],
)
def test_updates_are_refused(archive, text):
    with pytest.raises(QueryRefused, match="read-only"):
        archive.view("restricted").query(text)


def test_service_is_refused(archive):
    with pytest.raises(QueryRefused, match="SERVICE"):
        archive.view("public").query("SELECT * WHERE { SERVICE <http://dbpedia.org/sparql> { ?s ?p ?o } }")
    nested = "SELECT * WHERE { ?s ?p ?o OPTIONAL { SERVICE <http://x.org/s> { ?s ?q ?r } } }"
    with pytest.raises(QueryRefused, match="SERVICE"):
        archive.view("public").query(nested)


def test_graphs_above_the_level_answer_like_graphs_that_do_not_exist(archive):
    secret = archive.minter.graph("SEC-1")
    missing = archive.minter.graph("NO-SUCH-DOCUMENT")
    view = archive.view("public")
    for graph in (secret, missing):
        assert view.query(f"SELECT * FROM <{graph}> WHERE {{ ?s ?p ?o }}").rows == []
        assert view.query(f"SELECT * FROM NAMED <{graph}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}").rows == []
        assert view.query(f"SELECT * WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}").rows == []
        assert view.query(f"ASK {{ FILTER EXISTS {{ GRAPH <{graph}> {{ ?s ?p ?o }} }} }}").boolean is False
        assert view.query("SELECT * WHERE { ?s ?p ?o }", default_graph_uris=[graph]).rows == []
    assert archive.view("restricted").query(f"ASK {{ GRAPH <{secret}> {{ ?s ?p ?o }} }}").boolean is True


def test_protocol_default_graph_restricts_the_dataset(archive):
    graph = archive.minter.graph("PUB-03")
    result = archive.view("public").query(SELECT_LABELS, default_graph_uris=[graph])
    assert [str(r[1]) for r in result.rows] == ["Decision 03"]
    from_clause = SELECT_LABELS.replace("SELECT ?d ?label", f"SELECT ?d ?label FROM <{graph}>")
    assert [str(r[1]) for r in archive.view("public").query(from_clause).rows] == ["Decision 03"]


def test_syntax_error_gives_line_and_column(archive):
    with pytest.raises(QuerySyntaxError, match=r"line 2, column \d+"):
        archive.view("public").query("SELECT ?s WHERE {\n  ?s ?p ")


def test_row_cap_truncates_and_says_so(archive):
    result = archive.view("public").query(SELECT_LABELS, max_rows=7)
    assert len(result.rows) == 7 and result.truncated
    full = archive.view("public").query(SELECT_LABELS)
    assert len(full.rows) == 30 and not full.truncated
    first = full.rows[0]
    assert str(first[1]) == str(first["label"]) == str(first.get("label")) == "Decision 00"
    assert first.get("missing", "-") == "-"


def test_runaway_query_is_stopped_at_the_timeout(archive):
    started = time.monotonic()
    with pytest.raises(QueryTimeout, match="longer than 1 s"):
        archive.view("public").query(
            "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }", timeout=1
        )
    assert time.monotonic() - started < 5
    # the archive still answers afterwards
    assert archive.view("public").query("ASK { ?s ?p ?o }").boolean is True


def test_results_serialise_in_every_protocol_format(archive):
    result = archive.view("public").query(SELECT_LABELS, max_rows=2)
    data = json.loads(result.serialize("application/sparql-results+json"))
    assert data["head"]["vars"] == ["d", "label"]
    assert data["results"]["bindings"][0]["label"]["value"] == "Decision 00"
    assert b"<literal>Decision 01</literal>" in result.serialize("application/sparql-results+xml")
    rows = list(csv.reader(io.StringIO(result.serialize("text/csv").decode())))
    assert rows[0] == ["d", "label"] and rows[1][1] == "Decision 00"
    tsv = result.serialize("text/tab-separated-values").decode().splitlines()
    assert tsv[0] == "?d\t?label" and tsv[1].endswith('\t"Decision 00"')
    construct = archive.view("public").query(
        "CONSTRUCT { ?d <http://www.w3.org/2000/01/rdf-schema#label> ?l } WHERE { "
        "?d a <https://w3id.org/precedent/ontology#Decision> ; "
        "<http://www.w3.org/2000/01/rdf-schema#label> ?l }"
    )
    assert construct.kind == "graph" and len(construct.rows) == 30
    for media_type, fmt in (
        ("text/turtle", "turtle"),
        ("application/n-triples", "nt"),
        ("application/ld+json", "json-ld"),
        ("application/rdf+xml", "xml"),
    ):
        parsed = Graph().parse(data=construct.serialize(media_type), format=fmt)
        assert len(parsed) == 30
    with pytest.raises(QueryRefused, match="text/turtle"):
        result.serialize("text/turtle")
    ask = archive.view("public").query("ASK { ?s ?p ?o }")
    assert json.loads(ask.serialize("application/sparql-results+json"))["boolean"] is True


def test_json_written_from_the_worker_rows_equals_json_written_from_rdflib_terms(archive):
    from archive.results import QueryResult

    text = """PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
    SELECT ?d ?label ?n ?fr ?b ?none WHERE {
      ?d a <https://w3id.org/precedent/ontology#Decision> ; rdfs:label ?label .
      BIND (STRLEN(?label) AS ?n) BIND (STRLANG("décision", "fr") AS ?fr) BIND (BNODE() AS ?b)
      OPTIONAL { ?d <http://example.org/absent> ?none }
    } ORDER BY ?label LIMIT 5"""
    result = archive.view("public").query(text)
    assert result.wire_rows is not None and "rows" not in result.__dict__  # still in the wire form
    from_wire = json.loads(result.serialize("application/sparql-results+json"))
    assert "rows" not in result.__dict__  # JSON did not need rdflib terms
    through_rdflib = QueryResult(kind=result.kind, variables=result.variables, rows=list(result.rows))
    expected = json.loads(through_rdflib.serialize("application/sparql-results+json"))
    assert from_wire["head"] == expected["head"]
    for got, want in zip(from_wire["results"]["bindings"], expected["results"]["bindings"], strict=True):
        assert got.keys() == want.keys() == {"d", "label", "n", "fr", "b"}
        for name in ("d", "label", "n", "fr"):
            assert got[name] == want[name]
        assert got["b"]["type"] == want["b"]["type"] == "bnode"
    first = from_wire["results"]["bindings"][0]
    assert first["n"]["datatype"] == "http://www.w3.org/2001/XMLSchema#integer"
    assert first["fr"] == {"type": "literal", "value": "décision", "xml:lang": "fr"}
    assert result.rows[0]["label"].toPython() == "Decision 00"


def test_deeply_nested_query_is_refused_not_crashed(archive):
    with pytest.raises(QueryRefused, match="nested too deeply"):
        archive.view("public").query("SELECT * WHERE " + "{" * 3000 + " ?s ?p ?o " + "}" * 3000)
    with pytest.raises(QueryRefused, match="characters long"):
        archive.view("public").query("ASK { ?s ?p ?o }" + " " * 200_000)


@pytest.mark.slow
def test_query_over_its_memory_cap_is_stopped(tmp_path):
    config = make_config(tmp_path / "data", query_memory_mb=1500).with_(query_timeout=60)
    with Archive.open(config) as archive:
        with archive.writer("editor") as writer:
            for n in range(20):
                writer.put(simple_document(f"PUB-{n:02d}"))
        greedy = (
            "SELECT (GROUP_CONCAT(CONCAT(STR(?a), STR(?a), STR(?a), STR(?a), STR(?c), STR(?c), STR(?c)))"
            " AS ?x) "
            "WHERE { ?a ?p ?b . ?c ?q ?d . ?e ?r ?f }"
        )
        with pytest.raises(QueryTimeout, match="1500 MiB"):
            archive.view("public").query(greedy, timeout=60)
        assert archive.view("public").query("ASK { ?s ?p ?o }").boolean is True
