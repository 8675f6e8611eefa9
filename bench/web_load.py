"""The web-under-load mix: the search page, a decision page and a SPARQL query, each driven by N clients.

Uses the bounded generator in ``bench.load`` against a live server on 127.0.0.1 and records
requests/s, p50, p99 and errors; failures are also listed under the run's problems.
"""

from __future__ import annotations

import urllib.parse
from pathlib import Path

from ontology import GLOSSARY_TTL, IriMinter

from .figures import Run, from_samples
from .load import run_load
from .sparql_bench import JSON_RESULTS
from .world import load_topics

#: Goals from the brief for the search page with 32 clients.
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


def decision_paths(store: Path) -> list[str]:
    """Up to 200 ``/id/decision/...`` page paths, read from the level's store (opened read-only)."""
    import pyoxigraph as ox

    minter = IriMinter()
    readonly = ox.Store.read_only(str(store))
    paths = []
    for solution in readonly.query(_DECISIONS, use_default_graph_as_union=True):
        split = minter.split(solution["decision"].value)
        if split:
            paths.append(f"/id/{split[0]}/{split[1]}")
    return paths


def measure(run: Run, size: str, port: int, decisions: list[str], clients: int, seconds: float) -> None:
    """Run the three targets one after the other and add their figures to ``run``."""
    html = {"Accept": "text/html"}
    topic = load_topics(GLOSSARY_TTL)[0].iri
    sparql_body = urllib.parse.urlencode({"query": LOAD_QUERY % topic}).encode()
    sparql_headers = {"Content-Type": "application/x-www-form-urlencoded", "Accept": JSON_RESULTS}
    pages = decisions or ["/"]
    words = SEARCH_PAGE_WORDS
    targets = {
        "search page": lambda i: ("GET", f"/search?q={words[i % len(words)]}", None, html),
        "decision page": lambda i: ("GET", pages[i % len(pages)], None, html),
        "SPARQL query": lambda i: ("POST", "/sparql", sparql_body, sparql_headers),
    }
    for name, maker in targets.items():
        result = run_load(port, maker, clients=clients, seconds=seconds)
        label = f"{name}, {clients} clients, {seconds:.0f} s"
        note = f"{result.requests:,} requests, {result.errors} errors"
        if result.first_error:
            note += f"; first: {result.first_error}"
            run.problems.append(
                f"{size} · load, {name}: {result.errors:,} of {result.requests:,} requests "
                f"failed, first: {result.first_error} (see the server log)"
            )
        is_search = name == "search page"
        run.add(
            from_samples(
                "load",
                f"{label}: throughput",
                size,
                "requests/s",
                [result.requests_per_second],
                goal=LOAD_RPS if is_search else None,
                goal_kind=">=",
                note=note,
            )
        )
        run.add(from_samples("load", f"{label}: p50 latency", size, "ms", [result.latency(0.5)]))
        p99 = from_samples(
            "load",
            f"{label}: p99 latency",
            size,
            "ms",
            [result.latency(0.99)],
            goal=LOAD_P99_MS if is_search else None,
            goal_kind="<=",
        )
        p99.p95 = None  # one value, the p99 itself: judge it, not a p95 of it
        run.add(p99)
