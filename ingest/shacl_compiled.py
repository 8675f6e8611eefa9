"""SHACL Core shapes compiled once into plain Python checks, run against one document's graph.

pySHACL re-walks the shapes graph and queries the data graph through rdflib for every shape, which
costs tens of milliseconds per document. Here ``compile_shapes`` reads the shapes graph once into
``CompiledShape`` objects (targets, a path, a tuple of checks, children), and ``CompiledShapes.run``
indexes a document's triples once (subject → predicate → objects) and runs the checks over plain
dicts. Only the SHACL Core features our shapes use are understood; anything else makes
``compile_shapes`` raise ``UnsupportedShapes`` so the caller can keep using pySHACL instead.

Each check reproduces pySHACL's semantics for its constraint component (each value node once, one
result per failing value node, class membership through ``rdfs:subClassOf`` in the data graph), so
both validators report the same results; tests/test_validate.py compares them on hand-made corner
cases, the sample minutes, 200 mutated documents and every FRUS, FOMC and council document.
"""

from __future__ import annotations

import re
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from rdflib import RDF, RDFS, BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import SH
from rdflib.term import Node

from ingest.shacl_checks import (
    Bound,
    Check,
    Class,
    DataIndex,
    Datatype,
    In,
    LessThanOrEquals,
    MaxCount,
    MinCount,
    MinLength,
    NodeKind,
    Or,
    Pattern,
    term_key,
)

# Parameters that may appear on a shape without changing what it accepts.
_ANNOTATIONS = {SH.name, SH.description, SH.order, SH.group}
_TARGETS = {SH.targetClass, SH.targetNode, SH.targetObjectsOf, SH.targetSubjectsOf}
_SINGLE_VALUED = {
    SH.path,
    SH.minCount,
    SH.maxCount,
    SH.datatype,
    SH["in"],
    SH["class"],
    SH.nodeKind,
    SH.pattern,
    SH.minLength,
    SH.minInclusive,
    SH.maxInclusive,
    SH.lessThanOrEquals,
    SH["or"],
    SH.severity,
    SH.message,
    SH.deactivated,
}
SUPPORTED = _ANNOTATIONS | _TARGETS | _SINGLE_VALUED | {SH.property}
_SHAPE_TYPES = {SH.NodeShape, SH.PropertyShape}
_NODE_KINDS = {
    SH.IRI: (URIRef,),
    SH.BlankNode: (BNode,),
    SH.Literal: (Literal,),
    SH.BlankNodeOrIRI: (BNode, URIRef),
    SH.BlankNodeOrLiteral: (BNode, Literal),
    SH.IRIOrLiteral: (URIRef, Literal),
}


#: One node's entry in the index: predicate key → objects.
Facts = Mapping[Hashable, Sequence[Node]]
_NO_FACTS: Facts = {}


class UnsupportedShapes(ValueError):
    """The shapes use a SHACL feature this compiler does not implement (the message names it)."""


# ----------------------------------------------------------------------------------------------
# Shapes and the whole compiled shapes graph
# ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Finding:
    """One validation result: the shape that failed, its focus node and the value node (if any)."""

    shape: CompiledShape
    focus: Node
    value: Node | None


