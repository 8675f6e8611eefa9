"""The one ingest pipeline: read → validate → put, for ``precedent ingest``, uploads and the server's writer.

Reading and validating are CPU-bound and run in worker processes; putting is done by the single archive
writer in the calling process, in the order the files were given. The pipeline never imports the archive:
it puts through ``DocumentWriter``, the small typed border the archive's ``Writer`` satisfies.

Whatever arrives over the network (an upload, files handed to a running server) is read under
``ReadLimits``: each file in a worker process with an address-space cap, a CPU-time limit and a
wall-clock timeout, so a hostile DOCX, PDF or XML costs that one file and never the server.
"""

from __future__ import annotations

import gc
import logging
import os
import re
import resource
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from multiprocessing import forkserver, get_context, parent_process
from multiprocessing.context import ForkServerContext
from multiprocessing.process import BaseProcess
from multiprocessing.queues import Queue
from pathlib import Path
from queue import Empty, Full
from typing import Protocol

from rdflib import RDF, RDFS, Literal

from ontology import GLOSSARY_TTL, ONTOLOGY_IRI, ONTOLOGY_TTL, PREC, IriMinter

from . import formats
from .document import Document, ReaderError
from .resolve import Resolver
from .validate import validate

log = logging.getLogger(__name__)

_DECISION_ID_LINE = re.compile(r"^\s*(?:-\s*)?id:\s*(\S+)\s*$", re.MULTILINE)

#: The vocabulary every level's store carries as named graphs, so SPARQL can use topic labels, the topic
#: hierarchy (``skos:broader``) and the class hierarchy (``rdfs:subClassOf``). Unchanged files are no-ops.
VOCABULARY_GRAPHS = ((ONTOLOGY_TTL, ONTOLOGY_IRI), (GLOSSARY_TTL, "https://w3id.org/precedent/glossary/"))


class PutOutcome(Protocol):
    """What the writer says it did with one document."""

    @property
    def status(self) -> str:  # "stored" | "unchanged"
        ...


class DocumentWriter(Protocol):
    """The archive's writer as the pipeline uses it (``archive.writer.Writer`` satisfies it)."""

    def put(self, document: Document) -> PutOutcome: ...

    def import_rdf(self, path: Path, graph_iri: str, level: str, fmt: str | None = None) -> PutOutcome: ...


@dataclass
class Refusal:
    """One document (or file) that was not stored, and why, as a person can act on it."""

    location: str
    problem: str

    def __str__(self) -> str:
        return f"{self.location}: {self.problem}"


@dataclass
class Outcome:
    """What happened to one document of a run: ``stored``, ``unchanged`` or ``refused`` (and why).

    A document stored with doubts keeps the status ``stored``; ``doubt`` says what was in doubt.
    """

    identifier: str
    status: str
    detail: str = ""
    doubt: Doubt | None = None


@dataclass
class Doubt:
    """A document stored with what could be read: its record or meeting is marked uncertain
    (``prec:confidence`` below 1) and/or some of its facts wait in the review queue."""

    identifier: str
    location: str
    uncertain: bool
    facts_to_review: int
    why: str = ""

    def __str__(self) -> str:
        parts = [self.why or ("marked uncertain" if self.uncertain else "")]
        if self.facts_to_review:
            parts.append(
                f"{self.facts_to_review} fact{'' if self.facts_to_review == 1 else 's'} sent to review"
            )
        return f"{self.location}: " + "; ".join(part for part in parts if part)

    def as_dict(self) -> dict[str, object]:
        return {
            "identifier": self.identifier,
            "location": self.location,
            "uncertain": self.uncertain,
            "facts_to_review": self.facts_to_review,
            "why": self.why,
        }


#: The nodes whose ``prec:confidence`` below 1 marks the document itself as read with doubts (a
#: heuristic decision's own confidence, as FRUS readers give, is not a doubt about the document).
_DOUBT_BEARERS = frozenset({PREC.Record, PREC.Meeting})
#: How much of a reader's note on what was in doubt a summary repeats.
_WHY_CHARS = 200


