"""The RDF of plain-text minutes: turns a ``text_analysis.MinutesAnalysis`` into a ``Document``.

Shared by the text, Word and PDF readers. The analysis is typed values; this module resolves names to
IRIs and hands Record, Meeting, Attendance, Decision and Vote to the shared emitter (``ingest.emit``),
adding what only heuristic readers have: a passage for every fact (offsets into the record's decoded
text, and a page for PDFs), ``prec:confidence`` and ``prec:extractionRule``. Facts under
``CONFIDENCE_THRESHOLD`` are not put in the graph: they become ``ProposedFact``s for an editor, so a
document the reader half understands is stored with what it could read and its doubts go to review.
"""

from __future__ import annotations

import bisect
import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

from ontology import PREC, IriMinter

from ..document import Document, ProposedFact, sha256_hex
from ..emit import (
    AttendanceValues,
    BallotValues,
    DecisionValues,
    Emitter,
    MeetingValues,
    RecordValues,
    VoteValues,
)
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


class _Builder:
    def __init__(self, text: str, info: SourceInfo, minter: IriMinter, resolver: Resolver) -> None:
        self.text = text
        self.info = info
        self.minter = minter
        self.resolver = resolver
        self.graph = Graph()
        self.emit = Emitter(self.graph, minter)
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
        self.emit.heuristic(node, confidence, rule)

    def set_graph(self, graph: Graph) -> None:
        """Write into ``graph`` from now on."""
        self.graph = self.emit.graph = self.passages.graph = graph

    @contextmanager
    def apart(self, doubtful: bool = True) -> Iterator[None]:
        """Build what the block writes in a graph of its own when ``doubtful``: a doubtful fact joins the
        document only once an editor accepts it (``propose``); otherwise the block writes to the document."""
        main = self.graph
        if doubtful:
            self.set_graph(Graph())
        try:
            yield
        finally:
            self.set_graph(main)

    def propose(
        self,
        rule: str,
        key_text: str,
        span: tuple[int, int],
        passage: Node,
        confidence: float,
        summary: str,
        key_rule: str | None = None,
    ) -> None:
        """Send what the enclosing ``apart`` block built to the review queue as one proposed fact (its key:
        ``key_rule`` or ``rule``, the span and ``key_text``, so that the same fact read again is the same)."""
        start, end = span
        self.proposed.append(
            ProposedFact(
                key=_proposal_key(key_rule or rule, start, end, key_text),
                rule=rule,
                confidence=confidence,
                summary=summary,
                passage_iri=str(passage),
                passage_text=self.text[start:end],
                triples=self.graph,
            )
        )


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
    record = b.emit.record(
        RecordValues(
            info.identifier,
            meeting.title,
            info.level,
            info.source_format,
            info.reader,
            info.reader_version,
            date=meeting.date,
            place=meeting.place,
        )
    )
    if meeting.date is None:
        # Stored with what could be read: decisions need a date, so they wait for an editor.
        b.emit.uncertain(record, 0.5, "record:undated")
    body = _body(b, meeting.body, meeting.parent)
    node = b.emit.meeting(
        MeetingValues(info.identifier, meeting.title, record, body, meeting.date, meeting.place)
    )
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
    for entry in analysis.attendance:
        if " " in entry.name:
            b.names.add(entry.name)
    passages: dict[tuple[int, int], URIRef] = {}
    used: set[str] = set()
    for entry in analysis.attendance:
        unit, org_name = _organisation_of(entry.organisation, body_name if analysis.meeting.fomc else None)
        capacity = ", ".join(p for p in (entry.capacity, unit) if p) or None
        proposed = entry.confidence < CONFIDENCE_THRESHOLD
        with b.apart(proposed):  # a guessed name waits for an editor, apart from the document
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
            org = b.organisation(org_name, "organisation") if org_name else None
            chair = bool(
                entry.capacity and entry.capacity.lower() in _CHAIR_POSTS and entry.status == "present"
            )
            node = b.emit.attendance(
                AttendanceValues(key, meeting, person, entry.status, capacity, org, chair=chair)
            )
            span = (entry.start, entry.end)
            if proposed or span not in passages:
                passages[span] = b.passage(*span)
            b.passages.cite(node, passages[span])
            b.heuristic(node, entry.confidence, entry.rule)
            if proposed:
                b.propose(
                    entry.rule,
                    entry.name,
                    span,
                    passages.pop(span),
                    entry.confidence,
                    f"Attended ({entry.status})? {entry.name}: the name was split from its "
                    "neighbours by a guess",
                )


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
    undated = date is None
    proposed = decision.confidence < CONFIDENCE_THRESHOLD or undated
    with b.apart(proposed):  # a doubtful decision joins the document only once an editor accepts it
        if decision.body:
            body = b.organisation(decision.body, "body")
        if decision.vote is not None:
            method = "vote"
        elif "unanim" in decision.text.lower() or decision.rule in (
            "decision:it-was-agreed",
            "decision:agreed-to",
        ):
            method = "consensus"
        else:
            method = None
        result = decision.outcome or (_vote_result(decision.vote) if decision.vote is not None else "adopted")
        node = b.emit.decision(
            DecisionValues(
                key, short_label(decision.text), decision.text, meeting, body, date, method, result
            )
        )
        if decision.item is not None and decision.item < len(items):
            b.graph.add((items[decision.item], PREC.hasDecision, node))
        passage = b.passage(decision.start, decision.end)
        b.passages.cite(node, passage)
        b.heuristic(node, decision.confidence, decision.rule)
        if decision.vote is not None:
            _vote(b, decision.vote, key, node)
        for index, commitment in enumerate(decision.commitments, start=1):
            _commitment(b, commitment, f"{key}/c{index}", node)
        if proposed:
            b.propose(
                f"{decision.rule}:undated" if undated else decision.rule,
                decision.text,
                (decision.start, decision.end),
                passage,
                min(decision.confidence, 0.5) if undated else decision.confidence,
                f"Decision{' (no date read)' if undated else ''}? {short_label(decision.text)}",
                key_rule=decision.rule,
            )