@dataclass(eq=False)
class CompiledShape:
    """One node or property shape: its targets, its path (property shapes), checks and child shapes."""

    node: Node
    path: URIRef | None = None
    message: str | None = None
    severity: URIRef = SH.Violation
    deactivated: bool = False
    target_classes: tuple[URIRef, ...] = ()
    target_nodes: tuple[Node, ...] = ()
    target_objects_of: tuple[URIRef, ...] = ()
    target_subjects_of: tuple[URIRef, ...] = ()
    checks: list[Check] = field(default_factory=list)
    properties: list[CompiledShape] = field(default_factory=list)

    def __post_init__(self) -> None:
        # The index is keyed by term_key: look paths and targets up the same way.
        self.path_key = term_key(self.path) if self.path is not None else None
        self.class_keys = tuple(term_key(cls) for cls in self.target_classes)
        self.subjects_of_keys = tuple(term_key(p) for p in self.target_subjects_of)
        self.objects_of_keys = tuple(term_key(p) for p in self.target_objects_of)

    @property
    def has_targets(self) -> bool:
        return any((self.target_classes, self.target_nodes, self.target_objects_of, self.target_subjects_of))

    def focus_nodes(self, index: DataIndex) -> Iterable[Node]:
        """The targets of this shape in the document, each once (as a set of rdflib terms would hold)."""
        found: dict[Hashable, Node] = {term_key(node): node for node in self.target_nodes}
        for cls in self.class_keys:
            for each in index.subclasses(cls) if index.has_subclasses else (cls,):
                for node in index.instances.get(each, ()):
                    found[term_key(node)] = node
        for predicate in self.subjects_of_keys:
            for node, _ in index.pairs[predicate]:
                found[term_key(node)] = node
        for predicate in self.objects_of_keys:
            for _, node in index.pairs[predicate]:
                found[term_key(node)] = node
        return found.values()

    def validate(self, focus: Node, index: DataIndex, out: list[Finding], facts: Facts | None = None) -> None:
        """Check ``focus`` against this shape, adding a ``Finding`` per failure to ``out``.

        ``facts`` is the focus node's predicate → objects entry of the index, when the caller (the
        node shape of a property shape) has already looked it up.
        """
        if self.deactivated:
            return
        if self.path_key is None:
            values: Sequence[Node] = (focus,)
        else:
            if facts is None:
                facts = index.spo.get(term_key(focus), _NO_FACTS)
            values = facts.get(self.path_key, ())
        for check in self.checks:
            failed = check.failures(focus, values, index)
            if failed:
                out.extend(Finding(self, focus, value) for value in failed)
        if not self.properties:
            return
        if self.path_key is None:
            # The value node is the focus itself: look its facts up once for every property shape,
            # and run the usual leaf property shapes inline (this loop is the validator's hot path).
            own = index.spo.get(term_key(focus), _NO_FACTS)
            for child in self.properties:
                if child.properties or child.deactivated:
                    child.validate(focus, index, out, own)
                    continue
                child_values = own.get(child.path_key, ())
                for check in child.checks:
                    failed = check.failures(focus, child_values, index)
                    if failed:
                        out.extend(Finding(child, focus, value) for value in failed)
        else:
            for value in values:
                for child in self.properties:
                    child.validate(value, index, out)

    def conforms(self, focus: Node, index: DataIndex) -> bool:
        """Whether ``focus`` passes this shape (how sh:or judges its members)."""
        scratch: list[Finding] = []
        self.validate(focus, index, scratch)
        return not scratch


@dataclass
class CompiledShapes:
    """Every shape of a shapes graph, ready to run against many documents."""

    shapes: list[CompiledShape]
    wanted_predicates: frozenset[Hashable]  # term_keys of the predicates whose pairs the index keeps

    def run(self, graph: Graph | Iterable[tuple[Node, Node, Node]]) -> tuple[list[Finding], DataIndex]:
        """Every result of every targeted shape on ``graph`` (a graph or its triples, each once), and the
        index they were computed over."""
        index = DataIndex(graph, self.wanted_predicates)
        findings: list[Finding] = []
        for shape in self.shapes:
            if shape.deactivated:
                continue
            for focus in shape.focus_nodes(index):
                shape.validate(focus, index, findings)
        return findings, index


def compile_shapes(shapes: Graph) -> CompiledShapes:
    """Compile every shape of ``shapes``; raises ``UnsupportedShapes`` naming anything not understood."""
    for _s, p, _o in shapes:
        if p.startswith(str(SH)) and p not in SUPPORTED:
            raise UnsupportedShapes(f"the shapes use {p}, which the compiled validator does not implement")
    nodes: set[Node] = set()
    for predicate in _TARGETS | {SH.path}:
        nodes.update(shapes.subjects(predicate, None))
    for shape_type in _SHAPE_TYPES:
        nodes.update(shapes.subjects(RDF.type, shape_type))
    compiler = _Compiler(shapes)
    compiled = [compiler.shape(node) for node in sorted(nodes, key=str)]
    targeted = [shape for shape in compiled if shape.has_targets]
    wanted = {term_key(RDF.type), term_key(RDFS.subClassOf)}
    for shape in targeted:
        wanted.update(shape.objects_of_keys)
        wanted.update(shape.subjects_of_keys)
    return CompiledShapes(targeted, frozenset(wanted))