def doubt_of(
    document: Document, location: str = "", triples: Sequence[tuple[object, object, object]] | None = None
) -> Doubt | None:
    """What a reader was unsure of in ``document``, or ``None`` when it was read with no doubt.

    ``triples`` are the document's own (``document.triples()``) when the caller already has them:
    listing an rdflib graph costs several µs per triple.
    """
    triples = document.triples() if triples is None else triples
    # sets: a term is compared by hash first (in C), rdflib's ``__eq__`` (Python) only on a match
    is_a, confidence = {RDF.type}, {PREC.confidence}
    bearers = {s for s, p, o in triples if p in is_a and o in _DOUBT_BEARERS}
    uncertain: set[object] = set()
    for s, p, o in triples:
        if p in confidence and s in bearers and isinstance(o, Literal):
            try:
                if float(o) < 1:
                    uncertain.add(s)
            except ValueError:
                uncertain.add(s)  # an unreadable confidence is no certainty
    if not uncertain and not document.proposed:
        return None
    notes: list[str] = []
    for s, p, o in triples if uncertain else ():  # no note to find on a document only with proposals
        if s not in uncertain:
            continue
        text = str(o).strip()
        if p == RDFS.comment and text.startswith("Read with doubts"):
            text = text.removeprefix("Read with doubts").lstrip(":").strip()
            notes.append("; ".join(line.strip(" -") for line in text.splitlines() if line.strip(" -")))
        elif p == PREC.extractionRule and text:
            notes.append(text)
    why = "; ".join(dict.fromkeys(note for note in notes if note))
    if len(why) > _WHY_CHARS:
        why = why[: _WHY_CHARS - 1].rstrip() + "…"
    return Doubt(
        identifier=document.identifier,
        location=location or document.identifier,
        uncertain=bool(uncertain),
        facts_to_review=len(document.proposed),
        why=why,
    )


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
    outcomes: list[Outcome] = field(default_factory=list)
    #: The stored documents read with doubts (counted in ``stored`` too): an editor should review them.
    in_doubt: list[Doubt] = field(default_factory=list)

    def refuse(self, refusal: Refusal) -> None:
        self.refused.append(refusal)
        self.outcomes.append(Outcome(refusal.location, "refused", refusal.problem))

    @property
    def stored_with_doubts(self) -> int:
        return len(self.in_doubt)

    @property
    def facts_to_review(self) -> int:
        return sum(doubt.facts_to_review for doubt in self.in_doubt)

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
            "seconds": round(self.seconds, 3),
            "documents_per_second": round(self.documents_per_second, 1),
            # added beside the counts above, which keep their meaning ("stored" includes these)
            "stored_with_doubts": self.stored_with_doubts,
            "facts_to_review": self.facts_to_review,
            "in_doubt": [doubt.as_dict() for doubt in self.in_doubt],
        }

    @classmethod
    def from_dict(cls, data: dict[str, object]) -> IngestReport:
        """The report ``as_dict`` wrote (the CLI reads a running server's summary with it)."""
        refused = data.get("refused")
        report = cls(
            refused=[
                Refusal(str(r["location"]), str(r["problem"]))
                for r in (refused if isinstance(refused, list) else [])
                if isinstance(r, dict)
            ]
        )
        for name in ("stored", "unchanged", "decisions", "persons", "triples", "unresolved_mentions"):
            value = data.get(name, 0)
            setattr(report, name, int(value) if isinstance(value, int | float | str) else 0)
        seconds = data.get("seconds", 0.0)
        report.seconds = float(seconds) if isinstance(seconds, int | float | str) else 0.0
        in_doubt = data.get("in_doubt")  # absent from an older server's summary
        for entry in in_doubt if isinstance(in_doubt, list) else []:
            if isinstance(entry, dict):
                facts = entry.get("facts_to_review", 0)
                report.in_doubt.append(
                    Doubt(
                        identifier=str(entry.get("identifier", "")),
                        location=str(entry.get("location") or entry.get("identifier", "")),
                        uncertain=bool(entry.get("uncertain")),
                        facts_to_review=int(facts) if isinstance(facts, int | float) else 0,
                        why=str(entry.get("why") or ""),
                    )
                )
        return report


