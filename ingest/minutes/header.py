"""The YAML front matter of Markdown minutes: the meeting, who came, and how the record is classified.

``parse_header`` turns the front matter into a typed ``MeetingHeader``, checking every field and
reporting problems as ``ReaderError`` with ``file:line`` and the field name. A missing or unreadable
title, body or date does not refuse the file: the header keeps what it could read, and the problem,
as precise as a refusal, goes to ``MeetingHeader.doubts`` (the record is then stored as uncertain).
Positions come from the YAML node marks, so each attendee can be quoted from the file exactly.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

import yaml

from .. import safe_yaml
from ..document import ReaderError
from ..minutes_text import Span
from .values import written_date

ORGANISATION_TYPES = (
    "organisation", "public-body", "government", "national-government", "foreign-government",
    "regional-government", "local-government", "ministry", "agency", "legislature",
    "international-organisation", "civil-society", "body",
)
ATTENDANCE_STATUSES = ("present", "remote", "also-present")
_IDENTIFIER = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_LEVEL = re.compile(r"^[a-z][a-z0-9-]*$")
T = TypeVar("T")
_KNOWN_KEYS = (
    "identifier", "title", "body", "date", "time", "place", "chair", "attendees", "apologies",
    "absent", "access_level", "topics", "administration", "organisations",
)


@dataclass
class PersonEntry:
    """A person named in the front matter, with the status of their attendance."""

    name: str
    status: str
    post: str | None
    organisation: str | None
    line: int
    span: Span


@dataclass
class OrganisationEntry:
    """An organisation described in ``organisations:`` (its kind, parent and other names)."""

    name: str
    kind: str
    part_of: str | None
    aliases: list[str]


@dataclass
class AdministrationEntry:
    """A government's term of office, e.g. the Halloran administration 2013–2017."""

    name: str
    head: str | None
    government: str | None
    start: dt.date | None
    end: dt.date | None


@dataclass
class MeetingHeader:
    """Everything the front matter says about one meeting and its record."""

    identifier: str
    title: str
    body: str
    body_organisation: str | None
    date: dt.date | None
    time: dt.time | None
    place: str | None
    chair: str | None
    access_level: str
    topics: list[str]
    people: list[PersonEntry]
    administration: AdministrationEntry | None
    organisations: list[OrganisationEntry] = field(default_factory=list)
    span: Span | None = None
    #: what could not be read (date, body, title), each as precise as a refusal would be
    doubts: list[ReaderError] = field(default_factory=list)
    #: the body is not written in the file; ``body`` is read from the title
    body_in_doubt: bool = False


class _Fields:
    """Typed access to one YAML mapping with errors located at the right line."""

    def __init__(self, data: Any, node: yaml.Node | None, source: str, first_line: int, where: str) -> None:
        self.data = data if isinstance(data, dict) else {}
        self.node = node
        self.source = source
        self.first_line = first_line
        self.where = where

    def line_of(self, key: str | None = None) -> int:
        node = safe_yaml.mapping_child(self.node, key) if key else None
        node = node or self.node
        return self.first_line + (node.start_mark.line if node is not None else 0)

    def error(self, key: str, problem: str) -> ReaderError:
        name = f"{self.where}.{key}" if self.where else key
        return ReaderError(f"{self.source}:{self.line_of(key)}", f"field '{name}': {problem}")

    def text(self, key: str, *, required: bool = False) -> str | None:
        value = self.data.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                raise self.error(key, "missing; it is required")
            return None
        if isinstance(value, (dict, list)):
            raise self.error(key, "must be a single value, not a list or mapping")
        return " ".join(str(value).split())

    def date(self, key: str, *, required: bool = False) -> dt.date | None:
        value = self.data.get(key)
        if value is None:
            if required:
                raise self.error(key, "missing; write it as YYYY-MM-DD")
            return None
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        written = written_date(str(value))
        if written is None:
            raise self.error(key, f"{value!r} is not a date; write YYYY-MM-DD")
        return written


