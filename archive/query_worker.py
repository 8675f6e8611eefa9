"""Run a user's SPARQL query on a pool of persistent, killable worker processes.

pyoxigraph cannot cancel a running query and a thread cannot be killed, so user queries run in
separate processes (``archive.query_server``), each holding its level's store open read-only. A pool
per store (``PRECEDENT_QUERY_WORKERS`` processes, default 2) is started on first use; requests from
the web server's threads queue for a free worker. Every guarantee of a one-shot child still holds:

* wall-clock timeout: the caller waits at most ``timeout`` seconds (queueing included); on expiry
  the worker is killed with SIGKILL, a replacement is started and the caller gets ``QueryTimeout``;
* memory cap: each worker runs under ``RLIMIT_AS``; a worker that dies mid-query is replaced and the
  caller is told the query needed too much memory;
* row and byte caps: at most ``max_rows`` rows and about ``max_bytes`` bytes of terms come back, with
  ``truncated`` set (and ``truncated_at`` saying which cap) when more existed;
* freshness: a worker reopens its snapshot whenever the store's snapshot key changed (see
  ``archive.generation``), so a query after a committed write sees that write.

``close_pool(path)`` (called by ``OxigraphStore.close``) and interpreter exit stop every worker.
The archive's own fixed queries stay in-process.
"""

from __future__ import annotations

import atexit
import logging
import os
import pickle
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .errors import QueryRefused, QuerySyntaxError, QueryTimeout
from .results import QueryResult

log = logging.getLogger(__name__)

DEFAULT_WORKERS = 2
#: The byte cap of a result when the caller names none (``ArchiveConfig.max_result_bytes``).
DEFAULT_MAX_BYTES = 32 * 1024 * 1024
#: A worker is retired after this many queries, so slow growth of its heap never meets the memory cap.
RECYCLE_AFTER = 2000

_FRAME_SIZE = 8  # the "!Q" length prefix of archive.query_server.FRAME


def pool_size() -> int:
    """Workers per store: ``PRECEDENT_QUERY_WORKERS`` (at least 1), else ``DEFAULT_WORKERS``."""
    try:
        return max(1, int(os.environ.get("PRECEDENT_QUERY_WORKERS", DEFAULT_WORKERS)))
    except ValueError:
        return DEFAULT_WORKERS


class _Expired(Exception):
    """The deadline passed before the worker answered."""


class _Gone(Exception):
    """The worker was dead before it received the request."""


class Worker:
    """One ``archive.query_server`` process and the client end of its socket."""

    def __init__(self, path: str, memory_mb: int) -> None:
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "archive.query_server", str(theirs.fileno()), path, str(memory_mb)],
                pass_fds=(theirs.fileno(),),
                stdin=subprocess.DEVNULL,
                close_fds=True,
            )
        except BaseException:
            ours.close()
            raise
        finally:
            theirs.close()
        self.sock = ours
        self.served = 0

    @property
    def pid(self) -> int:
        return self.process.pid

    def alive(self) -> bool:
        if self.process.poll() is not None:
            return False
        # a killed multi-threaded process is a zombie ("Z") before waitpid can reap it
        try:
            stat = Path(f"/proc/{self.pid}/stat").read_bytes()
        except FileNotFoundError:
            return False
        except OSError:  # no /proc here: trust poll()
            return True
        return stat[stat.rindex(b")") + 2 : stat.rindex(b")") + 3] not in (b"Z", b"X")

    def ask(self, payload: bytes, deadline: float) -> bytes | None:
        """Send one framed request, wait for the framed answer; ``None`` if the worker died meanwhile."""
        self.served += 1
        try:
            self.sock.settimeout(max(deadline - time.monotonic(), 0.001))
            self.sock.sendall(len(payload).to_bytes(_FRAME_SIZE, "big") + payload, socket.MSG_NOSIGNAL)
        except TimeoutError as exc:
            raise _Expired from exc
        except OSError as exc:  # broken pipe, connection reset: it died while idle
            raise _Gone from exc
        header = self._receive(_FRAME_SIZE, deadline)
        if header is None:
            return None
        return self._receive(int.from_bytes(header, "big"), deadline)

    def _receive(self, size: int, deadline: float) -> bytes | None:
        buffer = bytearray(size)
        view = memoryview(buffer)
        got = 0
        while got < size:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise _Expired
            self.sock.settimeout(remaining)
            try:
                n = self.sock.recv_into(view[got:], min(size - got, 1 << 22))
            except TimeoutError as exc:
                raise _Expired from exc
            except OSError:
                return None
            if n == 0:
                return None
            got += n
        return bytes(buffer)

    def exit_status(self, wait: float = 1.0) -> int | None:
        """The exit status of a worker that hung up (negative: the signal that ended it)."""
        try:
            return self.process.wait(wait)
        except subprocess.TimeoutExpired:
            return None

    def stop(self) -> None:
        """Kill and reap the process (SIGKILL: it may be deep inside a query that never yields)."""
        if self.process.poll() is None:
            self.process.kill()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:  # pragma: no cover - SIGKILL is not ignorable
            log.error("query worker %d did not exit after SIGKILL", self.pid)
        self.sock.close()