@dataclass(frozen=True)
class ReadLimits:
    """Per-file limits for reading untrusted files in a worker process."""

    memory_mb: int = 1024
    cpu_seconds: int = 60
    wall_seconds: float = 120.0


@dataclass(frozen=True)
class Clearance:
    """Who hands the documents over: the levels they may write, and whether their level choice is final.

    ``chosen_level`` is the level every document of the run is stored at; minutes that declare a higher
    level of their own are refused rather than lowered. ``None`` keeps each document's own level.
    """

    levels: tuple[str, ...]
    writable: tuple[str, ...]
    chosen_level: str | None = None

    def rank(self, level: str) -> int:
        return self.levels.index(level) if level in self.levels else len(self.levels)


@dataclass(frozen=True)
class ReadJob:
    """One file to read in a worker, with everything the reader needs (picklable)."""

    path: Path
    fmt: str
    clearance: Clearance
    base_iri: str
    known_decisions: frozenset[str]
    display_name: str = ""

    @property
    def name(self) -> str:
        return self.display_name or str(self.path)


def read_and_validate(job: ReadJob) -> list[Document | Refusal]:
    """Read one file, check each document's level against the clearance, validate it against the shapes."""
    try:
        documents = _read(job, job.clearance.chosen_level)
        chosen = job.clearance.chosen_level
        if chosen is not None and job.fmt == "markdown":
            documents = _apply_chosen_level(job, documents, chosen)
    except ReaderError as error:
        return [Refusal(_located(job, error.location), error.problem)]
    except (OSError, ValueError) as error:
        return [Refusal(job.name, f"cannot be read: {error}")]
    return [item if isinstance(item, Refusal) else _validated(job, item) for item in documents]


def _read(job: ReadJob, level: str | None) -> list[Document | Refusal]:
    minter = IriMinter(job.base_iri)
    out: list[Document | Refusal] = []
    for item in formats.read(
        job.path,
        job.fmt,
        level=level,
        minter=minter,
        resolver=Resolver(minter),
        known_decisions=job.known_decisions.__contains__,
    ):
        if isinstance(item, ReaderError):
            out.append(Refusal(_located(job, item.location), item.problem))
        else:
            out.append(item)
    return out


def _apply_chosen_level(
    job: ReadJob, documents: list[Document | Refusal], chosen: str
) -> list[Document | Refusal]:
    """Minutes may declare their own level; the chosen level may raise it but never lower it."""
    if b"access_level" not in job.path.read_bytes():
        return documents  # nothing declared: the minutes are public, which any level raises
    rank = job.clearance.rank
    declared = [d for d in _read(job, None) if isinstance(d, Document)]
    higher = [d for d in declared if rank(d.access_level) > rank(chosen)]
    if not higher:
        return documents
    return [_above_chosen(job, d, chosen) for d in higher]


def _above_chosen(job: ReadJob, document: Document, chosen: str) -> Refusal:
    where = f"{job.name}#{document.identifier}"
    if document.access_level not in job.clearance.writable:
        return _above_clearance(job, document)
    return Refusal(
        where,
        f"the minutes declare access level {document.access_level!r}, above the chosen level {chosen!r};"
        " choose that level or correct the minutes",
    )


def _above_clearance(job: ReadJob, document: Document) -> Refusal:
    return Refusal(
        f"{job.name}#{document.identifier}",
        f"its access level is {document.access_level!r}, above your clearance; "
        f"choose a level up to {job.clearance.writable[-1]!r}",
    )


def _validated(job: ReadJob, document: Document) -> Document | Refusal:
    where = f"{job.name}#{document.identifier}"
    if document.access_level not in job.clearance.writable:
        return _above_clearance(job, document)
    try:
        violations = validate(document)
    except Exception as error:  # a value the SHACL engine cannot compare (NaN, a blank-node offset…)
        return Refusal(where, f"cannot be validated: {error}")
    if violations:
        return Refusal(where, "does not satisfy the shapes: " + "; ".join(str(v) for v in violations[:5]))
    return document


def _located(job: ReadJob, location: str) -> str:
    # uploads are read from a temporary file: name the file as the uploader called it, not its temp path
    if job.display_name and location.startswith(str(job.path)):
        return job.display_name + location[len(str(job.path)) :]
    return location


