"""Sizes beyond what the end-to-end ingest reaches in one run: the store alone, loaded in bulk.

    python -m bench.store_sizes --documents 15500 --query-timeout 300   # the 10M-triple run alone

At these sizes the generated archive is written as N-Quads, bulk-loaded into a fresh Oxigraph store
(the ingest ceiling) and queried raw with every named query (the SPARQL floor), with rdflib's memory
store beside it up to a size cap. The end-to-end ingest time is then extrapolated from the rate the
real pipeline reached at the archive sizes of the same run, and reported as an estimate.
"""

from __future__ import annotations

import logging
import shutil
import time
import traceback
from pathlib import Path
from typing import TYPE_CHECKING

from . import sparql_bench
from .figures import Run, from_samples
from .generate import generate
from .ingest_bench import bulk_load_once
from .server import disk_bytes

if TYPE_CHECKING:
    from .run import Settings

log = logging.getLogger(__name__)
LEVELS = ("public", "internal", "restricted")


def to_entity_graphs(source: Path, target: Path) -> tuple[int, int]:
    """Rewrite generated N-Quads into the archive's layout: shared entities described in entity graphs.

    The generator writes each document's graph as the reader maps it, with every actor's label and
    types copied into each document that names them. The writer moves those triples into one entity
    graph per entity (``archive.descriptions``), so the union default graph states each label once; the
    store queried here must have that layout too, or the named queries would be measured on duplicates
    the archive no longer holds. Returns (quads read, quads written).
    """
    from archive.descriptions import SHARED_CLASSES, entity_graph_iri
    from ontology import IriMinter

    rdf_type = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
    shared_types = {f"<{cls}>" for cls in SHARED_CLASSES}
    shared: set[str] = set()
    with source.open(encoding="utf-8") as lines:
        for line in lines:
            subject, predicate, rest = line.split(" ", 2)
            if predicate == rdf_type and rest.split(" ", 1)[0] in shared_types:
                shared.add(subject)
    minter = IriMinter()
    graphs: dict[str, str] = {}
    described: dict[str, None] = {}  # entity triples once each, in first-seen order
    read = written = 0
    with source.open(encoding="utf-8") as lines, target.open("w", encoding="utf-8", newline="\n") as out:
        for line in lines:
            read += 1
            subject, predicate, rest = line.split(" ", 2)
            body, _, _ = rest.rstrip(" .\n").rpartition(" ")  # object, then the document's graph
            if subject in shared and not body.startswith("_:"):
                graph = graphs.get(subject)
                if graph is None:
                    graph = graphs[subject] = f"<{entity_graph_iri(minter, subject[1:-1])}>"
                described.setdefault(f"{subject} {predicate} {body} {graph} .\n")
            else:
                out.write(line)
                written += 1
        out.writelines(described)
    return read, written + len(described)


def compact(store_dir: Path) -> float:
    """Seconds to compact the store at ``store_dir`` (``Store.optimize``)."""
    import pyoxigraph as ox

    started = time.perf_counter()
    store = ox.Store(str(store_dir))
    store.optimize()
    store.flush()
    del store
    return time.perf_counter() - started


