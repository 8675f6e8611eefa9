"""Server CPU-seconds per request, beside requests/s: a figure that means the same on a noisy machine.

    python -m bench.cpu_per_request --data DIR [--clients 32] [--seconds 20] [--server-core 0] [--load-core 1]
        [--compare LABEL SOURCE DATA_COPY] [--out FILE.json]

Starts ``precedent serve`` on ``DIR`` pinned to one core (``taskset``), drives the search page and a
decision page from a load generator pinned to another core, and reads the CPU time of the server's
whole process tree (the server and its query workers) from ``/proc/<pid>/stat`` before and after each
run. ``cpu_ms_per_request`` is what one request costs the server; ``1000 / cpu_ms_per_request`` is the
throughput one server core could sustain if nothing else ran, whatever else the machine is doing.
Measures only; it changes nothing in the server.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
from dataclasses import asdict, dataclass
from pathlib import Path

from .load import run_load
from .server import add_compare_option, compared_servers
from .web_load import SEARCH_PAGE_WORDS, decision_paths

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def _stat_fields(pid: int) -> list[str]:
    text = Path(f"/proc/{pid}/stat").read_text()
    # the command name (field 2) is in parentheses and may hold spaces: split after its closing ')'
    return text[text.rindex(")") + 2 :].split()


def tree_cpu_seconds(root: int) -> float:
    """User + system CPU of ``root``, its live descendants, and the children it has already reaped."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parent = int(_stat_fields(int(entry.name))[1])
            except (OSError, ValueError, IndexError):
                continue
            children.setdefault(parent, []).append(int(entry.name))
    total = 0.0
    pending = [root]
    while pending:
        pid = pending.pop()
        try:
            fields = _stat_fields(pid)
        except OSError:
            continue  # ended meanwhile
        # fields after the name: utime, stime, cutime, cstime are the 12th–15th (stat fields 14–17)
        utime, stime, cutime, cstime = (int(x) for x in fields[11:15])
        total += (utime + stime + cutime + cstime) / CLOCK_TICKS
        pending.extend(children.get(pid, []))
    return total


@dataclass
class CpuFigure:
    """One target under load: throughput, latency and what each request cost the server's CPU."""

    target: str
    clients: int
    seconds: float
    requests: int
    errors: int
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    server_cpu_seconds: float
    cpu_ms_per_request: float
    one_core_requests_per_second: float


def _generate(
    port: int, target: str, paths: list[str], clients: int, seconds: float, words: list[str] | None = None
) -> dict[str, float]:
    """Runs in the pinned load-generator process; prints the load result as JSON."""
    html = {"Accept": "text/html"}
    if target == "search page":
        words = words or list(SEARCH_PAGE_WORDS)
        result = run_load(
            port,
            lambda i: ("GET", f"/search?q={words[i % len(words)]}", None, html),
            clients=clients,
            seconds=seconds,
        )
    else:
        pages = paths or ["/"]
        result = run_load(
            port, lambda i: ("GET", pages[i % len(pages)], None, html), clients=clients, seconds=seconds
        )
    return {
        "requests": result.requests,
        "errors": result.errors,
        "seconds": result.seconds,
        "p50": result.latency(0.5),
        "p99": result.latency(0.99),
    }


def measure(
    server_pid: int,
    port: int,
    target: str,
    paths: list[str],
    clients: int,
    seconds: float,
    core: int | None,
    words: list[str] | None = None,
) -> CpuFigure:
    command = [
        sys.executable,
        "-m",
        "bench.cpu_per_request",
        "--generate",
        target,
        "--port",
        str(port),
        "--clients",
        str(clients),
        "--seconds",
        str(seconds),
        "--paths",
        json.dumps(paths),
        "--words",
        ",".join(words or SEARCH_PAGE_WORDS),
    ]
    if core is not None and shutil.which("taskset"):
        command = ["taskset", "-c", str(core), *command]
    before = tree_cpu_seconds(server_pid)
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    used = tree_cpu_seconds(server_pid) - before
    load = json.loads(out)
    requests = int(load["requests"])
    per_request = used / requests * 1000 if requests else float("nan")
    return CpuFigure(
        target=target,
        clients=clients,
        seconds=float(load["seconds"]),
        requests=requests,
        errors=int(load["errors"]),
        requests_per_second=requests / float(load["seconds"]) if load["seconds"] else 0.0,
        p50_ms=float(load["p50"]),
        p99_ms=float(load["p99"]),
        server_cpu_seconds=used,
        cpu_ms_per_request=per_request,
        one_core_requests_per_second=1000 / per_request if requests and per_request > 0 else float("nan"),
    )


def _pin(pid: int, core: int) -> None:
    """Pin every thread of ``pid`` (and the query workers it forks later) to ``core``."""
    if shutil.which("taskset"):
        subprocess.run(["taskset", "-a", "-c", "-p", str(core), str(pid)], check=True, capture_output=True)


def markdown(figures: dict[str, list[CpuFigure]]) -> str:
    """One row per server and target: throughput, latency and server CPU per request."""
    lines = [
        "| server | target | clients | requests/s | p50 ms | p99 ms | errors | server CPU ms/request "
        "| requests/s one core could serve |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for label, rows in figures.items():
        for f in rows:
            lines.append(
                f"| {label} | {f.target} | {f.clients} | {f.requests_per_second:.1f} | {f.p50_ms:.0f} | "
                f"{f.p99_ms:.0f} | {f.errors} | {f.cpu_ms_per_request:.2f} | "
                f"{f.one_core_requests_per_second:.0f} |"
            )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data", type=Path)
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--server-core", type=int, default=0)
    parser.add_argument("--load-core", type=int, default=1)
    add_compare_option(parser, "targets alternate between the servers in the same run")
    parser.add_argument("--out", type=Path, help="write the figures as JSON here")
    parser.add_argument(
        "--words",
        default=",".join(SEARCH_PAGE_WORDS),
        help="comma-separated search words for the search page (the default suits generated minutes)",
    )
    parser.add_argument("--generate", help=argparse.SUPPRESS)
    parser.add_argument("--port", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--paths", default="[]", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.generate:
        load = _generate(
            options.port,
            options.generate,
            json.loads(options.paths),
            options.clients,
            options.seconds,
            options.words.split(","),
        )
        print(json.dumps(load))
        return
    if options.data is None:
        parser.error("--data DIR (an ingested archive) is required")
    paths = decision_paths(options.data / "levels" / "public" / "store")
    live = compared_servers(options.data, options.compare)
    figures: dict[str, list[CpuFigure]] = {label: [] for label, _ in live}
    try:
        for _, server in live:
            server.start()
            assert server.process is not None
            _pin(server.process.pid, options.server_core)
        for target in ("search page", "decision page"):
            for label, server in live:
                assert server.process is not None
                figures[label].append(
                    measure(
                        server.process.pid,
                        server.port,
                        target,
                        paths,
                        options.clients,
                        options.seconds,
                        options.load_core,
                        options.words.split(","),
                    )
                )
    finally:
        for _, server in live:
            server.stop()
    print(markdown(figures))
    if options.out:
        document = {label: [asdict(f) for f in rows] for label, rows in figures.items()}
        options.out.write_text(json.dumps(document, indent=2) + "\n", "utf-8")


if __name__ == "__main__":
    main()
