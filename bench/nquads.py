"""Render a generated meeting straight to N-Quads: one named graph per document, as the reader maps it.

The triples, IRIs and passages follow ``ingest.markdown`` (without a shared name resolver), written
as text so that millions of triples take seconds. This is the input of the raw
``pyoxigraph.Store.bulk_load`` ceiling and of the rdflib baseline.
"""

from __future__ import annotations

from ontology import PREC, IriMinter, slugify

from .markdown_minutes import ORGANISATION_TYPES, topic_slug
from .minutes import GenDecision, Meeting
from .world import Organisation

RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
RDFS_LABEL = "<http://www.w3.org/2000/01/rdf-schema#label>"
XSD = "http://www.w3.org/2001/XMLSchema#"
P = str(PREC)
GL = "https://w3id.org/precedent/glossary/"
CLASS_OF_TYPE = {
    "national-government": "NationalGovernment",
    "ministry": "Ministry",
    "agency": "Agency",
    "body": "Body",
    "regional-government": "RegionalGovernment",
}

_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})


def lit(value: object) -> str:
    return '"' + str(value).translate(_ESCAPES) + '"'


def typed(value: object, datatype: str) -> str:
    return f'"{value}"^^<{XSD}{datatype}>'


class _Graph:
    """The lines of one document's graph, without duplicates (a graph is a set), in first-added order."""

    def __init__(self, graph: str) -> None:
        self.graph = f"<{graph}>"
        self.lines: dict[str, None] = {}

    def add(self, subject: str, predicate: str, obj: str) -> None:
        self.lines[f"<{subject}> {predicate} {obj} {self.graph} .\n"] = None

    def prec(self, subject: str, local: str, obj: str) -> None:
        self.add(subject, f"<{P}{local}>", obj)

    def a(self, subject: str, cls: str) -> None:
        self.add(subject, RDF_TYPE, f"<{P}{cls}>")

    def label(self, subject: str, text: str) -> None:
        self.add(subject, RDFS_LABEL, lit(text))


