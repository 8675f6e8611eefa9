"""Run a user's SPARQL query in a killable child process: wall-clock timeout, memory cap, row cap.

pyoxigraph 0.5 cannot cancel a running query, and a thread cannot be killed, so a query that
would run for hours (a cross product, a ``COUNT`` over ``?s ?p ?o`` joins) runs in a child forked by
``archive.query_server`` that opens the level's store read-only. The parent waits ``timeout`` seconds
and kills the child if it has not answered. The archive's own fixed queries stay in-process.
"""

from __future__ import annotations

import atexit
import os
import pickle
import resource
import select
import signal
import socket
import struct
import subprocess
import sys
import threading
import time
from pathlib import Path

import pyoxigraph as ox

from .errors import QuerySyntaxError, QueryTimeout
from .results import QueryResult
from .terms import from_wire, to_wire

_HEADER = struct.Struct("!I")

#: A read-only RocksDB instance can find an SST file gone when the writer's background compaction
#: removes it between listing and reading; a fresh open sees the new file set.
_RACE_MARKERS = ("No such file or directory", "Corruption")
_ATTEMPTS = 4


def evaluate(
    path: str,
    text: str,
    default_graph: list[str] | None,
    named_graphs: list[str] | None,
    max_rows: int,
    memory_mb: int,
) -> tuple:
    """Child side: open the store read-only, evaluate, return at most ``max_rows`` rows as a message."""
    try:
        if memory_mb:
            limit = memory_mb * 1024 * 1024
            resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
        for attempt in range(_ATTEMPTS):
            try:
                return _answer(path, text, default_graph, named_graphs, max_rows)
            except (OSError, RuntimeError) as exc:
                if attempt == _ATTEMPTS - 1 or not any(m in str(exc) for m in _RACE_MARKERS):
                    raise
                time.sleep(0.05 * (attempt + 1))
        raise RuntimeError("unreachable")
    except SyntaxError as exc:
        return ("syntax", str(exc))
    except MemoryError:
        return ("error", f"the query needed more than {memory_mb} MiB of memory and was stopped")
    except Exception as exc:  # the message goes back to the user; the child must not die silently
        return ("error", f"{type(exc).__name__}: {exc}")


def _answer(
    path: str, text: str, default_graph: list[str] | None, named_graphs: list[str] | None, max_rows: int
) -> tuple:
    store = ox.Store.read_only(path)
    kwargs: dict[str, object] = {}
    if default_graph is not None:
        kwargs["default_graph"] = [ox.NamedNode(g) for g in default_graph]
    else:
        kwargs["use_default_graph_as_union"] = True
    if named_graphs is not None:
        kwargs["named_graphs"] = [ox.NamedNode(g) for g in named_graphs]
    answer = store.query(text, **kwargs)
    if isinstance(answer, ox.QueryBoolean):
        return ("boolean", [], bool(answer), False)
    rows: list[tuple] = []
    truncated = False
    if isinstance(answer, ox.QuerySolutions):
        variables = [v.value for v in answer.variables]
        for solution in answer:
            if len(rows) >= max_rows:
                truncated = True
                break
            rows.append(tuple(to_wire(solution[i]) for i in range(len(variables))))
        return ("bindings", variables, rows, truncated)
    for triple in answer:
        if len(rows) >= max_rows:
            truncated = True
            break
        rows.append((to_wire(triple.subject), to_wire(triple.predicate), to_wire(triple.object)))
    return ("graph", ["subject", "predicate", "object"], rows, truncated)


class QueryServer:
    """The client side of ``archive.query_server``: started on first use, one per archive process."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._sock: socket.socket | None = None
        self._process: subprocess.Popen | None = None

    def _start(self) -> socket.socket:
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
        self._process = subprocess.Popen(
            [sys.executable, "-m", "archive.query_server", str(theirs.fileno())],
            pass_fds=(theirs.fileno(),),
            stdin=subprocess.DEVNULL,
            close_fds=True,
        )
        theirs.close()
        self._sock = ours
        return ours

    def start_child(self, request: dict) -> tuple[int, int]:
        """Ask the server to fork a child for ``request``; returns (pid, read end of its answer pipe)."""
        payload = pickle.dumps(request, protocol=pickle.HIGHEST_PROTOCOL)
        with self._lock:
            for attempt in (1, 2):
                sock = self._sock if self._process and self._process.poll() is None else self._start()
                read_end, write_end = os.pipe()
                try:
                    socket.send_fds(sock, [_HEADER.pack(len(payload)) + payload], [write_end])
                    os.close(write_end)
                    (pid,) = _HEADER.unpack(_recv_all(sock, _HEADER.size))
                    if pid == 0:
                        raise RuntimeError("the query server refused the request")
                    return pid, read_end
                except (OSError, EOFError):
                    os.close(read_end)
                    self.close()
                    if attempt == 2:
                        raise
        raise RuntimeError("unreachable")

    def close(self) -> None:
        if self._sock is not None:
            self._sock.close()
            self._sock = None
        if self._process is not None:
            self._process.kill()
            self._process.wait(5)
            self._process = None


def _recv_all(sock: socket.socket, size: int) -> bytes:
    data = b""
    while len(data) < size:
        chunk = sock.recv(size - len(data))
        if not chunk:
            raise EOFError("the query server closed the connection")
        data += chunk
    return data


_server = QueryServer()
atexit.register(_server.close)


def _read_answer(fd: int, deadline: float, timeout: float) -> bytes:
    chunks: list[bytes] = []
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0 or not select.select([fd], [], [], remaining)[0]:
            raise QueryTimeout(
                f"the query ran longer than {timeout:g} s and was stopped; narrow it down or add a LIMIT"
            )
        chunk = os.read(fd, 1 << 20)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)


def run_in_worker(
    path: Path,
    text: str,
    default_graph: list[str] | None,
    named_graphs: list[str] | None,
    timeout: float,
    max_rows: int,
    memory_mb: int,
) -> QueryResult:
    started = time.monotonic()
    request = dict(
        path=str(path),
        text=text,
        default_graph=default_graph,
        named_graphs=named_graphs,
        max_rows=max_rows,
        memory_mb=memory_mb,
    )
    pid, fd = _server.start_child(request)
    try:
        data = _read_answer(fd, started + timeout, timeout)
    except QueryTimeout:
        # the child is still running (its pipe is open), so the pid is still its own
        os.kill(pid, signal.SIGKILL)
        raise
    finally:
        os.close(fd)
    if not data:
        raise QueryTimeout(
            f"the query was stopped: it needed more than the {memory_mb} MiB of memory a query "
            "may use; narrow it down or add a LIMIT"
        )
    message = pickle.loads(data)
    elapsed = (time.monotonic() - started) * 1000
    if message[0] == "syntax":
        raise QuerySyntaxError(message[1])
    if message[0] == "error":
        raise QueryTimeout(message[1]) if "memory" in message[1] else RuntimeError(message[1])
    kind, variables, payload, truncated = message
    if kind == "boolean":
        return QueryResult(kind="boolean", boolean=payload, elapsed_ms=elapsed)
    rows = [tuple(from_wire(w) for w in row) for row in payload]
    return QueryResult(kind=kind, variables=variables, rows=rows, truncated=truncated, elapsed_ms=elapsed)
