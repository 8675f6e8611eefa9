"""``bench.ingest_cpu``: where one real ingest's CPU goes, and how busy the cores were meanwhile."""

from __future__ import annotations

from pathlib import Path

from bench.ingest_cpu import MAIN, READERS, _timeline, run_once

SAMPLES = Path(__file__).resolve().parents[1] / "samples"


def test_a_real_ingest_is_accounted_thread_by_thread_and_core_by_core(tmp_path: Path) -> None:
    files = sorted(SAMPLES.glob("*.md"))[:4]
    run = run_once(files, tmp_path)

    assert run.wall > 0
    # the writer's main thread puts every document; the reader processes read them
    assert run.cpu[MAIN] > 0
    assert run.cpu[READERS] > 0
    assert all(seconds >= 0 for seconds in run.cpu.values())
    # the three shares of the wall time cover all of it
    assert abs(run.both_cores + run.one_core + run.idle - 1.0) < 1e-6
    assert 0 < run.mean_cores <= 2.5  # two cores, and one sample's rounding
    assert set(run.timeline) <= {"0", "1", "2"}
    assert len(run.writer_timeline) == len(run.timeline)
    # the archive it measured is a real one: the documents are there
    assert (tmp_path / "data" / "ledger.sqlite").exists()


def test_the_timeline_marks_each_quarter_second_by_the_cores_in_use() -> None:
    # (seconds, cores) samples: half a second on both cores, a quarter on one, a quarter idle
    samples = [(0.125, 2.0)] * 4 + [(0.125, 1.0)] * 2 + [(0.125, 0.1)] * 2
    assert _timeline(samples) == "2210"
