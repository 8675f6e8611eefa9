"""Reader for City of London (Ontario) council and committee meeting records (eScribe JSON).

A record is structured: ``present`` / ``also_present`` / ``remote_attendance`` / ``absent`` lists, a
call-to-order note naming members in remote attendance, nested agenda ``items`` whose ``content`` holds
paragraphs and ``Motion`` objects with mover, seconder, motion texts, the recorded vote rows and the
result line. How it maps:

- the meeting is held by the *body* named in ``meeting_type`` ("Council" is the City Council; a
  committee is a body of the City of London) — a meeting is never made into an organisation;
- every motion is a ``prec:Motion``; every motion put to a vote, carried *or failed*, is also a
  ``prec:Decision`` with its result, so "what was rejected" finds failed motions; a motion with no
  result of its own (amended, divided, or superseded) stays a motion only; the clerk's statement of
  a resolution as finally adopted (no mover, no result, the votes that made it following) is a
  decision with the result "adopted";
- a vote row "Recuse:" or "Conflict" is its own way, ``recused`` (a member with a declared interest),
  never an abstention; counts are the ones the result line states ("Motion Passed (13 to 2)"), and a
  disagreement with the names goes to the review queue;
- a decision cites every paragraph of its motion, not only the lead-in;
- one councillor is one name within the record ("Mayor J. Morgan" = "J. Morgan").

Nothing is lost for a doubt: a missing or unreadable date, body or part is stored with what could be
read, the record is marked uncertain (``prec:confidence`` below 1) and the doubtful facts go to the
review queue as ``ProposedFact``s. Only a file that is not JSON, or not a meeting object, is refused.
Passages point into the record's text, the JSON file as decoded.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Iterator
from pathlib import Path

from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import XSD

from ontology import PREC, IriMinter

from ..document import Document, ProposedFact, ReaderError, sha256_hex, single_document
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
from ..heuristics import normalise_space, short_label
from ..provenance import PassageBuilder
from ..resolve import Resolver
from .names import NameBook, WrittenName, name_key, read_name, remote_attendees
from .votes import WAYS, Outcome, RowsRead, read_result, row_way

READER_NAME = "precedent.ingest.council"
READER_VERSION = "2.0"
MAX_BYTES = 20 * 1024 * 1024
CITY = "City of London"
JURISDICTION = "CA-ON"
RULE = "council-json"

_ATTENDANCE_LISTS = (
    ("present", "present"),
    ("also_present", "also-present"),
    ("remote_attendance", "remote"),
    ("absent", "absent"),
)
_MOVER_RE = re.compile(r"^\s*(?:Motion made by|Moved by|Seconded by|Moved|Seconded)\s*:?\s*", re.I)
_ORDINAL_MEETING = re.compile(
    r"^(?:The\s+)?(?:\d+(?:st|nd|rd|th)\s+)?(?:Special\s+)?(?:Meeting\s+of\s+(?:the\s+)?)?", re.I
)
_DATE_IN_NAME = re.compile(r"(\d{4}-\d{2}-\d{2})")
#: How sure the reader is of a fact the record states outright, of one it infers from the record's
#: layout (a resolution as adopted), and of one the record contradicts (counts that disagree).
SURE, INFERRED, DOUBTFUL = "1.00", "0.90", "0.50"


def read(
    path: Path, *, level: str = "public", minter: IriMinter, resolver=None, identifier: str | None = None
) -> Iterator[Document | ReaderError]:
    """Yield the one ``Document`` of the meeting record at ``path``, or a ``ReaderError``."""
    path = Path(path)
    yield from single_document(path, lambda: _read(path, level, minter, resolver, identifier))


def _read(path: Path, level: str, minter: IriMinter, resolver, identifier: str | None) -> Document:
    if path.stat().st_size > MAX_BYTES:
        raise ReaderError(str(path), f"file is larger than {MAX_BYTES} bytes")
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
        record = json.loads(text)
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        line = getattr(error, "lineno", None)
        where = f"{path}:{line}" if line else str(path)
        raise ReaderError(where, f"not valid UTF-8 JSON: {error}") from None
    return _Meeting(
        record, text, data, path, level, minter, resolver or Resolver(minter), identifier
    ).document()


def body_name(record: dict, title: str) -> str | None:
    """The body that met: ``meeting_type`` if the record has one, else what the title names.

    "Council" (and a title such as "5th Special Council Meeting") is the City Council; "4th Meeting of
    the Planning and Environment Committee" is the Planning and Environment Committee."""
    kind = record.get("meeting_type")
    name = normalise_space(kind) if isinstance(kind, str) and kind.strip() else ""
    if not name:
        name = _ORDINAL_MEETING.sub("", normalise_space(title))
        name = re.sub(r"\s+Meeting$", "", name, flags=re.I).strip()
        name = re.sub(r"^(?:\d+(?:st|nd|rd|th)\s+)?(?:Special\s+)?", "", name, flags=re.I).strip()
    if not name:
        return None
    if re.fullmatch(r"(?:(?:City|Municipal)\s+)?Council", name, re.I):
        return "City Council"
    return name


