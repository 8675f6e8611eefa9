"""What a set of plain-text minutes says: meeting, items, decisions, votes, dissents, commitments.

``analyse(text)`` is the one heuristic pass shared by the text, Word and PDF readers. It returns
plain dataclasses with character offsets into ``text`` and a confidence per fact, so that the RDF
mapping (``minutes_graph``) stays a separate, testable step. Confidences are fixed per rule: a
labelled form ("RESOLVED that", "Voting for this action:") is trusted more than a loose verb
("members agreed that …"), and the graph builder sends facts under the threshold to review.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from ..heuristics import (
    clean_span,
    first_date,
    normalise_space,
    parse_honorific_list,
    sentence_bounds,
)
from .attendance import AttendanceEntry, parse_attendance
from .text_votes import DISSENT_RE, Commitment, RecordedVote, find_commitments, find_votes, split_plain_names


@dataclass
class DecisionFact:
    """A decision sentence (or resolution) with what hangs off it."""

    text: str
    start: int
    end: int
    confidence: float
    rule: str
    item: int | None = None
    vote: RecordedVote | None = None
    commitments: list[Commitment] = field(default_factory=list)
    formal: bool = True  # recorded as put to a vote (a vote list after it belongs to it)
    body: str | None = None  # the deciding body when it is not the meeting's (a Board action)
    outcome: str | None = None  # "defeated" when the record says it was refused without a vote


@dataclass
class AgendaItem:
    """A headed item; ``body_start`` is where the text under its heading begins."""

    number: str
    title: str
    start: int
    end: int
    body_start: int = 0


@dataclass
class MeetingFacts:
    """The meeting itself: which body met, when, where, and the record's title."""

    title: str
    body: str | None
    parent: str | None
    date: dt.date | None
    place: str | None
    fomc: bool = False


@dataclass
class MinutesAnalysis:
    meeting: MeetingFacts
    attendance: list[AttendanceEntry]
    items: list[AgendaItem]
    decisions: list[DecisionFact]
    orphan_commitments: list[Commitment]


# (pattern, confidence, rule). The first rule that matches a sentence names it; order = trust.
_DECISION_RULES: list[tuple[re.Pattern[str], float, str]] = [
    (re.compile(r"(?m)^[ \t]*RESOLVED\b|\bRESOLVED\s*(?:that|:)"), 0.95, "decision:resolved"),
    (re.compile(r"(?im)^[ \t]*(?:agreed|decision|decided|resolved)\s*:"), 0.9, "decision:labelled"),
    (
        re.compile(
            r"\b(?:the\s+)?(?:Committee|Council|Board|Cabinet|Panel|Commission|Sub-?committee|members)\s+"
            r"voted\s+(?:unanimously\s+)?(?:to|that|in favou?r)\b",
            re.I,
        ),
        0.9,
        "decision:body-voted",
    ),
    (re.compile(r"\bBy (?:unanimous|notation|majority) vote\b", re.I), 0.85, "decision:by-vote"),
    (
        re.compile(r"\b(?:unanimously|formally)\s+(?:approved|adopted|agreed|ratified|resolved)\b", re.I),
        0.85,
        "decision:unanimously-approved",
    ),
    (re.compile(r"\bIt was (?:unanimously\s+)?(?:agreed|resolved|decided)\b"), 0.8, "decision:it-was-agreed"),
    (
        re.compile(
            r"\b(?:The\s+)?(?:Committee|Council|Board|Cabinet|Panel|Commission)\s+(?:approved|adopted|ratified)\b"
        ),
        0.8,
        "decision:body-approved",
    ),
    (
        re.compile(
            r"\b(?:The\s+)?(?:Committee|Council|Board|Cabinet|Panel|Commission)\s+(?:agreed|decided|resolved)\s+to\b"
        ),
        0.75,
        "decision:body-agreed-to",
    ),
    (
        re.compile(
            r"\b(?:The\s+)?(?:Committee|Council|Board|Cabinet|Panel|Commission)\s+(?:also\s+)?(?:agreed|decided)\b"
        ),
        0.55,
        "decision:body-agreed-view",
    ),
    (
        re.compile(r"\b(?:participants|members)\s+(?:generally\s+|also\s+)?agreed\b", re.I),
        0.45,
        "decision:participants-agreed",
    ),
]
_NEGATED_RE = re.compile(r"\b(?:no decisions?|not (?:agreed|approved|decided)|did not|declined to)\b", re.I)

