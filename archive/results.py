"""The answer to a SPARQL query, held as rdflib terms, and its serialisations by media type."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from rdflib import Graph, Variable
from rdflib.query import Result
from rdflib.term import Node

from ontology import PREFIXES

from .errors import QueryRefused
from .terms import Wire, from_wire, nt_term

#: media type → (result kind family, rdflib format name)
BINDINGS_TYPES = {
    "application/sparql-results+json": "json",
    "application/json": "json",
    "application/sparql-results+xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
}
GRAPH_TYPES = {
    "text/turtle": "turtle",
    "application/n-triples": "nt",
    "application/ld+json": "json-ld",
    "application/rdf+xml": "xml",
}


class ResultRow(tuple):
    """One answer row: a tuple of terms (``None`` = unbound) that can also be read by variable name."""

    _variables: tuple[str, ...]

    def __new__(cls, values, variables) -> ResultRow:
        row = super().__new__(cls, values)
        row._variables = tuple(variables)
        return row

    def get(self, name: str, default: object = None) -> object:
        try:
            value = tuple.__getitem__(self, self._variables.index(name))
        except ValueError:
            return default
        return default if value is None else value

    def __getitem__(self, key):  # type: ignore[override]
        if isinstance(key, str):
            if key not in self._variables:
                raise KeyError(key)
            return tuple.__getitem__(self, self._variables.index(key))
        return tuple.__getitem__(self, key)

    def asdict(self) -> dict[str, Node]:
        return {v: t for v, t in zip(self._variables, self, strict=False) if t is not None}


@dataclass
class QueryResult:
    """Rows of a SELECT (``bindings``), the answer of an ASK (``boolean``) or the triples of a CONSTRUCT
    or DESCRIBE (``graph``, rows of three). ``truncated`` says the row cap cut the answer short."""

    kind: str
    variables: list[str] = field(default_factory=list)
    rows: list[tuple[Node | None, ...]] = field(default_factory=list)
    boolean: bool | None = None
    truncated: bool = False
    elapsed_ms: float = 0.0
    #: Which cap cut the answer short: ``"rows"`` (``max_rows``) or ``"bytes"`` (``max_result_bytes``).
    truncated_at: str | None = None
    #: The rows as they came from a query worker (``terms.to_wire``). Given instead of ``rows``, they are
    #: turned into rdflib terms only when ``rows`` is first read: SPARQL JSON is written straight from them,
    #: because building rdflib Literals cost more than the query itself for results of a few thousand rows.
    wire_rows: list[tuple[Wire, ...]] | None = field(default=None, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.wire_rows is not None and not self.rows:
            del self.rows  # read on demand by __getattr__
            return
        # rows read by position (row[0]) or by variable name (row["label"], row.get("label"))
        self.rows = [r if isinstance(r, ResultRow) else ResultRow(r, self.variables) for r in self.rows]

    def __getattr__(self, name: str) -> object:
        # only called for attributes not set: ``rows`` of a result that still holds its wire rows
        wire = self.__dict__.get("wire_rows")
        if name != "rows" or wire is None:
            raise AttributeError(name)
        rows = [ResultRow(tuple(from_wire(w) for w in row), self.variables) for row in wire]
        self.__dict__["rows"] = rows
        return rows

    def bindings(self) -> list[dict[str, Node]]:
        return [
            {v: t for v, t in zip(self.variables, row, strict=False) if t is not None} for row in self.rows
        ]

    def graph(self) -> Graph:
        graph = Graph()
        for prefix, namespace in PREFIXES.items():
            graph.bind(prefix, namespace)
        for row in self.rows:
            graph.add(row)  # type: ignore[arg-type]
        return graph

    def media_types(self) -> tuple[str, ...]:
        return tuple(GRAPH_TYPES if self.kind == "graph" else BINDINGS_TYPES)

    def serialize(self, media_type: str) -> bytes:
        media_type = media_type.split(";")[0].strip().lower()
        if self.kind == "graph":
            if media_type not in GRAPH_TYPES:
                raise QueryRefused(
                    f"a graph result cannot be given as {media_type}; use one of {', '.join(GRAPH_TYPES)}"
                )
            return self.graph().serialize(format=GRAPH_TYPES[media_type], encoding="utf-8")
        if media_type not in BINDINGS_TYPES:
            raise QueryRefused(
                f"a {self.kind} result cannot be given as {media_type}; "
                f"use one of {', '.join(BINDINGS_TYPES)}"
            )
        fmt = BINDINGS_TYPES[media_type]
        if fmt == "json" and "rows" not in self.__dict__ and self.wire_rows is not None:
            return self._json_from_wire()
        if fmt == "tsv":
            return self._tsv()
        if self.kind == "boolean" and fmt == "csv":
            return b"_askResult\r\n" + (b"true" if self.boolean else b"false") + b"\r\n"
        result = Result("ASK" if self.kind == "boolean" else "SELECT")
        if self.kind == "boolean":
            result.askAnswer = bool(self.boolean)
        else:
            result.vars = [Variable(v) for v in self.variables]
            result.bindings = [{Variable(k): t for k, t in b.items()} for b in self.bindings()]
        return result.serialize(format=fmt)

    def _tsv(self) -> bytes:
        if self.kind == "boolean":
            return b"?_askResult\n" + (b"true" if self.boolean else b"false") + b"\n"
        lines = ["\t".join(f"?{v}" for v in self.variables)]
        for row in self.rows:
            lines.append("\t".join("" if t is None else nt_term(t) for t in row))
        return ("\n".join(lines) + "\n").encode("utf-8")

    def _json_from_wire(self) -> bytes:
        """SPARQL 1.1 Query Results JSON written from the wire rows, without building rdflib terms."""
        # Written piece by piece, byte for byte what ``json.dumps`` of the whole document gives: each
        # distinct term is encoded once (results repeat their terms, and the worker sends a repeated term
        # as the same tuple), and a row is a join of ready-made ``"name":{term}`` strings.
        variables = self.variables
        keys = [_dumps(v) + ":" for v in variables]
        encoded: dict[tuple[str, ...], str] = {}
        rows = []
        for row in self.wire_rows or ():
            fields = []
            for key, wire in zip(keys, row, strict=False):
                if wire is None:
                    continue
                text = encoded.get(wire)
                if text is None:
                    text = encoded[wire] = _json_term(wire)
                fields.append(key + text)
            rows.append("{" + ",".join(fields) + "}")
        head = '{"head":{"vars":' + _dumps(variables) + '},"results":{"bindings":['
        return (head + ",".join(rows) + "]}}").encode("utf-8")


def _dumps(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"  # a plain literal's datatype: not written out
_string = json.encoder.encode_basestring  # what json.dumps(..., ensure_ascii=False) writes for a str (C)


def _json_term(wire: tuple[str, ...]) -> str:
    """``_dumps(wire_json(wire))`` without building the dictionary or an encoder per term."""
    kind = wire[0]
    if kind == "u":
        return '{"type":"uri","value":' + _string(wire[1]) + "}"
    if kind == "b":
        return '{"type":"bnode","value":' + _string(wire[1]) + "}"
    value, datatype, language = wire[1], wire[2], wire[3]
    if language:
        return '{"type":"literal","value":' + _string(value) + ',"xml:lang":' + _string(language) + "}"
    if datatype == XSD_STRING:
        return '{"type":"literal","value":' + _string(value) + "}"
    return '{"type":"literal","value":' + _string(value) + ',"datatype":' + _string(datatype) + "}"
