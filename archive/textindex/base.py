"""What both engines share: the search flow (all words, else any word, plus suggestions) and exact ordering.

An engine supplies a few primitives — analyse text, count a query, fetch one ranked page with its
facet counts — and this base turns them into the behaviour the archive relies on, so Tantivy and
Whoosh answer the same request with the same records.
"""

from __future__ import annotations

import logging
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any, TypeVar

from archive.textindex.model import (
    FACET_TOP,
    FACETS,
    IndexRecord,
    NormalRequest,
    SearchRequest,
    SearchResult,
    TextIndexError,
    checked_record,
    normalised,
)
from archive.textindex.userquery import Clause, UserQuery, parse

log = logging.getLogger(__name__)

H = TypeVar("H")
L = TypeVar("L")

MAX_SUGGESTIONS = 5
# "any" = the relaxed fallback: a record needs one of the clauses, not all of them.
MODES = ("all", "any")


class EngineIndex(ABC):
    """A text index in one private directory; subclasses bind it to an engine."""

    engine: str = ""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        make_private_dir(self.path)
        self._bulk_depth = 0

    @contextmanager
    def bulk(self) -> Iterator[None]:
        """Keep the engine's writer (and its lock) across the writes inside, e.g. for a reindex.

        Outside ``bulk`` each write takes the engine's lock and gives it back, so another process's
        archive writer can write next.
        """
        self._bulk_depth += 1
        try:
            yield
        finally:
            self._bulk_depth -= 1
            if self._bulk_depth == 0:
                self._release_writer()

    @abstractmethod
    def _release_writer(self) -> None:
        """Give back the engine's writer lock if this handle holds one."""

    # --- engine primitives -------------------------------------------------------------------
    @abstractmethod
    def analyze(self, text: str) -> list[str]:
        """The terms the index would store for ``text`` (tokenise, fold case and accents, stem)."""

    @abstractmethod
    def _write(self, delete_documents: list[str], delete_iris: list[str], records: list[IndexRecord]) -> None:
        """Apply deletions then additions in one commit; on any failure nothing changes."""

    @abstractmethod
    def _count(self, query: UserQuery, request: NormalRequest, mode: str) -> int:
        """How many records match ``query`` under the request's filters."""

    @abstractmethod
    def _page(self, query: UserQuery, request: NormalRequest, mode: str) -> SearchResult:
        """One page of hits, the exact total and the facet counts for ``query`` under the filters."""

    @abstractmethod
    def documents(self) -> set[str]: ...

    @abstractmethod
    def count(self) -> int: ...

    @abstractmethod
    def clear(self) -> None: ...

    @abstractmethod
    def close(self) -> None: ...

    # --- writes ------------------------------------------------------------------------------
    def write_batch(
        self, delete_documents: list[str], delete_iris: list[str], records: list[IndexRecord]
    ) -> None:
        """Delete whole documents and single records, then add ``records``, all in one commit."""
        checked = _unique([checked_record(record) for record in records])
        if delete_documents or delete_iris or checked:
            self._write(list(delete_documents), list(dict.fromkeys(delete_iris)), checked)

    def replace_document(self, document_id: str, records: list[IndexRecord]) -> None:
        """Swap every record of ``document_id`` for ``records`` in one commit; all or nothing."""
        if not document_id:
            raise TextIndexError("replace_document needs a document identifier")
        checked = [checked_record(record) for record in records]
        for record in checked:
            if record.document not in (None, document_id):
                raise TextIndexError(
                    f"index record {record.iri!r}: field document is {record.document!r}, "
                    f"not the document being replaced ({document_id!r})"
                )
            record.document = document_id
        self._write([document_id], [record.iri for record in checked], _unique(checked))

    def upsert(self, records: Iterable[IndexRecord]) -> None:
        """Add records, replacing any record with the same iri, in one commit."""
        checked = _unique([checked_record(record) for record in records])
        if checked:
            self._write([], [record.iri for record in checked], checked)

    def delete(self, iris: Iterable[str]) -> None:
        iris = [iri for iri in iris if iri]
        if iris:
            self._write([], iris, [])

    def delete_document(self, document_id: str) -> None:
        if document_id:
            self._write([document_id], [], [])

    # --- search ------------------------------------------------------------------------------
    def search(self, request: SearchRequest) -> SearchResult:
        """Answer a request: every word must match; if none does, fall back to any word and say so."""
        normal = normalised(request)
        query = parse(normal.text, self.analyze)
        if not query.clauses and normal.sort == "relevance":
            # Browsing: every score is equal, and the tie order (newest first) is the date order.
            normal = _with_sort(normal, "date")
        result = self._page(query, normal, "all")
        if result.total == 0 and query.clauses:
            result.suggestions = self._suggestions(query, normal)
            if len(query.clauses) > 1:
                relaxed = self._page(query, normal, "any")
                if relaxed.total:
                    relaxed.relaxed = True
                    relaxed.suggestions = result.suggestions
                    result = relaxed
        result.query = normal.text
        result.page, result.per_page = normal.page, normal.per_page
        return result

    def _suggestions(self, query: UserQuery, request: NormalRequest) -> list[str]:
        """Simpler queries, built from the words that match something here, that do return records."""
        clauses = query.clauses
        counts = [self._count(UserQuery((clause,), query.excluded), request, "all") for clause in clauses]
        offered: list[str] = []

        def offer(kept: list[Clause], excluded: tuple = query.excluded) -> None:
            candidate = UserQuery(tuple(kept), excluded)
            text = candidate.display()
            if not kept or (tuple(kept) == clauses and excluded == query.excluded) or text in offered:
                return
            if len(offered) < MAX_SUGGESTIONS and self._count(candidate, request, "all") > 0:
                offered.append(text)

        if len(clauses) > 1:
            rarest = min(range(len(clauses)), key=lambda i: (counts[i], -i))
            offer([clause for i, clause in enumerate(clauses) if i != rarest])
            offer([clause for clause, n in zip(clauses, counts, strict=True) if n > 0])
        if query.excluded:
            offer(list(clauses), ())
        for i in sorted(range(len(clauses)), key=lambda i: -counts[i])[:3]:
            if counts[i] > 0:
                offer([clauses[i]])
        return offered


