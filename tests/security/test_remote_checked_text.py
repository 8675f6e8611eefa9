"""Remote-store mode: what reaches the SPARQL server is the text the checker read, and a refused query
reaches it not at all."""

from __future__ import annotations

import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from archive import Archive, ArchiveConfig
from archive.errors import QueryRefused, QuerySyntaxError
from archive.query_guard import check_query


class _Recorder(BaseHTTPRequestHandler):
    """A SPARQL server that answers every query with no rows and keeps every query text it was sent."""

    received: list[str]

    def do_POST(self) -> None:  # noqa: N802 - http.server's naming
        body = self.rfile.read(int(self.headers.get("Content-Length", 0))).decode("utf-8")
        query = urllib.parse.parse_qs(body).get("query", [""])[0]
        self.received.append(query)
        accept = self.headers.get("Accept", "")
        if "tab-separated" in accept:
            payload, media = b"?x\n", "text/tab-separated-values"
        elif "n-triples" in accept:
            payload, media = b"", "application/n-triples"
        else:
            payload, media = b'{"head":{},"boolean":false}', "application/sparql-results+json"
        self.send_response(200)
        self.send_header("Content-Type", media)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture()
def remote(tmp_path):
    handler = type("Recorder", (_Recorder,), {"received": []})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/{{level}}"
    config = ArchiveConfig(
        data_dir=tmp_path / "data",
        store="sparql",
        sparql_query_url=base + "/query",
        sparql_update_url=base + "/update",
    )
    archive = Archive(config)  # not ``open``: nothing but the queries below may reach the server
    yield archive, handler.received
    archive.close()
    server.shutdown()


@pytest.mark.parametrize(
    "query",
    [
        'SELECT ?x WHERE { # \\u000A BIND("""\nSERVICE <http://127.0.0.1:9/> { ?s ?p ?o }\n# """ AS ?x)\n}',
        "SELECT ?x WHERE { BIND('caf\\u00E9' AS ?x) } # a comment",
        "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } # \\u000D",
        'ASK { ?s ?p "x\\u0027" }',
    ],
)
def test_the_remote_server_receives_exactly_the_checked_text(remote, query):
    archive, received = remote
    archive.view("public").query(query)
    assert len(received) == 1
    assert received[0] == f"BASE <{archive.config.base_iri}>\n{check_query(query).text}"
    assert "\\u" not in received[0]


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * WHERE { ?s ?p ?o # note\rSERVICE <http://127.0.0.1:9/> { ?s ?p ?o }\n}",
        "SELECT * WHERE { SERV\\u0049CE <http://127.0.0.1:9/> { ?s ?p ?o } }",
        'SELECT * WHERE { BIND("\\U0011FFFF" AS ?x) }',
    ],
)
def test_a_refused_query_never_reaches_the_remote_server(remote, query):
    archive, received = remote
    with pytest.raises((QueryRefused, QuerySyntaxError)):
        archive.view("public").query(query)
    assert received == []
