"""Ingest against its floor, side by side in one run: parse + bulk load, end to end, and the stages between.

    python -m bench.ingest_floor [--repeats 3] [--generated 100] [--workers N] [--no-write] [PATH ...]

For each corpus (every FRUS volume in ``../shared/data/frus``, then the whole folder in one ingest, the
FOMC minutes, the London council meetings, and N generated Markdown minutes from ``bench.generate``), in
one process, each measured ``--repeats`` times and reported as the median:

* **floor**: the files parsed as their reader must parse them (TEI with ``ingest.safexml``, council JSON
  with ``json``, text and Markdown read as text) plus ``pyoxigraph.Store.bulk_load`` of exactly the
  quads ``precedent ingest`` stored, level by level, each into a fresh store (the quads are dumped from
  the archive the end-to-end run built, so the floor writes what ingest writes, every level's copy);
* **end to end**: ``precedent.ingesting.ingest`` into a fresh data directory, as ``precedent ingest``
  runs it by default (the ontology and glossary graphs included, as ingest stores them): reader
  processes, one per core and at most one per file, stream documents to the writer in this process;
* **stages**, in this process one after the other, so the gap is explained: ``read`` (the readers,
  parse included), ``validate`` (SHACL), and the writer's ``put`` split into ``convert`` (rdflib → N-Quads
  text, index records, ledger look-ups, review queue), ``apply`` (journal, ledger rows, level filter, store
  loads, entity graphs) and ``commit`` (text-index commit, store flush and compaction, ledger marks).

The machine the benchmark runs on may be shared: only the ratios within one run mean something. The
floor uses both cores too (Oxigraph's bulk loader is multi-threaded); ``--workers 1`` reads in the
writer's process, one stage after the other, as the stages do. Results go to
``bench/results/ingest-floor-<day>.{json,md}`` and the table between the markers of
``docs/performance.md`` (``--no-write`` prints only).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import pyoxigraph as ox

from archive import Archive, ArchiveConfig
from ingest import safexml
from ingest.document import Document
from ingest.pipeline import (
    ReadJob,
    Refusal,
    _read,
    _validated,
    plan,
    prescan_decision_identifiers,
    reader_cpu_seconds,
)
from precedent.ingesting import ingest, operator_clearance, store_vocabulary

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"
RESULTS = ROOT / "bench" / "results"
DOCUMENT = ROOT / "docs" / "performance.md"
START = "<!-- ingest floor: written by python -m bench.ingest_floor -->"
END = "<!-- end of ingest floor -->"
LEVELS = ("public", "internal", "restricted")
#: The issue's goal: end to end within this many times the floor.
GOAL_RATIO = 2.0
STAGES = ("read", "validate", "convert", "apply", "commit")


@dataclass
class Row:
    """One corpus: sizes, and the median seconds of every measurement."""

    corpus: str
    files: int
    documents: int
    refused: int
    quads: int
    levels: dict[str, int]
    parse: float
    bulk: float
    end_to_end: float
    floor_cpu: float
    end_to_end_cpu: float
    stages: dict[str, float] = field(default_factory=dict)
    #: CPU seconds of work the floor leaves out but ingest must do: reading (its parse taken off) and
    #: SHACL validation. The text index's commit is left out too, so the bound below stays a lower bound
    #: (the commit's CPU also holds the stores' flush, which the floor pays as well).
    required_cpu: dict[str, float] = field(default_factory=dict)
    #: The slowest single file's reading, in seconds: one reader process reads one file in order.
    longest_read: float = 0.0
    cores: int = 1

    @property
    def floor(self) -> float:
        return self.parse + self.bulk

    @property
    def ratio(self) -> float:
        return self.end_to_end / self.floor if self.floor else float("nan")

    @property
    def cpu_ratio(self) -> float:
        return self.end_to_end_cpu / self.floor_cpu if self.floor_cpu else float("nan")

    @property
    def best_possible(self) -> float:
        """What no pipeline of these readers could beat on this machine's cores: the floor's CPU plus the
        CPU of the work it leaves out, spread perfectly over every core with nothing else added (no
        conversion, no crossing of processes), and never less than the slowest file's reading."""
        spread = (self.floor_cpu + sum(self.required_cpu.values())) / self.cores
        return max(spread, self.longest_read)

    @property
    def best_ratio(self) -> float:
        return self.best_possible / self.floor if self.floor else float("nan")

    def as_dict(self) -> dict[str, object]:
        data = asdict(self)
        data.update(
            floor=round(self.floor, 4),
            ratio=round(self.ratio, 2),
            cpu_ratio=round(self.cpu_ratio, 2),
            best_possible=round(self.best_possible, 4),
            best_ratio=round(self.best_ratio, 2),
        )
        return data


