"""Benchmark the real program at several sizes against its baselines, in one command.

    python -m bench.run --quick            # one small size, short runs (a few minutes)
    python -m bench.run --full             # every standard size; add --largest for the 10M-triple one
    python -m bench.run --sizes 300,3000   # chosen sizes (minutes documents)

Each run prints the machine and library versions, measures ingest, SPARQL, search, cold start,
memory, disk and load, prints a Markdown table and writes ``bench/results/<date>.json`` and
``.md``. Benchmarks never fail: a stage that breaks is reported under "problems" and the run goes on.
"""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import os
import platform
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from .figures import Run, markdown_table, update_document, write_reports
from .ingest_bench import bench_frus
from .stages import SizeBench
from .store_sizes import measure_store_size

log = logging.getLogger("bench")

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results"
PERFORMANCE_DOC = HERE.parent / "docs" / "performance.md"
DATA = HERE.parent.parent / "shared" / "data"

#: Sizes in generated minutes documents (about 640 triples and 2.6 decisions each). "Archive" sizes go
#: through the whole program (ingest, server, search); "store" sizes only bulk-load and query the store,
#: because the end-to-end ingest cannot reach them in one run today (see docs/performance.md).
QUICK_ARCHIVE_SIZES = (200,)
QUICK_STORE_SIZES = (1_550,)
FULL_ARCHIVE_SIZES = (300, 3_000)  # 10x and 100x the 30 sample minutes
FULL_STORE_SIZES = (1_550, 15_500)  # about 1M and 10M triples
LARGEST_STORE_SIZE = 155_000  # about 100M triples and 1M index records: --largest


@dataclass(frozen=True)
class Settings:
    """How long and how often each stage runs."""

    mode: str
    ingest_repeats: int
    frus_repeats: int
    query_repeats: int
    search_repeats: int
    cold_starts: int
    load_seconds: float
    load_clients: int
    engines: tuple[str, ...]
    rdflib_max_triples: int
    rdflib_timeout_s: float
    query_timeout_s: float
    #: Whoosh rebuilds its index at 100–400 records/s here (Tantivy 500–900/s), so it stops at this size.
    whoosh_max_documents: int = 1_000


QUICK = Settings(
    "quick",
    ingest_repeats=1,
    frus_repeats=1,
    query_repeats=10,
    search_repeats=20,
    cold_starts=3,
    load_seconds=10.0,
    load_clients=32,
    engines=("tantivy", "whoosh"),
    rdflib_max_triples=0,
    rdflib_timeout_s=5.0,
    query_timeout_s=10.0,
)
FULL = Settings(
    "full",
    ingest_repeats=2,
    frus_repeats=2,
    query_repeats=30,
    search_repeats=40,
    cold_starts=5,
    load_seconds=30.0,
    load_clients=32,
    engines=("tantivy", "whoosh"),
    rdflib_max_triples=1_200_000,
    rdflib_timeout_s=30.0,
    query_timeout_s=30.0,
)


