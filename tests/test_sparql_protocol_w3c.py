"""The W3C SPARQL 1.1 Protocol test cases (query and bad_query) against a live Precedent server,
plus SPARQLWrapper and rdflib's SPARQLStore as real clients.

The manifest and its data files are in ``../shared/w3c-sparql-protocol/`` beside the checkout;
each data file is imported into the named graph given by its ``rdfs:label``.
"""

from __future__ import annotations

import csv
import http.client
import io
import json
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

import pytest
from rdflib import RDF, RDFS, Graph, Namespace, URIRef
from rdflib.collection import Collection

from tests.conftest_web import LiveServer

SUITE = Path(__file__).resolve().parents[2] / "shared" / "w3c-sparql-protocol"
MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
HT = Namespace("http://www.w3.org/2011/http#")
CNT = Namespace("http://www.w3.org/2011/content#")
UT = Namespace("http://www.w3.org/2009/sparql/tests/test-update#")
HTS = Namespace("http://www.w3.org/2011/http-statusCodes#")
TABULAR = {
    "application/sparql-results+json",
    "application/sparql-results+xml",
    "text/csv",
    "text/tab-separated-values",
}
RDF_TYPES = {"text/turtle", "application/n-triples", "application/rdf+xml", "application/ld+json"}

pytestmark = pytest.mark.slow


def _manifest() -> Graph:
    if not (SUITE / "manifest.ttl").is_file():
        pytest.skip(f"the W3C protocol tests are not in {SUITE}")
    return Graph().parse(
        SUITE / "manifest.ttl",
        format="turtle",
        publicID="http://www.w3.org/2009/sparql/docs/tests/data-sparql11/protocol/manifest.ttl",
    )


def _cases() -> list[str]:
    if not (SUITE / "manifest.ttl").is_file():
        return []
    graph = _manifest()
    entries = graph.value(next(graph.subjects(RDF.type, MF.Manifest)), MF.entries)
    return [str(e).rsplit("#", 1)[-1] for e in Collection(graph, entries)]


@pytest.fixture(scope="module")
def server(tmp_path_factory):  # type: ignore[no-untyped-def]
    from archive.archive import Archive
    from archive.config import ArchiveConfig
    from webui import create_app

    graph = _manifest()
    archive = Archive.open(ArchiveConfig(data_dir=tmp_path_factory.mktemp("w3c") / "data"))
    loaded = set()
    with archive.writer("w3c-tests") as writer:
        for data in graph.objects(None, UT.graphData):
            path = Path(str(graph.value(data, UT.graph)).replace("file://", ""))
            path = SUITE / path.name
            label = str(graph.value(data, RDFS.label))
            if label not in loaded:
                writer.import_rdf(path, label, level="public")
                loaded.add(label)
    live = LiveServer(create_app(archive, {"TESTING": True, "SECRET_KEY": "w3c"}))
    yield live
    live.stop()
    archive.close()


@dataclass
class Call:
    """One HTTP request of a test case, sent as written (no client-added Content-Type)."""

    method: str
    path: str
    headers: dict[str, str]
    body: bytes | None

    def send(self, port: int) -> tuple[int, str, str, bytes]:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        try:
            connection.request(self.method, self.path, body=self.body, headers=self.headers)
            response = connection.getresponse()
            media = (response.getheader("Content-Type") or "").split(";")[0].strip()
            return response.status, media, response.getheader("Content-Type") or "", response.read()
        finally:
            connection.close()


def _request(graph: Graph, case: str) -> tuple[Call, object]:
    node = URIRef(f"http://www.w3.org/2009/sparql/docs/tests/data-sparql11/protocol/manifest#{case}")
    action = graph.value(node, MF.action)
    first = Collection(graph, graph.value(action, HT.requests))[0]
    path = str(graph.value(first, HT.absolutePath)).replace("/sparql/", "/sparql", 1)
    body = graph.value(first, HT.body)
    data = str(graph.value(body, CNT.chars)).encode("utf-8") if body is not None else None
    headers = {}
    header_list = graph.value(first, HT.headers)
    if header_list is not None:
        for header in Collection(graph, header_list):
            headers[str(graph.value(header, HT.fieldName))] = str(graph.value(header, HT.fieldValue))
    if data is not None and "utf-16" in headers.get("content-type", "").lower():
        data = str(graph.value(body, CNT.chars)).encode("utf-16")
    method = str(graph.value(first, HT.methodName))
    return Call(method, path, headers, data), graph.value(first, HT.resp)