def _median(action: Callable[[], float], repeats: int) -> float:
    return statistics.median(action() for _ in range(repeats))


# --- the floor ------------------------------------------------------------------------------------
def parse_once(files: list[tuple[Path, str]]) -> None:
    """Parse every file as its reader must: XML with the reader's parser, JSON, or text."""
    for path, fmt in files:
        if fmt == "tei":
            safexml.parse(path.read_bytes(), str(path))
        elif fmt == "council-json":
            json.loads(path.read_bytes())
        else:
            path.read_text("utf-8", errors="replace")


def stored_quads(data_dir: Path) -> dict[str, bytes]:
    """Every level's store of an ingested archive as N-Quads: exactly what ``precedent ingest`` stored."""
    out: dict[str, bytes] = {}
    for level in LEVELS:
        folder = data_dir / "levels" / level / "store"
        if folder.is_dir():
            store = ox.Store.read_only(str(folder))
            out[level] = store.dump(format=ox.RdfFormat.N_QUADS)
            del store
    return out


def bulk_once(levels: dict[str, bytes], work: Path) -> None:
    """Bulk-load each level's quads into a fresh on-disk store of its own, as ingest keeps one per level."""
    for level, data in levels.items():
        store = ox.Store(str(work / "bulk" / level))
        store.bulk_load(data, format=ox.RdfFormat.N_QUADS)
        store.flush()
        del store


# --- end to end -----------------------------------------------------------------------------------
def end_to_end_once(paths: list[Path], data_dir: Path, workers: int | None) -> tuple[int, int]:
    """``precedent ingest`` into a fresh data directory (opened and closed as the CLI does it): documents
    seen and refused."""
    shutil.rmtree(data_dir, ignore_errors=True)
    archive = Archive.open(ArchiveConfig(data_dir=data_dir))
    try:
        report = ingest(archive, paths, user="bench", workers=workers)
    finally:
        archive.close()
    return report.documents, len(report.refused)


# --- the stages -----------------------------------------------------------------------------------
class _Clock:
    """Wraps a bound method so the seconds spent in it add up (instrumentation, the work is unchanged)."""

    def __init__(self, method: Callable[..., object]) -> None:
        self.method = method
        self.seconds = 0.0

    def __call__(self, *args: object, **kwargs: object) -> object:
        started = time.perf_counter()
        try:
            return self.method(*args, **kwargs)
        finally:
            self.seconds += time.perf_counter() - started


def stages_once(files: list[tuple[Path, str]], data_dir: Path) -> dict[str, float]:
    """Each stage of the pipeline in this process, one after the other, into a fresh data directory."""
    shutil.rmtree(data_dir, ignore_errors=True)
    config = ArchiveConfig(data_dir=data_dir)
    clearance = operator_clearance(config.levels, None)
    known = frozenset(prescan_decision_identifiers(files))
    jobs = [ReadJob(path, fmt, clearance, config.base_iri, known) for path, fmt in files]
    seconds = dict.fromkeys(STAGES, 0.0)
    read: list[tuple[ReadJob, Document]] = []
    started, cpu = time.perf_counter(), time.process_time()
    longest = 0.0
    for job in jobs:
        one = time.perf_counter()
        read.extend((job, item) for item in _read(job, None) if isinstance(item, Document))
        longest = max(longest, time.perf_counter() - one)
    seconds["read"] = time.perf_counter() - started
    seconds["read cpu"], seconds["longest read"] = time.process_time() - cpu, longest
    started, cpu = time.perf_counter(), time.process_time()
    valid = [document for job, document in read if not isinstance(_validated(job, document), Refusal)]
    seconds["validate"] = time.perf_counter() - started
    seconds["validate cpu"] = time.process_time() - cpu
    archive = Archive.open(config)
    try:
        apply = archive.apply = _Clock(archive.apply)  # type: ignore[method-assign]
        started = time.perf_counter()
        with archive.writer("bench") as writer:
            commit = writer.batch.flush = _Clock(writer.batch.flush)  # type: ignore[method-assign]
            store_vocabulary(writer, config.levels[0])
            for document in valid:
                writer.put(document)
        total = time.perf_counter() - started
    finally:
        archive.close()
    seconds["apply"], seconds["commit"] = apply.seconds, commit.seconds
    seconds["convert"] = total - apply.seconds - commit.seconds
    return seconds


