"""Check one document's graph against the SHACL shapes of the ontology before it is stored.

``validate(graph)`` checks the graph against ``ontology/shapes.ttl`` and returns one ``Violation``
per problem, each naming the node, the property and what to fix. The shapes are compiled once per
process into plain Python checks (``ingest.shacl_compiled``), which validate a typical document in
a fraction of a millisecond. pySHACL stays the reference: ``validate_with_pyshacl`` runs it, and
``validate`` falls back to it for the whole run when the shapes use a feature the compiler does not
implement, or for one document that reaches a corner the compiled checks leave to it. Validation
runs without inference (readers write the types the shapes target).
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from pyshacl import Validator
from pyshacl.graph_abstraction import DataGraph
from pyshacl.pytypes import GraphLike
from pyshacl.shapes_graph import ShapesGraph
from rdflib import RDFS, ConjunctiveGraph, Graph, Literal, URIRef
from rdflib.namespace import SH

from ingest.shacl_checks import DataIndex, NeedsReference, term_key
from ingest.shacl_compiled import CompiledShapes, Finding, UnsupportedShapes, compile_shapes
from ontology import PREC, SHAPES_TTL

if TYPE_CHECKING:
    from ingest.document import Document

log = logging.getLogger(__name__)

_SEVERITY_NAMES = {SH.Violation: "violation", SH.Warning: "warning", SH.Info: "info"}


@dataclass(frozen=True)
class Violation:
    """One way a document's graph falls short of the shapes, in words a person can act on.

    ``focus`` is the node at fault (an IRI or blank node id), ``path`` the property (its IRI,
    or ``None`` for a rule over the whole node), ``message`` what is wrong and what to do,
    ``severity`` ``violation`` (the document must be refused) or ``warning`` (store, but say so).
    """

    focus: str
    path: str | None
    message: str
    severity: str = "violation"
    value: str | None = None

    @property
    def is_error(self) -> bool:
        return self.severity == "violation"

    def __str__(self) -> str:
        where = f"<{self.focus}>" + (f" {_short(self.path)}" if self.path else "")
        found = f" (found {self.value!r})" if self.value is not None else ""
        return f"{where}: {self.message}{found}"


@lru_cache(maxsize=1)
def _shapes_graph() -> Graph:
    """The shapes, parsed once per process (they never change while running)."""
    return Graph().parse(SHAPES_TTL, format="turtle")


@lru_cache(maxsize=1)
def _shapes() -> tuple[Graph, ShapesGraph]:
    """The shapes as pySHACL reads them, built once per process and only if pySHACL is needed."""
    graph = _shapes_graph()
    compiled = ShapesGraph(graph)
    compiled.shapes  # noqa: B018 - compile every shape now, not on the first document
    return graph, compiled


@lru_cache(maxsize=1)
def _compiled_shapes() -> CompiledShapes | None:
    """The shapes compiled into plain checks, or ``None`` (logged once) when the compiler cannot."""
    try:
        return compile_shapes(_shapes_graph())
    except UnsupportedShapes as why:
        log.warning("validating with pySHACL, which is much slower: %s", why)
        return None


def validate(subject: Graph | Document, *, include_warnings: bool = False) -> list[Violation]:
    """The violations of ``subject`` (a graph, or a ``Document``'s graph); empty if it conforms.

    Any result means the document must be refused. With ``include_warnings`` the list also holds
    warnings (``is_error`` false): things worth telling the editor that do not stop the document.
    """
    # A document read as a list of triples is checked from the list (the compiled checks read it once);
    # pySHACL, when it is needed, gets the graph, which the document then builds.
    data = subject if isinstance(subject, Graph) else subject.triples_as_read()
    compiled = _compiled_shapes()
    # A dataset's triples live in named graphs whose union pySHACL knows how to take: leave it those.
    if compiled is None or isinstance(data, ConjunctiveGraph):
        return validate_with_pyshacl(subject, include_warnings=include_warnings)
    try:
        findings, index = compiled.run(data)
        violations = _read_findings(findings, index)
    except NeedsReference as why:
        log.debug("validating with pySHACL: %s", why)
        return validate_with_pyshacl(subject, include_warnings=include_warnings)
    return _in_order([v for v in violations if include_warnings or v.is_error])


def _read_findings(findings: list[Finding], index: DataIndex) -> list[Violation]:
    """The compiled checks' results as ``Violation``s, exactly as ``_read_report`` words pySHACL's."""
    found = []
    for finding in findings:
        shape = finding.shape
        if shape.message is None:
            raise NeedsReference(f"shape {shape.node} has no sh:message; pySHACL words a generic one")
        level = _SEVERITY_NAMES.get(shape.severity, "violation")
        if shape.target_objects_of:
            carried_by = shape.target_objects_of[0]
            for owner in sorted(index.subjects(term_key(carried_by), finding.focus)):
                found.append(Violation(str(owner), str(carried_by), shape.message, level, str(finding.focus)))
            continue
        value = finding.value
        found.append(
            Violation(
                focus=str(finding.focus),
                path=str(shape.path) if shape.path is not None else None,
                message=shape.message,
                severity=level,
                value=str(value) if isinstance(value, (Literal, URIRef)) and value != finding.focus else None,
            )
        )
    return found


def _in_order(violations: list[Violation]) -> list[Violation]:
    # Errors first, then by node and property; the value breaks ties so the order never varies.
    violations.sort(key=_order)
    return violations


def _order(v: Violation) -> tuple[bool, str, str, str, str]:
    return (v.severity != "violation", v.focus, v.path or "", v.message, v.value or "")


def validate_with_pyshacl(subject: Graph | Document, *, include_warnings: bool = False) -> list[Violation]:
    """``validate`` done by pySHACL itself: the reference the compiled checks are tested against."""
    graph = subject if isinstance(subject, Graph) else subject.graph
    if not graph.store.context_aware:
        # pySHACL wraps the data in a Dataset, which needs a context-aware store: copy into one.
        copy = Graph()
        copy += graph
        graph = copy
    shapes_graph, compiled = _shapes()
    started = time.perf_counter()
    validator = Validator(
        DataGraph.from_rdflib(graph),
        shacl_graph=shapes_graph,
        options={"inference": "none", "advanced": False, "allow_warnings": True, "inplace": True},
    )
    # Reuse the compiled shapes instead of letting each run parse the shapes graph again.
    validator.shacl_graph = compiled
    _conforms, report, _text = validator.run()
    violations = [v for v in _read_report(report, graph, shapes_graph) if include_warnings or v.is_error]
    log.debug(
        "validated %d triples in %.1f ms: %d results",
        len(graph),
        (time.perf_counter() - started) * 1000,
        len(violations),
    )
    return violations


def _read_report(report: GraphLike, data: Graph, shapes: Graph) -> list[Violation]:
    found = []
    for result in report.objects(None, SH.result):
        focus = report.value(result, SH.focusNode)
        path = report.value(result, SH.resultPath)
        message = report.value(result, SH.resultMessage)
        value = report.value(result, SH.value)
        severity = report.value(result, SH.resultSeverity)
        text = str(message) if message is not None else _fallback_message(report, result)
        level = _SEVERITY_NAMES.get(severity, "violation")
        # A shape that targets the values of a property (sh:targetObjectsOf) reports the value as
        # its focus; a person needs the node that carries it, so report every such node instead.
        carried_by = shapes.value(report.value(result, SH.sourceShape), SH.targetObjectsOf)
        if carried_by is not None:
            for owner in sorted(data.subjects(carried_by, focus)):
                found.append(Violation(str(owner), str(carried_by), text, level, str(focus)))
            continue
        found.append(
            Violation(
                focus=str(focus),
                path=str(path) if isinstance(path, URIRef) else None,
                message=text,
                severity=level,
                # A node-level rule reports the focus node itself as the value: not worth repeating.
                value=str(value) if isinstance(value, (Literal, URIRef)) and value != focus else None,
            )
        )
    return _in_order(found)


def _fallback_message(report: GraphLike, result) -> str:
    component = report.value(result, SH.sourceConstraintComponent)
    return f"fails the constraint {_short(str(component))}" if component else "fails a shape"


def _short(iri: str) -> str:
    for prefix, namespace in (("prec:", str(PREC)), ("rdfs:", str(RDFS)), ("sh:", str(SH))):
        if iri.startswith(namespace):
            return prefix + iri[len(namespace) :]
    return f"<{iri}>"
