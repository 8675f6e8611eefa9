"""The RDF of plain-text minutes: turns a ``text_analysis.MinutesAnalysis`` into a ``Document``.

Shared by the text, Word and PDF readers. Every fact gets a passage (offsets into the record's
decoded text, and a page for PDFs), ``prec:confidence`` and ``prec:extractionRule``. Facts under
``CONFIDENCE_THRESHOLD`` are not put in the graph: they become ``ProposedFact``s for an editor.
"""

from __future__ import annotations

import bisect
import hashlib
from dataclasses import dataclass, field

from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import XSD

from ontology import PREC, IriMinter

from ..document import Document, ProposedFact, sha256_hex
from ..heuristics import NameBook, normalise_space, sentence_bounds, short_label
from ..provenance import PassageBuilder
from ..resolve import Resolver
from .text_analysis import Commitment, DecisionFact, MinutesAnalysis, RecordedVote

CONFIDENCE_THRESHOLD = 0.6
_CHAIR_POSTS = {"chairman", "chair", "chairperson", "chairwoman", "presiding officer"}
_LOCAL_PREFIXES = (
    "city of",
    "town of",
    "county of",
    "borough of",
    "district of",
    "municipality of",
    "village of",
)


@dataclass
class SourceInfo:
    """What the graph builder needs to know about the file besides its text."""

    identifier: str
    path: str
    original: bytes
    level: str
    source_format: str
    reader: str
    reader_version: str
    page_starts: list[int] = field(default_factory=list)  # offset where page n+1 starts (PDF only)


def _dec(value: float) -> Literal:
    return Literal(f"{value:.2f}", datatype=XSD.decimal)


class _Builder:
    def __init__(self, text: str, info: SourceInfo, minter: IriMinter, resolver: Resolver) -> None:
        self.text = text
        self.info = info
        self.minter = minter
        self.resolver = resolver
        self.graph = Graph()
        self.passages = PassageBuilder(self.graph, minter, info.identifier, text)
        self.proposed: list[ProposedFact] = []
        self.actors: set[URIRef] = set()
        self.names = NameBook()
        self.fallback_names: set[str] = set()

    def iri(self, kind: str, key: str) -> URIRef:
        return URIRef(self.minter.entity(kind, key))

    def passage(self, start: int, end: int) -> URIRef:
        page = None
        if self.info.page_starts:
            page = bisect.bisect_right(self.info.page_starts, start)
        return self.passages.add(start, end, page=page)

    def person(self, name: str, post: str | None = None, organisation: str | None = None) -> URIRef | None:
        name = self.names.canonical(name)
        iri = self.resolver.person(name, post, organisation)
        if iri is None and name.strip():
            # The resolver declines names that look like titles ("Ms. Duke", "Mr. King"); the
            # minutes say plainly that these are people, so mint them from the name as written.
            iri = URIRef(self.minter.entity("person", normalise_space(name).lower()))
            self.fallback_names.add(name)
            self.graph.add((iri, RDF.type, PREC.Person))
            self.graph.add((iri, RDFS.label, Literal(normalise_space(name))))
        if iri is not None:
            self.actors.add(iri)
        return iri

    def organisation(self, name: str, kind: str) -> URIRef | None:
        iri = self.resolver.organisation(name, kind)
        if iri is not None:
            self.actors.add(iri)
        return iri

    def heuristic(self, node: URIRef, confidence: float, rule: str) -> None:
        self.graph.add((node, PREC.confidence, _dec(confidence)))
        self.graph.add((node, PREC.extractionRule, Literal(rule)))