def measure_store_size(
    run: Run,
    settings: Settings,
    documents: int,
    seed: int,
    work: Path,
    ingest_rate: float | None,
    only: frozenset[str] = frozenset(),
) -> None:
    """Generate ``documents`` minutes as N-Quads, bulk-load them, query raw pyoxigraph (and rdflib)."""
    label = f"{documents:,} docs (store only)"
    started = time.perf_counter()
    log.info("== size %s", label)
    try:
        corpus = generate(work / "corpus", documents, seed, markdown=False, levels=LEVELS)
        run.add(
            from_samples(
                "generate",
                "generator (N-Quads only)",
                label,
                "documents/s",
                [corpus.documents / corpus.seconds],
                note=f"{corpus.triples:,} triples",
            )
        )
        assert corpus.nquads_path is not None
        run.sizes.append(
            {
                "name": label,
                "documents": documents,
                "decisions": corpus.decisions,
                "triples": corpus.triples,
                "index_records": "–",
            }
        )
        # the archive's layout: entity descriptions once, in entity graphs (see to_entity_graphs)
        layout_started = time.perf_counter()
        entity_path = corpus.nquads_path.with_name("archive-entities.nq")
        read, kept = to_entity_graphs(corpus.nquads_path, entity_path)
        corpus.nquads_path.unlink()
        entity_path.rename(corpus.nquads_path)
        log.info(
            "entity graphs: %s quads read, %s kept (%.0f s)",
            f"{read:,}",
            f"{kept:,}",
            time.perf_counter() - layout_started,
        )
        run.sizes[-1]["triples"] = kept
        rates = []
        repeats = settings.ingest_repeats if corpus.triples <= 2_000_000 else 1
        for _ in range(repeats):
            seconds, quads = bulk_load_once(corpus.nquads_path, work / "store")
            rates.append(quads / seconds)
        run.add(
            from_samples(
                "ingest",
                "raw Oxigraph bulk_load of the same archive (N-Quads)",
                label,
                "triples/s",
                rates,
                note=f"{quads:,} quads",
            )
        )
        if ingest_rate:
            hours = documents / ingest_rate / 3600
            run.add(
                from_samples(
                    "ingest",
                    "end to end at this size, extrapolated from the archive sizes",
                    label,
                    "hours",
                    [hours],
                    note=f"at {ingest_rate:.1f} documents/s",
                )
            )
        # bulk_load leaves its files uncompacted, and every lookup then reads more of them (a scan of
        # 39k quads at 10M triples: 2.0 s before, 0.4–0.6 s after); the archive's writer compacts after
        # bulk writes, so the store is queried compacted, and the compaction is reported on its own
        compact_s = compact(work / "store")
        compaction = "compaction after the bulk load (Store.optimize)"
        run.add(from_samples("ingest", compaction, label, "s", [compact_s]))
        queries = sparql_bench.named_queries()
        if only:
            queries = {name: text for name, text in queries.items() if name in only}
        raw, failed_raw = sparql_bench.raw_oxigraph(
            work / "store", queries, settings.query_repeats, timeout_s=settings.query_timeout_s
        )
        for name, why in failed_raw.items():
            run.problems.append(f"{label} · raw pyoxigraph {name}: {why}")
            if why.startswith("over "):
                run.add(
                    from_samples(
                        "sparql",
                        f"{name} · raw pyoxigraph (every level)",
                        label,
                        "ms",
                        [settings.query_timeout_s * 1000],
                        note=sparql_bench.STOPPED,
                    )
                )
        for name, samples in raw.items():
            run.add(from_samples("sparql", f"{name} · raw pyoxigraph (every level)", label, "ms", samples))
        run.add(
            from_samples(
                "disk", "Oxigraph store after bulk load", label, "MB", [disk_bytes(work / "store") / 1e6]
            )
        )
        run.add(
            from_samples(
                "disk",
                "the same archive as N-Quads (uncompressed)",
                label,
                "MB",
                [corpus.nquads_path.stat().st_size / 1e6],
            )
        )
        if corpus.triples <= settings.rdflib_max_triples:
            load_s, timings, failed = sparql_bench.rdflib_baseline(
                corpus.nquads_path, queries, 3, timeout_s=settings.rdflib_timeout_s
            )
            run.add(from_samples("sparql", "rdflib Memory store: load the N-Quads", label, "s", [load_s]))
            for name, why in failed.items():
                if why.startswith("over "):
                    timings[name] = [settings.rdflib_timeout_s * 1000]
                run.problems.append(f"{label} · rdflib {name}: {why}")
            for name, samples in timings.items():
                run.add(
                    from_samples(
                        "sparql",
                        f"{name} · rdflib Memory (every level)",
                        label,
                        "ms",
                        samples,
                        note=sparql_bench.STOPPED if name in failed else "",
                    )
                )
    except Exception as error:  # noqa: BLE001 - benchmarks report and go on
        log.debug("%s", traceback.format_exc())
        run.problems.append(f"{label}: {type(error).__name__}: {error}")
        log.warning("%s failed: %s", label, error)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    log.info("%s done in %.0f s", label, time.perf_counter() - started)


def main(argv: list[str] | None = None) -> int:
    """One store-only size on its own, with a chosen per-query time limit; writes bench/results/."""
    import argparse
    import datetime as dt
    import sys
    import tempfile
    from dataclasses import replace

    from .figures import markdown_table, write_reports
    from .run import FULL, RESULTS, environment

    parser = argparse.ArgumentParser(prog="python -m bench.store_sizes", description=main.__doc__)
    parser.add_argument(
        "--documents", type=int, default=15_500, help="generated minutes (15,500: ~10M triples)"
    )
    parser.add_argument("--query-timeout", type=float, default=FULL.query_timeout_s, help="seconds per query")
    parser.add_argument("--repeats", type=int, default=FULL.query_repeats)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path, default=RESULTS)
    parser.add_argument("--name", help="report file name without suffix (default <date>-store-<documents>)")
    parser.add_argument("--only", default="", help="comma-separated named queries to run (default: all)")
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(message)s", datefmt="%H:%M:%S", stream=sys.stderr
    )
    settings = replace(FULL, query_timeout_s=args.query_timeout, query_repeats=args.repeats)
    started = dt.datetime.now(dt.UTC)
    run = Run(started.strftime("%Y-%m-%d %H:%M UTC"), "store", environment())
    clock = time.perf_counter()
    work = Path(tempfile.mkdtemp(prefix="precedent-store-"))
    only = frozenset(name.strip() for name in args.only.split(",") if name.strip())
    measure_store_size(run, settings, args.documents, args.seed, work, None, only)
    run.environment["seconds"] = round(time.perf_counter() - clock, 1)
    name = args.name or f"{started:%Y-%m-%d}-store-{args.documents}"
    json_path, md_path = write_reports(run, args.out, name)
    print(markdown_table(run))
    print(f"wrote {json_path} and {md_path} in {run.environment['seconds']:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
