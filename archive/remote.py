"""A level's store on a remote SPARQL 1.1 server (Oxigraph, Fuseki, GraphDB, Virtuoso…), a dataset per level.

Reads go through the SPARQL 1.1 Protocol (SPARQLWrapper for SELECT/ASK, plain HTTP for graph results so
they arrive as N-Triples); writes are single SPARQL Update requests, which the server applies atomically.
The server must use the union of named graphs as its default graph (see ``docs/deployment.md``).
"""

from __future__ import annotations

import json
import re
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable, Iterator, Mapping

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.term import Node
from SPARQLWrapper import JSON, POST, POSTDIRECTLY, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import EndPointNotFound, QueryBadFormed, SPARQLWrapperException

from .config import ArchiveConfig
from .errors import ArchiveError, QuerySyntaxError, QueryTimeout
from .results import QueryResult
from .store import Binding, GraphStoreBase, replace_update
from .terms import GraphContent, PlainTerm, RdfTriple, from_ox, nt_term, plain

_WHERE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)
MAX_RESPONSE_BYTES = 512 * 1024 * 1024


def _term(binding: dict[str, str]) -> Node:
    kind = binding["type"]
    if kind == "uri":
        return URIRef(binding["value"])
    if kind == "bnode":
        return BNode(binding["value"])
    if "xml:lang" in binding:
        return Literal(binding["value"], lang=binding["xml:lang"])
    datatype = binding.get("datatype")
    if datatype and datatype != "http://www.w3.org/2001/XMLSchema#string":
        return Literal(binding["value"], datatype=URIRef(datatype))
    return Literal(binding["value"])


def bind(query: str, bindings: Mapping[str, Node] | None) -> str:
    """Bind variables of one of our own queries with a ``VALUES`` block at the top of its WHERE group."""
    if not bindings:
        return query
    names = " ".join(f"?{name}" for name in bindings)
    values = " ".join(nt_term(term) for term in bindings.values())
    block = f"VALUES ({names}) {{ ({values}) }}"
    match = _WHERE.search(query)
    if match is None:
        raise ValueError("internal query without a WHERE group cannot take bindings")
    return query[: match.end()] + " " + block + " " + query[match.end() :]


