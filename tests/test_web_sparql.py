"""The /sparql endpoint through the Flask test client: methods, formats, errors, service description,
workbench."""

from __future__ import annotations

import csv
import io
import json
from urllib.parse import quote

from rdflib import Graph

pytest_plugins = ["tests.conftest_web"]

SELECT = (
    "PREFIX prec: <https://w3id.org/precedent/ontology#> "
    "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
    "SELECT ?d ?label WHERE { ?d a prec:Decision ; rdfs:label ?label } ORDER BY ?label"
)
CONSTRUCT = (
    "PREFIX prec: <https://w3id.org/precedent/ontology#> "
    "CONSTRUCT { ?d a prec:Decision } WHERE { ?d a prec:Decision }"
)


def test_get_post_form_and_post_direct_give_the_same_json(client):
    by_get = client.get(
        f"/sparql?query={quote(SELECT)}", headers={"Accept": "application/sparql-results+json"}
    )
    by_form = client.post(
        "/sparql", data={"query": SELECT}, headers={"Accept": "application/sparql-results+json"}
    )
    by_direct = client.post(
        "/sparql",
        data=SELECT.encode(),
        content_type="application/sparql-query",
        headers={"Accept": "application/sparql-results+json"},
    )
    bodies = [json.loads(r.data) for r in (by_get, by_form, by_direct)]
    assert all(r.status_code == 200 for r in (by_get, by_form, by_direct))
    assert bodies[0] == bodies[1] == bodies[2]
    labels = [b["label"]["value"] for b in bodies[0]["results"]["bindings"]]
    assert "Northern Banks cod catch cut to 35,000 tonnes for 2016–2018" in labels


def test_results_in_every_tabular_format(client):
    xml = client.get(f"/sparql?query={quote(SELECT)}", headers={"Accept": "application/sparql-results+xml"})
    assert xml.mimetype == "application/sparql-results+xml" and b"<sparql" in xml.data
    table = client.get(f"/sparql?query={quote(SELECT)}", headers={"Accept": "text/csv"})
    rows = list(csv.reader(io.StringIO(table.get_data(as_text=True))))
    assert rows[0] == ["d", "label"] and len(rows) > 5
    tsv = client.get(f"/sparql?query={quote(SELECT)}", headers={"Accept": "text/tab-separated-values"})
    assert tsv.get_data(as_text=True).startswith("?d\t?label")
    download = client.get(f"/sparql?query={quote(SELECT)}&format=csv")
    assert download.mimetype == "text/csv" and "attachment" in download.headers["Content-Disposition"]


def test_graph_results_in_every_rdf_format(client):
    for accept, fmt in [
        ("text/turtle", "turtle"),
        ("application/n-triples", "nt"),
        ("application/ld+json", "json-ld"),
        ("application/rdf+xml", "xml"),
    ]:
        response = client.get(f"/sparql?query={quote(CONSTRUCT)}", headers={"Accept": accept})
        assert response.mimetype == accept
        assert len(Graph().parse(data=response.get_data(as_text=True), format=fmt)) > 5


def test_ask_answers_a_boolean(client):
    response = client.get("/sparql?query=" + quote("ASK { ?s ?p ?o }"))
    assert json.loads(response.data)["boolean"] is True


