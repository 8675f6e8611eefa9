"""The archive on remote SPARQL 1.1 servers: one real ``oxigraph serve`` process per level, same core tests.

A small path-routing proxy in front of the servers gives every level the URL shape real deployments
use (``http://host/precedent-{level}/query``, as with Fuseki datasets).
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from archive import Archive, ArchiveConfig
from tests import test_archive, test_archive_query, test_dump_restore, test_levels
from tests.archive_fixtures import simple_document

pytestmark = pytest.mark.slow
LEVELS = ("public", "internal", "restricted")


def oxigraph_binary() -> str | None:
    beside = Path(sys.executable).with_name("oxigraph")
    return str(beside) if beside.exists() else shutil.which("oxigraph")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class _Router(BaseHTTPRequestHandler):
    """Forwards ``/precedent-<level>/<rest>`` to that level's oxigraph server."""

    ports: dict[str, int] = {}

    def _forward(self) -> None:
        _, dataset, rest = self.path.split("/", 2)
        level = dataset.removeprefix("precedent-")
        body = (
            self.rfile.read(int(self.headers.get("Content-Length") or 0)) if self.command == "POST" else None
        )
        headers = {k: v for k, v in self.headers.items() if k.lower() in ("content-type", "accept")}
        request = urllib.request.Request(
            f"http://127.0.0.1:{self.ports[level]}/{rest}", data=body, method=self.command, headers=headers
        )
        try:
            with urllib.request.urlopen(request, timeout=120) as response:
                status, payload, content_type = (
                    response.status,
                    response.read(),
                    response.headers.get("Content-Type"),
                )
        except urllib.error.HTTPError as exc:
            status, payload, content_type = exc.code, exc.read(), exc.headers.get("Content-Type")
        except OSError:  # the server stopped a query at its own timeout, or the client went away
            status, payload, content_type = 504, b"upstream timeout", "text/plain"
        self.send_response(status)
        if content_type:
            self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        try:
            self.wfile.write(payload)
        except OSError:
            pass  # the client gave up (its own timeout) before the answer came

    do_GET = do_POST = _forward

    def log_message(self, *args: object) -> None:
        """Quiet: the test output is not the place for access logs."""