class WorkerPool:
    """The workers of one store and one memory cap; requests queue for a free one."""

    def __init__(self, path: str, memory_mb: int, size: int) -> None:
        self.path = path
        self.memory_mb = memory_mb
        self.size = size
        self._cond = threading.Condition()
        self._idle: list[Worker] = []
        self._all: set[Worker] = set()
        self._closed = False

    def pids(self) -> list[int]:
        with self._cond:
            return sorted(w.pid for w in self._all)

    def run(self, request: dict, deadline: float, timeout: float) -> tuple:
        """The worker's answer message for ``request``; raises ``QueryTimeout`` at the deadline."""
        payload = pickle.dumps(request, protocol=pickle.HIGHEST_PROTOCOL)
        for attempt in (1, 2):
            worker = self._acquire(deadline, timeout)
            try:
                reply = worker.ask(payload, deadline)
            except _Expired:
                self._release(worker, healthy=False)
                raise QueryTimeout(
                    f"the query ran longer than {timeout:g} s and was stopped; narrow it down or add a LIMIT"
                ) from None
            except _Gone:
                self._release(worker, healthy=False)
                if attempt == 2:
                    raise RuntimeError(
                        "query workers keep dying before they answer; see the server log"
                    ) from None
                continue
            except BaseException:
                self._release(worker, healthy=False)
                raise
            if reply is None:
                status = worker.exit_status()
                self._release(worker, healthy=False)
                if status is not None and status > 0:  # a Python-level failure, not a signal
                    raise RuntimeError(f"the query worker failed (exit status {status}); see the server log")
                if self.memory_mb:
                    raise QueryTimeout(
                        f"the query was stopped: it needed more than the {self.memory_mb} MiB of memory a "
                        "query may use; narrow it down or add a LIMIT"
                    )
                raise RuntimeError("the query's worker process stopped unexpectedly")
            message = pickle.loads(reply)
            self._release(worker, healthy=message[0] != "memory")
            return message
        raise RuntimeError("unreachable")

    def _acquire(self, deadline: float, timeout: float) -> Worker:
        with self._cond:
            while True:
                if self._closed:
                    raise RuntimeError("the archive was closed while the query waited")
                while self._idle:
                    worker = self._idle.pop()
                    if worker.alive():
                        return worker
                    log.warning("query worker %d for %s had died; replacing it", worker.pid, self.path)
                    self._discard(worker)
                if len(self._all) < self.size:
                    worker = self._spawn()
                    while len(self._all) < self.size:  # warm the rest of the pool in the background
                        self._idle.append(self._spawn())
                    return worker
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise QueryTimeout(
                        f"every query worker stayed busy for {timeout:g} s; try again in a moment"
                    )
                self._cond.wait(remaining)

    def _release(self, worker: Worker, healthy: bool) -> None:
        with self._cond:
            if healthy and not self._closed and worker.served < RECYCLE_AFTER:
                self._idle.append(worker)
            else:
                self._discard(worker)
                if not self._closed:
                    self._idle.append(self._spawn())  # the replacement starts while nobody waits on it
            self._cond.notify()

    def _spawn(self) -> Worker:
        worker = Worker(self.path, self.memory_mb)
        self._all.add(worker)
        return worker

    def _discard(self, worker: Worker) -> None:
        self._all.discard(worker)
        worker.stop()

    def close(self) -> None:
        """Stop every worker, idle or busy (a busy caller then gets an error); no process outlives this."""
        with self._cond:
            self._closed = True
            workers = list(self._all)
            self._all.clear()
            self._idle.clear()
            self._cond.notify_all()
        for worker in workers:
            worker.stop()


