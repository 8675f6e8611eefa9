"""The ingest run: read many files in parallel, validate each document, and store them through one writer.

This is where `ingest` (readers) meets `archive` (the writer), so it lives with the CLI, the composition
root. Reading and validating are CPU-bound and run in worker processes on every core; writing is done by
the single archive writer in this process, in the order the files were given.
"""

from __future__ import annotations

import logging
import os
import re
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from multiprocessing import get_context
from pathlib import Path


from ingest import formats
from ingest.document import Document, ReaderError
from ingest.resolve import Resolver
from ingest.validate import validate
from ontology import GLOSSARY_TTL, ONTOLOGY_IRI, ONTOLOGY_TTL, PREC, IriMinter

log = logging.getLogger(__name__)

_DECISION_ID_LINE = re.compile(r"^\s*(?:-\s*)?id:\s*(\S+)\s*$", re.MULTILINE)


@dataclass
class Refusal:
    """One document (or file) that was not stored, and why, as a person can act on it."""

    location: str
    problem: str

    def __str__(self) -> str:
        return f"{self.location}: {self.problem}"


@dataclass
class IngestReport:
    """The closing summary of one ingest run."""

    stored: int = 0
    unchanged: int = 0
    refused: list[Refusal] = field(default_factory=list)
    decisions: int = 0
    persons: int = 0
    triples: int = 0
    unresolved_mentions: int = 0
    seconds: float = 0.0
    stored_identifiers: list[str] = field(default_factory=list)
    actors_merged: int = 0  # actor IRIs found to name someone already in the archive (``resolving.py``)
    actors_proposed: int = 0  # uncertain pairs left to an editor

    @property
    def documents(self) -> int:
        return self.stored + self.unchanged + len(self.refused)

    @property
    def documents_per_second(self) -> float:
        return self.documents / self.seconds if self.seconds else 0.0

    def as_dict(self) -> dict[str, object]:
        return {
            "documents": self.documents,
            "stored": self.stored,
            "unchanged": self.unchanged,
            "refused": [{"location": r.location, "problem": r.problem} for r in self.refused],
            "decisions": self.decisions,
            "persons": self.persons,
            "triples": self.triples,
            "unresolved_mentions": self.unresolved_mentions,
            "actors_merged": self.actors_merged,
            "actors_proposed": self.actors_proposed,
            "seconds": round(self.seconds, 3),
            "documents_per_second": round(self.documents_per_second, 1),
        }


@dataclass(frozen=True)
class _ReadJob:
    path: Path
    fmt: str
    level: str | None
    base_iri: str
    known_decisions: frozenset[str]


def _read_and_validate(job: _ReadJob) -> list[Document | Refusal]:
    """Runs in a worker process: read one file, validate each document against the SHACL shapes."""
    minter = IriMinter(job.base_iri)
    resolver = Resolver(minter)
    known = job.known_decisions
    out: list[Document | Refusal] = []
    try:
        for item in formats.read(
            job.path,
            job.fmt,
            level=job.level,
            minter=minter,
            resolver=resolver,
            known_decisions=known.__contains__,
        ):
            if isinstance(item, ReaderError):
                out.append(Refusal(item.location, item.problem))
                continue
            try:
                violations = validate(item.graph)
            except Exception as error:  # a value the SHACL engine cannot compare (NaN, a blank-node offset…)
                out.append(Refusal(f"{job.path}#{item.identifier}", f"cannot be validated: {error}"))
                continue
            if violations:
                problems = "; ".join(str(v) for v in violations[:5])
                out.append(
                    Refusal(f"{job.path}#{item.identifier}", f"does not satisfy the shapes: {problems}")
                )
            else:
                out.append(item)
    except ReaderError as error:
        out.append(Refusal(error.location, error.problem))
    except (OSError, ValueError) as error:
        out.append(Refusal(str(job.path), f"cannot be read: {error}"))
    return out


def plan(paths: Iterable[Path], fmt: str | None) -> tuple[list[tuple[Path, str]], list[Refusal]]:
    """Pair every file with its format; files nobody can read are refused up front."""
    jobs: list[tuple[Path, str]] = []
    refused: list[Refusal] = []
    for path in formats.discover(list(paths)):
        if not path.exists():
            refused.append(Refusal(str(path), "no such file or folder"))
            continue
        detected = fmt or formats.detect(path)
        if detected is None:
            refused.append(
                Refusal(
                    str(path), "unknown format; pass --format (one of: " + ", ".join(formats.FORMATS) + ")"
                )
            )
        else:
            jobs.append((path, detected))
    return jobs, refused


