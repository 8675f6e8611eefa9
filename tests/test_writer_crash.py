"""Crash safety: a writer killed mid-ingest leaves no half document; journalled writes roll forward."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from archive import Archive, WriterBusy
from archive.summaries import is_summary_graph
from archive.textindex import SearchRequest
from tests.archive_fixtures import make_config, simple_document, stored_triples

CHILD = """
import sys
from pathlib import Path
from archive import Archive
from tests.archive_fixtures import make_config, simple_document, stored_triples
archive = Archive.open(make_config(Path(sys.argv[1])))
with archive.writer("bulk") as writer:
    for n in range(400):
        level = ("public", "internal", "restricted")[n % 3]
        document = simple_document(f"DOC-{n:03d}", level=level, label=f"Decision {n}", text=f"tram works {n}")
        writer.put(document)
"""


def ledger_rows(path: Path) -> int:
    if not path.exists():
        return 0
    try:
        with sqlite3.connect(path, timeout=5) as db:
            return db.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
    except sqlite3.OperationalError:
        return 0


@pytest.mark.slow
def test_killed_writer_leaves_no_half_document(tmp_path):
    data = tmp_path / "data"
    root = Path(__file__).resolve().parents[1]
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(data)], cwd=root, env={**os.environ, "PYTHONPATH": str(root)}
    )
    deadline = time.monotonic() + 120
    while ledger_rows(data / "ledger.sqlite") < 100 and time.monotonic() < deadline and child.poll() is None:
        time.sleep(0.02)
    assert child.poll() is None, "the writer finished before it could be killed; make it write more"
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    with sqlite3.connect(data / "ledger.sqlite") as db:
        unfinished = db.execute("SELECT COUNT(*) FROM documents WHERE status = 'writing'").fetchone()[0]
    assert unfinished or list((data / "journal").glob("*.nq")), "the kill did not interrupt a batch of writes"

    with Archive.open(make_config(data)) as archive:
        assert not list((data / "journal").glob("*.nq")), "journal entries were not replayed"
        report = archive.check()
        assert report.ok, report.problems()
        rows = archive.ledger.documents()
        assert rows and all(r.status == "stored" for r in rows)
        top = archive.store("restricted")
        for row in rows:
            assert stored_triples(archive, "restricted", row.identifier) == row.triples, row.identifier
            expected = simple_document(
                row.identifier,
                level=row.level,
                label=f"Decision {int(row.identifier[4:])}",
                text=f"tram works {int(row.identifier[4:])}",
            )
            assert row.sha256 == expected.content_hash
        entity_graphs = {archive.entity_graph_iri(e) for e in archive.ledger.described_entities()}
        facts = {g for g in top.graph_iris() if not is_summary_graph(archive.minter, g)}
        assert facts == {r.graph for r in rows} | entity_graphs
        for level in archive.levels:
            visible = {
                r.identifier for r in archive.ledger.documents(levels=archive.levels.at_or_below(level))
            }
            assert archive.index(level).documents() == visible
        found = archive.view("restricted").search(SearchRequest(text="tram", kinds=("decision",)))
        assert found.total == len(rows)


def test_journalled_write_rolls_forward_on_open(tmp_path):
    config = make_config(tmp_path / "data")
    archive = Archive.open(config)
    with archive.writer("editor") as writer:
        writer.put(simple_document("OLD-1"))

    def crash(entry, batch):  # the process dies right after the journal reached the disk
        raise SystemExit("simulated crash")

    archive.apply = crash
    with pytest.raises(SystemExit), archive.writer("editor") as writer:
        writer.put(simple_document("NEW-1", label="Written after the crash"))
    assert list((config.data_dir / "journal").glob("*.nq"))
    archive.close()

    with Archive.open(config) as reopened:
        assert not list((config.data_dir / "journal").glob("*.nq"))
        assert reopened.ledger.document("NEW-1").status == "stored"
        assert reopened.view("public").search(SearchRequest(text="crash")).total >= 1
        assert reopened.check().ok


def test_second_writer_waits_then_gives_up(tmp_path):
    config = make_config(tmp_path / "data", writer_wait=0.2)
    root = Path(__file__).resolve().parents[1]
    config.data_dir.mkdir(parents=True)
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import fcntl,sys,time; f=open(sys.argv[1],'a'); fcntl.flock(f, fcntl.LOCK_EX); "
            "print('locked', flush=True); time.sleep(30)",
            str(config.data_dir / "writer.lock"),
        ],
        cwd=root,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "locked"
        with Archive.open(config) as archive, pytest.raises(WriterBusy, match="writer.lock"):
            with archive.writer("editor"):
                pass
    finally:
        holder.kill()
        holder.wait()


@pytest.mark.slow
def test_a_bulk_write_cut_short_is_replaced_whole_on_replay(tmp_path, monkeypatch):
    """``bulk_extend`` is not atomic: a crash midway leaves part of a graph, and the replay repairs it."""
    import archive.store as store_module

    monkeypatch.setattr(store_module, "BULK_MIN_QUADS", 1)  # every new batch takes the bulk path
    document = simple_document("BULK-1", label="Written in bulk, cut short")
    clean_config = make_config(tmp_path / "clean")
    with Archive.open(clean_config) as clean:
        with clean.writer("editor") as writer:
            writer.put(document)
        expected = {
            level: sorted(map(str, clean.store(level).triples(clean.ledger.document("BULK-1").graph)))
            for level in ("public", "internal", "restricted")
        }

    config = make_config(tmp_path / "data")
    archive = Archive.open(config)

    def crash(entry, batch):  # half of every graph reached the store, then the process died
        for part in entry.parts or [entry]:
            for graph in part.graphs.values():  # the writer's N-Quads text of each graph
                quads = graph.quads()
                archive.store("public")._store.bulk_extend(quads[: len(quads) // 2])
        raise SystemExit("simulated crash in the middle of a bulk write")

    archive.apply = crash
    with pytest.raises(SystemExit), archive.writer("editor") as writer:
        writer.put(document)
    archive.close()

    with Archive.open(config) as reopened:
        graph = reopened.ledger.document("BULK-1").graph
        for level, triples in expected.items():
            assert sorted(map(str, reopened.store(level).triples(graph))) == triples, level
        assert reopened.check().ok
