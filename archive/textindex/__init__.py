"""The full-text index of one access level: one small interface, two engines (Tantivy default, Whoosh).

The archive's writer keeps the index in step with the store (``replace_document`` per document,
atomically); views search it with a ``SearchRequest``. User text is parsed in code
(``userquery``), never by an engine's query parser, and filters are built as query objects.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from archive.textindex.model import (
    FACETS,
    KINDS,
    MAX_PER_PAGE,
    Hit,
    IndexRecord,
    SearchRequest,
    SearchResult,
    TextIndexError,
)

ENGINES: tuple[str, ...] = ("tantivy", "whoosh")
DEFAULT_ENGINE = "tantivy"

__all__ = [
    "DEFAULT_ENGINE",
    "ENGINES",
    "FACETS",
    "KINDS",
    "MAX_PER_PAGE",
    "Hit",
    "IndexRecord",
    "SearchRequest",
    "SearchResult",
    "TextIndex",
    "TextIndexError",
    "open_index",
]


class TextIndex(Protocol):
    """What the archive needs from a text index; both engines implement exactly this."""

    engine: str
    path: Path

    def replace_document(self, document_id: str, records: list[IndexRecord]) -> None:
        """Atomically: the old records of that document gone, the new ones in, one commit."""

    def upsert(self, records: list[IndexRecord]) -> None: ...

    def write_batch(
        self,
        delete_documents: list[str],
        delete_iris: list[str],
        records: list[IndexRecord],
        checked: bool = False,
        shared: dict[int, object] | None = None,
    ) -> None:
        """Delete whole documents and single records, then add ``records``, all in one commit
        (``checked``: they came from ``checked_record`` already; ``shared``: what the engine made of a
        record, kept for other indexes given the same record object, keyed by ``id``)."""

    def delete(self, iris: list[str]) -> None: ...

    def delete_document(self, document_id: str) -> None: ...

    def search(self, request: SearchRequest) -> SearchResult: ...

    def documents(self) -> set[str]: ...

    def count(self) -> int: ...

    def clear(self) -> None: ...

    def close(self) -> None: ...


def open_index(engine: str, path: Path) -> TextIndex:
    """Open (or create) the text index at ``path`` with ``engine`` ("tantivy" or "whoosh")."""
    if engine == "tantivy":
        from archive.textindex.tantivy import TantivyIndex

        return TantivyIndex(Path(path))
    if engine == "whoosh":
        from archive.textindex.whoosh import WhooshIndex

        return WhooshIndex(Path(path))
    raise TextIndexError(f"text engine {engine!r} is unknown; use one of: {', '.join(ENGINES)}")
