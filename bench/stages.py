"""The measurements at one size, in order: generate, ingest, SPARQL, search, serve (cold start, load, memory).

Every stage is guarded: if a component is missing or breaks, the stage is recorded under the run's
problems and the next stage runs. Later stages reuse the archive the ingest stage built.
"""

from __future__ import annotations

import logging
import time
import traceback
import urllib.parse
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from ontology import GLOSSARY_TTL, IriMinter

from . import search_bench, sparql_bench
from .figures import Run, from_samples
from .generate import Corpus, generate
from .ingest_bench import bench_generated
from .load import run_load
from .server import LiveServer, disk_bytes

if TYPE_CHECKING:
    from .run import Settings

log = logging.getLogger(__name__)
T = TypeVar("T")

LEVELS = ("public", "internal", "restricted")
READ_LEVEL = "public"
COLD_START_S = 2.0
SERVER_RSS_MB = 400.0
LOAD_RPS = 200.0
LOAD_P99_MS = 250.0
SEARCH_PAGE_WORDS = (
    "budget",
    "reservoir",
    "tariff",
    "audit",
    "grant",
    "permit",
    "reform",
    "pipeline",
    "hospital",
    "levy",
)

_DECISIONS = """PREFIX prec: <https://w3id.org/precedent/ontology#>
SELECT ?decision WHERE { ?decision a prec:Decision } LIMIT 200"""

#: The SPARQL request of the load test: decisions on one topic in a date range (a common shape).
LOAD_QUERY = """PREFIX prec: <https://w3id.org/precedent/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?decision ?title ?date WHERE {
  ?decision a prec:Decision ; prec:hasTopic <%s> ; prec:date ?date ; rdfs:label ?title .
  FILTER(?date >= "1975-01-01"^^<http://www.w3.org/2001/XMLSchema#date>
         && ?date < "1990-01-01"^^<http://www.w3.org/2001/XMLSchema#date>)
} LIMIT 50"""


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
        self.decision_paths = self._decision_paths(store)

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
        shapes = getattr(self, "shapes", None) or search_bench.shapes(search_bench.FacetValues())
        timings, totals, failed = search_bench.over_http(server.port, shapes, self.settings.search_repeats)
        for name, why in failed.items():
            self.run.problems.append(f"{self.label} · /api/search {name} ({engine}): {why}")
        search_bench.add_figures(
            self.run, self.label, engine, getattr(self, "raw_search", {}), timings, totals, self.index_records
        )
        self.raw_search = {}

    def _load(self, server: LiveServer) -> None:
        settings = self.settings
        words = SEARCH_PAGE_WORDS
        html = {"Accept": "text/html"}
        topic = _first_topic()
        sparql_body = urllib.parse.urlencode({"query": LOAD_QUERY % topic}).encode()
        sparql_headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "Accept": sparql_bench.JSON_RESULTS,
        }
        decisions = self.decision_paths or ["/"]
        targets = {
            "search page": lambda i: ("GET", f"/search?q={words[i % len(words)]}", None, html),
            "decision page": lambda i: ("GET", decisions[i % len(decisions)], None, html),
            "SPARQL query": lambda i: ("POST", "/sparql", sparql_body, sparql_headers),
        }
        for name, maker in targets.items():
            result = run_load(
                server.port, maker, clients=settings.load_clients, seconds=settings.load_seconds
            )
            label = f"{name}, {settings.load_clients} clients, {settings.load_seconds:.0f} s"
            note = f"{result.requests:,} requests, {result.errors} errors"
            if result.first_error:
                note += f"; first: {result.first_error}"
                self.run.problems.append(
                    f"{self.label} · load, {name}: {result.errors:,} of {result.requests:,} requests failed, "
                    f"first: {result.first_error} (see the server log)"
                )
            is_search = name == "search page"
            self.run.add(
                from_samples(
                    "load",
                    f"{label}: throughput",
                    self.label,
                    "requests/s",
                    [result.requests_per_second],
                    goal=LOAD_RPS if is_search else None,
                    goal_kind=">=",
                    note=note,
                )
            )
            p99 = result.latency(0.99)
            self.run.add(
                from_samples("load", f"{label}: p50 latency", self.label, "ms", [result.latency(0.5)])
            )
            figure = from_samples(
                "load",
                f"{label}: p99 latency",
                self.label,
                "ms",
                [p99],
                goal=LOAD_P99_MS if is_search else None,
                goal_kind="<=",
            )
            figure.p95 = None
            self.run.add(figure)

    def _decision_paths(self, store: Path) -> list[str]:
        import pyoxigraph as ox

        minter = IriMinter()
        readonly = ox.Store.read_only(str(store))
        paths = []
        for solution in readonly.query(_DECISIONS, use_default_graph_as_union=True):
            split = minter.split(solution["decision"].value)
            if split:
                paths.append(f"/id/{split[0]}/{split[1]}")
        del readonly
        return paths


def _first_topic() -> str:
    from .world import load_topics

    return load_topics(GLOSSARY_TTL)[0].iri
