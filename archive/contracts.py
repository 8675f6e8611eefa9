"""The typed borders of the archive: what the writer takes, and what a reader at one level offers.

``archive`` never imports ``ingest`` or ``webui``; these ``Protocol``s say what it needs from a document
(``ingest.document.Document`` satisfies ``StorableDocument``) and what the web UI and the CLI may ask of a
view (``View`` satisfies ``ReadView``), so the type checker proves both sides agree without an import.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Protocol

from rdflib import Graph
from rdflib.term import Node

if TYPE_CHECKING:
    from .ledger import DocumentRow
    from .results import QueryResult
    from .terms import PlainTerm
    from .textindex import SearchRequest, SearchResult
    from .view import DocumentView

RdfTriple = tuple[Node, Node, Node]


class ProposedFact(Protocol):
    """A fact a reader proposes with low confidence, kept for an editor's review (``review.ReviewQueue``)."""

    @property
    def key(self) -> str: ...

    @property
    def rule(self) -> str: ...

    @property
    def confidence(self) -> float: ...

    @property
    def summary(self) -> str: ...

    @property
    def passage_iri(self) -> str: ...

    @property
    def passage_text(self) -> str: ...

    @property
    def triples(self) -> Graph: ...


class StorableDocument(Protocol):
    """What ``Writer.put`` takes: one source document's identity, level, provenance and triples."""

    @property
    def identifier(self) -> str: ...

    @property
    def title(self) -> str: ...

    @property
    def source_format(self) -> str: ...

    @property
    def access_level(self) -> str: ...

    @property
    def content_hash(self) -> str: ...

    @property
    def reader(self) -> str: ...

    @property
    def reader_version(self) -> str: ...

    @property
    def source_path(self) -> str | None: ...

    @property
    def original(self) -> bytes | None: ...

    @property
    def original_hash(self) -> str | None: ...

    @property
    def proposed(self) -> Sequence[ProposedFact]: ...

    def triples(self) -> list[RdfTriple]: ...

    def count_of_type(self, rdf_type: Node) -> int: ...


class ReadView(Protocol):
    """Read access at one clearance level: the only door the web UI and the CLI have to the data."""

    @property
    def level(self) -> str: ...

    @property
    def visible_levels(self) -> tuple[str, ...]: ...

    def graph_iris(self) -> set[str]: ...

    def query(
        self,
        text: str,
        default_graph_uris: Iterable[str] = (),
        named_graph_uris: Iterable[str] = (),
        timeout: float | None = None,
        max_rows: int | None = None,
    ) -> QueryResult: ...

    def describe(self, iri: str) -> Graph: ...

    def search(self, request: SearchRequest) -> SearchResult: ...

    def counts(self) -> dict[str, object]: ...

    def documents(self) -> list[DocumentRow]: ...

    def document(self, identifier: str) -> DocumentView | None: ...

    def select(
        self, named_query: str, bindings: Mapping[str, Node] | None = None
    ) -> list[dict[str, Node]]: ...

    def select_plain(
        self, named_query: str, bindings: Mapping[str, Node] | None = None
    ) -> list[dict[str, PlainTerm]]: ...

    def construct(self, named_query: str, bindings: Mapping[str, Node] | None = None) -> list[RdfTriple]: ...

    def decision_identifiers(self) -> list[str]: ...

    def label(self, iri: str) -> str | None: ...

    def types(self, iri: str) -> list[str]: ...

    def original(self, identifier: str) -> bytes | None: ...
