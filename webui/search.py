"""The search page and its JSON twin: one box, ranked hits with snippets, facets that combine,
a date range, sort, pages, and suggestions when nothing matches.

Results are grouped by source document (``group=0`` turns it off; ``document=ID`` lists one
document's records: "more from this document"), each search says how its text was read
(``explanation``), and ``as_of=YYYY-MM-DD`` with ``standing=…`` filters decisions by their standing on
that date (default today).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any
from urllib.parse import quote_plus

from flask import Blueprint, current_app, jsonify, render_template, request
from markupsafe import Markup

from archive.standing import STANDINGS
from archive.textindex.model import FACETS, KINDS, SORTS, Hit, SearchRequest, SearchResult

from .auth import current_view

blueprint = Blueprint("search", __name__)

FACET_LABELS = {
    "organisation": "Organisation",
    "actor": "Person",
    "topic": "Topic",
    "administration": "Administration",
    "year": "Year",
    "document_type": "Document type",
    "outcome_status": "Outcome status",
}
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
MAX_QUERY = 500
MAX_PAGE = 1000
#: Hits per page unless the request says otherwise (web page, API and ``precedent search`` alike).
DEFAULT_PER_PAGE = 20


class BadParameter(ValueError):
    """A search parameter that cannot be used; ``name`` is the parameter, the message says why."""

    def __init__(self, name: str, problem: str) -> None:
        super().__init__(f"parameter {name!r}: {problem}")
        self.name = name


@dataclass
class SearchParameters:
    """The search as the URL states it; ``request()`` turns it into the index's ``SearchRequest``."""

    text: str
    facets: list[tuple[str, str]]
    kinds: list[str]
    date_from: str | None
    date_to: str | None
    sort: str
    page: int
    per_page: int
    group: bool = True
    document: str | None = None
    as_of: str | None = None
    standing: list[str] | None = None
    #: Each parameter of this state, URL-encoded (filled by ``query_string``).
    _encoded: dict[str, str] | None = field(default=None, init=False, repr=False, compare=False)
    #: The encoded parameters before and after ``facet`` in a facet link (filled by ``toggle``).
    _around_facets: tuple[str, str] | None = field(default=None, init=False, repr=False, compare=False)

    def request(self) -> SearchRequest:
        filters: dict[str, list[str]] = {}
        for name, value in self.facets:
            filters.setdefault(name, []).append(value)
        return SearchRequest(
            text=self.text,
            filters=filters,
            kinds=tuple(self.kinds),
            date_from=self.date_from,
            date_to=self.date_to,
            sort=self.sort,
            page=self.page,
            per_page=self.per_page,
            group=self.group and not self.document,
            document=self.document,
            as_of=self.as_of,
            standing=tuple(self.standing or ()),
        )

    def query_string(self, **changes: Any) -> str:
        """This search's URL parameters with ``changes`` applied (``facets``, ``page``…).

        A results page asks for one of these per facet value (about a hundred), so each parameter of the
        unchanged state is encoded once per search and reused; the text is what ``urlencode`` gives.
        """
        changed = {("facet" if key == "facets" else key): value for key, value in changes.items()}
        if "facet" in changed:
            changed["facet"] = [f"{n}:{v}" for n, v in changed["facet"]]
        return self._joined({key: _encoded(key, value) for key, value in changed.items()})

    def _joined(self, changed: dict[str, str]) -> str:
        """The encoded state with some parameters' encodings replaced (unknown ones go last)."""
        if self._encoded is None:
            self._encoded = {key: _encoded(key, value) for key, value in self._state().items()}
        parts = [changed.pop(key) if key in changed else encoded for key, encoded in self._encoded.items()]
        parts.extend(changed.values())
        return "&".join(part for part in parts if part)

    def _state(self) -> dict[str, Any]:
        return {
            "q": self.text,
            "facet": [f"{n}:{v}" for n, v in self.facets],
            "kind": self.kinds,
            "from": self.date_from,
            "to": self.date_to,
            "sort": self.sort,
            "page": self.page,
            "group": None if self.group else "0",
            "document": self.document,
            "as_of": self.as_of,
            "standing": list(self.standing or []),
        }

    def toggle(self, name: str, value: str) -> str:
        """The query string with facet ``name:value`` switched on or off, back on page 1."""
        pair = (name, value)
        facets = [f for f in self.facets if f != pair] if pair in self.facets else self.facets + [pair]
        encoded = "&".join("facet=" + _quoted(f"{n}:{v}") for n, v in facets)
        if self._around_facets is None:
            # What comes before and after the facets once page 1 is left out: the same for every link.
            self._joined({})
            encodings = dict(self._encoded or {}, page="")
            keys = list(encodings)
            cut = keys.index("facet")
            self._around_facets = (
                "&".join(encodings[key] for key in keys[:cut] if encodings[key]),
                "&".join(encodings[key] for key in keys[cut + 1 :] if encodings[key]),
            )
        before, after = self._around_facets
        return "&".join(part for part in (before, encoded, after) if part)

    def facet_items(self, name: str, values: list[tuple[str, int]]) -> Markup:
        """The ``<li>`` links of one facet's values, each toggling that value (see ``search.html``).

        A results page lists about a hundred of them; built here in one pass they cost a fraction
        of the template loop they replace (which spent most of its time in Jinja's calls and escapes).
        """
        chosen = set(self.facets)
        items = []
        for value, count in values:
            active = (name, value) in chosen
            items.append(
                '\n          \n          <li><a href="?'
                + _text(self.toggle(name, value))
                + ('" class="active" aria-current="true">' if active else '" class="" >')
                + '\n            <span class="facet-value">'
                + _text(value)
                + f'</span> <span class="count">{count}</span></a></li>\n        '
            )
        return Markup("".join(items))


