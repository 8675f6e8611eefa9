"""One place writes the triples every reader shares: Record, Meeting, Attendance, Vote, Ballot, Decision.

A reader works out *what* a source says as plain typed values (dataclasses below: strings, dates,
counts, and the IRIs its resolver gave for people and bodies); ``Emitter`` turns them into RDF with
the ontology's properties. A new property of a decision or a vote is then added here once, not in
four readers. Passages (the words a fact comes from) stay with ``provenance.PassageBuilder``: the
emitter returns each node's IRI so the reader can cite it.

    emit = Emitter(graph, minter)
    record = emit.record(RecordValues("fomc-2009-12-16", "Minutes of …", "public", "text", "reader", "1.0"))
    meeting = emit.meeting(MeetingValues("fomc-2009-12-16", "Minutes of …", record, body=fomc, date=day))
    emit.attendance(AttendanceValues("fomc-2009-12-16/bernanke", meeting, person, "present", "Chairman"))
    decision = emit.decision(DecisionValues("fomc-2009-12-16/d1", label, text, meeting, fomc, day, "vote"))
    emit.vote(decision, VoteValues("fomc-2009-12-16/d1/v", {"for": 10, "against": 0}, "carried", ballots))

Every method writes into ``emit.graph``; a reader that builds a doubtful fact apart (to send it to the
review queue) points ``graph`` at another ``Graph`` for the time being. ``new_graph()`` is the graph a
reader builds its document in: the same triples as a default ``Graph()``, in a cheaper store.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Protocol

from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import XSD

from ontology import PREC, IriMinter

from .provenance import plain_literal

#: A way of voting → the count property of a ``prec:Vote``.
COUNT_PROPERTIES = {
    "for": PREC.votesFor,
    "against": PREC.votesAgainst,
    "abstain": PREC.votesAbstaining,
    "absent": PREC.votesAbsent,
    "recused": PREC.votesRecused,
}


def new_graph() -> Graph:
    """An empty graph for a document's triples, in rdflib's ``SimpleMemory`` store.

    A document graph is one graph, never a set of named ones, so it needs none of the context
    bookkeeping of the default ``Memory`` store: the same triples cost about a third less to add
    (docs/internals.md). Its triples are listed in another order, which nothing may rely on."""
    return Graph(store="SimpleMemory")


class TripleSink(Protocol):
    """Where triples go: an rdflib ``Graph``, or a reader's own batch of triples (a list with ``add``)
    that it copies into the document's graph at the end, as the FRUS reader does for speed."""

    def add(self, triple: tuple, /) -> object: ...


@dataclass
class RecordValues:
    """The source record: one set of minutes, one document of a volume, one council meeting's page."""

    identifier: str
    title: str
    access_level: str
    source_format: str
    reader: str
    reader_version: str
    record_type: str = "minutes"
    date: dt.date | None = None
    place: str | None = None
    url: str | None = None  # where the record is published


@dataclass
class MeetingValues:
    """The meeting a record reports: who held it (``body``), when and where."""

    key: str
    title: str
    record: URIRef
    body: URIRef | None = None
    date: dt.date | None = None
    place: str | None = None
    start: dt.datetime | None = None  # when the meeting began, where the record says


@dataclass
class AttendanceValues:
    """One person's attendance: ``status`` is present, also-present, remote, absent or apologies."""

    key: str
    meeting: URIRef
    person: URIRef
    status: str
    capacity: str | None = None
    on_behalf_of: URIRef | None = None
    chair: bool = False  # the person chaired the meeting


@dataclass
class BallotValues:
    """How one member voted (for, against, abstain, absent), with the reason a dissenter gave."""

    person: URIRef
    cast: str
    reason: str | None = None
    #: the ballot's part of its IRI (after the vote's key); by default the voter's IRI slug. A reader
    #: whose ballot IRIs were minted from the name as written keeps them so.
    key: str | None = None


@dataclass
class VoteValues:
    """A recorded vote. ``counts`` holds only the ways the source states or lists; a vote whose numbers
    the source does not give ("By unanimous vote") has none, and only its ``result``."""

    key: str
    counts: dict[str, int] = field(default_factory=dict)
    result: str | None = None
    ballots: list[BallotValues] = field(default_factory=list)


@dataclass
class DecisionValues:
    """A decision: its short ``label``, the ``text`` that states it, where, by whom and how it was taken."""

    key: str
    label: str
    text: str
    meeting: URIRef | None = None
    body: URIRef | None = None
    date: dt.date | None = None
    method: str | None = None  # vote, consensus or executive
    result: str | None = None  # carried, defeated, or adopted (decided without a recorded vote)


