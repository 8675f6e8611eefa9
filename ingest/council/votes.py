"""What an eScribe motion's result line and vote rows say, as plain values.

A result line is "Motion Passed", "Motion Passed (13 to 2)", "Motion Failed (5 to 10)", "Majority
Winner: Robert Fraser" (an appointment by ballot among candidates) or empty (a motion that was never put
as such: amended, divided, or the clerk's statement of the resolution as adopted). A vote row is a way
("Yeas:", "Nays:", "Absent:", "Recuse:", "Conflict", "Abstain(0.00 %)") and the voters' names; in a
ballot among candidates each row is a candidate's first name instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

#: A row's way as the record writes it (letters only, lower case, before any bracket) → ``prec:voteCast``.
ROW_WAYS = {
    "yeas": "for",
    "yea": "for",
    "yes": "for",
    "for": "for",
    "nays": "against",
    "nay": "against",
    "no": "against",
    "against": "against",
    "absent": "absent",
    "abstain": "abstain",
    "abstained": "abstain",
    "abstention": "abstain",
    "abstentions": "abstain",
    # A member with a declared (pecuniary) conflict takes no part in the vote: recused, not abstaining.
    "recuse": "recused",
    "recused": "recused",
    "recusal": "recused",
    "conflict": "recused",
}
WAYS = ("for", "against", "abstain", "absent", "recused")

_RESULT = re.compile(
    r"^\s*Motion\s+(?P<how>Passed|Carried|Failed|Defeated|Lost)\b(?:\s*\(\s*(?P<yes>\d+)\s+to\s+(?P<no>\d+)\s*\))?",
    re.I,
)
_WINNER = re.compile(r"^\s*Majority\s+Winner\s*:\s*(?P<who>.*?)\s*$", re.I)


@dataclass
class Outcome:
    """A result line read: ``result`` is carried, defeated or ``None`` (not decided by this motion)."""

    result: str | None
    stated: tuple[int, int] | None = None  # (for, against) as the line states them
    winner: str | None = None  # the candidate a ballot appointed


def read_result(line: str) -> Outcome:
    match = _RESULT.match(line or "")
    if match:
        how = match.group("how").lower()
        result = "carried" if how in ("passed", "carried") else "defeated"
        stated = (int(match.group("yes")), int(match.group("no"))) if match.group("yes") else None
        return Outcome(result, stated)
    winner = _WINNER.match(line or "")
    if winner:
        who = winner.group("who")
        if who and not re.match(r"^no\b", who, re.I):
            return Outcome("carried", winner=who)
        return Outcome(None)  # a round with no majority decides nothing yet
    return Outcome(None)


def row_way(label: str) -> str | None:
    """ "Yeas:" → for, "Recuse:" → recused, "Abstain(0.00 %)" → abstain; a candidate's name → ``None``."""
    key = re.sub(r"[^a-z]", "", str(label).lower().split("(")[0])
    return ROW_WAYS.get(key)


@dataclass
class RowsRead:
    """The rows of one vote: voters per way, rows that are not ways, and whether it is a ballot."""

    voters: dict[str, list[str]] = field(default_factory=lambda: {w: [] for w in WAYS})
    unknown_rows: list[str] = field(default_factory=list)

    @property
    def is_ballot_among_candidates(self) -> bool:
        return bool(self.unknown_rows) and not self.voters["for"] and not self.voters["against"]