def plan(paths: Iterable[Path], fmt: str | None) -> tuple[list[tuple[Path, str]], list[Refusal]]:
    """Pair every file with its format; files nobody can read, and raw RDF, are refused up front."""
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
                    str(path), "unknown format; pass --format (one of: " + ", ".join(formats.READERS) + ")"
                )
            )
        elif detected == "rdf" or detected not in formats.READERS:
            refused.append(Refusal(str(path), "raw RDF is loaded with `precedent import FILE --graph IRI`"))
        else:
            jobs.append((path, detected))
    return jobs, refused


def prescan_decision_identifiers(jobs: Sequence[tuple[Path, str]]) -> set[str]:
    """Decision identifiers declared in this batch's Markdown minutes, so files may cite each other."""
    found: set[str] = set()
    for path, fmt in jobs:
        if fmt == "markdown":
            found.update(_DECISION_ID_LINE.findall(path.read_text("utf-8", errors="replace")))
    return found


def read_documents(
    jobs: Sequence[ReadJob], *, workers: int | None = None, limits: ReadLimits | None = None
) -> Iterator[Document | Refusal]:
    """Documents and refusals in file order, read beside the caller (each file under ``limits`` if given).

    ``workers`` reader processes (default: one per core, at most one per file) read and validate while
    the caller puts what they sent: each document comes over as soon as it is read, so even one large
    file (a FRUS volume) is read on one core while the writer stores it on the other. They start at
    once, before the caller asks for the first document, so that starting them overlaps whatever the
    caller does first; ``close()`` the iterator if it is not read to its end. ``workers=1`` reads in the
    calling process, one file after the other.
    """
    if limits is not None:
        return _read_limited(jobs, limits, workers or 1)
    workers = min(workers or os.cpu_count() or 1, len(jobs)) if workers != 1 else 0
    if workers < 1:
        return (item for job in jobs for item in read_and_validate(job))
    return _ReaderStream(jobs, workers)


#: Documents a reader process may have sent ahead of the writer (bounds the memory they hold).
STREAM_AHEAD = 256
_END_OF_FILE = "end of file"
#: Modules a reader process needs, imported once by the forkserver rather than by every reader process.
_READER_MODULES = [
    "ingest.pipeline",
    "ingest.frus.reader",
    "ingest.minutes",
    "ingest.council",
    "ingest.plaintext.text",
]


def _reader_context() -> ForkServerContext:
    """Where every reader process comes from: a forkserver that has imported the readers once
    (``_READER_MODULES``), so that a reader forked from it starts at once (an upload's capped worker
    that imported them itself took 0.5 s for one sample file, 0.22 s forked from the readers' server)."""
    context = get_context("forkserver")
    context.set_forkserver_preload(_READER_MODULES)  # no effect once the server runs: set before it starts
    return context


def start_readers_early() -> None:
    """Start the forkserver the reader processes are forked from, without waiting for it.

    Starting it imports every reader (``_READER_MODULES``), about 0.7 s; a caller that calls this before
    it opens the archive (``precedent ingest``, ``serve``, ``demo``) has that done beside the opening
    instead of in its first ingest or upload. Nothing is read until then.
    """
    _reader_context()
    forkserver.ensure_running()


def read_stream(job: ReadJob) -> Iterator[Document | Refusal]:
    """``read_and_validate`` document by document: each is validated and yielded as soon as it is read.

    A reader that fails midway (it should yield a ``ReaderError`` instead) refuses the rest of its
    file; the documents it yielded before stay valid, as each is complete on its own.
    """
    if job.clearance.chosen_level is not None and job.fmt == "markdown":
        yield from read_and_validate(job)  # the chosen level is checked against the whole file
        return
    minter = IriMinter(job.base_iri)
    try:
        for item in formats.read(
            job.path,
            job.fmt,
            level=job.clearance.chosen_level,
            minter=minter,
            resolver=Resolver(minter),
            known_decisions=job.known_decisions.__contains__,
        ):
            if isinstance(item, ReaderError):
                yield Refusal(_located(job, item.location), item.problem)
            else:
                yield _validated(job, item)
    except ReaderError as error:
        yield Refusal(_located(job, error.location), error.problem)
    except (OSError, ValueError) as error:
        yield Refusal(job.name, f"cannot be read: {error}")


