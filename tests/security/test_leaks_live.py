"""The earlier leak cases (tests/test_web_security.py), against a live ``precedent serve``: nothing above
the caller's level on any surface, including through protocol parameters and graph names."""

from __future__ import annotations

from urllib.parse import quote

import pytest

from tests.conftest_web import PASSWORD, RESTRICTED_DECISION, RESTRICTED_ID, SECRET_WORD
from tests.security.live import Browser
from tests.test_web_security import LEAKS

pytestmark = pytest.mark.slow  # live servers and processes; still run in CI

GRAPH = "https://archive.example.org/id/graph/" + RESTRICTED_ID
SURFACES = {
    "search": f"/search?q={SECRET_WORD}",
    "api": f"/api/search?q={SECRET_WORD}",
    "facets": "/api/search?q=&per_page=100",
    "entity": "/id/decision/" + RESTRICTED_DECISION.replace("/", "~"),
    "record": f"/id/record/{RESTRICTED_ID}",
    "sparql all graphs": "/sparql?format=csv&query=" + quote("SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }"),
    "sparql FROM": "/sparql?format=csv&query=" + quote(f"SELECT * FROM <{GRAPH}> WHERE {{ ?s ?p ?o }}"),
    "sparql FROM NAMED": "/sparql?format=csv&query="
    + quote(f"SELECT * FROM NAMED <{GRAPH}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}"),
    "default-graph-uri": "/sparql?format=csv&default-graph-uri="
    + quote(GRAPH)
    + "&query="
    + quote("SELECT * WHERE { ?s ?p ?o }"),
    "named-graph-uri": "/sparql?format=csv&named-graph-uri="
    + quote(GRAPH)
    + "&query="
    + quote("SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }"),
    "graph IRI with escapes": "/sparql?format=csv&query="
    + quote("SELECT * WHERE { GRAPH <" + GRAPH.replace("SEC", "\\u0053EC") + "> { ?s ?p ?o } }"),
    "text search": "/sparql?format=csv&query="
    + quote(f'SELECT ?o WHERE {{ ?s ?p ?o FILTER(CONTAINS(STR(?o), "{SECRET_WORD}")) }}'),
    "healthz": "/healthz",
}


@pytest.mark.parametrize("surface", sorted(SURFACES))
@pytest.mark.parametrize("who", ["anonymous", "ivy"])
def test_nothing_restricted_reaches_a_lower_reader_on_any_surface(server, surface, who):
    browser = Browser()
    if who != "anonymous":
        assert browser.sign_in(server, who, PASSWORD).status == 302
    answer = browser.get(server, SURFACES[surface], headers={"Accept": "text/html, */*;q=0.1"})
    assert answer.status in (200, 404), (answer.status, answer.text[:300])
    for leak in LEAKS:
        assert leak not in answer.text, (surface, leak)
