"""Text-index work of a writer session, committed in batches: one index commit per level per batch.

A Tantivy or Whoosh commit costs ~100 ms, so committing per document and level made ``put`` take about
a second. The writer applies a batch's store writes at once and queues index work here; ``flush``
commits it, marks the documents stored and only then deletes their journal entries — so a crash
before the flush replays those documents (store and index) on the next open.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from .indexing import actor_records
from .journal import finish
from .textindex import IndexRecord
from .textindex.model import checked_record

if TYPE_CHECKING:
    from .archive import Archive

log = logging.getLogger(__name__)


@dataclass
class _LevelWork:
    documents: dict[str, list[IndexRecord]] = field(default_factory=dict)
    removed: set[str] = field(default_factory=set)
    actors: set[str] = field(default_factory=set)


def side_by_side(calls: list[Callable[[], None]], threads: bool = True) -> None:
    """Run ``calls`` (one per level: separate stores, separate indexes) in threads of their own; the first
    error is raised once all have ended."""
    if len(calls) < 2 or not threads:
        for call in calls:
            call()
        return
    with ThreadPoolExecutor(len(calls), thread_name_prefix="precedent-level") as pool:
        for done in [pool.submit(call) for call in calls]:
            done.result()


class IndexBatch:
    """Pending index work and journal entries of one writer session."""

    def __init__(self, archive: Archive) -> None:
        self.archive = archive
        self.work: dict[str, _LevelWork] = {}
        self.journals: dict[Path, tuple[str, str]] = {}
        self.written_documents: set[str] = set()
        self.unflushed_stores: set[str] = set()

    def __len__(self) -> int:
        return len(self.journals)

    def _level(self, level: str) -> _LevelWork:
        return self.work.setdefault(level, _LevelWork())

    def replace(self, level: str, identifier: str, records: list[IndexRecord]) -> None:
        work = self._level(level)
        work.removed.discard(identifier)
        work.documents[identifier] = records

    def remove(self, level: str, identifier: str) -> None:
        work = self._level(level)
        work.documents.pop(identifier, None)
        work.removed.add(identifier)

    def touch_actors(self, level: str, actors: set[str] | list[str]) -> None:
        self._level(level).actors.update(actors)

    def written(self, identifier: str) -> None:
        """``identifier`` is in every store now; ``flush`` marks it stored in the ledger."""
        self.written_documents.add(identifier)

    def pending(self, identifier: str) -> bool:
        """Whether this batch already holds a completed write of ``identifier`` (not yet committed)."""
        return identifier in self.written_documents

    def journalled(self, path: Path, action: str, identifier: str) -> None:
        self.journals[path] = (action, identifier)

    def _commit_level(self, level: str, work: _LevelWork, shared: dict[int, object]) -> None:
        """One level's index work in one commit: its documents' records and its touched actors' records.

        ``shared``: what the engine made of a record for one level, for the others (``write_batch``).
        """
        records = [record for document_records in work.documents.values() for record in document_records]
        deleted_iris = [r.iri for r in records]
        gone: list[str] = []
        store = self.archive.store(level)
        for iri, record in actor_records(store, work.actors).items():
            if record is None:
                gone.append(iri)
            else:
                records.append(checked_record(record))
                deleted_iris.append(iri)
        self.archive.index(level).write_batch(
            sorted(set(work.documents) | work.removed),
            deleted_iris + gone,
            records,
            checked=True,
            shared=shared,
        )

    def flush(self, stores: bool = True) -> None:
        """Commit the index work, mark written documents stored, delete their journal entries.

        Store writes survive a killed process as soon as they return (RocksDB's write-ahead log), so
        flushing the stores' memtables (~0.1 s each) is left to the end of a session (``stores=True``).
        """
        archive = self.archive
        levels = list(self.work.items())
        # the same record objects serve several levels: each is checked once for all of them (FRUS Paris
        # vol. I: 0.1-0.2 s of the writer's process a commit for three levels). ``made`` keeps every
        # original alive while its ``id`` is a key.
        made: dict[int, tuple[IndexRecord, IndexRecord]] = {}
        for _, work in levels:
            for identifier, document_records in work.documents.items():
                checked = []
                for record in document_records:
                    record.document = identifier
                    pair = made.get(id(record))
                    if pair is None:
                        pair = made[id(record)] = (record, checked_record(record))
                    checked.append(pair[1])
                work.documents[identifier] = checked
        # each level's index is its own directory and its own Tantivy writer, whose commit works outside
        # Python's lock: three levels' commits side by side took 0.75-0.88 s against 1.10-1.35 s one after
        # the other (three indexes of 4,000 passages each, two cores, twice each); Whoosh is pure Python
        # what an engine made of a record for one level, for the others (``write_batch``)
        shared: dict[int, object] = {}
        commits: list[Callable[[], None]] = [
            partial(self._commit_level, level, work, shared) for level, work in levels
        ]
        self.unflushed_stores.update(level for level, _ in levels)
        flushes: list[Callable[[], None]] = []
        if stores:
            # a store's flush, and its compaction after several bulk loads, mostly waits on the disk: three
            # stores of 50k quads each took 0.54-0.56 s side by side against 1.17-2.17 s one after the other;
            # it runs beside the index commits too (an index commit only reads its store, and RocksDB
            # answers reads while it flushes): FRUS 1864's last commit and flush 0.67 s → see performance.md
            flushes = [archive.store(level).flush for level in sorted(self.unflushed_stores)]
            self.unflushed_stores.clear()
        if archive.config.text_engine == "tantivy":
            side_by_side(commits + flushes)
        else:  # Whoosh is pure Python: its commits gain nothing from threads
            side_by_side(commits, threads=False)
            side_by_side(flushes)
        stored = sorted(self.written_documents)
        if stored:
            with archive.ledger.transaction():
                for identifier in stored:
                    archive.ledger.set_status(identifier, "stored")
        for path in self.journals:
            finish(path)
        self.work.clear()
        self.journals.clear()
        self.written_documents.clear()
