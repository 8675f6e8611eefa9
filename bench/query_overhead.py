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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=50)
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    print(report(measure(args.runs)))


if __name__ == "__main__":
    main()
