"""SPARQL latency of every named query: through ``View.query``, over ``POST /sparql``, raw pyoxigraph, rdflib.

The same query text runs four ways on the same data: in process through the archive's ``View``
(algebra check plus the killable worker), over HTTP against a live ``precedent serve``, straight
on the level's Oxigraph store opened read-only (the floor), and, at about a million triples, on
rdflib's in-memory store (the naive baseline the design replaced).
"""

from __future__ import annotations

import argparse
import json
import logging
import shutil
import subprocess
import time
import urllib.parse
from pathlib import Path

from ontology import QUERIES_DIR

from .figures import Figure, Run, from_samples, percentile, time_ms
from .server import Client, add_compare_option, compared_servers
from .timed import run_in_child

log = logging.getLogger(__name__)

#: /sparql p95 may be at most this multiple of raw pyoxigraph's p95, plus ``SPARQL_SLACK_MS``.
SPARQL_FACTOR = 1.5
SPARQL_SLACK_MS = 2.0
JSON_RESULTS = "application/sparql-results+json"
STOPPED = "stopped at the time limit: took at least this"


def named_queries(folder: Path = QUERIES_DIR) -> dict[str, str]:
    """Every ``.rq`` file of the ontology: competency queries and ``analytics-*``, by file stem."""
    return {path.stem: path.read_text("utf-8") for path in sorted(folder.glob("*.rq"))}


def raw_oxigraph(
    store_dir: Path, queries: dict[str, str], repeats: int, timeout_s: float = 30.0
) -> tuple[dict[str, list[float]], dict[str, str]]:
    """Milliseconds per query straight on the store (read-only, default graph = union of the graphs).

    pyoxigraph cannot cancel a query, so they run in a child process that is killed after ``timeout_s``.
    """
    _, timings, failed = run_in_child("oxigraph", store_dir, queries, repeats, timeout_s)
    return timings, failed


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
            try:
                timings[name] = time_ms(lambda text=text: view.query(text), repeats, warmup=0, budget_s=10.0)
            except Exception as error:  # noqa: BLE001 - e.g. a timeout on a later repeat: report, go on
                refused[name] = f"{type(error).__name__}: {error}"
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
        deadline = time.monotonic() + 10.0  # a slow query needs fewer samples
        for _ in range(repeats):
            response = client.request("POST", "/sparql", body, headers)
            samples.append(response.seconds * 1000)
            if time.monotonic() > deadline:
                break
        timings[name] = samples
    client.close()
    return timings, failed


def rdflib_baseline(
    nquads: Path, queries: dict[str, str], repeats: int, timeout_s: float = 20.0
) -> tuple[float, dict[str, list[float]], dict[str, str]]:
    """rdflib's Memory store: seconds to load the N-Quads, milliseconds per query, and what failed."""
    return run_in_child("rdflib", nquads, queries, repeats, timeout_s)


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


def side_by_side(
    store_dir: Path,
    servers: dict[str, tuple[int, int]],
    queries: dict[str, str],
    repeats: int,
    budget_s: float = 10.0,
) -> tuple[dict[str, dict[str, list[float]]], dict[str, dict[str, float]], dict[str, str]]:
    """Milliseconds per query, raw pyoxigraph and ``POST /sparql`` on each server, one of each in turn.

    ``servers`` maps a label to ``(port, pid)``. The raw store is opened read-only in this process
    (default graph = union of the graphs, every row read); each HTTP client is one keep-alive connection
    asking for SPARQL JSON. Returns ``(timings[way][query], cpu_ms[way][query], failed)``: ``cpu_ms`` is
    CPU per request, of this thread for raw and of the server's whole process tree (workers included,
    from ``/proc``) for a server: unlike wall time, it does not depend on what else the machine runs.
    """
    import pyoxigraph as ox

    from .cpu_per_request import tree_cpu_seconds

    store = ox.Store.read_only(str(store_dir))
    clients = {label: Client(port) for label, (port, _) in servers.items()}
    headers = {"Content-Type": "application/x-www-form-urlencoded", "Accept": JSON_RESULTS}
    ways = ["raw", *servers]
    timings: dict[str, dict[str, list[float]]] = {way: {} for way in ways}
    cpu: dict[str, dict[str, float]] = {way: {} for way in ways}
    failed: dict[str, str] = {}

    def raw_once(text: str) -> tuple[float, float]:
        started, cpu_started = time.perf_counter(), time.thread_time()
        answer = store.query(text, use_default_graph_as_union=True)
        if not isinstance(answer, ox.QueryBoolean):
            sum(1 for _ in answer)
        return (time.perf_counter() - started) * 1000, (time.thread_time() - cpu_started) * 1000

    for name, text in queries.items():
        body = urllib.parse.urlencode({"query": text}).encode()
        firsts = {
            label: client.request("POST", "/sparql", body, headers) for label, client in clients.items()
        }
        bad = {label: first for label, first in firsts.items() if first.status != 200}
        if bad:
            label, first = next(iter(bad.items()))
            failed[name] = f"{label}: HTTP {first.status}: {first.body[:200].decode('utf-8', 'replace')}"
            continue
        raw_once(text)
        for way in ways:
            timings[way][name] = []
        raw_cpu = 0.0
        # Each server's CPU is read once before and once after the repeats: a server spends nothing while
        # the others and the raw query run, and reading the process tree from /proc (a scan of every
        # process, a few ms) between requests would leave the servers idle and cold before each one.
        server_cpu = {label: -tree_cpu_seconds(pid) for label, (_, pid) in servers.items()}
        deadline = time.monotonic() + budget_s  # a slow query needs fewer samples
        order = list(clients.items())
        for repeat in range(repeats):
            wall, spent = raw_once(text)
            timings["raw"][name].append(wall)
            raw_cpu += spent
            # the servers take turns at going first after the raw query, so neither always follows it
            for label, client in order if repeat % 2 == 0 else order[::-1]:
                timings[label][name].append(client.request("POST", "/sparql", body, headers).seconds * 1000)
            if time.monotonic() > deadline:
                break
        for label, (_, pid) in servers.items():
            server_cpu[label] += tree_cpu_seconds(pid)
        runs = len(timings["raw"][name])
        cpu["raw"][name] = raw_cpu / runs
        for label in servers:
            cpu[label][name] = server_cpu[label] * 1000 / runs
    for client in clients.values():
        client.close()
    return timings, cpu, failed


