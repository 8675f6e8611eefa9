"""Reader for City of London (Ontario) council and committee meeting records (eScribe JSON).

A record is structured: ``present`` / ``also_present`` / ``remote_attendance`` / ``absent``
lists, nested agenda ``items`` whose ``content`` holds paragraphs and ``Motion`` objects with mover,
seconder, motion texts, the recorded vote rows and the result. Everything maps directly to the
ontology, so every fact carries confidence 1.0. Passages point into the record's text, which is
the JSON file as decoded (offsets of the JSON string values found in it).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from pathlib import Path

from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import XSD

from ontology import PREC, IriMinter

from ..document import Document, ReaderError, sha256_hex, single_document
from ..heuristics import normalise_space, short_label, strip_titles
from ..provenance import PassageBuilder
from ..resolve import Resolver

READER_NAME = "precedent.ingest.council"
READER_VERSION = "1.0"
MAX_BYTES = 20 * 1024 * 1024
CITY = "City of London"
JURISDICTION = "CA-ON"
RULE = "council-json"

_VOTE_WAYS = {
    "yeas": "for",
    "nays": "against",
    "absent": "absent",
    "abstain": "abstain",
    "recuse": "abstain",
    "conflict": "abstain",
}
_ATTENDANCE_LISTS = (
    ("present", "present"),
    ("also_present", "also-present"),
    ("remote_attendance", "remote"),
    ("absent", "absent"),
)
_MOVER_RE = re.compile(r"^\s*(?:Motion made by|Moved by|Seconded by|Moved|Seconded)\s*:?\s*", re.I)


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


def _require(record: dict, key: str, path: Path, kind: type) -> object:
    value = record.get(key)
    if not isinstance(value, kind):
        raise ReaderError(f"{path}:{key}", f"field '{key}' is missing or not a {kind.__name__}")
    return value


def clean_name(name: str) -> str:
    """ "Mayor J. Morgan" → "J. Morgan"; NBSPs and stray spaces removed."""
    return strip_titles(name)


class _Meeting:
    """One meeting record being mapped; holds the graph and the running numbers."""

    def __init__(self, record, text, data, path, level, minter, resolver, identifier) -> None:
        if not isinstance(record, dict):
            raise ReaderError(str(path), "top level is not a JSON object (a meeting record)")
        self.record, self.text, self.data, self.path = record, text, data, path
        self.level, self.minter, self.resolver = level, minter, resolver
        self.identifier = identifier or path.stem
        self.graph = Graph()
        self.passages = PassageBuilder(self.graph, minter, self.identifier, text)
        self.actors: set[URIRef] = set()
        self.cursor = 0
        self.motions = 0
        self.decisions = 0
        self.items = 0

    def iri(self, kind: str, key: str) -> URIRef:
        return URIRef(self.minter.entity(kind, key))

    def passage_for(self, value: str, node: URIRef) -> None:
        """Cite the place in the file where the JSON string ``value`` is written."""
        at = -1
        for ascii_only in (False, True):  # the file may write "\u00a0" or the character itself
            encoded = json.dumps(value, ensure_ascii=ascii_only)[1:-1]
            at = self.text.find(encoded, self.cursor)
            if at == -1:
                at = self.text.find(encoded)
            if at != -1:
                break
        if at == -1 or not encoded:
            return
        self.cursor = at
        self.passages.cite(node, self.passages.add(at, at + len(encoded)))

    def fact(self, node: URIRef) -> None:
        self.graph.add((node, PREC.confidence, Literal("1.00", datatype=XSD.decimal)))
        self.graph.add((node, PREC.extractionRule, Literal(RULE)))

    def person(self, written: str) -> URIRef | None:
        name = clean_name(written)
        if not name or name.lower() == "none":
            return None
        iri = self.resolver.person(name, None, None)
        if iri is None:
            iri = URIRef(self.minter.entity("person", name.lower()))
            self.graph.add((iri, RDF.type, PREC.Person))
            self.graph.add((iri, RDFS.label, Literal(name)))
        self.actors.add(iri)
        return iri

    def document(self) -> Document:
        r, g, path = self.record, self.graph, self.path
        title = normalise_space(str(_require(r, "title", path, str)))
        when = _require(r, "datetime", path, str)
        try:
            start = dt.datetime.fromisoformat(str(when))
        except ValueError:
            raise ReaderError(
                f"{path}:datetime", f"'{when}' is not a date and time (YYYY-MM-DD HH:MM:SS)"
            ) from None
        items = _require(r, "items", path, dict)
        record = self.iri("record", self.identifier)
        g.add((record, RDF.type, PREC.Record))
        g.add((record, PREC.identifier, Literal(self.identifier)))
        g.add((record, RDFS.label, Literal(title)))
        g.add((record, PREC.date, Literal(start.date(), datatype=XSD.date)))
        g.add((record, PREC.recordType, Literal("minutes")))
        g.add((record, PREC.accessLevel, Literal(self.level)))
        g.add((record, PREC.readerName, Literal(READER_NAME)))
        g.add((record, PREC.readerVersion, Literal(READER_VERSION)))
        g.add((record, PREC.sourceFormat, Literal("council-json")))
        if isinstance(r.get("url"), str):
            g.add((record, PREC.url, Literal(r["url"], datatype=XSD.anyURI)))

        self.body = self._body(title)
        meeting = self.iri("meeting", self.identifier)
        self.meeting, self.date = meeting, start.date()
        g.add((meeting, RDF.type, PREC.Meeting))
        g.add((meeting, RDFS.label, Literal(title)))
        g.add((meeting, PREC.heldBy, self.body))
        g.add((meeting, PREC.recordedIn, record))
        g.add((meeting, PREC.date, Literal(start.date(), datatype=XSD.date)))
        g.add((meeting, PREC.startTime, Literal(start, datatype=XSD.dateTime)))
        self.passage_for(title, meeting)
        self.fact(meeting)
        self._attendance()
        self._items(items, meeting, "items")
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
        )

    def _body(self, title: str) -> URIRef:
        name = re.sub(
            r"^(?:The\s+)?\d+(?:st|nd|rd|th)\s+Meeting of (?:the\s+)?", "", title, flags=re.I
        ).strip()
        name = "Municipal Council" if name.lower() in ("city council", "council") else name
        city = self.resolver.organisation(CITY, "local-government")
        place = self.resolver.place(JURISDICTION)
        body = self.resolver.organisation(f"{CITY} {name}", "body")
        if body is None or city is None:
            raise ReaderError(f"{self.path}:title", f"cannot name the body from the title '{title}'")
        self.graph.add((body, RDFS.label, Literal(f"{name} ({CITY}, Ontario)")))
        self.graph.add((body, PREC.subOrganisationOf, city))
        self.graph.add((city, RDF.type, PREC.LocalGovernment))
        if place is not None:
            self.graph.add((city, PREC.jurisdiction, place))
            self.actors.add(place)
        self.actors.update({body, city})
        return body

    def _attendance(self) -> None:
        used: set[str] = set()
        for key, status in _ATTENDANCE_LISTS:
            names = self.record.get(key) or []
            if not isinstance(names, list):
                raise ReaderError(f"{self.path}:{key}", f"field '{key}' must be a list of names")
            for written in names:
                if not isinstance(written, str):
                    raise ReaderError(f"{self.path}:{key}", f"field '{key}' holds a non-string: {written!r}")
                # "E. Pellarin (KPMG)": a guest named with the organisation they came for.
                guest = re.match(r"^(?P<name>.+?)\s*\((?P<org>[^)]+)\)\s*$", written)
                person = self.person(guest.group("name") if guest else written)
                if person is None:
                    continue
                slug = str(person).rsplit("/", 1)[-1]
                if slug in used:
                    continue
                used.add(slug)
                node = self.iri("attendance", f"{self.identifier}/{slug}")
                self.graph.add((node, RDF.type, PREC.Attendance))
                self.graph.add((self.meeting, PREC.hasAttendance, node))
                self.graph.add((node, PREC.attendee, person))
                self.graph.add((node, PREC.attendanceStatus, Literal(status)))
                if guest:
                    org = self.resolver.organisation(guest.group("org"), "organisation")
                    if org is not None:
                        self.actors.add(org)
                        self.graph.add((node, PREC.onBehalfOf, org))
                self.passage_for(written, node)
                self.fact(node)

    def _items(self, items: dict, parent: URIRef, where: str) -> None:
        for number, item in items.items():
            here = f"{where}.{number}"
            if not isinstance(item, dict):
                raise ReaderError(f"{self.path}:{here}", "agenda item is not an object")
            self.items += 1
            node = self.iri("agenda-item", f"{self.identifier}/i{self.items}")
            g = self.graph
            g.add((node, RDF.type, PREC.AgendaItem))
            g.add((node, RDFS.label, Literal(normalise_space(str(item.get("title") or f"Item {number}")))))
            g.add((node, PREC.sequence, Literal(self.items, datatype=XSD.integer)))
            g.add((self.meeting, PREC.hasAgendaItem, node))
            paragraphs = []
            for index, part in enumerate(item.get("content") or []):
                if isinstance(part, dict) and part.get("__class__") == "Motion":
                    self._motion(part, node, f"{here}.content[{index}]")
                elif isinstance(part, dict) and isinstance(part.get("string"), str):
                    paragraphs.append(normalise_space(part["string"]))
            if paragraphs:
                g.add((node, PREC.discussion, Literal("\n\n".join(paragraphs))))
            if isinstance(item.get("items"), dict):
                self._items(item["items"], node, f"{here}.items")

    def _motion(self, motion: dict, item: URIRef, where: str) -> None:
        g = self.graph
        self.motions += 1
        key = f"{self.identifier}/m{self.motions}"
        node = self.iri("motion", key)
        texts = [
            normalise_space(p.get("string", ""))
            for p in motion.get("motion_texts") or []
            if isinstance(p, dict) and isinstance(p.get("string"), str)
        ]
        text = "\n".join(t for t in texts if t)
        g.add((node, RDF.type, PREC.Motion))
        if text:
            g.add((node, PREC.text, Literal(text)))
        for field, prop in (("moved_by", PREC.movedBy), ("seconded_by", PREC.secondedBy)):
            written = (
                (motion.get(field) or {}).get("string", "") if isinstance(motion.get(field), dict) else ""
            )
            name = _MOVER_RE.sub("", written or "")
            if name.strip():
                person = self.person(name)
                if person is not None:
                    g.add((node, prop, person))
        result_obj = motion.get("result")
        result = normalise_space(result_obj.get("string", "")) if isinstance(result_obj, dict) else ""
        if result:
            g.add((node, PREC.result, Literal(result)))
        raw_texts = [
            p["string"] for p in motion.get("motion_texts") or [] if isinstance(p, dict) and p.get("string")
        ]
        if raw_texts:
            self.passage_for(raw_texts[0], node)
        self.fact(node)
        vote = self._vote(motion.get("vote"), key, node, result, where)
        if result.lower().startswith("motion passed"):
            self._decision(node, text, item, vote)

    def _vote(self, vote: object, key: str, motion: URIRef, result: str, where: str) -> URIRef | None:
        if not isinstance(vote, dict) or not vote.get("rows"):
            return None
        g = self.graph
        node = self.iri("vote", f"{key}/v")
        g.add((node, RDF.type, PREC.Vote))
        g.add((motion, PREC.hasVote, node))
        counts = {"for": 0, "against": 0, "abstain": 0, "absent": 0}
        seen: set[str] = set()
        for index, row in enumerate(vote["rows"]):
            if not isinstance(row, dict) or not isinstance(row.get("voters"), list):
                raise ReaderError(
                    f"{self.path}:{where}.vote.rows[{index}]", "vote row needs 'vote' and 'voters'"
                )
            label = re.sub(r"[^a-z]", "", str(row.get("vote", "")).lower().split("(")[0])
            way = _VOTE_WAYS.get(label)
            if way is None:
                # An election by ballot ("Majority Winner: …") lists candidates, not for/against.
                continue
            for written in row["voters"]:
                person = self.person(written) if isinstance(written, str) else None
                if person is None:
                    continue
                slug = str(person).rsplit("/", 1)[-1]
                if slug in seen:
                    continue
                seen.add(slug)
                counts[way] += 1
                ballot = self.iri("ballot", f"{key}/v/{slug}")
                g.add((ballot, RDF.type, PREC.Ballot))
                g.add((node, PREC.hasBallot, ballot))
                g.add((ballot, PREC.voter, person))
                g.add((ballot, PREC.voteCast, Literal(way)))
                self.fact(ballot)
        for way, prop in (
            ("for", PREC.votesFor),
            ("against", PREC.votesAgainst),
            ("abstain", PREC.votesAbstaining),
            ("absent", PREC.votesAbsent),
        ):
            g.add((node, prop, Literal(counts[way], datatype=XSD.integer)))
        lowered = result.lower()
        outcome = "carried" if "passed" in lowered else "defeated" if "failed" in lowered else result or None
        if outcome:
            g.add((node, PREC.result, Literal(outcome)))
        if result:
            self.passage_for(result, node)
        self.fact(node)
        return node

    def _decision(self, motion: URIRef, text: str, item: URIRef, vote: URIRef | None) -> None:
        g = self.graph
        self.decisions += 1
        key = f"{self.identifier}/d{self.decisions}"
        node = self.iri("decision", key)
        g.add((node, RDF.type, PREC.Decision))
        g.add((node, PREC.identifier, Literal(key)))
        g.add((node, RDFS.label, Literal(short_label(text or "Motion passed"))))
        if text:
            g.add((node, PREC.text, Literal(text)))
        g.add((node, PREC.onMotion, motion))
        g.add((node, PREC.decidedBy, self.body))
        g.add((node, PREC.decidedAt, self.meeting))
        g.add((node, PREC.date, Literal(self.date, datatype=XSD.date)))
        g.add((node, PREC.decisionMethod, Literal("vote")))
        g.add((item, PREC.hasDecision, node))
        if vote is not None:
            g.add((node, PREC.hasVote, vote))
        for passage in list(g.objects(motion, PREC.derivedFrom)):
            g.add((node, PREC.derivedFrom, passage))
        self.fact(node)
