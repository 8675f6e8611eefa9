"""Helpers of the adversarial suite: a real ``precedent serve`` process, a browser that can sign in from
any 127.x address, and a listener that counts who connects to it."""

from __future__ import annotations

import http.client
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

from archive.sandbox import network_namespace

ROOT = Path(__file__).resolve().parents[2]
SECRET_KEY = secrets.token_hex(32)
#: A fact an editor accepted in review (tests/security/conftest.py): a backup must keep it.
REVIEWED_RATIONALE = "traffic across the Vellmoor bridge doubled"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class ServeProcess:
    """``python -m precedent --data DIR serve`` on a free port, stopped by ``stop()``."""

    def __init__(self, data_dir: Path, env: dict[str, str] | None = None, threads: int = 8) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        environment = {
            **os.environ,
            "PYTHONPATH": str(ROOT),
            "PRECEDENT_SECRET_KEY": SECRET_KEY,
            **(env or {}),
        }
        self.log = data_dir.parent / f"serve-{self.port}.log"
        self._log_handle = self.log.open("wb")
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "precedent",
                "--data",
                str(data_dir),
                "serve",
                "--port",
                str(self.port),
                "--threads",
                str(threads),
            ],
            env=environment,
            stdout=self._log_handle,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + 60
        while True:
            if self.process.poll() is not None:
                raise RuntimeError(f"precedent serve exited: {self.log.read_text(errors='replace')[-2000:]}")
            try:
                if Browser().get(self, "/healthz").status == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                self.stop()
                raise RuntimeError("precedent serve did not answer within 60 s")
            time.sleep(0.1)

    def children(self) -> list[int]:
        """Process ids of the server's query workers (``archive.query_server`` children of the server;
        other children, such as the reading pool's fork server, are not query workers)."""
        found = []
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat[stat.rindex(")") + 2 :].split()[1]) != self.process.pid:
                continue
            try:
                command = (entry / "cmdline").read_bytes().split(b"\0")
            except OSError:
                continue
            if b"archive.query_server" in command:
                found.append(int(entry.name))
        return found

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(10)
        self._log_handle.close()


@dataclass
class Answer:
    status: int
    headers: dict[str, str]
    body: bytes
    seconds: float

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")


@dataclass
class Browser:
    """One HTTP client with its own cookies, sending from ``address`` (any 127.x.y.z reaches the server)."""

    address: str = "127.0.0.1"
    cookies: dict[str, str] = field(default_factory=dict)

    def request(
        self,
        server: ServeProcess,
        method: str,
        path: str,
        body: bytes | None = None,
        headers: dict[str, str] | None = None,
        timeout: float = 60,
    ) -> Answer:
        connection = http.client.HTTPConnection(
            "127.0.0.1", server.port, timeout=timeout, source_address=(self.address, 0)
        )
        sent = dict(headers or {})
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        started = time.monotonic()
        try:
            connection.request(method, path, body=body, headers=sent)
            response = connection.getresponse()
            data = response.read()
        finally:
            connection.close()
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                key, _, rest = value.partition("=")
                self.cookies[key.strip()] = rest.split(";", 1)[0]
        return Answer(
            response.status,
            {k.lower(): v for k, v in response.getheaders()},
            data,
            time.monotonic() - started,
        )

    def get(
        self, server: ServeProcess, path: str, headers: dict[str, str] | None = None, timeout: float = 60
    ) -> Answer:
        return self.request(server, "GET", path, headers=headers, timeout=timeout)

    def post_form(self, server: ServeProcess, path: str, fields: dict[str, str]) -> Answer:
        body = urllib.parse.urlencode(fields).encode()
        return self.request(server, "POST", path, body, {"Content-Type": "application/x-www-form-urlencoded"})

    def sign_in(self, server: ServeProcess, name: str, password: str) -> Answer:
        page = self.get(server, "/login").text
        marker = 'name="csrf_token" value="'
        start = page.index(marker) + len(marker)
        token = page[start : page.index('"', start)]
        return self.post_form(server, "/login", {"name": name, "password": password, "csrf_token": token})

    def sparql(
        self,
        server: ServeProcess,
        query: str,
        accept: str = "application/sparql-results+json",
        extra: str = "",
        timeout: float = 60,
    ) -> Answer:
        path = "/sparql?query=" + urllib.parse.quote(query) + extra
        return self.get(server, path, headers={"Accept": accept}, timeout=timeout)


class Listener:
    """A TCP listener on 127.0.0.1 that records every connection made to it (the SERVICE target)."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}/sparql"
        self.connections = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except (TimeoutError, OSError):
                continue
            self.connections += 1
            conn.close()

    def close(self) -> None:
        self._stop.set()
        self._thread.join(2)
        self.sock.close()


def copy_data(source: Path, target: Path) -> Path:
    shutil.copytree(source, target)
    return target


def off_the_network(pid: int, reference: str | None, timeout: float = 20.0) -> str | None:
    """The network namespace of query worker ``pid`` once it has left ``reference`` (the namespace it was
    started in). Leaving is a worker's first step, before it opens a store or reads a query; a worker the
    pool has only just started may not have taken it yet, so it is given ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    current = network_namespace(pid)
    while current == reference and time.monotonic() < deadline:
        time.sleep(0.1)
        current = network_namespace(pid)
    return current
