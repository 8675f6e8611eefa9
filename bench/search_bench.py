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


# --- question ranking against plain BM25, standalone --------------------------------------------------


def realistic_records(n: int, seed: int = 7) -> list:
    """``n`` index records of generated minutes prose (``bench.words``), ten to a source document.

    Per document: six decisions, a meeting, a record and two passages of its text, tagged with a
    policy area as topic, a body, and persons — so the 20 shapes' words and the questions' names occur.
    """
    import random

    from archive.textindex import IndexRecord

    from .words import FIRST_NAMES, LAST_NAMES, PLACE_NAMES, POLICY_AREAS, Prose

    rng = random.Random(seed)
    prose = Prose(rng)
    people = [f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}" for _ in range(600)]
    bodies = [f"{place} {kind}" for place in PLACE_NAMES[:30] for kind in ("Council", "Board", "Committee")]
    kinds = ["decision"] * 6 + ["meeting", "record", "passage", "passage"]
    out = []
    for i in range(n):
        number = i // len(kinds)
        doc_rng = random.Random(seed * 1_000_003 + number)
        area = doc_rng.choice(POLICY_AREAS)
        body = doc_rng.choice(bodies)
        date = f"{doc_rng.randint(1960, 2024)}-{doc_rng.randint(1, 12):02d}-{doc_rng.randint(1, 28):02d}"
        attendees = doc_rng.sample(people, 4)
        kind = kinds[i % len(kinds)]
        words = 40 if kind == "decision" else 180
        text = " ".join(prose.sentence(area) for _ in range(max(1, words // 14)))
        out.append(
            IndexRecord(
                iri=f"https://archive.example.org/id/{kind}/g{i:07d}",
                kind=kind,
                title=prose.sentence(area)[:90],
                text=text,
                date=date,
                document=f"GEN-{number:06d}",
                body=body,
                facets={}
                if kind == "passage"
                else {
                    "topic": [area.replace("-", " ").title()],
                    "organisation": [body],
                    "actor": attendees,
                    "year": [date[:4]],
                },
            )
        )
    return out


def question_shapes(corpus: list, seed: int = 11) -> list[Shape]:
    """Question-shaped searches over the generated corpus: question words, a body, a person, a year."""
    import random

    rng = random.Random(seed)
    decisions = [r for r in corpus if r.kind == "decision"]
    shapes_ = []
    for i in range(10):
        record = rng.choice(decisions)
        words = [w.strip(".,").lower() for w in record.text.split() if len(w) > 5]
        a, b = rng.sample(words, 2)
        organisation = record.facets["organisation"][0]
        person = record.facets["actor"][0]
        year = (record.date or "2000")[:4]
        topic = record.facets["topic"][0].lower()
        texts = [
            f"What did the {organisation} decide about the {a} in {year}?",
            f"Who dissented on the {a} when {person} voted?",
            f"Why was the {topic} option on {a} rejected?",
            f"What did {person.split()[-1]} say about {a} and {b}?",
            f"What was decided on {topic} and {a} last year?",
        ]
        shapes_.append(Shape(f"question {i + 1}", texts[i % len(texts)]))
    return shapes_


def _timed(index: object, request_of, shapes: list[Shape], repeats: int) -> dict[str, list[float]]:
    return {
        shape.name: time_ms(lambda shape=shape: index.search(request_of(shape)), repeats) for shape in shapes
    }


def compare(records: int, repeats: int, engine: str, http: bool) -> dict:
    """Build ~``records`` synthetic records; time question ranking and plain BM25 in the same run."""
    import statistics
    import tempfile
    from dataclasses import replace

    from archive import Archive, ArchiveConfig

    from .figures import percentile

    corpus = realistic_records(records)
    report: dict = {"records": records, "engine": engine, "repeats": repeats, "raw": {}, "http": {}}
    with tempfile.TemporaryDirectory(prefix="precedent-search-bench-") as work:
        data = Path(work) / "data"
        archive = Archive.open(ArchiveConfig.from_env(data_dir=data, text_engine=engine))
        level = archive.config.levels[0]
        index = archive.index(level)
        with index.bulk():
            for start in range(0, len(corpus), 20_000):
                index.upsert(corpus[start : start + 20_000])
        view = archive.view(level)
        values = facet_values(index)
        keyword = shapes(values)
        questions = question_shapes(corpus)
        web = lambda shape: replace(shape.request(), group=True, per_page=20)  # noqa: E731 - as /api/search asks
        plain = lambda shape: replace(shape.request(), plain=True, per_page=20)  # noqa: E731
        for name, request_of, shape_list in (
            ("questions · ranking", web, questions),
            ("questions · plain BM25", plain, questions),
            ("keywords · ranking", web, keyword),
            ("keywords · plain BM25", plain, keyword),
        ):
            timings = _timed(view, request_of, shape_list, repeats)
            every = [t for values_ in timings.values() for t in values_]
            report["raw"][name] = {
                "p50": statistics.median(every),
                "p95": percentile(every, 0.95),
                "per shape p50": {k: statistics.median(v) for k, v in timings.items()},
            }
        if http:
            report["http"] = _through_flask(archive, questions, keyword, repeats)
        archive.close()
    return report


def _through_flask(archive: object, questions: list[Shape], keyword: list[Shape], repeats: int) -> dict:
    """``GET /api/search`` through the real Flask app, in process (Werkzeug's test client, no socket).

    A served archive reconciles its index with its ledger at start and would drop the synthetic
    records, which no ledger lists; in process, the app answers from the index as built.
    """
    import statistics

    from webui import create_app

    from .figures import percentile

    app = create_app(archive, {"TESTING": True, "SECRET_KEY": "search-bench"})
    client = app.test_client()
    out = {}
    for name, shape_list in (("questions", questions), ("keywords", keyword)):
        every: list[float] = []
        failed = {}
        for shape in shape_list:
            path = "/api/search?" + shape.query_string()
            first = client.get(path)
            if first.status_code != 200:
                failed[shape.name] = f"HTTP {first.status_code}"
                continue
            every += time_ms(lambda path=path: client.get(path), repeats)
        out[name] = {
            "p50": statistics.median(every) if every else None,
            "p95": percentile(every, 0.95) if every else None,
            "failed": failed,
        }
    return out


def main(argv: list[str] | None = None) -> int:
    import argparse
    import json
    import time

    parser = argparse.ArgumentParser(
        description="Search latency: question ranking against plain BM25, same run."
    )
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--repeats", type=int, default=20)
    parser.add_argument("--engine", default="tantivy")
    parser.add_argument("--no-http", action="store_true", help="time the engine only, not /api/search")
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent / "results")
    args = parser.parse_args(argv)
    report = compare(args.records, args.repeats, args.engine, not args.no_http)
    lines = [f"# Search latency — {args.records:,} records, {args.engine}, {args.repeats} repeats", ""]
    lines += ["| searches | through | p50 ms | p95 ms |", "|---|---|---|---|"]
    for name, row in report["raw"].items():
        lines.append(f"| {name} | engine (View.search) | {row['p50']:.2f} | {row['p95']:.2f} |")
    for name, row in report["http"].items():
        if row["p50"] is not None:
            lines.append(
                f"| {name} · ranking | GET /api/search in process | {row['p50']:.2f} | {row['p95']:.2f} |"
            )
    raw = report["raw"]
    for kind in ("questions", "keywords"):
        ratio = raw[f"{kind} · ranking"]["p50"] / max(raw[f"{kind} · plain BM25"]["p50"], 1e-9)
        lines.append(f"\n{kind}: ranking / plain BM25, median = {ratio:.2f}×")
    text = "\n".join(lines) + "\n"
    args.out.mkdir(parents=True, exist_ok=True)
    day = time.strftime("%Y-%m-%d")
    (args.out / f"search-latency-{day}.json").write_text(json.dumps(report, indent=2), encoding="utf-8")
    (args.out / f"search-latency-{day}.md").write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
