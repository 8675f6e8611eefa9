"""The body of Markdown minutes as plain typed objects, each with the span of text it came from.

This module knows the layout of ``docs/minutes-format.md`` (``## `` agenda items, ``### `` sections,
``#### Option`` blocks, ``key: value`` lines, ``- `` bullets with indented fields) and nothing about
RDF. Every object keeps its 1-based line and its character span in the whole file's text, so the
reader can point each fact back to the exact words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .document import ReaderError

SECTIONS = (
    "discussion", "options", "decision", "rationale", "commitments",
    "expected outcomes", "observed outcomes", "precedents",
)

# Every pattern here runs in linear time on a line (no lazy group followed by optional spaces):
# minutes come from outside, and a line of a million spaces must not stall the reader.
_KEY_VALUE = re.compile(r"^([A-Za-z][A-Za-z ]*):(.*)$")
_OPTION = re.compile(r"^####[ \t]+Option[ \t]+([A-Za-z0-9]+)[ \t]*[:.\-–](.*\S.*)$")
_ARGUMENT = re.compile(r"^-[ \t]+(Pro|Con|Rejected)[ \t]*:(.*\S.*)$", re.IGNORECASE)
_CRITERION = re.compile(r"\[criterion:([^\]]*)\][ \t]*$", re.IGNORECASE)
_BALLOT = re.compile(r"^-[ \t]+([^:;]+):[ \t]*(for|against|abstain|absent)[ \t]*"
                     r"(?:;[ \t]*dissent[ \t]*:(.*\S.*))?$", re.IGNORECASE)
_NUMBERING = re.compile(r"^(?:Item\s+)?(\d+)[.)]?\s+")


@dataclass
class Line:
    """One line of the file: 1-based number, start offset, and its text without the line break."""

    number: int
    start: int
    text: str

    @property
    def end(self) -> int:
        return self.start + len(self.text)

    @property
    def blank(self) -> bool:
        return not self.text.strip()


@dataclass
class Span:
    """A character span ``[start, end)`` of the file's text that begins on ``line``."""

    start: int
    end: int
    line: int


def span_of(lines: list[Line]) -> Span | None:
    """The span from the first to the last non-blank line, whitespace trimmed at both ends."""
    filled = [line for line in lines if not line.blank]
    if not filled:
        return None
    first, last = filled[0], filled[-1]
    lead = len(first.text) - len(first.text.lstrip())
    trail = len(last.text) - len(last.text.rstrip())
    return Span(first.start + lead, last.end - trail, first.number)


@dataclass
class Field:
    """A ``key: value`` line (with any indented continuation lines joined by spaces)."""

    key: str
    value: str
    line: int
    span: Span


@dataclass
class Bullet:
    """A ``- label`` list item with its indented ``key: value`` fields."""

    label: str
    line: int
    span: Span
    fields: dict[str, Field] = field(default_factory=dict)


@dataclass
class ArgumentText:
    """A ``- Pro:`` or ``- Con:`` line of an option, with its optional ``[criterion: …]`` tag."""

    stance: str
    text: str
    criterion: str | None
    line: int
    span: Span


@dataclass
class OptionText:
    """A ``#### Option X: title`` block."""

    letter: str
    title: str
    line: int
    span: Span
    description: str = ""
    arguments: list[ArgumentText] = field(default_factory=list)
    rejected: str | None = None


@dataclass
class BallotText:
    """A ``- Name: for|against|abstain|absent[; dissent: reason]`` line of a decision."""

    name: str
    cast: str
    dissent: str | None
    line: int
    span: Span


@dataclass
class DecisionText:
    """The ``### Decision`` section: its fields and ballots."""

    line: int
    span: Span
    fields: dict[str, Field] = field(default_factory=dict)
    ballots: list[BallotText] = field(default_factory=list)


@dataclass
class SectionText:
    """A free-text section (discussion, rationale) as one span."""

    text: str
    span: Span


@dataclass
class AgendaItemText:
    """A ``## `` agenda item and the sections under it."""

    number: int
    title: str
    line: int
    span: Span
    discussion: SectionText | None = None
    options: list[OptionText] = field(default_factory=list)
    decision: DecisionText | None = None
    rationale: SectionText | None = None
    commitments: list[Bullet] = field(default_factory=list)
    expected: list[Bullet] = field(default_factory=list)
    observed: list[Bullet] = field(default_factory=list)
    precedents: list[Bullet] = field(default_factory=list)


