"""A decision's standing on a date: in force, superseded, amended, reversed, lapsed or pending.

Shared by search (the ``standing`` facet and filter with ``as_of``) and the pages and briefings that
show what binds a body on a date. The rule, for a decision and a day D:

- **pending**: not yet taken on D (dated after D), or undated;
- **reversed**: a decision dated on or before D reverses it;
- **superseded**: a decision dated on or before D supersedes it;
- **lapsed**: its ``prec:lapsesOn`` date is on or before D;
- **amended**: a decision dated on or before D amends it (it stays in force, as amended);
- **in force**: taken on or before D and none of the above.

The first that holds wins, in that order. The events come from the store (``standing_events``): the
later decision's own date, else its meeting's. Links either way round count (``supersedes`` on the
later decision, or ``supersededBy`` on the earlier one).
"""

from __future__ import annotations

import datetime as dt
import re
import threading
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from .store import GraphStore

STANDINGS: tuple[str, ...] = ("in force", "superseded", "amended", "reversed", "lapsed", "pending")
_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")

EVENTS_QUERY = """
PREFIX prec: <https://w3id.org/precedent/ontology#>
SELECT DISTINCT ?decision ?event ?when ?own WHERE {
  {
    { ?later prec:supersedes ?decision BIND("superseded" AS ?event) }
    UNION { ?decision prec:supersededBy ?later BIND("superseded" AS ?event) }
    UNION { ?later prec:reverses ?decision BIND("reversed" AS ?event) }
    UNION { ?decision prec:reversedBy ?later BIND("reversed" AS ?event) }
    UNION { ?later prec:amends ?decision BIND("amended" AS ?event) }
    UNION { ?decision prec:amendedBy ?later BIND("amended" AS ?event) }
    OPTIONAL { ?later prec:date ?laterDate }
    OPTIONAL { ?later prec:decidedAt/prec:date ?laterMeetingDate }
    BIND(COALESCE(?laterDate, ?laterMeetingDate) AS ?when)
  }
  UNION { ?decision prec:lapsesOn ?when BIND("lapsed" AS ?event) }
  OPTIONAL { ?decision prec:date ?ownDate }
  OPTIONAL { ?decision prec:decidedAt/prec:date ?ownMeetingDate }
  BIND(COALESCE(?ownDate, ?ownMeetingDate) AS ?own)
}
"""
#: How long a table of events is reused when the store cannot say whether it changed (a remote store).
EVENTS_TTL = 30.0


@dataclass
class Events:
    """What happened to one decision after it was taken: ``event`` → the days it happened (ISO)."""

    decided: str | None = None
    days: dict[str, list[str]] = field(default_factory=dict)


def day(value: object) -> str | None:
    """The ``YYYY-MM-DD`` of a date or dateTime value, or ``None`` if it is not one."""
    match = _DAY.match(str(value)) if value is not None else None
    return match.group(0) if match else None


def standing_as_of(decided: str | None, events: Events | None, as_of: dt.date | str) -> str:
    """The standing (one of ``STANDINGS``) of a decision taken on ``decided`` as of the day ``as_of``."""
    on = as_of.isoformat() if isinstance(as_of, dt.date) else str(as_of)
    decided = decided or (events.decided if events else None)
    if not decided or decided > on:
        return "pending"
    if events is not None:
        for event in ("reversed", "superseded", "lapsed", "amended"):
            if any(when <= on for when in events.days.get(event, ())):
                return event
    return "in force"


def standing_events(store: GraphStore) -> dict[str, Events]:
    """Every decision the store knows something happened to, with its own date and those events' days."""
    table: dict[str, Events] = {}
    for row in store.select(EVENTS_QUERY):
        decision, event, when = row.get("decision"), row.get("event"), day(row.get("when"))
        if decision is None or event is None or when is None:
            continue
        events = table.setdefault(str(decision), Events())
        events.decided = events.decided or day(row.get("own"))
        days = events.days.setdefault(str(event), [])
        if when not in days:
            days.append(when)
    return table


