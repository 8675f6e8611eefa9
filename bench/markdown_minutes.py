"""Render a generated meeting as Markdown minutes (``docs/minutes-format.md``), with the span of each fact.

The spans are the character ranges the Markdown reader quotes as passages, in the order it
mints them, so the direct N-Quads (``bench.nquads``) point at the same words the reader would.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from ontology import GLOSSARY

from .minutes import GenDecision, GenItem, Meeting
from .world import Organisation

_PLAIN = re.compile(r"^[A-Za-z][^:#\[\]{}\"'&*!|>%@`]*$")
ORGANISATION_TYPES = {
    "NationalGovernment": "national-government",
    "Ministry": "ministry",
    "Agency": "agency",
    "Body": "body",
    "RegionalGovernment": "regional-government",
}


def yaml_text(value: str) -> str:
    """A YAML scalar: plain when it reads safely, else double-quoted (JSON strings are YAML)."""
    if _PLAIN.match(value) and value == value.strip():
        return value
    return json.dumps(value, ensure_ascii=False)


def topic_slug(iri: str) -> str:
    return iri[len(str(GLOSSARY)) :] if iri.startswith(str(GLOSSARY)) else iri.rsplit("/", 1)[-1]


@dataclass
class Spans:
    """Where each fact sits in the text, keyed the way ``bench.nquads`` asks for them."""

    header: tuple[int, int] = (0, 0)
    people: list[tuple[int, int]] = field(default_factory=list)
    facts: dict[str, tuple[int, int]] = field(default_factory=dict)


class _Text:
    """Appends lines and remembers offsets."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0

    def line(self, text: str = "") -> tuple[int, int]:
        start = self.length
        self.parts.append(text + "\n")
        self.length += len(text) + 1
        return start, start + len(text)

    def value(self) -> str:
        return "".join(self.parts)


def render_markdown(meeting: Meeting) -> tuple[str, str, dict[str, object]]:
    """``(markdown, text the offsets index, spans)``; the reader's offsets index the whole file."""
    out = _Text()
    spans = Spans()
    _front_matter(out, meeting, spans)
    out.line()
    out.line(f"# {meeting.title}")
    for number, item in enumerate(meeting.items, start=1):
        out.line()
        _item(out, number, item, spans)
    text = out.value()
    return text, text, {"header": spans.header, "people": spans.people, **spans.facts}


def _organisations(body: Organisation) -> list[Organisation]:
    chain = []
    org: Organisation | None = body
    while org is not None:
        chain.append(org)
        org = org.parent
    return chain


def _front_matter(out: _Text, meeting: Meeting, spans: Spans) -> None:
    out.line("---")
    first = out.length
    body = meeting.body
    admin = meeting.administration
    topics = sorted({topic_slug(t.iri) for d in meeting.decisions for t in d.topics})
    out.line(f"identifier: {meeting.identifier}")
    out.line(f"title: {yaml_text(meeting.title)}")
    out.line("body:")
    out.line(f"  name: {yaml_text(body.name)}")
    if body.parent is not None:
        out.line(f"  organisation: {yaml_text(body.parent.name)}")
    out.line(f"date: {meeting.date.isoformat()}")
    out.line(f"place: {yaml_text(meeting.place)}")
    out.line(f"chair: {yaml_text(meeting.chair)}")
    out.line(f"access_level: {meeting.level}")
    if topics:
        out.line(f"topics: [{', '.join(topics)}]")
    out.line("administration:")
    out.line(f"  name: {yaml_text(admin.label)}")
    out.line(f"  head: {yaml_text(admin.head)}")
    out.line(f"  government: {yaml_text(_organisations(body)[-1].name)}")
    out.line(f"  start: {admin.start.isoformat()}")
    out.line(f"  end: {admin.end.isoformat()}")
    out.line("organisations:")
    for org in _organisations(body):
        out.line(f"  - name: {yaml_text(org.name)}")
        out.line(f"    type: {ORGANISATION_TYPES[org.kind]}")
        if org.parent is not None:
            out.line(f"    part_of: {yaml_text(org.parent.name)}")
    groups = {
        "attendees": [a for a in meeting.attendees if a.status in ("present", "remote", "also-present")],
        "apologies": [a for a in meeting.attendees if a.status == "apologies"],
        "absent": [a for a in meeting.attendees if a.status == "absent"],
    }
    for key, people in groups.items():
        if not people:
            continue
        out.line(f"{key}:")
        for person in people:
            if key != "attendees":
                start, end = out.line(f"  - {yaml_text(person.name)}")
                spans.people.append((start + 4, end))
                continue
            start, _ = out.line(f"  - name: {yaml_text(person.name)}")
            _, end = out.line(f"    post: {yaml_text(person.capacity)}")
            if person.status != "present":
                _, end = out.line(f"    status: {person.status}")
            spans.people.append((start + 4, end))
    last = out.length - 1  # the YAML ends before the closing line's break
    spans.header = (first, last)
    out.line("---")