def prescan_decision_identifiers(jobs: list[tuple[Path, str]]) -> set[str]:
    """Decision identifiers declared in this batch's Markdown minutes, so files may cite each other."""
    found: set[str] = set()
    for path, fmt in jobs:
        if fmt == "markdown":
            found.update(_DECISION_ID_LINE.findall(path.read_text("utf-8", errors="replace")))
    return found


def read_documents(
    jobs: list[tuple[Path, str]],
    *,
    level: str | None,
    base_iri: str,
    known_decisions: set[str],
    workers: int | None = None,
) -> Iterator[Document | Refusal]:
    """Documents and refusals in file order, read on every core."""
    read_jobs = [_ReadJob(path, fmt, level, base_iri, frozenset(known_decisions)) for path, fmt in jobs]
    workers = workers or min(len(read_jobs), os.cpu_count() or 1)
    if workers <= 1:
        for job in read_jobs:
            yield from _read_and_validate(job)
        return
    # several files per message, so the documents of a chunk share their pickled terms (Document.__getstate__)
    chunk = max(1, min(16, len(read_jobs) // (workers * 4)))
    with ProcessPoolExecutor(max_workers=workers, mp_context=get_context("forkserver")) as pool:
        for batch in pool.map(_read_and_validate, read_jobs, chunksize=chunk):
            yield from batch


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

    def close(self) -> None:
        if self.enabled:
            sys.stderr.write("\n")


def ingest(
    archive: object,
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
    jobs, refused = plan(paths, fmt)
    report.refused.extend(refused)
    rdf_jobs = [(p, f) for p, f in jobs if f == "rdf"]
    for path, _ in rdf_jobs:
        report.refused.append(
            Refusal(str(path), "raw RDF is loaded with `precedent import FILE --graph IRI`")
        )
    jobs = [(p, f) for p, f in jobs if f != "rdf"]
    known = prescan_decision_identifiers(jobs) | _archive_decision_identifiers(archive)
    base_iri = archive.config.base_iri
    seen = 0
    with archive.writer(user) as writer:
        store_vocabulary(writer, archive.config.levels[0])
        for item in read_documents(
            jobs, level=level, base_iri=base_iri, known_decisions=known, workers=workers
        ):
            seen += 1
            if isinstance(item, Refusal):
                report.refused.append(item)
            elif dry_run is not None:
                dry_run(item)
                _count(report, item)
            else:
                try:
                    result = writer.put(item)
                except ValueError as error:  # e.g. an access level this archive does not have
                    report.refused.append(Refusal(item.source_path or item.identifier, str(error)))
                    continue
                if result.status == "unchanged":
                    report.unchanged += 1
                else:
                    report.stored += 1
                    report.stored_identifiers.append(item.identifier)
                    _count(report, item)
            if progress:
                progress.update(seen)
    if progress:
        progress.close()
    if dry_run is None and report.stored:
        from .resolving import resolve_actors

        resolution = resolve_actors(archive, user)
        report.actors_merged, report.actors_proposed = resolution.merged, resolution.proposed
    report.seconds = time.monotonic() - started
    return report


#: The vocabulary every level's store carries as named graphs, so SPARQL can use topic labels, the topic
#: hierarchy (``skos:broader``) and the class hierarchy (``rdfs:subClassOf``). Unchanged files are no-ops.
VOCABULARY_GRAPHS = ((ONTOLOGY_TTL, ONTOLOGY_IRI), (GLOSSARY_TTL, "https://w3id.org/precedent/glossary/"))


def store_vocabulary(writer: object, lowest_level: str) -> None:
    """Keep the ontology and the glossary in the archive, visible at every level."""
    for path, graph_iri in VOCABULARY_GRAPHS:
        writer.import_rdf(path, graph_iri, lowest_level)


def _count(report: IngestReport, document: Document) -> None:
    report.decisions += document.count_of_type(PREC.Decision)
    report.persons += document.count_of_type(PREC.Person)
    report.triples += len(document.triples())
    report.unresolved_mentions += len(document.unresolved_mentions)


def _archive_decision_identifiers(archive: object) -> set[str]:
    """Decision identifiers already in the archive (all levels: the writer may see everything)."""
    top = archive.config.levels[-1]
    return set(archive.view(top).decision_identifiers())
