"""Run one user SPARQL query in a killable child process with a wall-clock timeout, a memory cap and a row cap.

pyoxigraph 0.5 cannot cancel a running query, and a thread cannot be killed, so a query that
would run for hours (a cross product, a ``COUNT`` over ``?s ?p ?o`` joins) runs in a child forked from
a clean forkserver that opens the level's store read-only. The parent waits ``timeout`` seconds and
kills the child if it has not answered. Measured on this machine: ~20 ms overhead per query (fork,
open read-only, send rows) against ~1 ms in-process; the archive's own queries stay in-process.
"""

from __future__ import annotations

import multiprocessing
import resource
import time
from multiprocessing.connection import Connection
from pathlib import Path

import pyoxigraph as ox

from .errors import QuerySyntaxError, QueryTimeout
from .results import QueryResult
from .terms import from_wire, to_wire

_context = None


def _ctx():
    global _context  # one forkserver per process, started lazily; it holds no store handle
    if _context is None:
        _context = multiprocessing.get_context("forkserver")
        _context.set_forkserver_preload(["pyoxigraph", "archive.query_worker"])
    return _context


def _evaluate(path: str, text: str, default_graph: list[str] | None, named_graphs: list[str] | None,
              max_rows: int, memory_mb: int, conn: Connection) -> None:
    """Child side: open the store read-only, evaluate, send at most ``max_rows`` rows back."""
    try:
        if memory_mb:
            limit = memory_mb * 1024 * 1024
            resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
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
            conn.send(("boolean", [], bool(answer), False))
            return
        rows: list[tuple] = []
        truncated = False
        if isinstance(answer, ox.QuerySolutions):
            variables = [v.value for v in answer.variables]
            for solution in answer:
                if len(rows) >= max_rows:
                    truncated = True
                    break
                rows.append(tuple(to_wire(solution[i]) for i in range(len(variables))))
            conn.send(("bindings", variables, rows, truncated))
            return
        for triple in answer:
            if len(rows) >= max_rows:
                truncated = True
                break
            rows.append((to_wire(triple.subject), to_wire(triple.predicate), to_wire(triple.object)))
        conn.send(("graph", ["subject", "predicate", "object"], rows, truncated))
    except SyntaxError as exc:
        conn.send(("syntax", str(exc)))
    except MemoryError:
        conn.send(("error", f"the query needed more than {memory_mb} MiB of memory and was stopped"))
    except Exception as exc:  # the message goes back to the user; the child must not die silently
        conn.send(("error", f"{type(exc).__name__}: {exc}"))
    finally:
        conn.close()


def run_in_worker(path: Path, text: str, default_graph: list[str] | None, named_graphs: list[str] | None,
                  timeout: float, max_rows: int, memory_mb: int) -> QueryResult:
    ctx = _ctx()
    started = time.monotonic()
    receiver, sender = ctx.Pipe(duplex=False)
    child = ctx.Process(target=_evaluate, daemon=True,
                        args=(str(path), text, default_graph, named_graphs, max_rows, memory_mb, sender))
    child.start()
    sender.close()
    try:
        if not receiver.poll(timeout):
            raise QueryTimeout(f"the query ran longer than {timeout:g} s and was stopped; "
                               "narrow it down or add a LIMIT")
        try:
            message = receiver.recv()
        except EOFError:
            raise QueryTimeout("the query worker stopped without an answer (memory cap reached?)") from None
    finally:
        if child.is_alive():
            child.kill()
        child.join(5)
        receiver.close()
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