def _item(out: _Text, number: int, item: GenItem, spans: Spans) -> None:
    out.line(f"## {number}. {item.title}")
    out.line()
    out.line(item.discussion)
    for decision in item.decisions:
        _decision(out, decision, spans)
    if item.observations:
        out.line()
        out.line("### Observed outcomes")
        out.line()
        for index, observation in enumerate(item.observations, start=1):
            outcome = observation.outcome
            start, _ = out.line(f"- {outcome.label}")
            out.line(f"  decision: {observation.decision}")
            out.line(f"  expected: {observation.number}")
            out.line(f"  indicator: {outcome.indicator}")
            out.line(f"  observed: {outcome.observed}")
            _, end = out.line(f"  status: {outcome.status}")
            spans.facts[f"observed/{number}/{index}"] = (start, end)


def _decision(out: _Text, decision: GenDecision, spans: Spans) -> None:
    key = decision.identifier
    letters = "ABCDEFGH"
    if decision.options:
        out.line()
        out.line("### Options")
        for index, option in enumerate(decision.options, start=1):
            out.line()
            start, end = out.line(f"#### Option {letters[index - 1]}: {option.label}")
            end = out.line(option.description)[1]
            pro = out.line(f"- Pro: {option.pro} [criterion: {option.criterion}]")
            con = out.line(f"- Con: {option.con}")
            end = con[1]
            if option.rejection_reason:
                end = out.line(f"- Rejected: {option.rejection_reason}")[1]
            spans.facts[f"{key}/o{index}"] = (start, end)
            spans.facts[f"{key}/o{index}/a1"] = pro
            spans.facts[f"{key}/o{index}/a2"] = con
    out.line()
    start, end = out.line("### Decision")
    out.line()
    out.line(f"id: {key}")
    out.line(f"title: {decision.title}")
    end = out.line(f"text: {decision.text}")[1]
    chosen = next((i for i, option in enumerate(decision.options) if option.chosen), None)
    if chosen is not None:
        end = out.line(f"chosen: Option {letters[chosen]}")[1]
    end = out.line(f"method: {decision.method}")[1]
    end = out.line(f"topics: {', '.join(topic_slug(t.iri) for t in decision.topics)}")[1]
    if decision.ballots:
        ballots = []
        for ballot in decision.ballots:
            dissent = f"; dissent: {ballot.dissent}" if ballot.dissent else ""
            ballots.append(out.line(f"- {ballot.name}: {ballot.cast}{dissent}"))
        end = ballots[-1][1]
        spans.facts[f"{key}/v"] = (ballots[0][0], end)
        for ballot, span in zip(decision.ballots, ballots, strict=True):
            spans.facts[f"{key}/v/{ballot.name}"] = span
    spans.facts[key] = (start, end)
    out.line()
    out.line("### Rationale")
    out.line()
    out.line(decision.rationale)
    if decision.commitments:
        out.line()
        out.line("### Commitments")
        out.line()
        for index, commitment in enumerate(decision.commitments, start=1):
            start, _ = out.line(f"- {commitment.label}")
            out.line(f"  owner: {commitment.owner}")
            end = out.line(f"  deadline: {commitment.deadline.isoformat()}")[1]
            if commitment.amount is not None:
                end = out.line(f"  budget: {commitment.amount:,} {commitment.currency}")[1]
            end = out.line(f"  status: {commitment.status}")[1]
            spans.facts[f"{key}/c{index}"] = (start, end)
    if decision.outcomes:
        out.line()
        out.line("### Expected outcomes")
        out.line()
        for index, outcome in enumerate(decision.outcomes, start=1):
            start, _ = out.line(f"- {outcome.label}")
            out.line(f"  indicator: {outcome.indicator}")
            out.line(f"  target: {outcome.target}")
            end = out.line("  status: pending")[1]
            spans.facts[f"{key}/e{index}"] = (start, end)
    if decision.links:
        out.line()
        out.line("### Precedents")
        out.line()
        for kind, target in decision.links:
            out.line(f"- {kind}: {target}")
