"""The ontology, its SHACL shapes and its example queries, read from ``ontology/`` once per process,
for the ontology page, the workbench's completion list and its gallery of examples."""

from __future__ import annotations

import functools
import logging
import re
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import OWL, RDF, RDFS, BNode, Graph, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, SH, SKOS

from ontology import ONTOLOGY_TTL, PREC, PREFIXES, QUERIES_DIR, SHAPES_TTL

log = logging.getLogger(__name__)

_ALIGNMENT = (
    OWL.equivalentClass,
    OWL.equivalentProperty,
    SKOS.closeMatch,
    SKOS.exactMatch,
    SKOS.broadMatch,
    SKOS.narrowMatch,
    SKOS.relatedMatch,
)


def curie(iri: object) -> str:
    value = str(iri)
    for prefix, namespace in PREFIXES.items():
        if value.startswith(namespace) and len(value) > len(namespace):
            return f"{prefix}:{value[len(namespace) :]}"
    return value


@dataclass
class Term:
    """One class or property of the ontology as the documentation shows it."""

    iri: str
    curie: str
    kind: str
    label: str
    definition: str = ""
    comment: str = ""
    parents: list[str] = field(default_factory=list)
    children: list[str] = field(default_factory=list)
    domains: list[str] = field(default_factory=list)
    ranges: list[str] = field(default_factory=list)
    inverse: list[str] = field(default_factory=list)
    alignment: list[tuple[str, str]] = field(default_factory=list)

    @property
    def anchor(self) -> str:
        return self.curie.split(":", 1)[-1]


@dataclass
class ShapeRule:
    """One property constraint of a SHACL node shape."""

    path: str
    min_count: str = ""
    max_count: str = ""
    expects: str = ""
    message: str = ""


@dataclass
class Shape:
    """A SHACL node shape: what a valid instance of its target class must carry."""

    name: str
    target: str
    rules: list[ShapeRule]


@dataclass
class ExampleQuery:
    """A competency query from ``ontology/queries/``: its title, who asks it, and its text."""

    name: str
    title: str
    user: str
    text: str


@functools.lru_cache(maxsize=1)
def ontology_graph() -> Graph:
    graph = Graph()
    if ONTOLOGY_TTL.is_file():
        graph.parse(ONTOLOGY_TTL, format="turtle")
    else:
        log.warning("ontology file %s is missing", ONTOLOGY_TTL)
    return graph


@functools.lru_cache(maxsize=1)
def terms() -> tuple[Term, ...]:
    graph = ontology_graph()
    found: dict[str, Term] = {}
    kinds = (
        (OWL.Class, "class"),
        (RDFS.Class, "class"),
        (OWL.ObjectProperty, "object property"),
        (OWL.DatatypeProperty, "datatype property"),
        (OWL.AnnotationProperty, "annotation property"),
        (RDF.Property, "property"),
    )
    for rdf_type, kind in kinds:
        for subject in graph.subjects(RDF.type, rdf_type):
            if (
                not isinstance(subject, URIRef)
                or not str(subject).startswith(str(PREC))
                or str(subject) in found
            ):
                continue
            found[str(subject)] = _term(graph, subject, kind)
    for term in found.values():
        for parent in term.parents:
            parent_iri = _expand(parent)
            if parent_iri in found:
                found[parent_iri].children.append(term.curie)
    return tuple(sorted(found.values(), key=lambda t: (t.kind != "class", t.curie.lower())))


def _term(graph: Graph, subject: URIRef, kind: str) -> Term:
    def texts(predicate: URIRef) -> str:
        values = list(graph.objects(subject, predicate))
        english = [v for v in values if getattr(v, "language", None) in (None, "en")]
        return str((english or values or [""])[0])

    parent_property = RDFS.subClassOf if kind == "class" else RDFS.subPropertyOf
    return Term(
        iri=str(subject),
        curie=curie(subject),
        kind=kind,
        label=texts(RDFS.label) or curie(subject),
        definition=texts(SKOS.definition),
        comment=texts(RDFS.comment),
        parents=sorted(curie(o) for o in graph.objects(subject, parent_property) if isinstance(o, URIRef)),
        domains=_classes(graph, graph.objects(subject, RDFS.domain)),
        ranges=_classes(graph, graph.objects(subject, RDFS.range)),
        inverse=sorted(curie(o) for o in graph.objects(subject, OWL.inverseOf)),
        alignment=sorted(
            (curie(p), curie(o))
            for p in _ALIGNMENT
            for o in graph.objects(subject, p)
            if isinstance(o, URIRef)
        ),
    )


