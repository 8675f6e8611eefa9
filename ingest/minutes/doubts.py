"""What the Markdown reader could not be sure of: notes on the record, and facts for the review queue.

Nothing is lost for a doubt. A file whose date, body or title is missing or unreadable, or one of whose
agenda items cannot be read, is stored with what could be read; its record carries ``prec:confidence``
below 1 and an ``rdfs:comment`` naming each problem as precisely as a refusal would (``file:line``, the
field); the facts that cannot stand on their own (a decision without a date, who decided when the body
is only guessed, what was read of an unreadable item) go to the review queue as ``ProposedFact``s.
Only files that are unsafe or hold no recognisable minutes are refused (``markdown.read``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import XSD

from ontology import PREC

from ..document import ProposedFact, ReaderError
from ..emit import new_graph
from ..minutes_text import AgendaItemText, Line, Span, parse_body, span_of

if TYPE_CHECKING:
    from .markdown import _MinutesMapper

RULE = "markdown"
#: the confidence written on a record, meeting or fact read with a doubt (as the council reader does)
UNCERTAIN = "0.50"
#: review-queue confidences: a decision dated from the file name, one with no date at all, and what
#: was read of an agenda item before the line that could not be read
DATED_FROM_FILE_NAME = 0.5
NO_DATE = 0.3
BODY_FROM_TITLE = 0.5
PART_OF_UNREADABLE_ITEM = 0.2
LINK_TO_UNKNOWN_DECISION = 0.5

_FILE_NAME_DATE = re.compile(r"^(\d{4}-\d{2}-\d{2})")
#: "## 2. Budget" is the item "Budget", as parse_body has it
_NUMBERING = re.compile(r"^(?:Item\s+)?\d+[.)]?\s+")


class UnknownDecision(ReaderError):
    """A reference to a decision neither this file nor the archive holds (not ingested yet, or misspelt)."""

    def __init__(self, error: ReaderError, identifier: str) -> None:
        super().__init__(error.location, error.problem)
        self.identifier = identifier


@dataclass
class UnreadablePart:
    """An agenda item whose layout could not be read: kept as its text, with the reason."""

    number: int
    title: str
    span: Span
    error: ReaderError
    has_decision: bool


def read_items(lines: list[Line], source: str) -> list[AgendaItemText | UnreadablePart]:
    """The agenda items of the body, each parsed on its own so that one bad item costs only itself."""
    groups: list[list[Line]] = []
    for line in lines:
        if line.text.startswith("## "):
            groups.append([line])
        elif groups:
            groups[-1].append(line)  # text before the first item carries no facts (a '# ' title)
    items: list[AgendaItemText | UnreadablePart] = []
    for number, group in enumerate(groups, start=1):
        try:
            [item] = parse_body(group, source)
        except ReaderError as error:
            span = span_of(group)
            assert span is not None  # the group starts with its '## ' heading
            title = _NUMBERING.sub("", " ".join(group[0].text[3:].split())) or f"Item {number}"
            has_decision = any(" ".join(line.text.split()).lower() == "### decision" for line in group)
            items.append(UnreadablePart(number, title, span, error, has_decision))
            continue
        item.number = number
        items.append(item)
    return items


def file_name_date(path: Path) -> dt.date | None:
    """The date a file name starts with (``2016-02-16-afa-brd.md``), offered to an editor, never stored."""
    match = _FILE_NAME_DATE.match(path.name)
    if not match:
        return None
    try:
        return dt.date.fromisoformat(match.group(1))
    except ValueError:
        return None


@contextmanager
def apart(mapper: _MinutesMapper) -> Iterator[Graph]:
    """Facts the mapper adds inside go to a graph of their own, to be kept or proposed as one.

    Passages are moved out to the enclosing graph on the way out: the words stay in the record
    whatever becomes of the facts read from them.
    """
    outer = mapper.graph
    part = new_graph()
    mapper.graph = mapper.passages.graph = part
    try:
        yield part
    finally:
        mapper.graph = mapper.passages.graph = outer
        for passage in set(part.subjects(RDF.type, PREC.Passage)):
            for triple in list(part.triples((passage, None, None))):
                part.remove(triple)
                outer.add(triple)


class Doubts:
    """The doubts of one file: notes for its record and the facts proposed to the review queue."""

    def __init__(self, identifier: str) -> None:
        self.identifier = identifier
        self.notes: list[str] = []
        self.proposed: list[ProposedFact] = []

    def note(self, error: ReaderError) -> None:
        self.notes.append(f"{error.location}: {error.problem}")

    def propose(
        self,
        rule: str,
        subject: str,
        summary: str,
        passage: URIRef | None,
        quote: str,
        triples: Graph,
        confidence: float,
    ) -> None:
        """Hold ``triples`` for an editor; the key stays the same when the same file is read again."""
        digest = hashlib.sha256(f"{self.identifier}|{rule}|{subject}".encode()).hexdigest()[:24]
        self.proposed.append(
            ProposedFact(
                key=f"{RULE}:{digest}",
                rule=rule,
                confidence=confidence,
                summary=summary,
                passage_iri=str(passage) if passage is not None else "",
                passage_text=quote,
                triples=triples,
            )
        )

    def withdraw(self, since: int) -> Graph:
        """Take back the proposals made since ``since`` and return their triples as one graph."""
        withdrawn = new_graph()
        for fact in self.proposed[since:]:
            withdrawn += fact.triples
        del self.proposed[since:]
        return withdrawn

    def mark(self, graph: Graph, record: URIRef) -> None:
        """Say on the record that it was read with doubts, and which."""
        if self.notes:
            graph.add((record, PREC.confidence, Literal(UNCERTAIN, datatype=XSD.decimal)))
            graph.add((record, RDFS.comment, Literal("\n".join(["Read with doubts:", *self.notes]))))


def item_or_doubt(
    m: _MinutesMapper, item: AgendaItemText | UnreadablePart, map_item: Callable[[AgendaItemText], None]
) -> None:
    """Map one agenda item; one that cannot be read is kept as its text, what was read sent to review."""
    if isinstance(item, UnreadablePart):
        _unreadable(m, item, item.error, new_graph())
        return
    before = len(m.doubts.proposed)
    try:
        with apart(m) as part:
            map_item(item)
    except ReaderError as error:
        # what was read before the bad line (and any proposal made from it) waits for an editor as one
        _unreadable(m, item, error, part + m.doubts.withdraw(before))
        return
    m.graph += part


def _unreadable(
    m: _MinutesMapper, item: AgendaItemText | UnreadablePart, error: ReaderError, read: Graph
) -> None:
    agenda = URIRef(m.minter.entity("agenda-item", f"{m.header.identifier}/i{item.number}"))
    m.add(m.meeting, PREC.hasAgendaItem, agenda)
    m.add(agenda, RDF.type, PREC.AgendaItem)
    m.add(agenda, RDFS.label, item.title)
    m.add(agenda, PREC.sequence, item.number, XSD.integer)
    passage = m.passages.span(agenda, item.span.start, item.span.end)
    m.doubts.note(error)
    m.doubts.propose(
        "markdown:unreadable-part",
        f"item {item.number}",
        f"Agenda item '{item.title}' could not be read whole? {error.location}: {error.problem}",
        passage,
        m.quote(passage),
        read,
        PART_OF_UNREADABLE_ITEM,
    )


def decision_or_proposal(
    m: _MinutesMapper,
    item: AgendaItemText,
    agenda: URIRef,
    map_decision: Callable[[AgendaItemText, URIRef], URIRef],
) -> URIRef:
    """Map the item's decision; one that needs a date the file does not give waits for an editor, and
    so does who decided it when the body is only read from the title."""
    assert item.decision is not None
    fields = item.decision.fields
    before = len(m.doubts.proposed)
    undated = "date" not in fields and m.header.date is None
    by_guessed_body = "decided by" not in fields and m.header.body_in_doubt
    try:
        with apart(m) as part:
            d = map_decision(item, agenda)
    except ReaderError:
        m.graph += part  # what was read of the decision goes to review with the rest of its item
        raise
    label = str(part.value(d, RDFS.label))
    passage = part.value(d, PREC.derivedFrom)
    by_body = new_graph()
    if by_guessed_body:
        by_body.add((d, PREC.decidedBy, m.actors.body))
    if not undated:
        m.graph += part
        if by_guessed_body:
            m.doubts.propose(
                "markdown:body-from-title",
                f"{d} decidedBy",
                f"Decided by '{m.header.body}'? the file names no body; read from its title",
                passage,
                m.quote(passage),
                by_body,
                BODY_FROM_TITLE,
            )
        return d
    part += by_body
    part += m.doubts.withdraw(before)  # links to unknown decisions wait with the decision they leave
    part.add((d, PREC.confidence, Literal(UNCERTAIN, datatype=XSD.decimal)))
    if m.suggested_date is not None:
        part.add((d, PREC.date, Literal(m.suggested_date, datatype=XSD.date)))
        when = m.suggested_date.isoformat()
        summary = f"Decision '{label}' on {when}? the meeting's date cannot be read; this is the file name's"
        confidence = DATED_FROM_FILE_NAME
    else:
        summary = f"Decision '{label}' needs a date: the meeting's date cannot be read; correct it with one"
        confidence = NO_DATE
    m.doubts.propose("markdown:undated", str(d), summary, passage, m.quote(passage), part, confidence)
    return d


def wait_for_editor(
    m: _MinutesMapper, unknown: UnknownDecision, span: Span, map_fact: Callable[[], None]
) -> None:
    """A fact about a decision neither this file nor the archive holds: kept for an editor to accept once
    the earlier minutes are in, rather than refusing the file or dropping the fact."""
    with apart(m) as part:
        map_fact()
    passage = next(part.objects(None, PREC.derivedFrom), None)
    if not isinstance(passage, URIRef):
        passage = m.passages.add(span.start, span.end)
    quote = m.quote(passage)
    m.doubts.note(unknown)
    m.doubts.propose(
        "markdown:unknown-decision",
        quote,
        f"'{quote.splitlines()[0]}'? decision {unknown.identifier!r} is neither in this file nor the archive",
        passage,
        quote,
        part,
        LINK_TO_UNKNOWN_DECISION,
    )
