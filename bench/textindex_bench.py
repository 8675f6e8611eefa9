"""Text index benchmark: build time and query latency of both engines on the same synthetic records.

Run ``python -m bench.textindex_bench --n 10000`` (or ``--engines tantivy`` for one engine).
Records are generated from a seed: decisions, meetings and persons with a Zipf-like vocabulary,
facets and dates, indexed in batches the way ``precedent reindex`` would, then six query shapes
run ``--queries`` times each. Prints a side-by-side table of build time and p50/p95 latencies.
"""

from __future__ import annotations

import argparse
import math
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from archive.textindex import ENGINES, IndexRecord, SearchRequest, open_index

SYLLABLES = ["ta", "ri", "mon", "vel", "sa", "dor", "ki", "len", "pa", "gro", "shi", "nu", "bel", "ca", "rum"]
TOPICS = [
    "Housing",
    "Transport",
    "Water",
    "Education",
    "Health",
    "Budget",
    "Trade",
    "Energy",
    "Defence",
    "Culture",
]
ORGS = [
    f"{k} {n}"
    for k in ("Council", "Board", "Ministry", "Committee")
    for n in ("North", "South", "East", "West")
]
OUTCOMES = ["pending", "met", "partially-met", "not-met"]
DOC_TYPES = ["minutes", "memorandum", "telegram", "report"]


def vocabulary(rng: random.Random, size: int = 5000) -> list[str]:
    words: set[str] = set()
    while len(words) < size:
        words.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))))
    return sorted(words)


def records(n: int, seed: int = 7) -> list[IndexRecord]:
    rng = random.Random(seed)
    words = vocabulary(rng)
    # Zipf-like weights: a few words are everywhere, most are rare, as in real minutes.
    weights = [1.0 / (rank + 1) for rank in range(len(words))]
    people = [f"{rng.choice(words).title()} {rng.choice(words).title()}" for _ in range(400)]
    out: list[IndexRecord] = []
    for i in range(n):
        kind = "decision" if i % 10 < 7 else "meeting" if i % 10 < 9 else "person"
        year = 1990 + rng.randrange(30)
        date = None if kind == "person" else f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        body = " ".join(rng.choices(words, weights, k=rng.randint(40, 160)))
        org = rng.choice(ORGS)
        out.append(
            IndexRecord(
                iri=f"https://archive.example.org/id/{kind}/b{i:07d}",
                kind=kind,
                title=" ".join(rng.choices(words, weights, k=rng.randint(3, 8))).capitalize(),
                text=body,
                date=date,
                document=f"DOC-{i // 10:06d}",
                body=org,
                facets={
                    "topic": rng.sample(TOPICS, rng.randint(1, 2)),
                    "actor": rng.sample(people, rng.randint(1, 3)),
                    "organisation": [org],
                    "document_type": [rng.choice(DOC_TYPES)],
                    "outcome_status": [rng.choice(OUTCOMES)] if kind == "decision" else [],
                },
            )
        )
    return out


def query_shapes(rng: random.Random, corpus: list[IndexRecord]) -> dict[str, Callable[[], SearchRequest]]:
    """Six request shapes; each call draws fresh words from real records so queries hit something."""

    def word() -> str:
        return rng.choice(rng.choice(corpus).text.split())

    def pair() -> str:
        words = rng.choice(corpus).text.split()
        return " ".join(rng.sample(words, 2))

    def phrase() -> str:
        words = rng.choice(corpus).text.split()
        at = rng.randrange(len(words) - 2)
        return '"' + " ".join(words[at : at + 2]) + '"'

    return {
        "one term": lambda: SearchRequest(text=word()),
        "two terms AND": lambda: SearchRequest(text=pair()),
        "phrase": lambda: SearchRequest(text=phrase()),
        "term+topic+dates": lambda: SearchRequest(
            text=word(), filters={"topic": [rng.choice(TOPICS)]}, date_from="2000-01-01", date_to="2012-12-31"
        ),
        "browse by date p5": lambda: SearchRequest(
            filters={"organisation": [rng.choice(ORGS)]}, sort="date", page=5, per_page=20
        ),
        "no match -> relaxed": lambda: SearchRequest(text=f"{word()} zzqxnonword"),
    }


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[max(1, math.ceil(fraction * len(ordered))) - 1]


def measure(engine: str, corpus: list[IndexRecord], queries: int, batch: int, seed: int) -> dict[str, object]:
    with tempfile.TemporaryDirectory(prefix=f"textindex-{engine}-") as tmp:
        index = open_index(engine, Path(tmp) / "index")
        started = time.perf_counter()
        for at in range(0, len(corpus), batch):
            index.upsert(corpus[at : at + batch])
        build = time.perf_counter() - started
        # The ingest path: one commit per document (ten records each), on a sample.
        documents = sorted({r.document for r in corpus if r.document})[:50]
        started = time.perf_counter()
        for document in documents:
            index.replace_document(document, [r for r in corpus if r.document == document])
        per_document = (time.perf_counter() - started) / max(1, len(documents))
        shapes = query_shapes(random.Random(seed), corpus)
        latencies: dict[str, tuple[float, float, float]] = {}
        for name, make in shapes.items():
            index.search(make())  # warm caches once
            timings, totals = [], []
            for _ in range(queries):
                request = make()
                started = time.perf_counter()
                result = index.search(request)
                timings.append((time.perf_counter() - started) * 1000)
                totals.append(result.total)
            latencies[name] = (percentile(timings, 0.5), percentile(timings, 0.95), statistics.mean(totals))
        count = index.count()
        index.close()
    return {"build": build, "per_document": per_document, "count": count, "latencies": latencies}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=10_000, help="records to index (default 10000)")
    parser.add_argument("--queries", type=int, default=50, help="requests per query shape")
    parser.add_argument("--batch", type=int, default=5000, help="records per commit while building")
    parser.add_argument("--engines", default=",".join(ENGINES), help="comma-separated engines")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    engines = [e.strip() for e in args.engines.split(",") if e.strip()]
    corpus = records(args.n, args.seed)
    results = {engine: measure(engine, corpus, args.queries, args.batch, args.seed) for engine in engines}

    print(
        f"text index benchmark: {args.n} records, {args.queries} requests per shape, times in ms (p50 / p95)"
    )
    header = f"{'':24}" + "".join(f"{engine:>24}" for engine in engines)
    print(header)
    print(
        f"{'build (s)':24}"
        + "".join(f"{results[e]['build']:>14.2f} ({args.n / results[e]['build']:>6.0f}/s)" for e in engines)
    )
    print(
        f"{'replace_document (ms)':24}"
        + "".join(f"{results[e]['per_document'] * 1000:>24.1f}" for e in engines)
    )
    for shape in results[engines[0]]["latencies"]:
        cells = []
        for engine in engines:
            p50, p95, hits = results[engine]["latencies"][shape]
            cells.append(f"{p50:>8.2f} / {p95:>8.2f} [{hits:>5.0f}]")
        print(f"{shape:24}" + "".join(f"{cell:>24}" for cell in cells))
    print("[n] = mean total hits per request")


if __name__ == "__main__":
    main()