_ITEM_RE = re.compile(
    r"(?m)^[ \t]*(?:Item\s+)?(?P<num>\d{1,2}(?:\.\d{1,2})?)[.):]?[ \t]+(?P<title>[A-Z][^\n]{2,120})$"
)
_TITLE_BODY_RE = re.compile(
    r"(?:Minutes of (?:the )?(?:(?:\w+ )?meeting of (?:the )?)?|Meeting of (?:the )?)"
    r"(?P<body>[A-Z][\w&'’ -]*?"
    r"(?:Committee|Council|Board|Cabinet|Panel|Commission|Authority|Sub-?committee|Assembly))"
)
_PARENT_RE = re.compile(
    r"^\s*(?P<parent>(?:City|Town|County|Borough|District|Municipality|Village|"
    r"Province|State|Region|Ministry|Department) of [A-Z][\w' -]+)\s*$",
    re.I | re.M,
)
_PLACE_RE = re.compile(
    r"\bheld (?:in|at) (?P<place>[^\n]+?)(?:,? on\b|\.\s|\n)"
    r"|\b(?:in|at) (?P<room>[A-Z][^\n.]*?(?:Room|Hall|Chamber|Building|Centre|Center|Offices?)"
    r"[^\n.]*)"
)
# A resolution runs to a blank line or to the next labelled line, numbered item or resolution.
_BLOCK_END_RE = re.compile(
    r"\n[ \t]*\n|(?<=[.!?;])[ \t]*\n|\n(?=[ \t]*(?:[A-Z][A-Za-z ]{1,40}:|\d{1,2}[.)]?[ \t]+[A-Z]|RESOLVED\b))"
)
FILENAME_DATE_RE = re.compile(r"MeetingDate=(\d{4}-\d{2}-\d{2})-(\d{4}-\d{2}-\d{2})")


def analyse(
    text: str, *, source_name: str = "", headings: list[tuple[int, int]] | None = None
) -> MinutesAnalysis:
    """Every fact the heuristics find in ``text`` (``source_name`` may carry the meeting date).

    ``headings`` are the spans of agenda-item headings when the source marks them (Word heading
    styles); without them, numbered lines are taken as agenda items.
    """
    attendance, attendance_end = parse_attendance(text)
    items = _heading_items(text, headings) if headings else _agenda_items(text, attendance_end)
    decisions = _decisions(text, attendance_end, items)
    votes = find_votes(text)
    _attach_votes(decisions, votes, items)
    _attach_lone_dissents(text, decisions, votes)
    orphans = _attach_commitments(decisions, find_commitments(text, attendance_end), items)
    return MinutesAnalysis(_meeting(text, source_name), attendance, items, decisions, orphans)


def _meeting(text: str, source_name: str) -> MeetingFacts:
    head = text[:1500]
    fomc = "Federal Open Market Committee" in head
    lines = [line.strip() for line in head.splitlines() if line.strip()]
    named = FILENAME_DATE_RE.search(source_name)
    date = dt.date.fromisoformat(named.group(2)) if named else first_date(head)
    place_match = _PLACE_RE.search(head)
    place = None
    if place_match:
        place = normalise_space(place_match.group("place") or place_match.group("room")).rstrip(",")
    if fomc:
        title = (
            f"Minutes of the Federal Open Market Committee, {date.isoformat()}"
            if date
            else "Minutes of the Federal Open Market Committee"
        )
        return MeetingFacts(
            title, "Federal Open Market Committee", "Federal Reserve System", date, place, True
        )
    body_match = _TITLE_BODY_RE.search(head)
    parent_match = _PARENT_RE.search(head[:400])
    title = lines[0] if lines else source_name
    if body_match and body_match.start() < 400:
        line_start = head.rfind("\n", 0, body_match.start()) + 1
        line_end = head.find("\n", body_match.start())
        title = head[line_start : line_end if line_end != -1 else len(head)].strip()
    return MeetingFacts(
        normalise_space(title)[:200],
        normalise_space(body_match.group("body")) if body_match else None,
        normalise_space(parent_match.group("parent")).title().replace(" Of ", " of ")
        if parent_match
        else None,
        date,
        place,
    )


