"""The checks SHACL Core constraints compile to, and the one-pass index of a document they run on.

Each check class stands for one constraint component and reproduces what pySHACL does for it:
each value node counts once, each failing value node gives one result (``NO_VALUE`` for the
counts), and class membership follows ``rdfs:subClassOf`` in the data graph only, as pySHACL does
without inference. Where pySHACL would give up on a value (a blank node to order, a NaN to
compare), a check raises ``NeedsReference`` and the caller lets pySHACL decide that document.
``ingest.shacl_compiled`` builds these checks from the shapes graph.
"""

from __future__ import annotations

import re
from collections.abc import Hashable, Iterable, Sequence
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
_ONE_RESULT = (NO_VALUE,)


class Check(Protocol):
    """One compiled constraint: the value nodes of one focus node that fail it (empty: it holds)."""

    def failures(self, focus: Node, values: Sequence[Node], index: DataIndex) -> Sequence[Node | None]: ...


class NeedsReference(RuntimeError):
    """A document reaches a corner (e.g. comparing a blank node) best left to the reference engine."""


def term_key(term: Node) -> Hashable:
    """A dict key equal exactly when two rdflib terms are equal, but hashed and compared in C.

    rdflib's terms hash and compare in Python, which dominates a dict-heavy index; an IRI's text
    (a plain ``str``) and a blank node's ``("_:", id)`` cannot be mistaken for each other or for
    a literal, which stays itself (literals are rarely subjects or keys).
    """
    kind = type(term)
    if kind is URIRef:
        return str(term)
    if kind is BNode:
        return ("_:", str(term))
    return term


_TYPE = term_key(RDF.type)
_SUBCLASS_OF = term_key(RDFS.subClassOf)
_NONE: tuple[Node, ...] = ()


class DataIndex:
    """One document's triples, indexed once: subject → predicate → objects, types, some predicates' pairs.

    Subjects, predicates and classes are keyed by ``term_key``; objects stay rdflib terms in lists
    (a graph holds each triple once, so the lists need no de-duplication).
    """

    def __init__(
        self, graph: Graph | Iterable[tuple[Node, Node, Node]], wanted_predicates: frozenset[Hashable]
    ) -> None:
        spo: dict[Hashable, dict[Hashable, list[Node]]] = {}
        pairs: dict[Hashable, list[tuple[Node, Node]]] = {p: [] for p in wanted_predicates}
        iri, blank = URIRef, BNode
        for s, p, o in graph:
            kind = type(s)
            subject = str(s) if kind is iri else ("_:", str(s)) if kind is blank else s
            predicate = str(p) if type(p) is iri else term_key(p)
            by_predicate = spo.get(subject)
            if by_predicate is None:
                spo[subject] = {predicate: [o]}
            else:
                objects = by_predicate.get(predicate)
                if objects is None:
                    by_predicate[predicate] = [o]
                else:
                    objects.append(o)
            wanted = pairs.get(predicate)
            if wanted is not None:
                wanted.append((s, o))
        self.spo = spo
        self.pairs = pairs
        self.types: dict[Hashable, set[Hashable]] = {}
        self.instances: dict[Hashable, list[Node]] = {}
        for s, o in pairs.get(_TYPE, ()):
            self.types.setdefault(term_key(s), set()).add(term_key(o))
            self.instances.setdefault(term_key(o), []).append(s)
        self._superclasses: dict[Hashable, set[Hashable]] = {}
        self.has_subclasses = bool(pairs.get(_SUBCLASS_OF))

    def objects(self, subject: Node, predicate: Hashable) -> Sequence[Node]:
        """The objects of ``subject`` (a term) and ``predicate`` (a ``term_key``)."""
        by_predicate = self.spo.get(term_key(subject))
        return by_predicate.get(predicate, _NONE) if by_predicate is not None else _NONE

    def subjects(self, predicate: Hashable, obj: Node) -> list[Node]:
        """The subjects that have ``obj`` as a value of ``predicate`` (one of the wanted predicates)."""
        return [s for s, o in self.pairs[predicate] if o == obj]

    def superclasses(self, cls: Hashable) -> set[Hashable]:
        """``cls`` and every class it is an rdfs:subClassOf of, transitively, in the data graph."""
        found = self._superclasses.get(cls)
        if found is None:
            found, todo = {cls}, [cls]
            while todo:
                for parent in self.spo.get(todo.pop(), {}).get(_SUBCLASS_OF, _NONE):
                    parent_key = term_key(parent)
                    if parent_key not in found:
                        found.add(parent_key)
                        todo.append(parent_key)
            self._superclasses[cls] = found
        return found

    def subclasses(self, cls: Hashable) -> set[Hashable]:
        """``cls`` and every class that is an rdfs:subClassOf of it, transitively, in the data graph."""
        found, todo = {cls}, [cls]
        links = [(term_key(child), term_key(parent)) for child, parent in self.pairs[_SUBCLASS_OF]]
        while todo:
            parent = todo.pop()
            for child, of in links:
                if of == parent and child not in found:
                    found.add(child)
                    todo.append(child)
        return found

    def is_instance(self, node: Node, cls: Hashable) -> bool:
        """Whether ``node`` has rdf:type ``cls`` or a subclass of it (SHACL instance, data graph only)."""
        types = self.types.get(term_key(node))
        if not types:
            return False
        if cls in types:
            return True
        return self.has_subclasses and any(cls in self.superclasses(t) for t in types)


