"""Helpers for the archive tests: small but realistic ``Document``s built directly with rdflib, and archives.

The archive tests do not depend on any reader: each document here is one set of minutes with a
record, passages, a meeting of a body, attendees and decisions, minted like the readers mint them.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef

from archive import Archive, ArchiveConfig
from ingest.document import Document, ProposedFact
from ontology import GLOSSARY, PREC, IriMinter

MINTER = IriMinter()
ENGINES = ("tantivy", "whoosh")


@dataclass
class DecisionSpec:
    """One decision to put into a test document."""

    label: str
    text: str
    rationale: str = ""
    topic: str = "transport"
    options: tuple[str, ...] = ()
    cites: tuple[str, ...] = ()  # IRIs of decisions this one cites


@dataclass
class DocumentSpec:
    """One set of minutes: who met, when, who attended, what they decided."""

    identifier: str
    level: str = "public"
    title: str = ""
    date: str = "2020-03-14"
    body: str = "Transport Committee"
    attendees: tuple[str, ...] = ("Ana Rivera", "Ben Okafor")
    decisions: list[DecisionSpec] = field(default_factory=list)
    passages: tuple[str, ...] = ("The committee met to consider the tram extension.",)


def decision_iri(identifier: str, n: int = 1) -> URIRef:
    return URIRef(MINTER.entity("decision", f"{identifier}/d{n}"))


def person_iri(name: str) -> URIRef:
    return URIRef(MINTER.entity("person", name))


def build_graph(spec: DocumentSpec) -> Graph:
    g = Graph()
    ident = spec.identifier
    record = URIRef(MINTER.entity("record", ident))
    meeting = URIRef(MINTER.entity("meeting", ident))
    body = URIRef(MINTER.entity("organisation", spec.body))
    date = Literal(spec.date, datatype=XSD.date)
    g.add((record, RDF.type, PREC.Record))
    g.add((record, PREC.identifier, Literal(ident)))
    g.add((record, RDFS.label, Literal(spec.title or f"Minutes {ident}")))
    g.add((record, PREC.date, date))
    g.add((record, PREC.recordType, Literal("minutes")))
    g.add((record, PREC.accessLevel, Literal(spec.level)))
    passages = []
    for n, quote in enumerate(spec.passages, 1):
        passage = URIRef(MINTER.entity("passage", f"{ident}/p{n}"))
        passages.append(passage)
        g.add((passage, RDF.type, PREC.Passage))
        g.add((passage, PREC.inRecord, record))
        g.add((passage, PREC.sequence, Literal(n)))
        g.add((passage, PREC.quote, Literal(quote)))
    g.add((body, RDF.type, PREC.Body))
    g.add((body, RDFS.label, Literal(spec.body)))
    g.add((meeting, RDF.type, PREC.Meeting))
    g.add((meeting, RDFS.label, Literal(f"{spec.body}, {spec.date}")))
    g.add((meeting, PREC.heldBy, body))
    g.add((meeting, PREC.date, date))
    g.add((meeting, PREC.recordedIn, record))
    for name in spec.attendees:
        person = person_iri(name)
        attendance = URIRef(MINTER.entity("attendance", f"{ident}/{name}"))
        g.add((person, RDF.type, PREC.Person))
        g.add((person, RDFS.label, Literal(name)))
        g.add((meeting, PREC.hasAttendance, attendance))
        g.add((attendance, RDF.type, PREC.Attendance))
        g.add((attendance, PREC.attendee, person))
        g.add((attendance, PREC.attendanceStatus, Literal("present")))
    for n, d in enumerate(spec.decisions, 1):
        decision = decision_iri(ident, n)
        g.add((decision, RDF.type, PREC.Decision))
        g.add((decision, RDFS.label, Literal(d.label)))
        g.add((decision, PREC.identifier, Literal(f"{ident}/D{n}")))
        g.add((decision, PREC.text, Literal(d.text)))
        if d.rationale:
            g.add((decision, PREC.rationale, Literal(d.rationale)))
        g.add((decision, PREC.decidedBy, body))
        g.add((decision, PREC.decidedAt, meeting))
        g.add((decision, PREC.date, date))
        g.add((decision, PREC.hasTopic, GLOSSARY[d.topic]))
        g.add((decision, PREC.derivedFrom, passages[0]))
        for k, option in enumerate(d.options, 1):
            opt = URIRef(MINTER.entity("option", f"{ident}/d{n}/o{k}"))
            g.add((opt, RDF.type, PREC.Option))
            g.add((opt, RDFS.label, Literal(option)))
            g.add((decision, PREC.consideredOption, opt))
        for cited in d.cites:
            g.add((decision, PREC.cites, URIRef(cited)))
    return g


def content_hash(graph: Graph) -> str:
    return hashlib.sha256("\n".join(sorted(graph.serialize(format="nt").splitlines())).encode()).hexdigest()


def make_document(spec: DocumentSpec, proposed: list[ProposedFact] | None = None) -> Document:
    graph = build_graph(spec)
    original = graph.serialize(format="turtle").encode()
    return Document(
        identifier=spec.identifier,
        title=spec.title or f"Minutes {spec.identifier}",
        source_format="markdown",
        access_level=spec.level,
        graph=graph,
        content_hash=content_hash(graph),
        reader="test-builder",
        reader_version="1",
        source_path=f"/minutes/{spec.identifier}.md",
        original=original,
        proposed=proposed or [],
    )


def simple_document(
    identifier: str,
    level: str = "public",
    label: str = "Extend the tram line",
    text: str = "The committee approved the tram line extension to the harbour.",
    **kwargs,
) -> Document:
    decisions = kwargs.pop("decisions", None) or [
        DecisionSpec(
            label=label,
            text=text,
            rationale=kwargs.pop("rationale", "Ridership doubled."),
            options=("Tram", "Bus"),
            cites=kwargs.pop("cites", ()),
        )
    ]
    return make_document(DocumentSpec(identifier=identifier, level=level, decisions=decisions, **kwargs))


def stored_triples(archive: Archive, level: str, identifier: str) -> int:
    """The triples a document stored at ``level``: its graph plus what it says about shared entities."""
    row = archive.ledger.document(identifier)
    facts = archive.ledger.facts_of(identifier)
    return len(archive.store(level).triples(row.graph)) + sum(len(f.splitlines()) for f in facts.values())


def make_config(data_dir: Path, engine: str = "tantivy", **extra) -> ArchiveConfig:
    return ArchiveConfig(data_dir=data_dir, text_engine=engine, query_timeout=5, **extra)


@pytest.fixture(params=ENGINES)
def engine(request) -> str:
    return request.param


@pytest.fixture
def archive(tmp_path: Path, engine: str):
    opened = Archive.open(make_config(tmp_path / "data", engine))
    yield opened
    opened.close()


def shared_data_dir() -> Path:
    return Path(__file__).resolve().parents[2] / "shared" / "data"
