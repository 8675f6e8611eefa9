"""The records a text index holds and the requests and results it answers, shared by both engines.

Records are derived from the store by the archive (never from a reader), so rebuilding the index
gives the same results. Everything here is plain data plus the checks that keep bad values out of
an engine: kinds and facet names come from fixed lists, dates are ISO calendar dates.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from archive.errors import ArchiveError

FACETS: tuple[str, ...] = (
    "actor",
    "organisation",
    "topic",
    "administration",
    "year",
    "document_type",
    "outcome_status",
)
KINDS: tuple[str, ...] = ("decision", "meeting", "record", "passage", "person", "organisation")
SORTS: tuple[str, ...] = ("relevance", "date")

MAX_PER_PAGE = 100
FACET_TOP = 20
SNIPPET_CHARS = 200
# A facet value longer than this is certainly not a name, a topic or a year; refuse rather than index it.
MAX_FACET_VALUE = 500
# Date sort key of a record without a date: below every real YYYYMMDD, so "newest first" puts it last.
UNDATED = 0

# A date, year-month or year; a time after the date (an xsd:dateTime) is accepted and dropped.
_DATE = re.compile(
    r"^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})?)?)?)?$"
)


class TextIndexError(ArchiveError, ValueError):
    """A record, request or index directory the text index cannot use; the message says which and why."""


@dataclass
class IndexRecord:
    """One searchable thing (a decision, meeting, record, passage of a record, person or organisation).

    ``document`` is the identifier of the source document the record comes from (``None`` for
    entities shared across documents); ``replace_document`` swaps all records of one document at
    once. ``body`` is the name of the body that decided or met, searched like text.
    ``facets`` maps names from ``FACETS`` to exact string values.
    """

    iri: str
    kind: str
    title: str
    text: str = ""
    date: str | None = None
    document: str | None = None
    body: str | None = None
    facets: dict[str, list[str]] = field(default_factory=dict)


@dataclass
class SearchRequest:
    """What a user asked for: words, facet filters, kinds, an inclusive date range, order and page.

    ``text`` is untrusted user input: it is parsed in code into words, quoted phrases, ``OR`` and
    ``-word``; nothing in it reaches an engine's query syntax. ``date_from``/``date_to`` accept
    ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``. ``group``: one place per source document, its best record
    first and a few more under it (relevance order with words only). ``document`` keeps the records of
    one source document (what "more from this document" asks for).
    """

    text: str = ""
    filters: dict[str, list[str]] = field(default_factory=dict)
    kinds: tuple[str, ...] = ()
    date_from: str | None = None
    date_to: str | None = None
    sort: str = "relevance"
    page: int = 1
    per_page: int = 10
    group: bool = False
    document: str | None = None
    as_of: str | None = None
    standing: tuple[str, ...] = ()
    #: Set by the archive, not the user: decisions with standing events (``archive.standing``).
    standing_events: dict[str, Any] | None = None
    #: Plain BM25 over any word, nothing else (no names, dates, boosts or grouping): the baseline the
    #: question ranking is measured against (``bench/search_quality.py``, ``bench/search_bench.py``).
    plain: bool = False


@dataclass
class Hit:
    """One result: the record's stored fields, an escaped HTML snippet (matches in ``<mark>``), a score."""

    iri: str
    kind: str
    title: str
    date: str | None
    document: str | None
    body: str | None
    snippet: str
    score: float
    also: list[Hit] = field(default_factory=list)
    more: int = 0
    standing: str | None = None


@dataclass
class SearchResult:
    """One page of results, the exact total, facet counts over the whole filtered set, and suggestions.

    ``relaxed`` is true when no record held every word, so the hits are records holding any of
    them; ``suggestions`` then (and whenever nothing matched) lists simpler queries that do match.
    ``explanation`` says how the text was read ("Lansing → person Robert Lansing"). When ``grouped``,
    each hit is the best record of one source document, with ``also`` (a few more of its records) and
    ``more`` (how many others of it matched among the candidates); ``total`` still counts records.
    """

    query: str
    total: int
    hits: list[Hit]
    facets: dict[str, list[tuple[str, int]]]
    suggestions: list[str]
    relaxed: bool = False
    page: int = 1
    per_page: int = 10
    explanation: list[str] = field(default_factory=list)
    grouped: bool = False
    as_of: str | None = None
    #: The ``standing`` facet on ``as_of``: (standing, how many matching decisions have it).
    standing: list[tuple[str, int]] = field(default_factory=list)


