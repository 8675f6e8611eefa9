"""How much a user query pays for running killably: raw pyoxigraph vs ``View.query`` vs ``POST /sparql``.

Ingests the sample minutes (``samples/*.md``) with ``precedent.ingesting.ingest`` into a fresh archive
in a temporary folder, then times a few competency queries (p50 and p95 over ``--runs`` runs, after a
warm-up) three ways, all at the public level:

* raw: ``pyoxigraph.Store.read_only`` on the public store, in this process, results consumed;
* check: ``archive.query_guard.check_query`` alone (rdflib parses the query to check it; part of view);
* worker: ``store.run_user_query`` alone, the killable path (pool round trip, wire conversion);
* view: ``archive.view("public").query(text)`` (persistent query workers, row cap, timeout);
* post: the Flask test client posting the query form to ``/sparql`` with JSON results accepted.

The goal from the issue: view and post p95 within 1.5 x raw p95 + 2 ms.
Run: ``.venv/bin/python -m bench.query_overhead [--runs 50]``.

``--stages DATA`` instead times, on an existing archive and for every named query with rows, the stages
a result passes through after the engine, each the way it was done before the 2026-12-07 rework and
the way it is done now (best of several runs, one process): terms read into wire tuples (one call per
term vs once per distinct term), the byte cap's size count, pickling to the web process, and SPARQL
JSON (``json.dumps`` of a dictionary per term vs one encoded string per distinct term).
"""

from __future__ import annotations

import argparse
import logging
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox

from bench.figures import percentile
from ontology import QUERIES_DIR

ROOT = Path(__file__).resolve().parents[1]
QUERIES = (
    "cq02-options-for-decision",
    "cq04-source-passage-of-decision",
    "cq09-in-force-on-date",
    "analytics-commitments-by-owner",
)
LEVEL = "public"


def timings(action: Callable[[], object], runs: int, warmup: int = 3) -> list[float]:
    for _ in range(warmup):
        action()
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def build_archive(data_dir: Path):
    from archive import Archive, ArchiveConfig
    from precedent.ingesting import ingest

    archive = Archive.open(ArchiveConfig(data_dir=data_dir))
    report = ingest(archive, sorted((ROOT / "samples").glob("*.md")), user="bench")
    logging.info("ingested %d documents, %d refused", report.stored, len(report.refused))
    return archive


def measure(runs: int) -> list[tuple[str, str, float, float]]:
    from archive.query_guard import check_query
    from webui import create_app

    rows: list[tuple[str, str, float, float]] = []
    with tempfile.TemporaryDirectory() as folder:
        archive = build_archive(Path(folder) / "data")
        try:
            base = archive.config.base_iri
            texts = {name: (QUERIES_DIR / f"{name}.rq").read_text("utf-8") for name in QUERIES}
            raw_store = ox.Store.read_only(str(archive.level_dir(LEVEL) / "store"))
            view = archive.view(LEVEL)
            store = archive.store(LEVEL)
            config = archive.config
            client = create_app(archive, {"TESTING": True, "SECRET_KEY": "bench-only"}).test_client()
            for name, text in texts.items():
                based = f"BASE <{base}>\n{text}"

                def raw(based: str = based) -> object:
                    return list(raw_store.query(based, use_default_graph_as_union=True))

                def post(text: str = text, name: str = name) -> object:
                    response = client.post(
                        "/sparql", data={"query": text}, headers={"Accept": "application/sparql-results+json"}
                    )
                    if response.status_code != 200:
                        body = response.get_data()[:200]
                        raise RuntimeError(f"{name}: HTTP {response.status_code} {body!r}")
                    return response.get_data()

                def worker(based: str = based) -> object:
                    return store.run_user_query(
                        based, None, None, config.query_timeout, config.max_rows, config.query_memory_mb
                    )

                found = len(view.query(text).rows)
                ways: list[tuple[str, Callable[[], object]]] = [
                    ("raw", raw),
                    ("check", lambda text=text: check_query(text)),
                    ("worker", worker),
                    ("view", lambda text=text: view.query(text)),
                    ("post", post),
                ]
                for way, action in ways:
                    samples = timings(action, runs)
                    rows.append((name, way, percentile(samples, 0.5), percentile(samples, 0.95)))
                logging.info("%s: %d rows", name, found)
        finally:
            archive.close()
    return rows


