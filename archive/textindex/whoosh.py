"""The Whoosh engine (pure Python): the same records, queries and answers as Tantivy, from Whoosh objects.

Queries are ``whoosh.query`` objects made in code; no ``QueryParser`` ever sees user text. The
text analyser mirrors the Tantivy one (split on non-alphanumerics, drop tokens over 40 characters,
lowercase, fold accents, Snowball English stemming). Facet fields hold several exact values each,
joined by a separator no value contains, and are counted with ``sorting.FieldFacet`` groups.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from whoosh import fields, index, sorting
from whoosh import query as wq
from whoosh.analysis import CharsetFilter, LowercaseFilter, RegexTokenizer, StemFilter, StopFilter
from whoosh.highlight import FIRST, ContextFragmenter, set_matched_filter, top_fragments
from whoosh.index import LockError
from whoosh.support.charset import accent_map
from whoosh.writing import CLEAR

from archive.textindex import ranking
from archive.textindex.base import (
    EngineIndex,
    group_key,
    grouped_window,
    lead_with,
    ranked_window,
    top_facets,
)
from archive.textindex.model import (
    FACETS,
    SNIPPET_CHARS,
    Hit,
    IndexRecord,
    NormalRequest,
    SearchResult,
    StandingScope,
    TextIndexError,
    date_key,
)
from archive.textindex.snippets import marked, opening
from archive.textindex.understand import Plan
from archive.textindex.userquery import Clause, Piece

log = logging.getLogger(__name__)

TEXT_FIELDS: tuple[tuple[str, float], ...] = (("title", 2.0), ("text", 1.0), ("body", 1.0))
MAX_TOKEN_CHARS = 40
WRITER_WAIT = 10.0  # seconds to wait for Whoosh's lock before reporting another writer
VALUE_SEPARATOR = "\x1f"  # unit separator: stripped from facet values before indexing
# Whoosh's accent map folds by Unicode decomposition; letters that do not decompose are folded
# here as Tantivy's ASCII folding does, so both engines store the same terms.
FOLDING = dict(accent_map)
FOLDING.update(
    {
        ord(letter): ascii_text
        for letter, ascii_text in {
            "ß": "ss",
            "æ": "ae",
            "œ": "oe",
            "þ": "th",
            "ĳ": "ij",
            "ﬀ": "ff",
            "ﬁ": "fi",
            "ﬂ": "fl",
            "ﬃ": "ffi",
            "ﬄ": "ffl",
            "ﬅ": "st",
            "ﬆ": "st",
        }.items()
    }
)


def text_analyzer() -> Any:
    return (
        RegexTokenizer(r"[^\W_]+")
        | StopFilter(stoplist=[], minsize=1, maxsize=MAX_TOKEN_CHARS - 1)
        | LowercaseFilter()
        | CharsetFilter(FOLDING)
        | StemFilter(lang="en")
    )


class FacetValues(fields.KEYWORD):
    """A field holding several exact strings (spaces and case kept), one term each."""

    def __init__(self) -> None:
        super().__init__(stored=False, lowercase=False, commas=False, scorable=False)
        self.analyzer = RegexTokenizer(r"[^\x1f]+")


def _schema() -> fields.Schema:
    analyzer = text_analyzer()
    spec: dict[str, Any] = {
        "iri": fields.ID(stored=True, unique=True, sortable=True),
        "kind": fields.ID(stored=True),
        "document": fields.ID(stored=True),
        "date": fields.STORED(),
        "datekey": fields.NUMERIC(int, bits=32, stored=False, sortable=True),
        "group": fields.NUMERIC(int, bits=64, signed=False, stored=False, sortable=True),
    }
    for name, _ in TEXT_FIELDS:
        spec[name] = fields.TEXT(analyzer=analyzer, stored=True, phrase=True)
    for name in FACETS:
        spec[name] = FacetValues()
    return fields.Schema(**spec)


class WhooshIndex(EngineIndex):
    """A Whoosh index in one directory; each write takes Whoosh's writer lock for one commit."""

    engine = "whoosh"

    def __init__(self, path: Path) -> None:
        super().__init__(path)
        schema = _schema()
        if index.exists_in(str(self.path)):
            self._index = index.open_dir(str(self.path))
            if sorted(self._index.schema.names()) != sorted(schema.names()):
                raise TextIndexError(
                    f"text index {self.path}: built with another schema; "
                    "delete the directory and run `precedent reindex`"
                )
        else:
            self._index = index.create_in(str(self.path), schema)
        self._analyzer = text_analyzer()
        self._facet_cache: tuple[int, dict[str, dict[int, list[str]]]] | None = None

    def analyze(self, text: str) -> list[str]:
        return [token.text for token in self._analyzer(text)]

    # --- writes ------------------------------------------------------------------------------
    def _write(
        self,
        delete_documents: list[str],
        delete_iris: list[str],
        records: list[IndexRecord],
        shared: dict[int, object] | None = None,
    ) -> None:
        prepared = [_fields(record) for record in records]  # ``shared`` unused: a small part of Whoosh's work
        try:
            writer = self._index.writer(timeout=WRITER_WAIT)
        except LockError as error:
            raise TextIndexError(
                f"text index {self.path}: another writer holds it; only the archive's writer writes"
            ) from error
        try:
            for document_id in delete_documents:
                writer.delete_by_term("document", document_id)
            for iri in delete_iris:
                writer.delete_by_term("iri", iri)
            for values in prepared:
                writer.add_document(**values)
        except BaseException:
            writer.cancel()
            raise
        writer.commit()

    def _release_writer(self) -> None:
        # Whoosh's writer lock is taken and given back inside each write: nothing is held between.
        return None

    def clear(self) -> None:
        # CLEAR drops every segment in a normal commit, so the generation keeps counting up.
        writer = self._index.writer(timeout=WRITER_WAIT)
        writer.commit(mergetype=CLEAR)

    def close(self) -> None:
        self._index.close()

    # --- reads -------------------------------------------------------------------------------
    def count(self) -> int:
        return self._index.doc_count()

    def documents(self) -> set[str]:
        with self._index.searcher() as searcher:
            reader = searcher.reader()
            found = set()
            for term in reader.lexicon("document"):
                # The lexicon can still list terms of deleted documents until a merge.
                postings = reader.postings("document", term)
                if any(not reader.is_deleted(docnum) for docnum in postings.all_ids()):
                    found.add(term.decode("utf-8") if isinstance(term, bytes) else term)
            return found

    def _signature(self) -> object:
        with self._index.searcher() as searcher:
            return (searcher.reader().generation(), searcher.doc_count_all(), searcher.doc_count())

    def _vocabulary(self, facet: str) -> list[str]:
        with self._index.searcher() as searcher:
            return [
                term.decode("utf-8") if isinstance(term, bytes) else term
                for term in searcher.reader().lexicon(facet)
            ]

    def _count(self, plan: Plan, request: NormalRequest, mode: str) -> int:
        words, restriction = self._words(plan, mode), self._filter(request)
        with self._index.searcher() as searcher:
            # Counted from the matching documents: Whoosh ignores a filter that matches nothing.
            matched = wq.And([words, restriction]) if restriction is not None else words
            return sum(1 for _ in searcher.docs_for_query(matched))

    def _page(self, plan: Plan, request: NormalRequest, mode: str) -> SearchResult:
        words = self._words(plan, mode)
        ranked_words = self._ranked(words, plan)
        restriction = self._filter(request)
        with self._index.searcher() as searcher:
            # Counting every match ourselves from cached per-document values is several times
            # faster than Whoosh's overlapping FieldFacet, which rebuilds them on every search.
            matched = wq.And([words, restriction]) if restriction is not None else words
            docnums = list(searcher.docs_for_query(matched))
            total = len(docnums)
            facets = self._facet_counts(searcher, docnums)

            def fetch(limit: int) -> list[tuple[Any, Any]]:
                if request.sort == "date":
                    results = searcher.search(
                        words,
                        limit=limit,
                        filter=restriction,
                        sortedby=sorting.FieldFacet("datekey", reverse=True),
                    )
                    return [
                        (date_key(searcher.stored_fields(docnum).get("date"), where="stored record"), docnum)
                        for _, docnum in results.top_n
                    ]
                results = searcher.search(ranked_words, limit=limit, filter=restriction)
                return [(score, docnum) for score, docnum in results.top_n]

            def load(docnums: list[int]) -> list[dict]:
                return [searcher.stored_fields(docnum) for docnum in docnums]

            terms = {token for piece in plan.query.positive_pieces() for token in piece.tokens}
            if request.group:
                column = searcher.reader().column_reader("group")
                groups = grouped_window(
                    fetch,
                    total,
                    request.offset,
                    request.offset + request.per_page,
                    lambda handles: [int(column[docnum]) for docnum in handles],
                )
                hits = []
                for members in groups:
                    shown = members[: 1 + ranking.MAX_ALSO]
                    best = lead_with(
                        [
                            self._hit(stored, float(score), terms)
                            for (score, _), stored in zip(shown, load([d for _, d in shown]), strict=True)
                        ],
                        plan.prefer,
                    )
                    best.more = len(members) - len(shown)
                    hits.append(best)
            else:

                def secondary(docnums: list[int]) -> list[tuple]:
                    if request.sort == "date":
                        return [()] * len(docnums)
                    return [
                        (-date_key(stored.get("date"), where="stored record"),) for stored in load(docnums)
                    ]

                window = ranked_window(
                    fetch, total, request.offset, request.offset + request.per_page, secondary, load, _iri_of
                )
                hits = [
                    self._hit(stored, float(primary) if request.sort != "date" else 0.0, terms)
                    for primary, stored in window
                ]
            return SearchResult(
                query=request.text,
                total=total,
                hits=hits,
                facets=top_facets(facets),
                suggestions=[],
            )

    def _facet_counts(self, searcher: Any, docnums: list[int]) -> dict[str, dict[str, int]]:
        values = self._facet_values(searcher)
        counts: dict[str, dict[str, int]] = {}
        for name in FACETS:
            per_doc = values[name]
            tally: dict[str, int] = {}
            for docnum in docnums:
                for value in per_doc.get(docnum, ()):
                    tally[value] = tally.get(value, 0) + 1
            counts[name] = tally
        return counts

    def _facet_values(self, searcher: Any) -> dict[str, dict[int, list[str]]]:
        """Each document's facet values, by global document number; rebuilt once per index generation."""
        generation = searcher.reader().generation()
        cached = self._facet_cache
        if cached is not None and cached[0] == generation and generation >= 0:
            return cached[1]
        values: dict[str, dict[int, list[str]]] = {name: {} for name in FACETS}
        parts = searcher.subsearchers or [(searcher, 0)]
        for part, offset in parts:
            reader = part.reader()
            for name in FACETS:
                per_doc = values[name]
                for term in reader.lexicon(name):
                    value = term.decode("utf-8") if isinstance(term, bytes) else term
                    for docnum in reader.postings(name, term).all_ids():
                        per_doc.setdefault(docnum + offset, []).append(value)
        self._facet_cache = (generation, values)
        return values

    def _hit(self, stored: dict, score: float, terms: set[str]) -> Hit:
        text = stored.get("text") or ""
        return Hit(
            iri=stored.get("iri", ""),
            kind=stored.get("kind", ""),
            title=stored.get("title", ""),
            date=stored.get("date"),
            document=stored.get("document"),
            body=stored.get("body"),
            snippet=(self._snippet(text, terms) if terms else "") or opening(text),
            score=score,
        )

    def _snippet(self, text: str, terms: set[str]) -> str:
        """The best fragment of ``text`` around the query's terms, marked; '' if none occurs."""
        tokens = self._analyzer(text, chars=True, mode="query", removestops=False)
        tokens = set_matched_filter(tokens, frozenset(terms))
        fragmenter = ContextFragmenter(maxchars=SNIPPET_CHARS, surround=SNIPPET_CHARS // 3)
        best = top_fragments(fragmenter.fragment_tokens(text, tokens), 1, _MatchCount(), FIRST, 1)
        if not best:
            return ""
        fragment = best[0]
        ranges = [
            (token.startchar - fragment.startchar, token.endchar - fragment.startchar)
            for token in fragment.matches
            if token.startchar is not None
        ]
        return marked(text[fragment.startchar : fragment.endchar], ranges)

    # --- query building ----------------------------------------------------------------------
    def _words(self, plan: Plan, mode: str) -> wq.Query:
        query = plan.query
        clauses = [self._clause(clause, best_field=plan.ranked) for clause in query.clauses]
        if not clauses:
            positive: wq.Query = wq.Every()
        elif len(clauses) == 1:
            positive = clauses[0]
        else:
            positive = wq.And(clauses) if mode == "all" else wq.Or(clauses)
        if query.excluded:
            return wq.AndNot(positive, wq.Or([self._piece(piece) for piece in query.excluded]))
        return positive

    def _ranked(self, words: wq.Query, plan: Plan) -> wq.Query:
        """``words`` plus what only orders: neighbouring words, the date window, the kinds asked for."""
        boosts: list[wq.Query] = [
            wq.Phrase("text", [first, second], slop=ranking.PAIR_SLOP + 1, boost=ranking.PAIR_BOOST)
            for first, second in plan.pairs
        ]
        if plan.date_lo is not None:
            window = wq.ConstantScoreQuery(wq.NumericRange("datekey", plan.date_lo, plan.date_hi), 0.0)
            boosts.append(wq.And([words, window], boost=ranking.DATE_FACTOR - 1.0))
        if plan.prefer:
            kinds = wq.Or([wq.Term("kind", kind) for kind in plan.prefer])
            boosts.append(wq.ConstantScoreQuery(kinds, ranking.KIND_SCORE))
        if not boosts or plan.plain:
            return words
        return wq.AndMaybe(words, wq.Or(boosts))

    def _clause(self, clause: Clause, best_field: bool = False) -> wq.Query:
        alternatives = [self._piece(piece, best_field) for piece in clause.alternatives]
        return alternatives[0] if len(alternatives) == 1 else wq.Or(alternatives)

    def _piece(self, piece: Piece, best_field: bool = False) -> wq.Query:
        if piece.field is not None:
            return wq.ConstantScoreQuery(
                wq.Term(piece.field, _facet_value(piece.text)), ranking.NAME_SCORES.get(piece.field, 1.0)
            )
        per_field = []
        for name, boost in TEXT_FIELDS:
            if len(piece.tokens) == 1:
                per_field.append(wq.Term(name, piece.tokens[0], boost=boost))
            else:
                per_field.append(wq.Phrase(name, list(piece.tokens), boost=boost))
        # In a question the best field counts, not their sum (as in the Tantivy engine).
        if best_field:
            return wq.DisjunctionMax(per_field, tiebreak=ranking.FIELD_TIE)
        return wq.Or(per_field)

    def _filter(self, request: NormalRequest) -> wq.Query | None:
        parts: list[wq.Query] = []
        if request.kinds:
            parts.append(wq.Or([wq.Term("kind", kind) for kind in request.kinds]))
        if request.document:
            parts.append(wq.Term("document", request.document))
        for name, values in request.filters.items():
            parts.append(wq.Or([wq.Term(name, _facet_value(value)) for value in values]))
        if request.standing and request.scope is not None:
            parts.append(_standing(request.scope, request.standing))
        if request.date_lo is not None or request.date_hi is not None:
            # Undated records carry key 0; a range never reaches below year 1.
            parts.append(wq.NumericRange("datekey", max(request.date_lo or 1, 1), request.date_hi))
        if not parts:
            return None
        return parts[0] if len(parts) == 1 else wq.And(parts)


def _standing(scope: StandingScope, standings: tuple[str, ...]) -> wq.Query:
    """Decisions whose standing on ``scope.day`` is one of ``standings``."""
    parts: list[wq.Query] = []
    for standing in standings:
        if scope.listed.get(standing):
            parts.append(wq.Or([wq.Term("iri", iri) for iri in scope.listed[standing]]))
        if standing in ("in force", "pending"):
            if standing == "in force":
                dated: wq.Query = wq.NumericRange("datekey", 1, scope.day_key)
            else:
                dated = wq.Or(
                    [
                        wq.NumericRange("datekey", scope.day_key + 1, 99991231),
                        wq.NumericRange("datekey", 0, 0),
                    ]
                )
            plain: wq.Query = wq.And([wq.Term("kind", "decision"), dated])
            if scope.with_events:
                plain = wq.AndNot(plain, wq.Or([wq.Term("iri", iri) for iri in scope.with_events]))
            parts.append(plain)
    # No decision has that standing: a term no record holds (Whoosh drops a NullQuery filter).
    return wq.Or(parts) if parts else wq.Term("kind", "\x00none")


class _MatchCount:
    """Fragment score: how many query terms it holds (Whoosh's basic scorer, without the import)."""

    def __call__(self, fragment: Any) -> int:
        return len(fragment.matches)


def _fields(record: IndexRecord) -> dict[str, Any]:
    values: dict[str, Any] = {
        "iri": record.iri,
        "kind": record.kind,
        "title": record.title,
        "text": record.text,
        "datekey": date_key(record.date, where=f"index record {record.iri!r}"),
        "group": group_key(record.document, record.iri),
    }
    if record.body:
        values["body"] = record.body
    if record.document:
        values["document"] = record.document
    if record.date:
        values["date"] = record.date
    for name, facet_values in record.facets.items():
        values[name] = VALUE_SEPARATOR.join(_facet_value(value) for value in facet_values)
    return values


def _facet_value(value: str) -> str:
    return value.replace(VALUE_SEPARATOR, " ")


def _iri_of(stored: dict) -> str:
    return stored.get("iri", "")