def build_document(
    text: str,
    analysis: MinutesAnalysis,
    info: SourceInfo,
    *,
    minter: IriMinter,
    resolver: Resolver | None = None,
) -> Document:
    """The ``Document`` for one set of minutes read by a heuristic reader."""
    resolver = resolver or Resolver(minter)
    unresolved_before = len(resolver.unresolved)
    b = _Builder(text, info, minter, resolver)
    g = b.graph
    meeting = analysis.meeting
    record = b.iri("record", info.identifier)
    g.add((record, RDF.type, PREC.Record))
    g.add((record, PREC.identifier, Literal(info.identifier)))
    g.add((record, RDFS.label, Literal(meeting.title)))
    g.add((record, PREC.recordType, Literal("minutes")))
    g.add((record, PREC.accessLevel, Literal(info.level)))
    g.add((record, PREC.readerName, Literal(info.reader)))
    g.add((record, PREC.readerVersion, Literal(info.reader_version)))
    g.add((record, PREC.sourceFormat, Literal(info.source_format)))
    if meeting.date:
        g.add((record, PREC.date, Literal(meeting.date, datatype=XSD.date)))
    if meeting.place:
        g.add((record, PREC.placeName, Literal(meeting.place)))

    body = _body(b, meeting.body, meeting.parent)
    node = b.iri("meeting", info.identifier)
    g.add((node, RDF.type, PREC.Meeting))
    g.add((node, RDFS.label, Literal(meeting.title)))
    g.add((node, PREC.recordedIn, record))
    if body is not None:
        g.add((node, PREC.heldBy, body))
    if meeting.date:
        g.add((node, PREC.date, Literal(meeting.date, datatype=XSD.date)))
    if meeting.place:
        g.add((node, PREC.placeName, Literal(meeting.place)))
    if text.strip():
        start, end = sentence_bounds(text, len(text) - len(text.lstrip()))
        b.passages.cite(node, b.passage(start, min(end, start + 600)))

    _attendance(b, analysis, node, meeting.body)
    items = _items(b, analysis, node)
    for number, decision in enumerate(analysis.decisions, start=1):
        _decision(b, decision, number, node, body, meeting.date, items)
    for number, commitment in enumerate(analysis.orphan_commitments, start=1):
        _orphan_commitment(b, commitment, number)

    g += resolver.triples_for(b.actors)
    unresolved = [m for m in resolver.unresolved[unresolved_before:] if m not in b.fallback_names]
    for mention in unresolved:
        g.add((record, PREC.unresolvedMention, Literal(mention)))
    return Document(
        identifier=info.identifier,
        title=meeting.title,
        source_format=info.source_format,
        access_level=info.level,
        graph=g,
        content_hash=sha256_hex(info.original),
        reader=info.reader,
        reader_version=info.reader_version,
        source_path=info.path,
        original=info.original,
        unresolved_mentions=unresolved,
        proposed=b.proposed,
    )


def _body(b: _Builder, name: str | None, parent: str | None) -> URIRef | None:
    if not name:
        return None
    body = b.organisation(name, "body")
    if parent and body is not None:
        kind = "local-government" if parent.lower().startswith(_LOCAL_PREFIXES) else "public-body"
        parent_iri = b.organisation(parent, kind)
        if parent_iri is not None:
            b.graph.add((body, PREC.subOrganisationOf, parent_iri))
    return body


def _organisation_of(written: str | None, fomc_body: str | None) -> tuple[str | None, str | None]:
    """("Deputy Director", "Division of X, Board of Governors") → capacity suffix and organisation name."""
    if not written:
        return None, None
    unit, _, top = written.rpartition(", ")
    top = top or written
    if top == "Board of Governors" and fomc_body:
        top = "Board of Governors of the Federal Reserve System"
    return (unit or None), top