def split_front_matter(text: str) -> tuple[int, int, int] | None:
    """``(yaml_start, yaml_end, body_start)`` offsets of a front matter block opened and closed by ``---``."""
    start = 1 if text.startswith("\ufeff") else 0
    if not re.match(r"---[ \t]*\r?\n", text[start:]):
        return None
    yaml_start = text.index("\n", start) + 1
    closing = re.compile(r"^(---|\.\.\.)[ \t]*(\r?\n|$)", re.MULTILINE).search(text, yaml_start)
    if closing is None:
        return None
    return yaml_start, closing.start(), closing.end()


def parse_header(text: str, yaml_start: int, yaml_end: int, source: str) -> MeetingHeader:
    """Parse and check the front matter found at ``text[yaml_start:yaml_end]``."""
    first_line = text.count("\n", 0, yaml_start) + 1
    try:
        data, node = safe_yaml.load(text[yaml_start:yaml_end])
    except safe_yaml.YamlProblem as problem:
        raise ReaderError(f"{source}:{first_line + problem.line}",
                          f"malformed YAML front matter: {problem.problem}") from None
    if not isinstance(data, dict):
        raise ReaderError(f"{source}:{first_line}", "front matter must be a YAML mapping of 'key: value'")
    top = _Fields(data, node, source, first_line, "")
    for key in data:
        if key not in _KNOWN_KEYS:
            raise top.error(str(key), f"unknown field; known fields: {', '.join(_KNOWN_KEYS)}")

    doubts: list[ReaderError] = []

    def doubtful(read: Callable[[], T]) -> T | None:
        try:
            return read()
        except ReaderError as error:
            doubts.append(error)
            return None

    identifier = top.text("identifier", required=True)
    assert identifier is not None
    if not _IDENTIFIER.match(identifier):
        raise top.error("identifier", f"{identifier!r} must be letters, digits, '.', '_' or '-'")
    title = doubtful(lambda: top.text("title", required=True)) or identifier
    read_body = doubtful(lambda: _body(top))
    body, body_organisation = read_body or (body_from_title(title), None)
    access_level = (top.text("access_level") or "public").lower()
    if not _LEVEL.match(access_level):
        raise top.error("access_level", f"{access_level!r} is not a level name such as public, "
                                        "internal, restricted")

    def span_text(lo: int, hi: int) -> Span:
        return _trimmed(text, yaml_start + lo, yaml_start + hi, first_line, text.count("\n", yaml_start,
                                                                                        yaml_start + lo))

    return MeetingHeader(
        identifier=identifier,
        title=title,
        body=body,
        body_organisation=body_organisation,
        date=doubtful(lambda: top.date("date", required=True)),
        time=_time(top),
        place=top.text("place"),
        chair=top.text("chair"),
        access_level=access_level,
        topics=_topics(top),
        people=_people(top, span_text),
        administration=_administration(top),
        organisations=_organisations(top),
        span=_trimmed(text, yaml_start, yaml_end, first_line, 0),
        doubts=doubts,
        body_in_doubt=read_body is None,
    )


def body_from_title(title: str) -> str:
    """The body a title names before its first comma, dash or "meeting": "Fisheries Agency Board,
    meeting of 16 February 2016" → "Fisheries Agency Board"; the whole title when nothing precedes."""
    name = re.split(r",|\s[—–-]\s|\s(?:meeting|minutes)\b", title, maxsplit=1, flags=re.IGNORECASE)[0]
    return " ".join(name.split()) or title


def _trimmed(text: str, start: int, end: int, first_line: int, line_offset: int) -> Span:
    while end > start and text[end - 1].isspace():
        end -= 1
    while start < end and text[start].isspace():
        start += 1
    return Span(start, end, first_line + line_offset)


def _body(top: _Fields) -> tuple[str, str | None]:
    value = top.data.get("body")
    if isinstance(value, dict):
        inner = _Fields(value, safe_yaml.mapping_child(top.node, "body"), top.source, top.first_line, "body")
        name = inner.text("name", required=True)
        assert name is not None
        return name, inner.text("organisation")
    name = top.text("body", required=True)
    assert name is not None
    return name, None


def _time(top: _Fields) -> dt.time | None:
    value = top.data.get("time")
    if value is None:
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        # YAML 1.1 reads an unquoted 10:30 as the base-60 number 630
        value = f"{value // 60:02d}:{value % 60:02d}"
    try:
        return dt.time.fromisoformat(str(value).strip())
    except ValueError:
        raise top.error("time", f"{value!r} is not a time; write \"HH:MM\"") from None


