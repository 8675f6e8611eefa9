"""The CLI beside a running server: ``<data>/server.json`` announces the server, and the CLI asks it.

``precedent serve`` writes ``server.json`` (mode 0600: the address, its process id and a fresh random
token) once its socket listens and removes it when it stops. Every other command looks for that file:
when the server in it is alive, the command runs in the server (``webui/operations.py``) instead of
opening the stores, which RocksDB allows to one process only. A file left by a server that died is
ignored (its process is gone, or nothing answers at its address).
"""

from __future__ import annotations

import json
import os
import secrets
import signal
import socket
import tarfile
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from archive.errors import ArchiveError

ANNOUNCEMENT = "server.json"
#: A read command (search, sparql, check) gives up on a server that does not answer within this long.
READ_TIMEOUT_SECONDS = 600.0


class ServerError(ArchiveError):
    """The running server refused or failed an operation; the message says why."""


def new_token() -> str:
    return secrets.token_urlsafe(32)


@contextmanager
def announced(data_dir: Path, token: str) -> Iterator[Callable[[str, int], None]]:
    """Yield the ``listening`` callback that writes ``server.json``; remove the file when serving ends."""
    path = data_dir / ANNOUNCEMENT
    written = False

    def listening(host: str, port: int) -> None:
        nonlocal written
        local = {"0.0.0.0": "127.0.0.1", "::": "::1", "": "127.0.0.1", "localhost": "127.0.0.1"}.get(
            host, host
        )
        netloc = f"[{local}]:{port}" if ":" in local else f"{local}:{port}"
        tmp = path.with_name(path.name + f".{os.getpid()}.tmp")
        descriptor = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "w", encoding="utf-8") as out:
            json.dump({"url": f"http://{netloc}", "pid": os.getpid(), "token": token}, out)
        os.replace(tmp, path)
        written = True

    # systemd and docker stop a server with SIGTERM: end it as Ctrl+C does, so this file is removed
    previous = signal.signal(signal.SIGTERM, _stop)
    try:
        yield listening
    finally:
        signal.signal(signal.SIGTERM, previous)
        if written:
            try:
                current = json.loads(path.read_text("utf-8"))
                if current.get("pid") == os.getpid():
                    path.unlink()
            except (OSError, ValueError):
                pass


