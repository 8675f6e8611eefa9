"""Where one ingest's CPU goes, thread by thread, and how busy the machine's cores were meanwhile.

    python -m bench.ingest_cpu [--repeats 3] [PATH ...]     (default: the FRUS folder of ../shared/data)

Each repetition runs ``precedent.ingesting.ingest`` as ``precedent ingest`` runs it, into a fresh
temporary data directory, while a sampling thread reads ``/proc`` every 50 ms:

* the CPU seconds of every thread of this process, grouped as the writer's main thread, Tantivy's
  indexing threads, RocksDB's background threads, and the rest (threads the embedded libraries start
  without a name, Oxigraph's bulk loader among them, and the writer's level threads); a thread that
  ends between two samples loses what it used since the last one;
* the CPU seconds of the reader processes (``ingest.pipeline.reader_cpu_seconds``);
* the cores in use over the run, from the CPU of this process and every process below it (the
  readers' forkserver and the readers): the share of the wall time with both cores busy, one, or
  fewer, and the run's mean; with ``--timeline``, quarter second by quarter second, for all processes
  and for the writer's process alone.

The figures answer one question before any overlap is tried: can the run go faster by doing its parts
side by side, or only by doing less? When the cores are busy through most of the run, only less work
helps. Nothing is written; the medians are printed.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from archive import Archive, ArchiveConfig
from ingest.pipeline import reader_cpu_seconds
from precedent.ingesting import ingest

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"
TICKS = os.sysconf("SC_CLK_TCK")
SAMPLE_SECONDS = 0.05
#: Thread names (``/proc/…/comm``, numbers stripped) and the group each counts in.
GROUPS = (
    ("thrd-tantivy", "Tantivy indexing"),
    ("docstore", "Tantivy indexing"),
    ("rocksdb", "RocksDB background"),
)
OTHERS = "other threads (bulk loader, level threads)"
MAIN = "writer's main thread"
READERS = "reader processes"


def _stat_cpu(path: str) -> tuple[str, float] | None:
    """(name, CPU seconds) from a ``stat`` file, ``None`` if the task is gone."""
    try:
        with open(path) as stat:
            text = stat.read()
    except OSError:
        return None
    name = text[text.index("(") + 1 : text.rindex(")")]
    fields = text[text.rindex(")") + 2 :].split()
    return name, (int(fields[11]) + int(fields[12])) / TICKS


def _group(name: str, tid: int) -> str:
    if tid == os.getpid():
        return MAIN
    for prefix, group in GROUPS:
        if name.startswith(prefix):
            return group
    return OTHERS


@dataclass
class _Sampler:
    """Samples this process's threads and its process tree until stopped."""

    threads: dict[int, tuple[str, float]] = field(default_factory=dict)
    tree: dict[int, float] = field(default_factory=dict)  # pid → CPU seconds last seen
    # (interval seconds, cores in use by every process, by the writer's process alone)
    busy: list[tuple[float, float, float]] = field(default_factory=list)
    stop: threading.Event = field(default_factory=threading.Event)

    def _threads(self) -> None:
        for tid in os.listdir("/proc/self/task"):
            found = _stat_cpu(f"/proc/self/task/{tid}/stat")
            if found is not None:
                self.threads[int(tid)] = found

    def _tree_cpu(self) -> float:
        """CPU seconds used since the last call by this process and every process below it (found through
        each task's ``children``; a process that ended since then loses its last interval, at most one
        sample's worth)."""
        used, pending = 0.0, [os.getpid()]
        while pending:
            pid = pending.pop()
            found = _stat_cpu(f"/proc/{pid}/stat")
            if found is None:
                continue
            # a process first seen now started since the last call: all its CPU is new
            used += found[1] - self.tree.get(pid, 0.0)
            self.tree[pid] = found[1]
            try:
                tasks = os.listdir(f"/proc/{pid}/task")
            except OSError:
                continue
            for tid in tasks:
                try:
                    with open(f"/proc/{pid}/task/{tid}/children") as children:
                        pending.extend(int(child) for child in children.read().split())
                except OSError:
                    pass
        return used

    def run(self) -> None:
        self._threads()
        self._tree_cpu()  # what the processes used before the run: not counted
        me = os.getpid()
        last, own = time.perf_counter(), time.thread_time()
        while not self.stop.wait(SAMPLE_SECONDS):
            self._threads()
            writer = self.tree.get(me, 0.0)
            used = self._tree_cpu()
            # the sampling itself is left out: it is not the ingest's work
            sampling = time.thread_time() - own
            own = time.thread_time()
            writer = self.tree.get(me, 0.0) - writer - sampling
            now = time.perf_counter()
            self.busy.append((now - last, (used - sampling) / (now - last), writer / (now - last)))
            last = now
        self._threads()