def _topics(top: _Fields) -> list[str]:
    value = top.data.get("topics") or []
    if isinstance(value, str):
        value = [part.strip() for part in value.split(",")]
    if not isinstance(value, list):
        raise top.error("topics", "must be a list of glossary slugs")
    for slug in value:
        if not isinstance(slug, str) or not _SLUG.match(slug):
            raise top.error("topics", f"{slug!r} is not a glossary slug such as trade-policy")
    return list(value)


def _people(top: _Fields, span_text) -> list[PersonEntry]:
    people: list[PersonEntry] = []
    listed: dict[str, str] = {}
    for key, default_status in (("attendees", "present"), ("apologies", "apologies"), ("absent", "absent")):
        value = top.data.get(key) or []
        if not isinstance(value, list):
            raise top.error(key, "must be a list of people")
        seq_node = safe_yaml.mapping_child(top.node, key)
        nodes = seq_node.value if isinstance(seq_node, yaml.SequenceNode) else [None] * len(value)
        for index, (entry, node) in enumerate(zip(value, nodes, strict=True)):
            where = f"{key}[{index + 1}]"
            line = top.first_line + (node.start_mark.line if node is not None else 0)
            span = span_text(node.start_mark.index, node.end_mark.index) if node is not None else None
            if isinstance(entry, str):
                entry = {"name": entry}
            if not isinstance(entry, dict):
                raise ReaderError(f"{top.source}:{line}",
                                  f"field '{where}': give a name or a mapping with 'name'")
            fields = _Fields(entry, node, top.source, top.first_line, where)
            name = fields.text("name")
            if not name:
                raise ReaderError(f"{top.source}:{line}",
                                  f"field '{where}.name': an attendee must have a name")
            folded = " ".join(name.split()).lower()
            if folded in listed:
                raise ReaderError(f"{top.source}:{line}", f"field '{where}.name': {name} is already listed "
                                                          f"in {listed[folded]}; list each person once")
            listed[folded] = where
            status = default_status
            if key == "attendees":
                status = (fields.text("status") or default_status).lower()
            if key == "attendees" and status not in ATTENDANCE_STATUSES:
                raise fields.error("status", f"{status!r} is not one of {', '.join(ATTENDANCE_STATUSES)}")
            people.append(PersonEntry(name, status, fields.text("post"), fields.text("organisation"), line,
                                      span or Span(0, 0, line)))
    return people


def _administration(top: _Fields) -> AdministrationEntry | None:
    value = top.data.get("administration")
    if value is None:
        return None
    if isinstance(value, str):
        return AdministrationEntry(" ".join(value.split()), None, None, None, None)
    if not isinstance(value, dict):
        raise top.error("administration",
                        "give its name, or a mapping with name, head, government, start, end")
    fields = _Fields(value, safe_yaml.mapping_child(top.node, "administration"), top.source,
                     top.first_line, "administration")
    return AdministrationEntry(fields.text("name", required=True) or "", fields.text("head"),
                               fields.text("government"), fields.date("start"), fields.date("end"))


def _organisations(top: _Fields) -> list[OrganisationEntry]:
    value = top.data.get("organisations") or []
    if not isinstance(value, list):
        raise top.error("organisations", "must be a list of mappings with name and type")
    seq_node = safe_yaml.mapping_child(top.node, "organisations")
    nodes = seq_node.value if isinstance(seq_node, yaml.SequenceNode) else [None] * len(value)
    entries = []
    for index, (entry, node) in enumerate(zip(value, nodes, strict=True)):
        fields = _Fields(entry, node, top.source, top.first_line, f"organisations[{index + 1}]")
        if not isinstance(entry, dict):
            raise fields.error("name", "give a mapping with name and type")
        name = fields.text("name", required=True) or ""
        kind = (fields.text("type") or "organisation").lower()
        if kind not in ORGANISATION_TYPES:
            raise fields.error("type", f"{kind!r} is not one of {', '.join(ORGANISATION_TYPES)}")
        aliases = entry.get("aliases") or []
        if isinstance(aliases, str):
            aliases = [aliases]
        entries.append(OrganisationEntry(name, kind, fields.text("part_of"),
                                         [" ".join(str(alias).split()) for alias in aliases]))
    return entries
