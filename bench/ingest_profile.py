"""Where ingest time goes: end to end, the archive writer alone, and the raw Oxigraph bulk load (the ceiling).

For each FRUS volume in the shared data and for the Markdown samples, into a fresh temporary data
directory each time:

* ``end-to-end``: ``precedent.ingesting.ingest`` exactly as ``precedent ingest`` runs it;
* ``read``: reading and validating alone (``read_documents``), documents kept in memory;
* ``writer``: those documents put through ``archive.writer`` into another fresh archive;
* ``bulk``: ``pyoxigraph.Store.bulk_load`` of the same documents' quads (N-Quads) into a fresh store.

Run: ``.venv/bin/python -m bench.ingest_profile [--workers N] [PATH ...]`` (not a test).
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from archive import Archive, ArchiveConfig
from ingest.document import Document
from precedent.ingesting import ingest, plan, prescan_decision_identifiers, read_documents

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"


@dataclass
class Profile:
    """Timings of one input (seconds) and what it holds."""

    name: str
    documents: int
    triples: int
    end_to_end: float
    read: float
    writer: float
    writer_cpu: float
    bulk: float

    def row(self) -> str:
        def rate(count: int, seconds: float) -> str:
            return f"{count / seconds:>9,.0f}" if seconds else "        -"

        return (
            f"{self.name:<28} {self.documents:>5} {self.triples:>7} "
            f"{self.end_to_end:>6.2f} {rate(self.documents, self.end_to_end)} "
            f"{rate(self.triples, self.end_to_end)} "
            f"{self.read:>6.2f} {self.writer:>6.2f} {self.writer_cpu:>6.2f} "
            f"{rate(self.documents, self.writer)} "
            f"{rate(self.triples, self.writer)} {self.bulk:>6.2f} {rate(self.triples, self.bulk)} "
            f"{100 * self.bulk / self.writer if self.writer else 0:>5.0f}%"
        )


HEADER = (
    f"{'input':<28} {'docs':>5} {'triples':>7} {'e2e s':>6} {'e2e doc/s':>9} {'e2e tr/s':>9} "
    f"{'read s':>6} {'write s':>6} {'wr cpu':>6} {'wr doc/s':>9} {'wr tr/s':>9} "
    f"{'bulk s':>6} {'bulk tr/s':>9} "
    f"{'wr/bulk':>6}"
)


def _config(data_dir: Path) -> ArchiveConfig:
    return ArchiveConfig(data_dir=data_dir)


def end_to_end(paths: list[Path], data_dir: Path, workers: int | None) -> tuple[float, int, int]:
    archive = Archive.open(_config(data_dir))
    try:
        started = time.perf_counter()
        report = ingest(archive, paths, user="bench", workers=workers)
        seconds = time.perf_counter() - started
    finally:
        archive.close()
    return seconds, report.stored, report.triples


def read_only(paths: list[Path], workers: int | None) -> tuple[float, list[Document]]:
    started = time.perf_counter()
    jobs, _ = plan(paths, None)
    jobs = [(p, f) for p, f in jobs if f != "rdf"]
    known = prescan_decision_identifiers(jobs)
    items = read_documents(
        jobs, level=None, base_iri=_config(Path("unused")).base_iri, known_decisions=known, workers=workers
    )
    documents = [item for item in items if isinstance(item, Document)]
    return time.perf_counter() - started, documents


def writer_only(documents: list[Document], data_dir: Path) -> tuple[float, float]:
    """Wall and CPU seconds (all threads of this process) to put ``documents`` through one writer session.

    CPU time is shown beside wall time because a shared machine's load inflates the wall time.
    """
    archive = Archive.open(_config(data_dir))
    try:
        started, cpu = time.perf_counter(), time.process_time()
        with archive.writer("bench") as writer:
            for document in documents:
                writer.put(document)
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    finally:
        archive.close()
    return seconds, cpu


def bulk_ceiling(documents: list[Document], work: Path) -> float:
    """Seconds to bulk-load the documents' triples (one named graph each) into a fresh on-disk store."""
    quads = []
    for document in documents:
        graph = ox.NamedNode(f"urn:bench:{len(quads)}:{document.identifier}")
        data = document.graph.serialize(format="nt", encoding="utf-8")
        quads.extend(
            ox.Quad(t.subject, t.predicate, t.object, graph)
            for t in ox.parse(data, format=ox.RdfFormat.N_TRIPLES)
        )
    nquads = ox.serialize(quads, format=ox.RdfFormat.N_QUADS)
    store_dir = work / "bulk"
    started = time.perf_counter()
    store = ox.Store(str(store_dir))
    store.bulk_load(nquads, format=ox.RdfFormat.N_QUADS)
    store.flush()
    seconds = time.perf_counter() - started
    del store
    return seconds


def profile(name: str, paths: list[Path], workers: int | None) -> Profile:
    with tempfile.TemporaryDirectory(prefix="precedent-profile-") as tmp:
        work = Path(tmp)
        e2e, _, _ = end_to_end(paths, work / "e2e", workers)
        shutil.rmtree(work / "e2e")
        read, documents = read_only(paths, workers)
        writer, writer_cpu = writer_only(documents, work / "writer")
        bulk = bulk_ceiling(documents, work)
        triples = sum(len(d.graph) for d in documents)
    return Profile(name, len(documents), triples, e2e, read, writer, writer_cpu, bulk)


def default_inputs() -> list[tuple[str, list[Path]]]:
    inputs = [(p.name, [p]) for p in sorted((SHARED / "frus").glob("*.xml"))]
    samples = ROOT / "samples"
    if samples.is_dir():
        inputs.append((f"samples ({sum(1 for _ in samples.glob('*.md'))} files)", [samples]))
    return inputs


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "paths", nargs="*", type=Path, help="files or folders (default: FRUS volumes, samples)"
    )
    parser.add_argument("--workers", type=int, default=None, help="reader processes (default: every core)")
    args = parser.parse_args(argv)
    inputs = [(p.name, [p]) for p in args.paths] if args.paths else default_inputs()
    if not inputs:
        raise SystemExit(f"nothing to ingest: {SHARED} is absent and no paths were given")
    print(HEADER)
    for name, paths in inputs:
        print(profile(name, paths, args.workers).row(), flush=True)


if __name__ == "__main__":
    main()
