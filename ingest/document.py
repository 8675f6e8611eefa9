"""The typed result of reading a source: what one source document says, ready for the archive.

A reader fills these plain objects; the archive's single writer stores them. Nothing here talks
to a store or an index.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

from rdflib import RDF, BNode, Graph, Literal, URIRef
from rdflib.term import Node

from .provenance import plain_literal

RdfTriple = tuple[Node, Node, Node]

#: The terms a process has received from reader processes, by their text (``_decoded``), so that a term
#: the documents of a run repeat is made once; cleared when it grows this big.
_RECEIVED: dict[object, Node] = {}
_RECEIVED_LIMIT = 500_000


class ReaderError(Exception):
    """A source document that cannot be read; the message says where and what, for a person to fix.

    ``location`` is the most precise place known: ``file:line``, ``file#element-id`` or
    ``file:field``. The CLI prints ``location: message`` and refuses only this document.
    """

    def __init__(self, location: str, problem: str) -> None:
        super().__init__(f"{location}: {problem}")
        self.location = location
        self.problem = problem


@dataclass
class ProposedFact:
    """A fact a heuristic reader extracted with low confidence, held for an editor's review.

    ``key`` is stable across re-ingest of the same source (derived from the rule and the passage),
    so an editor's accept / correct / reject decision survives re-reading the file. ``triples``
    are what will join the document's graph once accepted.
    """

    key: str
    rule: str
    confidence: float
    summary: str
    passage_iri: str
    passage_text: str
    triples: Graph


@dataclass
class Document:
    """One source document (a set of minutes, one FRUS document, one council meeting) as RDF.

    ``graph`` holds every triple the document yields, all of which the archive writes into one
    named graph minted from ``identifier``; a reader that collects its triples as a list makes the
    document with ``of_triples``, and the graph is then built only if something asks for it.
    ``content_hash`` identifies this document's content: the same hash again is a no-op. ``original``
    is the source file's bytes (for a FRUS volume, the whole volume, shared by its documents), kept by
    ``original_hash``.
    """

    identifier: str
    title: str
    source_format: str
    access_level: str
    graph: Graph
    content_hash: str
    reader: str
    reader_version: str
    source_path: str | None = None
    original: bytes | None = None
    original_hash: str | None = None
    unresolved_mentions: list[str] = field(default_factory=list)
    proposed: list[ProposedFact] = field(default_factory=list)

    def __post_init__(self) -> None:
        if self.original is not None and self.original_hash is None:
            self.original_hash = sha256_hex(self.original)

    @classmethod
    def of_triples(cls, triples: Iterable[RdfTriple], **fields: Any) -> Document:
        """A document whose triples a reader collected as a list: no graph is built unless asked for.

        ``fields`` are the dataclass's other fields. A graph holds each triple once, so repeats are
        dropped here (the first kept). A reader process sends the list as it is (``__getstate__``), and
        validation reads it in one pass; the graph of the ``graph`` attribute is built only on first use.
        """
        document = cls(graph=cast(Graph, None), **fields)
        del document.__dict__["graph"]
        document.__dict__["_wire_triples"] = list(dict.fromkeys(triples))
        return document

    def triples_as_read(self) -> Graph | list[RdfTriple]:
        """The graph if one was built, else the document's triples (not a copy: do not change it)."""
        wire = self.__dict__.get("_wire_triples")
        return wire if wire is not None else self.graph

    def triples(self) -> list[tuple[Node, Node, Node]]:
        """Every triple of the document (the same as ``list(graph)``, without building the graph)."""
        wire = self.__dict__.get("_wire_triples")
        return list(wire) if wire is not None else list(self.graph)

    def count_of_type(self, rdf_type: Node) -> int:
        """How many subjects the document types as ``rdf_type``."""
        wire = self.__dict__.get("_wire_triples")
        if wire is None:
            return sum(1 for _ in self.graph.subjects(RDF.type, rdf_type))
        # sets: a term is compared by hash first (in C), rdflib's ``__eq__`` (Python) only on a match
        is_a, wanted = {RDF.type}, {rdf_type}
        return len({s for s, p, o in wire if p in is_a and o in wanted})

    # Crossing processes (the ingest's reader workers hand documents to the one writer): an rdflib Graph
    # pickles as its whole in-memory store, and unpickling it cost the writer's process 14 ms per
    # generated document. The triples cross as a table of the document's distinct terms in plain text
    # (``_encoded``) and three indexes into it per triple; the receiving process makes each term once
    # and keeps it for the documents after (``_decoded``): FRUS 1864 has 53,305 distinct terms counted
    # document by document but 21,773 in all, and pickle rebuilt every rdflib term in Python, a typed
    # literal's value included. The graph is rebuilt only if someone asks for it on the other side.
    def __getstate__(self) -> dict[str, object]:
        state = self.__dict__.copy()
        graph = state.pop("graph", None)
        wire = state.pop("_wire_triples", None)
        index: dict[Node, int] = {}
        number = index.setdefault  # a term's number is its place in ``index``: new ones go at the end
        flat = [number(term, len(index)) for triple in (graph if wire is None else wire) for term in triple]
        state["_wire"] = ([_encoded(term) for term in index], flat)
        return state

    def __setstate__(self, state: dict[str, object]) -> None:
        codes, flat = cast(tuple[list[object], list[int]], state.pop("_wire"))
        terms = [_decoded(code) for code in codes]
        each = map(terms.__getitem__, flat)
        state["_wire_triples"] = list(zip(each, each, each, strict=True))
        self.__dict__.update(state)

    def __getattr__(self, name: str) -> object:
        # only called for attributes not set: ``graph`` of a document that arrived as triples
        wire = self.__dict__.get("_wire_triples")
        if name != "graph" or wire is None:
            raise AttributeError(name)
        graph = Graph()
        for triple in wire:
            graph.add(triple)
        self.__dict__["graph"] = graph
        del self.__dict__["_wire_triples"]
        return graph


