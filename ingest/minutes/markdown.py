"""Reader for Markdown minutes (``docs/minutes-format.md``): one file becomes one ``Document``.

The front matter gives the meeting and its record; each ``## `` item may carry options with
arguments, a decision with its vote, rationale, commitments, expected and observed outcomes, and
links to earlier decisions. Every fact points by ``prec:derivedFrom`` to the passage it was read
from, with character offsets into the file's decoded text.

A file with a doubtful part (no readable date, no body, an agenda item that cannot be read) is stored
with what could be read and marked uncertain; its doubtful facts go to the review queue (``doubts``).
Only a file that is unsafe or holds no recognisable minutes is refused.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Callable, Iterator
from pathlib import Path

from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import XSD

from ontology import GLOSSARY, PREC, IriMinter, slugify

from ..document import Document, ReaderError, sha256_hex
from ..emit import (
    AttendanceValues,
    BallotValues,
    DecisionValues,
    Emitter,
    MeetingValues,
    RecordValues,
    VoteValues,
    new_graph,
)
from ..minutes_text import AgendaItemText, Bullet, Field, split_lines
from ..provenance import PassageBuilder
from .actors import Actors
from .doubts import (
    UNCERTAIN,
    Doubts,
    UnknownDecision,
    UnreadablePart,
    decision_or_proposal,
    file_name_date,
    item_or_doubt,
    read_items,
    wait_for_editor,
)
from .header import MeetingHeader, parse_header, split_front_matter
from .results import map_commitment, map_expected, map_observed
from .values import field_error, parse_date

log = logging.getLogger(__name__)

READER_NAME = "ingest.markdown"
READER_VERSION = "1.0"
SOURCE_FORMAT = "markdown"
MAX_FILE_BYTES = 5 * 1024 * 1024

DECISION_FIELDS = ("id", "title", "text", "chosen", "decided by", "method", "result", "lapses", "date",
                   "topics")
PRECEDENT_LINKS = ("cites", "amends", "supersedes", "reverses", "implements", "follows")
METHODS = ("consensus", "vote", "executive")

_DECISION_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*(/[A-Za-z0-9._-]+)*$")
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_CHOSEN = re.compile(r"^(?:option\s+)?([A-Za-z0-9]+)\b", re.IGNORECASE)

KnownDecisions = Callable[[str], bool]


def read(
    path: Path,
    *,
    level: str | None = None,
    minter: IriMinter,
    resolver: object | None = None,
    known_decisions: KnownDecisions | None = None,
) -> Iterator[Document | ReaderError]:
    """Read one Markdown minutes file; yield its ``Document``, or one ``ReaderError`` saying why not."""
    path = Path(path)
    try:
        yield _read_file(path, level, minter, resolver, known_decisions)
    except ReaderError as error:
        log.info("refused %s", error)
        yield error


def _read_file(path: Path, level: str | None, minter: IriMinter, resolver: object | None,
               known_decisions: KnownDecisions | None) -> Document:
    source = str(path)
    try:
        size = path.stat().st_size
    except OSError as error:
        raise ReaderError(source, f"cannot read the file: {error.strerror}") from None
    if size > MAX_FILE_BYTES:
        raise ReaderError(source, f"file is {size} bytes; Markdown minutes are limited to "
                                  f"{MAX_FILE_BYTES} bytes")
    data = path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise ReaderError(f"{source}:{line}", "the file is not valid UTF-8 text") from None
    bounds = split_front_matter(text)
    if bounds is None:
        raise ReaderError(f"{source}:1", "no YAML front matter: start the file with a '---' line, "
                                         "the meeting's fields, and a closing '---' line")
    yaml_start, yaml_end, body_start = bounds
    header = parse_header(text, yaml_start, yaml_end, source)
    items = read_items([line for line in split_lines(text) if line.start >= body_start], source)
    if not items and header.date is None and header.body_in_doubt and header.title == header.identifier:
        # nothing but an identifier: no title, body, date or agenda item to keep, so no minutes at all
        raise ReaderError(f"{source}:1", "no recognisable minutes: the front matter gives no readable title, "
                                         "body or date, and there is no '## ' agenda item")
    mapper = _MinutesMapper(header, items, text, source, minter, resolver, known_decisions)
    mapper.suggested_date = file_name_date(path)
    graph = mapper.build(level)
    return Document(
        identifier=header.identifier,
        title=header.title,
        source_format=SOURCE_FORMAT,
        access_level=level or header.access_level,
        graph=graph,
        content_hash=sha256_hex(data),
        reader=READER_NAME,
        reader_version=READER_VERSION,
        source_path=source,
        original=data,
        unresolved_mentions=list(mapper.actors.unresolved),
        proposed=mapper.doubts.proposed,
    )


class _MinutesMapper:
    """Maps one parsed minutes file to RDF under the Precedent ontology."""

    def __init__(self, header: MeetingHeader, items: list[AgendaItemText | UnreadablePart], text: str,
                 source: str,
                 minter: IriMinter, resolver: object | None, known_decisions: KnownDecisions | None) -> None:
        self.header = header
        self.items = items
        self.source = source
        self.minter = minter
        self.known_decisions = known_decisions
        self.graph = new_graph()
        self.passages = PassageBuilder(self.graph, minter, header.identifier, text)
        self.actors = Actors(self.graph, minter, resolver, header)
        self.record = URIRef(minter.entity("record", header.identifier))
        self.meeting = URIRef(minter.entity("meeting", header.identifier))
        self.administration: URIRef | None = None
        self.doubts = Doubts(header.identifier)
        for doubt in header.doubts:
            self.doubts.note(doubt)
        #: a date an editor may confirm for the decisions of an undated meeting (from the file name)
        self.suggested_date: dt.date | None = None
        self.decision_ids = self._decision_ids()

    @property
    def emit(self) -> Emitter:
        """The shared emitter, writing into whichever graph the mapper writes into now (see ``apart``)."""
        return Emitter(self.graph, self.minter)

    def add(self, subject: URIRef, predicate: URIRef, value: object, datatype: URIRef | None = None) -> None:
        if value is None or value == "":
            return
        obj = value if isinstance(value, URIRef) else Literal(value, datatype=datatype)
        self.graph.add((subject, predicate, obj))

    def build(self, level: str | None) -> Graph:
        self._record(level)
        self._meeting()
        for item in self.items:
            self._item_or_doubt(item)
        self.actors.finish()
        for mention in self.actors.unresolved:
            self.add(self.record, PREC.unresolvedMention, mention)
        self.doubts.mark(self.graph, self.record)
        return self.graph

    # -- the record, the meeting and who came --------------------------------------------------

    def _record(self, level: str | None) -> None:
        h = self.header
        r = self.emit.record(
            RecordValues(
                h.identifier,
                h.title,
                level or h.access_level,
                SOURCE_FORMAT,
                READER_NAME,
                READER_VERSION,
                date=h.date,
                place=h.place,
            )
        )
        for slug in h.topics:
            self.add(r, PREC.hasTopic, GLOSSARY[slug])

    def _meeting(self) -> None:
        h = self.header
        start = dt.datetime.combine(h.date, h.time) if h.time is not None and h.date is not None else None
        m = self.emit.meeting(
            MeetingValues(h.identifier, h.title, self.record, self.actors.body, h.date, h.place, start)
        )
        if h.body_in_doubt:
            self.emit.heuristic(m, float(UNCERTAIN), "markdown:body-from-title")
        if h.chair:
            self.add(m, PREC.chair, self.actors.person_named(h.chair))
        if h.administration is not None:
            self.administration = self.actors.administration(h.administration)
            self.add(m, PREC.duringAdministration, self.administration)
        if h.span is not None:
            self.passages.span(m, h.span.start, h.span.end)
        for person in h.people:
            attendee = self.actors.person(person.name, person.post, person.organisation)
            on_behalf_of = self.actors.organisation(person.organisation) if person.organisation else None
            attendance = self.emit.attendance(
                AttendanceValues(
                    f"{h.identifier}/{slugify(person.name)}",
                    m,
                    attendee,
                    person.status,
                    person.post,
                    on_behalf_of,
                )
            )
            self.passages.span(attendance, person.span.start, person.span.end)
            if person.status in ("present", "remote", "also-present"):
                self.add(self.record, PREC.participant, attendee)

    # -- agenda items and decisions -------------------------------------------------------------

    def _decision_ids(self) -> dict[int, str]:
        ids: dict[int, str] = {}
        for item in self.items:
            if isinstance(item, UnreadablePart) and item.has_decision:
                # its number stays taken, so the decisions after it keep their identifiers once it is fixed
                ids[item.number] = f"{self.header.identifier}/D{len(ids) + 1}"
            if isinstance(item, UnreadablePart) or item.decision is None:
                continue
            given = item.decision.fields.get("id")
            identifier = given.value if given else f"{self.header.identifier}/D{len(ids) + 1}"
            if given and not _DECISION_ID.match(identifier):
                raise self.error(given, f"{identifier!r} is not a decision identifier such as "
                                        f"{self.header.identifier}/D1")
            if identifier in ids.values():
                raise self.error(given, f"decision identifier {identifier!r} is used twice in this file")
            ids[item.number] = identifier
        return ids

    def error(self, where: Field | Bullet | None, problem: str, field_name: str | None = None) -> ReaderError:
        return field_error(self.source, where, problem, field_name)

    def _item_or_doubt(self, item: AgendaItemText | UnreadablePart) -> None:
        item_or_doubt(self, item, self._agenda_item)

    def quote(self, passage: URIRef | None) -> str:
        return str(self.graph.value(passage, PREC.quote) or "") if passage is not None else ""

    def _agenda_item(self, item: AgendaItemText) -> None:
        key = f"{self.header.identifier}/i{item.number}"
        agenda = URIRef(self.minter.entity("agenda-item", key))
        self.add(self.meeting, PREC.hasAgendaItem, agenda)
        self.add(agenda, RDF.type, PREC.AgendaItem)
        self.add(agenda, RDFS.label, item.title)
        self.add(agenda, PREC.sequence, item.number, XSD.integer)
        if item.discussion:
            self.add(agenda, PREC.discussion, item.discussion.text)
        decision = self._decision(item, agenda) if item.decision else None
        if decision is None:
            for section, entries in (("options", item.options), ("commitments", item.commitments),
                                     ("expected outcomes", item.expected), ("precedents", item.precedents)):
                if entries:
                    raise ReaderError(f"{self.source}:{item.line}", f"{section} need a '### Decision' in the "
                                                                    f"same agenda item '{item.title}'")
        for n, bullet in enumerate(item.observed, start=1):
            map_observed(self, bullet, n)

    def _decision(self, item: AgendaItemText, agenda: URIRef) -> URIRef:
        return decision_or_proposal(self, item, agenda, self._decision_facts)

    def _decision_facts(self, item: AgendaItemText, agenda: URIRef) -> URIRef:
        text = item.decision
        assert text is not None
        fields = text.fields
        for name, value in fields.items():
            if name not in DECISION_FIELDS:
                raise self.error(value, f"unknown field; a decision has {', '.join(DECISION_FIELDS)}")
        identifier = self.decision_ids[item.number]
        if "text" not in fields:
            raise ReaderError(f"{self.source}:{text.line}",
                              "field 'text': a decision must say what was decided")
        # The fields a decision cannot be stored without (a date, and the passage written below) and
        # its topics are read before any of it is written: an unreadable one costs the whole decision,
        # which the shapes would refuse half-written anyway.
        decided_by = fields.get("decided by")
        body = (self.actors.actor(decided_by.value) if decided_by
                else None if self.header.body_in_doubt else self.actors.body)
        date = self.date(fields["date"]) if "date" in fields else self.header.date
        topics = self.header.topics
        if "topics" in fields:
            topics = [t.strip() for t in fields["topics"].value.split(",")]
            for slug in topics:
                if not _SLUG.match(slug):
                    raise self.error(fields["topics"], f"{slug!r} is not a glossary slug "
                                                       "such as trade-policy")
        lapses = self.date(fields["lapses"]) if "lapses" in fields else None
        chosen = fields.get("chosen")
        match = _CHOSEN.match(chosen.value) if chosen else None
        letter = (match.group(1).upper() if match else "") if chosen else None
        method = (fields["method"].value.lower() if "method" in fields
                  else "vote" if text.ballots else "consensus")
        # A wrong chosen option or method is refused only after the options are read, so that the
        # decision and its options go to review with the rest of the item; the method is written
        # only when both are right.
        whole = method in METHODS and (letter is None or any(o.letter == letter for o in item.options))
        label = fields["title"].value if "title" in fields else item.title
        d = self.emit.decision(DecisionValues(
            identifier, label, fields["text"].value, self.meeting, body, date, method if whole else None
        ))
        self.add(agenda, PREC.hasDecision, d)
        self.add(d, PREC.duringAdministration, self.administration)
        for slug in topics:
            self.add(d, PREC.hasTopic, GLOSSARY[slug])
        self.add(d, PREC.lapsesOn, lapses, XSD.date)
        if item.rationale:
            self.add(d, PREC.rationale, item.rationale.text)
        self.passages.span(d, text.span.start, text.span.end)
        key = identifier
        options = {option.letter: self._option(d, option, f"{key}/o{n}")
                   for n, option in enumerate(item.options, start=1)}
        if chosen is not None:
            if letter not in options:
                known = ", ".join(options) or "none are listed"
                raise self.error(chosen, f"option {chosen.value!r} is not among the "
                                         f"options of this item ({known})")
            self.add(d, PREC.chosenOption, options[letter])
        if method not in METHODS:
            raise self.error(fields["method"], f"{method!r} is not one of {', '.join(METHODS)}")
        if text.ballots:
            self._vote(d, item, f"{key}/v")
        for n, bullet in enumerate(item.commitments, start=1):
            map_commitment(self, d, bullet, f"{key}/c{n}")
        for n, bullet in enumerate(item.expected, start=1):
            map_expected(self, d, bullet, f"{key}/e{n}")
        for bullet in item.precedents:
            self._precedent(d, bullet)
        return d

    def _option(self, decision: URIRef, option, key: str) -> URIRef:
        o = URIRef(self.minter.entity("option", key))
        self.add(decision, PREC.consideredOption, o)
        self.add(o, RDF.type, PREC.Option)
        self.add(o, RDFS.label, f"Option {option.letter}: {option.title}")
        self.add(o, PREC.description, option.description)
        self.add(o, PREC.rejectionReason, option.rejected)
        self.passages.span(o, option.span.start, option.span.end)
        for n, argument in enumerate(option.arguments, start=1):
            a = URIRef(self.minter.entity("argument", f"{key}/a{n}"))
            self.add(o, PREC.hasPro if argument.stance == "pro" else PREC.hasCon, a)
            self.add(a, RDF.type, PREC.Argument)
            self.add(a, PREC.argumentText, argument.text)
            if argument.criterion:
                criterion = URIRef(self.minter.entity("criterion", argument.criterion.lower()))
                self.add(criterion, RDF.type, PREC.Criterion)
                self.add(criterion, RDFS.label, argument.criterion.lower())
                self.add(a, PREC.concernsCriterion, criterion)
                self.add(decision, PREC.weighedCriterion, criterion)
            self.passages.span(a, argument.span.start, argument.span.end)
        return o

    def _vote(self, decision: URIRef, item: AgendaItemText, key: str) -> None:
        text = item.decision
        assert text is not None
        # Every way the format has is counted, so a way no one voted is stated as 0.
        counts = {cast: sum(1 for b in text.ballots if b.cast == cast)
                  for cast in ("for", "against", "abstain", "absent")}
        result = text.fields.get("result")
        outcome = result.value if result else ("carried" if counts["for"] > counts["against"] else "defeated")
        voters = [self.actors.person_named(ballot.name) for ballot in text.ballots]
        # Ballot IRIs stay minted from the name as the minutes write it (as they always were).
        cast = [
            BallotValues(voter, b.cast, b.dissent, slugify(b.name))
            for voter, b in zip(voters, text.ballots, strict=True)
        ]
        v, ballots = self.emit.vote(decision, VoteValues(key, counts, outcome, cast))
        self.passages.span(v, text.ballots[0].span.start, text.ballots[-1].span.end)
        for voter, ballot in zip(voters, text.ballots, strict=True):
            self.passages.span(ballots[voter], ballot.span.start, ballot.span.end)

    def _precedent(self, decision: URIRef, bullet: Bullet) -> None:
        relation, _, target = bullet.label.partition(":")
        relation = relation.strip().lower()
        if relation not in PRECEDENT_LINKS or not target.strip():
            raise self.error(bullet, f"write '- relation: decision-identifier' with relation one of "
                                     f"{', '.join(PRECEDENT_LINKS)}", "precedents")
        field = Field(relation, target.strip(), bullet.line, bullet.span)
        try:
            identifier = self.decision_reference(field)
        except UnknownDecision as unknown:
            earlier = URIRef(self.minter.entity("decision", unknown.identifier))
            wait_for_editor(self, unknown, bullet.span, lambda: self.add(decision, PREC[relation], earlier))
            return
        self.add(decision, PREC[relation], URIRef(self.minter.entity("decision", identifier)))

    # -- values ---------------------------------------------------------------------------------

    def decision_reference(self, field: Field) -> str:
        """The decision ``field`` names; ``UnknownDecision`` when neither this file nor the archive has it."""
        identifier = field.value.strip()
        if not _DECISION_ID.match(identifier):
            raise self.error(field, f"{identifier!r} is not a decision identifier such as "
                                    "MFA-EXCO-2014-03/D1")
        if identifier in self.decision_ids.values():
            return identifier
        if self.known_decisions is not None and not self.known_decisions(identifier):
            problem = (f"decision {identifier!r} is neither in this file nor in the archive; check the "
                       "identifier or ingest the earlier minutes first")
            raise UnknownDecision(self.error(field, problem), identifier)
        return identifier

    def date(self, field: Field) -> dt.date:
        return parse_date(self.source, field)
