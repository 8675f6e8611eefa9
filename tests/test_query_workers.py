"""Persistent query workers: in-process pyoxigraph's answers, fresh after writes, killable, no orphans."""

from __future__ import annotations

import os
import pickle
import signal
import threading
import time
from pathlib import Path

import pyoxigraph as ox
import pytest

from archive import Archive, QueryTimeout, generation
from archive.query_worker import pool_for, pool_size
from archive.terms import from_ox
from tests.archive_fixtures import make_config, simple_document

PREFIXES = """PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX prec: <https://w3id.org/precedent/ontology#>
"""

QUERIES = [
    "SELECT ?d ?label WHERE { ?d a prec:Decision ; rdfs:label ?label } ORDER BY ?label",
    "SELECT ?p (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?p ORDER BY ?p",
    "SELECT ?s ?o WHERE { ?s ?p ?o FILTER(isLiteral(?o) && lang(?o) = '') } ORDER BY ?s ?o LIMIT 40",
    "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g",
    "SELECT ?x ?missing WHERE { ?x a prec:Decision OPTIONAL { ?x prec:nothing ?missing } } ORDER BY ?x",
    "SELECT ?s ?o (DATATYPE(?o) AS ?t) WHERE { ?s ?p ?o FILTER(isLiteral(?o) && DATATYPE(?o) != xsd:string) }"
    " ORDER BY ?s ?o",
    "SELECT ?p (SAMPLE(?o) AS ?any) (SUM(IF(isIRI(?o), 1, 0)) AS ?iris) WHERE { ?s ?p ?o }"
    " GROUP BY ?p ORDER BY ?p",
]


def _children() -> dict[int, str]:
    """Live (non-zombie) child processes of this test process, read from /proc: pid → command line."""
    found: dict[int, str] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2 :].split()
        if int(fields[1]) == os.getpid() and fields[0] != "Z":
            found[int(entry.name)] = cmdline
    return found


def _workers() -> set[int]:
    return {pid for pid, cmd in _children().items() if "archive.query_server" in cmd}


