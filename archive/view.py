"""``View``: the only read path, bound to one clearance level; it never opens a higher level's store."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.term import Node

from ontology import PREC, PREFIXES

from .errors import ArchiveError
from .generation import snapshot_key
from .indexing import ORGANISATION_CLASSES
from .ledger import DocumentRow
from .query_guard import check_query
from .results import QueryResult
from .standing import Events, EventsCache
from .terms import PlainTerm, RdfTriple, nt_term
from .textindex import SearchRequest, SearchResult

#: Named queries whose answers ``View.select`` may keep until the store changes (``cacheable``).
CACHEABLE: set[str] = set()
#: How many answers the cache keeps (least recently used first out): ~13 per actor page, most of a few
#: kB, the largest (a body's members, a councillor's votes) ~100-300 kB.
NAMED_QUERY_CACHE_SIZE = 2048


def cacheable(query: str) -> str:
    """Mark a named query as one whose answer is kept until its level's store changes."""
    CACHEABLE.add(query)
    return query


if TYPE_CHECKING:
    from .archive import Archive
    from .store import GraphStore

DESCRIBE_QUERY = """
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
CONSTRUCT { ?entity ?p ?o . ?o rdfs:label ?label }
WHERE { ?entity ?p ?o OPTIONAL { FILTER(!isLiteral(?o)) ?o rdfs:label ?label } }
"""
COUNT_TRIPLES = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
#: The page summaries' triples (``archive.summaries``, one per summary graph): derived, not counted as facts
COUNT_PAGE_SUMMARIES = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?g <{PREC.pageSummary}> ?summary }} }}"
COUNT_TYPES = "SELECT ?type (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?type } GROUP BY ?type"
COUNT_ORGANISATIONS = "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {{ VALUES ?type {{ {classes} }} ?s a ?type }}"
PASSAGES_QUERY = """
PREFIX prec: <https://w3id.org/precedent/ontology#>
SELECT ?graph ?passage ?sequence ?quote ?start ?end ?page ?element WHERE {
  GRAPH ?graph { ?passage prec:inRecord ?record .
    OPTIONAL { ?passage prec:sequence ?sequence } OPTIONAL { ?passage prec:quote ?quote }
    OPTIONAL { ?passage prec:startOffset ?start } OPTIONAL { ?passage prec:endOffset ?end }
    OPTIONAL { ?passage prec:page ?page } OPTIONAL { ?passage prec:elementId ?element } }
} ORDER BY ?sequence ?passage
"""
DECISION_IDENTIFIERS = """
PREFIX prec: <https://w3id.org/precedent/ontology#>
SELECT DISTINCT ?identifier WHERE { ?decision a prec:Decision ; prec:identifier ?identifier }
"""
KIND_KEYS = {
    "Decision": "decisions",
    "Meeting": "meetings",
    "Person": "persons",
    "Record": "records",
    "Organisation": "organisations",
    "Passage": "passages",
    "Option": "options",
    "Commitment": "commitments",
    "Vote": "votes",
}


@dataclass
class PassageView:
    """One passage of a document's text, in reading order."""

    iri: str
    sequence: int | None
    quote: str
    start: int | None = None
    end: int | None = None
    page: int | None = None
    element_id: str | None = None


@dataclass
class DocumentView:
    """A document as a reader at some level sees it: its ledger row and its passages in order."""

    row: DocumentRow
    passages: list[PassageView] = field(default_factory=list)


def _int(value: object) -> int | None:
    try:
        return int(str(value)) if value is not None else None
    except ValueError:
        return None


log = logging.getLogger(__name__)
_EVENTS = EventsCache()


