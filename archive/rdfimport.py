"""Parse raw RDF for ``import_rdf``: fully in memory, safely, refusing bad input whole with line/column.

Formats: Turtle, N-Triples, N-Quads and TriG (their graphs collapse into the target graph),
RDF/XML (any ``<!DOCTYPE`` refused, so no entities), JSON-LD (only inline ``@context``s; a context given
as a URL would make the parser fetch it, so it is refused).
"""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox

from .errors import ImportRefused
from .terms import RdfTriple, from_ox_once

MAX_IMPORT_BYTES = 256 * 1024 * 1024

FORMATS: dict[str, ox.RdfFormat] = {
    "turtle": ox.RdfFormat.TURTLE,
    "ttl": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "n-triples": ox.RdfFormat.N_TRIPLES,
    "nquads": ox.RdfFormat.N_QUADS,
    "nq": ox.RdfFormat.N_QUADS,
    "n-quads": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG,
    "xml": ox.RdfFormat.RDF_XML,
    "rdfxml": ox.RdfFormat.RDF_XML,
    "rdf/xml": ox.RdfFormat.RDF_XML,
    "json-ld": ox.RdfFormat.JSON_LD,
    "jsonld": ox.RdfFormat.JSON_LD,
}
SUFFIXES = {
    ".ttl": "turtle",
    ".nt": "nt",
    ".nq": "nquads",
    ".trig": "trig",
    ".rdf": "xml",
    ".owl": "xml",
    ".xml": "xml",
    ".jsonld": "json-ld",
    ".json": "json-ld",
}


def format_of(name: str, fmt: str | None) -> ox.RdfFormat:
    key = (fmt or SUFFIXES.get(Path(name).suffix.lower(), "")).lower()
    if key not in FORMATS:
        raise ImportRefused(
            f"{name}: cannot tell the RDF format; give one of: turtle, nt, nquads, trig, xml, json-ld"
        )
    return FORMATS[key]


def _check_contexts(node: object, where: str) -> None:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "@context":
                contexts = value if isinstance(value, list) else [value]
                for context in contexts:
                    if isinstance(context, str):
                        raise ImportRefused(
                            f"{where}: JSON-LD @context {context!r} is a URL; remote contexts are "
                            "not fetched — inline the context instead"
                        )
                    if isinstance(context, dict) and "@import" in context:
                        raise ImportRefused(f"{where}: JSON-LD @import of a remote context is not allowed")
            _check_contexts(value, where)
    elif isinstance(node, list):
        for value in node:
            _check_contexts(value, where)


def parse_rdf(data: bytes, name: str, fmt: str | None = None) -> list[RdfTriple]:
    """Every distinct triple of ``data`` (named graphs collapsed) as rdflib terms, or ``ImportRefused``."""
    if len(data) > MAX_IMPORT_BYTES:
        raise ImportRefused(f"{name}: {len(data)} bytes is over the import limit of {MAX_IMPORT_BYTES} bytes")
    rdf_format = format_of(name, fmt)
    if rdf_format == ox.RdfFormat.RDF_XML and (b"<!DOCTYPE" in data or b"<!ENTITY" in data):
        raise ImportRefused(
            f"{name}: RDF/XML with a <!DOCTYPE> or <!ENTITY> is refused (entities could expand "
            "or read files); remove the declaration"
        )
    if rdf_format == ox.RdfFormat.JSON_LD:
        try:
            _check_contexts(json.loads(data), name)
        except json.JSONDecodeError as exc:
            raise ImportRefused(
                f"{name}: line {exc.lineno}, column {exc.colno}: invalid JSON: {exc.msg}"
            ) from None
    term = from_ox_once()

    try:
        # each distinct term made once, repeats dropped as a graph drops them: building an rdflib Graph
        # triple by triple cost about 60 µs a triple (the ontology and glossary, on every fresh archive)
        triples = dict.fromkeys(
            (term(quad.subject), term(quad.predicate), term(quad.object))
            for quad in ox.parse(data, rdf_format)
        )
    except SyntaxError as exc:
        where = f"line {exc.lineno}, column {exc.offset}" if exc.lineno else "somewhere in the file"
        raise ImportRefused(f"{name}: {where}: {exc.msg}; nothing was imported") from None
    if not triples:
        raise ImportRefused(f"{name}: no triples found; nothing was imported")
    return list(triples)  # type: ignore[arg-type]