class _Mapper:
    """One meeting to triples, in the order the reader adds them (passages are numbered in that order)."""

    def __init__(self, meeting: Meeting, minter: IriMinter, text: str, spans: dict[str, object]) -> None:
        self.m = meeting
        self.minter = minter
        self.text = text
        self.spans = spans
        self.g = _Graph(minter.graph(meeting.identifier))
        self.record = minter.entity("record", meeting.identifier)
        self.meeting = minter.entity("meeting", meeting.identifier)
        self.passages = 0
        self.declared = {org.name: org for org in _chain(meeting.body)}

    def passage(self, fact: str, span: tuple[int, int]) -> None:
        self.passages += 1
        iri = self.minter.entity("passage", f"{self.m.identifier}/p{self.passages}")
        g = self.g
        g.a(iri, "Passage")
        g.prec(iri, "inRecord", f"<{self.record}>")
        g.prec(iri, "sequence", typed(self.passages, "integer"))
        g.prec(iri, "startOffset", typed(span[0], "integer"))
        g.prec(iri, "endOffset", typed(span[1], "integer"))
        g.prec(iri, "quote", lit(self.text[span[0] : span[1]]))
        g.prec(fact, "derivedFrom", f"<{iri}>")

    def person(self, name: str) -> str:
        iri = self.minter.entity("person", name)
        self.g.a(iri, "Person")
        self.g.label(iri, name)
        return iri

    def organisation(self, name: str) -> str:
        iri = self.minter.entity("organisation", name)
        self.g.label(iri, name)
        org = self.declared.get(name)
        self.g.a(iri, CLASS_OF_TYPE[ORGANISATION_TYPES[org.kind]] if org is not None else "Organisation")
        if org is not None:
            if org.parent is not None:
                self.g.prec(iri, "subOrganisationOf", f"<{self.organisation(org.parent.name)}>")
        return iri

    def build(self) -> str:
        m, g, record, meeting = self.m, self.g, self.record, self.meeting
        g.a(record, "Record")
        g.prec(record, "identifier", lit(m.identifier))
        g.label(record, m.title)
        g.prec(record, "date", typed(m.date.isoformat(), "date"))
        g.prec(record, "recordType", lit("minutes"))
        g.prec(record, "accessLevel", lit(m.level))
        g.prec(record, "readerName", lit("ingest.markdown"))
        g.prec(record, "readerVersion", lit("1.0"))
        g.prec(record, "sourceFormat", lit("markdown"))
        g.prec(record, "fullText", lit(self.text))  # the reader keeps the whole text (PassageBuilder)
        g.prec(record, "placeName", lit(m.place))
        for slug in sorted({topic_slug(t.iri) for d in m.decisions for t in d.topics}):
            g.prec(record, "hasTopic", f"<{GL}{slug}>")
        body = self.organisation(m.body.name)
        if m.body.parent is not None:
            g.prec(body, "subOrganisationOf", f"<{self.organisation(m.body.parent.name)}>")
        g.a(meeting, "Meeting")
        g.label(meeting, m.title)
        g.prec(meeting, "heldBy", f"<{body}>")
        g.prec(meeting, "date", typed(m.date.isoformat(), "date"))
        g.prec(meeting, "placeName", lit(m.place))
        g.prec(meeting, "recordedIn", f"<{record}>")
        g.prec(meeting, "chair", f"<{self.person(m.chair)}>")
        admin = m.administration
        self.administration = self.minter.entity("administration", admin.label)
        g.a(self.administration, "Administration")
        g.label(self.administration, admin.label)
        g.prec(self.administration, "ofGovernment", f"<{self.organisation(_chain(m.body)[-1].name)}>")
        g.prec(self.administration, "headedBy", f"<{self.person(admin.head)}>")
        g.prec(self.administration, "startDate", typed(admin.start.isoformat(), "date"))
        g.prec(self.administration, "endDate", typed(admin.end.isoformat(), "date"))
        g.prec(meeting, "duringAdministration", f"<{self.administration}>")
        self.passage(meeting, self.spans["header"])
        order = (
            [a for a in m.attendees if a.status in ("present", "remote", "also-present")]
            + [a for a in m.attendees if a.status == "apologies"]
            + [a for a in m.attendees if a.status == "absent"]
        )
        for attendee, span in zip(order, self.spans["people"], strict=True):
            person = self.person(attendee.name)
            attendance = self.minter.entity("attendance", f"{m.identifier}/{slugify(attendee.name)}")
            g.prec(meeting, "hasAttendance", f"<{attendance}>")
            g.a(attendance, "Attendance")
            g.prec(attendance, "attendee", f"<{person}>")
            g.prec(attendance, "attendanceStatus", lit(attendee.status))
            if attendee.status in ("present", "remote", "also-present"):
                g.prec(attendance, "inCapacity", lit(attendee.capacity))
            self.passage(attendance, span)
            if attendee.status in ("present", "remote", "also-present"):
                g.prec(record, "participant", f"<{person}>")
        for number, item in enumerate(m.items, start=1):
            agenda = self.minter.entity("agenda-item", f"{m.identifier}/i{number}")
            g.prec(meeting, "hasAgendaItem", f"<{agenda}>")
            g.a(agenda, "AgendaItem")
            g.label(agenda, item.title)
            g.prec(agenda, "sequence", typed(number, "integer"))
            g.prec(agenda, "discussion", lit(item.discussion))
            for decision in item.decisions:
                self.decision(decision, agenda, body)
            for index, observation in enumerate(item.observations, start=1):
                self.observed(observation, number, index)
        return "".join(g.lines)

    def decision(self, decision: GenDecision, agenda: str, body: str) -> None:
        g, key = self.g, decision.identifier
        d = self.minter.entity("decision", key)
        g.prec(agenda, "hasDecision", f"<{d}>")
        g.a(d, "Decision")
        g.label(d, decision.title)
        g.prec(d, "identifier", lit(key))
        g.prec(d, "text", lit(decision.text))
        g.prec(d, "decidedBy", f"<{body}>")
        g.prec(d, "decidedAt", f"<{self.meeting}>")
        g.prec(d, "date", typed(self.m.date.isoformat(), "date"))
        g.prec(d, "duringAdministration", f"<{self.administration}>")
        for topic in decision.topics:
            g.prec(d, "hasTopic", f"<{GL}{topic_slug(topic.iri)}>")
        g.prec(d, "rationale", lit(decision.rationale))
        self.passage(d, self.spans[key])
        options = []
        for number, option in enumerate(decision.options, start=1):
            o = self.minter.entity("option", f"{key}/o{number}")
            options.append(o)
            g.prec(d, "consideredOption", f"<{o}>")
            g.a(o, "Option")
            g.label(o, f"Option {'ABCDEFGH'[number - 1]}: {option.label}")
            g.prec(o, "description", lit(option.description))
            if option.rejection_reason:
                g.prec(o, "rejectionReason", lit(option.rejection_reason))
            self.passage(o, self.spans[f"{key}/o{number}"])
            for index, (side, text) in enumerate((("hasPro", option.pro), ("hasCon", option.con)), start=1):
                a = self.minter.entity("argument", f"{key}/o{number}/a{index}")
                g.prec(o, side, f"<{a}>")
                g.a(a, "Argument")
                g.prec(a, "argumentText", lit(text))
                if side == "hasPro":
                    criterion = self.minter.entity("criterion", option.criterion)
                    g.a(criterion, "Criterion")
                    g.label(criterion, option.criterion)
                    g.prec(a, "concernsCriterion", f"<{criterion}>")
                    g.prec(d, "weighedCriterion", f"<{criterion}>")
                self.passage(a, self.spans[f"{key}/o{number}/a{index}"])
        for number, option in enumerate(decision.options):
            if option.chosen:
                g.prec(d, "chosenOption", f"<{options[number]}>")
        g.prec(d, "decisionMethod", lit(decision.method))
        if decision.ballots:
            self.vote(decision, d)
        for number, commitment in enumerate(decision.commitments, start=1):
            c = self.minter.entity("commitment", f"{key}/c{number}")
            g.prec(d, "hasCommitment", f"<{c}>")
            g.a(c, "Commitment")
            g.label(c, commitment.label)
            g.prec(c, "owner", f"<{self.person(commitment.owner)}>")
            g.prec(c, "deadline", typed(commitment.deadline.isoformat(), "date"))
            if commitment.amount is not None:
                g.prec(c, "budgetAmount", typed(commitment.amount, "decimal"))
                g.prec(c, "budgetCurrency", lit(commitment.currency))
            g.prec(c, "commitmentStatus", lit(commitment.status))
            self.passage(c, self.spans[f"{key}/c{number}"])
        for number, outcome in enumerate(decision.outcomes, start=1):
            e = self.minter.entity("outcome", f"{key}/e{number}")
            g.prec(d, "hasExpectedOutcome", f"<{e}>")
            g.a(e, "ExpectedOutcome")
            g.a(e, "Outcome")
            g.label(e, outcome.label)
            g.prec(e, "indicator", lit(outcome.indicator))
            g.prec(e, "targetValue", typed(outcome.target, "decimal"))
            g.prec(e, "outcomeStatus", lit("pending"))
            self.passage(e, self.spans[f"{key}/e{number}"])
        for kind, target in decision.links:
            g.prec(d, kind, f"<{self.minter.entity('decision', target)}>")

    def vote(self, decision: GenDecision, d: str) -> None:
        g, key = self.g, f"{decision.identifier}/v"
        v = self.minter.entity("vote", key)
        g.prec(d, "hasVote", f"<{v}>")
        g.a(v, "Vote")
        counts = {
            cast: sum(1 for b in decision.ballots if b.cast == cast)
            for cast in ("for", "against", "abstain", "absent")
        }
        for cast, local in (
            ("for", "votesFor"),
            ("against", "votesAgainst"),
            ("abstain", "votesAbstaining"),
            ("absent", "votesAbsent"),
        ):
            g.prec(v, local, typed(counts[cast], "integer"))
        g.prec(v, "result", lit("carried" if counts["for"] > counts["against"] else "defeated"))
        self.passage(v, self.spans[key])
        for ballot in decision.ballots:
            b = self.minter.entity("ballot", f"{key}/{slugify(ballot.name)}")
            g.prec(v, "hasBallot", f"<{b}>")
            g.a(b, "Ballot")
            g.prec(b, "voter", f"<{self.person(ballot.name)}>")
            g.prec(b, "voteCast", lit(ballot.cast))
            if ballot.dissent:
                g.prec(b, "dissentReason", lit(ballot.dissent))
            self.passage(b, self.spans[f"{key}/{ballot.name}"])

    def observed(self, observation: object, item_number: int, index: int) -> None:
        g = self.g
        target = observation.decision
        outcome = observation.outcome
        d = self.minter.entity("decision", target)
        x = self.minter.entity("outcome", f"{target}/x-{self.m.identifier}-{index}")
        g.prec(d, "hasObservedOutcome", f"<{x}>")
        g.a(x, "ObservedOutcome")
        g.a(x, "Outcome")
        g.label(x, outcome.label)
        g.prec(x, "indicator", lit(outcome.indicator))
        g.prec(x, "observedValue", typed(outcome.observed, "decimal"))
        g.prec(x, "outcomeStatus", lit(outcome.status))
        g.prec(x, "observedOn", typed(self.m.date.isoformat(), "date"))
        g.prec(x, "observes", f"<{self.minter.entity('outcome', f'{target}/e{observation.number}')}>")
        self.passage(x, self.spans[f"observed/{item_number}/{index}"])


def _chain(org: Organisation) -> list[Organisation]:
    chain = []
    current: Organisation | None = org
    while current is not None:
        chain.append(current)
        current = current.parent
    return chain


def meeting_quads(meeting: Meeting, minter: IriMinter, text: str, spans: dict[str, object]) -> str:
    """Every triple one set of minutes yields, as N-Quads in its own named graph.

    ``text`` is the rendered file and ``spans`` the character spans of its facts
    (``bench.markdown_minutes.render_markdown``), so every passage quotes the real words.
    """
    return _Mapper(meeting, minter, text, spans).build()