def _stream_files(jobs: list[tuple[int, ReadJob]], queue: Queue) -> None:
    """A reader process: read its files in order and send every document or refusal as it comes.

    A FRUS volume's documents all carry the volume's bytes as ``original``: each is sent once per file,
    the documents after it say "the same as before" (``True``) and get it back on the other side.
    """
    parent = parent_process()
    # What the process was forked with (the modules the forkserver preloaded, the ontology) lives as
    # long as the process: out of the collector's way, a full collection walks only what reading made.
    gc.freeze()

    def send(message: tuple[int, object, float]) -> None:
        # a writer killed outright (SIGKILL, SIGTERM) reads no more: end instead of waiting on a full queue
        while True:
            try:
                queue.put(message, timeout=1.0)
                return
            except Full:
                if parent is not None and not parent.is_alive():
                    # nothing left to do or to flush (the queue's own thread would wait on the pipe for ever)
                    os._exit(1)

    for index, job in jobs:
        previous: bytes | None = None
        try:
            for item in read_stream(job):
                same = False
                if isinstance(item, Document) and item.original is not None:
                    same = item.original is previous
                    previous = item.original
                    if same:
                        item.original = None  # the queue pickles later, in its own thread: never read again
                send((index, item, same))
        except Exception as error:  # noqa: BLE001 - a reader's bug costs its file, as in one process
            log.exception("reading %s failed", job.name)
            send((index, Refusal(job.name, f"could not be read ({type(error).__name__}: {error})"), False))
        # the end of each file carries the CPU seconds this process has used so far (``reader_cpu_seconds``)
        send((index, _END_OF_FILE, time.process_time()))


class _ReaderStream:
    """``workers`` reader processes, file ``i`` read by process ``i % workers``; iterated in file order."""

    def __init__(self, jobs: Sequence[ReadJob], workers: int) -> None:
        context = _reader_context()
        self.jobs = jobs
        self.workers = workers
        self.queues: list[Queue] = [context.Queue(STREAM_AHEAD) for _ in range(workers)]
        self.processes = [
            context.Process(
                target=_stream_files,
                args=([(i, job) for i, job in enumerate(jobs) if i % workers == w], self.queues[w]),
                daemon=True,
                name=f"precedent-reader-{w}",
            )
            for w in range(workers)
        ]
        self.used = [0.0] * workers  # each reader's CPU seconds, as its last end of file said
        for process in self.processes:
            process.start()
        self._items = self._receive()

    def __iter__(self) -> Iterator[Document | Refusal]:
        return self._items

    def __next__(self) -> Document | Refusal:
        return next(self._items)

    def _receive(self) -> Iterator[Document | Refusal]:
        try:
            for index, job in enumerate(self.jobs):
                queue, process = self.queues[index % self.workers], self.processes[index % self.workers]
                previous: bytes | None = None
                while True:
                    sent, item, same = _next(queue, process, job)
                    if sent != index:
                        raise RuntimeError(f"reader process sent file {sent} while file {index} was expected")
                    if isinstance(item, str):  # _END_OF_FILE, with the reader's CPU seconds so far
                        self.used[index % self.workers] = float(same)
                        break
                    if isinstance(item, Document) and (same or item.original is not None):
                        if same:
                            item.original = previous
                        previous = item.original
                    yield item  # type: ignore[misc]
        finally:
            self.close()

    def close(self) -> None:
        """End the reader processes (at once if they are still reading: the caller stopped early)."""
        if not self.processes:
            return
        for process in self.processes:
            if process.is_alive():
                process.kill()
            process.join()
        for queue in self.queues:
            queue.close()
        self.processes = []
        _READER_CPU[0] += sum(self.used)


_READER_CPU = [0.0]


def reader_cpu_seconds() -> float:
    """CPU seconds the reader processes of this process's runs have used (for benchmarks)."""
    return _READER_CPU[0]


