"""Entity page latency per kind on an ingested archive (the real data in ``../shared/data``, say).

For each kind (person, organisation, decision, meeting, record, topic, post, place, administration)
it pages through the heaviest entities (most statements pointing at them: the FOMC, Lansing, the City
Council) and an even sample of the rest, requesting every page ``--rounds`` times through the Flask
app in this process (no network, one client), and reports the median and p95 per kind. The same run
times a fixed piece of pure-Python work (the baseline: ~20 ms on a core of this machine at load 4) and
reads the load average, so numbers taken on a busy, shared machine can be read for what they are.

    python -m bench.entity_pages --data /tmp/real --per-kind 20 --rounds 3 [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import time
from pathlib import Path

from archive import Archive, ArchiveConfig
from ontology import IriMinter

#: The budget of issue #12: every entity page at or under this, p95, on the real data.
PAGE_P95_MS = 300.0

KINDS = (
    "person",
    "organisation",
    "decision",
    "meeting",
    "record",
    "topic",
    "post",
    "place",
    "administration",
)

#: The most-named entities of a kind (heaviest pages first), counted on IRIs.
HEAVIEST = """
SELECT ?e (COUNT(*) AS ?n) WHERE {{
  {{ SELECT DISTINCT ?e WHERE {{ ?e a ?type . FILTER(isIRI(?e) && STRSTARTS(STR(?e), "{prefix}")) }} }}
  ?s ?p ?e .
}} GROUP BY ?e ORDER BY DESC(?n) LIMIT {limit}
"""
ALL_OF_KIND = (
    """SELECT DISTINCT ?e WHERE {{ ?e ?p ?o . FILTER(isIRI(?e) && STRSTARTS(STR(?e), "{prefix}")) }}"""
)
TOPICS = """PREFIX prec: <https://w3id.org/precedent/ontology#>
SELECT ?e (COUNT(*) AS ?n) WHERE { ?s prec:hasTopic ?e } GROUP BY ?e ORDER BY DESC(?n) LIMIT 200"""


def page_paths(archive: Archive, level: str, kind: str, per_kind: int) -> list[str]:
    """Paths of up to ``per_kind`` pages of ``kind``: the heaviest half, then an even sample of the rest."""
    store = archive.store(level)
    minter = IriMinter(archive.config.base_iri)
    if kind == "topic":
        iris = [str(r["e"]) for r in store.select(TOPICS)]
        return [f"/id/topic/{iri.rstrip('/').rsplit('/', 1)[-1]}" for iri in iris[:per_kind]]
    prefix = f"{archive.config.base_iri}{kind}/"
    heavy = [str(r["e"]) for r in store.select(HEAVIEST.format(prefix=prefix, limit=per_kind // 2 or 1))]
    rest = sorted({str(r["e"]) for r in store.select(ALL_OF_KIND.format(prefix=prefix))} - set(heavy))
    step = max(1, len(rest) // max(1, per_kind - len(heavy)))
    chosen = heavy + rest[::step][: per_kind - len(heavy)]
    paths = []
    for iri in chosen:
        split = minter.split(iri)
        if split:
            paths.append(f"/id/{split[0]}/{split[1]}")
    return paths


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def measure(data: Path, per_kind: int, rounds: int, level: str) -> dict[str, object]:
    from webui import create_app

    archive = Archive.open(ArchiveConfig(data_dir=data))
    app = create_app(archive, {"TESTING": True, "SECRET_KEY": "bench-entity-pages-" + "x" * 32})
    client = app.test_client()
    report: dict[str, object] = {"data": str(data), "per_kind": per_kind, "rounds": rounds, "kinds": {}}
    report["load_before"] = [round(x, 1) for x in os.getloadavg()]
    report["reference_median_ms"] = reference_ms()
    for kind in KINDS:
        paths = page_paths(archive, level, kind, per_kind)
        if not paths:
            continue
        times: list[float] = []
        first_round: list[float] = []
        slowest: tuple[float, str] = (0.0, "")
        statuses: dict[int, int] = {}
        for round_number in range(rounds):
            for path in paths:
                started = time.perf_counter()
                response = client.get(path, headers={"Accept": "text/html"})
                elapsed = (time.perf_counter() - started) * 1000
                statuses[response.status_code] = statuses.get(response.status_code, 0) + 1
                times.append(elapsed)
                if round_number == 0:  # nothing cached yet: what the first reader after a write waits
                    first_round.append(elapsed)
                slowest = max(slowest, (elapsed, path))
        report["kinds"][kind] = {  # type: ignore[index]
            "pages": len(paths),
            "requests": len(times),
            "median_ms": round(statistics.median(times), 1),
            "p95_ms": round(percentile(times, 0.95), 1),
            "max_ms": round(slowest[0], 1),
            "first_round_p95_ms": round(percentile(first_round, 0.95), 1),
            "slowest": slowest[1],
            "statuses": statuses,
            "within_budget": percentile(times, 0.95) <= PAGE_P95_MS,
        }
    report["load_after"] = [round(x, 1) for x in os.getloadavg()]
    report["reference_after_ms"] = reference_ms()
    archive.close()
    return report


def reference_ms(repeats: int = 9) -> float:
    """Median time of a fixed pure-Python task: how fast one core of the machine is right now."""
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        sum(i * i for i in range(300_000))
        times.append((time.perf_counter() - started) * 1000)
    return round(statistics.median(times), 1)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data", type=Path, required=True, help="data directory of an ingested archive")
    parser.add_argument("--per-kind", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--level", default="public")
    parser.add_argument("--json", type=Path, default=None, help="also write the report here")
    args = parser.parse_args()
    report = measure(args.data, args.per_kind, args.rounds, args.level)
    print(
        f"baseline: reference task {report['reference_median_ms']} ms before,"
        f" {report['reference_after_ms']} ms after; load average {report['load_before']} before,"
        f" {report['load_after']} after"
    )
    print(f"{'kind':16} {'pages':>5} {'median':>8} {'p95':>8} {'cold p95':>9} {'max':>8}  slowest")
    for kind, row in report["kinds"].items():  # type: ignore[union-attr]
        print(
            f"{kind:16} {row['pages']:5d} {row['median_ms']:8.1f} {row['p95_ms']:8.1f}"
            f" {row['first_round_p95_ms']:9.1f} {row['max_ms']:8.1f}"
            f"  {row['slowest']} {'' if row['within_budget'] else '  OVER BUDGET'}"
        )
    if args.json:
        args.json.write_text(json.dumps(report, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
