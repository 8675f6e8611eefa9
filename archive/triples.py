"""``TripleSet``: a small read-only triple index for deriving index records fast.

rdflib's in-memory Graph costs ~60 µs per added triple (measured: a third of ``put``'s time went into
building Graphs only to read them back); this keeps the three lookups indexing needs in plain dicts.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator

from rdflib import Literal, URIRef
from rdflib.term import Node

from .terms import RdfTriple


class TripleSet:
    """The triples of one or more graphs, looked up by (subject, predicate) or (predicate, object)."""

    def __init__(self, graphs: Iterable[Iterable[RdfTriple]] = ()) -> None:
        self._triples: set[RdfTriple] = set()
        self._sp: dict[tuple[Node, Node], list[Node]] = defaultdict(list)
        self._po: dict[tuple[Node, Node], list[Node]] = defaultdict(list)
        # ``add`` inlined: building the set is on the writer's path for every document
        seen, sp, po = self._triples, self._sp, self._po
        for triples in graphs:
            for triple in triples:
                size = len(seen)
                seen.add(triple)  # one hash of the triple instead of two (``in`` then ``add``)
                if len(seen) == size:
                    continue
                s, p, o = triple
                sp[(s, p)].append(o)
                if not isinstance(o, Literal):  # a Literal hashes in Python, and no one asks by it
                    po[(p, o)].append(s)

    def add(self, triple: RdfTriple) -> None:
        if triple in self._triples:
            return
        s, p, o = triple
        self._triples.add(triple)
        self._sp[(s, p)].append(o)
        if not isinstance(o, Literal):
            self._po[(p, o)].append(s)

    def __contains__(self, triple: RdfTriple) -> bool:
        return triple in self._triples

    def __iter__(self) -> Iterator[RdfTriple]:
        return iter(self._triples)

    def __len__(self) -> int:
        return len(self._triples)

    def objects(self, subject: Node, predicate: Node) -> list[Node]:
        return list(self._sp.get((subject, predicate), ()))

    def subjects(self, predicate: Node, obj: Node) -> list[Node]:
        """Subjects of ``predicate`` with the IRI or blank node ``obj`` (literal objects are not indexed)."""
        if isinstance(obj, Literal):
            raise TypeError("TripleSet.subjects looks up IRI and blank-node objects only")
        return list(self._po.get((predicate, obj), ()))

    def iris(self) -> set[URIRef]:
        """Every IRI in subject or object position, read off the indexes' keys (fewer than the triples,
        and no Literal hashed)."""
        named = {s for s, _ in self._sp if isinstance(s, URIRef)}
        named.update(o for _, o in self._po if isinstance(o, URIRef))
        return named
