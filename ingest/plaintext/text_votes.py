"""Votes, dissents and actions as minutes write them in running text.

"Voting for this action: Messrs. A and B, and Ms. C. Voting against this action: Mr. D." (FOMC),
"For: Councillors Rivera, Okafor and Shah" (secretariat minutes), "Mr. D dissented because …",
"Action: J. Smith to report back by 30 June 2025". Each is found with its character offsets so
the graph can quote it; ``text_analysis`` attaches them to the decisions they belong to.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from ..heuristics import (
    DATE_RE,
    HONORIFIC,
    clean_span,
    normalise_space,
    parse_date,
    parse_honorific_list,
    sentence_bounds,
    strip_titles,
)


@dataclass
class Commitment:
    """An action someone must take, as the minutes assign it."""

    label: str
    owner: str | None
    deadline: dt.date | None
    start: int
    end: int
    confidence: float
    rule: str


@dataclass
class RecordedVote:
    """A recorded vote: names per way of voting, the dissenters' stated reasons, the span it covers."""

    start: int
    end: int
    cast: dict[str, list[str]] = field(default_factory=dict)  # "for"/"against"/"abstain"/"absent" → names
    reasons: dict[str, tuple[str, int, int]] = field(default_factory=dict)  # name → (reason, start, end)
    confidence: float = 0.95
    rule: str = "vote:recorded-list"
    partial: bool = False  # only the dissenters are known ("Mr. Poole dissented because …")


_VOTE_LABEL_RE = re.compile(
    r"\b(?:Vot(?:es|ing)\s+(?P<way>for|against)\s+(?:this|these|the)\s+(?:action|actions|motion|resolution)s?"
    r"|(?P<absent>Absent and not voting)|(?P<abstain>Abstaining|Abstentions?))\s*:\s*"
    r"|(?m:^[ \t]*(?:On being put to the vote:?\s*)?(?P<gway>For|Against|Abstentions?|Abstained|Absent|"
    r"Voting for|Voting against)\s*[:\-]\s*)"
)
_WAY = {
    "for": "for",
    "against": "against",
    "voting for": "for",
    "voting against": "against",
    "abstention": "abstain",
    "abstentions": "abstain",
    "abstained": "abstain",
    "abstaining": "abstain",
    "absent": "absent",
    "absent and not voting": "absent",
}
DISSENT_RE = re.compile(
    rf"(?P<who>(?:{HONORIFIC}|Councillors?|Cllr\.?)\s*[^.]{{0,80}}?)\s+dissented\b"
    r"(?:\s+(?:because|on the grounds that|as)\b)?"
)
_ACTION_RE = re.compile(r"(?im)^[ \t]*(?:Action|Actions|Action point)\s*:\s*(?P<body>[^\n]+)")
_REPORT_BACK_RE = re.compile(
    r"(?P<owner>\b(?:[A-Z]\.\s?)*[A-Z][a-z]+(?:\s[A-Z][a-z]+)?)\s+to\s+"
    r"(?P<what>report back[^.\n]*?)(?=[.\n]|$)"
)


def split_plain_names(value: str) -> list[str]:
    value = re.sub(r"^(?:Councillors?|Cllrs?\.?|Members?)\s+", "", value.strip(), flags=re.I)
    parts = re.split(r",\s*(?:and\s+)?|;\s*|\s+and\s+", value)
    return [
        strip_titles(p) for p in parts if strip_titles(p) and strip_titles(p).lower() not in ("none", "nil")
    ]


def find_votes(text: str) -> list[RecordedVote]:
    votes: list[RecordedVote] = []
    current: RecordedVote | None = None
    for match in _VOTE_LABEL_RE.finditer(text):
        way_text = (
            match.group("way")
            or match.group("gway")
            or ("absent" if match.group("absent") else None)
            or match.group("abstain")
            or ""
        ).lower()
        way = _WAY.get(way_text)
        if way is None:
            continue
        names, end = parse_honorific_list(text, match.end())
        if names:
            values = [n.name for n in names]
        else:
            stop = re.compile(r"\.(?=\s)|\n|\s(?=(?:Vot(?:es|ing)|Absent and)\b)|$")
            stop_match = stop.search(text, match.end())
            end = stop_match.start() if stop_match else len(text)
            values = split_plain_names(text[match.end() : end])
        if way == "for" or current is None or match.start() - current.end > 400 or way in current.cast:
            current = RecordedVote(
                match.start(), end, rule="vote:fomc-list" if names else "vote:labelled-list"
            )
            votes.append(current)
        current.cast.setdefault(way, []).extend(values)
        current.end = max(current.end, end)
    for vote in votes:
        _dissents(text, vote)
    return votes


def _dissents(text: str, vote: RecordedVote) -> None:
    """Reasons stated right after the vote: "Mr. Lacker dissented because …"."""
    window_end = min(len(text), vote.end + 3000)
    against = set(vote.cast.get("against", []))
    for match in DISSENT_RE.finditer(text, vote.end, window_end):
        names, _ = parse_honorific_list(text, match.start("who"))
        who = [n.name for n in names] or split_plain_names(match.group("who"))
        start, end = sentence_bounds(text, match.start())
        start = max(start, match.start())
        reason = normalise_space(text[start:end])
        for name in who:
            if name in against or not against:
                vote.reasons.setdefault(name, (reason, start, end))


def find_commitments(text: str, after: int) -> list[Commitment]:
    found: list[Commitment] = []
    for match in _ACTION_RE.finditer(text, after):
        body = match.group("body").strip()
        owner_match = re.match(r"(?P<owner>.+?)\s+to\s+(?P<what>.+)$", body)
        owner = strip_titles(owner_match.group("owner")) if owner_match else None
        start, end = clean_span(text, match.start(), match.end())
        found.append(
            Commitment(
                normalise_space(body).rstrip("."),
                owner,
                _deadline(body),
                start,
                end,
                0.85,
                "commitment:action-label",
            )
        )
    for match in _REPORT_BACK_RE.finditer(text, after):
        if any(c.start <= match.start() < c.end for c in found):
            continue
        start, end = sentence_bounds(text, match.start())
        found.append(
            Commitment(
                normalise_space(match.group(0)),
                strip_titles(match.group("owner")),
                _deadline(match.group("what")),
                start,
                end,
                0.7,
                "commitment:report-back",
            )
        )
    return sorted(found, key=lambda c: c.start)


def _deadline(value: str) -> dt.date | None:
    match = re.search(r"\bby\s+(?:the\s+)?", value)
    if not match:
        return None
    date = DATE_RE.search(value, match.end())
    return parse_date(date) if date else None
