"""A persistent query worker: one process that keeps one level's store open read-only and answers queries.

Started by ``archive.query_worker`` as ``python -m archive.query_server FD STORE_PATH MEMORY_MB`` (a
fresh interpreter, so the web application is never re-imported), it serves requests one at a time
over the Unix socket ``FD``: a length-prefixed pickled request in, a length-prefixed pickled answer
out. Before each query it compares the store's snapshot key (``archive.generation``) with the one it
opened and reopens when they differ, because a read-only RocksDB handle never sees later writes.
Its address space is capped with ``RLIMIT_AS`` for its whole life; a query that needs more either gets
a ``MemoryError`` (answered, then the worker exits) or aborts the process; the client replaces it.
The worker exits when the client closes its end of the socket.

Before it opens anything the worker leaves the network (``archive.sandbox``: a network namespace of its
own), so a ``SERVICE`` that got past the checker reaches nothing, and it lowers its CPU priority so that
pages, search and health checks in the web process are served first when user queries keep both cores
busy.
"""

from __future__ import annotations

import gc
import os
import pickle
import resource
import signal
import socket
import struct
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pyoxigraph as ox

from archive.generation import snapshot_key
from archive.sandbox import leave_network
from archive.terms import to_wire

FRAME = struct.Struct("!Q")
MAX_REQUEST = 1 << 20
#: Seconds past a query's own timeout after which the worker ends itself (the client normally kills it).
WATCHDOG_GRACE = 5.0
#: Added to the worker's nice value: user queries yield the CPU to the web process's pages.
NICENESS = 10

#: A read-only RocksDB instance can find an SST file gone when the writer's background compaction
#: removes it between listing and reading; a fresh open sees the new file set.
_RACE_MARKERS = ("No such file or directory", "Corruption")
_ATTEMPTS = 4


class StoreSnapshot:
    """The worker's read-only handle on one store, reopened whenever the store has changed since."""

    def __init__(self, path: str) -> None:
        self.path = path
        self._store: ox.Store | None = None
        self._key: tuple | None = None

    def current(self) -> ox.Store:
        key = snapshot_key(Path(self.path))
        if self._store is None or key != self._key:
            self._store = None  # release the old snapshot (and its hold on deleted files) first
            self._store = ox.Store.read_only(self.path)
            self._key = key
        return self._store

    def forget(self) -> None:
        self._store = None
        self._key = None


def evaluate(
    snapshot: StoreSnapshot,
    text: str,
    default_graph: list[str] | None,
    named_graphs: list[str] | None,
    max_rows: int,
    memory_mb: int,
    max_bytes: int = 32 * 1024 * 1024,
) -> tuple:
    """Evaluate one query; the answer is a message tuple, never an exception."""
    try:
        for attempt in range(_ATTEMPTS):
            try:
                return _answer(snapshot.current(), text, default_graph, named_graphs, max_rows, max_bytes)
            except (OSError, RuntimeError) as exc:
                if attempt == _ATTEMPTS - 1 or not any(m in str(exc) for m in _RACE_MARKERS):
                    raise
                snapshot.forget()
                time.sleep(0.05 * (attempt + 1))
        raise RuntimeError("unreachable")
    except SyntaxError as exc:
        return ("syntax", str(exc))
    except Unanswerable as exc:
        return ("unanswerable", str(exc))
    except MemoryError:
        return ("memory", f"the query needed more than {memory_mb} MiB of memory and was stopped")
    except Exception as exc:  # the message goes back to the user; the worker must not die silently
        return ("error", f"{type(exc).__name__}: {exc}")


class Unanswerable(Exception):
    """The engine cannot evaluate this query (an unknown function, a term it cannot return): the query's
    fault, not the server's, so the user gets a 400 with the engine's reason."""


def _size(row: tuple) -> int:
    """About how many bytes a row of wire terms takes in a response (its strings plus some markup)."""
    return sum(16 + sum(len(part) for part in term) for term in row if term is not None)


class _WireTerms:
    """``to_wire`` that converts each distinct term of one answer once and hands back the same tuple.

    Results repeat their terms (the same owner, type or decision on many rows): a term read out of
    Oxigraph costs several calls into Rust, a dictionary lookup one hash; pickle writes a tuple it has
    already written as a back-reference, so the answer is smaller and the web process rebuilds each
    distinct term once; and the byte cap counts each distinct term's size once. Lives for one answer,
    so it holds no more than the capped answer does. ``term`` and ``size`` are closures (cheaper to
    call per cell than a method).
    """

    def __init__(self) -> None:
        seen: dict[object, tuple[str, ...] | None] = {}
        sizes: dict[int, int] = {id(None): 0}  # by ``id`` of the tuples ``seen`` keeps alive
        known = seen.get

        def term(value: object) -> tuple[str, ...] | None:
            wire = known(value)
            if wire is None:
                if value is None:
                    return None
                wire = seen[value] = to_wire(value)
                sizes[id(wire)] = 16 + sum(map(len, wire))  # what ``_size`` counts for one term
            return wire

        def size(row: tuple) -> int:
            """``_size(row)`` for a row of this object's own tuples."""
            return sum(map(sizes.__getitem__, map(id, row)))

        self.term = term
        self.size = size