# ----------------------------------------------------------------------------------------------
# Checks: each yields the value nodes that fail it for one focus node (NO_VALUE for counts).
# ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class MinCount:
    minimum: int

    def failures(self, focus: Node, values: Sequence[Node], index: DataIndex) -> Sequence[Node | None]:
        return _ONE_RESULT if len(values) < self.minimum else _NONE


@dataclass(frozen=True)
class MaxCount:
    maximum: int

    def failures(self, focus: Node, values: Sequence[Node], index: DataIndex) -> Sequence[Node | None]:
        return _ONE_RESULT if len(values) > self.maximum else _NONE


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

    def __post_init__(self) -> None:
        # Decide what can be decided per shape now; compare datatype IRIs as text, since rdflib's
        # term equality is a Python call per literal.
        wanted = self.datatype
        object.__setattr__(self, "_text", str(wanted))
        object.__setattr__(self, "_expected", _VALUE_TYPES.get(wanted))
        object.__setattr__(self, "_any_literal", wanted == RDFS.Literal)
        object.__setattr__(self, "_any_typed", wanted == RDFS.Datatype)
        object.__setattr__(self, "_string", wanted == XSD.string)
        object.__setattr__(self, "_lang_string", wanted == RDF.langString)

    def failures(self, focus: Node, values: Sequence[Node], index: DataIndex) -> Sequence[Node | None]:
        return [value for value in values if not self._matches(value)]

    def _matches(self, value: Node) -> bool:
        if not isinstance(value, Literal):
            return False
        datatype = value.datatype
        if datatype is not None and type(datatype) is URIRef and str(datatype) == self._text:
            return getattr(value, "ill_typed", None) is not True and self._well_typed(value)
        if self._any_literal:
            return True
        if self._any_typed and datatype:
            return True
        if datatype is None and value.language is None and self._string:
            return self._well_typed(value)
        if self._lang_string and value.language:
            return self._well_typed(value)
        return False

    def _well_typed(self, value: Literal) -> bool:
        return self._expected is None or isinstance(value.value, self._expected)


@dataclass(frozen=True)
class In:
    allowed: frozenset[Node]

    def failures(self, focus: Node, values: Sequence[Node], index: DataIndex) -> Sequence[Node | None]:
        return [value for value in values if value not in self.allowed]


@dataclass(frozen=True)
class Class:
    cls: Hashable  # a term_key

    def failures(self, focus: Node, values: Sequence[Node], index: DataIndex) -> Sequence[Node | None]:
        return [v for v in values if isinstance(v, Literal) or not index.is_instance(v, self.cls)]


@dataclass(frozen=True)
class NodeKind:
    kinds: tuple[type, ...]

    def failures(self, focus: Node, values: Sequence[Node], index: DataIndex) -> Sequence[Node | None]:
        return [value for value in values if _kind(value) not in self.kinds]


def _kind(value: Node) -> type:
    # Test blank nodes and literals first: all three are Identifiers.
    return BNode if isinstance(value, BNode) else Literal if isinstance(value, Literal) else URIRef


_STRING_TYPES = (None, RDF.langString, XSD.string)


def _lexical(value: Node) -> str:
    """The string SHACL's string constraints look at (the value of a string literal, else its form)."""
    if isinstance(value, Literal) and value.value is not None and value.datatype in _STRING_TYPES:
        return str(value.value)
    return str(value)