def _attendance(b: _Builder, analysis: MinutesAnalysis, meeting: URIRef, body_name: str | None) -> None:
    g = b.graph
    for entry in analysis.attendance:
        if " " in entry.name:
            b.names.add(entry.name)
    passages: dict[tuple[int, int], URIRef] = {}
    used: set[str] = set()
    for entry in analysis.attendance:
        unit, org_name = _organisation_of(entry.organisation, body_name if analysis.meeting.fomc else None)
        capacity = ", ".join(p for p in (entry.capacity, unit) if p) or None
        person = b.person(entry.name, capacity, org_name or body_name)
        if person is None:
            continue
        slug = str(person).rsplit("/", 1)[-1]
        key = f"{b.info.identifier}/{slug}"
        suffix = 2
        while key in used:  # two people with one surname ("Mr. Williams" twice) stay two attendances
            key = f"{b.info.identifier}/{slug}-{suffix}"
            suffix += 1
        used.add(key)
        node = b.iri("attendance", key)
        g.add((node, RDF.type, PREC.Attendance))
        g.add((meeting, PREC.hasAttendance, node))
        g.add((node, PREC.attendee, person))
        g.add((node, PREC.attendanceStatus, Literal(entry.status)))
        if capacity:
            g.add((node, PREC.inCapacity, Literal(capacity)))
        if org_name:
            org = b.organisation(org_name, "organisation")
            if org is not None:
                g.add((node, PREC.onBehalfOf, org))
        if entry.capacity and entry.capacity.lower() in _CHAIR_POSTS and entry.status == "present":
            g.add((meeting, PREC.chair, person))
        span = (entry.start, entry.end)
        if span not in passages:
            passages[span] = b.passage(*span)
        b.passages.cite(node, passages[span])
        b.heuristic(node, entry.confidence, entry.rule)


def _items(b: _Builder, analysis: MinutesAnalysis, meeting: URIRef) -> list[URIRef]:
    nodes = []
    for index, item in enumerate(analysis.items, start=1):
        node = b.iri("agenda-item", f"{b.info.identifier}/i{index}")
        b.graph.add((node, RDF.type, PREC.AgendaItem))
        b.graph.add((node, RDFS.label, Literal(item.title)))
        b.graph.add((node, PREC.sequence, Literal(index, datatype=XSD.integer)))
        b.graph.add((meeting, PREC.hasAgendaItem, node))
        nodes.append(node)
    return nodes


def _decision(
    b: _Builder,
    decision: DecisionFact,
    number: int,
    meeting: URIRef,
    body: URIRef | None,
    date,
    items: list[URIRef],
) -> None:
    key = f"{b.info.identifier}/d{number}"
    node = b.iri("decision", key)
    main = b.graph
    proposed = decision.confidence < CONFIDENCE_THRESHOLD
    if proposed:
        # Build the fact in its own graph: it joins the document only once an editor accepts it.
        b.graph = b.passages.graph = Graph()
    g = b.graph
    g.add((node, RDF.type, PREC.Decision))
    g.add((node, RDFS.label, Literal(short_label(decision.text))))
    g.add((node, PREC.identifier, Literal(key)))
    g.add((node, PREC.text, Literal(decision.text)))
    g.add((node, PREC.decidedAt, meeting))
    if decision.body:
        body = b.organisation(decision.body, "body")
    if body is not None:
        g.add((node, PREC.decidedBy, body))
    if date:
        g.add((node, PREC.date, Literal(date, datatype=XSD.date)))
    if decision.item is not None and decision.item < len(items):
        g.add((items[decision.item], PREC.hasDecision, node))
    passage = b.passage(decision.start, decision.end)
    b.passages.cite(node, passage)
    b.heuristic(node, decision.confidence, decision.rule)
    if decision.vote is not None:
        g.add((node, PREC.decisionMethod, Literal("vote")))
        _vote(b, decision.vote, key, node)
    elif "unanim" in decision.text.lower() or decision.rule == "decision:it-was-agreed":
        g.add((node, PREC.decisionMethod, Literal("consensus")))
    for index, commitment in enumerate(decision.commitments, start=1):
        _commitment(b, commitment, f"{key}/c{index}", node)
    if proposed:
        b.proposed.append(
            ProposedFact(
                key=_proposal_key(decision.rule, decision.start, decision.end, decision.text),
                rule=decision.rule,
                confidence=decision.confidence,
                summary=f"Decision? {short_label(decision.text)}",
                passage_iri=str(passage),
                passage_text=b.text[decision.start : decision.end],
                triples=g,
            )
        )
        b.graph = b.passages.graph = main