def test_protocol_errors_are_400_with_a_reason(client):
    cases = [
        (client.put("/sparql?query=ASK%20%7B%7D"), "use GET or POST"),
        (client.get("/sparql?query=ASK%20%7B%7D&query=ASK%20%7B%7D"), "exactly one query"),
        (client.post("/sparql", data=b"ASK {}", content_type="text/plain"), "not a SPARQL query request"),
        (client.post("/sparql", data=b"query=ASK%20%7B%7D"), "Content-Type"),
        (
            client.post(
                "/sparql",
                data="ASK {}".encode("utf-16"),
                content_type="application/sparql-query; charset=UTF-16",
            ),
            "UTF-8",
        ),
        (client.post("/sparql", data=b"ASK {\xff}", content_type="application/sparql-query"), "UTF-8"),
        (client.get("/sparql?query=ASK%20%7B"), "syntax error"),
        (client.get("/sparql?query=" + quote("INSERT DATA { <a:b> <a:c> <a:d> }")), "refused"),
        (client.post("/sparql", data={"update": "INSERT DATA { <a:b> <a:c> <a:d> }"}), "read-only"),
        (
            client.post("/sparql", data=b"INSERT DATA {}", content_type="application/sparql-update"),
            "read-only",
        ),
        (
            client.get(
                "/sparql?query=" + quote("SELECT * WHERE { SERVICE <http://x.example/> { ?s ?p ?o } }")
            ),
            "refused",
        ),
        (client.post("/sparql", data=b"", content_type="application/x-www-form-urlencoded"), "no query"),
    ]
    for response, words in cases:
        assert response.status_code == 400, (words, response.data)
        assert words in response.get_data(as_text=True), (words, response.data)


def test_truncated_results_carry_a_header_and_a_workbench_notice(client, web_archive, monkeypatch):
    # The archive's row cap is a setting; lower it for this test to see the cut.
    monkeypatch.setattr(web_archive, "config", web_archive.config.with_(max_rows=3))
    query = quote("SELECT * WHERE { ?s ?p ?o } LIMIT 10")
    response = client.get("/sparql?query=" + query, headers={"Accept": "text/csv"})
    assert response.headers.get("X-Precedent-Truncated") == "true"
    assert len(list(csv.reader(io.StringIO(response.get_data(as_text=True))))) == 1 + 3
    page = client.get("/sparql?query=" + query, headers={"Accept": "text/html"}).get_data(as_text=True)
    assert "cut at the row limit" in page
    whole = client.get("/sparql?query=" + quote("SELECT * WHERE { ?s ?p ?o } LIMIT 2"))
    assert "X-Precedent-Truncated" not in whole.headers


def test_service_description_for_rdf_clients(client):
    response = client.get("/sparql", headers={"Accept": "text/turtle"})
    assert response.mimetype == "text/turtle"
    text = response.get_data(as_text=True)
    assert "sd:Service" in text and "sd:SPARQL11Query" in text


def test_workbench_page_has_editor_examples_and_permalinked_results(client):
    page = client.get("/sparql", headers={"Accept": "text/html"}).get_data(as_text=True)
    assert '<textarea id="query"' in page and "workbench.js" in page and 'id="completions"' in page
    assert "prec:Decision" in page  # completion terms from the ontology
    ran = client.get(f"/sparql?query={quote(SELECT)}", headers={"Accept": "text/html"}).get_data(as_text=True)
    assert 'id="results-table"' in ran and 'href="/id/decision/' in ran
    for fmt in ("json", "xml", "csv", "tsv"):
        assert f"format={fmt}" in ran
    bad = client.get("/sparql?query=SELEC", headers={"Accept": "text/html"})
    assert bad.status_code == 400 and "did not run" in bad.get_data(as_text=True)


def test_workbench_works_without_vendor_files(client, app, monkeypatch):
    import webui.build_assets as assets

    page = client.get("/sparql", headers={"Accept": "text/html"}).get_data(as_text=True)
    # The textarea is a plain form field: with or without CodeMirror the form submits the query.
    assert '<form method="get" action="/sparql"' in page and 'name="query"' in page
    assert "vendor/codemirror/codemirror.js" in page
    assert set(assets.CODEMIRROR_FILES) >= {"lib/codemirror.js", "mode/sparql/sparql.js"}


def test_a_query_past_the_time_limit_is_stopped_with_503(client, web_archive, monkeypatch):
    monkeypatch.setattr(web_archive, "config", web_archive.config.with_(query_timeout=0.2))
    heavy = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    response = client.get("/sparql?query=" + quote(heavy))
    assert response.status_code == 503 and "stopped" in response.get_data(as_text=True)