def date_key(value: str | None, *, where: str, upper: bool = False) -> int:
    """The sort and range key YYYYMMDD of an ISO date; a missing month or day is 00 (99 if ``upper``)."""
    if value is None or value == "":
        return UNDATED
    match = _DATE.match(value.strip())
    if not match:
        raise TextIndexError(f"{where}: date {value!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = match.groups()
    fill = "99" if upper else "00"
    month_num, day_num = int(month or 1), int(day or 1)
    if not (1 <= month_num <= 12 and 1 <= day_num <= 31):
        raise TextIndexError(f"{where}: date {value!r} has no such month or day")
    return int(f"{year}{month or fill}{day or fill}")


def checked_record(record: IndexRecord) -> IndexRecord:
    """The record with facets cleaned (``year`` from ``date``), or TextIndexError naming iri and field."""
    where = f"index record {record.iri!r}"
    if not record.iri:
        raise TextIndexError("index record without an iri")
    if record.kind not in KINDS:
        raise TextIndexError(f"{where}: kind {record.kind!r} is not one of {', '.join(KINDS)}")
    date_key(record.date, where=f"{where}, field date")
    facets: dict[str, list[str]] = {}
    for name, values in (record.facets or {}).items():
        if name not in FACETS:
            raise TextIndexError(f"{where}: facet {name!r} is not one of {', '.join(FACETS)}")
        if isinstance(values, str):
            values = [values]
        cleaned: list[str] = []
        for value in values:
            if not isinstance(value, str):
                raise TextIndexError(f"{where}, facet {name}: value {value!r} is not a string")
            value = _without_controls(value).strip()
            if len(value) > MAX_FACET_VALUE:
                raise TextIndexError(f"{where}, facet {name}: value longer than {MAX_FACET_VALUE} characters")
            if value and value not in cleaned:
                cleaned.append(value)
        if cleaned:
            facets[name] = cleaned
    if "year" not in facets and record.date:
        facets["year"] = [record.date.strip()[:4]]

    return IndexRecord(
        iri=record.iri,
        kind=record.kind,
        title=record.title or "",
        text=record.text or "",
        date=_date_part(record.date),
        document=record.document or None,
        body=record.body or None,
        facets=facets,
    )


@dataclass(frozen=True)
class StandingScope:
    """Decisions' standing on one day in the index's terms (see ``archive.standing``).

    A decision with no recorded event is in force from its date (``datekey`` ≤ ``day_key``) and pending
    before it; those with events are listed by IRI under the standing they have on that day.
    """

    day: str
    day_key: int
    listed: dict[str, tuple[str, ...]]
    with_events: tuple[str, ...]
    events: dict[str, Any]


@dataclass(frozen=True)
class NormalRequest:
    """A SearchRequest checked and clamped: valid kinds, facets, sort, page bounds, date keys."""

    text: str
    filters: dict[str, tuple[str, ...]]
    kinds: tuple[str, ...]
    date_lo: int | None
    date_hi: int | None
    sort: str
    page: int
    per_page: int
    group: bool = False
    document: str | None = None
    scope: StandingScope | None = None
    standing: tuple[str, ...] = ()
    day_asked: bool = False
    plain: bool = False

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.per_page

    @property
    def has_filters(self) -> bool:
        return bool(
            self.filters
            or self.kinds
            or self.document
            or self.date_lo is not None
            or self.date_hi is not None
        )


def normalised(request: SearchRequest) -> NormalRequest:
    """Check a request's names and dates, and clamp page and per_page, or raise TextIndexError."""
    filters: dict[str, tuple[str, ...]] = {}
    for name, values in (request.filters or {}).items():
        if name not in FACETS:
            raise TextIndexError(f"search filter {name!r} is not one of {', '.join(FACETS)}")
        if isinstance(values, str):
            values = [values]
        kept = tuple(dict.fromkeys(v for v in values if isinstance(v, str) and v))
        if kept:
            filters[name] = kept
    kinds = (request.kinds,) if isinstance(request.kinds, str) else tuple(request.kinds or ())
    kinds = tuple(dict.fromkeys(kinds))
    for kind in kinds:
        if kind not in KINDS:
            raise TextIndexError(f"search kind {kind!r} is not one of {', '.join(KINDS)}")
    if request.sort not in SORTS:
        raise TextIndexError(f"search sort {request.sort!r} is not one of {', '.join(SORTS)}")
    date_lo = date_key(request.date_from, where="search date_from") if request.date_from else None
    date_hi = date_key(request.date_to, where="search date_to", upper=True) if request.date_to else None
    return NormalRequest(
        text=request.text or "",
        filters=filters,
        kinds=kinds,
        date_lo=date_lo,
        date_hi=date_hi,
        sort=request.sort,
        page=max(1, _whole_number(request.page, "page", 1)),
        per_page=min(MAX_PER_PAGE, max(1, _whole_number(request.per_page, "per_page", 10))),
        group=bool(request.group),
        document=_document_id(request.document),
        scope=_scope(request),
        standing=_standings(request.standing),
        day_asked=bool(request.as_of),
        plain=bool(request.plain),
    )


def _standings(values: tuple[str, ...] | str | None) -> tuple[str, ...]:
    from archive.standing import STANDINGS

    values = (values,) if isinstance(values, str) else tuple(values or ())
    for value in values:
        if value not in STANDINGS:
            raise TextIndexError(f"search standing {value!r} is not one of {', '.join(STANDINGS)}")
    return tuple(dict.fromkeys(values))


def _scope(request: SearchRequest) -> StandingScope:
    """The standing of decisions on ``request.as_of`` (default today), from the events the archive gave."""
    from archive.standing import parse_day, split_by_standing

    try:
        day = parse_day(request.as_of) if request.as_of else dt.date.today()
    except ValueError as error:
        raise TextIndexError(f"search {error}") from None
    global _last_scope
    events = request.standing_events or {}
    # The events table is one object until the store changes (``archive.standing.EventsCache``), so
    # the split for a day is kept beside it rather than redone for every search.
    kept = _last_scope
    if kept is not None and kept[0] is events and kept[1] == day:
        return kept[2]
    listed, with_events = split_by_standing(events, day)
    scope = StandingScope(
        day=day.isoformat(),
        day_key=day.year * 10000 + day.month * 100 + day.day,
        listed={name: tuple(iris) for name, iris in listed.items()},
        with_events=tuple(with_events),
        events=events,
    )
    if events:
        _last_scope = (events, day, scope)
    return scope


#: The last (events table, day, scope) ``_scope`` built; replaced whole, so threads read it safely.
_last_scope: tuple[dict, dt.date, StandingScope] | None = None


def _document_id(value: str | None) -> str | None:
    if value is None or value == "":
        return None
    if not isinstance(value, str) or len(value) > MAX_FACET_VALUE or _without_controls(value) != value:
        raise TextIndexError("search document: not a document identifier")
    return value


def _whole_number(value: object, name: str, default: int) -> int:
    if value is None or value == "":
        return default
    try:
        return int(value)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        raise TextIndexError(f"search {name} {value!r} is not a whole number") from None


def _date_part(value: str | None) -> str | None:
    """The date as stored and shown: the checked value without any time of day."""
    if not value or not value.strip():
        return None
    return value.strip().split("T", 1)[0]


#: Every control character below the space except the tab, deleted by ``str.translate``.
_CONTROLS = dict.fromkeys(code for code in range(32) if code != 9)


def _without_controls(value: str) -> str:
    # a printable string holds no control character; translate works in C (a generator per character
    # cost the writer 0.1 s a FRUS volume, once per record and level)
    return value if value.isprintable() else value.translate(_CONTROLS)
