"""The checks SHACL Core constraints compile to, and the one-pass index of a document they run on.

Each check class stands for one constraint component and reproduces what pySHACL does for it:
value nodes are sets, each failing value node gives one result (``NO_VALUE`` for the counts),
and class membership follows ``rdfs:subClassOf`` in the data graph only, as pySHACL does without
inference. ``ingest.shacl_compiled`` builds these from the shapes graph.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from typing import TYPE_CHECKING, Protocol

from pyshacl.rdfutil.compare import compare_literal
from rdflib import RDF, RDFS, XSD, BNode, Graph, Literal, URIRef
from rdflib.term import Node

if TYPE_CHECKING:
    from ingest.shacl_compiled import CompiledShape

#: Stands for "no value node" in a finding (sh:minCount and sh:maxCount report none).
NO_VALUE = None


class Check(Protocol):
    """One compiled constraint: the value nodes of one focus node that fail it."""

    def failures(self, focus: Node, values: set[Node], index: DataIndex) -> Iterator[Node | None]: ...


class NeedsReference(RuntimeError):
    """A document reaches a corner (e.g. comparing a blank node) best left to the reference engine."""


class DataIndex:
    """One document's triples, indexed once: subject → predicate → objects, and some predicates' pairs."""

    def __init__(self, graph: Graph, wanted_predicates: frozenset[URIRef]) -> None:
        spo: dict[Node, dict[Node, set[Node]]] = {}
        pairs: dict[Node, list[tuple[Node, Node]]] = {p: [] for p in wanted_predicates}
        for s, p, o in graph:
            by_predicate = spo.get(s)
            if by_predicate is None:
                spo[s] = by_predicate = {}
            objects = by_predicate.get(p)
            if objects is None:
                by_predicate[p] = {o}
            else:
                objects.add(o)
            wanted = pairs.get(p)
            if wanted is not None:
                wanted.append((s, o))
        self.spo = spo
        self.pairs = pairs
        instances: dict[Node, set[Node]] = {}
        for s, o in pairs[RDF.type]:
            instances.setdefault(o, set()).add(s)
        self.instances = instances
        self._superclasses: dict[Node, set[Node]] = {}
        self.has_subclasses = bool(pairs[RDFS.subClassOf])

    def objects(self, subject: Node, predicate: Node) -> set[Node]:
        return self.spo.get(subject, {}).get(predicate, set())

    def subjects(self, predicate: Node, obj: Node) -> list[Node]:
        return [s for s, o in self.pairs[predicate] if o == obj]

    def superclasses(self, cls: Node) -> set[Node]:
        """``cls`` and every class it is an rdfs:subClassOf of, transitively, in the data graph."""
        found = self._superclasses.get(cls)
        if found is None:
            found, todo = {cls}, [cls]
            while todo:
                for parent in self.objects(todo.pop(), RDFS.subClassOf):
                    if parent not in found:
                        found.add(parent)
                        todo.append(parent)
            self._superclasses[cls] = found
        return found

    def subclasses(self, cls: Node) -> set[Node]:
        """``cls`` and every class that is an rdfs:subClassOf of it, transitively, in the data graph."""
        found, todo = {cls}, [cls]
        pairs = self.pairs[RDFS.subClassOf]
        while todo:
            parent = todo.pop()
            for child, of in pairs:
                if of == parent and child not in found:
                    found.add(child)
                    todo.append(child)
        return found

    def is_instance(self, node: Node, cls: Node) -> bool:
        types = self.objects(node, RDF.type)
        if cls in types:
            return True
        return self.has_subclasses and any(cls in self.superclasses(t) for t in types)


# ----------------------------------------------------------------------------------------------
# Checks: each yields the value nodes that fail it for one focus node (NO_VALUE for counts).
# ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class MinCount:
    minimum: int

    def failures(self, focus: Node, values: set[Node], index: DataIndex) -> Iterator[Node | None]:
        if len(values) < self.minimum:
            yield NO_VALUE


@dataclass(frozen=True)
class MaxCount:
    maximum: int

    def failures(self, focus: Node, values: set[Node], index: DataIndex) -> Iterator[Node | None]:
        if len(values) > self.maximum:
            yield NO_VALUE


# The Python type rdflib gives a well-formed literal of each datatype pySHACL checks.
_VALUE_TYPES: dict[URIRef, type | tuple[type, ...]] = {
    XSD.string: (str, bytes),
    RDF.langString: (str, bytes),
    XSD.integer: int,
    XSD.float: float,
    XSD.decimal: Decimal,
    XSD.boolean: bool,
    XSD.date: date,
    XSD.time: time,
    XSD.dateTime: datetime,
}


@dataclass(frozen=True)
class Datatype:
    datatype: URIRef

    def failures(self, focus: Node, values: set[Node], index: DataIndex) -> Iterator[Node | None]:
        for value in values:
            if not self._matches(value):
                yield value

    def _matches(self, value: Node) -> bool:
        if not isinstance(value, Literal):
            return False
        wanted = self.datatype
        if value.datatype == wanted:
            return getattr(value, "ill_typed", None) is not True and self._well_typed(value)
        if wanted == RDFS.Literal:
            return True
        if wanted == RDFS.Datatype and value.datatype:
            return True
        if value.datatype is None and value.language is None and wanted == XSD.string:
            return self._well_typed(value)
        if wanted == RDF.langString and value.language:
            return self._well_typed(value)
        return False

    def _well_typed(self, value: Literal) -> bool:
        expected = _VALUE_TYPES.get(self.datatype)
        return True if expected is None else isinstance(value.value, expected)


@dataclass(frozen=True)
class In:
    allowed: frozenset[Node]

    def failures(self, focus: Node, values: set[Node], index: DataIndex) -> Iterator[Node | None]:
        for value in values:
            if value not in self.allowed:
                yield value


@dataclass(frozen=True)
class Class:
    cls: URIRef

    def failures(self, focus: Node, values: set[Node], index: DataIndex) -> Iterator[Node | None]:
        for value in values:
            if isinstance(value, Literal) or not index.is_instance(value, self.cls):
                yield value


@dataclass(frozen=True)
class NodeKind:
    kinds: tuple[type, ...]

    def failures(self, focus: Node, values: set[Node], index: DataIndex) -> Iterator[Node | None]:
        for value in values:
            # Test blank nodes and literals first: both are Identifiers like IRIs.
            kind = BNode if isinstance(value, BNode) else Literal if isinstance(value, Literal) else URIRef
            if kind not in self.kinds:
                yield value


_STRING_TYPES = (None, RDF.langString, XSD.string)


def _lexical(value: Node) -> str:
    """The string SHACL's string constraints look at (the value of a string literal, else its form)."""
    if isinstance(value, Literal) and value.value is not None and value.datatype in _STRING_TYPES:
        return str(value.value)
    return str(value)


