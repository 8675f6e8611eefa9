"""The Tantivy engine (the default): a Rust index on disk, queried only through query objects built in code.

Text fields use one analyser registered as ``precedent_en`` (split on non-alphanumerics, drop
tokens over 40 characters, lowercase, fold accents to ASCII, Snowball English stemming), the same
chain the Whoosh engine uses. Facets, kind and document are raw (untokenised) fields; facets are
fast fields counted by Tantivy's terms aggregation over the whole filtered result set.
"""

from __future__ import annotations

import logging
import threading
from functools import lru_cache
from pathlib import Path
from typing import Any

import tantivy

from archive.textindex import ranking
from archive.textindex.base import (
    EngineIndex,
    first_candidates,
    group_key,
    grouped_window,
    lead_with,
    ranked_window,
    top_facets,
)
from archive.textindex.fragments import FragmentFinder, f32
from archive.textindex.model import (
    FACET_TOP,
    FACETS,
    SNIPPET_CHARS,
    Hit,
    IndexRecord,
    NormalRequest,
    SearchRequest,
    SearchResult,
    StandingScope,
    TextIndexError,
    date_key,
)
from archive.textindex.snippets import byte_ranges_to_chars, marked, opening
from archive.textindex.understand import Plan
from archive.textindex.userquery import Clause, Piece

log = logging.getLogger(__name__)

ANALYZER = "precedent_en"
TEXT_FIELDS: tuple[tuple[str, float], ...] = (("title", 2.0), ("text", 1.0), ("body", 1.0))
WRITER_HEAP = 64_000_000
MAX_TOKEN_CHARS = 40
# Exact facet counts: every segment reports all of its values, the merge keeps this many.
FACET_BUCKETS = 1000
# What one search first asks for per facet: enough to settle the top ``FACET_TOP`` in nearly every case.
FACET_PROBE = 5 * FACET_TOP
SEGMENT_BUCKETS = 1_000_000


def _analyzer() -> tantivy.TextAnalyzer:
    return (
        tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
        .filter(tantivy.Filter.remove_long(MAX_TOKEN_CHARS))
        .filter(tantivy.Filter.lowercase())
        .filter(tantivy.Filter.ascii_fold())
        .filter(tantivy.Filter.stemmer("english"))
        .build()
    )


def _schema() -> tantivy.Schema:
    builder = tantivy.SchemaBuilder()
    for name in ("iri", "kind", "document", "date"):
        builder.add_text_field(name, stored=True, tokenizer_name="raw")
    for name, _ in TEXT_FIELDS:
        builder.add_text_field(name, stored=True, tokenizer_name=ANALYZER)
    builder.add_integer_field("datekey", indexed=True, fast=True)
    # The source document (or, for a shared actor, the record itself) as an integer: grouping reads it fast.
    builder.add_integer_field("group", indexed=False, fast=True)
    for name in FACETS:
        builder.add_text_field(name, stored=False, fast=True, tokenizer_name="raw")
    return builder.build()


