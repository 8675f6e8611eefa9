"""SPARQL latency of every named query: through ``View.query``, over ``POST /sparql``, raw pyoxigraph, rdflib.

The same query text runs four ways on the same data: in process through the archive's ``View``
(algebra check plus the killable worker), over HTTP against a live ``precedent serve``, straight
on the level's Oxigraph store opened read-only (the floor), and, at about a million triples, on
rdflib's in-memory store (the naive baseline the design replaced).
"""

from __future__ import annotations

import logging
import time
import urllib.parse
from pathlib import Path

from ontology import QUERIES_DIR

from .figures import Figure, Run, from_samples, time_ms
from .server import Client

log = logging.getLogger(__name__)

#: /sparql p95 may be at most this multiple of raw pyoxigraph's p95, plus ``SPARQL_SLACK_MS``.
SPARQL_FACTOR = 1.5
SPARQL_SLACK_MS = 2.0
JSON_RESULTS = "application/sparql-results+json"
STOPPED = "stopped at the time limit: took at least this"


def named_queries(folder: Path = QUERIES_DIR) -> dict[str, str]:
    """Every ``.rq`` file of the ontology: competency queries and ``analytics-*``, by file stem."""
    return {path.stem: path.read_text("utf-8") for path in sorted(folder.glob("*.rq"))}


def _consume_oxigraph(answer: object) -> int:
    import pyoxigraph as ox

    if isinstance(answer, ox.QueryBoolean):
        return 1
    return sum(1 for _ in answer)  # solutions and triples are lazy: read them all


def raw_oxigraph(store_dir: Path, queries: dict[str, str], repeats: int) -> dict[str, list[float]]:
    """Milliseconds per query straight on the store, the default graph being the union of all graphs."""
    import pyoxigraph as ox

    store = ox.Store.read_only(str(store_dir))
    timings: dict[str, list[float]] = {}
    for name, text in queries.items():
        try:
            timings[name] = time_ms(
                lambda text=text: _consume_oxigraph(store.query(text, use_default_graph_as_union=True)),
                repeats,
            )
        except (SyntaxError, ValueError, OSError) as error:
            log.warning("raw oxigraph refused %s: %s", name, error)
    return timings


def in_process(
    data_dir: Path, level: str, queries: dict[str, str], repeats: int, engine: str = "tantivy"
) -> tuple[dict[str, list[float]], dict[str, str]]:
    """Milliseconds per query through ``Archive.view(level).query``, and the queries it refused."""
    from archive import Archive, ArchiveConfig

    archive = Archive.open(ArchiveConfig(data_dir=data_dir, text_engine=engine))
    timings: dict[str, list[float]] = {}
    refused: dict[str, str] = {}
    try:
        view = archive.view(level)
        for name, text in queries.items():
            try:
                view.query(text)
            except Exception as error:  # noqa: BLE001 - a benchmark reports every failure and goes on
                refused[name] = f"{type(error).__name__}: {error}"
                continue
            timings[name] = time_ms(lambda text=text: view.query(text), repeats, warmup=0)
    finally:
        archive.close()
    return timings, refused


def over_http(
    port: int, queries: dict[str, str], repeats: int
) -> tuple[dict[str, list[float]], dict[str, str]]:
    """Milliseconds per query for ``POST /sparql`` (form-encoded, JSON results), one keep-alive connection."""
    client = Client(port)
    timings: dict[str, list[float]] = {}
    failed: dict[str, str] = {}
    headers = {"Content-Type": "application/x-www-form-urlencoded", "Accept": JSON_RESULTS}
    for name, text in queries.items():
        body = urllib.parse.urlencode({"query": text}).encode()
        first = client.request("POST", "/sparql", body, headers)
        if first.status != 200:
            failed[name] = f"HTTP {first.status}: {first.body[:200].decode('utf-8', 'replace')}"
            continue
        samples = []
        for _ in range(repeats):
            response = client.request("POST", "/sparql", body, headers)
            samples.append(response.seconds * 1000)
        timings[name] = samples
    client.close()
    return timings, failed