def _agenda_items(text: str, after: int) -> list[AgendaItem]:
    found = [
        m for m in _ITEM_RE.finditer(text, after) if not m.group("title").rstrip().endswith((".", ",", ";"))
    ]
    items = []
    for index, match in enumerate(found):
        end = found[index + 1].start() if index + 1 < len(found) else len(text)
        items.append(
            AgendaItem(
                match.group("num"), normalise_space(match.group("title")), match.start(), end, match.end()
            )
        )
    return items


def _heading_items(text: str, headings: list[tuple[int, int]]) -> list[AgendaItem]:
    items = []
    for index, (start, end) in enumerate(headings):
        stop = headings[index + 1][0] if index + 1 < len(headings) else len(text)
        match = re.match(r"\s*(?:Item\s+)?(\d{1,2}(?:\.\d{1,2})?)[.):]?\s+", text[start:end])
        number = match.group(1) if match else str(index + 1)
        title = normalise_space(text[start + (match.end() if match else 0) : end])
        items.append(AgendaItem(number, title, start, stop, end))
    return items


def _item_at(items: list[AgendaItem], pos: int) -> int | None:
    for index, item in enumerate(items):
        if item.start <= pos < item.end:
            return index
    return None


def _decisions(text: str, after: int, items: list[AgendaItem]) -> list[DecisionFact]:
    """One decision per sentence, named by the most trusted rule that matches it."""
    found: dict[int, DecisionFact] = {}
    for pattern, confidence, rule in _DECISION_RULES:
        for match in pattern.finditer(text, after):
            start, end = _decision_span(text, match.start(), rule)
            prefix = text[start : match.start()]
            if prefix and text[match.start()].isupper() and _HEADING_PREFIX_RE.fullmatch(prefix):
                start = (
                    match.start()
                )  # a glued heading or scraping artefact: "Notation Vote By notation vote"
            item = _item_at(items, match.start())
            if item is not None and start < items[item].body_start <= match.start():
                start = clean_span(text, items[item].body_start, end)[0]  # never swallow the heading
            if start in found or any(d.start <= match.start() < d.end for d in found.values()):
                continue
            sentence = text[start:end]
            if sentence[:1] in '"“' and match.start() > start:
                continue  # a sentence inside a quoted statement is not itself a decision
            if _NEGATED_RE.search(sentence[: match.end() - start + 40]):
                continue
            found[start] = DecisionFact(
                normalise_space(sentence), start, end, confidence, rule, item=_item_at(items, start)
            )
    return sorted(found.values(), key=lambda d: d.start)


def _decision_span(text: str, pos: int, rule: str) -> tuple[int, int]:
    if rule in ("decision:resolved", "decision:labelled"):
        start = text.rfind("\n", 0, pos) + 1
        block_end = _BLOCK_END_RE.search(text, pos)
        end = block_end.start() if block_end else len(text)
        # An inline "RESOLVED that …" in flowing text ends with its sentence.
        if end - start > 1500:
            end = sentence_bounds(text, pos)[1]
        return clean_span(text, start, end)
    start, end = sentence_bounds(text, pos)
    # A decision that introduces a quoted directive or resolution takes the quotation with it.
    opener = _OPEN_QUOTE_RE.search(text, start, end)
    if opener:
        end = _quote_end(text, opener.end(), start) or end
        # "The vote encompassed approval of the statement below: “…”" belongs to the same decision.
        follow = _VOTE_ALSO_RE.match(text, end)
        second = _OPEN_QUOTE_RE.search(text, follow.end(), follow.end() + 400) if follow else None
        if second:
            end = _quote_end(text, second.end(), start) or end
    return clean_span(text, start, end)