_pools: dict[tuple[str, int], WorkerPool] = {}
_pools_lock = threading.Lock()
#: Stores being written by ``bulk_extend`` (see ``readers_held_off``), and the wait for them to finish.
_bulk_writes: set[str] = set()
_bulk_done = threading.Condition(_pools_lock)


def pool_for(path: Path, memory_mb: int) -> WorkerPool:
    key = (str(path), memory_mb)
    with _pools_lock:
        while key not in _pools and key[0] in _bulk_writes:
            _bulk_done.wait()
        pool = _pools.get(key)
        if pool is None:
            pool = _pools[key] = WorkerPool(str(path), memory_mb, pool_size())
        return pool


@contextmanager
def readers_held_off(path: Path) -> Iterator[bool]:
    """While inside, no query worker can start on the store at ``path``; yields whether none is running.

    For writes that are not atomic to a concurrent reader (``bulk_extend``): they may go ahead only
    when this yields True, and a first query of that store waits until they are done. Queries of other
    stores, and of stores whose workers already run, go on meanwhile.
    """
    store = str(path)
    with _pools_lock:
        unread = not any(key[0] == store for key in _pools)
        if unread:
            _bulk_writes.add(store)
    try:
        yield unread
    finally:
        if unread:
            with _pools_lock:
                _bulk_writes.discard(store)
                _bulk_done.notify_all()


def close_pool(path: Path) -> None:
    """Stop the workers of the store at ``path`` (every memory cap); the next query starts fresh ones."""
    with _pools_lock:
        pools = [_pools.pop(key) for key in list(_pools) if key[0] == str(path)]
    for pool in pools:
        pool.close()


def close_all() -> None:
    with _pools_lock:
        pools = list(_pools.values())
        _pools.clear()
    for pool in pools:
        pool.close()


atexit.register(close_all)


def run_in_worker(
    path: Path,
    text: str,
    default_graph: list[str] | None,
    named_graphs: list[str] | None,
    timeout: float,
    max_rows: int,
    memory_mb: int,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> QueryResult:
    """Evaluate a checked user query against the store at ``path`` in a worker; see the module docstring."""
    started = time.monotonic()
    request = dict(
        text=text,
        default_graph=default_graph,
        named_graphs=named_graphs,
        max_rows=max_rows,
        max_bytes=max_bytes,
        memory_mb=memory_mb,
        timeout=timeout,
    )
    message = pool_for(path, memory_mb).run(request, started + timeout, timeout)
    elapsed = (time.monotonic() - started) * 1000
    if message[0] == "syntax":
        raise QuerySyntaxError(message[1])
    if message[0] == "unanswerable":
        raise QueryRefused(f"the query cannot be answered: {message[1]}")
    if message[0] == "memory":
        raise QueryTimeout(message[1])
    if message[0] == "error":
        raise QueryTimeout(message[1]) if "memory" in message[1] else RuntimeError(message[1])
    kind, variables, payload, truncated_at = message
    if kind == "boolean":
        return QueryResult(kind="boolean", boolean=payload, elapsed_ms=elapsed)
    return QueryResult(
        kind=kind,
        variables=variables,
        wire_rows=payload,
        truncated=bool(truncated_at),
        truncated_at=truncated_at or None,
        elapsed_ms=elapsed,
    )