def hit_items(result: SearchResult, params: SearchParameters) -> Markup:
    """The ``<li class="hit">`` items of a results page, each with its "also" records and source.

    Built in one pass (about 35 records a page): in the template each record cost a dozen Jinja
    lookups, calls and escapes. ``search.html`` places the result; the markup is what its loop gave.
    """
    from . import entity_path, safe_snippet  # the package imports this module first

    as_of = f" on {_text(result.as_of)}" if result.as_of else ""
    parts: list[str] = []
    add = parts.append
    for hit in result.hits:
        kind = _text(hit.kind)
        add(
            f'\n      <li class="hit">\n        <div class="hit-meta">'
            f'<span class="kind kind-{kind}">{kind}</span>\n          '
        )
        if hit.date:
            date = _text(hit.date)
            add(f'<time datetime="{date}">{date}</time>')
        add("\n          ")
        if hit.body:
            add(f'<span class="body-name">{_text(hit.body)}</span>')
        add("\n          ")
        if hit.standing:
            add(f'<span class="standing">{_text(hit.standing)}{as_of}</span>')
        add(
            f'</div>\n        <h3><a href="{_text(entity_path(hit.iri) or hit.iri)}">'
            f"{_text(hit.title or hit.iri)}</a></h3>\n        "
        )
        if hit.snippet:
            add(f'<p class="snippet">{safe_snippet(hit.snippet)}</p>')
        add("\n        ")
        if hit.also:
            add('<ul class="also">')
            for other in hit.also:
                other_kind = _text(other.kind)
                add(
                    f'\n          <li><span class="kind kind-{other_kind}">{other_kind}</span> '
                    f'<a href="{_text(entity_path(other.iri) or other.iri)}">'
                    f"{_text(other.title or other.iri)}</a>"
                    "\n            "
                )
                if other.snippet:
                    add(f'<span class="snippet">{safe_snippet(other.snippet)}</span>')
                add("</li>\n        ")
            add("</ul>")
        add("\n        ")
        if hit.document:
            add(
                f'<p class="hit-source">Source: <span class="doc-id">{_text(hit.document)}</span>\n          '
            )
            if hit.more:
                link = _text(params.query_string(document=hit.document, page=1))
                add(f' · <a href="?{link}">{hit.more} more from this document</a>')
            add("</p>")
        add("\n      </li>\n    ")
    return Markup("".join(parts))


def _text(value: str) -> str:
    """``markupsafe.escape(value)`` as a plain string, for text put into markup built here.

    The same five replacements, without making a ``Markup`` object per value (a page has ~400).
    """
    return (
        value.replace("&", "&amp;")
        .replace(">", "&gt;")
        .replace("<", "&lt;")
        .replace("'", "&#39;")
        .replace('"', "&#34;")
    )


@lru_cache(maxsize=4096)
def _quoted(text: str) -> str:
    """``quote_plus(text)``: the same facet values and words come back on every page (~100 a page)."""
    return quote_plus(text)


def _encoded(key: str, value: Any) -> str:
    """``urlencode`` of one parameter of the state: nothing for a default, one pair per list item."""
    if key == "sort" and value == "relevance" or key == "page" and value == 1:
        return ""
    values = value if isinstance(value, list) else [value]
    name = _quoted(key)
    return "&".join(f"{name}={_quoted(str(v))}" for v in values if v not in (None, ""))