class TantivyIndex(EngineIndex):
    """A Tantivy index in one directory; each write (or each ``bulk`` block) holds Tantivy's writer lock."""

    engine = "tantivy"

    def __init__(self, path: Path) -> None:
        super().__init__(path)
        self._schema = _schema()
        try:
            self._index = tantivy.Index(self._schema, str(self.path), reuse=True)
        except ValueError as error:
            raise TextIndexError(
                f"text index {self.path}: cannot be opened with this version's schema ({error}); "
                "delete the directory and run `precedent reindex`"
            ) from error
        self._analyzer = _analyzer()
        self._index.register_tokenizer(ANALYZER, self._analyzer)
        self._writer: Any = None
        self._writes = 0
        # The searcher one search is answered from (``search``): set per thread, for that call only.
        self._pinned = threading.local()

    def analyze(self, text: str) -> list[str]:
        return list(self._analyzer.analyze(text))

    # --- writes ------------------------------------------------------------------------------
    def _write(
        self,
        delete_documents: list[str],
        delete_iris: list[str],
        records: list[IndexRecord],
        shared: dict[int, object] | None = None,
    ) -> None:
        if shared is None:
            prepared = [self._document(record) for record in records]
        else:
            # a public record goes to every level's index: its Tantivy document is made once for all of
            # them (``add_document`` copies it), 0.19 s of the writer's process for the FRUS folder's
            # three levels otherwise; the schema is the same in every index. The record is kept beside
            # its document: alive while ``shared`` is, its ``id`` cannot be another record's.
            prepared = []
            for record in records:
                made = shared.get(id(record))
                if isinstance(made, tuple) and made[0] is record:
                    document = made[1]
                else:
                    document = self._document(record)
                    shared[id(record)] = (record, document)
                prepared.append(document)
        writer = self._open_writer()
        try:
            for document_id in delete_documents:
                writer.delete_documents_by_term("document", document_id)
            for iri in delete_iris:
                writer.delete_documents_by_term("iri", iri)
            for document in prepared:
                writer.add_document(document)
            writer.commit()
        except Exception:
            writer.rollback()
            raise
        finally:
            if not self._bulk_depth:
                self._release_writer()
        self._writes += 1
        self._index.reload()

    def _open_writer(self) -> Any:
        if self._writer is None:
            try:
                self._writer = self._index.writer(WRITER_HEAP, 1)
            except ValueError as error:
                raise TextIndexError(
                    f"text index {self.path}: another writer holds it ({error}); "
                    "only the archive's writer writes"
                ) from error
        return self._writer

    def _release_writer(self) -> None:
        if self._writer is not None:
            writer, self._writer = self._writer, None
            writer.wait_merging_threads()

    def _document(self, record: IndexRecord) -> tantivy.Document:
        document = tantivy.Document()
        document.add_text("iri", record.iri)
        document.add_text("kind", record.kind)
        document.add_text("title", record.title)
        document.add_text("text", record.text)
        if record.body:
            document.add_text("body", record.body)
        if record.document:
            document.add_text("document", record.document)
        if record.date:
            document.add_text("date", record.date)
        document.add_integer("datekey", date_key(record.date, where=f"index record {record.iri!r}"))
        document.add_integer("group", group_key(record.document, record.iri))
        for name, values in record.facets.items():
            for value in values:
                document.add_text(name, value)
        return document

    def clear(self) -> None:
        writer = self._open_writer()
        try:
            writer.delete_all_documents()
            writer.commit()
        finally:
            if not self._bulk_depth:
                self._release_writer()
        self._index.reload()

    def close(self) -> None:
        self._release_writer()

    # --- reads -------------------------------------------------------------------------------
    def search(self, request: SearchRequest) -> SearchResult:
        """As ``EngineIndex.search``, from one searcher: the index is reloaded once per search, and
        the gazetteer check, counts, page and facets all read the same snapshot."""
        self._index.reload()
        self._pinned.searcher = self._index.searcher()
        try:
            return super().search(request)
        finally:
            self._pinned.searcher = None

    def _searcher(self) -> Any:
        pinned = getattr(self._pinned, "searcher", None)
        if pinned is not None:
            return pinned
        # Another process (or another handle here) may have committed: readers follow at once.
        self._index.reload()
        return self._index.searcher()

    def count(self) -> int:
        return self._searcher().num_docs

    def documents(self) -> set[str]:
        searcher = self._searcher()
        # Counting against all live documents leaves out terms only deleted documents still carry.
        terms = searcher.terms_with_prefix("document", "", filter_query=tantivy.Query.all_query())
        return {term for term, count in terms if count > 0}

    def _signature(self) -> object:
        searcher = self._searcher()
        return (self._writes, searcher.num_docs, searcher.num_segments)

    def _vocabulary(self, facet: str) -> list[str]:
        searcher = self._searcher()
        terms = searcher.terms_with_prefix(facet, "", filter_query=tantivy.Query.all_query())
        return [term for term, count in terms if count > 0]

    def _count(self, plan: Plan, request: NormalRequest, mode: str) -> int:
        return self._searcher().search(self._filtered(plan, request, mode), 1, count=True).count

    def _page(self, plan: Plan, request: NormalRequest, mode: str) -> SearchResult:
        searcher = self._searcher()
        full = self._filtered(plan, request, mode)
        ranked_query = self._ranked(full, plan, request)
        # The first fetch counts as it ranks (the boosts only order: the ranked query matches exactly
        # what ``full`` matches), so one pass gives the total and the page; more are read if needed.
        stop = request.offset + request.per_page
        first_limit = first_candidates(stop) if request.group else max(stop, 1)
        fetched: dict[int, list[tuple[Any, Any]]] = {}

        def run(limit: int, count: bool) -> Any:
            if request.sort == "date":
                return searcher.search(
                    full, limit, count=count, order_by_field="datekey", order=tantivy.Order.Desc
                )
            return searcher.search(ranked_query, limit, count=count)

        first = run(first_limit, True)
        total = first.count
        fetched[first_limit] = list(first.hits)

        def fetch(limit: int) -> list[tuple[Any, Any]]:
            known = max(fetched)
            if limit <= known:
                return fetched[known][:limit]
            fetched[limit] = list(run(limit, False).hits)
            return fetched[limit]

        def load(addresses: list[Any]) -> list[tuple[Any, dict]]:
            loaded = []
            for address in addresses:
                document = searcher.doc(address)
                loaded.append((document, document.to_dict()))
            return loaded

        snippets = self._snippet_generator(searcher, plan)
        if request.group:
            groups = grouped_window(
                fetch,
                total,
                request.offset,
                request.offset + request.per_page,
                lambda addresses: list(searcher.fast_field_values("group", addresses)),
            )
            hits = []
            for members in groups:
                shown = members[: 1 + ranking.MAX_ALSO]
                loaded = load([address for _, address in shown])
                best = lead_with(
                    [
                        self._hit(document, fields, float(score), snippets)
                        for (score, _), (document, fields) in zip(shown, loaded, strict=True)
                    ],
                    plan.prefer,
                )
                best.more = len(members) - len(shown)
                hits.append(best)
        else:

            def secondary(addresses: list[Any]) -> list[tuple]:
                if request.sort == "date":
                    return [()] * len(addresses)
                return [(-(key or 0),) for key in searcher.fast_field_values("datekey", addresses)]

            window = ranked_window(
                fetch, total, request.offset, request.offset + request.per_page, secondary, load, _iri_of
            )
            hits = [
                self._hit(document, fields, float(primary) if request.sort != "date" else 0.0, snippets)
                for primary, (document, fields) in window
            ]
        return SearchResult(
            query=request.text,
            total=total,
            hits=hits,
            facets=self._facets(searcher, full),
            suggestions=[],
        )

    def _hit(self, document: Any, fields: dict, score: float, snippets: _Snippets | None) -> Hit:
        text = _first(fields, "text") or ""
        snippet = snippets.of(document, text) if snippets is not None else ""
        return Hit(
            iri=_first(fields, "iri") or "",
            kind=_first(fields, "kind") or "",
            title=_first(fields, "title") or "",
            date=_first(fields, "date"),
            document=_first(fields, "document"),
            body=_first(fields, "body"),
            snippet=snippet or opening(text),
            score=score,
        )

    def _snippet_generator(self, searcher: Any, plan: Plan) -> _Snippets | None:
        pieces = plan.query.positive_pieces()
        if not pieces:
            return None
        positive = _should([self._piece(piece, fields=(("text", 1.0),)) for piece in pieces])
        return _Snippets(searcher, positive, self._schema, pieces)

    def _facets(self, searcher: Any, full: tantivy.Query) -> dict[str, list[tuple[str, int]]]:
        """The top ``FACET_TOP`` values of every facet over everything ``full`` matches, exactly.

        Tantivy counts every value in every segment either way; what costs is handing a thousand
        buckets per facet back to Python. So the merge keeps only the ``FACET_PROBE`` most frequent
        values, which settle the top ``FACET_TOP`` (count, then value) unless values tied with the
        last one shown may have been cut off; only such a facet is asked again with every bucket.
        """
        answer = searcher.aggregate(full, _facet_spec(FACETS, FACET_PROBE))
        counts: dict[str, dict[str, int]] = {}
        again = []
        for name in FACETS:
            found = answer.get(name, {})
            buckets = found.get("buckets", [])
            counts[name] = {bucket["key"]: bucket["doc_count"] for bucket in buckets}
            if found.get("sum_other_doc_count", 0) and not _settled(buckets):
                again.append(name)
        if again:
            answer = searcher.aggregate(full, _facet_spec(again, FACET_BUCKETS))
            for name in again:
                buckets = answer.get(name, {}).get("buckets", [])
                counts[name] = {bucket["key"]: bucket["doc_count"] for bucket in buckets}
        return top_facets(counts)

    # --- query building ----------------------------------------------------------------------
    def _filtered(self, plan: Plan, request: NormalRequest, mode: str) -> tantivy.Query:
        words = self._words(plan, mode)
        filters = self._filters(request)
        if not filters:
            return words
        return tantivy.Query.boolean_query(
            [(tantivy.Occur.Must, words)]
            + [(tantivy.Occur.Must, tantivy.Query.const_score_query(f, 0.0)) for f in filters]
        )

    def _ranked(self, full: tantivy.Query, plan: Plan, request: NormalRequest) -> tantivy.Query:
        """``full`` plus what only orders: neighbouring words, the date window, the kinds asked for.

        A record dated inside the question's window scores ``DATE_FACTOR`` times its words' score
        (``full`` again, restricted to the window, boosted), so the window outweighs common words
        however many of them match, yet a record outside it still ranks by its words.
        """
        Query, Occur = tantivy.Query, tantivy.Occur
        boosts = []
        for first, second in plan.pairs:
            near = Query.phrase_query(self._schema, "text", [first, second], slop=ranking.PAIR_SLOP)
            boosts.append(Query.boost_query(near, ranking.PAIR_BOOST))
        if plan.date_lo is not None:
            window = Query.range_query(
                self._schema, "datekey", tantivy.FieldType.Integer, plan.date_lo, plan.date_hi
            )
            inside = Query.boolean_query(
                [(Occur.Must, full), (Occur.Must, Query.const_score_query(window, 0.0))]
            )
            boosts.append(Query.boost_query(inside, ranking.DATE_FACTOR - 1.0))
        if plan.prefer:
            kinds = Query.term_set_query(self._schema, "kind", list(plan.prefer))
            boosts.append(Query.const_score_query(kinds, ranking.KIND_SCORE))
        if not boosts or plan.plain:
            return full
        return Query.boolean_query([(Occur.Must, full)] + [(Occur.Should, b) for b in boosts])

    def _words(self, plan: Plan, mode: str) -> tantivy.Query:
        Occur = tantivy.Occur
        query = plan.query
        clauses = [self._clause(clause, best_field=plan.ranked) for clause in query.clauses]
        excluded = [(Occur.MustNot, self._piece(piece)) for piece in query.excluded]
        if not clauses:
            if not excluded:
                return tantivy.Query.all_query()
            return tantivy.Query.boolean_query([(Occur.Must, tantivy.Query.all_query())] + excluded)
        if len(clauses) == 1 and not excluded:
            return clauses[0]
        occur = Occur.Must if mode == "all" else Occur.Should
        return tantivy.Query.boolean_query([(occur, clause) for clause in clauses] + excluded)

    def _clause(self, clause: Clause, best_field: bool = False) -> tantivy.Query:
        return _should([self._piece(piece, best_field=best_field) for piece in clause.alternatives])

    def _piece(
        self, piece: Piece, fields: tuple[tuple[str, float], ...] = TEXT_FIELDS, best_field: bool = False
    ) -> tantivy.Query:
        if piece.field is not None:
            tagged = tantivy.Query.term_query(self._schema, piece.field, piece.text)
            return tantivy.Query.const_score_query(tagged, ranking.NAME_SCORES.get(piece.field, 1.0))
        per_field = []
        for name, boost in fields:
            if len(piece.tokens) == 1:
                one = tantivy.Query.term_query(self._schema, name, piece.tokens[0])
            else:
                one = tantivy.Query.phrase_query(self._schema, name, list(piece.tokens))
            per_field.append(tantivy.Query.boost_query(one, boost) if boost != 1.0 else one)
        # In a question the best field counts, not their sum: a decision whose title repeats its text's
        # first words would otherwise score every common word twice. Keywords keep the sum.
        if len(per_field) == 1:
            return per_field[0]
        if best_field:
            return tantivy.Query.disjunction_max_query(per_field, ranking.FIELD_TIE)
        return _should(per_field)

    def _filters(self, request: NormalRequest) -> list[tantivy.Query]:
        filters = []
        if request.kinds:
            filters.append(tantivy.Query.term_set_query(self._schema, "kind", list(request.kinds)))
        if request.document:
            filters.append(tantivy.Query.term_query(self._schema, "document", request.document))
        for name, values in request.filters.items():
            filters.append(tantivy.Query.term_set_query(self._schema, name, list(values)))
        if request.standing and request.scope is not None:
            filters.append(self._standing(request.scope, request.standing))
        if request.date_lo is not None or request.date_hi is not None:
            # Undated records carry key 0; a range never reaches below year 1.
            filters.append(
                tantivy.Query.range_query(
                    self._schema,
                    "datekey",
                    tantivy.FieldType.Integer,
                    max(request.date_lo or 1, 1),
                    request.date_hi,
                )
            )
        return filters

    def _standing(self, scope: StandingScope, standings: tuple[str, ...]) -> tantivy.Query:
        """Decisions whose standing on ``scope.day`` is one of ``standings``."""
        Query, Occur = tantivy.Query, tantivy.Occur
        parts = []
        for standing in standings:
            if scope.listed.get(standing):
                parts.append(Query.term_set_query(self._schema, "iri", list(scope.listed[standing])))
            if standing in ("in force", "pending"):
                integer = tantivy.FieldType.Integer
                if standing == "in force":
                    dated = Query.range_query(self._schema, "datekey", integer, 1, scope.day_key)
                else:
                    dated = _should(
                        [
                            Query.range_query(self._schema, "datekey", integer, scope.day_key + 1, 99991231),
                            Query.range_query(self._schema, "datekey", integer, 0, 0),
                        ]
                    )
                plain = [
                    (Occur.Must, Query.term_query(self._schema, "kind", "decision")),
                    (Occur.Must, dated),
                ]
                if scope.with_events:
                    events = Query.term_set_query(self._schema, "iri", list(scope.with_events))
                    plain.append((Occur.MustNot, events))
                parts.append(Query.boolean_query(plain))
        return _should(parts) if parts else Query.empty_query()


