"""``Archive``: the stateful whole — ledger, originals, one store and one text index per clearance level.

Open it once per process with ``Archive.open(config)``; read through ``archive.view(level)``; write
through ``with archive.writer(user) as w:``. Opening replays any journal a crashed writer left and
repairs a text index that disagrees with its store.
"""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path

from ontology import slugify

from .apply import apply_entry, rebuild_summaries
from .batch import IndexBatch
from .check import CheckReport, check_archive, repair_indexes
from .config import ArchiveConfig
from .descriptions import entity_graph_iri
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
        self._own_graphs_of_old_ledger()
        self.journal_dir = config.data_dir / "journal"
        self._stores: dict[str, GraphStore] = {}
        self._indexes: dict[str, TextIndex] = {}
        self._open_lock = threading.Lock()
        self._thread_lock = threading.RLock()
        #: answers of cacheable named queries per store snapshot (``View.select``)
        self.named_query_cache: OrderedDict[tuple, tuple[tuple, list]] = OrderedDict()

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

    def writer(self, user: str, clearance: str | None = None) -> Writer:
        """The single writer, for ``user``; ``clearance``: that user's level (``None``: the operator)."""
        return Writer(self, user, clearance=clearance)

    # helpers shared by writer, apply, check and dump
    def reviewed_graph_iri(self, identifier: str) -> str:
        """``{base}graph/reviewed/{slug}``: no document identifier can mint it (slugs hold no ``/``)."""
        return f"{self.minter.base}graph/reviewed/{slugify(identifier)}"

    def entity_graph_iri(self, entity: str) -> str:
        return entity_graph_iri(self.minter, entity)

    def document_of_graph(self, graph_iri: str) -> DocumentRow | None:
        """The document owning a main or reviewed graph (``None`` for entity graphs and unknown graphs)."""
        owner = self.ledger.graph_owner(graph_iri)
        return self.ledger.document(owner.identifier) if owner is not None else None

    def _own_graphs_of_old_ledger(self) -> None:
        """A ledger from before graph ownership: record the graphs its documents own.

        Such an archive also predates entity graphs and the reviewed-graph namespace; ``recover``
        stores its documents again in the present layout (``_migrate_layout``).
        """
        self._old_layout = bool(not self.ledger.graph_owner_count() and self.ledger.documents())
        if not self._old_layout:
            return
        with self.ledger.transaction():
            for row in self.ledger.documents():
                roles = {
                    row.graph: "import" if row.format == "rdf" else "document",
                    self.reviewed_graph_iri(row.identifier): "reviewed",
                }
                self.ledger.set_graph_owners(row.identifier, self.levels.rank(row.level), roles)

    def _migrate_layout(self) -> None:
        """Store every document again in the present layout: its facts about shared entities moved to
        entity graphs, its reviewed graph moved from ``{graph}~reviewed`` to ``graph/reviewed/``."""
        rows = self.ledger.documents()
        log.warning("moving %d documents to entity graphs and the reviewed-graph namespace", len(rows))
        with self.writer("migration") as writer:
            for row in rows:
                writer.rewrite(row.identifier)
        old_reviewed = [self.minter.entity("graph", row.identifier + "/reviewed") for row in rows]
        for level in self.levels:
            self.store(level).drop_graphs(g for g in old_reviewed if g not in {r.graph for r in rows})
        self._old_layout = False

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
        if self._old_layout:
            self._migrate_layout()
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
        """Rebuild what is derived from the stores: every level's text index, and the page summaries of
        bodies and administrations (an archive written before summaries gets them here). Returns the
        number of index records written."""
        with self.writer("reindex"):
            rebuild_summaries(self)
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
