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
from collections.abc import Iterable
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