def _facet_spec(names: Any, size: int) -> dict[str, Any]:
    return {name: {"terms": {"field": name, "size": size, "segment_size": SEGMENT_BUCKETS}} for name in names}


def _settled(buckets: list[dict]) -> bool:
    """Whether the most frequent buckets kept (a cut-off list) fix the top ``FACET_TOP`` exactly.

    The cut keeps the largest counts but breaks ties at its edge arbitrarily: the shown values are
    certain when the last shown count is above the smallest count kept, so no value with that count
    was dropped.
    """
    if len(buckets) <= FACET_TOP:
        return False
    counts = sorted((bucket["doc_count"] for bucket in buckets), reverse=True)
    return counts[FACET_TOP - 1] > counts[-1]


def _should(queries: list[tantivy.Query]) -> tantivy.Query:
    if len(queries) == 1:
        return queries[0]
    return tantivy.Query.boolean_query([(tantivy.Occur.Should, q) for q in queries])


class _Snippets:
    """The snippets of one search: Tantivy's best fragment of each record's text, with the query's
    words marked. ``FragmentFinder`` finds it for ASCII text (no stemming of the whole text); Tantivy's
    own generator, made on first need, for the rest."""

    def __init__(
        self, searcher: Any, positive: tantivy.Query, schema: tantivy.Schema, pieces: list[Piece]
    ) -> None:
        self._searcher = searcher
        self._positive = positive
        self._schema = schema
        self._generator: Any = None
        # the terms Tantivy's generator scores: the positive pieces' tokens that some record's text holds
        scores = {}
        for term in {token for piece in pieces for token in piece.tokens}:
            held = searcher.doc_freq("text", term)
            if held > 0:
                scores[term] = f32(1.0 / (1.0 + held))
        self._finder = FragmentFinder(scores, _stem, SNIPPET_CHARS, MAX_TOKEN_CHARS)

    def of(self, document: Any, text: str) -> str:
        """The record's snippet as escaped HTML, or ``""`` when none of the query's words is in it."""
        found = self._finder.best(text)
        if found is not None:
            fragment, ranges = found  # ASCII: Tantivy's byte offsets are these character offsets
        else:
            if self._generator is None:
                self._generator = tantivy.SnippetGenerator.create(
                    self._searcher, self._positive, self._schema, "text"
                )
                self._generator.set_max_num_chars(SNIPPET_CHARS)
            snippet = self._generator.snippet_from_doc(document)
            fragment = snippet.fragment()
            ranges = [(part.start, part.end) for part in snippet.highlighted()]
            ranges = byte_ranges_to_chars(fragment, ranges)
        return marked(fragment, ranges) if fragment and ranges else ""


_WORDS = _analyzer()


@lru_cache(maxsize=1 << 15)
def _stem(word: str) -> str | None:
    """The one stem the text fields' analyzer makes of one word (``None`` if it drops the word);
    remembered, since the same few thousand words recur in every search's records."""
    found = _WORDS.analyze(word)
    return found[0] if len(found) == 1 else None


def _first(fields: dict, name: str) -> str | None:
    values = fields.get(name)
    return values[0] if values else None


def _iri_of(loaded: tuple[Any, dict]) -> str:
    return _first(loaded[1], "iri") or ""