def _proposal_key(rule: str, start: int, end: int, text: str) -> str:
    return hashlib.sha256(f"{rule}|{start}|{end}|{normalise_space(text).lower()}".encode()).hexdigest()


def _vote(b: _Builder, vote: RecordedVote, decision_key: str, decision: URIRef) -> None:
    g = b.graph
    key = f"{decision_key}/v"
    node = b.iri("vote", key)
    g.add((node, RDF.type, PREC.Vote))
    g.add((decision, PREC.hasVote, node))
    counts = {way: len(names) for way, names in vote.cast.items()}
    for way, prop in (
        ("for", PREC.votesFor),
        ("against", PREC.votesAgainst),
        ("abstain", PREC.votesAbstaining),
        ("absent", PREC.votesAbsent),
    ):
        if way in counts or not vote.partial:  # a dissent alone says nothing of how many voted for
            g.add((node, prop, Literal(counts.get(way, 0), datatype=XSD.integer)))
    # A decision the minutes report as taken despite a dissent was carried.
    result = "carried" if vote.partial or counts.get("for", 0) > counts.get("against", 0) else "defeated"
    g.add((node, PREC.result, Literal(result)))
    passage = b.passage(vote.start, vote.end)
    b.passages.cite(node, passage)
    b.heuristic(node, vote.confidence, vote.rule)
    seen: set[str] = set()
    for way, names in vote.cast.items():
        for name in names:
            person = b.person(name)
            if person is None:
                continue
            slug = str(person).rsplit("/", 1)[-1]
            if slug in seen:
                continue
            seen.add(slug)
            ballot = b.iri("ballot", f"{key}/{slug}")
            g.add((ballot, RDF.type, PREC.Ballot))
            g.add((node, PREC.hasBallot, ballot))
            g.add((ballot, PREC.voter, person))
            g.add((ballot, PREC.voteCast, Literal(way)))
            b.passages.cite(ballot, passage)
            b.heuristic(ballot, vote.confidence, vote.rule)
            if name in vote.reasons:
                reason, start, end = vote.reasons[name]
                g.add((ballot, PREC.dissentReason, Literal(reason)))
                b.passages.cite(ballot, b.passage(start, end))


def _commitment(b: _Builder, commitment: Commitment, key: str, decision: URIRef) -> URIRef:
    g = b.graph
    node = b.iri("commitment", key)
    g.add((node, RDF.type, PREC.Commitment))
    g.add((node, RDFS.label, Literal(commitment.label)))
    g.add((node, PREC.commitmentStatus, Literal("open")))
    g.add((decision, PREC.hasCommitment, node))
    if commitment.owner:
        owner = b.person(commitment.owner)
        if owner is not None:
            g.add((node, PREC.owner, owner))
    if commitment.deadline:
        g.add((node, PREC.deadline, Literal(commitment.deadline, datatype=XSD.date)))
    b.passages.cite(node, b.passage(commitment.start, commitment.end))
    b.heuristic(node, commitment.confidence, commitment.rule)
    return node


def _orphan_commitment(b: _Builder, commitment: Commitment, number: int) -> None:
    """A commitment with no decision to hang on: held for review rather than dropped."""
    main = b.graph
    b.graph = b.passages.graph = Graph()
    holder = b.iri("decision", f"{b.info.identifier}/a{number}")
    node = _commitment(b, commitment, f"{b.info.identifier}/a{number}/c1", holder)
    b.graph.remove((holder, PREC.hasCommitment, node))
    passage = next(b.graph.objects(node, PREC.derivedFrom))
    b.proposed.append(
        ProposedFact(
            key=_proposal_key(commitment.rule, commitment.start, commitment.end, commitment.label),
            rule=commitment.rule,
            confidence=min(commitment.confidence, 0.5),
            summary=f"Commitment without a decision: {short_label(commitment.label)}",
            passage_iri=str(passage),
            passage_text=b.text[commitment.start : commitment.end],
            triples=b.graph,
        )
    )
    b.graph = b.passages.graph = main
