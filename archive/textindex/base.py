"""What both engines share: the search flow, exact ordering, and grouping by source document.

An engine supplies a few primitives — analyse text, count a query, fetch one ranked page with its
facet counts, list a facet's values — and this base turns them into the behaviour the archive relies
on, so Tantivy and Whoosh answer the same request with the same records.

The flow: the text is parsed in code (``userquery``) and read (``understand``) into a ``Plan``. Keywords
need every word (else any word, with suggestions); a question needs only some, ranked by BM25 plus
boosts for neighbouring words, the date window, names and the kinds it asks for. With ``group`` the
ranked records are gathered by source document (``grouped_window``), one place each.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import heapq
import logging
import threading
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any, TypeVar

from archive.standing import STANDINGS, standing_as_of
from archive.textindex import ranking
from archive.textindex.model import (
    FACET_TOP,
    FACETS,
    Hit,
    IndexRecord,
    NormalRequest,
    SearchRequest,
    SearchResult,
    TextIndexError,
    checked_record,
    normalised,
)
from archive.textindex.understand import Gazetteer, Plan, build_gazetteer, plan, topic_synonyms
from archive.textindex.userquery import Clause, UserQuery, parse

log = logging.getLogger(__name__)

H = TypeVar("H")
L = TypeVar("L")

MAX_SUGGESTIONS = 5
#: Facets whose values are names a question may use (the gazetteer's vocabulary).
NAME_FACETS = ("actor", "organisation", "topic", "administration")
#: Grouped search reads at most this many ranked records to fill a page of documents.
MAX_CANDIDATES = 4000
# "any" = the relaxed fallback: a record needs one of the clauses, not all of them.
MODES = ("all", "any")


class EngineIndex(ABC):
    """A text index in one private directory; subclasses bind it to an engine."""

    engine: str = ""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        make_private_dir(self.path)
        self._bulk_depth = 0
        self._gazetteer: tuple[object, Gazetteer] | None = None
        self._gazetteer_lock = threading.Lock()

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
    def _write(
        self,
        delete_documents: list[str],
        delete_iris: list[str],
        records: list[IndexRecord],
        shared: dict[int, object] | None = None,
    ) -> None:
        """Apply deletions then additions in one commit; on any failure nothing changes.

        ``shared``: see ``write_batch``.
        """

    @abstractmethod
    def _count(self, plan: Plan, request: NormalRequest, mode: str) -> int:
        """How many records match the plan's query under the request's filters."""

    @abstractmethod
    def _page(self, plan: Plan, request: NormalRequest, mode: str) -> SearchResult:
        """One page of hits (grouped if ``request.group``), the exact total and the facet counts."""

    @abstractmethod
    def _vocabulary(self, facet: str) -> list[str]:
        """Every value the live records hold in ``facet``."""

    @abstractmethod
    def _signature(self) -> object:
        """Something that changes whenever the index's content does (to know when caches are stale)."""

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
        self,
        delete_documents: list[str],
        delete_iris: list[str],
        records: list[IndexRecord],
        checked: bool = False,
        shared: dict[int, object] | None = None,
    ) -> None:
        """Delete whole documents and single records, then add ``records``, all in one commit.

        ``checked``: the records came from ``checked_record`` already (the writer checks a record once
        for all the levels it goes to). ``shared``: where the engine may keep what it made of a record
        for the other indexes given the same record object in the same batch, keyed by ``id`` (the engine
        keeps the record beside what it made, so an ``id`` is never another record's; the caller changes
        no record while the dictionary lives).
        """
        records = records if checked else [checked_record(record) for record in records]
        checked_records = _unique(records)
        if delete_documents or delete_iris or checked_records:
            self._write(list(delete_documents), list(dict.fromkeys(delete_iris)), checked_records, shared)

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
        """Answer a request: keywords need every word (else any word, said so); questions are ranked."""
        normal = normalised(request)
        query = parse(normal.text, self.analyze)
        if not query.clauses and normal.sort == "relevance":
            # Browsing: every score is equal, and the tie order (newest first) is the date order.
            normal = _with_sort(normal, "date")
        if normal.plain:
            read = Plan(query, ranked=len(query.clauses) > 1, plain=True)
        else:
            names = self.gazetteer() if query.clauses else None
            read = plan(query, normal.text, self.analyze, names, dt.date.today())
        if (
            not read.query.clauses
            or normal.sort != "relevance"
            or normal.plain
            or normal.offset + normal.per_page > ranking.GROUPED_DEPTH
        ):
            # Deep pages list records: gathering thousands of documents' records costs more than any
            # reader that far down gains from it.
            normal = replace(normal, group=False)
        if read.ranked and not read.plain and not normal.kinds:
            # A question is answered by documents: the persons and bodies it names match as facet
            # values of their records (and are named in the explanation), not as rows of their own.
            normal = replace(normal, kinds=ranking.DOCUMENT_KINDS)
        if read.ranked:
            result = self._page(read, normal, "any")
        else:
            result = self._page(read, normal, "all")
            if result.total == 0 and read.query.clauses:
                result.suggestions = self._suggestions(read.query, normal)
                if len(read.query.clauses) > 1:
                    relaxed = self._page(read, normal, "any")
                    if relaxed.total:
                        relaxed.relaxed = True
                        relaxed.suggestions = result.suggestions
                        result = relaxed
        if result.total == 0 and read.query.clauses and not result.suggestions:
            result.suggestions = self._suggestions(read.query, normal)
        result.query = normal.text
        result.page, result.per_page = normal.page, normal.per_page
        result.explanation = [str(part) for part in read.explanation]
        result.grouped = normal.group
        self._add_standing(result, read, normal, "any" if read.ranked or result.relaxed else "all")
        return result

    def _add_standing(self, result: SearchResult, read: Plan, request: NormalRequest, mode: str) -> None:
        """Each decision hit's standing on the request's day, and the ``standing`` facet's counts.

        The counts cost one count per standing, so they are made only when the search names a day or
        a standing, or asks for decisions alone; the hits' standings are always given.
        """
        scope = request.scope
        if scope is None:
            return
        result.as_of = scope.day
        for top in result.hits:
            for hit in [top, *top.also]:
                if hit.kind == "decision":
                    hit.standing = standing_as_of(hit.date, scope.events.get(hit.iri), scope.day)
        if not (request.standing or request.day_asked or request.kinds == ("decision",)) or not result.total:
            return
        counts = {name: self._count(read, replace(request, standing=(name,)), mode) for name in STANDINGS}
        result.standing = [(name, n) for name, n in counts.items() if n > 0]

    def gazetteer(self) -> Gazetteer:
        """The names this index knows (facet values and topic synonyms), rebuilt when the index changes."""
        signature = self._signature()
        cached = self._gazetteer
        if cached is not None and cached[0] == signature:
            return cached[1]
        with self._gazetteer_lock:
            vocabularies = {name: self._vocabulary(name) for name in NAME_FACETS}
            built = build_gazetteer(self.analyze, vocabularies, topic_synonyms())
            self._gazetteer = (signature, built)
        return built

    def _suggestions(self, query: UserQuery, request: NormalRequest) -> list[str]:
        """Simpler queries, built from the words that match something here, that do return records."""
        clauses = query.clauses
        counts = [
            self._count(Plan(UserQuery((clause,), query.excluded)), request, "all") for clause in clauses
        ]
        offered: list[str] = []

        def offer(kept: list[Clause], excluded: tuple = query.excluded) -> None:
            candidate = UserQuery(tuple(kept), excluded)
            text = candidate.display()
            if not kept or (tuple(kept) == clauses and excluded == query.excluded) or text in offered:
                return
            if len(offered) < MAX_SUGGESTIONS and self._count(Plan(candidate), request, "all") > 0:
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