@pytest.fixture(scope="module")
def servers(tmp_path_factory):
    binary = oxigraph_binary()
    if binary is None:
        pytest.skip("the oxigraph server binary (PyPI package 'oxigraph') is not installed")
    processes, ports = [], {}
    for level in LEVELS:
        port = free_port()
        ports[level] = port
        processes.append(
            subprocess.Popen(
                [
                    binary,
                    "serve",
                    "--location",
                    str(tmp_path_factory.mktemp(f"oxigraph-{level}")),
                    "--bind",
                    f"127.0.0.1:{port}",
                    "--union-default-graph",
                    "--timeout-s",
                    "3",
                ],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        )
    for level, port in ports.items():
        deadline = time.monotonic() + 20
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/query?query=ASK%7B%7D", timeout=1).read()
                break
            except OSError:
                if time.monotonic() > deadline:
                    pytest.fail(f"oxigraph server for {level} did not start")
                time.sleep(0.1)
    router = type("Router", (_Router,), {"ports": ports})
    proxy = ThreadingHTTPServer(("127.0.0.1", 0), router)
    threading.Thread(target=proxy.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{proxy.server_address[1]}/precedent-{{level}}"
    yield base
    proxy.shutdown()
    for process in processes:
        process.terminate()
    for process in processes:
        process.wait(10)


def remote_config(base: str, data_dir: Path, **extra) -> ArchiveConfig:
    return ArchiveConfig(
        data_dir=data_dir,
        store="sparql",
        sparql_query_url=f"{base}/query",
        sparql_update_url=f"{base}/update",
        sparql_gsp_url=f"{base}/store",
        query_timeout=5,
        **extra,
    )


def empty_datasets(base: str, data_dir: Path) -> None:
    with Archive(remote_config(base, data_dir)) as archive:
        for level in LEVELS:
            archive.store(level).clear()


@pytest.fixture
def archive(servers, tmp_path):
    empty_datasets(servers, tmp_path / "scratch")
    opened = Archive.open(remote_config(servers, tmp_path / "data"))
    yield opened
    opened.close()


# the core behaviours, run unchanged against the remote stores
test_put_stores_document_and_same_hash_again_is_unchanged = (
    test_archive.test_put_stores_document_and_same_hash_again_is_unchanged
)
test_changed_content_replaces_the_graph_and_old_triples_are_gone = (
    test_archive.test_changed_content_replaces_the_graph_and_old_triples_are_gone
)
test_describe_gives_triples_and_labels_of_linked_things = (
    test_archive.test_describe_gives_triples_and_labels_of_linked_things
)
test_document_view_gives_ledger_row_and_passages_in_order = (
    test_archive.test_document_view_gives_ledger_row_and_passages_in_order
)
test_remove_takes_a_document_out_everywhere = test_archive.test_remove_takes_a_document_out_everywhere
test_reindex_gives_the_same_search_results = test_archive.test_reindex_gives_the_same_search_results
test_restricted_document_is_absent_below_restricted = (
    test_levels.test_restricted_document_is_absent_below_restricted
)
test_public_citation_of_restricted_decision_is_kept_only_at_restricted = (
    test_levels.test_public_citation_of_restricted_decision_is_kept_only_at_restricted
)
test_citation_written_before_the_restricted_document_is_refiltered = (
    test_levels.test_citation_written_before_the_restricted_document_is_refiltered
)


@pytest.fixture
def query_archive(archive):
    with archive.writer("editor") as writer:
        for n in range(30):
            writer.put(simple_document(f"PUB-{n:02d}", label=f"Decision {n:02d}"))
        writer.put(simple_document("SEC-1", level="restricted", label="Secret decision"))
    return archive


def test_remote_refusals_and_graphs_above_the_level(query_archive):
    test_archive_query.test_service_is_refused(query_archive)
    test_archive_query.test_graphs_above_the_level_answer_like_graphs_that_do_not_exist(query_archive)
    test_archive_query.test_updates_are_refused(query_archive, "DROP ALL")


def test_remote_decision_page_reads_the_same_rows_from_one_query(query_archive):
    from tests.test_decision_page import ALL_DECISIONS, assert_sections_match

    for level in ("public", "restricted"):
        view = query_archive.view(level)
        iris = [str(row["d"]) for row in view.select(ALL_DECISIONS)]
        assert len(iris) == 30 + (level == "restricted")
        assert assert_sections_match(view, iris)["passages"]


def test_remote_row_cap_and_dataset(query_archive):
    test_archive_query.test_row_cap_truncates_and_says_so(query_archive)
    test_archive_query.test_protocol_default_graph_restricts_the_dataset(query_archive)
    test_archive_query.test_results_serialise_in_every_protocol_format(query_archive)


def test_remote_runaway_query_is_stopped(query_archive):
    test_archive_query.test_runaway_query_is_stopped_at_the_timeout(query_archive)


def test_remote_dump_and_restore(servers, tmp_path):
    empty_datasets(servers, tmp_path / "scratch")
    source = Archive.open(remote_config(servers, tmp_path / "a"))
    with source.writer("editor") as writer:
        writer.put(simple_document("PUB-1"))
        writer.put(simple_document("SEC-1", level="restricted", label="Secret tram plan"))
    before = {level: test_dump_restore.graphs_of(source, level) for level in LEVELS}
    searches = {level: test_dump_restore.search_snapshot(source, level) for level in LEVELS}
    ledger = source.ledger.export()
    source.dump(tmp_path / "remote.nq")
    source.close()
    empty_datasets(servers, tmp_path / "scratch2")
    restored = Archive.restore(tmp_path / "remote.nq", remote_config(servers, tmp_path / "b"))
    try:
        for level in LEVELS:
            after = test_dump_restore.graphs_of(restored, level)
            assert set(after) == set(before[level])
            for graph_iri, graph in after.items():
                assert test_dump_restore.isomorphic(graph, before[level][graph_iri])
            assert test_dump_restore.search_snapshot(restored, level) == searches[level]
        assert restored.ledger.export() == ledger
        assert restored.check().ok
    finally:
        restored.close()
