"""A live ``precedent serve`` on a free 127.0.0.1 port, and the small HTTP client the benchmarks use.

The server runs as a subprocess exactly as a user starts it; the benchmark measures the time to
its first ``200`` from ``/healthz`` (cold start) and reads its memory from ``/proc``.
"""

from __future__ import annotations

import argparse
import http.client
import os
import shutil
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

LOOPBACK = "127.0.0.1"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((LOOPBACK, 0))
        return sock.getsockname()[1]


def precedent_command() -> list[str]:
    """The installed console script beside this interpreter, else the module through this interpreter."""
    script = Path(sys.executable).parent / "precedent"
    if script.exists():
        return [str(script)]
    found = shutil.which("precedent")
    if found:
        return [found]
    return [sys.executable, "-c", "from precedent.cli import main; main()"]


@dataclass
class Response:
    status: int
    body: bytes
    seconds: float


class Client:
    """One keep-alive HTTP/1.1 connection to the server (not thread-safe: one per thread)."""

    def __init__(self, port: int, timeout: float = 30.0) -> None:
        self.port = port
        self.timeout = timeout
        self.connection: http.client.HTTPConnection | None = None

    def request(
        self, method: str, path: str, body: bytes | None = None, headers: dict[str, str] | None = None
    ) -> Response:
        started = time.perf_counter()
        for attempt in (1, 2):  # a server may close an idle keep-alive connection: reconnect once
            if self.connection is None:
                self.connection = http.client.HTTPConnection(LOOPBACK, self.port, timeout=self.timeout)
            try:
                self.connection.request(method, path, body=body, headers=headers or {})
                reply = self.connection.getresponse()
                data = reply.read()
                if reply.getheader("Connection", "").lower() == "close":
                    self.close()
                return Response(reply.status, data, time.perf_counter() - started)
            except (ConnectionError, http.client.HTTPException, OSError):
                self.close()
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")

    def close(self) -> None:
        if self.connection is not None:
            self.connection.close()
            self.connection = None


class LiveServer:
    """``precedent serve`` over one data directory; use as a context manager."""

    def __init__(
        self,
        data_dir: Path,
        engine: str = "tantivy",
        threads: int = 8,
        env: dict[str, str] | None = None,
        log_path: Path | None = None,
    ) -> None:
        self.data_dir = data_dir
        self.engine = engine
        self.threads = threads
        self.extra_env = env or {}
        self.port = free_port()
        self.process: subprocess.Popen[bytes] | None = None
        self.cold_start_s: float | None = None
        self.log_path = log_path or data_dir.parent / f"serve-{engine}-{self.port}.log"

    def start(self, timeout: float = 120.0) -> float:
        """Start the server; return seconds from launch to the first 200 from ``/healthz``."""
        env = dict(os.environ)
        env.update(
            {
                "PRECEDENT_DATA": str(self.data_dir),
                "PRECEDENT_TEXT_ENGINE": self.engine,
                "PRECEDENT_SECRET_KEY": env.get("PRECEDENT_SECRET_KEY") or os.urandom(24).hex(),
            }
        )
        env.update(self.extra_env)
        command = precedent_command() + [
            "serve",
            "--host",
            LOOPBACK,
            "--port",
            str(self.port),
            "--threads",
            str(self.threads),
        ]
        log = self.log_path.open("wb")
        started = time.perf_counter()
        self.process = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)
        log.close()
        deadline = started + timeout
        while time.perf_counter() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(
                    f"precedent serve exited with {self.process.returncode}: {self.log_tail()}"
                )
            try:
                connection = http.client.HTTPConnection(LOOPBACK, self.port, timeout=2)
                connection.request("GET", "/healthz")
                status = connection.getresponse().status
                connection.close()
                if status == 200:
                    self.cold_start_s = time.perf_counter() - started
                    return self.cold_start_s
            except OSError:
                pass
            time.sleep(0.01)
        self.stop()
        raise RuntimeError(
            f"precedent serve gave no 200 on /healthz within {timeout:.0f} s: {self.log_tail()}"
        )

    def log_tail(self, lines: int = 8) -> str:
        try:
            return " | ".join(self.log_path.read_text("utf-8", "replace").strip().splitlines()[-lines:])
        except OSError:
            return "(no log)"

    def memory_kb(self) -> dict[str, int]:
        """Current (VmRSS) and peak (VmHWM) resident memory of the server process, from /proc."""
        if self.process is None:
            return {}
        found: dict[str, int] = {}
        try:
            for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
                key, _, value = line.partition(":")
                if key in ("VmRSS", "VmHWM"):
                    found[key] = int(value.split()[0])
        except OSError:
            pass
        return found

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=15)
        self.process = None

    def __enter__(self) -> LiveServer:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def disk_bytes(path: Path) -> int:
    return sum(child.stat().st_size for child in path.rglob("*") if child.is_file()) if path.exists() else 0


def add_compare_option(parser: argparse.ArgumentParser, how: str) -> None:
    """``--compare LABEL SOURCE DATA`` (repeatable): serve a copy of the archive with other code beside
    this one in the same run; ``how`` says how the run uses it."""
    parser.add_argument(
        "--compare",
        nargs=3,
        action="append",
        default=[],
        metavar=("LABEL", "SOURCE", "DATA"),
        help="also serve DATA (a copy of the archive) with the code at SOURCE (on PYTHONPATH), e.g. the "
        f"commit before a change, {how}",
    )


def compared_servers(data_dir: Path, compare: list[list[str]]) -> list[tuple[str, LiveServer]]:
    """This code's server over ``data_dir`` ("this"), then one server per ``--compare`` entry."""
    live = [("this", LiveServer(data_dir))]
    for label, source, data in compare:
        live.append((label, LiveServer(Path(data), env={"PYTHONPATH": str(Path(source).resolve())})))
    return live
