"""``Archive``: the stateful whole — ledger, originals, one store and one text index per clearance level.

Open it once per process with ``Archive.open(config)``; read through ``archive.view(level)``; write
through ``with archive.writer(user) as w:``. Opening replays any journal a crashed writer left and
repairs a text index that disagrees with its store.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path

from .apply import apply_entry
from .batch import IndexBatch
from .check import CheckReport, check_archive, repair_indexes
from .config import ArchiveConfig
from .dump import DumpSummary, dump_archive, reindex_archive, restore_archive
from .errors import WriterBusy
from .journal import JournalEntry, pending_entries, read_entry
from .ledger import DocumentRow, Ledger
from .levels import Levels
from .private_files import make_private
from .review import ReviewQueue
from .store import GraphStore, OxigraphStore
from .textindex import TextIndex, open_index
from .view import View
from .writer import Writer

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]


class Archive:
    """One opened archive; see the module docstring."""

    def __init__(self, config: ArchiveConfig) -> None:
        self.config = config
        self.levels = Levels(config.levels)
        self.minter = config.minter
        make_private(config.data_dir)  # 0700/0600 whatever the umask: the ledger holds password hashes
        self.ledger = Ledger(config.data_dir / "ledger.sqlite")
        self.review = ReviewQueue(self.ledger, self.levels)
        self.journal_dir = config.data_dir / "journal"
        self._stores: dict[str, GraphStore] = {}
        self._indexes: dict[str, TextIndex] = {}
        self._open_lock = threading.Lock()
        self._thread_lock = threading.RLock()

    @classmethod
    def open(cls, config: ArchiveConfig) -> Archive:
        archive = cls(config)
        archive.recover()
        return archive

    # stores and indexes, opened on first use so a view never touches a level above its own
    def store(self, level: str) -> GraphStore:
        self.levels.validate(level)
        with self._open_lock:
            if level not in self._stores:
                if self.config.store == "sparql":
                    from .remote import SparqlStore

                    self._stores[level] = SparqlStore.for_level(self.config, level)
                else:
                    self._stores[level] = OxigraphStore(self.level_dir(level) / "store")
            return self._stores[level]

    def index(self, level: str) -> TextIndex:
        self.levels.validate(level)
        with self._open_lock:
            if level not in self._indexes:
                path = self.level_dir(level) / f"index-{self.config.text_engine}"
                self._indexes[level] = open_index(self.config.text_engine, path)
            return self._indexes[level]

    def level_dir(self, level: str) -> Path:
        return self.config.data_dir / "levels" / level

    def view(self, level: str) -> View:
        return View(self, level)

    def writer(self, user: str) -> Writer:
        return Writer(self, user)

    # helpers shared by writer, apply, check and dump
    def reviewed_graph_iri(self, identifier: str) -> str:
        return self.minter.entity("graph", identifier + "/reviewed")

    def document_of_graph(self, graph_iri: str) -> DocumentRow | None:
        row = self.ledger.document_by_graph(graph_iri)
        if row is not None:
            return row
        # a reviewed graph is minted from "<identifier>/reviewed", i.e. the main graph's IRI + "~reviewed"
        if graph_iri.endswith("~reviewed"):
            row = self.ledger.document_by_graph(graph_iri[: -len("~reviewed")])
            if row is not None and self.reviewed_graph_iri(row.identifier) == graph_iri:
                return row
        for candidate in self.ledger.documents():
            if self.reviewed_graph_iri(candidate.identifier) == graph_iri:
                return candidate
        return None

    def apply(self, entry: JournalEntry, batch: IndexBatch) -> None:
        apply_entry(self, entry, batch)

    def recover(self) -> int:
        """Roll forward every journalled write left by a crashed writer; repair disagreeing indexes."""
        entries = list(pending_entries(self.journal_dir))
        if entries:
            with self.writer("recovery") as writer:
                for path in entries:
                    log.warning("replaying unfinished write %s", path.name)
                    entry = read_entry(path)
                    self.apply(entry, writer.batch)
                    writer.batch.journalled(path, entry.action, entry.identifier)
        try:
            # a live writer elsewhere owns the indexes right now; repairing can wait for the next open
            with Writer(self, "recovery", wait=0):
                return len(entries) + repair_indexes(self)
        except WriterBusy:
            log.info("another writer is active; index repair skipped")
            return len(entries)

    # whole-archive operations
    def dump(self, path: Path) -> DumpSummary:
        return dump_archive(self, Path(path))

    @classmethod
    def restore(cls, path: Path, config: ArchiveConfig, progress: Progress | None = None) -> Archive:
        return restore_archive(cls, Path(path), config, progress)

    def reindex(self, progress: Progress | None = None) -> int:
        with self.writer("reindex"):
            return reindex_archive(self, progress)

    def check(self) -> CheckReport:
        return check_archive(self)

    def close(self) -> None:
        with self._open_lock:
            for index in self._indexes.values():
                index.close()
            for store in self._stores.values():
                store.close()
            self._indexes.clear()
            self._stores.clear()
        self.ledger.close()

    def __enter__(self) -> Archive:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
