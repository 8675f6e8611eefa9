"""Content negotiation: which RDF or SPARQL-results format a request asks for, by ``Accept``
or ``?format=``."""

from __future__ import annotations

from dataclasses import dataclass

from flask import request


@dataclass(frozen=True)
class Format:
    """One downloadable serialisation: the ``?format=`` key, its media type, rdflib's name, a file suffix."""

    key: str
    media_type: str
    rdflib_name: str
    suffix: str
    label: str


RDF_FORMATS = (
    Format("ttl", "text/turtle", "turtle", "ttl", "Turtle"),
    Format("nt", "application/n-triples", "nt", "nt", "N-Triples"),
    Format("jsonld", "application/ld+json", "json-ld", "jsonld", "JSON-LD"),
    Format("rdf", "application/rdf+xml", "xml", "rdf", "RDF/XML"),
)
RESULT_FORMATS = (
    Format("json", "application/sparql-results+json", "json", "srj", "SPARQL JSON"),
    Format("xml", "application/sparql-results+xml", "xml", "srx", "SPARQL XML"),
    Format("csv", "text/csv", "csv", "csv", "CSV"),
    Format("tsv", "text/tab-separated-values", "tsv", "tsv", "TSV"),
)
# Media types clients send that mean the same as ours.
ALIASES = {
    "application/x-turtle": "text/turtle",
    "text/plain": "application/n-triples",
    "application/json": "application/sparql-results+json",
    "application/xml": "application/sparql-results+xml",
    "text/xml": "application/sparql-results+xml",
}


class UnknownFormat(ValueError):
    """A ``?format=`` value we do not serve."""


def by_key(formats: tuple[Format, ...], key: str) -> Format:
    for candidate in formats:
        if candidate.key == key:
            return candidate
    raise UnknownFormat(f"format={key!r} is not offered; use one of {', '.join(f.key for f in formats)}")


def choose(formats: tuple[Format, ...], *, html: bool = False) -> Format | None:
    """The format to answer with: ``?format=`` first, then ``Accept``; ``None`` means HTML.

    With ``html=True`` a browser (whose best match is text/html) gets ``None``. A client whose
    ``Accept`` names nothing we serve gets the first format rather than a 406: SPARQL clients
    often send types we only know by an alias.
    """
    key = request.args.get("format")
    if key:
        return by_key(formats, key)
    offered = [f.media_type for f in formats]
    candidates = (["text/html"] if html else []) + offered + [a for a, t in ALIASES.items() if t in offered]
    best = request.accept_mimetypes.best_match(candidates)
    if best == "text/html" or (html and best is None and not request.accept_mimetypes):
        return None
    if best is None:
        return formats[0]
    best = ALIASES.get(best, best)
    return next(f for f in formats if f.media_type == best)