def _proposal_key(rule: str, start: int, end: int, text: str) -> str:
    return hashlib.sha256(f"{rule}|{start}|{end}|{normalise_space(text).lower()}".encode()).hexdigest()


def _vote_counts(vote: RecordedVote) -> dict[str, int]:
    counts = {way: len(names) for way, names in vote.cast.items()}
    if not vote.partial:  # a full record: a way with no names had none ("Votes against this action: None")
        counts = {way: counts.get(way, 0) for way in ("for", "against", "abstain", "absent")}
    return counts


def _vote_result(vote: RecordedVote) -> str:
    if vote.partial:  # a dissent alone, or "By unanimous vote": the action was taken
        return "carried"
    counts = _vote_counts(vote)
    return "carried" if counts["for"] > counts["against"] else "defeated"


def _vote(b: _Builder, vote: RecordedVote, decision_key: str, decision: URIRef) -> None:
    counts = _vote_counts(vote)
    result = _vote_result(vote)
    proposed = vote.confidence < CONFIDENCE_THRESHOLD
    with b.apart(proposed):  # a doubtful tally is built apart: the decision is stored, its vote waits
        ballots: list[BallotValues] = []
        reasons: dict[URIRef, tuple[str, int, int]] = {}
        for way, names in vote.cast.items():
            for name in names:
                person = b.person(name)
                if person is None:
                    continue
                reason = vote.reasons.get(name)
                ballots.append(BallotValues(person, way, reason[0] if reason else None))
                if reason and person not in reasons:
                    reasons[person] = reason
        node, ballot_nodes = b.emit.vote(decision, VoteValues(f"{decision_key}/v", counts, result, ballots))
        passage = b.passage(vote.start, vote.end)
        b.passages.cite(node, passage)
        b.heuristic(node, vote.confidence, vote.rule)
        for person, ballot in ballot_nodes.items():
            b.passages.cite(ballot, passage)
            b.heuristic(ballot, vote.confidence, vote.rule)
            if person in reasons:
                _, start, end = reasons[person]
                b.passages.cite(ballot, b.passage(start, end))
        if proposed:
            tally = ", ".join(f"{count} {way}" for way, count in counts.items() if count)
            b.propose(
                vote.rule,
                tally,
                (vote.start, vote.end),
                passage,
                vote.confidence,
                f"Vote? {tally or 'no names read'} (doubted by {vote.rule})",
            )


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
    with b.apart():
        holder = b.iri("decision", f"{b.info.identifier}/a{number}")
        node = _commitment(b, commitment, f"{b.info.identifier}/a{number}/c1", holder)
        b.graph.remove((holder, PREC.hasCommitment, node))
        passage = next(b.graph.objects(node, PREC.derivedFrom))
        b.propose(
            commitment.rule,
            commitment.label,
            (commitment.start, commitment.end),
            passage,
            min(commitment.confidence, 0.5),
            f"Commitment without a decision: {short_label(commitment.label)}",
        )
