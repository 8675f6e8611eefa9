"""Per-entity page summaries, computed by the writer when it rebuilds an entity's graphs.

A body's or an administration's page needs, on every request, rows about all of its decisions (their
dates and lapses, to count standings and lay out the timeline) and, for a body, who sat at its meetings
over time (first and last attendance and the number of meetings of each person). On the real FOMC that
is 1,635 decisions and ~11,700 attendances: ~200 ms and ~145 ms of engine work and term conversion on
the first request after a start, cached afterwards (issue #12). Those rows depend only on the documents
that name the entity, so the writer computes them when it rebuilds the entity's description
(``apply.rebuild_descriptions``: after every batch, removal, level change, merge and restore that touches
a document naming it), at each level from that level's store, and keeps them in the entity's summary
graph ``{base}graph/entity/summary/{kind}/{slug}``: one triple, ``<graph> prec:pageSummary "…"``, whose
literal is the named queries' rows as JSON. A page then reads one literal instead of thousands of rows.

A level's store holds only what that level sees (its summary was computed from it), and an entity no
visible document describes has no summary there. Pages fall back to the named queries when an entity has
no summary (an archive written before summaries, a remote store, a body with sub-organisations).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import Any

import pyoxigraph as ox
from rdflib import URIRef

from ontology import PREC, IriMinter

from . import pages
from .descriptions import ENTITY_GRAPHS
from .terms import Quads
from .view import cacheable

#: The summary format; a summary of another version is ignored (the page asks the engine instead).
VERSION = 1
SUMMARY_GRAPHS = f"{ENTITY_GRAPHS}summary/"
PAGE_SUMMARY = PREC.pageSummary

#: The summary of one entity (``?this``: its summary graph's IRI), kept per store snapshot like the
#: page queries, so a warm page does not read and parse the literal again.
SUMMARY = cacheable(
    pages.PREFIXES + "SELECT ?this ?summary WHERE { GRAPH ?this { ?this prec:pageSummary ?summary } } LIMIT 1"
)

Rows = list[dict[str, Any]]


def summary_graph_iri(minter: IriMinter, entity: str, kinds: Iterable[str]) -> tuple[str, str] | None:
    """``(kind, summary graph)`` of ``entity`` when it is one of ``kinds`` minted here, else ``None``."""
    split = minter.split(entity)
    if split is None or split[0] not in kinds:
        return None
    kind, slug = split
    return kind, f"{minter.base}{SUMMARY_GRAPHS}{kind}/{slug}"


def is_summary_graph(minter: IriMinter, graph_iri: str) -> bool:
    """Whether ``graph_iri`` holds a page summary (derived: left out of dumps, rebuilt by the writer)."""
    return graph_iri.startswith(minter.base + SUMMARY_GRAPHS)


def graph_of(entity: str, kind: str) -> str | None:
    """The summary graph a page looks for when ``entity`` reads ``{base}{kind}/{slug}``, else ``None``
    (``summary_graph_iri``'s rule without the minter: an IRI minted elsewhere names a graph nobody
    writes, so none is found)."""
    base, found, slug = entity.rpartition(f"/{kind}/")
    if not found or not base or not slug or "/" in slug:
        return None
    return f"{base}/{SUMMARY_GRAPHS}{kind}/{slug}"


def compute(store: Any, entity: str, queries: Mapping[str, str]) -> dict[str, Rows]:
    """Each named query's rows for ``entity`` (bound as ``?this``) on ``store``, as plain strings.

    The same query texts the pages run, so a summary holds exactly the rows the engine would give
    (in its order); values are their lexical forms, as the pages use them (``str``), or ``None``.
    """
    found: dict[str, Rows] = {}
    for name, query in queries.items():
        columns = pages.projected(query)
        found[name] = [
            {column: _text(row.get(column)) for column in columns}
            for row in store.select(query, {"this": URIRef(entity)})
        ]
    return found


def quads(graph_iri: str, summary: Mapping[str, Rows]) -> Quads:
    """The summary graph's one quad; empty (the graph dropped) when no query found anything."""
    if not any(summary.values()):
        return Quads()
    encoded: dict[str, Any] = {"version": VERSION}
    for name, rows in summary.items():
        columns = list(rows[0]) if rows else []
        encoded[name] = {"columns": columns, "rows": [[row[c] for c in columns] for row in rows]}
    text = json.dumps(encoded, ensure_ascii=False, separators=(",", ":"))
    node = ox.NamedNode(graph_iri)
    return Quads([ox.Quad(node, ox.NamedNode(str(PAGE_SUMMARY)), ox.Literal(text), node)])


def rows(view: Any, graph_iri: str, name: str) -> Rows | None:
    """The summary's rows of the named query ``name``, or ``None`` when the view's level has none."""
    found = pages.run(view, SUMMARY, this=graph_iri)
    if not found or found[0].get("summary") is None:
        return None
    return _decode(str(found[0]["summary"])).get(name)


def entity_rows(view: Any, entity: str, kind: str, name: str) -> Rows | None:
    """The rows of ``name`` from ``entity``'s page summary at the view's level, or ``None`` when it has
    none there (the caller then asks the engine)."""
    graph = graph_of(entity, kind)
    return None if graph is None else rows(view, graph, name)


@lru_cache(maxsize=64)
def _decode(text: str) -> dict[str, Rows]:
    # Parsed once per literal: the rows are shared by the requests of one store snapshot, as the
    # named-query cache already shares its rows; callers read them and never change them.
    encoded = json.loads(text)
    if encoded.get("version") != VERSION:
        return {}
    return {
        name: [dict(zip(part["columns"], values, strict=True)) for values in part["rows"]]
        for name, part in encoded.items()
        if isinstance(part, dict)
    }


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


__all__ = [
    "PAGE_SUMMARY",
    "SUMMARY_GRAPHS",
    "VERSION",
    "compute",
    "entity_rows",
    "is_summary_graph",
    "quads",
    "rows",
    "summary_graph_iri",
]
