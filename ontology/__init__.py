"""The Precedent vocabulary as files, and the few names code needs to speak it.

The ontology itself lives in Turtle beside this module (``precedent.ttl``, ``shapes.ttl``,
``glossary.ttl``, ``queries/*.rq``). This module exposes their paths, the namespaces, the
rule that mints instance IRIs (so that every reader and the archive mint the same IRI for
the same thing), and the competency queries with their headers.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from rdflib import Namespace, URIRef

HERE = Path(__file__).resolve().parent
ONTOLOGY_TTL = HERE / "precedent.ttl"
SHAPES_TTL = HERE / "shapes.ttl"
GLOSSARY_TTL = HERE / "glossary.ttl"
QUERIES_DIR = HERE / "queries"


class _KeptNamespace(Namespace):
    """A namespace whose terms are made once: rdflib's ``Namespace`` builds and checks a new ``URIRef`` on
    every attribute access (~4–8 µs), and readers, validation and the writer name ``PREC`` terms per triple.

    A term is kept in the instance's ``__dict__`` the first time ``__getattr__`` makes it, so later
    accesses are plain attribute look-ups; ``URIRef``s are immutable, so sharing one changes nothing.
    """

    def __getattr__(self, name: str) -> URIRef:
        term = super().__getattr__(name)  # AttributeError for special names, as before
        self.__dict__[name] = term
        return term


PREC = _KeptNamespace("https://w3id.org/precedent/ontology#")
GLOSSARY = Namespace("https://w3id.org/precedent/glossary/")
ONTOLOGY_IRI = "https://w3id.org/precedent/ontology"

PROV = Namespace("http://www.w3.org/ns/prov#")
ORG = Namespace("http://www.w3.org/ns/org#")
OPENGOV = Namespace("http://www.w3.org/ns/opengov#")
RICO = Namespace("https://www.ica.org/standards/RiC/ontology#")
IBIS = Namespace("http://purl.org/ibis#")
CPOV = Namespace("http://data.europa.eu/m8g/")
SCHEMA = Namespace("https://schema.org/")
TIME = Namespace("http://www.w3.org/2006/time#")

#: Prefixes shown to people (SPARQL workbench, Turtle downloads, documentation).
PREFIXES: dict[str, str] = {
    "prec": str(PREC),
    "gl": str(GLOSSARY),
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "prov": str(PROV),
    "org": str(ORG),
    "time": str(TIME),
    "schema": str(SCHEMA),
    "opengov": str(OPENGOV),
    "rico": str(RICO),
    "ibis": str(IBIS),
    "cpov": str(CPOV),
}

DEFAULT_BASE_IRI = "https://archive.example.org/id/"

#: The kinds of entity that get an IRI ``{base}{kind}/{slug}`` (and a page ``/id/{kind}/{slug}``).
ENTITY_KINDS = (
    "record", "passage", "meeting", "agenda-item", "decision", "option", "argument", "criterion",
    "vote", "ballot", "motion", "commitment", "outcome", "person", "organisation", "post",
    "membership", "attendance", "administration", "place", "graph",
)

_SLUG_UNSAFE = re.compile(r"[^A-Za-z0-9._~-]+")


def slugify(key: str) -> str:
    """Turn an identifier or a name into the last segment of an IRI, deterministically.

    Case is kept (FRUS ids such as ``frus1919Parisv01`` are case-sensitive); accents are
    folded; every run of other characters becomes one ``-``. ``/`` becomes ``~`` so that
    ``frus1919Parisv01/d183`` stays readable and distinct from ``frus1919Parisv01-d183``.
    """
    folded = unicodedata.normalize("NFKD", key).encode("ascii", "ignore").decode("ascii")
    folded = folded.replace("/", "~")
    slug = _SLUG_UNSAFE.sub("-", folded).strip("-")
    if not slug:
        raise ValueError(f"cannot make an IRI slug from {key!r}")
    return slug


@dataclass(frozen=True)
class IriMinter:
    """Mints instance IRIs under one configurable base (``PRECEDENT_BASE_IRI``)."""

    base: str = DEFAULT_BASE_IRI

    def __post_init__(self) -> None:
        if not re.match(r"^https?://[^\s<>\"{}|\\^`]+/$", self.base):
            raise ValueError(f"base IRI must be an http(s) IRI ending in '/': {self.base!r}")

    def entity(self, kind: str, key: str) -> str:
        if kind not in ENTITY_KINDS:
            raise ValueError(f"unknown entity kind {kind!r}; known kinds: {', '.join(ENTITY_KINDS)}")
        return f"{self.base}{kind}/{slugify(key)}"

    def graph(self, document_identifier: str) -> str:
        """The named graph that holds everything one source document says."""
        return self.entity("graph", document_identifier)

    def split(self, iri: str) -> tuple[str, str] | None:
        """``(kind, slug)`` for an IRI minted here, else ``None``."""
        if not iri.startswith(self.base):
            return None
        kind, _, slug = iri[len(self.base):].partition("/")
        if kind not in ENTITY_KINDS or not slug or "/" in slug:
            return None
        return kind, slug


@dataclass(frozen=True)
class CompetencyQuery:
    """One named SPARQL query of ``queries/``: a question a user of the archive asks.

    ``name`` is the file name without ``.rq``; ``title``, ``user`` and ``comment`` come from the
    ``# title:``, ``# user:`` and ``# comment:`` lines the file starts with (a repeated key
    continues the text); ``text`` is the whole file, ready to run.
    """

    name: str
    title: str
    user: str
    comment: str
    text: str


_HEADER_LINE = re.compile(r"^#\s*(title|user|comment)\s*:\s*(.*)$")


def competency_queries(directory: Path = QUERIES_DIR) -> list[CompetencyQuery]:
    """Every ``*.rq`` file of ``directory``, sorted by name, with its header parsed."""
    found = []
    for path in sorted(directory.glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        header: dict[str, list[str]] = {"title": [], "user": [], "comment": []}
        for line in text.splitlines():
            if not line.startswith("#"):
                break
            match = _HEADER_LINE.match(line)
            if match:
                header[match.group(1)].append(match.group(2).strip())
        found.append(CompetencyQuery(
            name=path.stem,
            title=" ".join(header["title"]),
            user=" ".join(header["user"]),
            comment=" ".join(header["comment"]),
            text=text,
        ))
    return found