def allowance_table(
    timings: dict[str, dict[str, list[float]]], cpu: dict[str, dict[str, float]]
) -> list[dict[str, object]]:
    """Per query and server: raw and HTTP p50/p95, the allowance (1.5 × raw p95 + 2 ms), met or not."""
    rows = []
    raw = timings["raw"]
    for name in sorted(raw):
        raw_p95 = percentile(raw[name], 0.95)
        goal = SPARQL_FACTOR * raw_p95 + SPARQL_SLACK_MS
        row: dict[str, object] = {
            "query": name,
            "runs": len(raw[name]),
            "raw_p50_ms": round(percentile(raw[name], 0.5), 2),
            "raw_p95_ms": round(raw_p95, 2),
            "raw_cpu_ms": round(cpu["raw"][name], 2),
            "allowance_ms": round(goal, 2),
        }
        for way, samples in timings.items():
            if way == "raw":
                continue
            http_p95 = percentile(samples[name], 0.95)
            row[f"{way}_p50_ms"] = round(percentile(samples[name], 0.5), 2)
            row[f"{way}_p95_ms"] = round(http_p95, 2)
            row[f"{way}_cpu_ms"] = round(cpu[way][name], 2)
            row[f"{way}_met"] = http_p95 <= goal
        rows.append(row)
    return rows


def markdown(rows: list[dict[str, object]], ways: list[str]) -> str:
    header = "| query | runs | raw p50 | raw p95 | raw CPU | allowance |"
    rule = "|---|---|---|---|---|---|"
    for way in ways:
        header += f" {way} p50 | {way} p95 | {way} CPU/req | {way} met |"
        rule += "---|---|---|---|"
    lines = [header, rule]
    for r in rows:
        line = (
            f"| {r['query']} | {r['runs']} | {r['raw_p50_ms']:.2f} | {r['raw_p95_ms']:.2f} | "
            f"{r['raw_cpu_ms']:.2f} | {r['allowance_ms']:.2f} |"
        )
        for way in ways:
            line += (
                f" {r[f'{way}_p50_ms']:.2f} | {r[f'{way}_p95_ms']:.2f} | {r[f'{way}_cpu_ms']:.1f} | "
                f"{'yes' if r[f'{way}_met'] else 'NO'} |"
            )
        lines.append(line)
    lines.append("")
    for way in ways:
        met = sum(1 for r in rows if r[f"{way}_met"])
        lines.append(f"{way}: allowance met on {met} of {len(rows)} named queries")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="raw pyoxigraph vs POST /sparql, side by side")
    parser.add_argument("--data", type=Path, required=True, help="an archive's data directory")
    parser.add_argument("--level", default="public")
    parser.add_argument("--repeats", type=int, default=30)
    parser.add_argument("--only", nargs="*", help="query names (file stems); default: all named queries")
    parser.add_argument("--server-core", type=int, help="pin the servers and their workers to this core")
    add_compare_option(parser, "and time it in the same run")
    parser.add_argument("--label", default="", help="a name for this run in the JSON")
    parser.add_argument("--out", type=Path, help="write the rows as JSON here")
    options = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    queries = named_queries()
    if options.only:
        queries = {name: queries[name] for name in options.only}
    live = compared_servers(options.data, options.compare)
    servers: dict[str, tuple[int, int]] = {}
    try:
        for label, server in live:
            server.start()
            assert server.process is not None
            servers[label] = (server.port, server.process.pid)
            if options.server_core is not None and shutil.which("taskset"):
                subprocess.run(
                    ["taskset", "-a", "-c", "-p", str(options.server_core), str(server.process.pid)],
                    check=True,
                    capture_output=True,
                )
        store_dir = options.data / "levels" / options.level / "store"
        timings, cpu, failed = side_by_side(store_dir, servers, queries, options.repeats)
    finally:
        for _, server in live:
            server.stop()
    rows = allowance_table(timings, cpu)
    print(markdown(rows, list(servers)))
    for name, why in failed.items():
        print(f"FAILED {name}: {why}")
    if options.out:
        document = {"label": options.label, "data": str(options.data), "rows": rows, "failed": failed}
        options.out.write_text(json.dumps(document, indent=2) + "\n", "utf-8")


if __name__ == "__main__":
    main()