class EventsCache:
    """``standing_events`` of each store, read again when its ``stamp`` changes (else after a while)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._cached: dict[str, tuple[object, float, dict[str, Events]]] = {}

    def get(self, name: str, store: GraphStore, stamp: object | None) -> dict[str, Events]:
        now = time.monotonic()
        cached = self._cached.get(name)
        if cached is not None and cached[0] == stamp and (stamp is not None or now - cached[1] < EVENTS_TTL):
            return cached[2]
        with self._lock:
            table = standing_events(store)
            self._cached[name] = (stamp, now, table)
        return table


def split_by_standing(
    table: dict[str, Events], as_of: dt.date | str
) -> tuple[dict[str, list[str]], list[str]]:
    """For decisions with events: standing → their IRIs as of ``as_of``; and every IRI with events.

    A decision without events is in force once taken (pending before), so search needs only these lists
    plus each record's own date to filter and count every standing.
    """
    by_standing: dict[str, list[str]] = {name: [] for name in STANDINGS}
    for iri, events in sorted(table.items()):
        by_standing[standing_as_of(events.decided, events, as_of)].append(iri)
    return by_standing, sorted(table)


def parse_day(value: str, where: str = "as_of") -> dt.date:
    """``YYYY-MM-DD`` as a date, or ``ValueError`` naming ``where``."""
    try:
        return dt.date.fromisoformat(value)
    except (TypeError, ValueError):
        raise ValueError(f"{where}: {value!r} is not a date like 2017-01-01") from None


def iris_of(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(values))


# --- What the pages, briefings, timelines and feeds add: who changed a decision, and since when ---------
#
# The value always comes from ``standing_as_of`` above (one rule for search and pages); ``standing_detail``
# adds the later decision that made it so and the day, which a briefing must cite.

#: The precedent links that change a decision's standing, and the standing each gives the earlier one.
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


def to_date(value: object) -> dt.date | None:
    """A date from an ``xsd:date``/``dateTime`` literal or string, else ``None``."""
    found = day(value)
    return dt.date.fromisoformat(found) if found else None


def as_of_date(text: str | None, today: dt.date | None = None) -> dt.date:
    """The date a page or command asks about (``YYYY-MM-DD``); today when none is given."""
    if text is None or not str(text).strip():
        return today or dt.date.today()
    return parse_day(str(text).strip())


def standing_detail(
    decided_on: dt.date | None,
    lapses_on: dt.date | None,
    changes: list[Change] | tuple[Change, ...],
    as_of: dt.date,
) -> Standing:
    """``standing_as_of`` for one decision, with the change (or lapse date) that decided it."""
    events = Events(decided=decided_on.isoformat() if decided_on else None)
    for change in changes:
        if change.date is not None:
            events.days.setdefault(CHANGE_LINKS[change.relation], []).append(change.date.isoformat())
    if lapses_on is not None:
        events.days.setdefault("lapsed", []).append(lapses_on.isoformat())
    value = standing_as_of(events.decided, events, as_of)
    if value == "lapsed":
        return Standing(value, lapses_on)
    relation = {target: link for link, target in CHANGE_LINKS.items()}.get(value)
    if relation is None:
        return Standing(value)
    made = sorted(
        (c for c in changes if c.relation == relation and c.date is not None and c.date <= as_of),
        key=lambda c: c.date or dt.date.min,
    )
    if value == "amended":  # the latest amendment is the text in force
        return Standing(value, made[-1].date, made[-1], tuple(made))
    return Standing(value, made[0].date, made[0])


def changes(view: object) -> dict[str, list[Change]]:
    """Every standing-changing link the view's level can see, keyed by the earlier decision's IRI.

    One query for the whole archive: precedent links are few beside decisions (tens on the samples,
    none to hundreds on the real corpora), so this is cheaper than one query per decision.
    """
    return changes_of(view.select(CHANGES_QUERY))  # type: ignore[attr-defined]


def changes_of(rows: Iterable[Mapping[str, object]]) -> dict[str, list[Change]]:
    """``changes`` from rows shaped as ``CHANGES_QUERY``'s (``earlier``, ``link``, ``later``, ``laterDate``,
    ``laterIdentifier``, ``laterLabel``), keyed by the earlier decision's IRI."""
    found: dict[str, list[Change]] = {}
    for row in rows:
        change = Change(
            relation=str(row["link"]).rsplit("#", 1)[-1],
            later=str(row["later"]),
            date=to_date(row.get("laterDate")),
            identifier=str(row["laterIdentifier"]) if row.get("laterIdentifier") is not None else None,
            label=str(row["laterLabel"]) if row.get("laterLabel") is not None else None,
        )
        bucket = found.setdefault(str(row["earlier"]), [])
        if change not in bucket:
            bucket.append(change)
    return found
