"""Sizes beyond what the end-to-end ingest reaches in one run: the store alone, loaded in bulk.

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
    run: Run, settings: Settings, documents: int, seed: int, work: Path, ingest_rate: float | None
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
        raw, failed_raw = sparql_bench.raw_oxigraph(
            work / "store", queries, settings.query_repeats, timeout_s=settings.query_timeout_s
        )
        for name, why in failed_raw.items():
            run.problems.append(f"{label} · raw pyoxigraph {name}: {why}")
            if why.startswith("over "):
                run.add(from_samples("sparql", f"{name} · raw pyoxigraph (every level)", label, "ms",
                                     [settings.query_timeout_s * 1000], note=sparql_bench.STOPPED))
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
