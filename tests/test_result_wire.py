"""The worker's wire rows and the JSON written from them: the fast paths give exactly what the plain ones did.

``archive.query_server`` converts each distinct term of an answer once and counts its size once;
``archive.results`` writes SPARQL JSON one encoded string per distinct term. Both must be
indistinguishable from converting, counting and ``json.dumps``-ing every cell (the byte cap cuts at the
same row, the client gets the same bytes).
"""

from __future__ import annotations

import json

import pyoxigraph as ox

from archive.query_server import _answer, _size, _WireTerms
from archive.results import QueryResult
from archive.terms import to_wire, wire_json

EX = "http://example.org/"


def _store() -> ox.Store:
    store = ox.Store()
    graph = ox.NamedNode(EX + "g")
    values = [
        ox.Literal("plain"),
        ox.Literal('quote " backslash \\ tab \t line\nbreak'),
        ox.Literal("ünïcödé ☃ \U0001f600"),
        ox.Literal("chat", language="fr"),
        ox.Literal("42", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")),
        ox.NamedNode(EX + "o"),
        ox.BlankNode("b1"),
    ]
    for index, value in enumerate(values):
        for repeat in range(3):  # the same object on several rows: the shared-term path
            subject = ox.NamedNode(f"{EX}s{repeat}")
            store.add(ox.Quad(subject, ox.NamedNode(f"{EX}p{index}"), value, graph))
    return store


QUERY = f"SELECT ?s ?p ?o ?missing WHERE {{ ?s ?p ?o OPTIONAL {{ ?s <{EX}none> ?missing }} }}"


def _plain_json(variables: list[str], rows: list[tuple]) -> bytes:
    bindings = [
        {v: wire_json(w) for v, w in zip(variables, row, strict=False) if w is not None} for row in rows
    ]
    document = {"head": {"vars": variables}, "results": {"bindings": bindings}}
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def test_shared_terms_are_the_plain_wire_terms_with_the_same_sizes():
    answer = _store().query(QUERY, use_default_graph_as_union=True)
    solutions = list(answer)
    terms = _WireTerms()
    shared = [tuple(map(terms.term, s)) for s in solutions]
    plain = [tuple(to_wire(s[i]) for i in range(4)) for s in solutions]
    assert shared == plain
    assert [terms.size(row) for row in shared] == [_size(row) for row in plain]
    assert all(row[3] is None for row in shared)


def test_json_written_from_wire_rows_is_byte_for_byte_json_dumps():
    kind, variables, rows, cut = _answer(_store(), QUERY, None, None, 1000, 1 << 20)
    assert kind == "bindings" and cut == "" and len(rows) == 21
    written = QueryResult(kind=kind, variables=variables, wire_rows=rows).serialize(
        "application/sparql-results+json"
    )
    assert written == _plain_json(variables, rows)
    assert json.loads(written)["results"]["bindings"][0]["s"]["type"] == "uri"


def test_the_byte_cap_cuts_at_the_same_row_as_counting_every_cell():
    store = _store()
    _, _, rows, _ = _answer(store, QUERY, None, None, 1000, 1 << 20)
    sizes = [_size(row) for row in rows]
    for limit in (sizes[0] - 1, sizes[0], sum(sizes[:5]), sum(sizes[:5]) + 1, sum(sizes) - 1):
        expected = 0
        while expected < len(sizes) and sum(sizes[: expected + 1]) <= limit:
            expected += 1
        _, _, capped, cut = _answer(store, QUERY, None, None, 1000, limit)
        assert len(capped) == expected and cut == "bytes"
    _, _, capped, cut = _answer(store, QUERY, None, None, 4, 1 << 20)
    assert len(capped) == 4 and cut == "rows"