def _classes(graph: Graph, nodes: object) -> list[str]:
    names = []
    for node in nodes:  # type: ignore[attr-defined]
        if isinstance(node, URIRef):
            names.append(curie(node))
        elif isinstance(node, BNode):
            members = graph.value(node, OWL.unionOf)
            if members is not None:
                names.append(" or ".join(curie(m) for m in Collection(graph, members)))
    return sorted(names)


def _expand(name: str) -> str:
    prefix, _, local = name.partition(":")
    return PREFIXES[prefix] + local if prefix in PREFIXES and local else name


def header() -> dict[str, str]:
    """Title, version, description and licence of the ontology itself."""
    graph = ontology_graph()
    ontology = next(iter(graph.subjects(RDF.type, OWL.Ontology)), None)
    if ontology is None:
        return {}
    fields = {
        "title": DCTERMS.title,
        "description": DCTERMS.description,
        "version": OWL.versionInfo,
        "versionIRI": OWL.versionIRI,
        "license": DCTERMS.license,
        "modified": DCTERMS.modified,
    }
    found = {"iri": str(ontology)}
    for name, predicate in fields.items():
        value = graph.value(ontology, predicate)
        if value is not None:
            found[name] = str(value)
    return found


@functools.lru_cache(maxsize=1)
def shapes() -> tuple[Shape, ...]:
    graph = Graph()
    if SHAPES_TTL.is_file():
        graph.parse(SHAPES_TTL, format="turtle")
    found = []
    for shape in graph.subjects(RDF.type, SH.NodeShape):
        target = graph.value(shape, SH.targetClass)
        rules = []
        for node in graph.objects(shape, SH.property):
            path = graph.value(node, SH.path)
            expects = [
                curie(v) for p in (SH.datatype, SH["class"], SH.nodeKind) for v in graph.objects(node, p)
            ]
            allowed = graph.value(node, SH["in"])
            if allowed is not None:
                expects.append("one of " + ", ".join(str(v) for v in Collection(graph, allowed)))
            pattern = graph.value(node, SH.pattern)
            if pattern is not None:
                expects.append(f"matching /{pattern}/")
            rules.append(
                ShapeRule(
                    path=curie(path) if isinstance(path, URIRef) else "(path expression)",
                    min_count=str(graph.value(node, SH.minCount) or ""),
                    max_count=str(graph.value(node, SH.maxCount) or ""),
                    expects="; ".join(expects),
                    message=str(graph.value(node, SH.message) or ""),
                )
            )
        found.append(
            Shape(
                curie(shape), curie(target) if target is not None else "", sorted(rules, key=lambda r: r.path)
            )
        )
    return tuple(sorted(found, key=lambda s: s.name))


_HEADER_LINE = re.compile(r"^#\s*(title|user)\s*:\s*(.+?)\s*$", re.IGNORECASE)


@functools.lru_cache(maxsize=4)
def examples(folder: Path = QUERIES_DIR) -> tuple[ExampleQuery, ...]:
    """The competency queries, in file-name order, with their ``# title:`` and ``# user:`` lines."""
    found = []
    for path in sorted(folder.glob("*.rq")):
        text = path.read_text("utf-8")
        meta = {"title": path.stem, "user": ""}
        for line in text.splitlines():
            match = _HEADER_LINE.match(line)
            if match:
                meta[match.group(1).lower()] = match.group(2)
        found.append(ExampleQuery(path.stem, meta["title"], meta["user"], text))
    return tuple(found)


def completions() -> dict[str, object]:
    """What the workbench editor completes: prefix declarations and ontology terms as CURIEs."""
    return {"prefixes": PREFIXES, "terms": [t.curie for t in terms()]}