def _encoded(term: Node) -> object:
    """A term as plain text for the wire: an IRI as its string, a literal as (lexical form, language,
    datatype), a blank node as ("_:", label); anything else as itself, in a 1-tuple."""
    kind = type(term)
    if kind is URIRef:
        return str(term)
    if kind is Literal:
        literal = cast(Literal, term)
        datatype = literal.datatype
        return (str(literal), literal.language, None if datatype is None else str(datatype))
    if kind is BNode:
        return ("_:", str(term))
    return (term,)


def _decoded(code: object) -> Node:
    """The term ``_encoded`` wrote, made as pickle made it (``Literal(lexical, language, datatype)``)."""
    term = _RECEIVED.get(code)
    if term is not None:
        return term
    if len(_RECEIVED) > _RECEIVED_LIMIT:
        _RECEIVED.clear()
    if type(code) is str:
        term = URIRef(code)
    else:
        parts = cast(tuple[object, ...], code)
        if len(parts) == 3:
            lexical, language, datatype = cast(tuple[str, str | None, str | None], parts)
            if datatype is None and language is None:
                term = plain_literal(lexical)  # the same term, without rdflib's conversions
            else:
                term = Literal(lexical, language, None if datatype is None else URIRef(datatype))
        elif len(parts) == 2:
            term = BNode(cast(str, parts[1]))
        else:
            term = cast(Node, parts[0])
    _RECEIVED[code] = term
    return term


log = logging.getLogger(__name__)


def single_document(path: Path, build: Callable[[], Document]) -> Iterator[Document | ReaderError]:
    """What a one-document reader yields: the ``Document`` that ``build`` makes, or the one refusal.

    A file that cannot be read, or a bug in a reader, costs this one document and never the whole run.
    """
    try:
        document = build()
    except ReaderError as error:
        yield error
        return
    except OSError as error:
        yield ReaderError(str(path), f"cannot read the file: {error.strerror or error}")
        return
    except Exception as error:  # noqa: BLE001 - see the docstring
        log.exception("reader failed on %s", path)
        yield ReaderError(
            str(path), f"could not be read ({type(error).__name__}: {error}); nothing was stored"
        )
        return
    yield document


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