def report(rows: list[tuple[str, str, float, float]]) -> str:
    lines = ["| query | way | p50 ms | p95 ms | goal p95 ms | meets |", "|---|---|---|---|---|---|"]
    raw_p95 = {name: p95 for name, way, _, p95 in rows if way == "raw"}
    for name, way, p50, p95 in rows:
        goal = raw_p95[name] * 1.5 + 2
        judged = way not in ("raw", "check")
        verdict = ("yes" if p95 <= goal else "NO") if judged else ""
        shown_goal = f"{goal:.2f}" if judged else ""
        lines.append(f"| {name} | {way} | {p50:.2f} | {p95:.2f} | {shown_goal} | {verdict} |")
    return "\n".join(lines)


def _best_ms(action: Callable[[], object], repeat: int = 7) -> float:
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        best = min(best, time.perf_counter() - started)
    return best * 1000


def _stage_row(name: str, variables: list[str], solutions: list) -> str:
    """One query's row of ``stages``: each stage the old way and the new way, on the same solutions."""
    import json
    import pickle

    from archive.query_server import _size, _WireTerms
    from archive.results import QueryResult
    from archive.terms import to_wire, wire_json

    width = range(len(variables))

    def wire_before() -> list[tuple]:
        return [tuple(to_wire(s[i]) for i in width) for s in solutions]

    def wire_after() -> tuple[list[tuple], _WireTerms]:
        terms = _WireTerms()
        return [tuple(map(terms.term, s)) for s in solutions], terms

    before_rows = wire_before()
    after_rows, terms = wire_after()
    assert before_rows == after_rows
    old_message = ("bindings", variables, before_rows, "")
    new_message = ("bindings", variables, after_rows, "")

    def round_trip(message: tuple) -> object:
        return pickle.loads(pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL))

    def json_before() -> bytes:
        bindings = [
            {v: wire_json(w) for v, w in zip(variables, row, strict=False) if w is not None}
            for row in before_rows
        ]
        document = {"head": {"vars": variables}, "results": {"bindings": bindings}}
        return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8")

    def json_after() -> bytes:
        result = QueryResult(kind="bindings", variables=variables, wire_rows=after_rows)
        return result.serialize("application/sparql-results+json")

    assert json_before() == json_after()  # byte for byte
    distinct = len({w for row in after_rows for w in row if w is not None})
    cells = sum(1 for row in after_rows for w in row if w is not None)
    old_bytes = len(pickle.dumps(old_message, protocol=pickle.HIGHEST_PROTOCOL))
    new_bytes = len(pickle.dumps(new_message, protocol=pickle.HIGHEST_PROTOCOL))
    return (
        f"| {name} | {len(after_rows)} | {cells} ({distinct}) "
        f"| {_best_ms(wire_before):.2f} → {_best_ms(wire_after):.2f} "
        f"| {_best_ms(lambda: [_size(r) for r in before_rows]):.2f} → "
        f"{_best_ms(lambda: [terms.size(r) for r in after_rows]):.2f} "
        f"| {old_bytes:,} → {new_bytes:,} "
        f"| {_best_ms(lambda: round_trip(old_message)):.2f} → "
        f"{_best_ms(lambda: round_trip(new_message)):.2f} "
        f"| {_best_ms(json_before):.2f} → {_best_ms(json_after):.2f} |"
    )


def stages(data_dir: Path, level: str = LEVEL) -> str:
    """The result stages after the engine, before and after the rework, per named query with rows."""
    from bench.sparql_bench import named_queries

    store = ox.Store.read_only(str(data_dir / "levels" / level / "store"))
    lines = [
        "| query | rows | terms (distinct) | to wire before → after ms | size count before → after ms "
        "| pickle bytes before → after | pickle+unpickle before → after ms | JSON before → after ms |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for name, text in named_queries().items():
        answer = store.query(text, use_default_graph_as_union=True)
        if isinstance(answer, ox.QuerySolutions):
            variables = [v.value for v in answer.variables]
            solutions = list(answer)
            if solutions:
                lines.append(_stage_row(name, variables, solutions))
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--stages", type=Path, metavar="DATA", help="time the result stages on this archive")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    if args.stages:
        print(stages(args.stages))
        return
    print(report(measure(args.runs)))


if __name__ == "__main__":
    main()
