"""A decision's standing as of a date: in force, amended, superseded, reversed, lapsed or pending.

The rule (the same as competency query cq09): on the date ``as_of`` a decision is

- ``pending`` when it is dated after ``as_of`` (on that date it had not yet been taken);
- ``reversed`` / ``superseded`` when a later decision dated on or before ``as_of`` reverses or
  supersedes it, and ``lapsed`` when its ``prec:lapsesOn`` date is on or before ``as_of`` — whichever
  of these came first decides, so a decision that lapsed and was replaced later reads "lapsed";
- ``amended`` when it is still in force but a decision dated on or before ``as_of`` amends it;
- ``in force`` otherwise.

A later decision without a date cannot be placed in time, so (as in cq09) it changes nothing.
``standing_as_of`` is a pure function; ``changes`` is the one query that feeds it, over a ``View``.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

#: Every standing, in the order pages list them.
STANDINGS = ("in force", "amended", "superseded", "reversed", "lapsed", "pending")

#: The precedent links that change a decision's standing, and what each makes of the earlier one.
CHANGE_LINKS = {"supersedes": "superseded", "reverses": "reversed", "amends": "amended"}

#: Every supersedes / reverses / amends link visible at the view's level, with the later decision's date.
CHANGES_QUERY = """
PREFIX prec: <https://w3id.org/precedent/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT DISTINCT ?earlier ?link ?later ?laterDate ?laterIdentifier ?laterLabel WHERE {
  VALUES ?link { prec:supersedes prec:reverses prec:amends }
  ?later ?link ?earlier .
  FILTER(?later != ?earlier)
  OPTIONAL { ?later prec:date ?laterDate }
  OPTIONAL { ?later prec:identifier ?laterIdentifier }
  OPTIONAL { ?later rdfs:label ?laterLabel }
}
"""


@dataclass(frozen=True)
class Change:
    """A later decision that supersedes, reverses or amends an earlier one."""

    relation: str  # "supersedes", "reverses" or "amends"
    later: str
    date: dt.date | None
    identifier: str | None = None
    label: str | None = None


@dataclass(frozen=True)
class Standing:
    """Where a decision stands on one date, and the decision or date that made it so."""

    value: str
    since: dt.date | None = None
    by: Change | None = None
    amended_by: tuple[Change, ...] = field(default_factory=tuple)

    @property
    def in_force(self) -> bool:
        return self.value in ("in force", "amended")


def to_date(value: Any) -> dt.date | None:
    """A date from an ``xsd:date``/``dateTime`` literal or string, else ``None``."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def as_of_date(text: str | None, today: dt.date | None = None) -> dt.date:
    """The date a page or command asks about (``YYYY-MM-DD``); today when none is given.

    Raises ``ValueError`` with a message for the user when the text is not such a date.
    """
    if text is None or not str(text).strip():
        return today or dt.date.today()
    try:
        return dt.date.fromisoformat(str(text).strip())
    except ValueError:
        raise ValueError(f"as_of must be a date written YYYY-MM-DD, not {str(text)[:40]!r}") from None


def standing_as_of(
    decided_on: dt.date | None,
    lapses_on: dt.date | None,
    changes: list[Change] | tuple[Change, ...],
    as_of: dt.date,
) -> Standing:
    """The standing on ``as_of`` of a decision dated ``decided_on`` that lapses on ``lapses_on``."""
    if decided_on is not None and decided_on > as_of:
        return Standing("pending")
    ending: list[tuple[dt.date, int, str, Change | None]] = []
    for change in changes:
        if change.date is None or change.date > as_of or change.relation == "amends":
            continue
        # reversal outranks supersession on the same day: it says more about the earlier decision
        rank = 0 if change.relation == "reverses" else 1
        ending.append((change.date, rank, CHANGE_LINKS[change.relation], change))
    if lapses_on is not None and lapses_on <= as_of:
        ending.append((lapses_on, 2, "lapsed", None))
    if ending:
        since, _, value, by = min(ending, key=lambda item: (item[0], item[1]))
        return Standing(value, since, by)
    amended = tuple(
        sorted(
            (c for c in changes if c.relation == "amends" and c.date is not None and c.date <= as_of),
            key=lambda c: c.date or dt.date.min,
        )
    )
    if amended:
        return Standing("amended", amended[-1].date, amended[-1], amended)
    return Standing("in force")


def changes(view: Any) -> dict[str, list[Change]]:
    """Every standing-changing link the view's level can see, keyed by the earlier decision's IRI.

    One query for the whole archive: precedent links are few beside decisions (tens on the samples,
    none to hundreds on the real corpora), so this is cheaper than one query per decision.
    """
    found: dict[str, list[Change]] = defaultdict(list)
    for row in view.select(CHANGES_QUERY):
        relation = str(row["link"]).rsplit("#", 1)[-1]
        change = Change(
            relation=relation,
            later=str(row["later"]),
            date=to_date(row.get("laterDate")),
            identifier=str(row["laterIdentifier"]) if row.get("laterIdentifier") is not None else None,
            label=str(row["laterLabel"]) if row.get("laterLabel") is not None else None,
        )
        if change not in found[str(row["earlier"])]:
            found[str(row["earlier"])].append(change)
    return dict(found)


__all__ = ["STANDINGS", "Change", "Standing", "as_of_date", "changes", "standing_as_of", "to_date"]