def _rdflib_child(nquads: str, names: list[str], texts: list[str], repeats: int, conn: object) -> None:
    """Child side of the rdflib baseline: load once, then answer each query's timings on the pipe."""
    from rdflib import Dataset

    started = time.perf_counter()
    dataset = Dataset(default_union=True)
    dataset.parse(nquads, format="nquads")
    conn.send(("loaded", time.perf_counter() - started))
    for name, text in zip(names, texts, strict=True):
        samples: list[float] = []
        try:
            for _ in range(repeats):
                began = time.perf_counter()
                list(dataset.query(text))
                samples.append((time.perf_counter() - began) * 1000)
                if samples[-1] > 2000:  # a slow query is slow: fewer repeats say as much
                    break
            conn.send((name, samples))
        except Exception as error:  # noqa: BLE001 - rdflib may not support what Oxigraph does
            conn.send((name, f"{type(error).__name__}: {error}"))


def rdflib_baseline(
    nquads: Path,
    queries: dict[str, str],
    repeats: int,
    timeout_s: float = 20.0,
    load_timeout_s: float = 900.0,
) -> tuple[float, dict[str, list[float]], dict[str, str]]:
    """rdflib's Memory store in a child process: seconds to load, milliseconds per query, and what failed.

    A query that runs longer than ``timeout_s`` is stopped (the child is killed and a new one loads the
    data again for the queries left), and reported as a failure with its time limit.
    """
    import multiprocessing

    context = multiprocessing.get_context("spawn")
    pending = list(queries.items())
    timings: dict[str, list[float]] = {}
    failed: dict[str, str] = {}
    load_s = float("nan")
    while pending:
        parent, child = context.Pipe(duplex=False)
        process = context.Process(
            target=_rdflib_child,
            args=(str(nquads), [n for n, _ in pending], [t for _, t in pending], repeats, child),
            daemon=True,
        )
        process.start()
        child.close()
        try:
            if not parent.poll(load_timeout_s):
                failed["(load)"] = f"loading took over {load_timeout_s:.0f} s"
                break
            _, load_s = parent.recv()
            while pending:
                name = pending[0][0]
                # the child stops repeating after one run over 2 s, so this bounds one slow run
                if not parent.poll(timeout_s + 6.0):
                    failed[name] = f"over {timeout_s:.0f} s: stopped"
                    pending.pop(0)
                    break
                answered, value = parent.recv()
                pending.pop(0)
                if isinstance(value, str):
                    failed[answered] = value
                else:
                    timings[answered] = value
        except EOFError:
            failed[pending.pop(0)[0]] = "the rdflib process died"
        finally:
            process.kill()
            process.join(5)
            parent.close()
    return load_s, timings, failed


def add_figures(
    run: Run,
    size: str,
    raw: dict[str, list[float]],
    view: dict[str, list[float]],
    http: dict[str, list[float]],
    rdflib: dict[str, list[float]] | None = None,
    rdflib_stopped: set[str] | None = None,
) -> list[Figure]:
    """One figure per query and path; ``/sparql`` is judged against 1.5 × raw p95 + 2 ms."""
    added = []
    for name in sorted(set(raw) | set(view) | set(http)):
        raw_figure = None
        if name in raw:
            raw_figure = run.add(from_samples("sparql", f"{name} · raw pyoxigraph", size, "ms", raw[name]))
            added.append(raw_figure)
        if name in view:
            added.append(run.add(from_samples("sparql", f"{name} · View.query", size, "ms", view[name])))
        if name in http:
            goal = None
            if raw_figure is not None and raw_figure.p95 is not None:
                goal = SPARQL_FACTOR * raw_figure.p95 + SPARQL_SLACK_MS
            added.append(
                run.add(
                    from_samples(
                        "sparql", f"{name} · POST /sparql", size, "ms", http[name], goal=goal, goal_kind="<="
                    )
                )
            )
        if rdflib and name in rdflib:
            added.append(
                run.add(
                    from_samples(
                        "sparql",
                        f"{name} · rdflib Memory",
                        size,
                        "ms",
                        rdflib[name],
                        note=STOPPED if name in (rdflib_stopped or ()) else "",
                    )
                )
            )
    return added