class View:
    """Read access to the archive at one clearance level: SPARQL, describe, search, counts, documents."""

    def __init__(self, archive: Archive, level: str) -> None:
        self.archive = archive
        self.level = archive.levels.validate(level)
        self.visible_levels = archive.levels.at_or_below(level)

    @property
    def _store(self) -> GraphStore:
        return self.archive.store(self.level)

    def graph_iris(self) -> set[str]:
        return self._store.graph_iris()

    def query(
        self,
        text: str,
        default_graph_uris: Iterable[str] = (),
        named_graph_uris: Iterable[str] = (),
        timeout: float | None = None,
        max_rows: int | None = None,
    ) -> QueryResult:
        """Run a user's SPARQL query after checking it.

        Raises ``QueryRefused``, ``QuerySyntaxError`` or ``QueryTimeout`` with a message for the user.
        """
        config = self.archive.config
        checked = check_query(text, default_graph_uris, named_graph_uris)
        timeout = min(timeout or config.query_timeout, config.query_timeout)
        max_rows = min(max_rows or config.max_rows, config.max_rows)
        # Relative IRIs (``<s>``) resolve against the archive's base; a BASE in the query still wins.
        return self._store.run_user_query(
            f"BASE <{config.base_iri}>\n{checked.text}",
            checked.default_graph,
            checked.named_graphs,
            timeout,
            max_rows,
            config.query_memory_mb,
            max_bytes=config.max_result_bytes,
        )

    def describe(self, iri: str) -> Graph:
        """The triples about ``iri`` at this level, plus the labels of what it points to."""
        graph = Graph()
        for prefix, namespace in PREFIXES.items():
            graph.bind(prefix, namespace)
        for triple in self._store.construct(DESCRIBE_QUERY, {"entity": URIRef(iri)}):
            graph.add(triple)
        return graph

    def search(self, request: SearchRequest) -> SearchResult:
        # Standing on a date (``request.as_of``) needs what later decisions did to earlier ones: the store's.
        request = replace(request, standing_events=self.standing_events())
        return self.archive.index(self.level).search(request)

    def standing_events(self) -> dict[str, Events]:
        """Decisions at this level that were superseded, amended, reversed or lapse (``archive.standing``)."""
        store_dir = self.archive.level_dir(self.level) / "store"
        stamp = snapshot_key(store_dir) if store_dir.exists() else None
        try:
            return _EVENTS.get(str(store_dir), self._store, stamp)
        except (ArchiveError, OSError) as error:
            # Search still answers without the store; standings then follow the decisions' own dates only.
            log.warning("standing events of %s unavailable: %s", self.level, error)
            return {}

    def counts(self) -> dict[str, object]:
        store = self._store
        triples = store.select(COUNT_TRIPLES)
        summaries = store.select(COUNT_PAGE_SUMMARIES)
        kinds: dict[str, int] = {}
        for row in store.select(COUNT_TYPES):
            if "type" in row and str(row["type"]).startswith(str(PREC)):
                kinds[str(row["type"])[len(str(PREC)) :]] = int(str(row["n"]))
        counts: dict[str, object] = {
            "level": self.level,
            "documents": len(self.archive.ledger.documents(status="stored", levels=self.visible_levels)),
            "triples": (int(str(triples[0]["n"])) if triples else 0)
            - (int(str(summaries[0]["n"])) if summaries else 0),
            "kinds": kinds,
        }
        for kind, key in KIND_KEYS.items():
            counts[key] = kinds.get(kind, 0)
        # organisations are typed by their most specific class (Ministry, Body…), counted once each
        classes = " ".join(nt_term(c) for c in sorted(ORGANISATION_CLASSES))
        organisations = store.select(COUNT_ORGANISATIONS.format(classes=classes))
        counts["organisations"] = int(str(organisations[0]["n"])) if organisations else 0
        return counts

    def documents(self) -> list[DocumentRow]:
        return self.archive.ledger.documents(status="stored", levels=self.visible_levels)

    def document(self, identifier: str) -> DocumentView | None:
        """The ledger row and passages of a document visible at this level, else ``None``."""
        row = self.archive.ledger.document(identifier)
        if row is None or row.level not in self.visible_levels:
            return None
        passages = []
        for r in self._store.select(PASSAGES_QUERY, {"graph": URIRef(row.graph)}):
            passages.append(
                PassageView(
                    iri=str(r["passage"]),
                    sequence=_int(r.get("sequence")),
                    quote=str(r.get("quote", "")),
                    start=_int(r.get("start")),
                    end=_int(r.get("end")),
                    page=_int(r.get("page")),
                    element_id=str(r["element"]) if "element" in r else None,
                )
            )
        return DocumentView(row=row, passages=passages)

    def select(self, named_query: str, bindings: Mapping[str, Node] | None = None) -> list[dict[str, Node]]:
        """Run one of Precedent's own named queries (a module constant, never user text) at this level.

        Values go in through ``bindings`` only. No timeout or row cap: user SPARQL goes through ``query``.
        A query marked ``cacheable`` is answered from the archive's cache while the level's store is
        unchanged (``generation.snapshot_key``): an actor page's parts, over thousands of attendances.
        """
        if named_query not in CACHEABLE or self.archive.config.store != "oxigraph":
            return self._store.select(named_query, bindings)
        snapshot = snapshot_key(self.archive.level_dir(self.level) / "store")
        key = (self.level, named_query, tuple(sorted((k, str(v)) for k, v in (bindings or {}).items())))
        cache = self.archive.named_query_cache
        hit = cache.get(key)
        if hit is not None and hit[0] == snapshot:
            cache.move_to_end(key)
            return hit[1]
        rows = self._store.select(named_query, bindings)
        cache[key] = (snapshot, rows)
        while len(cache) > NAMED_QUERY_CACHE_SIZE:
            cache.popitem(last=False)
        return rows

    def select_plain(
        self, named_query: str, bindings: Mapping[str, Node] | None = None
    ) -> list[dict[str, PlainTerm]]:
        """``select`` (never cached) with IRIs and strings as ``str``: a page that shows them needs no
        rdflib term for each (``terms.plain_from_ox``)."""
        return self._store.select_plain(named_query, bindings)

    def construct(self, named_query: str, bindings: Mapping[str, Node] | None = None) -> list[RdfTriple]:
        """The triples of one of Precedent's own named CONSTRUCT queries at this level (values bound)."""
        return self._store.construct(named_query, bindings)

    def decision_identifiers(self) -> list[str]:
        """The identifiers of every decision this level can see (to check precedent links on ingest)."""
        return [str(row["identifier"]) for row in self._store.select(DECISION_IDENTIFIERS)]

    def label(self, iri: str) -> str | None:
        for _, _, label in self.describe(iri).triples((URIRef(iri), RDFS.label, None)):
            if isinstance(label, Literal):
                return str(label)
        return None

    def types(self, iri: str) -> list[str]:
        return sorted(str(t) for t in self.describe(iri).objects(URIRef(iri), RDF.type))

    def original(self, identifier: str) -> bytes | None:
        """The original bytes of a visible document, if they were kept."""
        row = self.archive.ledger.document(identifier)
        if row is None or row.level not in self.visible_levels or not row.original_hash:
            return None
        # one original can hold several documents (a FRUS volume); if any of them is above this level,
        # the file would show its text, so it is withheld
        sharing = self.archive.ledger.db.execute(
            "SELECT DISTINCT level FROM documents WHERE original_hash = ?", (row.original_hash,)
        ).fetchall()
        if any(level not in self.visible_levels for (level,) in sharing):
            return None
        path = self.archive.config.data_dir / "originals" / row.original_hash[:2] / row.original_hash
        if not path.is_file():
            raise ArchiveError(f"the original of {identifier!r} is missing from {path.parent}")
        return path.read_bytes()
