"""Run a list of SPARQL queries on a raw engine in a child process that is killed when one runs too long.

Neither pyoxigraph nor rdflib can cancel a running query, and some analytics queries run for many
minutes on a naive engine. The child loads the data once and answers query after query on a pipe; if
one does not answer within the limit, the child is killed, the query is reported as stopped, and a
new child loads the data again for the queries left.
"""

from __future__ import annotations

import multiprocessing
import time
from pathlib import Path

#: A query's repeats stop once they have taken this long together: a slow query needs fewer samples.
REPEAT_BUDGET_S = 3.0


def _open(engine: str, source: str) -> object:
    if engine == "oxigraph":
        import pyoxigraph as ox

        return ox.Store.read_only(source)
    from rdflib import Dataset

    dataset = Dataset(default_union=True)
    dataset.parse(source, format="nquads")
    return dataset


def _run(engine: str, data: object, text: str) -> int:
    if engine == "oxigraph":
        import pyoxigraph as ox

        answer = data.query(text, use_default_graph_as_union=True)
        return 1 if isinstance(answer, ox.QueryBoolean) else sum(1 for _ in answer)  # read every row
    return len(list(data.query(text)))


def _child(engine: str, source: str, names: list[str], texts: list[str], repeats: int, conn: object) -> None:
    started = time.perf_counter()
    data = _open(engine, source)
    conn.send(("(load)", time.perf_counter() - started))
    for name, text in zip(names, texts, strict=True):
        samples: list[float] = []
        try:
            spent = 0.0
            # one extra first run warms caches; it is dropped when there are others
            while len(samples) < repeats + 1 and spent < REPEAT_BUDGET_S:
                began = time.perf_counter()
                _run(engine, data, text)
                samples.append((time.perf_counter() - began) * 1000)
                spent += samples[-1] / 1000
            conn.send((name, samples[1:] if len(samples) > 1 else samples))
        except Exception as error:  # noqa: BLE001 - an engine may not support a query; report it
            conn.send((name, f"{type(error).__name__}: {str(error)[:200]}"))


def run_in_child(
    engine: str,
    source: Path,
    queries: dict[str, str],
    repeats: int,
    timeout_s: float,
    load_timeout_s: float = 1800.0,
) -> tuple[float, dict[str, list[float]], dict[str, str]]:
    """``(seconds to load, milliseconds per query, failures)`` for ``engine`` "oxigraph" or "rdflib"."""
    context = multiprocessing.get_context("spawn")
    pending = list(queries.items())
    timings: dict[str, list[float]] = {}
    failed: dict[str, str] = {}
    load_s = float("nan")
    while pending:
        parent, child = context.Pipe(duplex=False)
        args = (engine, str(source), [n for n, _ in pending], [t for _, t in pending], repeats, child)
        process = context.Process(target=_child, args=args, daemon=True)
        process.start()
        child.close()
        try:
            if not parent.poll(load_timeout_s):
                failed["(load)"] = f"loading took over {load_timeout_s:.0f} s"
                break
            _, load_s = parent.recv()
            while pending:
                name = pending[0][0]
                if not parent.poll(timeout_s + REPEAT_BUDGET_S):
                    failed[name] = f"over {timeout_s:.0f} s: stopped"
                    pending.pop(0)
                    break
                answered, value = parent.recv()
                pending.pop(0)
                if isinstance(value, str):
                    failed[answered] = value
                else:
                    timings[answered] = value
        except EOFError:
            failed[pending.pop(0)[0]] = f"the {engine} process died"
        finally:
            process.kill()
            process.join(5)
            parent.close()
    return load_s, timings, failed
