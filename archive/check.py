"""Consistency of an archive: per level, the ledger's documents vs the store's graphs vs the index."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .apply import stored_document
from .descriptions import is_entity_graph
from .indexing import document_records

if TYPE_CHECKING:
    from .archive import Archive
    from .ledger import DocumentRow

log = logging.getLogger(__name__)


@dataclass
class LevelCheck:
    """What one level holds and where its three views of the documents disagree."""

    level: str
    ledger_documents: int
    store_graphs: int
    index_documents: int
    missing_in_store: list[str] = field(default_factory=list)
    extra_in_store: list[str] = field(default_factory=list)
    missing_in_index: list[str] = field(default_factory=list)
    extra_in_index: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not (
            self.missing_in_store or self.extra_in_store or self.missing_in_index or self.extra_in_index
        )


@dataclass
class CheckReport:
    """The result of ``Archive.check()``: one ``LevelCheck`` per level, plus unfinished writes."""

    levels: list[LevelCheck]
    unfinished: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.unfinished and all(level.ok for level in self.levels)

    def __str__(self) -> str:
        lines = [
            f"{lc.level}: {lc.ledger_documents} documents in the ledger, {lc.store_graphs} in the store, "
            f"{lc.index_documents} in the text index — {'ok' if lc.ok else 'DISAGREE'}"
            for lc in self.levels
        ]
        lines += self.problems()
        lines.append("archive is consistent" if self.ok else f"{len(self.problems())} problem(s) found")
        return "\n".join(lines)

    def problems(self) -> list[str]:
        found = [f"document {i!r} has an unfinished write" for i in self.unfinished]
        for lc in self.levels:
            for name, label in (
                ("missing_in_store", "in the ledger but not in the store"),
                ("extra_in_store", "a graph in the store that the ledger does not list"),
                ("missing_in_index", "in the store but not in the text index"),
                ("extra_in_index", "in the text index but not in the ledger"),
            ):
                found += [f"{lc.level}: {item} — {label}" for item in getattr(lc, name)]
        return found


def _expected(archive: Archive, level: str) -> list[DocumentRow]:
    return archive.ledger.documents(status="stored", levels=archive.levels.at_or_below(level))


def _indexable(archive: Archive, level: str, row: DocumentRow) -> bool:
    return bool(document_records(stored_document(archive, level, row), row.identifier))


def check_archive(archive: Archive) -> CheckReport:
    report = CheckReport(
        levels=[], unfinished=[r.identifier for r in archive.ledger.documents() if r.status != "stored"]
    )
    for level in archive.levels:
        rows = _expected(archive, level)
        expected_graphs = {r.graph for r in rows}
        reviewed = {archive.reviewed_graph_iri(r.identifier) for r in rows}
        graphs = archive.store(level).graph_iris()
        index_docs = archive.index(level).documents()
        ids = {r.identifier for r in rows}
        lc = LevelCheck(
            level=level,
            ledger_documents=len(rows),
            store_graphs=len(graphs & expected_graphs),
            index_documents=len(index_docs),
        )
        lc.missing_in_store = sorted(r.identifier for r in rows if r.graph not in graphs and r.triples)
        lc.extra_in_store = sorted(
            g for g in graphs - expected_graphs - reviewed if not is_entity_graph(archive.minter, g)
        )
        lc.missing_in_index = sorted(
            r.identifier
            for r in rows
            if r.identifier not in index_docs and r.graph in graphs and _indexable(archive, level, r)
        )
        lc.extra_in_index = sorted(index_docs - ids)
        report.levels.append(lc)
    return report


def repair_indexes(archive: Archive) -> int:
    """Bring each level's index in line with its store (after a crash between store and index writes)."""
    repaired = 0
    for level in archive.levels:
        path = archive.level_dir(level) / f"index-{archive.config.text_engine}"
        if archive.config.store == "oxigraph" and not (archive.level_dir(level) / "store").exists():
            continue  # nothing stored at this level yet; do not create it just to compare
        if not path.exists() and not _expected(archive, level):
            continue
        index = archive.index(level)
        index_docs = index.documents()
        rows = {r.identifier: r for r in _expected(archive, level)}
        for identifier in sorted(index_docs - set(rows)):
            log.warning("%s index: dropping %s, which the ledger does not list", level, identifier)
            index.delete_document(identifier)
            repaired += 1
        for identifier, row in sorted(rows.items()):
            if identifier in index_docs:
                continue
            records = document_records(stored_document(archive, level, row), identifier)
            if records:
                log.warning("%s index: re-indexing %s from the store", level, identifier)
                index.replace_document(identifier, records)
                repaired += 1
    return repaired