def _wait_gone(pid: int, seconds: float = 5) -> None:
    """Until ``pid`` is dead (a zombie counts: the pool reaps it when it notices)."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        try:
            state = Path(f"/proc/{pid}/stat").read_text()
        except OSError:
            return
        if state[state.rindex(")") + 2] == "Z":
            return
        time.sleep(0.01)
    raise AssertionError(f"process {pid} still running")


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    opened = Archive.open(make_config(tmp_path_factory.mktemp("workers") / "data"))
    with opened.writer("editor") as writer:
        for n in range(12):
            writer.put(simple_document(f"PUB-{n:02d}", label=f"Decision {n:02d}"))
        writer.put(simple_document("SEC-1", level="restricted", label="Secret decision"))
    yield opened
    opened.close()


def _pool(archive):
    store = archive.store("public")
    return pool_for(store.path, archive.config.query_memory_mb)


def _in_process(archive, text: str) -> list[tuple]:
    store = ox.Store.read_only(str(archive.store("public").path))
    answer = store.query(PREFIXES + text, use_default_graph_as_union=True)
    return [tuple(from_ox(s[i]) for i in range(len(answer.variables))) for s in answer]


@pytest.mark.parametrize("text", QUERIES)
def test_answers_match_in_process_pyoxigraph(archive, text):
    result = archive.view("public").query(PREFIXES + text)
    expected = _in_process(archive, text)
    assert expected, "the query should find something in the sample archive"
    assert result.rows == expected
    assert result.truncated is False


def test_ask_construct_and_row_cap_through_the_pool(archive):
    view = archive.view("public")
    assert view.query("ASK { ?s ?p ?o }").boolean is True
    assert view.query(PREFIXES + "ASK { ?d rdfs:label 'Secret decision' }").boolean is False
    construct = "CONSTRUCT { ?d rdfs:label ?l } WHERE { ?d a prec:Decision ; rdfs:label ?l }"
    graph = view.query(PREFIXES + construct)
    assert graph.kind == "graph" and len(graph.rows) == 12
    capped = view.query("SELECT ?s WHERE { ?s ?p ?o }", max_rows=7)
    assert len(capped.rows) == 7 and capped.truncated is True


def test_a_committed_write_is_seen_by_the_next_query(archive):
    view = archive.view("public")
    count = PREFIXES + "SELECT (COUNT(?d) AS ?n) WHERE { ?d a prec:Decision }"
    before = int(view.query(count).rows[0][0])
    assert _counts_from_both_workers(view, count) == {before}  # both hold a snapshot from before the write
    with archive.writer("editor") as writer:
        writer.put(simple_document("PUB-NEW", label="A brand new decision"))
    assert _counts_from_both_workers(view, count) == {before + 1}
    found = view.query(PREFIXES + "SELECT ?d WHERE { ?d rdfs:label 'A brand new decision' }")
    assert len(found.rows) == 1


def _counts_from_both_workers(view, count: str) -> set[int]:
    """The answers of two threads asking at once (so both workers of the pool answer)."""
    answers: list[int] = []
    barrier = threading.Barrier(2)

    def ask() -> None:
        for _ in range(3):
            barrier.wait(10)
            answers.append(int(view.query(count).rows[0][0]))

    threads = [threading.Thread(target=ask) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert len(answers) == 6
    return set(answers)


def test_generation_counter_bumps_atomically_and_changes_the_snapshot_key(tmp_path):
    level_dir = tmp_path / "levels" / "public"
    store_dir = level_dir / "store"
    store_dir.mkdir(parents=True)
    ox.Store(str(store_dir)).flush()
    assert generation.read(level_dir) == 0
    key = generation.snapshot_key(store_dir)
    assert generation.bump(level_dir) == 1
    assert generation.bump(level_dir) == 2
    assert generation.read(level_dir) == 2
    assert generation.snapshot_key(store_dir) != key
    assert [p.name for p in level_dir.iterdir() if p.name.startswith(".")] == []  # no temporary left
    (level_dir / "generation").write_text("garbled")
    assert generation.read(level_dir) == 0


def test_store_stamp_follows_new_and_growing_logs_when_the_listing_is_reused(tmp_path):
    store_dir = tmp_path / "store"
    store_dir.mkdir()
    for name in ("CURRENT", "MANIFEST-000005", "000007.log", "000004.sst", "LOG"):
        (store_dir / name).write_text("x")
    settled = time.time() - 10  # changed long ago: its listing may be reused
    os.utime(store_dir, (settled, settled))
    first = generation.store_stamp(store_dir)
    assert [name for name, _, _ in first] == ["000007.log", "CURRENT", "MANIFEST-000005"]
    assert generation.store_stamp(store_dir) == first
    with (store_dir / "000007.log").open("a") as log:  # a commit appends to the write-ahead log
        log.write("more")
    grown = generation.store_stamp(store_dir)
    assert grown != first and dict((n, s) for n, s, _ in grown)["000007.log"] == 5
    (store_dir / "000009.log").write_text("y")  # a new log: the directory changed, so it is listed again
    assert [name for name, _, _ in generation.store_stamp(store_dir)] == [
        "000007.log",
        "000009.log",
        "CURRENT",
        "MANIFEST-000005",
    ]
    (store_dir / "000007.log").unlink()
    assert "000007.log" not in {name for name, _, _ in generation.store_stamp(store_dir)}


def test_timeout_kills_the_worker_and_the_next_query_still_works(archive):
    view = archive.view("public")
    view.query("ASK { ?s ?p ?o }")
    before = set(_pool(archive).pids())
    started = time.monotonic()
    with pytest.raises(QueryTimeout, match="longer than 1 s"):
        view.query("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }", timeout=1)
    assert time.monotonic() - started < 3
    after = set(_pool(archive).pids())
    assert len(after) == len(before) and after != before  # one killed, one replacement
    for pid in before - after:
        assert pid not in _children()
    assert view.query("ASK { ?s ?p ?o }").boolean is True


def test_a_crashed_worker_is_replaced(archive):
    view = archive.view("public")
    pool = _pool(archive)
    view.query("ASK { ?s ?p ?o }")
    victims = pool.pids()
    for pid in victims:
        os.kill(pid, signal.SIGKILL)
    for pid in victims:
        _wait_gone(pid)
    for _ in range(3):
        assert view.query("ASK { ?s ?p ?o }").boolean is True
    assert not set(victims) & set(pool.pids())
    assert len(pool.pids()) == pool.size


def test_concurrent_requests_queue_for_free_workers(archive):
    view = archive.view("public")
    text = PREFIXES + QUERIES[0]
    expected = _in_process(archive, QUERIES[0])
    failures: list[object] = []

    def ask() -> None:
        try:
            for _ in range(5):
                if view.query(text).rows != expected:
                    failures.append("wrong rows")
        except Exception as exc:  # noqa: BLE001 - collected and asserted below
            failures.append(exc)

    threads = [threading.Thread(target=ask) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert failures == []
    assert len(_pool(archive).pids()) == _pool(archive).size


def test_close_leaves_no_worker_processes(tmp_path):
    config = make_config(tmp_path / "data")
    opened = Archive.open(config)
    with opened.writer("editor") as writer:
        writer.put(simple_document("PUB-1"))
    assert opened.view("public").query("ASK { ?s ?p ?o }").boolean is True
    assert opened.view("restricted").query("ASK { ?s ?p ?o }").boolean is True
    pids = set(pool_for(opened.store("public").path, config.query_memory_mb).pids())
    pids |= set(pool_for(opened.store("restricted").path, config.query_memory_mb).pids())
    assert len(pids) == 2 * pool_size() and pids <= _workers()
    opened.close()
    assert not pids & set(_children())
    for pid in pids:
        with pytest.raises(ChildProcessError):  # already reaped: not even a zombie is left
            os.waitpid(pid, os.WNOHANG)


RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


def test_a_query_waits_for_a_free_worker_only_until_its_deadline(tmp_path, monkeypatch):
    monkeypatch.setenv("PRECEDENT_QUERY_WORKERS", "1")
    with Archive.open(make_config(tmp_path / "data")) as opened:
        with opened.writer("editor") as writer:
            for n in range(8):
                writer.put(simple_document(f"PUB-{n}"))
        view = opened.view("public")
        assert view.query("ASK { ?s ?p ?o }").boolean is True
        outcome: list[object] = []
        hog = threading.Thread(target=lambda: outcome.append(_raises(lambda: view.query(RUNAWAY, timeout=2))))
        hog.start()
        time.sleep(0.3)
        with pytest.raises(QueryTimeout, match="busy"):
            view.query("ASK { ?s ?p ?o }", timeout=0.5)
        hog.join(10)
        assert isinstance(outcome[0], QueryTimeout)
        assert view.query("ASK { ?s ?p ?o }").boolean is True


def _raises(action) -> object:
    try:
        return action()
    except Exception as exc:  # noqa: BLE001 - returned for the assertion
        return exc


@pytest.mark.slow
def test_a_worker_whose_archive_went_away_ends_its_runaway_query(archive):
    from archive.query_server import WATCHDOG_GRACE
    from archive.query_worker import Worker

    worker = Worker(str(archive.store("public").path), 0)
    request = dict(text=RUNAWAY, default_graph=None, named_graphs=None, max_rows=10, memory_mb=0, timeout=0.5)
    payload = pickle.dumps(request)
    worker.sock.sendall(len(payload).to_bytes(8, "big") + payload)
    time.sleep(0.5)
    worker.sock.close()  # as if the archive process had been killed: nobody will SIGKILL this worker
    assert worker.process.wait(WATCHDOG_GRACE + 5) == -signal.SIGALRM


def test_a_bulk_write_holds_off_only_first_queries_of_its_own_store(tmp_path):
    from archive.query_worker import close_pool, readers_held_off

    written, other = tmp_path / "written", tmp_path / "other"
    got: dict[str, object] = {}

    def first_query(name: str, path: Path) -> None:
        got[name] = pool_for(path, 256)

    try:
        with readers_held_off(written) as unread:
            assert unread
            elsewhere = threading.Thread(target=first_query, args=("other", other))
            elsewhere.start()
            elsewhere.join(10)
            assert "other" in got  # another store's first query did not wait for this write
            waiting = threading.Thread(target=first_query, args=("written", written))
            waiting.start()
            waiting.join(0.5)
            assert "written" not in got  # this store's first query waits for the write to end
        waiting.join(10)
        assert "written" in got
        with readers_held_off(written) as unread:
            assert not unread  # its workers may run now: the next large batch is written in a transaction
    finally:
        close_pool(written)
        close_pool(other)