def _answer(
    store: ox.Store,
    text: str,
    default_graph: list[str] | None,
    named_graphs: list[str] | None,
    max_rows: int,
    max_bytes: int,
) -> tuple:
    kwargs: dict[str, object] = {}
    if default_graph is not None:
        kwargs["default_graph"] = [ox.NamedNode(g) for g in default_graph]
    else:
        kwargs["use_default_graph_as_union"] = True
    if named_graphs is not None:
        kwargs["named_graphs"] = [ox.NamedNode(g) for g in named_graphs]
    try:
        answer = store.query(text, **kwargs)
        if isinstance(answer, ox.QueryBoolean):
            return ("boolean", [], bool(answer), "")
        terms = _WireTerms()
        if isinstance(answer, ox.QuerySolutions):
            variables = [v.value for v in answer.variables]
            wire = (tuple(map(terms.term, solution)) for solution in answer)  # values in variable order
            return ("bindings", variables, *_capped(wire, max_rows, max_bytes, terms.size))
        wire = ((terms.term(t.subject), terms.term(t.predicate), terms.term(t.object)) for t in answer)
        return ("graph", ["subject", "predicate", "object"], *_capped(wire, max_rows, max_bytes, terms.size))
    except (RuntimeError, ValueError, TypeError) as exc:
        if isinstance(exc, OSError) or any(m in str(exc) for m in _RACE_MARKERS):
            raise  # the store, not the query: retried by ``evaluate``, else a server error
        raise Unanswerable(str(exc)) from None


def _capped(
    wire: Iterator[tuple], max_rows: int, max_bytes: int, size_of: Callable[[tuple], int] = _size
) -> tuple[list[tuple], str]:
    """The first rows within both caps, and which cap cut the answer (``"rows"``, ``"bytes"`` or ``""``)."""
    rows: list[tuple] = []
    size = 0
    for row in wire:
        if len(rows) >= max_rows:
            return rows, "rows"
        size += size_of(row)
        if size > max_bytes:
            return rows, "bytes"
        rows.append(row)
    return rows, ""


def _recv_exact(sock: socket.socket, size: int) -> bytes:
    buffer = bytearray(size)
    view = memoryview(buffer)
    got = 0
    while got < size:
        n = sock.recv_into(view[got:], size - got)
        if n == 0:
            raise EOFError
        got += n
    return bytes(buffer)


def serve(sock: socket.socket, path: str, memory_mb: int) -> None:
    """Answer requests until the client hangs up."""
    snapshot = StoreSnapshot(path)
    try:
        snapshot.current()  # open while idle, so the first query does not pay for it
    except Exception:  # noqa: BLE001 - a store that cannot open yet is retried (and reported) per query
        snapshot.forget()
    # The cyclic collector never runs while a query is answered: building an answer of many rows
    # allocates a tuple per row and per distinct term, and with the collector on, the 300-minute
    # benchmark's workers paused for it up to 13 ms (young generations) and 34 ms (full passes) in the
    # middle of answers. An answer makes no reference cycles (its tuples are freed by reference
    # counting once sent), so the collector runs between queries instead, after the answer is sent
    # (``collect_between_queries``), over only what the worker made after start-up (``gc.freeze``).
    gc.collect()
    gc.freeze()
    gc.disable()
    while True:
        try:
            (size,) = FRAME.unpack(_recv_exact(sock, FRAME.size))
            if size > MAX_REQUEST:
                return
            request = pickle.loads(_recv_exact(sock, size))
        except (EOFError, OSError):
            return  # the archive process closed the pool or went away
        # If the archive process dies while this query runs, nobody is left to kill us at the deadline:
        # a real-time alarm (default action: terminate, no Python handler needed) does it instead.
        signal.setitimer(signal.ITIMER_REAL, float(request.pop("timeout", 0)) + WATCHDOG_GRACE)
        answer = evaluate(snapshot, **request)
        signal.setitimer(signal.ITIMER_REAL, 0)
        payload = pickle.dumps(answer, protocol=pickle.HIGHEST_PROTOCOL)
        try:
            sock.sendall(FRAME.pack(len(payload)) + payload)
        except OSError:
            return
        if answer[0] == "memory":
            return  # a MemoryError can leave the interpreter in a poor state; the client starts a fresh one
        del answer, payload, request
        collect_between_queries()


def collect_between_queries() -> None:
    """A full collection once the containers allocated and not yet freed since the last one pass the
    interpreter's own first threshold (700): about when ``gc`` would have run, but while no one waits."""
    if gc.get_count()[0] >= gc.get_threshold()[0]:
        gc.collect()


def main() -> None:
    fd, path, memory_mb = int(sys.argv[1]), sys.argv[2], int(sys.argv[3])
    # First, while this process has one thread: unprivileged user namespaces require that.
    refused = leave_network()
    if refused is not None:
        print(
            f"WARNING archive.query_server: query worker {os.getpid()} keeps network access: {refused}. "
            "SERVICE is still refused by the checker, but the worker is not sealed off; run as root or "
            "allow unprivileged user namespaces (sysctl kernel.unprivileged_userns_clone=1)",
            file=sys.stderr,
            flush=True,
        )
    try:
        os.nice(NICENESS)
    except OSError:
        pass
    sock = socket.socket(fileno=fd)
    signal.signal(signal.SIGALRM, signal.SIG_DFL)
    # a query that hits its memory cap aborts with a Rust backtrace; that is not news for the log
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 2)
    os.close(devnull)
    if memory_mb:
        limit = memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    serve(sock, path, memory_mb)


if __name__ == "__main__":
    main()
