"""Conversions between rdflib terms (our toolkit) and pyoxigraph terms (our engine), and N-Triples text.

Blank nodes are given labels scoped to their named graph when written, so two documents' ``_:b0``
never become one node in the union graph.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

RdfTriple = tuple[Node, Node, Node]

#: Above this many distinct cached terms the converter starts afresh (bounds a long session's memory).
CACHE_LIMIT = 500_000

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


def to_ox(term: Node, bnode_scope: str = "") -> ox.NamedNode | ox.BlankNode | ox.Literal:
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(f"{bnode_scope}{_bnode_label(str(term))}")
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None and str(term.datatype) != _XSD_STRING:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"cannot store RDF term {term!r} of type {type(term).__name__}")


def from_ox(term: object) -> Node | None:
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        if datatype in (_XSD_STRING, _RDF_LANG_STRING):
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(datatype))
    if isinstance(term, ox.DefaultGraph):
        return None
    raise TypeError(f"unsupported term from the store: {term!r}")


def from_ox_once() -> Callable[[object], Node | None]:
    """``from_ox`` that makes each distinct term once (for one parse or one batch: the same predicates,
    classes and entities come back again and again, and an rdflib term costs microseconds to make)."""
    made: dict[object, Node | None] = {}

    def term(value: object) -> Node | None:
        node = made.get(value)
        if node is None:
            node = made[value] = from_ox(value)
        return node

    return term


#: A term as a page shows it: an IRI or a string literal as a plain ``str``; any other literal (a date, a
#: number, a boolean) and a blank node as an rdflib term, whose value, truth and order a page may use.
PlainTerm = str | Node


def plain_from_ox(term: object) -> PlainTerm | None:
    """``from_ox`` without building rdflib terms for IRIs and strings (most of what a page reads)."""
    if isinstance(term, ox.NamedNode):
        return term.value
    if isinstance(term, ox.Literal) and (term.language or term.datatype.value == _XSD_STRING):
        return term.value
    return from_ox(term)


def plain(node: Node | None) -> PlainTerm | None:
    """An rdflib term as ``plain_from_ox`` gives it (for stores that answer with rdflib terms)."""
    if isinstance(node, URIRef):
        return str(node)
    if isinstance(node, Literal) and (node.language or node.datatype in (None, URIRef(_XSD_STRING))):
        return str(node)
    return node


def _bnode_label(value: str) -> str:
    # N-Triples blank node labels allow a narrower alphabet than rdflib's ids
    if value.replace("_", "").isalnum() and value.isascii():
        return value
    return "h" + hashlib.sha1(value.encode("utf-8")).hexdigest()[:16]


def graph_scope(graph_iri: str) -> str:
    """A short prefix for blank node labels written into ``graph_iri``."""
    return "g" + hashlib.sha1(graph_iri.encode("utf-8")).hexdigest()[:10] + "x"


def ntriples_lines(triples: Iterable[RdfTriple], bnode_scope: str = "") -> Iterator[str]:
    for s, p, o in triples:
        yield f"{to_ox(s, bnode_scope)} {to_ox(p)} {to_ox(o, bnode_scope)} ."


class Quads(list):
    """The quads of one named graph, converted for the store once: blank nodes already scoped to the graph.

    Stores take these as they are (no second conversion, no re-scoping); a plain list of rdflib triples
    still means "convert and scope these".
    """


class OxConverter:
    """Converts rdflib triples to pyoxigraph quads, converting each IRI and literal once per session.

    A FRUS volume names the same predicates, classes and actors thousands of times; converting every
    occurrence was the writer's largest single cost.
    """

    def __init__(self) -> None:
        self._cache: dict[Node, ox.NamedNode | ox.Literal] = {}

    def term(self, node: Node, bnode_scope: str) -> ox.NamedNode | ox.BlankNode | ox.Literal:
        if isinstance(node, BNode):
            return to_ox(node, bnode_scope)
        cached = self._cache.get(node)
        if cached is None:
            cached = to_ox(node)  # raises on a bad IRI; nothing is cached then
            if len(self._cache) >= CACHE_LIMIT:
                self._cache.clear()
            self._cache[node] = cached  # type: ignore[assignment]
        return cached

    def quads(self, graph_iri: str, triples: Iterable[RdfTriple]) -> Quads:
        """Every triple as a quad in ``graph_iri``; ``ValueError``/``TypeError`` name the bad triple."""
        g = ox.NamedNode(graph_iri)
        scope = graph_scope(graph_iri)
        term, cached, quad = self.term, self._cache.get, ox.Quad
        out = Quads()
        append = out.append
        for s, p, o in triples:
            # the cache lookup inlined (blank nodes are never cached, so they miss and get scoped)
            try:
                append(
                    quad(
                        cached(s) or term(s, scope),
                        cached(p) or term(p, scope),
                        cached(o) or term(o, scope),
                        g,
                    )
                )
            except (ValueError, TypeError) as exc:
                raise type(exc)(f"cannot store the triple ({s!s} {p!s} {o!s}): {exc}") from None
        return out


class GraphText:
    """The quads of one named graph as N-Quads text, converted once by the writer (blank nodes scoped).

    Text is what the store parses in one call per level (``Store.load``/``bulk_load``), without a Python
    object per quad or term; every term in it came from a pyoxigraph term, so it is valid N-Quads.
    """

    __slots__ = ("count", "graph", "text")

    def __init__(self, graph: str, text: str, count: int) -> None:
        self.graph = graph  # the graph IRI as an N-Triples term, ``<...>``
        self.text = text  # one quad per line, every line ending with "\n"
        self.count = count

    def __len__(self) -> int:
        return self.count

    def quads(self) -> Quads:
        """The quads themselves (for the rare write that filters a document triple by triple)."""
        if not self.count:
            return Quads()
        return Quads(ox.parse(self.text.encode("utf-8"), ox.RdfFormat.N_QUADS))

    def ntriples(self) -> str:
        """The same triples as N-Triples (the body of a SPARQL ``INSERT DATA`` graph block).

        A raw line break only ends a line in N-Quads (literals escape theirs), so the graph term
        before every line end is the one place where the suffix below occurs.
        """
        return self.text.replace(f" {self.graph} .\n", " .\n")


#: What a store takes as one graph's new content: triples, or the writer's N-Quads text of them.
GraphContent = Iterable["RdfTriple"] | GraphText


class TextConverter:
    """Converts rdflib triples to N-Quads text, converting each IRI and literal once per session.

    Each term goes through pyoxigraph once (which validates IRIs and escapes literals exactly as the
    store writes them) and is cached as its N-Triples text; a triple then costs three dictionary
    look-ups and one string join. A FRUS volume names the same predicates, classes and actors
    thousands of times.
    """

    def __init__(self) -> None:
        self._iris: dict[Node, str] = {}  # IRIs: the only terms allowed as predicates
        self._terms: dict[Node, str] = {}  # IRIs and literals, as objects

    def _remember(self, cache: dict[Node, str], node: Node, text: str) -> str:
        if len(cache) >= CACHE_LIMIT:
            cache.clear()
        cache[node] = text
        return text

    def _iri(self, node: Node, position: str) -> str:
        if not isinstance(node, URIRef):
            raise TypeError(f"{position} {node!r} is not an IRI")
        return self._remember(self._iris, node, str(to_ox(node)))  # raises on a bad IRI

    def _subject(self, node: Node, scope: str) -> str:
        if isinstance(node, BNode):
            return f"_:{scope}{_bnode_label(str(node))}"
        return self._iri(node, "subject")

    def _object(self, node: Node, scope: str) -> str:
        if isinstance(node, BNode):
            return f"_:{scope}{_bnode_label(str(node))}"
        return self._remember(self._terms, node, str(to_ox(node)))  # raises on a bad IRI or term

    def graph(self, graph_iri: str, triples: Iterable[RdfTriple]) -> GraphText:
        """Every triple as a quad in ``graph_iri``; ``ValueError``/``TypeError`` name the bad triple."""
        g = str(ox.NamedNode(graph_iri))
        scope = graph_scope(graph_iri)
        end = f" {g} .\n"
        iri, term = self._iris.get, self._terms.get
        lines: list[str] = []
        append = lines.append
        for s, p, o in triples:
            # blank nodes are never cached, so they miss and get scoped to this graph
            try:
                append(
                    (iri(s) or self._subject(s, scope))
                    + " "
                    + (iri(p) or self._iri(p, "predicate"))
                    + " "
                    + (term(o) or self._object(o, scope))
                    + end
                )
            except (ValueError, TypeError) as exc:
                raise type(exc)(f"cannot store the triple ({s!s} {p!s} {o!s}): {exc}") from None
        return GraphText(g, "".join(lines), len(lines))

    def facts(self, triples: Iterable[RdfTriple]) -> str:
        """``descriptions.facts_text`` of ``triples`` through this converter's caches: the same text
        (each line once, sorted), each term converted once per session instead of once per triple."""
        iri, term = self._iris.get, self._terms.get
        lines = {
            (iri(s) or self._subject(s, ""))
            + " "
            + (iri(p) or self._iri(p, "predicate"))
            + " "
            + (term(o) or self._object(o, ""))
            + " ."
            for s, p, o in triples
        }
        return "\n".join(sorted(lines))


def rdf_triples(quads: Iterable[ox.Quad]) -> list[RdfTriple]:
    """The quads' triples as rdflib terms (blank node labels as stored)."""
    return [(from_ox(q.subject), from_ox(q.predicate), from_ox(q.object)) for q in quads]  # type: ignore[misc]