def _stop(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


@dataclass(frozen=True)
class Server:
    """A running ``precedent serve`` on this data directory, and how to ask it."""

    url: str
    token: str
    pid: int

    @classmethod
    def find(cls, data_dir: Path) -> Server | None:
        """The live server announced in ``data_dir``, or ``None`` (no file, or a dead server's)."""
        try:
            found = json.loads((data_dir / ANNOUNCEMENT).read_text("utf-8"))
            server = cls(str(found["url"]), str(found["token"]), int(found["pid"]))
        except (OSError, ValueError, KeyError, TypeError):
            return None
        try:
            os.kill(server.pid, 0)
        except ProcessLookupError:
            return None
        except PermissionError:
            pass  # alive, another account's: its token file was readable, so ask it
        return server if server.answers() else None

    def answers(self) -> bool:
        parts = urllib.parse.urlsplit(self.url)
        try:
            with socket.create_connection((parts.hostname or "127.0.0.1", parts.port or 80), timeout=2):
                return True
        except OSError:
            return False

    # the calls
    def _request(
        self, method: str, path: str, body: object | None = None, query: Sequence[tuple[str, str]] = ()
    ) -> urllib.request.Request:
        url = self.url + path + ("?" + urllib.parse.urlencode(list(query)) if query else "")
        data = json.dumps(body).encode() if body is not None else None
        headers = {"Authorization": f"Bearer {self.token}", "Accept": "*/*"}
        if data is not None:
            headers["Content-Type"] = "application/json"
        return urllib.request.Request(url, data=data, headers=headers, method=method)

    def _open(
        self, request: urllib.request.Request, timeout: float | None = READ_TIMEOUT_SECONDS
    ) -> IO[bytes]:
        # no proxy: the server is on this host, and a proxy must never see the operator's token
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        try:
            response: IO[bytes] = opener.open(request, timeout=timeout)
            return response
        except urllib.error.HTTPError as error:
            raise ServerError(_message(error)) from None
        except (urllib.error.URLError, OSError) as error:
            raise ServerError(f"the server at {self.url} did not answer: {error}") from None

    def call_json(
        self, method: str, path: str, body: object | None = None, query: Sequence[tuple[str, str]] = ()
    ) -> object:
        with self._open(self._request(method, path, body, query)) as response:
            return json.loads(response.read())

    def decision_identifiers(self, level: str) -> list[str]:
        """The decision identifiers the server's archive holds at ``level`` (its internal lookup)."""
        answer = self.call_json("GET", "/operations/decisions", query=[("level", level)])
        identifiers = answer.get("identifiers") if isinstance(answer, dict) else None
        if not isinstance(identifiers, list):
            raise ServerError("the server's list of decisions was not understood")
        return [str(identifier) for identifier in identifiers]

    def sparql(self, query: str, level: str | None, media: str) -> tuple[bytes, str | None, int | None]:
        """The answer, which cap cut it short (``"rows"`` or ``"bytes"``; else ``None``) and that cap."""
        request = self._request(
            "POST", "/operations/sparql", {"query": query, "level": level, "media": media}
        )
        with self._open(request) as response:
            headers = getattr(response, "headers", {})
            cut, limit = None, None
            if headers.get("X-Precedent-Truncated") == "true":
                cut = headers.get("X-Precedent-Truncated-At") or "rows"
                stated = headers.get("X-Precedent-Truncated-Limit") or ""
                limit = int(stated) if stated.isdigit() else None
            return response.read(), cut, limit

    def ingest(
        self,
        files: Sequence[tuple[Path, str]],
        *,
        level: str | None,
        user: str,
        jobs: int | None,
        progress: Callable[[int], None] | None = None,
        waiting: Callable[[str], None] | None = None,
    ) -> dict[str, object]:
        """Hand the files to the server's writer; the server's summary (``IngestReport.as_dict``)."""
        body = {
            # the absolute path for the server, the path as typed for the messages
            "files": [[str(path.resolve()), fmt, str(path)] for path, fmt in files],
            "level": level,
            "user": user,
            "jobs": jobs,
        }
        # no timeout while queued or writing: a long ingest ahead of this one is not a failure
        with self._open(self._request("POST", "/operations/ingest", body), timeout=None) as response:
            for line in response:
                message = json.loads(line)
                if "progress" in message and progress is not None:
                    progress(int(message["progress"]))
                elif "waiting" in message and waiting is not None and message["waiting"]:
                    waiting(str(message["waiting"]))
                elif "error" in message:
                    raise ServerError(str(message["error"]))
                elif "report" in message and isinstance(message["report"], dict):
                    return message["report"]
        raise ServerError("the server ended the ingest without a summary; see its log")

    def dump(self, target: Path) -> str:
        """Write the server's hot dump to ``target`` and its sidecars beside it; the dump's summary."""
        request = self._request("POST", "/operations/dump", {})
        written: list[Path] = []
        with self._open(request, timeout=None) as response:
            summary = getattr(response, "headers", {}).get("X-Precedent-Summary", "")
            with tarfile.open(fileobj=response, mode="r|") as tar:
                for member in tar:
                    # dump.nq → FILE, dump.nq.ledger.json → FILE.ledger.json; any other sidecar keeps its name
                    if not member.isfile() or "/" in member.name or member.name.startswith("."):
                        raise ServerError(f"unexpected member {member.name!r} in the server's dump")
                    if member.name.startswith("dump.nq"):
                        path = target.with_name(target.name + member.name[len("dump.nq") :])
                    else:
                        path = target.with_name(member.name)
                    source = tar.extractfile(member)
                    if source is None:
                        continue
                    tmp = path.with_name(path.name + ".part")
                    descriptor = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
                    with os.fdopen(descriptor, "wb") as out:
                        while block := source.read(1 << 20):
                            out.write(block)
                    written.append(tmp)
            for tmp in written:
                os.replace(tmp, tmp.with_name(tmp.name[: -len(".part")]))
        return summary


def _message(error: urllib.error.HTTPError) -> str:
    if error.code == 404:
        return (
            "the running server refused the operator's request: it answers the CLI only on a loopback"
            " address (serve with --host 127.0.0.1 or 0.0.0.0), or stop it to run this command directly"
        )
    try:
        body = json.loads(error.read())
        if isinstance(body, dict) and body.get("error"):
            return str(body.get("message") or body["error"]) if body.get("status") else str(body["error"])
    except (ValueError, OSError):
        pass
    return f"the server answered {error.code} {error.reason}"