@dataclass
class Emitter:
    """Writes the shared node types into ``graph`` with IRIs from ``minter``."""

    graph: Graph | TripleSink
    minter: IriMinter

    def iri(self, kind: str, key: str) -> URIRef:
        return URIRef(self.minter.entity(kind, key))

    def record(self, values: RecordValues) -> URIRef:
        g, node = self.graph, self.iri("record", values.identifier)
        g.add((node, RDF.type, PREC.Record))
        g.add((node, PREC.identifier, plain_literal(values.identifier)))
        g.add((node, RDFS.label, plain_literal(values.title)))
        g.add((node, PREC.recordType, plain_literal(values.record_type)))
        g.add((node, PREC.accessLevel, plain_literal(values.access_level)))
        g.add((node, PREC.readerName, plain_literal(values.reader)))
        g.add((node, PREC.readerVersion, plain_literal(values.reader_version)))
        g.add((node, PREC.sourceFormat, plain_literal(values.source_format)))
        self._when_where(node, values.date, values.place)
        if values.url is not None:
            g.add((node, PREC.url, Literal(values.url, datatype=XSD.anyURI)))
        return node

    def meeting(self, values: MeetingValues) -> URIRef:
        g, node = self.graph, self.iri("meeting", values.key)
        g.add((node, RDF.type, PREC.Meeting))
        g.add((node, RDFS.label, Literal(values.title)))
        g.add((node, PREC.recordedIn, values.record))
        if values.body is not None:
            g.add((node, PREC.heldBy, values.body))
        self._when_where(node, values.date, values.place)
        if values.start is not None:
            g.add((node, PREC.startTime, Literal(values.start, datatype=XSD.dateTime)))
        return node

    def attendance(self, values: AttendanceValues) -> URIRef:
        g, node = self.graph, self.iri("attendance", values.key)
        g.add((node, RDF.type, PREC.Attendance))
        g.add((values.meeting, PREC.hasAttendance, node))
        g.add((node, PREC.attendee, values.person))
        g.add((node, PREC.attendanceStatus, Literal(values.status)))
        if values.capacity:
            g.add((node, PREC.inCapacity, Literal(values.capacity)))
        if values.on_behalf_of is not None:
            g.add((node, PREC.onBehalfOf, values.on_behalf_of))
        if values.chair:
            g.add((values.meeting, PREC.chair, values.person))
        return node

    def decision(self, values: DecisionValues) -> URIRef:
        g, node = self.graph, self.iri("decision", values.key)
        g.add((node, RDF.type, PREC.Decision))
        if values.label:  # an empty label or text states nothing; the shapes then say it is missing
            g.add((node, RDFS.label, Literal(values.label)))
        g.add((node, PREC.identifier, Literal(values.key)))
        if values.text:
            g.add((node, PREC.text, Literal(values.text)))
        if values.meeting is not None:
            g.add((node, PREC.decidedAt, values.meeting))
        if values.body is not None:
            g.add((node, PREC.decidedBy, values.body))
        if values.date:
            g.add((node, PREC.date, Literal(values.date, datatype=XSD.date)))
        if values.method:
            g.add((node, PREC.decisionMethod, Literal(values.method)))
        if values.result:
            g.add((node, PREC.result, Literal(values.result)))
        return node

    def vote(self, decision: URIRef, values: VoteValues) -> tuple[URIRef, dict[URIRef, URIRef]]:
        """The vote on ``decision`` and its ballots (one per person; a second ballot of one person is
        dropped). Returns the vote's IRI and each voter's ballot IRI."""
        g, node = self.graph, self.iri("vote", values.key)
        g.add((node, RDF.type, PREC.Vote))
        g.add((decision, PREC.hasVote, node))
        for way, count in values.counts.items():
            g.add((node, COUNT_PROPERTIES[way], Literal(count, datatype=XSD.integer)))
        if values.result:
            g.add((node, PREC.result, Literal(values.result)))
        ballots: dict[URIRef, URIRef] = {}
        for ballot in values.ballots:
            if ballot.person in ballots:
                continue
            slug = ballot.key or str(ballot.person).rstrip("/").rsplit("/", 1)[-1]
            iri = self.iri("ballot", f"{values.key}/{slug}")
            g.add((iri, RDF.type, PREC.Ballot))
            g.add((node, PREC.hasBallot, iri))
            g.add((iri, PREC.voter, ballot.person))
            g.add((iri, PREC.voteCast, Literal(ballot.cast)))
            if ballot.reason:
                g.add((iri, PREC.dissentReason, Literal(ballot.reason)))
            ballots[ballot.person] = iri
        return node, ballots

    def uncertain(self, record: URIRef, confidence: float, rule: str) -> None:
        """Mark a record stored with what could be read (no readable date, say): its doubtful facts are
        in the review queue, and ``prec:confidence`` below 1 says so to every query."""
        self.heuristic(record, confidence, rule)

    def heuristic(self, node: URIRef, confidence: float, rule: str) -> None:
        """How sure a heuristic reader is of a fact, and the rule that found it."""
        self.graph.add((node, PREC.confidence, Literal(f"{confidence:.2f}", datatype=XSD.decimal)))
        self.graph.add((node, PREC.extractionRule, Literal(rule)))

    def _when_where(self, node: URIRef, date: dt.date | None, place: str | None) -> None:
        if date:
            self.graph.add((node, PREC.date, _date_term(date)))
        if place:
            self.graph.add((node, PREC.placeName, plain_literal(place)))


@lru_cache(maxsize=4096, typed=True)
def _date_term(date: dt.date) -> Literal:
    """``Literal(date, datatype=XSD.date)``, made once per day: records of one run share their days, and
    rdflib casts the value each time (terms are immutable: one serves)."""
    return Literal(date, datatype=XSD.date)