def first_candidates(stop: int) -> int:
    """How many ranked records ``grouped_window`` reads first to fill groups up to ``stop``.

    An engine that counts while it ranks asks for this many in its first pass, so page one of a
    grouped search is one engine search, not a short counting one followed by the real one.
    """
    return max(stop * 5, 50)


def grouped_window(
    fetch: Callable[[int], list[tuple[Any, H]]],
    total: int,
    start: int,
    stop: int,
    groups_of: Callable[[list[H]], list[int]],
) -> list[list[tuple[Any, H]]]:
    """Groups ``start:stop`` of the ranked records, a group being one source document's records.

    ``fetch(limit)`` returns up to ``limit`` (score, handle) pairs, best first; ``groups_of`` gives each
    handle's group key (a fast field). The candidate list grows until it holds ``stop`` groups or every
    match (at most ``MAX_CANDIDATES``). Each group lists its records best first; groups are ordered by
    their best record, ties by group key so both engines and every run agree.
    """
    stop = max(stop, 0)
    if total <= 0 or start >= stop:
        return []
    limit = min(first_candidates(stop), total)
    while True:
        ranked = fetch(limit)
        keys = groups_of([handle for _, handle in ranked])
        groups: dict[int, list[tuple[Any, H]]] = {}
        for (score, handle), key in zip(ranked, keys, strict=True):
            groups.setdefault(key, []).append((score, handle))
        if len(groups) >= stop or len(ranked) < limit or limit >= total or limit >= MAX_CANDIDATES:
            break
        limit = min(limit * 4, total, MAX_CANDIDATES)
    ordered = sorted(groups.items(), key=lambda item: (_descending(item[1][0][0]), item[0]))
    return [members for _, members in ordered[start:stop]]


def lead_with(hits: list[Hit], prefer: tuple[str, ...]) -> Hit:
    """The hit a group shows first — the best of a kind the question asks for, if any — with the rest
    under it, best first."""
    ordered = sorted(hits, key=lambda hit: (hit.kind not in prefer, -hit.score)) if prefer else hits
    lead = ordered[0]
    lead.also = ordered[1:]
    return lead


def group_key(document: str | None, iri: str) -> int:
    """The integer a record is grouped by: its source document's, or its own (a shared person or body)."""
    digest = hashlib.blake2b((document or "\x00" + iri).encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big") >> 1


def top_facets(counts: dict[str, dict[str, int]]) -> dict[str, list[tuple[str, int]]]:
    """Every facet's values by count, then value; the top ``FACET_TOP``."""
    # Only the top few are shown: a bounded heap, not a sort of every bucket the engine returned.
    return {
        name: heapq.nsmallest(
            FACET_TOP, ((value, n) for value, n in counts.get(name, {}).items() if n > 0), key=_by_count
        )
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
