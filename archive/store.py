"""The graph store of one clearance level: a small interface and its embedded Oxigraph implementation.

Every level keeps one named graph per source document; queries see the union of the named graphs as
their default graph. ``replace_graphs`` is the only write and is atomic: one SPARQL Update request
(``DROP SILENT GRAPH``, then ``INSERT DATA``) which Oxigraph applies as a single transaction — or, when
none of the graphs exists yet (a first ingest), one ``Store.extend``, which is also one transaction and
skips writing and parsing SPARQL text.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable, Iterator, Mapping
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

import pyoxigraph as ox
from rdflib.term import Node

from .query_worker import DEFAULT_MAX_BYTES, close_pool, readers_held_off, run_in_worker
from .terms import (
    GraphContent,
    GraphText,
    PlainTerm,
    Quads,
    RdfTriple,
    from_ox,
    graph_scope,
    ntriples_lines,
    plain_from_ox,
    quads_as_ntriples,
    to_ox,
)

if TYPE_CHECKING:
    from .results import QueryResult

log = logging.getLogger(__name__)

Binding = dict[str, Node]


class GraphStore(Protocol):
    """What the archive needs from a store; ``OxigraphStore`` (embedded) and ``SparqlStore`` (remote)."""

    def replace_graphs(self, graphs: Mapping[str, GraphContent]) -> None: ...

    def drop_graphs(self, graph_iris: Iterable[str]) -> None: ...

    def graph_iris(self) -> set[str]: ...

    def triples(self, graph_iri: str) -> list[RdfTriple]: ...

    def quads(self) -> Iterator[tuple[Node, Node, Node, str]]: ...

    def select(self, query: str, bindings: Mapping[str, Node] | None = None) -> list[Binding]: ...

    def select_plain(
        self, query: str, bindings: Mapping[str, Node] | None = None
    ) -> list[dict[str, PlainTerm]]: ...

    def construct(self, query: str, bindings: Mapping[str, Node] | None = None) -> list[RdfTriple]: ...

    def run_user_query(
        self,
        text: str,
        default_graph: list[str] | None,
        named_graphs: list[str] | None,
        timeout: float,
        max_rows: int,
        memory_mb: int,
        max_bytes: int = DEFAULT_MAX_BYTES,
    ) -> QueryResult: ...

    def clear(self) -> None: ...

    def flush(self) -> None: ...

    def close(self) -> None: ...


class GraphStoreBase:
    """The one-graph conveniences every implementation shares."""

    def replace_graph(self, graph_iri: str, triples: Iterable[RdfTriple]) -> None:
        """Replace one graph's content atomically (readers see the old content or the new, never a mix)."""
        self.replace_graphs({graph_iri: triples})  # type: ignore[attr-defined]

    def drop_graph(self, graph_iri: str) -> None:
        self.drop_graphs([graph_iri])  # type: ignore[attr-defined]


def replace_update(graphs: Mapping[str, GraphContent]) -> str:
    """One SPARQL Update that replaces each graph's content; applied atomically by the server."""
    parts: list[str] = []
    for graph_iri, triples in graphs.items():
        g = str(ox.NamedNode(graph_iri))
        parts.append(f"DROP SILENT GRAPH {g}")
        if isinstance(triples, GraphText):  # converted and scoped by the writer
            text = triples.ntriples()
        elif isinstance(triples, Quads):  # already converted and scoped
            text = quads_as_ntriples(triples) if triples else ""
        else:
            text = "\n".join(ntriples_lines(triples, graph_scope(graph_iri)))
        if text:
            parts.append("INSERT DATA { GRAPH " + g + " {\n" + text + "\n} }")
    return " ;\n".join(parts)


def _prepared(graphs: Mapping[str, GraphContent]) -> bool:
    """Whether the writer converted and scoped every graph already (N-Quads text or pyoxigraph quads)."""
    return all(isinstance(ts, Quads | GraphText) for ts in graphs.values())


def _prepared_nquads(graphs: Mapping[str, GraphContent]) -> tuple[bytes, int]:
    """The quads of prepared graphs as one N-Quads text for one load, and how many there are (pyoxigraph
    quads, e.g. of a replayed journal entry, serialised too, so that one load adds everything)."""
    texts = [ts.text for ts in graphs.values() if isinstance(ts, GraphText) and ts.count]
    count = sum(ts.count for ts in graphs.values() if isinstance(ts, GraphText))
    quads = [q for ts in graphs.values() if isinstance(ts, Quads) for q in ts]
    if quads:
        texts.append(ox.serialize(quads, format=ox.RdfFormat.N_QUADS).decode("utf-8"))
        count += len(quads)
    return "".join(texts).encode("utf-8"), count