@dataclass(frozen=True)
class Pattern:
    regex: re.Pattern[str]

    def failures(self, focus: Node, values: Sequence[Node], index: DataIndex) -> Sequence[Node | None]:
        search = self.regex.search
        return [value for value in values if isinstance(value, BNode) or not search(_lexical(value))]


@dataclass(frozen=True)
class MinLength:
    minimum: int

    def failures(self, focus: Node, values: Sequence[Node], index: DataIndex) -> Sequence[Node | None]:
        if self.minimum == 0:
            return _NONE
        minimum = self.minimum
        return [value for value in values if isinstance(value, BNode) or len(_lexical(value)) < minimum]


@dataclass(frozen=True)
class Bound:
    """sh:minInclusive (``sign`` 1) or sh:maxInclusive (``sign`` -1): compare each literal to a limit."""

    limit: Literal
    sign: int

    def __post_init__(self) -> None:
        object.__setattr__(self, "_limit_is_string", isinstance(self.limit.value, str))
        object.__setattr__(self, "_limit_number", _number(self.limit))

    def failures(self, focus: Node, values: Sequence[Node], index: DataIndex) -> Sequence[Node | None]:
        return [value for value in values if not self._within(value)]

    def _within(self, value: Node) -> bool:
        # pySHACL compares strings only with strings, and anything else only with non-strings.
        if not isinstance(value, Literal) or isinstance(value.value, str) != self._limit_is_string:
            return False
        number = _number(value)
        if number is not None and self._limit_number is not None:
            return (number - self._limit_number) * self.sign >= 0
        try:
            return compare_literal(value, self.limit) * self.sign >= 0
        except (TypeError, NotImplementedError):
            return False
        except Exception as error:  # e.g. a NaN decimal: pySHACL lets it escape; leave the call to it
            raise NeedsReference(f"cannot compare {value!r} with {self.limit!r}: {error!r}") from error


@dataclass(frozen=True)
class LessThanOrEquals:
    other: Hashable  # the term_key of the property to compare with

    def failures(self, focus: Node, values: Sequence[Node], index: DataIndex) -> Sequence[Node | None]:
        others = index.objects(focus, self.other)
        failed = []
        for value in values:
            if isinstance(value, BNode):
                raise NeedsReference("sh:lessThanOrEquals over a blank node")
            # One result per pair out of order, as pySHACL gives.
            failed.extend(value for other in others if not self._in_order(value, other))
        return failed

    @staticmethod
    def _in_order(value: Node, other: Node) -> bool:
        if isinstance(other, BNode):
            raise NeedsReference("sh:lessThanOrEquals over a blank node")
        left_number, right_number = _number(value), _number(other)
        if left_number is not None and right_number is not None:
            return left_number <= right_number
        left, left_is_string = _comparable(value)
        right, right_is_string = _comparable(other)
        if left_is_string != right_is_string:
            return False
        try:
            return bool(left <= right)
        except Exception as error:  # rdflib refuses some pairs; let pySHACL report it its own way
            raise NeedsReference(f"cannot compare {value!r} with {other!r}: {error}") from error


_NUMBER_TYPES = {str(XSD.integer), str(XSD.decimal)}


def _number(node: Node) -> int | Decimal | None:
    """The value of a well-formed xsd:integer or finite xsd:decimal literal, else ``None``.

    rdflib orders these literals by their values, so plain arithmetic gives the same answer as
    ``compare_literal`` or ``<=`` on the literals, many times faster; anything else takes that path.
    """
    if type(node) is not Literal or node.datatype is None or str(node.datatype) not in _NUMBER_TYPES:
        return None
    value = node.value
    kind = type(value)
    if kind is int or (kind is Decimal and value.is_finite()):
        return value
    return None


def _comparable(node: Node) -> tuple[object, bool]:
    if isinstance(node, URIRef):
        return str(node), True
    if isinstance(node, Literal) and isinstance(node.value, str):
        return node.value, True
    return node, False


@dataclass(frozen=True)
class Or:
    alternatives: tuple[CompiledShape, ...]

    def failures(self, focus: Node, values: Sequence[Node], index: DataIndex) -> Sequence[Node | None]:
        return [v for v in values if not any(shape.conforms(v, index) for shape in self.alternatives)]