_OPEN_QUOTE_RE = re.compile(r":\s*[\"“]")
# A closing quote ends a sentence inside it, or is followed by a space; scraped text may glue the
# next sentence on ("…price stability."Votes for this action").
_CLOSE_QUOTE_RE = re.compile(r"(?<=[.!?])[\"”]|[\"”](?=\s|$)")
_QUOTE_CHAR_RE = re.compile(r"[\"“”]")


def _quote_end(text: str, pos: int, start: int) -> int | None:
    """Where the quotation opened before ``pos`` ends; an unclosed one ends at the vote record.

    Quoted words inside ("swap" arrangements) open and close in pairs and are skipped.
    """
    votes = _VOTE_RECORD_RE.search(text, pos, start + 8000)
    limit = votes.start() if votes else min(len(text), start + 8000)
    depth = 0
    for match in _QUOTE_CHAR_RE.finditer(text, pos, limit):
        i = match.start()
        before, after = text[i - 1 : i], text[i + 1 : i + 2]
        opening = match.group(0) == "“" or (match.group(0) == '"' and before in " (\n" and after.isalnum())
        if opening:
            depth += 1
        elif depth:
            depth -= 1
        elif _CLOSE_QUOTE_RE.match(text, i):
            return i + 1
    return votes.start() if votes else None


_HEADING_PREFIX_RE = re.compile(r"(?:(?:Return to (?:text|top)|[A-Z][\w'’-]*)\s*)+")
_VOTE_RECORD_RE = re.compile(r"(?<=[.!?])\s*(?=Vot(?:es|ing) for th)")
_VOTE_ALSO_RE = re.compile(r"\s*The vote (?:also )?(?:encompassed|included)\b")


def _attach_votes(decisions: list[DecisionFact], votes: list[RecordedVote], items: list[AgendaItem]) -> None:
    for vote in votes:
        item = _item_at(items, vote.start)
        before = [
            d
            for d in decisions
            if d.end <= vote.start + 1
            and d.vote is None
            and vote.start - d.end < 6000
            and (item is None or d.item == item)
        ]
        after = [
            d
            for d in decisions
            if d.start >= vote.end - 1 and d.vote is None and item is not None and d.item == item
        ]
        target = before[-1] if before else (after[0] if after else None)
        if target is not None:
            target.vote = vote


def _attach_lone_dissents(text: str, decisions: list[DecisionFact], votes: list[RecordedVote]) -> None:
    """A dissent stated without a vote list belongs to the decision just before it."""
    known = {start for vote in votes for (_, start, _) in vote.reasons.values()}
    for match in DISSENT_RE.finditer(text):
        start, end = sentence_bounds(text, match.start())
        start = max(start, match.start())
        if start in known:
            continue
        before = [d for d in decisions if d.end <= start and start - d.end < 3000]
        if not before:
            continue
        decision = before[-1]
        names, _ = parse_honorific_list(text, match.start("who"))
        who = [n.name for n in names] or split_plain_names(match.group("who"))
        if not who:
            continue
        if decision.vote is None:
            decision.vote = RecordedVote(start, end, confidence=0.8, rule="vote:dissent-only", partial=True)
        for name in who:
            if name not in decision.vote.cast.get("against", []):
                decision.vote.cast.setdefault("against", []).append(name)
            decision.vote.reasons.setdefault(name, (normalise_space(text[start:end]), start, end))


def _attach_commitments(
    decisions: list[DecisionFact], commitments: list[Commitment], items: list[AgendaItem]
) -> list[Commitment]:
    orphans = []
    for commitment in commitments:
        item = _item_at(items, commitment.start)
        before = [d for d in decisions if d.start <= commitment.start and (item is None or d.item == item)]
        if before:
            before[-1].commitments.append(commitment)
        else:
            orphans.append(commitment)
    return orphans