#: Batches of at least this many new quads are added with ``bulk_extend`` when nothing reads the store.
BULK_MIN_QUADS = 20_000


class OxigraphStore(GraphStoreBase):
    """An embedded pyoxigraph store on disk (``levels/<level>/store``), opened read-write by the archive."""

    def __init__(self, path: Path) -> None:
        path.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._store = ox.Store(str(path))
        # bulk writes since the last compaction, and whether one of them joined data already there: the
        # next flush (the end of a writer session) compacts then (see ``flush``)
        self._bulk_writes = 0
        self._bulk_joined = False

    def replace_graphs(self, graphs: Mapping[str, GraphContent]) -> None:
        if self._all_new(graphs):
            nquads, count = _prepared_nquads(graphs)
            if count:
                self._add_new(nquads, count)
            return
        if self._replace_unread(graphs):
            return
        update = replace_update(graphs)
        if update:
            # query workers open the store read-only and read RocksDB's log too, so no flush is needed here
            self._store.update(update)

    def _replace_unread(self, graphs: Mapping[str, GraphContent]) -> bool:
        """Replace prepared graphs in two steps while no query worker reads this store: drop them, then load
        their N-Quads. Whether it did.

        A reader could see the graphs missing between the steps, so this goes only where ``_add_new``
        bulk-loads (``readers_held_off``); a crash between them leaves what the journal's replay then
        replaces whole. One SPARQL update with the triples as ``INSERT DATA`` is what a read store gets:
        for the 30 documents the FRUS folder's actor pass stores again (874 kB a level), the update's
        parser took 0.23-0.25 s a level, three levels side by side, against N-Quads loaded in a fraction
        of it (see docs/performance.md).
        """
        if not graphs or not _prepared(graphs):
            return False
        with readers_held_off(self.path) as unread:
            if not unread:
                return False
            self._store.update(" ;\n".join(f"DROP SILENT GRAPH {ox.NamedNode(g)}" for g in graphs))
            nquads, count = _prepared_nquads(graphs)
            if count:
                self._store.load(nquads, format=ox.RdfFormat.N_QUADS, lenient=True)
            return True

    def _add_new(self, nquads: bytes, count: int) -> None:
        """Add the quads (N-Quads, every term written by pyoxigraph) of graphs this store does not hold yet.

        ``load`` is one transaction: readers see all of these graphs or none. ``bulk_load`` writes
        sorted files straight into RocksDB, about 5x cheaper (150k quads: 1.2 CPU-s against 6.2), but a
        reader could see part of it, so it is used only while no query worker reads this store
        (``precedent ingest``; in a running server, only a level nobody has queried yet, whose first
        query then waits), and for batches big enough to outweigh its cost per call (~60 ms) and the
        compaction at the end of the session. A crash midway leaves graphs the journal replay then
        replaces whole. The text is parsed leniently (IRIs not checked twice): the writer made every
        term of it with pyoxigraph, which checked them.
        """
        if count >= BULK_MIN_QUADS:
            with readers_held_off(self.path) as unread:
                if unread:
                    if not self._bulk_writes:
                        held = self._store.quads_for_pattern(None, None, None, None)
                        self._bulk_joined = sum(1 for _ in islice(held, BULK_MIN_QUADS)) >= BULK_MIN_QUADS
                    self._store.bulk_load(nquads, format=ox.RdfFormat.N_QUADS, lenient=True)
                    self._bulk_writes += 1
                    return
        self._store.load(nquads, format=ox.RdfFormat.N_QUADS, lenient=True)

    def _all_new(self, graphs: Mapping[str, GraphContent]) -> bool:
        """Prepared quads for graphs this store does not hold: adding them equals replacing them."""
        held = self._store.contains_named_graph
        return _prepared(graphs) and not any(held(ox.NamedNode(g)) for g in graphs)

    def flush(self) -> None:
        self._store.flush()
        if self._bulk_writes > 1 or self._bulk_joined:
            # bulk writes leave their files beside the compacted ones, and every lookup then reads more
            # files: on 300 generated minutes (two bulk batches) cq01 took 181 ms after bulk writes against
            # 144 ms after transactional ones, and 125 ms once compacted here (which cost 0.3 s on top of
            # 1.2 s). One bulk load into a store holding little (a first ingest: the vocabulary) needs no
            # compaction: 150k quads queried alternately, compacted or not, answered alike (20.7 against
            # 26.6 ms for a join, 1.1 against 1.0 ms for a pattern), and compacting them cost 0.45 s.
            started = time.perf_counter()
            self._store.optimize()
            self._bulk_writes, self._bulk_joined = 0, False
            log.info("compacted %s after bulk writes in %.1f s", self.path, time.perf_counter() - started)

    def drop_graphs(self, graph_iris: Iterable[str]) -> None:
        update = " ;\n".join(f"DROP SILENT GRAPH {ox.NamedNode(g)}" for g in graph_iris)
        if update:
            self._store.update(update)

    def graph_iris(self) -> set[str]:
        return {g.value for g in self._store.named_graphs() if isinstance(g, ox.NamedNode)}

    def triples(self, graph_iri: str) -> list[RdfTriple]:
        quads = self._store.quads_for_pattern(None, None, None, ox.NamedNode(graph_iri))
        return [(from_ox(q.subject), from_ox(q.predicate), from_ox(q.object)) for q in quads]

    def quads(self) -> Iterator[tuple[Node, Node, Node, str]]:
        for q in self._store.quads_for_pattern(None, None, None, None):
            if isinstance(q.graph_name, ox.NamedNode):
                yield from_ox(q.subject), from_ox(q.predicate), from_ox(q.object), q.graph_name.value

    def _run(self, query: str, bindings: Mapping[str, Node] | None):
        substitutions = {ox.Variable(k): to_ox(v) for k, v in (bindings or {}).items()}
        return self._store.query(query, use_default_graph_as_union=True, substitutions=substitutions or None)

    def select(self, query: str, bindings: Mapping[str, Node] | None = None) -> list[Binding]:
        # pyoxigraph's result iterators may only be dropped on the thread that made them: each is
        # deleted on the way out, error or not, so a traceback kept by a caller (or a reference cycle
        # the collector breaks later, on any web thread) never holds one.
        solutions = self._run(query, bindings)
        try:
            names = [v.value for v in solutions.variables]
            rows: list[Binding] = []
            for solution in solutions:
                row = {}
                for name in names:
                    value = solution[name]
                    if value is not None:
                        row[name] = from_ox(value)
                rows.append(row)
            return rows
        finally:
            del solutions

    def select_plain(
        self, query: str, bindings: Mapping[str, Node] | None = None
    ) -> list[dict[str, PlainTerm]]:
        """``select`` with IRIs and strings as ``str`` (``terms.plain_from_ox``): no rdflib term for them."""
        solutions = self._run(query, bindings)
        try:
            names = [v.value for v in solutions.variables]
            rows: list[dict[str, PlainTerm]] = []
            for solution in solutions:
                row = {}
                for name in names:
                    value = solution[name]
                    if value is not None:
                        row[name] = plain_from_ox(value)
                rows.append(row)  # type: ignore[arg-type]
            return rows
        finally:
            del solutions  # dropped on this thread, as in ``select``

    def construct(self, query: str, bindings: Mapping[str, Node] | None = None) -> list[RdfTriple]:
        triples = self._run(query, bindings)
        try:
            rows: list[RdfTriple] = []
            for t in triples:
                rows.append((from_ox(t.subject), from_ox(t.predicate), from_ox(t.object)))
            return rows
        finally:
            del triples  # dropped on this thread, as in ``select``

    def run_user_query(
        self,
        text: str,
        default_graph: list[str] | None,
        named_graphs: list[str] | None,
        timeout: float,
        max_rows: int,
        memory_mb: int,
        max_bytes: int = DEFAULT_MAX_BYTES,
    ) -> QueryResult:
        return run_in_worker(
            self.path, text, default_graph, named_graphs, timeout, max_rows, memory_mb, max_bytes
        )

    def clear(self) -> None:
        self._store.clear()
        self._store.flush()

    def close(self) -> None:
        close_pool(self.path)  # the query workers hold read-only handles on this store
        try:
            self._store.flush()
        except OSError:
            log.warning("flushing store %s failed on close", self.path)
        del self._store
