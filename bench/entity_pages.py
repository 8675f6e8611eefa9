"""Entity page latency per kind on an ingested archive (the real data in ``../shared/data``, say).

For each kind (person, organisation, decision, meeting, record, topic, post, place, administration)
it pages through the heaviest entities (most statements pointing at them: the FOMC, Lansing, the City
Council) and an even sample of the rest, requesting every page ``--rounds`` times through the Flask
app in this process (no network, one client), and reports the median and p95 per kind ("warm": every
round after the first, when a page's queries may be cached for the store's snapshot).

"Cold" is the first request for a page after the server starts: for each of the ``--cold`` heaviest
pages of a kind the archive is opened afresh (new stores, an empty per-snapshot query cache) and a new
app created, and only that one request is timed; the open itself is reported beside (it is the
server's start, not the page's). The same run times a fixed piece of pure-Python work (the baseline:
~20 ms on a core of this machine at load 4) and reads the load average, so numbers taken on a busy,
shared machine can be read for what they are.

    python -m bench.entity_pages --data /tmp/real --per-kind 12 --rounds 3 --cold 6 [--json out.json]
    python -m bench.entity_pages --generated 300 --work /tmp/pages   # generate, ingest, then measure
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


SECRET = "bench-entity-pages-" + "x" * 32


def _app(data: Path):  # type: ignore[no-untyped-def]
    from webui import create_app

    archive = Archive.open(ArchiveConfig(data_dir=data))
    return archive, create_app(archive, {"TESTING": True, "SECRET_KEY": SECRET})


def _get_ms(client, path: str) -> tuple[float, int]:  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    response = client.get(path, headers={"Accept": "text/html"})
    response.get_data()
    return (time.perf_counter() - started) * 1000, response.status_code


def cold_ms(data: Path, paths: list[str]) -> tuple[list[float], list[float], tuple[float, str]]:
    """Per path: ms of the first request after opening the archive and app afresh; and the opens' ms."""
    times: list[float] = []
    opens: list[float] = []
    slowest: tuple[float, str] = (0.0, "")
    for path in paths:
        started = time.perf_counter()
        archive, app = _app(data)
        opens.append((time.perf_counter() - started) * 1000)
        try:
            elapsed, _ = _get_ms(app.test_client(), path)
        finally:
            archive.close()
        times.append(elapsed)
        slowest = max(slowest, (elapsed, path))
    return times, opens, slowest


def measure(data: Path, per_kind: int, rounds: int, level: str, cold: int = 0) -> dict[str, object]:
    archive, app = _app(data)
    client = app.test_client()
    report: dict[str, object] = {
        "data": str(data),
        "per_kind": per_kind,
        "rounds": rounds,
        "cold_pages": cold,
        "kinds": {},
    }
    report["load_before"] = [round(x, 1) for x in os.getloadavg()]
    report["reference_median_ms"] = reference_ms()
    chosen = {kind: page_paths(archive, level, kind, per_kind) for kind in KINDS}
    for kind, paths in chosen.items():
        if not paths:
            continue
        times: list[float] = []
        first_round: list[float] = []
        slowest: tuple[float, str] = (0.0, "")
        statuses: dict[int, int] = {}
        for round_number in range(rounds):
            for path in paths:
                elapsed, status = _get_ms(client, path)
                statuses[status] = statuses.get(status, 0) + 1
                if round_number == 0:  # nothing of this page cached yet (other pages' parts may be)
                    first_round.append(elapsed)
                else:
                    times.append(elapsed)
                slowest = max(slowest, (elapsed, path))
        warm = times or first_round
        row: dict[str, object] = {
            "pages": len(paths),
            "requests": len(times) + len(first_round),
            "median_ms": round(statistics.median(warm), 1),
            "p95_ms": round(percentile(warm, 0.95), 1),
            "max_ms": round(slowest[0], 1),
            "first_round_median_ms": round(statistics.median(first_round), 1),
            "first_round_p95_ms": round(percentile(first_round, 0.95), 1),
            "slowest": slowest[1],
            "statuses": statuses,
        }
        report["kinds"][kind] = row  # type: ignore[index]
    archive.close()
    for kind, paths in chosen.items():
        if not paths or not cold:
            continue
        cold_times, opens, slowest_cold = cold_ms(data, paths[:cold])
        row = report["kinds"][kind]  # type: ignore[index]
        row.update(
            cold_median_ms=round(statistics.median(cold_times), 1),
            cold_p95_ms=round(percentile(cold_times, 0.95), 1),
            cold_slowest=f"{slowest_cold[1]} ({slowest_cold[0]:.0f} ms)",
            open_median_ms=round(statistics.median(opens), 1),
        )
    for row in report["kinds"].values():  # type: ignore[union-attr]
        worst = max(float(row["p95_ms"]), float(row.get("cold_p95_ms", 0.0)))
        row["within_budget"] = worst <= PAGE_P95_MS
    report["load_after"] = [round(x, 1) for x in os.getloadavg()]
    report["reference_after_ms"] = reference_ms()
    return report


def generated_archive(documents: int, work: Path, seed: int = 7) -> Path:
    """An archive of ``documents`` generated minutes, ingested by the real pipeline (kept and reused)."""
    from .generate import generate
    from .ingest_bench import ingest_once

    data = work / f"archive-{documents}"
    if (data / "ledger.sqlite").is_file():
        return data
    corpus = generate(work / f"minutes-{documents}", documents, seed, nquads=False)
    assert corpus.markdown_dir is not None
    outcome = ingest_once([corpus.markdown_dir], data, workers=1)
    print(f"ingested {outcome.stored:,} of {documents:,} generated documents in {outcome.seconds:.0f} s")
    return data


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
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--data", type=Path, help="data directory of an ingested archive")
    source.add_argument("--generated", type=int, help="generate and ingest this many minutes (in --work)")
    parser.add_argument("--work", type=Path, default=Path("/tmp/precedent-entity-pages"))
    parser.add_argument("--per-kind", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--cold", type=int, default=6, help="heaviest pages per kind timed cold (0: none)")
    parser.add_argument("--level", default="public")
    parser.add_argument("--json", type=Path, default=None, help="also write the report here")
    args = parser.parse_args()
    data = args.data or generated_archive(args.generated, args.work)
    report = measure(data, args.per_kind, args.rounds, args.level, args.cold)
    print(
        f"baseline: reference task {report['reference_median_ms']} ms before,"
        f" {report['reference_after_ms']} ms after; load average {report['load_before']} before,"
        f" {report['load_after']} after"
    )
    print(
        f"{'kind':14} {'pages':>5} {'warm p50':>9} {'warm p95':>9} {'1st p95':>8}"
        f" {'cold p50':>9} {'cold p95':>9} {'open':>6}  slowest"
    )
    for kind, row in report["kinds"].items():  # type: ignore[union-attr]
        print(
            f"{kind:14} {row['pages']:5d} {row['median_ms']:9.1f} {row['p95_ms']:9.1f}"
            f" {row['first_round_p95_ms']:8.1f} {row.get('cold_median_ms', float('nan')):9.1f}"
            f" {row.get('cold_p95_ms', float('nan')):9.1f} {row.get('open_median_ms', float('nan')):6.0f}"
            f"  {row.get('cold_slowest') or row['slowest']}{'' if row['within_budget'] else '  OVER BUDGET'}"
        )
    if args.json:
        args.json.write_text(json.dumps(report, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