def _next(queue: Queue, process: BaseProcess, job: ReadJob) -> tuple[int, object, float]:
    """The next message of a reader process; ``RuntimeError`` if it died without sending one."""
    while True:
        try:
            return queue.get(timeout=1.0)
        except Empty:
            if not process.is_alive():
                try:  # it may have sent its last message just before it ended
                    return queue.get(timeout=0.1)
                except Empty:
                    raise RuntimeError(
                        f"the reader process for {job.name} ended unexpectedly (exit code {process.exitcode})"
                    ) from None


def _limit_memory(memory_bytes: int) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))


def _read_within_cpu(job: ReadJob, cpu_seconds: int) -> list[Document | Refusal]:
    # a worker reads many files: its CPU limit is this file's allowance on top of what it already used
    usage = resource.getrusage(resource.RUSAGE_SELF)
    used = int(usage.ru_utime + usage.ru_stime) + 1
    _, hard = resource.getrlimit(resource.RLIMIT_CPU)
    soft = used + cpu_seconds
    resource.setrlimit(
        resource.RLIMIT_CPU, (soft if hard == resource.RLIM_INFINITY else min(soft, hard), hard)
    )
    return read_and_validate(job)


def _read_limited(jobs: Sequence[ReadJob], limits: ReadLimits, workers: int) -> Iterator[Document | Refusal]:
    """Each file in a capped worker; a file that breaks its limits is refused and the pool is renewed."""
    pending = list(jobs)
    while pending:
        pool = _limited_pool(limits, min(workers, len(pending)))
        futures: list[Future[list[Document | Refusal]]] = [
            pool.submit(_read_within_cpu, job, limits.cpu_seconds) for job in pending
        ]
        for index, (job, future) in enumerate(zip(pending, futures, strict=True)):
            outcome = _outcome(job, future, limits)
            if outcome is not None:
                yield from outcome
                continue
            # the pool broke or timed out: this file may be the culprit or a bystander of the worker
            # beside it, so it is read again on its own before it is refused; the rest get a new pool
            _kill(pool)
            retried = _read_alone(job, limits) if min(workers, len(pending)) > 1 else None
            yield from retried if retried is not None else [_over_limits(job, limits)]
            pending = pending[index + 1 :]
            break
        else:
            pending = []
            pool.shutdown(wait=True)


def _read_alone(job: ReadJob, limits: ReadLimits) -> list[Document | Refusal] | None:
    alone = _limited_pool(limits, 1)
    try:
        return _outcome(job, alone.submit(_read_within_cpu, job, limits.cpu_seconds), limits)
    finally:
        _kill(alone)


def _outcome(
    job: ReadJob, future: Future[list[Document | Refusal]], limits: ReadLimits
) -> list[Document | Refusal] | None:
    """The file's documents and refusals, or ``None`` when its worker died or overran the clock."""
    try:
        return future.result(timeout=limits.wall_seconds)
    except (FutureTimeout, BrokenProcessPool):
        return None
    except MemoryError:
        return [Refusal(job.name, f"needs more than {limits.memory_mb} MB of memory to read; refused")]


def _over_limits(job: ReadJob, limits: ReadLimits) -> Refusal:
    return Refusal(
        job.name,
        f"its reader exceeded the limits for files read by the server ({limits.memory_mb} MB of memory,"
        f" {limits.cpu_seconds} s of CPU, {limits.wall_seconds:g} s in all); refused",
    )


def _limited_pool(limits: ReadLimits, workers: int) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(
        max_workers=workers,
        mp_context=_reader_context(),
        initializer=_limit_memory,
        initargs=(limits.memory_mb * 1024 * 1024,),
    )


def _kill(pool: ProcessPoolExecutor) -> None:
    # a worker stuck in a parser loop does not stop on shutdown(): end the processes, then the pool
    for process in list((getattr(pool, "_processes", None) or {}).values()):
        if process.is_alive():
            process.kill()
    pool.shutdown(wait=True, cancel_futures=True)


def store_vocabulary(writer: DocumentWriter, lowest_level: str) -> None:
    """Keep the ontology and the glossary in the archive, visible at every level."""
    for path, graph_iri in VOCABULARY_GRAPHS:
        writer.import_rdf(path, graph_iri, lowest_level)