@pytest.mark.parametrize(
    "case", [c for c in _cases() if c.startswith(("query_", "bad_query_", "bad_multiple_q"))]
)
def test_w3c_protocol_query_case(server, case):
    graph = _manifest()
    call, expected = _request(graph, case)
    status, media, _, body = call.send(server.port)
    classes = {str(s).rsplit("StatusCode", 1)[-1] for s in graph.objects(expected, MF.expectedStatus)}
    assert f"{str(status)[0]}xx" in classes, (case, status, body[:300])
    if status >= 400:
        assert media == "text/plain" and len(body.strip()) > 10  # a message saying what is wrong
        return
    fmt = graph.value(expected, MF.expectedFormat)
    if fmt is not None and str(fmt) == "RDF":
        assert media in RDF_TYPES
    elif fmt is not None:
        assert media in TABULAR, (case, media)
    boolean = graph.value(expected, MF.expectedBoolean)
    if boolean is not None:
        assert _boolean(media, body) is boolean.toPython(), case


def _boolean(media: str, body: bytes) -> bool:
    if media == "application/sparql-results+json":
        return json.loads(body)["boolean"]
    if media == "application/sparql-results+xml":
        element = ElementTree.fromstring(body).find("{http://www.w3.org/2005/sparql-results#}boolean")
        return element is not None and element.text == "true"
    rows = list(csv.reader(io.StringIO(body.decode("utf-8")), delimiter="\t" if "tab" in media else ","))
    return rows[1][0] == "true"


def test_the_manifest_has_twenty_query_cases():
    cases = [c for c in _cases() if c.startswith(("query_", "bad_query_", "bad_multiple_q"))]
    if not cases:
        pytest.skip("no manifest")
    assert len(cases) == 20


@pytest.mark.parametrize("case", [c for c in _cases() if "update" in c])
def test_w3c_update_cases_are_refused_clearly(server, case):
    graph = _manifest()
    call, _ = _request(graph, case)
    status, _, _, body = call.send(server.port)
    assert 400 <= status < 500
    message = body.decode("utf-8", "replace")
    assert "read-only" in message or "UTF-8" in message or "Content-Type" in message or "refused" in message


def test_sparqlwrapper_against_the_live_server(server):
    from SPARQLWrapper import JSON, POST, TURTLE, SPARQLWrapper

    client = SPARQLWrapper(server.url + "/sparql")
    client.setQuery("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    client.setReturnFormat(JSON)
    count = int(client.queryAndConvert()["results"]["bindings"][0]["n"]["value"])
    assert count > 0
    client.setMethod(POST)
    client.setQuery("ASK { <http://kasei.us/2009/09/sparql/data/data1.rdf> a ?type }")
    assert client.queryAndConvert()["boolean"] is True
    client.setQuery("CONSTRUCT WHERE { ?s a ?type }")
    client.setReturnFormat(TURTLE)
    graph = Graph().parse(data=client.queryAndConvert(), format="turtle")
    assert (URIRef("http://kasei.us/2009/09/sparql/data/data1.rdf"), RDF.type, None) in graph


def test_rdflib_sparqlstore_against_the_live_server(server):
    from rdflib.plugins.stores.sparqlstore import SPARQLStore

    store = SPARQLStore(server.url + "/sparql", returnFormat="json")
    graph = Graph(store=store)
    rows = list(graph.query("SELECT ?s ?type WHERE { ?s a ?type } ORDER BY ?s"))
    assert URIRef("http://kasei.us/2009/09/sparql/data/data1.rdf") in {row[0] for row in rows}
    assert bool(graph.query("ASK { ?s ?p ?o }").askAnswer) is True