# --- one corpus -----------------------------------------------------------------------------------
def _timed(action: Callable[[], object]) -> tuple[float, float]:
    """Wall and CPU seconds (every thread of this process: Oxigraph's bulk loader uses several)."""
    wall, cpu = time.perf_counter(), time.process_time()
    action()
    return time.perf_counter() - wall, time.process_time() - cpu


def measure(name: str, paths: list[Path], work: Path, repeats: int, workers: int | None) -> Row:
    """Floor, end to end and stages of one corpus; the repetitions interleave, so load on a shared
    machine falls on all three alike."""
    files, refused_up_front = plan(paths, None)
    if refused_up_front:
        raise SystemExit(f"{name}: cannot ingest {refused_up_front[0]}")
    samples: dict[str, list[float]] = {}
    levels: dict[str, bytes] = {}
    outcome: tuple[int, int] = (0, 0)
    runs: list[dict[str, float]] = []

    def note(key: str, wall_cpu: tuple[float, float]) -> None:
        samples.setdefault(key, []).append(wall_cpu[0])
        samples.setdefault(key + " cpu", []).append(wall_cpu[1])

    def end_to_end() -> None:
        nonlocal outcome
        outcome = end_to_end_once(paths, work / "e2e", workers)

    for _ in range(repeats):
        readers = reader_cpu_seconds()
        wall, cpu = _timed(end_to_end)
        note("e2e", (wall, cpu + reader_cpu_seconds() - readers))  # the reader processes' CPU too
        if not levels:
            levels = stored_quads(work / "e2e")
        shutil.rmtree(work / "e2e", ignore_errors=True)
        note("parse", _timed(lambda: parse_once(files)))
        (work / "bulk").mkdir()
        note("bulk", _timed(lambda: bulk_once(levels, work)))  # noqa: B023 - called at once
        shutil.rmtree(work / "bulk", ignore_errors=True)
        runs.append(stages_once(files, work / "stages"))
        shutil.rmtree(work / "stages", ignore_errors=True)
    median = {key: statistics.median(values) for key, values in samples.items()}
    counts = {level: data.count(b"\n") for level, data in levels.items()}
    return Row(
        corpus=name,
        files=len(files),
        documents=outcome[0],
        refused=outcome[1],
        quads=sum(counts.values()),
        levels=counts,
        parse=median["parse"],
        bulk=median["bulk"],
        end_to_end=median["e2e"],
        floor_cpu=median["parse cpu"] + median["bulk cpu"],
        end_to_end_cpu=median["e2e cpu"],
        stages={stage: statistics.median(run[stage] for run in runs) for stage in STAGES},
        required_cpu={
            "read": max(0.0, statistics.median(run["read cpu"] for run in runs) - median["parse cpu"]),
            "validate": statistics.median(run["validate cpu"] for run in runs),
        },
        longest_read=statistics.median(run["longest read"] for run in runs),
        cores=len(os.sched_getaffinity(0)),
    )


def corpora(generated: int, work: Path) -> list[tuple[str, list[Path]]]:
    """The corpora of the issue: each FRUS volume, FOMC, the council, generated minutes."""
    volumes = sorted((SHARED / "frus").glob("*.xml"))
    found: list[tuple[str, list[Path]]] = [(f"FRUS {path.stem}", [path]) for path in volumes]
    if len(volumes) > 1:  # as an operator ingests them: the folder at once, one reader process per core
        found.append((f"FRUS, all {len(volumes)} volumes", [SHARED / "frus"]))
    for label, folder in (("FOMC", SHARED / "fomc"), ("London council", SHARED / "london-council")):
        if folder.is_dir():
            found.append((label, [folder]))
    if generated:
        from .generate import generate

        corpus = generate(work / "generated", generated, seed=7, nquads=False, levels=LEVELS)
        assert corpus.markdown_dir is not None
        found.append((f"generated minutes ({generated})", [corpus.markdown_dir]))
    return found