Progress = Callable[[int], None]
#: A last check by the caller before a document is put: the reason to refuse it, or ``None``.
Guard = Callable[[Document], str | None]


def ingest(
    files: Sequence[tuple[Path, str]],
    writer: AbstractContextManager[DocumentWriter] | None,
    *,
    clearance: Clearance,
    base_iri: str,
    known_decisions: Iterable[str] = (),
    report: IngestReport | None = None,
    names: Mapping[Path, str] | None = None,
    limits: ReadLimits | None = None,
    workers: int | None = None,
    dry_run: Callable[[Document], None] | None = None,
    progress: Progress | None = None,
    guard: Guard | None = None,
) -> IngestReport:
    """Read, validate and put every file of ``files`` (from ``plan``); return the closing summary.

    ``writer`` is entered once for the whole run (``None`` with ``dry_run``, which sees each valid
    document instead). ``names`` gives files the name the person knows them by (an upload's own name).
    """
    started = time.monotonic()
    report = report if report is not None else IngestReport()
    known = frozenset(prescan_decision_identifiers(files) | set(known_decisions))
    jobs = [
        ReadJob(path, fmt, clearance, base_iri, known, (names or {}).get(path, "")) for path, fmt in files
    ]
    items = read_documents(jobs, workers=workers, limits=limits)  # the readers start now
    try:
        if writer is None:
            put_all(_NoWriter(), items, report, dry_run=dry_run, progress=progress, guard=guard)
        else:
            with writer as opened:  # waiting for the writer and storing the vocabulary overlap the readers
                store_vocabulary(opened, clearance.levels[0])
                put_all(opened, items, report, dry_run=dry_run, progress=progress, guard=guard)
    finally:
        close = getattr(items, "close", None)
        if close is not None:
            close()
    report.seconds = time.monotonic() - started
    return report


class _NoWriter:
    """The writer of a dry run: nothing may be put."""

    def put(self, document: Document) -> PutOutcome:
        raise RuntimeError("a dry run stores nothing")

    def import_rdf(self, path: Path, graph_iri: str, level: str, fmt: str | None = None) -> PutOutcome:
        raise RuntimeError("a dry run stores nothing")


def put_all(
    writer: DocumentWriter,
    items: Iterable[Document | Refusal],
    report: IngestReport,
    *,
    dry_run: Callable[[Document], None] | None = None,
    progress: Progress | None = None,
    guard: Guard | None = None,
) -> IngestReport:
    """Put every valid document through ``writer``; refusals and writer errors cost only their document."""
    seen = 0
    for item in items:
        seen += 1
        problem = guard(item) if guard is not None and isinstance(item, Document) else None
        if isinstance(item, Refusal):
            report.refuse(item)
        elif problem:
            report.refuse(Refusal(item.identifier, problem))
        elif dry_run is not None:
            dry_run(item)
            count(report, item)
        else:
            try:
                result = writer.put(item)
            except ValueError as error:  # e.g. a graph owned at another level, an invalid IRI
                report.refuse(Refusal(item.identifier, str(error)))
                continue
            # the document's triples listed once for both (listing an rdflib graph costs µs per triple)
            triples = item.triples() if result.status != "unchanged" else []
            doubt = doubt_of(item, triples=triples) if result.status != "unchanged" else None
            report.outcomes.append(Outcome(item.identifier, result.status, item.title or "", doubt))
            if result.status == "unchanged":
                report.unchanged += 1
            else:
                report.stored += 1
                report.stored_identifiers.append(item.identifier)
                if doubt is not None:
                    report.in_doubt.append(doubt)
                count(report, item, triples)
        if progress is not None:
            progress(seen)
    return report


def count(
    report: IngestReport, document: Document, triples: Sequence[tuple[object, object, object]] | None = None
) -> None:
    """Add ``document`` to the summary's counts (``triples``: its own, when the caller has listed them)."""
    report.decisions += document.count_of_type(PREC.Decision)
    report.persons += document.count_of_type(PREC.Person)
    report.triples += len(document.triples() if triples is None else triples)
    report.unresolved_mentions += len(document.unresolved_mentions)