class SparqlStore(GraphStoreBase):
    """One level's dataset on a SPARQL 1.1 server."""

    def __init__(
        self, query_url: str, update_url: str, gsp_url: str | None = None, timeout: float = 60.0
    ) -> None:
        self.query_url = query_url
        self.update_url = update_url
        self.gsp_url = gsp_url
        self.timeout = timeout

    @classmethod
    def for_level(cls, config: ArchiveConfig, level: str) -> SparqlStore:
        def url(template: str | None) -> str | None:
            return template.replace("{level}", level) if template else None

        return cls(
            url(config.sparql_query_url),
            url(config.sparql_update_url),
            url(config.sparql_gsp_url),
            timeout=max(60.0, config.query_timeout),
        )

    # protocol plumbing
    def _wrapper(self, query: str) -> SPARQLWrapper:
        sparql = SPARQLWrapper(self.query_url, updateEndpoint=self.update_url)
        sparql.setTimeout(int(self.timeout))
        sparql.setMethod(POST)
        sparql.setQuery(query)
        return sparql

    def _update(self, update: str) -> None:
        sparql = self._wrapper(update)
        sparql.setRequestMethod(POSTDIRECTLY)  # the update text as the body, not a form field
        try:
            sparql.query()
        except (SPARQLWrapperException, urllib.error.URLError, OSError) as exc:
            raise ArchiveError(f"SPARQL update to {self.update_url} failed: {exc}") from None

    def _http(
        self,
        query: str,
        accept: str,
        timeout: float,
        dataset: list[tuple[str, str]] = (),
        limit: int = MAX_RESPONSE_BYTES,
    ) -> bytes:
        """The server's answer, at most ``limit + 1`` bytes of it (one more than the limit: it was cut)."""
        body = urllib.parse.urlencode([("query", query), *dataset]).encode("utf-8")
        request = urllib.request.Request(
            self.query_url,
            data=body,
            method="POST",
            headers={"Accept": accept, "Content-Type": "application/x-www-form-urlencoded"},
        )
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                data = response.read(limit + 1)
        except TimeoutError:
            raise QueryTimeout(
                f"the query ran longer than {timeout:g} s and was stopped (SPARQL server {self.query_url})"
            ) from None
        except urllib.error.HTTPError as exc:
            message = exc.read(2000).decode("utf-8", "replace")
            if exc.code == 400:
                raise QuerySyntaxError(f"the SPARQL server refused the query: {message}") from None
            raise ArchiveError(f"SPARQL server {self.query_url} answered {exc.code}: {message}") from None
        except urllib.error.URLError as exc:
            if isinstance(exc.reason, TimeoutError):
                raise QueryTimeout(
                    f"the query ran longer than {timeout:g} s and was stopped "
                    f"(SPARQL server {self.query_url})"
                ) from None
            raise ArchiveError(f"cannot reach SPARQL server {self.query_url}: {exc.reason}") from None
        if len(data) > MAX_RESPONSE_BYTES:
            raise ArchiveError(f"the SPARQL server's answer is over {MAX_RESPONSE_BYTES} bytes")
        return data

    def _lines(
        self, text: str, accept: str, timeout: float, dataset: list[tuple[str, str]], max_bytes: int
    ) -> tuple[bytes, bool]:
        """A line-based answer (N-Triples, TSV) cut after its last whole line within ``max_bytes``."""
        data = self._http(text, accept, timeout, dataset, limit=min(max_bytes, MAX_RESPONSE_BYTES))
        if len(data) <= max_bytes:
            return data, False
        return data[: data.rfind(b"\n", 0, max_bytes) + 1], True

    # GraphStore
    def replace_graphs(self, graphs: Mapping[str, GraphContent]) -> None:
        update = replace_update(graphs)
        if update:
            self._update(update)

    def drop_graphs(self, graph_iris: Iterable[str]) -> None:
        update = " ;\n".join(f"DROP SILENT GRAPH {ox.NamedNode(g)}" for g in graph_iris)
        if update:
            self._update(update)

    def graph_iris(self) -> set[str]:
        rows = self.select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        return {str(r["g"]) for r in rows if "g" in r}

    def triples(self, graph_iri: str) -> list[RdfTriple]:
        query = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH {ox.NamedNode(graph_iri)} {{ ?s ?p ?o }} }}"
        data = self._http(query, "application/n-triples", self.timeout)
        return [
            (from_ox(t.subject), from_ox(t.predicate), from_ox(t.object))
            for t in ox.parse(data, ox.RdfFormat.N_TRIPLES)
        ]

    def quads(self) -> Iterator[tuple[Node, Node, Node, str]]:
        for graph_iri in sorted(self.graph_iris()):
            for s, p, o in self.triples(graph_iri):
                yield s, p, o, graph_iri

    def select(self, query: str, bindings: Mapping[str, Node] | None = None) -> list[Binding]:
        data = self._http(bind(query, bindings), "application/sparql-results+json", self.timeout)
        answer = json.loads(data)
        return [
            {k: _term(v) for k, v in row.items()} for row in answer.get("results", {}).get("bindings", [])
        ]

    def select_plain(
        self, query: str, bindings: Mapping[str, Node] | None = None
    ) -> list[dict[str, PlainTerm]]:
        return [{k: plain(v) for k, v in row.items()} for row in self.select(query, bindings)]  # type: ignore[misc]

    def ask(self, query: str) -> bool:
        sparql = self._wrapper(query)
        sparql.setReturnFormat(JSON)
        try:
            return bool(sparql.queryAndConvert().get("boolean"))
        except (QueryBadFormed, EndPointNotFound) as exc:
            raise ArchiveError(f"SPARQL ASK on {self.query_url} failed: {exc}") from None

    def construct(self, query: str, bindings: Mapping[str, Node] | None = None) -> list[RdfTriple]:
        data = self._http(bind(query, bindings), "application/n-triples", self.timeout)
        return [
            (from_ox(t.subject), from_ox(t.predicate), from_ox(t.object))
            for t in ox.parse(data, ox.RdfFormat.N_TRIPLES)
        ]

    def run_user_query(
        self,
        text: str,
        default_graph: list[str] | None,
        named_graphs: list[str] | None,
        timeout: float,
        max_rows: int,
        memory_mb: int,
        max_bytes: int = MAX_RESPONSE_BYTES,
    ) -> QueryResult:
        """Send the checked text to the server; graphs come as N-Triples, tables as TSV, both line by
        line, so the byte cap cuts them between rows (like the row cap) instead of refusing them."""
        started = time.monotonic()
        dataset = [("default-graph-uri", g) for g in default_graph or []]
        dataset += [("named-graph-uri", g) for g in named_graphs or []]
        form = _form(text)
        if form == "ASK":
            answer = json.loads(self._http(text, "application/sparql-results+json", timeout, dataset))
            elapsed = (time.monotonic() - started) * 1000
            return QueryResult(kind="boolean", boolean=bool(answer.get("boolean")), elapsed_ms=elapsed)
        if form in ("CONSTRUCT", "DESCRIBE"):
            kind, variables = "graph", ["subject", "predicate", "object"]
            data, cut = self._lines(text, "application/n-triples", timeout, dataset, max_bytes)
            rows, capped = _first_rows(ox.parse(data, ox.RdfFormat.N_TRIPLES), max_rows)
        else:
            kind = "bindings"
            data, cut = self._lines(text, "text/tab-separated-values", timeout, dataset, max_bytes)
            variables, rows, capped = _first_solutions(data, max_rows)
        truncated_at = "rows" if capped else "bytes" if cut else None
        return QueryResult(
            kind=kind,
            variables=variables,
            rows=rows,
            truncated=truncated_at is not None,
            truncated_at=truncated_at,
            elapsed_ms=(time.monotonic() - started) * 1000,
        )

    def clear(self) -> None:
        self._update("CLEAR ALL")

    def flush(self) -> None:
        """Nothing to do: the server made each update durable before answering."""

    def close(self) -> None:
        """Nothing to release: every request opens its own connection."""