class _Compiler:
    """Turns shape nodes into ``CompiledShape`` objects, each once, refusing what it cannot do."""

    def __init__(self, graph: Graph) -> None:
        self.graph = graph
        self.done: dict[Node, CompiledShape] = {}
        self.in_progress: set[Node] = set()

    def shape(self, node: Node) -> CompiledShape:
        if node in self.done:
            return self.done[node]
        if node in self.in_progress:
            raise UnsupportedShapes(f"shape {node} refers to itself (recursive shapes)")
        self.in_progress.add(node)
        g = self.graph
        for shape_type in g.objects(node, RDF.type):
            if shape_type not in _SHAPE_TYPES:
                raise UnsupportedShapes(f"shape {node} is also a {shape_type} (implicit class targets)")
        values = {p: list(g.objects(node, p)) for p in _SINGLE_VALUED}
        for p, found in values.items():
            if len(found) > 1:
                raise UnsupportedShapes(f"shape {node} has {len(found)} values of {p}")
        one = {p: found[0] for p, found in values.items() if found}
        path = one.get(SH.path)
        if path is not None and not isinstance(path, URIRef):
            raise UnsupportedShapes(f"shape {node} has a complex sh:path (only predicate paths are compiled)")
        deactivated = one.get(SH.deactivated)
        if deactivated is not None and not isinstance(deactivated, Literal):
            raise UnsupportedShapes(f"shape {node} has a non-literal sh:deactivated")
        shape = CompiledShape(
            node=node,
            path=path,
            # Without a message pySHACL writes a generic one; a finding of such a shape goes to pySHACL.
            message=str(one[SH.message]) if SH.message in one else None,
            severity=one.get(SH.severity, SH.Violation),
            deactivated=bool(deactivated.value) if deactivated is not None else False,
            target_classes=tuple(g.objects(node, SH.targetClass)),
            target_nodes=tuple(g.objects(node, SH.targetNode)),
            target_objects_of=tuple(g.objects(node, SH.targetObjectsOf)),
            target_subjects_of=tuple(g.objects(node, SH.targetSubjectsOf)),
        )
        if len(shape.target_objects_of) > 1:
            raise UnsupportedShapes(f"shape {node} has several sh:targetObjectsOf")
        shape.checks = self._checks(node, one)
        shape.properties = [self.shape(child) for child in g.objects(node, SH.property)]
        for child in shape.properties:
            if child.path is None:
                raise UnsupportedShapes(f"sh:property of {node} points to {child.node}, which has no sh:path")
        self.in_progress.discard(node)
        self.done[node] = shape
        return shape

    def _checks(self, node: Node, one: dict[URIRef, Node]) -> list[Check]:
        checks: list[Check] = []
        if SH.minCount in one:
            checks.append(MinCount(int(self._literal(node, one[SH.minCount]))))
        if SH.maxCount in one:
            checks.append(MaxCount(int(self._literal(node, one[SH.maxCount]))))
        if SH.datatype in one:
            checks.append(Datatype(one[SH.datatype]))
        if SH["in"] in one:
            checks.append(In(frozenset(Collection(self.graph, one[SH["in"]]))))
        if SH["class"] in one:
            checks.append(Class(term_key(one[SH["class"]])))
        if SH.nodeKind in one:
            if one[SH.nodeKind] not in _NODE_KINDS:
                raise UnsupportedShapes(f"shape {node} has an unknown sh:nodeKind {one[SH.nodeKind]}")
            checks.append(NodeKind(_NODE_KINDS[one[SH.nodeKind]]))
        if SH.pattern in one:
            pattern = self._literal(node, one[SH.pattern])
            # pySHACL compiles the literal's value, or its lexical form when that is one character or less.
            long_enough = pattern.value is not None and len(pattern.value) > 1
            text = str(pattern.value) if long_enough else str(pattern)
            checks.append(Pattern(re.compile(text)))
        if SH.minLength in one:
            checks.append(MinLength(int(self._literal(node, one[SH.minLength]))))
        if SH.minInclusive in one:
            checks.append(Bound(self._literal(node, one[SH.minInclusive]), 1))
        if SH.maxInclusive in one:
            checks.append(Bound(self._literal(node, one[SH.maxInclusive]), -1))
        if SH.lessThanOrEquals in one:
            if not isinstance(one[SH.lessThanOrEquals], URIRef):
                raise UnsupportedShapes(f"shape {node} has a non-IRI sh:lessThanOrEquals")
            checks.append(LessThanOrEquals(term_key(one[SH.lessThanOrEquals])))
        if SH["or"] in one:
            members = Collection(self.graph, one[SH["or"]])
            checks.append(Or(tuple(self._alternative(node, member) for member in members)))
        return checks

    def _alternative(self, owner: Node, member: Node) -> CompiledShape:
        # A member is judged only on whether it conforms; lesser severities would change that judgement.
        shape = self.shape(member)
        stack = [shape]
        while stack:
            current = stack.pop()
            if current.severity != SH.Violation:
                raise UnsupportedShapes(f"sh:or of {owner} has a member with severity {current.severity}")
            stack.extend(current.properties)
        return shape

    @staticmethod
    def _literal(node: Node, value: Node) -> Literal:
        if not isinstance(value, Literal):
            raise UnsupportedShapes(f"shape {node} has a non-literal parameter {value}")
        return value