def split_lines(text: str) -> list[Line]:
    """The file's lines with their offsets (line breaks ``\\n``, ``\\r\\n`` or ``\\r``)."""
    lines: list[Line] = []
    offset = 0
    for number, raw in enumerate(text.splitlines(keepends=True), start=1):
        body = raw.rstrip("\r\n")
        lines.append(Line(number, offset, body))
        offset += len(raw)
    return lines


def parse_body(lines: list[Line], source: str) -> list[AgendaItemText]:
    """Parse the lines after the front matter into agenda items; raise ``ReaderError`` on bad layout."""
    items: list[AgendaItemText] = []
    groups = _group(lines, lambda line: line.text.startswith("## "))
    for heading, body in groups:
        if heading is None:
            continue  # a title line or preface before the first item carries no facts
        items.append(_agenda_item(heading, body, len(items) + 1, source))
    return items


def _group(lines: list[Line], is_heading) -> list[tuple[Line | None, list[Line]]]:
    groups: list[tuple[Line | None, list[Line]]] = [(None, [])]
    for line in lines:
        if is_heading(line):
            groups.append((line, []))
        else:
            groups[-1][1].append(line)
    return groups


def _agenda_item(heading: Line, body: list[Line], number: int, source: str) -> AgendaItemText:
    title = heading.text[3:].strip()
    match = _NUMBERING.match(title)
    if match:
        title = title[match.end():].strip()
    if not title:
        raise ReaderError(f"{source}:{heading.number}", "agenda item heading has no title")
    whole = span_of([heading, *body])
    assert whole is not None
    item = AgendaItemText(number, title, heading.number, whole)
    seen: set[str] = set()
    for section_heading, section in _group(body, lambda line: line.text.startswith("### ")):
        if section_heading is None:
            # text right under the item heading counts as discussion
            item.discussion = _free_text(section)
            continue
        name = " ".join(section_heading.text[4:].split()).lower()
        location = f"{source}:{section_heading.number}"
        if name not in SECTIONS:
            raise ReaderError(location, f"unknown section '### {section_heading.text[4:].strip()}'; "
                                        f"known sections: {', '.join(SECTIONS)}")
        if name in seen:
            # a second block would silently replace the first; one decision per '## ' item
            raise ReaderError(location, f"'### {section_heading.text[4:].strip()}' appears twice in "
                                        f"agenda item '{title}'; merge them, or give each decision its own "
                                        "'## ' item")
        seen.add(name)
        if name in ("discussion", "rationale"):
            text = _free_text(section)
            if name == "discussion" and item.discussion and text:
                text = SectionText(item.discussion.text + "\n\n" + text.text, text.span)
            setattr(item, name, text)
        elif name == "options":
            item.options = _options(section, source)
        elif name == "decision":
            item.decision = _decision(section_heading, section, source)
        else:
            bullets = _bullets(section, source, name)
            attribute = {"commitments": "commitments", "expected outcomes": "expected",
                         "observed outcomes": "observed", "precedents": "precedents"}[name]
            setattr(item, attribute, bullets)
    return item


def _free_text(lines: list[Line]) -> SectionText | None:
    span = span_of(lines)
    if span is None:
        return None
    paragraphs = " ".join(line.text.strip() if line.text.strip() else "\n\n" for line in lines)
    text = re.sub(r" ?\n\n ?", "\n\n", re.sub(r"(\n\n ?)+", "\n\n", paragraphs)).strip()
    return SectionText(text, span)