def parse(args: Any, per_page: int) -> SearchParameters:
    """Read and check the URL parameters; ``BadParameter`` names the first bad one."""
    text = args.get("q", "").strip()
    if len(text) > MAX_QUERY:
        raise BadParameter("q", f"at most {MAX_QUERY} characters")
    facets: list[tuple[str, str]] = []
    for raw in args.getlist("facet"):
        name, sep, value = raw.partition(":")
        if not sep or not value.strip():
            raise BadParameter("facet", f"{raw!r} should be name:value, e.g. topic:Water")
        if name not in FACETS:
            raise BadParameter("facet", f"unknown facet {name!r}; facets: {', '.join(FACETS)}")
        if (name, value) not in facets:
            facets.append((name, value))
    kinds = []
    for kind in args.getlist("kind"):
        if kind not in KINDS:
            raise BadParameter("kind", f"unknown kind {kind!r}; kinds: {', '.join(KINDS)}")
        kinds.append(kind)
    dates = {}
    for name in ("from", "to"):
        value = args.get(name, "").strip() or None
        if value is not None and not _DATE.match(value):
            raise BadParameter(name, f"{value!r} is not a date like 2014, 2014-03 or 2014-03-31")
        dates[name] = value
    sort = args.get("sort", "relevance")
    if sort not in SORTS:
        raise BadParameter("sort", f"{sort!r} is not one of {', '.join(SORTS)}")
    page = _positive(args, "page", 1, MAX_PAGE)
    size = _positive(args, "per_page", per_page, 100)
    group = args.get("group", "1")
    if group not in ("0", "1"):
        raise BadParameter("group", f"{group!r} is not 0 or 1")
    document = args.get("document", "").strip() or None
    if document is not None and (len(document) > MAX_QUERY or not document.isprintable()):
        raise BadParameter("document", "not a document identifier")
    as_of = args.get("as_of", "").strip() or None
    if as_of is not None and not _DAY.match(as_of):
        raise BadParameter("as_of", f"{as_of!r} is not a date like 2017-01-01")
    standing = []
    for value in args.getlist("standing"):
        if value not in STANDINGS:
            raise BadParameter("standing", f"unknown standing {value!r}; one of: {', '.join(STANDINGS)}")
        if value not in standing:
            standing.append(value)
    return SearchParameters(
        text,
        facets,
        kinds,
        dates["from"],
        dates["to"],
        sort,
        page,
        size,
        group == "1",
        document,
        as_of,
        standing,
    )


def _positive(args: Any, name: str, default: int, limit: int) -> int:
    raw = args.get(name)
    if raw in (None, ""):
        return default
    if not raw.isdigit() or not 1 <= int(raw) <= limit:
        raise BadParameter(name, f"{raw!r} is not a whole number from 1 to {limit}")
    return int(raw)


def as_json(result: SearchResult, params: SearchParameters) -> dict[str, Any]:
    """The ``/api/search`` document (also what ``precedent search --json`` prints).

    The shape of old is kept; added: ``explanation`` (how the text was read), ``grouped``, and per hit
    ``also`` (more records of the same source document, same fields) and ``more`` (how many others);
    ``standing`` per hit and ``as_of`` when the result has them.
    """
    return {
        "query": result.query,
        "total": result.total,
        "page": params.page,
        "per_page": params.per_page,
        "hits": [
            dict(_hit(hit), also=[_hit(other) for other in hit.also], more=hit.more) for hit in result.hits
        ],
        "facets": {
            name: [{"value": value, "count": count} for value, count in values]
            for name, values in [*result.facets.items(), ("standing", result.standing)]
            if name != "standing" or values
        },
        "suggestions": list(result.suggestions),
        "relaxed": bool(getattr(result, "relaxed", False)),
        "explanation": list(result.explanation),
        "grouped": bool(result.grouped),
        "as_of": result.as_of,
    }


def _hit(hit: Hit) -> dict[str, Any]:
    return {
        "iri": hit.iri,
        "kind": hit.kind,
        "title": hit.title,
        "date": hit.date,
        "document": hit.document,
        "body": hit.body,
        "snippet": hit.snippet,
        "score": hit.score,
        "standing": hit.standing,
    }


def _run() -> tuple[SearchParameters | None, SearchResult | None, str | None]:
    try:
        params = parse(request.args, current_app.config["SEARCH_PER_PAGE"])
    except BadParameter as error:
        return None, None, str(error)
    try:
        result = current_view().search(params.request())
    except ValueError as error:  # the index's own checks (TextIndexError is a ValueError)
        return params, None, str(error)
    return params, result, None


@blueprint.route("/")
@blueprint.route("/search")
def home() -> Any:
    params, result, error = _run()
    if error is not None:
        return render_template(
            "search.html",
            params=params,
            result=None,
            error=error,
            labels=FACET_LABELS,
            kinds=KINDS,
            standings=STANDINGS,
        ), 400
    pages = 0
    if result is not None and params is not None:
        pages = min(MAX_PAGE, (result.total + params.per_page - 1) // params.per_page)
    return render_template(
        "search.html",
        params=params,
        result=result,
        hit_items=hit_items,
        error=None,
        labels=FACET_LABELS,
        kinds=KINDS,
        pages=pages,
        standings=STANDINGS,
    )


@blueprint.route("/api/search")
def api() -> Any:
    params, result, error = _run()
    if error is not None or result is None or params is None:
        response = jsonify({"error": "bad request", "status": 400, "message": error})
        response.status_code = 400
        return response
    return jsonify(as_json(result, params))