def _first_rows(triples: Iterator[ox.Triple], max_rows: int) -> tuple[list[tuple], bool]:
    """The first ``max_rows`` parsed triples as rdflib terms, and whether more followed."""
    rows: list[tuple] = []
    for t in triples:
        if len(rows) >= max_rows:
            return rows, True
        rows.append((from_ox(t.subject), from_ox(t.predicate), from_ox(t.object)))
    return rows, False


def _first_solutions(data: bytes, max_rows: int) -> tuple[list[str], list[tuple], bool]:
    """The variables and first ``max_rows`` solutions of a TSV answer, and whether more followed.

    pyoxigraph's solution iterator may only be dropped on the thread that made it: it lives and dies
    inside this call (deleted on the way out, error or not), so no frame kept by a traceback or a
    reference cycle carries it to whichever thread the cyclic collector happens to run on.
    """
    solutions = ox.parse_query_results(data, ox.QueryResultsFormat.TSV)
    try:
        variables = [v.value for v in solutions.variables]
        rows: list[tuple] = []
        for solution in solutions:
            if len(rows) >= max_rows:
                return variables, rows, True
            rows.append(tuple(None if t is None else from_ox(t) for t in solution))
        return variables, rows, False
    finally:
        del solutions


def _form(text: str) -> str:
    from .query_guard import query_form

    name = query_form(text)
    return {"ConstructQuery": "CONSTRUCT", "DescribeQuery": "DESCRIBE", "AskQuery": "ASK"}.get(name, "SELECT")