def _options(lines: list[Line], source: str) -> list[OptionText]:
    options: list[OptionText] = []
    for heading, body in _group(lines, lambda line: line.text.startswith("#### ")):
        if heading is None:
            # an introductory sentence is fine, but options written as bullets would be lost
            for line in body:
                if line.text.lstrip().startswith("- "):
                    raise ReaderError(f"{source}:{line.number}",
                                      "write each option as a '#### Option A: title' heading")
            continue
        match = _OPTION.match(heading.text)
        if not match:
            raise ReaderError(f"{source}:{heading.number}",
                              "option heading must read '#### Option A: title'")
        letter = match.group(1).upper()
        if any(option.letter == letter for option in options):
            raise ReaderError(f"{source}:{heading.number}", f"option {letter} is given twice")
        span = span_of([heading, *body])
        assert span is not None
        option = OptionText(letter, match.group(2).strip(), heading.number, span)
        description: list[str] = []
        for line in body:
            if line.blank:
                continue
            argument = _ARGUMENT.match(line.text)
            if argument:
                stance, text = argument.group(1).lower(), argument.group(2).strip()
                line_span = span_of([line])
                assert line_span is not None
                if stance == "rejected":
                    option.rejected = text
                    continue
                criterion_match = _CRITERION.search(text)
                criterion = (criterion_match.group(1).strip() or None) if criterion_match else None
                if criterion_match:
                    text = text[: criterion_match.start()].rstrip()
                option.arguments.append(ArgumentText(stance, text, criterion, line.number, line_span))
            elif line.text.lstrip().startswith("- "):
                raise ReaderError(f"{source}:{line.number}",
                                  "an option's bullets must start with 'Pro:', 'Con:' or 'Rejected:'")
            else:
                description.append(line.text.strip())
        option.description = " ".join(description)
        options.append(option)
    return options


def _decision(heading: Line, lines: list[Line], source: str) -> DecisionText:
    span = span_of([heading, *lines])
    assert span is not None
    decision = DecisionText(heading.number, span)
    last: Field | None = None
    for line in lines:
        if line.blank:
            last = None
            continue
        if line.text.startswith("- "):
            match = _BALLOT.match(line.text)
            if not match:
                raise ReaderError(f"{source}:{line.number}", "field 'vote': a ballot reads "
                                  "'- Name: for|against|abstain|absent' with optional '; dissent: reason'")
            line_span = span_of([line])
            assert line_span is not None
            dissent = match.group(3).strip() if match.group(3) else None
            decision.ballots.append(BallotText(match.group(1).strip(), match.group(2).lower(), dissent,
                                               line.number, line_span))
            last = None
        elif line.text[0].isspace() and last is not None:
            last.value = f"{last.value} {line.text.strip()}"
            last.span = Span(last.span.start, line.end, last.span.line)
        else:
            last = _field(line, source, "decision")
            decision.fields[last.key] = last
    return decision


def _field(line: Line, source: str, where: str) -> Field:
    match = _KEY_VALUE.match(line.text.strip())
    if not match:
        raise ReaderError(f"{source}:{line.number}", f"in {where}: expected a 'key: value' line, "
                                                     f"found {line.text.strip()[:60]!r}")
    span = span_of([line])
    assert span is not None
    return Field(" ".join(match.group(1).split()).lower(), match.group(2).strip(), line.number, span)


def _bullets(lines: list[Line], source: str, section: str) -> list[Bullet]:
    entries: list[tuple[Line, list[Line]]] = []
    for line in lines:
        if line.text.startswith("- "):
            entries.append((line, []))
        elif entries:
            entries[-1][1].append(line)
        elif not line.blank:
            raise ReaderError(f"{source}:{line.number}", f"in {section}: each entry starts with '- '")
    bullets: list[Bullet] = []
    for head, body in entries:
        span = span_of([head, *body])
        assert span is not None
        bullet = Bullet(head.text[2:].strip(), head.number, span)
        _bullet_fields(bullet, body, source, section)
        bullets.append(bullet)
    return bullets


def _bullet_fields(bullet: Bullet, body: list[Line], source: str, section: str) -> None:
    last: Field | None = None
    for line in body:
        if line.blank:
            continue
        if not line.text[0].isspace():
            raise ReaderError(f"{source}:{line.number}",
                              f"in {section}: indent the fields of an entry under its '- ' line")
        match = _KEY_VALUE.match(line.text.strip())
        if match:
            last = _field(line, source, section)
            if last.key in bullet.fields:
                raise ReaderError(f"{source}:{line.number}", f"in {section}: field '{last.key}' given twice")
            bullet.fields[last.key] = last
        elif last is not None:
            last.value = f"{last.value} {line.text.strip()}"
        else:
            # a long entry title wrapped onto the next line
            bullet.label = f"{bullet.label} {line.text.strip()}"