def ranked_window(
    fetch: Callable[[int], list[tuple[Any, H]]],
    total: int,
    start: int,
    stop: int,
    secondary: Callable[[list[H]], list[tuple]],
    load: Callable[[list[H]], list[L]],
    last: Callable[[L], str],
) -> list[tuple[Any, L]]:
    """Hits ``start:stop`` ordered by (primary desc, ``secondary`` asc, ``last`` asc), exactly.

    ``fetch(limit)`` returns up to ``limit`` (primary, handle) pairs sorted by primary, descending,
    with ties in whatever order the engine likes; ``total`` is how many match. ``secondary`` gives
    cheap keys (fast fields) for a batch of handles; ``load`` reads stored records, which is dear,
    so it runs only on the page and on the ties that straddle its edges; ``last`` is the final key
    (the iri). So a big run of equal scores or dates costs a sort, not a read of every record.
    """
    stop = min(stop, total)
    if start >= stop:
        return []
    limit = stop
    while True:
        ranked = fetch(limit)
        # Grow until the run of equal primaries at the end of the window is complete.
        if len(ranked) < limit or limit >= total or ranked[-1][0] != ranked[stop - 1][0]:
            break
        limit = min(limit * 2, total)
    stop = min(stop, len(ranked))
    if start >= stop:
        return []
    low = start
    while low > 0 and ranked[low - 1][0] == ranked[start][0]:
        low -= 1
    high = stop
    while high < len(ranked) and ranked[high][0] == ranked[high - 1][0]:
        high += 1
    group = ranked[low:high]
    keys = secondary([handle for _, handle in group])
    ordered = sorted(
        ((group[i][0], keys[i], group[i][1]) for i in range(len(group))),
        key=lambda item: (_descending(item[0]), item[1]),
    )
    first, end = start - low, stop - low
    while first > 0 and ordered[first - 1][:2] == ordered[start - low][:2]:
        first -= 1
    while end < len(ordered) and ordered[end][:2] == ordered[end - 1][:2]:
        end += 1
    edge = ordered[first:end]
    loaded = load([handle for _, _, handle in edge])
    final = sorted(range(len(edge)), key=lambda i: (_descending(edge[i][0]), edge[i][1], last(loaded[i])))
    return [(edge[i][0], loaded[i]) for i in final][start - low - first : stop - low - first]


def top_facets(counts: dict[str, dict[str, int]]) -> dict[str, list[tuple[str, int]]]:
    """Every facet's values by count, then value; the top ``FACET_TOP``."""
    return {
        name: sorted(((value, n) for value, n in counts.get(name, {}).items() if n > 0), key=_by_count)[
            :FACET_TOP
        ]
        for name in FACETS
    }


def make_private_dir(path: Path) -> None:
    """Create ``path`` readable by its owner only: an index holds text some users may not see."""
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    path.chmod(0o700)


def _by_count(item: tuple[str, int]) -> tuple[int, str]:
    return (-item[1], item[0])


def _descending(primary: Any) -> Any:
    return -primary


def _unique(records: list[IndexRecord]) -> list[IndexRecord]:
    """The last record for each iri: one iri is one record in the index."""
    return list({record.iri: record for record in records}.values())


def _with_sort(request: NormalRequest, sort: str) -> NormalRequest:
    return replace(request, sort=sort)
