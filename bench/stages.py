"""The measurements at one size, in order: generate, ingest, SPARQL, search, serve (cold start, load, memory).

Every stage is guarded: if a component is missing or breaks, the stage is recorded under the run's
problems and the next stage runs. Later stages reuse the archive the ingest stage built.
"""

from __future__ import annotations

import logging
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from . import search_bench, sparql_bench, web_load
from .figures import Run, from_samples
from .generate import Corpus, generate
from .ingest_bench import bench_generated
from .server import LiveServer, disk_bytes

if TYPE_CHECKING:
    from .run import Settings

log = logging.getLogger(__name__)
T = TypeVar("T")

LEVELS = ("public", "internal", "restricted")
READ_LEVEL = "public"
COLD_START_S = 2.0
SERVER_RSS_MB = 400.0


class SizeBench:
    """Everything measured at one size (a number of generated minutes documents)."""

    def __init__(self, run: Run, settings: Settings, documents: int, seed: int, work: Path) -> None:
        self.run = run
        self.settings = settings
        self.documents = documents
        self.seed = seed
        self.work = work
        self.label = f"{documents:,} docs"
        self.data_dir = work / "data"
        self.corpus: Corpus | None = None
        self.queries: dict[str, str] = {}
        self.raw_sparql: dict[str, list[float]] = {}
        self.view_sparql: dict[str, list[float]] = {}
        self.rdflib_sparql: dict[str, list[float]] | None = None
        self.rdflib_stopped: set[str] = set()
        self.index_records = 0
        self.decision_paths: list[str] = []
        self.shapes: list[search_bench.Shape] = []
        self.raw_search: dict[str, list[float]] = {}

    # --- the plan ---------------------------------------------------------------------------
    def measure(self) -> None:
        self.work.mkdir(parents=True, exist_ok=True)
        log.info("== size %s", self.label)
        self.corpus = self.stage("generate", self.generate)
        if self.corpus is None:
            return
        outcome = self.stage("ingest", self.ingest)
        if outcome is None or not (self.data_dir / "levels").exists():
            self.run.problems.append(f"{self.label}: no archive was built, later stages skipped")
            return
        self.run.sizes.append(
            {
                "name": self.label,
                "documents": self.documents,
                "decisions": self.corpus.decisions,
                "triples": self.corpus.triples,
                "stored": outcome.stored,
                "refused": outcome.refused,
            }
        )
        self.queries = sparql_bench.named_queries()
        if not self.queries:
            self.run.problems.append("no .rq files in ontology/queries: SPARQL latency not measured")
        self.stage("SPARQL in process", self.sparql_in_process)
        self.stage("SPARQL raw pyoxigraph", self.sparql_raw)
        if self.corpus.triples <= self.settings.rdflib_max_triples:
            self.stage("SPARQL rdflib baseline", self.sparql_rdflib)
        for engine in self.settings.engines:
            if engine == "whoosh" and self.documents > self.settings.whoosh_max_documents:
                self.run.problems.append(
                    f"{self.label}: Whoosh not measured above "
                    f"{self.settings.whoosh_max_documents:,} documents (its rebuild takes too long)"
                )
                continue
            self.stage(f"reindex ({engine})", lambda engine=engine: self.reindex(engine))
            self.stage(f"search raw ({engine})", lambda engine=engine: self.search_raw(engine))
            self.stage(f"server ({engine})", lambda engine=engine: self.serve(engine))
        self.stage("disk", self.disk)

    def stage(self, name: str, action: Callable[[], T]) -> T | None:
        started = time.perf_counter()
        log.info("%s · %s …", self.label, name)
        try:
            result = action()
        except Exception as error:  # noqa: BLE001 - benchmarks report and go on
            log.debug("%s", traceback.format_exc())
            self.run.problems.append(f"{self.label} · {name}: {type(error).__name__}: {error}")
            log.warning("%s · %s failed: %s", self.label, name, error)
            return None
        log.info("%s · %s done in %.1f s", self.label, name, time.perf_counter() - started)
        return result

    # --- stages -------------------------------------------------------------------------------
    def generate(self) -> Corpus:
        corpus = generate(self.work / "corpus", self.documents, self.seed, levels=LEVELS)
        self.run.add(
            from_samples(
                "generate",
                "generator (Markdown + N-Quads)",
                self.label,
                "documents/s",
                [corpus.documents / corpus.seconds],
                note=f"{corpus.triples:,} triples",
            )
        )
        return corpus

    def ingest(self) -> object:
        assert self.corpus is not None and self.corpus.markdown_dir and self.corpus.nquads_path
        # Repeating a long ingest adds little: one run of a large size already averages many documents.
        repeats = self.settings.ingest_repeats if self.documents <= 500 else 1
        return bench_generated(
            self.run,
            self.label,
            self.corpus.markdown_dir,
            self.corpus.nquads_path,
            self.work,
            repeats,
            keep=self.data_dir,
        )

    def sparql_in_process(self) -> None:
        timings, refused = sparql_bench.in_process(
            self.data_dir, READ_LEVEL, self.queries, self.settings.query_repeats
        )
        self.view_sparql = timings
        for name, why in refused.items():
            self.run.problems.append(f"{self.label} · View.query refused {name}: {why[:300]}")

    def sparql_raw(self) -> None:
        store = self.data_dir / "levels" / READ_LEVEL / "store"
        self.raw_sparql, failed = sparql_bench.raw_oxigraph(
            store, self.queries, self.settings.query_repeats, timeout_s=self.settings.query_timeout_s
        )
        for name, why in failed.items():
            self.run.problems.append(f"{self.label} · raw pyoxigraph {name}: {why}")
            if why.startswith("over "):
                self.run.add(
                    from_samples(
                        "sparql",
                        f"{name} · raw pyoxigraph",
                        self.label,
                        "ms",
                        [self.settings.query_timeout_s * 1000],
                        note=sparql_bench.STOPPED,
                    )
                )
        self.decision_paths = web_load.decision_paths(store)

    def sparql_rdflib(self) -> None:
        assert self.corpus is not None and self.corpus.nquads_path is not None
        public = self.corpus.root / "archive-public.nq"
        load_s, self.rdflib_sparql, failed = sparql_bench.rdflib_baseline(
            public if public.exists() else self.corpus.nquads_path,
            self.queries,
            3,
            timeout_s=self.settings.rdflib_timeout_s,
        )
        self.run.add(
            from_samples("sparql", "rdflib Memory store: load the N-Quads", self.label, "s", [load_s])
        )
        for name, why in failed.items():
            if why.startswith("over "):
                self.rdflib_sparql[name] = [self.settings.rdflib_timeout_s * 1000]
                self.rdflib_stopped.add(name)
            self.run.problems.append(f"{self.label} · rdflib {name}: {why}")

    def reindex(self, engine: str) -> None:
        from archive import Archive, ArchiveConfig

        archive = Archive.open(ArchiveConfig(data_dir=self.data_dir, text_engine=engine))
        try:
            started = time.perf_counter()
            archive.reindex(progress=None)
            seconds = time.perf_counter() - started
        finally:
            archive.close()
        index = search_bench.open_index(self.data_dir, READ_LEVEL, engine)
        records = index.count()
        index.close()
        if engine == "tantivy" or not self.index_records:
            self.index_records = records
            for size in self.run.sizes:
                if size["name"] == self.label:
                    size["index_records"] = f"{records:,}"
        self.run.add(
            from_samples(
                "index",
                f"{engine}: rebuild every level's index from the store",
                self.label,
                "s",
                [seconds],
                note=f"{records:,} records at {READ_LEVEL}",
            )
        )

    def search_raw(self, engine: str) -> None:
        index = search_bench.open_index(self.data_dir, READ_LEVEL, engine)
        try:
            values = search_bench.facet_values(index)
            self.shapes = search_bench.shapes(values)
            self.raw_search = search_bench.raw_engine(index, self.shapes, self.settings.search_repeats)
        finally:
            index.close()

    def serve(self, engine: str) -> None:
        cold: list[float] = []
        for _ in range(self.settings.cold_starts - 1):
            server = LiveServer(self.data_dir, engine)
            cold.append(server.start())
            server.stop()
        with LiveServer(self.data_dir, engine) as server:
            cold.append(server.cold_start_s or float("nan"))
            self.run.add(
                from_samples(
                    "cold start",
                    f"precedent serve → first 200 /healthz ({engine})",
                    self.label,
                    "s",
                    cold,
                    goal=COLD_START_S,
                    goal_kind="<=",
                )
            )
            if engine == self.settings.engines[0]:
                self._sparql_http(server)
            self._search_http(server, engine)
            if engine == self.settings.engines[0]:
                self._load(server)
            memory = server.memory_kb()
            if memory:
                self.run.add(
                    from_samples(
                        "memory",
                        f"server peak RSS after the query mix ({engine})",
                        self.label,
                        "MB",
                        [memory.get("VmHWM", 0) / 1024],
                        goal=SERVER_RSS_MB,
                        goal_kind="<=",
                        note=f"now {memory.get('VmRSS', 0) / 1024:.0f} MB",
                    )
                )

    def disk(self) -> None:
        for level in LEVELS:
            folder = self.data_dir / "levels" / level
            if folder.exists():
                self.run.add(
                    from_samples(
                        "disk",
                        f"level {level}: store + indexes",
                        self.label,
                        "MB",
                        [disk_bytes(folder) / 1e6],
                    )
                )
        self.run.add(
            from_samples("disk", "whole data directory", self.label, "MB", [disk_bytes(self.data_dir) / 1e6])
        )
        if self.corpus and self.corpus.nquads_path:
            self.run.add(
                from_samples(
                    "disk",
                    "the same archive as N-Quads (uncompressed)",
                    self.label,
                    "MB",
                    [self.corpus.nquads_path.stat().st_size / 1e6],
                )
            )

    # --- pieces -------------------------------------------------------------------------------
    def _sparql_http(self, server: LiveServer) -> None:
        timings, failed = sparql_bench.over_http(server.port, self.queries, self.settings.query_repeats)
        for name, why in failed.items():
            self.run.problems.append(f"{self.label} · POST /sparql {name}: {why}")
        sparql_bench.add_figures(
            self.run,
            self.label,
            self.raw_sparql,
            self.view_sparql,
            timings,
            self.rdflib_sparql,
            self.rdflib_stopped,
        )

    def _search_http(self, server: LiveServer, engine: str) -> None:
        shapes = self.shapes or search_bench.shapes(search_bench.FacetValues())
        timings, totals, failed = search_bench.over_http(server.port, shapes, self.settings.search_repeats)
        for name, why in failed.items():
            self.run.problems.append(f"{self.label} · /api/search {name} ({engine}): {why}")
        search_bench.add_figures(
            self.run, self.label, engine, self.raw_search, timings, totals, self.index_records
        )
        self.raw_search = {}

    def _load(self, server: LiveServer) -> None:
        web_load.measure(
            self.run,
            self.label,
            server.port,
            self.decision_paths,
            self.settings.load_clients,
            self.settings.load_seconds,
        )
