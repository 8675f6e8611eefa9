"""Ingest throughput: the real pipeline (read, validate, resolve, store, index) against the raw bulk load.

End to end goes through ``precedent.ingesting.ingest`` into a fresh archive, as ``precedent
ingest`` does. The ceiling is ``pyoxigraph.Store.bulk_load`` of the same triples (N-Quads) into a
fresh store: no parsing of minutes, no validation, no index, no ledger.
"""

from __future__ import annotations

import logging
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

from .figures import Run, from_samples

log = logging.getLogger(__name__)

#: Goals from the brief: FRUS documents per second on 2 cores; share of the raw bulk-load rate.
FRUS_DOCS_PER_S = 500.0
BULK_SHARE = 0.5


@dataclass
class IngestOutcome:
    """One ingest run: its rates and what the archive reported."""

    seconds: float
    documents: int
    stored: int
    refused: int
    triples: int
    decisions: int
    first_refusal: str

    @property
    def documents_per_second(self) -> float:
        return self.documents / self.seconds if self.seconds else 0.0

    @property
    def triples_per_second(self) -> float:
        return self.triples / self.seconds if self.seconds else 0.0


def ingest_once(
    paths: list[Path],
    data_dir: Path,
    *,
    engine: str = "tantivy",
    workers: int | None = None,
    fmt: str | None = None,
) -> IngestOutcome:
    """Ingest ``paths`` into a new archive at ``data_dir`` through the real pipeline."""
    from archive import Archive, ArchiveConfig
    from precedent.ingesting import ingest

    if data_dir.exists():
        shutil.rmtree(data_dir)
    archive = Archive.open(ArchiveConfig(data_dir=data_dir, text_engine=engine))
    try:
        started = time.perf_counter()
        report = ingest(archive, paths, fmt=fmt, user="bench", workers=workers)
        seconds = time.perf_counter() - started
    finally:
        archive.close()
    first = str(report.refused[0]) if report.refused else ""
    return IngestOutcome(
        seconds, report.documents, report.stored, len(report.refused), report.triples, report.decisions, first
    )


def bulk_load_once(nquads: Path, store_dir: Path) -> tuple[float, int]:
    """Seconds to bulk-load ``nquads`` into a fresh on-disk Oxigraph store, and the quads it then holds."""
    import pyoxigraph as ox

    if store_dir.exists():
        shutil.rmtree(store_dir)
    store_dir.mkdir(parents=True)
    started = time.perf_counter()
    store = ox.Store(str(store_dir))
    store.bulk_load(path=str(nquads), format=ox.RdfFormat.N_QUADS)
    store.flush()
    seconds = time.perf_counter() - started
    count = len(store)
    del store
    return seconds, count


def bench_generated(
    run: Run, size: str, markdown_dir: Path, nquads: Path, work: Path, repeats: int, keep: Path
) -> IngestOutcome | None:
    """Ingest the minutes ``repeats`` times (the last archive is kept at ``keep``), then bulk-load them."""
    outcomes: list[IngestOutcome] = []
    for attempt in range(repeats):
        target = keep if attempt == repeats - 1 else work / f"ingest-{attempt}"
        outcome = ingest_once([markdown_dir], target)
        log.info(
            "ingest %s run %d: %.1f s, %d stored, %d refused",
            size,
            attempt + 1,
            outcome.seconds,
            outcome.stored,
            outcome.refused,
        )
        outcomes.append(outcome)
        if target != keep:
            shutil.rmtree(target, ignore_errors=True)
    last = outcomes[-1]
    if last.refused:
        run.problems.append(
            f"{size}: {last.refused} of {last.documents} generated documents refused, "
            f"first: {last.first_refusal}"
        )
    bulk: list[float] = []
    bulk_quads = 0
    for _ in range(repeats):
        seconds, bulk_quads = bulk_load_once(nquads, work / "bulk")
        bulk.append(bulk_quads / seconds)
    shutil.rmtree(work / "bulk", ignore_errors=True)
    bulk_figure = run.add(
        from_samples(
            "ingest",
            "raw Oxigraph bulk_load of the same archive (N-Quads)",
            size,
            "triples/s",
            bulk,
            note=f"{bulk_quads:,} quads",
        )
    )
    run.add(
        from_samples(
            "ingest",
            "generated minutes end to end",
            size,
            "documents/s",
            [o.documents_per_second for o in outcomes],
            note=f"{last.stored:,} stored, {last.refused} refused",
        )
    )
    run.add(
        from_samples(
            "ingest",
            "generated minutes end to end",
            size,
            "triples/s",
            [o.triples_per_second for o in outcomes],
            goal=BULK_SHARE * bulk_figure.median,
            goal_kind=">=",
            note="goal: 50% of bulk_load",
        )
    )
    return last


def bench_frus(run: Run, volumes: list[Path], work: Path, repeats: int) -> None:
    """Each FRUS volume into a fresh archive, ``repeats`` times; documents/s with the 500/s goal."""
    for volume in volumes:
        samples: list[float] = []
        outcome: IngestOutcome | None = None
        try:
            for _ in range(repeats):
                outcome = ingest_once([volume], work / "frus")
                samples.append(outcome.documents_per_second)
        except Exception as error:  # noqa: BLE001 - benchmarks report and go on
            run.problems.append(f"FRUS {volume.name}: {type(error).__name__}: {error}")
            continue
        finally:
            shutil.rmtree(work / "frus", ignore_errors=True)
        assert outcome is not None
        log.info("FRUS %s: %d documents in %.1f s", volume.stem, outcome.documents, outcome.seconds)
        if outcome.refused:
            run.problems.append(
                f"{volume.name}: {outcome.refused} of {outcome.documents} documents refused, "
                f"first: {outcome.first_refusal}"
            )
        run.add(
            from_samples(
                "ingest",
                f"FRUS {volume.stem} end to end",
                "FRUS",
                "documents/s",
                samples,
                goal=FRUS_DOCS_PER_S,
                goal_kind=">=",
                note=f"{outcome.documents} documents, {outcome.triples:,} triples",
            )
        )
