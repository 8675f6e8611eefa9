"""Search latency: 20 query shapes through ``/api/search`` over HTTP and through the raw text engine.

The shapes cover what people type: one word (common, rare), two words, phrases, ``OR`` and
``-word``, facets with a date range, highlighted top 10, deep pages, a browse without words and a
miss that triggers suggestions. Facet values are taken from the index itself (its top topic,
organisation and year), so the queries fit whatever archive is measured.
"""

from __future__ import annotations

import logging
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

from .figures import Run, from_samples, time_ms
from .server import Client

log = logging.getLogger(__name__)

#: Goals from the brief: /api/search p95 at about 100k and about 1M index records (with facets).
SEARCH_P95_MS_100K = 25.0
SEARCH_P95_MS_1M = 60.0


@dataclass(frozen=True)
class Shape:
    """One search as the URL states it."""

    name: str
    q: str
    facets: tuple[tuple[str, str], ...] = ()
    date_from: str | None = None
    date_to: str | None = None
    page: int = 1
    sort: str = "relevance"
    kinds: tuple[str, ...] = ()

    def query_string(self) -> str:
        pairs: list[tuple[str, str]] = [("q", self.q)]
        pairs += [("facet", f"{name}:{value}") for name, value in self.facets]
        pairs += [("kind", kind) for kind in self.kinds]
        if self.date_from:
            pairs.append(("from", self.date_from))
        if self.date_to:
            pairs.append(("to", self.date_to))
        if self.page != 1:
            pairs.append(("page", str(self.page)))
        if self.sort != "relevance":
            pairs.append(("sort", self.sort))
        return urllib.parse.urlencode(pairs)

    def request(self) -> object:
        from archive.textindex.model import SearchRequest

        filters: dict[str, list[str]] = {}
        for name, value in self.facets:
            filters.setdefault(name, []).append(value)
        return SearchRequest(
            text=self.q,
            filters=filters,
            kinds=self.kinds,
            date_from=self.date_from,
            date_to=self.date_to,
            sort=self.sort,
            page=self.page,
        )


@dataclass
class FacetValues:
    """Real facet values of the measured index (the most frequent of each)."""

    topic: str | None = None
    organisation: str | None = None
    year: str | None = None
    extra: dict[str, str] = field(default_factory=dict)


def shapes(values: FacetValues) -> list[Shape]:
    """The 20 query shapes; faceted ones use the index's own most frequent values."""
    topic = (("topic", values.topic),) if values.topic else ()
    organisation = (("organisation", values.organisation),) if values.organisation else ()
    year = (("year", values.year),) if values.year else ()
    return [
        Shape("one common word", "budget"),
        Shape("one word", "reservoir"),
        Shape("one rare word", "moratorium"),
        Shape("one word, decisions only", "tariff", kinds=("decision",)),
        Shape("two words", "tariff subsidy"),
        Shape("two words, rare and common", "easement pipeline"),
        Shape("two words, person-like", "minister treasury"),
        Shape("phrase", '"per cent progress"'),
        Shape("phrase of a body", '"regional council"'),
        Shape("faceted: word + topic + date range", "budget", topic, "1970", "1995"),
        Shape("faceted: word + organisation", "reform", organisation),
        Shape("faceted: two facets + date range", "plan", topic + year, "1960", "2024"),
        Shape("browse: date range, no words", "", (), "1980-01", "1985-12"),
        Shape("highlighted top 10, two words", "inspection audit"),
        Shape("highlighted top 10, newest first", "grant", sort="date"),
        Shape("deep page 50", "budget", page=50),
        Shape("deep page 200", "policy", page=200),
        Shape("OR", "tunnel OR bridge"),
        Shape("exclusion", "budget -deficit"),
        Shape("miss with suggestions", "zebraquux budget"),
    ]


def open_index(data_dir: Path, level: str, engine: str) -> object:
    """The level's text index opened directly with the engine (no archive around it)."""
    from archive.textindex import open_index as open_engine_index

    return open_engine_index(engine, data_dir / "levels" / level / f"index-{engine}")


def facet_values(index: object) -> FacetValues:
    """The most frequent topic, organisation and year among the index's records."""
    from archive.textindex.model import SearchRequest

    result = index.search(SearchRequest(text="", per_page=1))
    picked = FacetValues()
    for name in ("topic", "organisation", "year"):
        values = result.facets.get(name) or []
        if values:
            setattr(picked, name, values[0][0])
    return picked


def raw_engine(index: object, query_shapes: list[Shape], repeats: int) -> dict[str, list[float]]:
    """Milliseconds per shape straight on the engine (``EngineIndex.search``)."""
    timings: dict[str, list[float]] = {}
    for shape in query_shapes:
        request = shape.request()
        try:
            timings[shape.name] = time_ms(lambda request=request: index.search(request), repeats)
        except ValueError as error:
            log.warning("raw engine refused %s: %s", shape.name, error)
    return timings


def over_http(
    port: int, query_shapes: list[Shape], repeats: int
) -> tuple[dict[str, list[float]], dict[str, int], dict[str, str]]:
    """Milliseconds per shape for ``GET /api/search``, the totals it reported, and any failures."""
    import json

    client = Client(port)
    timings: dict[str, list[float]] = {}
    totals: dict[str, int] = {}
    failed: dict[str, str] = {}
    for shape in query_shapes:
        path = "/api/search?" + shape.query_string()
        first = client.request("GET", path)
        if first.status != 200:
            failed[shape.name] = f"HTTP {first.status}: {first.body[:200].decode('utf-8', 'replace')}"
            continue
        totals[shape.name] = int(json.loads(first.body).get("total", 0))
        timings[shape.name] = [client.request("GET", path).seconds * 1000 for _ in range(repeats)]
    client.close()
    return timings, totals, failed


def search_goal(index_records: int) -> float | None:
    """The p95 goal that applies at this index size (nearest of the two sizes the brief names)."""
    if index_records >= 300_000:
        return SEARCH_P95_MS_1M
    if index_records >= 30_000:
        return SEARCH_P95_MS_100K
    return SEARCH_P95_MS_100K  # smaller archives must be at least as fast as the 100k goal


def add_figures(
    run: Run,
    size: str,
    engine: str,
    raw: dict[str, list[float]],
    http: dict[str, list[float]],
    totals: dict[str, int],
    index_records: int,
) -> None:
    goal = search_goal(index_records)
    all_http: list[float] = []
    for name in [shape for shape in http] + [shape for shape in raw if shape not in http]:
        if name in raw:
            run.add(from_samples("search", f"{engine} · {name} · raw engine", size, "ms", raw[name]))
        if name in http:
            all_http += http[name]
            run.add(
                from_samples(
                    "search",
                    f"{engine} · {name} · /api/search",
                    size,
                    "ms",
                    http[name],
                    goal=goal,
                    goal_kind="<=",
                    note=f"{totals.get(name, 0):,} hits",
                )
            )
    if all_http:
        run.add(
            from_samples(
                "search",
                f"{engine} · all 20 shapes · /api/search",
                size,
                "ms",
                all_http,
                goal=goal,
                goal_kind="<=",
            )
        )