@dataclass(frozen=True)
class Pattern:
    regex: re.Pattern[str]

    def failures(self, focus: Node, values: set[Node], index: DataIndex) -> Iterator[Node | None]:
        for value in values:
            if isinstance(value, BNode) or not self.regex.search(_lexical(value)):
                yield value


@dataclass(frozen=True)
class MinLength:
    minimum: int

    def failures(self, focus: Node, values: set[Node], index: DataIndex) -> Iterator[Node | None]:
        if self.minimum == 0:
            return
        for value in values:
            if isinstance(value, BNode) or len(_lexical(value)) < self.minimum:
                yield value


@dataclass(frozen=True)
class Bound:
    """sh:minInclusive (``sign`` 1) or sh:maxInclusive (``sign`` -1): compare each literal to a limit."""

    limit: Literal
    sign: int

    def failures(self, focus: Node, values: set[Node], index: DataIndex) -> Iterator[Node | None]:
        limit_is_string = isinstance(self.limit.value, str)
        for value in values:
            if not isinstance(value, Literal) or isinstance(value.value, str) != limit_is_string:
                yield value
                continue
            try:
                ok = compare_literal(value, self.limit) * self.sign >= 0
            except (TypeError, NotImplementedError):
                ok = False
            if not ok:
                yield value


@dataclass(frozen=True)
class LessThanOrEquals:
    other: URIRef

    def failures(self, focus: Node, values: set[Node], index: DataIndex) -> Iterator[Node | None]:
        others = index.objects(focus, self.other)
        for value in values:
            if isinstance(value, BNode):
                raise NeedsReference("sh:lessThanOrEquals over a blank node")
            for other in others:
                if not self._in_order(value, other):
                    yield value

    @staticmethod
    def _in_order(value: Node, other: Node) -> bool:
        if isinstance(other, BNode):
            raise NeedsReference("sh:lessThanOrEquals over a blank node")
        left, left_is_string = _comparable(value)
        right, right_is_string = _comparable(other)
        if left_is_string != right_is_string:
            return False
        try:
            return bool(left <= right)
        except Exception as error:  # rdflib refuses some pairs; let pySHACL report it its own way
            raise NeedsReference(f"cannot compare {value!r} with {other!r}: {error}") from error


def _comparable(node: Node) -> tuple[object, bool]:
    if isinstance(node, URIRef):
        return str(node), True
    if isinstance(node, Literal) and isinstance(node.value, str):
        return node.value, True
    return node, False


@dataclass(frozen=True)
class Or:
    alternatives: tuple[CompiledShape, ...]

    def failures(self, focus: Node, values: set[Node], index: DataIndex) -> Iterator[Node | None]:
        for value in values:
            if not any(shape.conforms(value, index) for shape in self.alternatives):
                yield value