# --- reporting ------------------------------------------------------------------------------------
def table(rows: list[Row], heading: str) -> str:
    """The Markdown table: floor, end to end, ratio, and where end to end spends its time."""
    lines = [
        heading,
        "",
        "| corpus | documents | quads stored (all levels) | parse s | bulk load s | **floor s** "
        "| **end to end s** | **ratio** | CPU ratio | best possible ratio | read s | validate s | convert s "
        "| apply s | commit s | rest s |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        staged = sum(row.stages.values())
        rest = row.end_to_end - staged
        refused = f" ({row.refused} refused)" if row.refused else ""
        lines.append(
            f"| {row.corpus} | {row.documents}{refused} | {row.quads:,} | {row.parse:.2f} | {row.bulk:.2f} "
            f"| **{row.floor:.2f}** | **{row.end_to_end:.2f}** | **{row.ratio:.1f}×** "
            f"| {row.cpu_ratio:.1f}× | {row.best_ratio:.1f}× | "
            + " | ".join(f"{row.stages[s]:.2f}" for s in STAGES)
            + f" | {rest:.2f} |"
        )
    lines += [
        "",
        "Stages run in one process one after the other (`rest` = end to end minus their sum: the pipeline's "
        "bookkeeping, the reader processes' start and the run's own noise, less what end to end does side by "
        "side). CPU ratio: CPU seconds of end to end (the reader processes included) over the floor's. "
        "Best possible ratio: a lower bound for any pipeline of these readers on this machine's "
        f"{rows[0].cores if rows else 1} cores — the floor's CPU plus the CPU of reading (its parse taken "
        "off) and validation, spread perfectly over every core with nothing else added, and never less than "
        "the slowest file's reading (one reader process reads one file, in document order); the text index "
        "is left out of it. Goal: ratio ≤ " + f"{GOAL_RATIO:g}×.",
    ]
    return "\n".join(lines) + "\n"


def _readers(workers: int | None) -> str:
    if workers is None:
        return "as `precedent ingest` runs it (reader processes beside the writer)"
    if workers == 1:
        return "reading in the writer's process"
    return f"with {workers} reader processes"


def update_document(text: str) -> bool:
    if not DOCUMENT.is_file():
        return False
    document = DOCUMENT.read_text("utf-8")
    start, end = document.find(START), document.find(END)
    if start < 0 or end < start:
        return False
    DOCUMENT.write_text(document[: start + len(START)] + "\n\n" + text + "\n" + document[end:], "utf-8")
    return True


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="*", type=Path, help="files or folders (default: the issue's corpora)")
    parser.add_argument("--repeats", type=int, default=3, help="repetitions of each measurement (median)")
    parser.add_argument("--generated", type=int, default=100, help="generated minutes (0: none)")
    parser.add_argument(
        "--workers",
        type=int,
        default=None,
        help="reader processes of end to end (default: as precedent ingest, one per core; 1: none)",
    )
    parser.add_argument("--no-write", action="store_true", help="print only")
    args = parser.parse_args(argv)
    stamp = datetime.now(UTC)
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="precedent-floor-") as tmp:
        work = Path(tmp)
        inputs = [(p.name, [p]) for p in args.paths] if args.paths else corpora(args.generated, work)
        for name, paths in inputs:
            row = measure(name, paths, work, args.repeats, args.workers)
            rows.append(row)
            print(
                f"{row.corpus:<32} floor {row.floor:6.2f} s (parse {row.parse:.2f} + bulk {row.bulk:.2f})"
                f"  end to end {row.end_to_end:6.2f} s  ratio {row.ratio:4.1f}×"
                f"  best possible {row.best_ratio:4.1f}×  "
                + "  ".join(f"{s} {row.stages[s]:.2f}" for s in STAGES),
                flush=True,
            )
    heading = (
        f"### Ingest against its floor, {stamp:%Y-%m-%d %H:%M} UTC "
        f"(medians of {args.repeats}, end to end {_readers(args.workers)}; `python -m bench.ingest_floor`)"
    )
    text = table(rows, heading)
    print("\n" + text)
    if args.no_write:
        return
    RESULTS.mkdir(parents=True, exist_ok=True)
    day = f"{stamp:%Y-%m-%d}"
    (RESULTS / f"ingest-floor-{day}.json").write_text(
        json.dumps(
            {
                "when": stamp.isoformat(),
                "repeats": args.repeats,
                "workers": args.workers,
                "corpora": [row.as_dict() for row in rows],
            },
            indent=1,
        )
        + "\n",
        "utf-8",
    )
    (RESULTS / f"ingest-floor-{day}.md").write_text(text, "utf-8")
    if not update_document(text):
        print(f"(no markers {START!r} in {DOCUMENT}: table not written there)")


if __name__ == "__main__":
    main()