class _Meeting:
    """One meeting record being mapped; holds the graph, the running numbers and the doubts."""

    def __init__(self, record, text, data, path, level, minter, resolver, identifier) -> None:
        if not isinstance(record, dict):
            raise ReaderError(str(path), "top level is not a JSON object (a meeting record)")
        self.record, self.text, self.data, self.path = record, text, data, path
        self.level, self.minter, self.resolver = level, minter, resolver
        self.identifier = identifier or path.stem
        self.graph = new_graph()
        self.emit = Emitter(self.graph, minter)
        self.passages = PassageBuilder(self.graph, minter, self.identifier, text)
        self.actors: set[URIRef] = set()
        self.names = NameBook()
        self.people: dict[str, URIRef] = {}
        self.doubts: list[str] = []
        self.proposed: list[ProposedFact] = []
        self.cursor = 0
        self.motions = 0
        self.decisions = 0
        self.items = 0
        self.date: dt.date | None = None

    # ------------------------------------------------------------------ helpers
    def iri(self, kind: str, key: str) -> URIRef:
        return URIRef(self.minter.entity(kind, key))

    def passage(self, value: str) -> URIRef | None:
        """A passage for the place in the file where the JSON string ``value`` is written."""
        at, encoded = -1, ""
        for ascii_only in (False, True):  # the file may write "\u00a0" or the character itself
            encoded = json.dumps(value, ensure_ascii=ascii_only)[1:-1]
            at = self.text.find(encoded, self.cursor)
            if at == -1:
                at = self.text.find(encoded)
            if at != -1:
                break
        if at == -1 or not encoded:
            return None
        self.cursor = at
        return self.passages.add(at, at + len(encoded))

    def passage_for(self, value: str, node: URIRef) -> URIRef | None:
        passage = self.passage(value)
        if passage is not None:
            self.passages.cite(node, passage)
        return passage

    def fact(self, node: URIRef, confidence: str = SURE, rule: str = RULE) -> None:
        self.emit.heuristic(node, float(confidence), rule)

    def doubt(self, where: str, problem: str) -> None:
        self.doubts.append(f"{where}: {problem}")

    def propose(
        self, rule: str, summary: str, passage: URIRef | None, triples: Graph, confidence: float
    ) -> None:
        """Send a doubtful fact to the review queue; ``triples`` join the graph once an editor accepts."""
        quote = str(self.graph.value(passage, PREC.quote) or "") if passage is not None else ""
        key = hashlib.sha256(f"{self.identifier}|{rule}|{summary}".encode()).hexdigest()[:24]
        self.proposed.append(
            ProposedFact(
                key=f"{RULE}:{key}",
                rule=rule,
                confidence=confidence,
                summary=summary,
                passage_iri=str(passage) if passage is not None else "",
                passage_text=quote,
                triples=triples,
            )
        )

    def person(self, written: WrittenName | None) -> URIRef | None:
        """The person a list names, one IRI per person however the record spells them."""
        if written is None:
            return None
        name = self.names.canonical(written.name)
        key = name_key(name)
        if key in self.people:
            return self.people[key]
        iri = self.resolver.person(name, None, None)
        if iri is None:
            iri = URIRef(self.minter.entity("person", name.lower()))
            self.graph.add((iri, RDF.type, PREC.Person))
            self.graph.add((iri, RDFS.label, Literal(name)))
        self.actors.add(iri)
        self.people[key] = iri
        return iri

    # ------------------------------------------------------------------ the record
    def document(self) -> Document:
        r, g, path = self.record, self.graph, self.path
        title = r.get("title")
        if not isinstance(title, str) or not title.strip():
            title = normalise_space(str(r.get("meeting_type") or self.identifier))
            self.doubt(f"{path}:title", "no title; named after the meeting type or the file")
        title = normalise_space(title)
        start = self._start(path)
        items = r.get("items")
        if not isinstance(items, dict):
            self.doubt(f"{path}:items", "no agenda items (field 'items' missing or not an object)")
            items = {}
        url = r.get("url")
        record = self.emit.record(
            RecordValues(
                self.identifier,
                title,
                self.level,
                "council-json",
                READER_NAME,
                READER_VERSION,
                date=self.date,
                url=url if isinstance(url, str) else None,
            )
        )
        self.body = self._body(title)
        self.meeting = meeting = self.emit.meeting(
            MeetingValues(self.identifier, title, record, self.body, self.date, start=start)
        )
        self.passage_for(title, meeting)
        self.fact(meeting)
        self._attendance()
        self._items(items, meeting, "items")
        if self.doubts:
            # The record is kept with what could be read; how much is in doubt is said on the record.
            g.add((record, PREC.confidence, Literal("0.50", datatype=XSD.decimal)))
            g.add((record, RDFS.comment, Literal("Read with doubts: " + "; ".join(self.doubts))))
        g += self.resolver.triples_for(self.actors)
        return Document(
            identifier=self.identifier,
            title=title,
            source_format="council-json",
            access_level=self.level,
            graph=g,
            content_hash=sha256_hex(self.data),
            reader=READER_NAME,
            reader_version=READER_VERSION,
            source_path=str(path),
            original=self.data,
            proposed=self.proposed,
        )

    def _start(self, path: Path) -> dt.datetime | None:
        """The meeting's start; when unreadable, the date from an item or the file name, in doubt."""
        when = self.record.get("datetime")
        try:
            start = dt.datetime.fromisoformat(str(when))
            self.date = start.date()
            return start
        except ValueError:
            pass
        self.doubt(f"{path}:datetime", f"'{when}' is not a date and time (YYYY-MM-DD HH:MM:SS)")
        candidates = (
            [
                item.get("datetime")
                for item in (self.record.get("items") or {}).values()
                if isinstance(item, dict)
            ]
            if isinstance(self.record.get("items"), dict)
            else []
        )
        found = _DATE_IN_NAME.search(path.name)
        candidates.append(found.group(1) if found else None)
        for value in candidates:
            try:
                self.date = dt.datetime.fromisoformat(str(value)).date()
                return None
            except ValueError:
                continue
        return None

    def _body(self, title: str) -> URIRef:
        g = self.graph
        city = self.resolver.organisation(CITY, "local-government")
        place = self.resolver.place(JURISDICTION)
        g.add((city, RDF.type, PREC.LocalGovernment))
        if place is not None:
            g.add((city, PREC.jurisdiction, place))
            self.actors.add(place)
        self.actors.add(city)
        name = body_name(self.record, title)
        if name is None:
            self.doubt(f"{self.path}:meeting_type", f"cannot name the body from '{title}'; held by the City")
            return city
        body = self.resolver.organisation(f"{CITY} {name}", "body")
        self.resolver.add_alias(body, name)
        g.add((body, PREC.subOrganisationOf, city))
        self.actors.add(body)
        return body

    # ------------------------------------------------------------------ attendance
    def _notes(self) -> list[str]:
        """The record's own paragraphs outside the items (the call-to-order note)."""
        content = self.record.get("content")
        parts = content if isinstance(content, list) else [content]
        return [p["string"] for p in parts if isinstance(p, dict) and isinstance(p.get("string"), str)]

    def _attendance(self) -> None:
        remote = {name_key(n): n for note in self._notes() for n in remote_attendees(note)}
        listed: set[str] = set()
        for key, status in _ATTENDANCE_LISTS:
            names = self.record.get(key) or []
            if not isinstance(names, list):
                self.doubt(f"{self.path}:{key}", f"field '{key}' is not a list of names; skipped")
                continue
            for written in names:
                if not isinstance(written, str):
                    self.doubt(f"{self.path}:{key}", f"a non-name in '{key}': {written!r}; skipped")
                    continue
                who = read_name(written)
                if who is None:
                    continue
                person_key = name_key(self.names.canonical(who.name))
                if person_key in listed:
                    continue  # someone listed twice keeps the first list's status
                listed.add(person_key)
                said_remote = person_key in remote and status in ("present", "also-present")
                self._attend(self.person(who), "remote" if said_remote else status, who, written)
        for person_key, name in remote.items():
            if person_key not in listed:  # named only in the call-to-order note
                listed.add(person_key)
                self._attend(self.person(read_name(name)), "remote", read_name(name), name)

    def _attend(self, person: URIRef | None, status: str, who: WrittenName | None, written: str) -> None:
        if person is None:
            return
        slug = str(person).rsplit("/", 1)[-1]
        org = None
        if who is not None and who.organisation:
            org = self.resolver.organisation(who.organisation, "organisation")
            if org is not None:
                self.actors.add(org)
        node = self.emit.attendance(
            AttendanceValues(
                f"{self.identifier}/{slug}",
                self.meeting,
                person,
                status,
                who.capacity if who is not None else None,
                on_behalf_of=org,
            )
        )
        self.passage_for(written, node)
        self.fact(node)

    # ------------------------------------------------------------------ items and motions
    def _items(self, items: dict, parent: URIRef, where: str) -> None:
        for number, item in items.items():
            here = f"{where}.{number}"
            if not isinstance(item, dict):
                self.doubt(f"{self.path}:{here}", "agenda item is not an object; skipped")
                continue
            self.items += 1
            node = self.iri("agenda-item", f"{self.identifier}/i{self.items}")
            g = self.graph
            g.add((node, RDF.type, PREC.AgendaItem))
            g.add((node, RDFS.label, Literal(normalise_space(str(item.get("title") or f"Item {number}")))))
            g.add((node, PREC.sequence, Literal(self.items, datatype=XSD.integer)))
            g.add((self.meeting, PREC.hasAgendaItem, node))
            content = item.get("content") or []
            if not isinstance(content, list):
                self.doubt(f"{self.path}:{here}.content", "item content is not a list; skipped")
                content = []
            paragraphs = []
            for index, part in enumerate(content):
                if isinstance(part, dict) and part.get("__class__") == "Motion":
                    self._motion(part, node, f"{here}.content[{index}]")
                elif isinstance(part, dict) and isinstance(part.get("string"), str):
                    paragraphs.append(normalise_space(part["string"]))
                else:
                    self.doubt(
                        f"{self.path}:{here}.content[{index}]", "neither a paragraph nor a motion; skipped"
                    )
            if paragraphs:
                g.add((node, PREC.discussion, Literal("\n\n".join(paragraphs))))
            if isinstance(item.get("items"), dict):
                self._items(item["items"], node, f"{here}.items")

    @staticmethod
    def _strings(parts: object) -> list[str]:
        return [
            p["string"]
            for p in (parts if isinstance(parts, list) else [])
            if isinstance(p, dict) and isinstance(p.get("string"), str) and p["string"].strip()
        ]

    def _motion(self, motion: dict, item: URIRef, where: str) -> None:
        g = self.graph
        self.motions += 1
        key = f"{self.identifier}/m{self.motions}"
        node = self.iri("motion", key)
        raw_texts = self._strings(motion.get("motion_texts"))
        text = "\n".join(normalise_space(t) for t in raw_texts)
        g.add((node, RDF.type, PREC.Motion))
        if text:
            g.add((node, PREC.text, Literal(text)))
        moved = False
        for field, prop in (("moved_by", PREC.movedBy), ("seconded_by", PREC.secondedBy)):
            written = (
                (motion.get(field) or {}).get("string", "") if isinstance(motion.get(field), dict) else ""
            )
            name = _MOVER_RE.sub("", written or "")
            person = self.person(read_name(name)) if name.strip() else None
            if person is not None:
                g.add((node, prop, person))
                moved = moved or prop == PREC.movedBy
        result_obj = motion.get("result")
        result = normalise_space(result_obj.get("string", "")) if isinstance(result_obj, dict) else ""
        if result:
            g.add((node, PREC.result, Literal(result)))
        passages = [p for p in (self.passage_for(t, node) for t in raw_texts) if p is not None]
        self.fact(node)
        outcome = read_result(result)
        vote_obj = motion.get("vote")
        rows = vote_obj.get("rows") if isinstance(vote_obj, dict) else None
        if rows is not None and not isinstance(rows, list):
            self.doubt(f"{self.path}:{where}.vote.rows", "vote rows are not a list; skipped")
            rows = None
        vote = self._vote(node, rows or [], key, outcome, result, where) if rows else None
        if outcome.result is not None:
            extra = f"\nMajority winner: {outcome.winner}" if outcome.winner else ""
            self._decision(node, text + extra, item, vote, outcome.result, passages, SURE)
        elif not result and not moved and not rows and text:
            # The clerk's statement of an item's resolution as finally adopted: no mover, no result
            # of its own; the amendments and part votes that made it follow as motions of their own.
            self._decision(
                node, text, item, None, "adopted", passages, INFERRED, f"{RULE}:resolution-as-adopted"
            )

    def _vote(
        self, motion: URIRef, rows: list, key: str, outcome: Outcome, result: str, where: str
    ) -> URIRef | None:
        read = RowsRead()
        for index, row in enumerate(rows):
            if not isinstance(row, dict) or not isinstance(row.get("voters"), list):
                self.doubt(
                    f"{self.path}:{where}.vote.rows[{index}]", "vote row needs 'vote' and 'voters'; skipped"
                )
                continue
            way = row_way(row.get("vote", ""))
            if way is None:
                read.unknown_rows.append(str(row.get("vote")))
                continue
            for written in row["voters"]:
                who = read_name(written) if isinstance(written, str) else None
                if who is not None:
                    read.voters[way].append(self.names.canonical(who.name))
        if read.is_ballot_among_candidates:
            return None  # an appointment by ballot: rows are candidates, not for and against
        node = self.iri("vote", f"{key}/v")
        seen: set[str] = set()
        counts = dict.fromkeys(WAYS, 0)
        ballots: list[BallotValues] = []
        for way in WAYS:
            for name in read.voters[way]:
                person = self.person(WrittenName(name))
                if person is None or str(person) in seen:
                    continue  # one ballot a member: the first row that names them
                seen.add(str(person))
                counts[way] += 1
                ballots.append(BallotValues(person, way))
        stored = dict(counts)
        confidence = SURE
        passage = self.passage_for(result, node) if result else None
        named = (counts["for"], counts["against"])
        if outcome.stated is not None and outcome.stated != named:
            # The result line is the record's own count; the names disagree: keep the line, ask an editor.
            stored["for"], stored["against"] = outcome.stated
            confidence = DOUBTFUL
            alternative = new_graph()
            alternative.add((node, PREC.votesFor, Literal(named[0], datatype=XSD.integer)))
            alternative.add((node, PREC.votesAgainst, Literal(named[1], datatype=XSD.integer)))
            self.propose(
                f"{RULE}:vote-count-disagrees",
                f"Vote count? '{result}' but the names give {named[0]} to {named[1]}",
                passage,
                alternative,
                0.5,
            )
        if read.unknown_rows:
            confidence = DOUBTFUL
            self.doubt(f"{self.path}:{where}.vote.rows", f"rows of unknown kind skipped: {read.unknown_rows}")
        outcome_result = outcome.result
        if outcome_result is None:
            outcome_result = "carried" if stored["for"] > stored["against"] else "defeated"
            confidence = DOUBTFUL
            self.doubt(
                f"{self.path}:{where}.result", f"no result line; '{outcome_result}' read from the counts"
            )
        _, ballot_nodes = self.emit.vote(motion, VoteValues(f"{key}/v", stored, outcome_result, ballots))
        for ballot in ballot_nodes.values():
            self.fact(ballot)
        self.fact(node, confidence)
        return node

    def _decision(
        self,
        motion: URIRef,
        text: str,
        item: URIRef,
        vote: URIRef | None,
        result: str,
        passages: list[URIRef],
        confidence: str,
        rule: str = RULE,
    ) -> None:
        g = self.graph
        self.decisions += 1
        key = f"{self.identifier}/d{self.decisions}"
        # A decision needs a date and a passage to be stored; without them it is built apart for an editor.
        triples = new_graph() if self.date is None or not passages else g
        emit = self.emit if triples is g else Emitter(triples, self.minter)
        node = emit.decision(
            DecisionValues(
                key,
                short_label(text or f"Motion {result}"),
                text,
                self.meeting,
                self.body,
                self.date,
                None if result == "adopted" else "vote",
                result,
            )
        )
        triples.add((node, PREC.onMotion, motion))
        triples.add((item, PREC.hasDecision, node))
        if vote is not None:
            triples.add((node, PREC.hasVote, vote))
        for passage in passages:
            triples.add((node, PREC.derivedFrom, passage))
        emit.heuristic(node, float(confidence), rule)
        if triples is not g:
            self.propose(
                f"{rule}:undated" if self.date is None else f"{rule}:no-passage",
                f"Decision ({result})? {short_label(text)}",
                passages[0] if passages else None,
                triples,
                0.5,
            )