def environment() -> dict[str, object]:
    versions = {}
    for package in ("pyoxigraph", "rdflib", "tantivy", "whoosh", "flask", "waitress", "pyshacl"):
        try:
            versions[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            versions[package] = "absent"
    memory_gb = None
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory_gb = round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    return {
        "cpu_count": os.cpu_count(),
        "memory_gb": memory_gb,
        "platform": platform.platform(),
        "python": platform.python_version(),
        "versions": {"python": platform.python_version(), **versions},
    }


def frus_volumes(quick: bool) -> list[Path]:
    """The FRUS volumes of the shared data; the quick run takes only the one with the fewest documents."""
    folder = DATA / "frus"
    volumes = sorted(folder.glob("*.xml")) if folder.is_dir() else []
    if quick and volumes:
        volumes = [min(volumes, key=lambda path: path.read_bytes().count(b'type="document"'))]
    return volumes


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.split("\n\n")[0])
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--quick", action="store_true", help="one small size, short runs (default)")
    mode.add_argument("--full", action="store_true", help="every standard size, longer runs")
    parser.add_argument("--sizes", help="archive sizes (whole program) in minutes documents, e.g. 300,3000")
    parser.add_argument(
        "--store-sizes", help="store-only sizes (bulk load + raw SPARQL), e.g. 1550,15500; 0 for none"
    )
    parser.add_argument(
        "--largest",
        action="store_true",
        help=f"also the {LARGEST_STORE_SIZE:,}-document store size (~100M triples, ~1M index records)",
    )
    parser.add_argument("--engines", help="text engines to measure (default tantivy,whoosh)")
    parser.add_argument("--load-seconds", type=float, help="seconds per web load test")
    parser.add_argument("--no-frus", action="store_true", help="skip the FRUS ingest")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path, default=RESULTS, help="folder for <date>.json and <date>.md")
    parser.add_argument("--work", type=Path, help="working folder (default: a temporary one, removed after)")
    parser.add_argument(
        "--keep", action="store_true", help="keep the working folder (generated data, archives)"
    )
    parser.add_argument("-v", "--verbose", action="store_true")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.INFO,
        format="%(asctime)s %(message)s",
        datefmt="%H:%M:%S",
        stream=sys.stderr,
    )
    for noisy in ("rdflib", "pyshacl", "waitress", "whoosh"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    settings = FULL if args.full else QUICK
    if args.engines:
        settings = _replace(settings, engines=tuple(e.strip() for e in args.engines.split(",") if e.strip()))
    if args.load_seconds:
        settings = _replace(settings, load_seconds=args.load_seconds)
    if args.sizes:
        sizes = _sizes(args.sizes)
    else:
        sizes = FULL_ARCHIVE_SIZES if args.full else QUICK_ARCHIVE_SIZES
    if args.store_sizes:
        store_sizes = _sizes(args.store_sizes)
    else:
        store_sizes = FULL_STORE_SIZES if args.full else QUICK_STORE_SIZES
    if args.largest:
        store_sizes += (LARGEST_STORE_SIZE,)

    started = dt.datetime.now(dt.UTC)
    run = Run(started.strftime("%Y-%m-%d %H:%M UTC"), settings.mode, environment())
    env = run.environment
    print(
        f"Precedent benchmark ({settings.mode}): {env['cpu_count']} cores, {env['memory_gb']} GB, "
        f"{env['platform']}",
        flush=True,
    )
    print("  " + ", ".join(f"{name} {version}" for name, version in env["versions"].items()), flush=True)
    print(
        f"  archive sizes (minutes documents): {', '.join(f'{size:,}' for size in sizes) or 'none'}; "
        f"store-only sizes: {', '.join(f'{size:,}' for size in store_sizes) or 'none'}",
        flush=True,
    )

    work = args.work or Path(tempfile.mkdtemp(prefix="precedent-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    clock = time.perf_counter()
    try:
        if not args.no_frus:
            volumes = frus_volumes(settings.mode == "quick")
            if volumes:
                bench_frus(run, volumes, work / "frus", settings.frus_repeats)
            else:
                run.problems.append(f"FRUS ingest skipped: no volumes in {DATA / 'frus'}")
        for size in sizes:
            SizeBench(run, settings, size, args.seed, work / f"size-{size}").measure()
            _write(run, args.out, started)  # after each size, so a long run leaves results behind
        rate = _end_to_end_rate(run)
        for size in store_sizes:
            measure_store_size(run, settings, size, args.seed, work / f"store-{size}", rate)
            _write(run, args.out, started)
    except KeyboardInterrupt:
        run.problems.append("interrupted by the user; the figures above are complete, later ones are missing")
    finally:
        if not args.keep and args.work is None:
            shutil.rmtree(work, ignore_errors=True)
        else:
            print(f"kept the working folder {work}", flush=True)
    run.environment["seconds"] = round(time.perf_counter() - clock, 1)
    json_path, md_path = _write(run, args.out, started)
    interrupted = any(problem.startswith("interrupted") for problem in run.problems)
    if args.out == RESULTS and not interrupted and update_document(PERFORMANCE_DOC, run):
        log.info("updated the latest table in %s", PERFORMANCE_DOC)
    print()
    print(markdown_table(run))
    print(f"wrote {json_path} and {md_path} in {run.environment['seconds']:.0f} s")
    return 0


def _sizes(text: str) -> tuple[int, ...]:
    return tuple(int(part.replace("_", "")) for part in text.split(",") if part.strip() and int(part) > 0)


def _end_to_end_rate(run: Run) -> float | None:
    """Documents/s of the real ingest at the largest archive size measured in this run."""
    rates = [f for f in run.figures if f.name == "generated minutes end to end" and f.unit == "documents/s"]
    return rates[-1].median if rates else None


def _write(run: Run, out: Path, started: dt.datetime) -> tuple[Path, Path]:
    # the quick run (bash dev.sh bench) owns <date>.json; a full run on the same day must not replace it
    suffix = "" if run.mode == "quick" else f"-{run.mode}"
    return write_reports(run, out, started.strftime("%Y-%m-%d") + suffix)


def _replace(settings: Settings, **changes: object) -> Settings:
    from dataclasses import replace

    return replace(settings, **changes)


if __name__ == "__main__":
    sys.exit(main())