@dataclass
class Run:
    wall: float
    cpu: dict[str, float]
    sampling: float  # CPU seconds the sampling itself took (left out of everything else)
    both_cores: float  # share of the wall time with 1.5 cores or more in use
    one_core: float  # 0.5 to 1.5
    idle: float  # under 0.5
    mean_cores: float
    timeline: str  # cores in use per quarter second: "2" both, "1" one, "0" fewer
    writer_timeline: str  # the same for the writer's process alone (the rest is the reader processes)


def run_once(paths: list[Path], work: Path) -> Run:
    data = work / "data"
    shutil.rmtree(data, ignore_errors=True)
    sampler = _Sampler()
    sampler._threads()
    before = {tid: seconds for tid, (_, seconds) in sampler.threads.items()}
    readers_before = reader_cpu_seconds()
    thread = threading.Thread(target=sampler.run, name="cpu-sampler", daemon=True)
    thread.start()
    started = time.perf_counter()
    archive = Archive.open(ArchiveConfig(data_dir=data))
    try:
        ingest(archive, paths, user="bench")
    finally:
        archive.close()
    wall = time.perf_counter() - started
    sampler.stop.set()
    thread.join()
    sampling = sampler.threads.get(thread.native_id or -1, ("", 0.0))[1]
    cpu: dict[str, float] = {}
    for tid, (name, seconds) in sampler.threads.items():
        if tid == thread.native_id:
            continue
        group = _group(re.sub(r"[-:_]?\d+$", "", name), tid)
        cpu[group] = cpu.get(group, 0.0) + seconds - before.get(tid, 0.0)
    cpu[READERS] = reader_cpu_seconds() - readers_before
    total = sum(seconds for seconds, _, _ in sampler.busy) or 1.0

    def share(low: float, high: float) -> float:
        return sum(seconds for seconds, cores, _ in sampler.busy if low <= cores < high) / total

    return Run(
        wall=wall,
        cpu=cpu,
        sampling=sampling,
        both_cores=share(1.5, float("inf")),
        one_core=share(0.5, 1.5),
        idle=share(float("-inf"), 0.5),
        mean_cores=sum(seconds * cores for seconds, cores, _ in sampler.busy) / total,
        timeline=_timeline([(seconds, cores) for seconds, cores, _ in sampler.busy]),
        writer_timeline=_timeline([(seconds, writer) for seconds, _, writer in sampler.busy]),
    )


def _timeline(busy: list[tuple[float, float]], step: float = 0.25) -> str:
    marks, spent, work = [], 0.0, 0.0
    for seconds, cores in busy:
        spent += seconds
        work += seconds * cores
        if spent >= step:
            mean = work / spent
            marks.append("2" if mean >= 1.5 else "1" if mean >= 0.5 else "0")
            spent = work = 0.0
    return "".join(marks)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="*", type=Path, help="files or folders (default: the FRUS folder)")
    parser.add_argument("--repeats", type=int, default=3, help="runs (medians are printed)")
    parser.add_argument("--timeline", action="store_true", help="print each run's cores in use over time")
    args = parser.parse_args(argv)
    paths = args.paths or [SHARED / "frus"]
    runs: list[Run] = []
    with tempfile.TemporaryDirectory(prefix="precedent-cpu-") as tmp:
        for number in range(1, args.repeats + 1):
            run = run_once(paths, Path(tmp))
            runs.append(run)
            print(
                f"run {number}: {run.wall:.2f} s, {sum(run.cpu.values()):.2f} CPU-s,"
                f" {run.mean_cores:.2f} cores in use on average"
                f" (the sampling's {run.sampling:.2f} CPU-s left out)",
                flush=True,
            )
            if args.timeline:
                print(f"  cores in use per quarter second, all processes: {run.timeline}")
                print(f"                               the writer's process: {run.writer_timeline}")
    median = statistics.median
    groups = sorted(
        {group for run in runs for group in run.cpu}, key=lambda g: -median(r.cpu.get(g, 0) for r in runs)
    )
    print(f"\n{', '.join(str(p) for p in paths)}: medians of {len(runs)} runs")
    print(f"  wall {median(r.wall for r in runs):.2f} s")
    for group in groups:
        print(f"  {group:<46} {median(r.cpu.get(group, 0.0) for r in runs):6.2f} CPU-s")
    print(f"  {'all':<46} {median(sum(r.cpu.values()) for r in runs):6.2f} CPU-s")
    print(
        f"  cores in use: mean {median(r.mean_cores for r in runs):.2f};"
        f" both busy {median(r.both_cores for r in runs):.0%} of the time,"
        f" one {median(r.one_core for r in runs):.0%}, fewer {median(r.idle for r in runs):.0%}"
    )


if __name__ == "__main__":
    main()