def quads_as_ntriples(quads: Iterable[ox.Quad]) -> str:
    """The quads' triples as N-Triples text (also valid inside a SPARQL ``INSERT DATA`` graph block)."""
    return ox.serialize([q.triple for q in quads], format=ox.RdfFormat.N_TRIPLES).decode("utf-8")


def nt_term(term: Node) -> str:
    """One term in N-Triples syntax, safe to place in a SPARQL query (escaping done by pyoxigraph)."""
    return str(to_ox(term))


# Worker processes send terms as plain tuples (pickle-free, cheap to build)
Wire = tuple[str, ...] | None


def to_wire(term: object) -> Wire:
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return ("u", term.value)
    if isinstance(term, ox.BlankNode):
        return ("b", term.value)
    if isinstance(term, ox.Literal):
        return ("l", term.value, term.datatype.value, term.language or "")
    if isinstance(term, ox.Triple):
        raise TypeError("RDF-star triple terms are not supported in results")
    raise TypeError(f"unsupported result term {term!r}")


def wire_json(wire: tuple[str, ...]) -> dict[str, str]:
    """One bound term of the wire form as a SPARQL 1.1 Query Results JSON term object."""
    kind = wire[0]
    if kind == "u":
        return {"type": "uri", "value": wire[1]}
    if kind == "b":
        return {"type": "bnode", "value": wire[1]}
    value, datatype, language = wire[1], wire[2], wire[3]
    if language:
        return {"type": "literal", "value": value, "xml:lang": language}
    if datatype == _XSD_STRING:
        return {"type": "literal", "value": value}
    return {"type": "literal", "value": value, "datatype": datatype}


def from_wire(wire: Wire) -> Node | None:
    if wire is None:
        return None
    kind = wire[0]
    if kind == "u":
        return URIRef(wire[1])
    if kind == "b":
        return BNode(wire[1])
    value, datatype, language = wire[1], wire[2], wire[3]
    if language:
        return Literal(value, lang=language)
    if datatype == _XSD_STRING:
        return Literal(value)
    return Literal(value, datatype=URIRef(datatype))
