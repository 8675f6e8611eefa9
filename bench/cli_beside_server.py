"""The CLI beside a running server: each command's wall time without a server (it opens the archive) and
with ``precedent serve`` running (it asks the server), plus what a read-only Oxigraph opening would cost.

    python -m bench.cli_beside_server --data DIR [--repeat 3] [--ingest PATH]

``DIR`` is an existing archive (e.g. all of ../shared/data ingested). ``--ingest PATH`` also times
ingesting ``PATH`` into two fresh copies-to-be (an empty archive each): directly, and through a server.
Times are medians of fresh ``python -m precedent`` processes, so they include the interpreter's start.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

COMMANDS: dict[str, list[str]] = {
    "search": ["search", "treaty", "--json"],
    "sparql (count, restricted)": [
        "sparql",
        "--level",
        "restricted",
        "--format",
        "csv",
        "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
    ],
    "review list": ["review", "list", "--json"],
    "check": ["check"],
    "dump": ["dump", "{tmp}/backup.nq"],
}


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    env.setdefault("PRECEDENT_SECRET_KEY", "bench-" + "k" * 40)
    return env


def timed(data: Path, args: list[str], tmp: Path) -> float:
    started = time.perf_counter()
    completed = subprocess.run(
        [
            sys.executable,
            "-m",
            "precedent",
            "--data",
            str(data),
            *[a.replace("{tmp}", str(tmp)) for a in args],
        ],
        env=_env(),
        capture_output=True,
        text=True,
    )
    elapsed = time.perf_counter() - started
    if completed.returncode not in (0, 1):
        raise SystemExit(f"{args} failed: {completed.stdout}{completed.stderr}")
    return elapsed


def serve(data: Path) -> subprocess.Popen[bytes]:
    server = subprocess.Popen(
        [sys.executable, "-m", "precedent", "--data", str(data), "serve", "--port", "0"],
        env=_env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 120
    while not (data / "server.json").exists():
        if server.poll() is not None or time.monotonic() > deadline:
            raise SystemExit("precedent serve did not start")
        time.sleep(0.1)
    return server


def stop(server: subprocess.Popen[bytes]) -> None:
    server.send_signal(signal.SIGINT)
    try:
        server.wait(timeout=60)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def read_only_open(data: Path, repeat: int) -> dict[str, float]:
    """Opening the top level's store read-only in a fresh process (undefined beside a writer)."""
    script = (
        "import sys,time; t=time.perf_counter(); import pyoxigraph as ox; "
        "s=ox.Store.read_only(sys.argv[1]); o=time.perf_counter(); "
        "n=list(s.query('SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }'))[0][0]; "
        "print(o-t, time.perf_counter()-o)"
    )
    opens, queries = [], []
    for _ in range(repeat):
        out = subprocess.run(
            [sys.executable, "-c", script, str(data / "levels" / "restricted" / "store")],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split()
        opens.append(float(out[0]))
        queries.append(float(out[1]))
    return {"open_s": statistics.median(opens), "count_query_s": statistics.median(queries)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--ingest", type=Path, default=None)
    options = parser.parse_args()
    data: Path = options.data
    results: dict[str, object] = {}
    with tempfile.TemporaryDirectory(prefix="cli-beside-") as folder:
        tmp = Path(folder)
        direct = {
            name: statistics.median(timed(data, args, tmp) for _ in range(options.repeat))
            for name, args in COMMANDS.items()
        }
        results["read_only_open"] = read_only_open(data, options.repeat)
        server = serve(data)
        try:
            through = {
                name: statistics.median(timed(data, args, tmp) for _ in range(options.repeat))
                for name, args in COMMANDS.items()
            }
        finally:
            stop(server)
        results["commands_s"] = {name: {"direct": direct[name], "server": through[name]} for name in COMMANDS}
        if options.ingest is not None:
            fresh = tmp / "direct"
            started = time.perf_counter()
            timed(fresh, ["ingest", str(options.ingest)], tmp)
            ingest_direct = time.perf_counter() - started
            served = tmp / "served"
            served.mkdir()
            server = serve(served)
            try:
                started = time.perf_counter()
                timed(served, ["ingest", str(options.ingest)], tmp)
                ingest_server = time.perf_counter() - started
            finally:
                stop(server)
            shutil.rmtree(fresh, ignore_errors=True)
            results["ingest_s"] = {
                "path": str(options.ingest),
                "direct": ingest_direct,
                "server": ingest_server,
            }
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
