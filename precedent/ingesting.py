"""``precedent ingest`` in this process: the one pipeline (``ingest.pipeline``) over an opened archive.

The operator who runs the CLI on the data directory may write every level, so documents keep their own
level unless ``--level`` chooses one (which may raise a level the minutes declare, never lower it).
When a server runs on the same data directory, the CLI hands its files to that server instead
(``precedent.client``); the server then runs this same pipeline with its own writer.
"""

from __future__ import annotations

import gc
import logging
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from archive import Archive
from archive.writer import Writer
from ingest.document import Document
from ingest.pipeline import (
    VOCABULARY_GRAPHS,
    Clearance,
    IngestReport,
    ReadJob,
    Refusal,
    plan,
    prescan_decision_identifiers,
    start_readers_early,
    store_vocabulary,
)
from ingest.pipeline import ingest as run_pipeline
from ingest.pipeline import read_documents as read_jobs

log = logging.getLogger(__name__)

if TYPE_CHECKING:
    from archive import View
    from archive.contracts import ReadView, StorableDocument

    def _contracts(document: Document, view: View) -> tuple[StorableDocument, ReadView]:
        """Never called: the type checker proves here that the packages keep their contracts."""
        return document, view


__all__ = [
    "VOCABULARY_GRAPHS",
    "IngestReport",
    "Progress",
    "Refusal",
    "ingest",
    "operator_clearance",
    "plan",
    "prescan_decision_identifiers",
    "read_documents",
    "start_readers_early",
    "store_vocabulary",
]


class Progress:
    """A one-line progress bar on stderr with documents per second; silent when stderr is not a terminal."""

    def __init__(self, total_files: int, enabled: bool | None = None) -> None:
        self.total_files = total_files
        self.enabled = sys.stderr.isatty() if enabled is None else enabled
        self.started = time.monotonic()
        self.documents = 0

    def update(self, documents: int) -> None:
        self.documents = documents
        if not self.enabled:
            return
        elapsed = max(time.monotonic() - self.started, 1e-6)
        sys.stderr.write(f"\r  {documents} documents  {documents / elapsed:,.0f} documents/s ")
        sys.stderr.flush()

    def waiting(self, message: str) -> None:
        if self.enabled:
            sys.stderr.write(f"\r  {message} ")
            sys.stderr.flush()

    def close(self) -> None:
        if self.enabled:
            sys.stderr.write("\n")


def operator_clearance(levels: Sequence[str], level: str | None) -> Clearance:
    """The operator of the data directory (CLI, or the CLI through a running server) may write every level."""
    return Clearance(levels=tuple(levels), writable=tuple(levels), chosen_level=level)


def ingest(
    archive: Archive,
    paths: Iterable[Path],
    *,
    fmt: str | None = None,
    level: str | None = None,
    user: str = "cli",
    dry_run: Callable[[Document], None] | None = None,
    workers: int | None = None,
    progress: Progress | None = None,
) -> IngestReport:
    """Read, validate and store every document under ``paths``; return the closing summary.

    With ``dry_run`` set, each valid document is handed to it instead of being stored.
    """
    started = time.monotonic()
    report = IngestReport()
    files, refused = plan(paths, fmt)
    for refusal in refused:
        report.refuse(refusal)
    top = archive.config.levels[-1]
    run_pipeline(
        files,
        None if dry_run is not None else _storing(archive, user, report),
        clearance=operator_clearance(archive.config.levels, level),
        base_iri=archive.config.base_iri,
        known_decisions=archive.view(top).decision_identifiers(),
        report=report,
        workers=workers,
        dry_run=dry_run,
        progress=progress.update if progress else None,
    )
    if progress:
        progress.close()
    report.seconds = time.monotonic() - started
    return report


@contextmanager
def _storing(archive: Archive, user: str, report: IngestReport) -> Iterator[Writer]:
    """The run's writer session; before it closes, actors minted file by file are matched across the
    archive (``resolving.py``), so the pass's rewrites share the session's last commit and store flush."""
    with archive.writer(user) as writer, _collector_spares_what_was_there():
        yield writer
        if report.stored:
            from .resolving import resolve_actors

            resolution = resolve_actors(archive, user, writer)
            log.info("actors: %d merged, %d proposed to editors", resolution.merged, resolution.proposed)


@contextmanager
def _collector_spares_what_was_there() -> Iterator[None]:
    """Keep the cyclic collector's full collections off what existed before the run (modules, the
    archive, the readers' forkserver's imports): it cannot become garbage during the run, and each full
    collection walked all of it again as the run's documents grew the heap. FRUS Paris vol. I: full
    collections 0.28-0.29 s of the writer's process before, 0.07-0.09 s after (two runs each). Whatever
    the run makes is collected as before; the frozen objects are handed back to the collector at the end.
    A process that froze its own start-up already (a server) is left as it is: unfreezing at the end
    would hand that back too.
    """
    if gc.get_freeze_count():
        yield
        return
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def read_documents(
    jobs: Sequence[tuple[Path, str]],
    *,
    level: str | None,
    base_iri: str,
    known_decisions: set[str],
    workers: int | None = None,
    levels: Sequence[str] = ("public", "internal", "restricted"),
) -> Iterator[Document | Refusal]:
    """Reading and validating alone, as the benchmarks measure it (no writer)."""
    clearance = operator_clearance(levels, level)
    known = frozenset(known_decisions)
    return read_jobs([ReadJob(path, fmt, clearance, base_iri, known) for path, fmt in jobs], workers=workers)
