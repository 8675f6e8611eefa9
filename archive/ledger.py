"""The ledger: a small SQLite file recording every source document, entity owners and review decisions.

Users and sessions (``archive/accounts.py``) live in the same file; they get a connection from
``Ledger.connect()``. WAL mode lets readers go on while the one writer writes.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, fields
from pathlib import Path

SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    identifier TEXT PRIMARY KEY,
    sha256 TEXT NOT NULL,
    original_hash TEXT,
    format TEXT NOT NULL,
    level TEXT NOT NULL,
    graph TEXT NOT NULL,
    title TEXT NOT NULL DEFAULT '',
    decisions INTEGER NOT NULL DEFAULT 0,
    triples INTEGER NOT NULL DEFAULT 0,
    user TEXT NOT NULL,
    time TEXT NOT NULL,
    status TEXT NOT NULL,
    reader TEXT NOT NULL DEFAULT '',
    reader_version TEXT NOT NULL DEFAULT '',
    source_path TEXT
);
CREATE INDEX IF NOT EXISTS documents_level ON documents(level);
-- one row per (entity, document that types it); the owner level of an entity is the lowest of its rows.
-- ``facts``: for a shared entity (person, body, post…), what that document says about it (N-Triples);
-- the entity's description at a level is the union of the facts of its rows at or below that level.
CREATE TABLE IF NOT EXISTS entity_owner (
    entity TEXT NOT NULL,
    identifier TEXT NOT NULL,
    level_rank INTEGER NOT NULL,
    facts TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (entity, identifier)
);
CREATE INDEX IF NOT EXISTS entity_owner_doc ON entity_owner(identifier);
CREATE INDEX IF NOT EXISTS entity_owner_rank ON entity_owner(entity, level_rank);
CREATE TABLE IF NOT EXISTS review (
    key TEXT PRIMARY KEY,
    identifier TEXT NOT NULL,
    level TEXT NOT NULL,
    rule TEXT NOT NULL,
    confidence REAL NOT NULL,
    summary TEXT NOT NULL,
    passage_iri TEXT NOT NULL,
    passage_text TEXT NOT NULL,
    triples TEXT NOT NULL,
    current INTEGER NOT NULL DEFAULT 1,
    status TEXT NOT NULL DEFAULT 'proposed',
    decided_by TEXT,
    decided_at TEXT,
    corrected_triples TEXT
);
CREATE INDEX IF NOT EXISTS review_doc ON review(identifier);
-- every named graph a document or an import writes, and who owns it: graph IRIs, not identifiers, are
-- the unit of ownership (``clearance.claim_graphs``)
CREATE TABLE IF NOT EXISTS graph_owner (
    graph TEXT PRIMARY KEY,
    identifier TEXT NOT NULL,
    role TEXT NOT NULL,
    level_rank INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS graph_owner_doc ON graph_owner(identifier);
-- actor resolution across the archive: ``alias`` is the same actor as ``canonical`` (status "merged",
-- applied by the writer to every document it stores), may be ("proposed", for an editor), or is not
-- ("rejected": never merged again). Keyed by the alias's IRI, which re-ingest reproduces.
CREATE TABLE IF NOT EXISTS actor_merge (
    alias TEXT PRIMARY KEY,
    canonical TEXT NOT NULL,
    status TEXT NOT NULL,
    score REAL NOT NULL DEFAULT 1.0,
    reason TEXT NOT NULL DEFAULT '',
    decided_by TEXT,
    decided_at TEXT,
    level_rank INTEGER NOT NULL DEFAULT 0  -- the higher owner level of the two: who may see the pair
);
CREATE INDEX IF NOT EXISTS actor_merge_status ON actor_merge(status);
"""


@dataclass(frozen=True)
class ActorMerge:
    """Whether actor ``alias`` is actor ``canonical``: merged, proposed to an editor, or rejected."""

    alias: str
    canonical: str
    status: str  # "merged" | "proposed" | "rejected"
    score: float
    reason: str
    decided_by: str | None
    decided_at: str | None
    level_rank: int = 0


@dataclass(frozen=True)
class GraphOwner:
    """The document (or import) that owns a named graph, the graph's role for it and its level rank."""

    graph: str
    identifier: str
    role: str  # "document" | "reviewed" | "import"
    level_rank: int


@dataclass
class DocumentRow:
    """What the ledger knows about one stored source document."""

    identifier: str
    sha256: str
    format: str
    level: str
    graph: str
    user: str
    time: str
    status: str
    original_hash: str | None = None
    title: str = ""
    decisions: int = 0
    triples: int = 0
    reader: str = ""
    reader_version: str = ""
    source_path: str | None = None

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


_COLUMNS = [f.name for f in fields(DocumentRow)]


class Ledger:
    """The archive's SQLite ledger (``ledger.sqlite``)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._local = threading.local()
        self.db.executescript(SCHEMA)
        columns = {r[1] for r in self.db.execute("PRAGMA table_info(entity_owner)")}
        if "facts" not in columns:  # a ledger written before entities were described once per level
            self.db.execute("ALTER TABLE entity_owner ADD COLUMN facts TEXT NOT NULL DEFAULT ''")

    def connect(self) -> sqlite3.Connection:
        """A new connection to the ledger file (WAL mode, rows as ``sqlite3.Row``); the caller closes it."""
        db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        db.row_factory = sqlite3.Row
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=NORMAL")  # in WAL mode: safe against a killed process
        db.execute("PRAGMA foreign_keys=ON")
        return db

    @property
    def db(self) -> sqlite3.Connection:
        db = getattr(self._local, "db", None)
        if db is None:
            db = self._local.db = self.connect()
        return db

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        db = self.db
        if db.in_transaction:  # nested use joins the outer transaction
            yield db
            return
        db.execute("BEGIN IMMEDIATE")
        try:
            yield db
        except BaseException:
            db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")

    def close(self) -> None:
        db = getattr(self._local, "db", None)
        if db is not None:
            db.close()
            self._local.db = None

    # documents
    def document(self, identifier: str) -> DocumentRow | None:
        row = self.db.execute("SELECT * FROM documents WHERE identifier = ?", (identifier,)).fetchone()
        return DocumentRow(**{k: row[k] for k in _COLUMNS}) if row else None

    def documents(self, status: str | None = None, levels: Iterable[str] | None = None) -> list[DocumentRow]:
        sql, args = "SELECT * FROM documents WHERE 1=1", []
        if status is not None:
            sql += " AND status = ?"
            args.append(status)
        if levels is not None:
            levels = list(levels)
            sql += f" AND level IN ({','.join('?' * len(levels))})"
            args.extend(levels)
        rows = self.db.execute(sql + " ORDER BY identifier", args).fetchall()
        return [DocumentRow(**{k: r[k] for k in _COLUMNS}) for r in rows]

    def document_by_graph(self, graph_iri: str) -> DocumentRow | None:
        row = self.db.execute("SELECT * FROM documents WHERE graph = ?", (graph_iri,)).fetchone()
        return DocumentRow(**{k: row[k] for k in _COLUMNS}) if row else None

    def upsert_document(self, row: DocumentRow) -> None:
        placeholders = ",".join("?" * len(_COLUMNS))
        self.db.execute(
            f"INSERT OR REPLACE INTO documents ({','.join(_COLUMNS)}) VALUES ({placeholders})",
            [getattr(row, c) for c in _COLUMNS],
        )

    def set_status(self, identifier: str, status: str) -> None:
        self.db.execute("UPDATE documents SET status = ? WHERE identifier = ?", (status, identifier))

    def delete_document(self, identifier: str) -> None:
        self.db.execute("DELETE FROM documents WHERE identifier = ?", (identifier,))
        self.db.execute("DELETE FROM entity_owner WHERE identifier = ?", (identifier,))
        self.db.execute("DELETE FROM graph_owner WHERE identifier = ?", (identifier,))

    # graph owners
    def graph_owner(self, graph_iri: str) -> GraphOwner | None:
        row = self.db.execute(
            "SELECT graph, identifier, role, level_rank FROM graph_owner WHERE graph = ?", (graph_iri,)
        ).fetchone()
        return GraphOwner(*row) if row else None

    def set_graph_owners(self, identifier: str, level_rank: int, graphs: dict[str, str]) -> None:
        """``graphs``: graph IRI → role; replaces what ``identifier`` owned."""
        self.db.execute("DELETE FROM graph_owner WHERE identifier = ?", (identifier,))
        self.db.executemany(
            "INSERT OR REPLACE INTO graph_owner (graph, identifier, role, level_rank) VALUES (?, ?, ?, ?)",
            [(g, identifier, role, level_rank) for g, role in graphs.items()],
        )

    def graph_owner_count(self) -> int:
        return self.db.execute("SELECT COUNT(*) FROM graph_owner").fetchone()[0]

    # entity owners
    def owner_ranks(self, entities: Iterable[str], excluding: Iterable[str] = ()) -> dict[str, int]:
        """Lowest level rank of a document typing each entity; entities nobody types are absent.

        ``excluding``: documents whose rows are ignored (the state before they are written or removed).
        The clearance rule built on these ranks is in ``clearance.py``.
        """
        entities = list(entities)
        skip = set(excluding)
        owners: dict[str, int] = {}
        for start in range(0, len(entities), 500):
            chunk = entities[start : start + 500]
            marks = ",".join("?" * len(chunk))
            if not skip:  # the common case, answered by the (entity, level_rank) index alone
                sql = (
                    "SELECT entity, MIN(level_rank) FROM entity_owner "
                    f"WHERE entity IN ({marks}) GROUP BY entity"
                )
                owners.update({e: r for e, r in self.db.execute(sql, chunk)})
                continue
            sql = f"SELECT entity, identifier, level_rank FROM entity_owner WHERE entity IN ({marks})"
            for entity, identifier, rank in self.db.execute(sql, chunk):
                if identifier not in skip and rank < owners.get(entity, rank + 1):
                    owners[entity] = rank
        return owners

    def owned_entities_of(self, identifiers: Iterable[str]) -> set[str]:
        """Every entity any of the documents ``identifiers`` types."""
        identifiers = list(identifiers)
        found: set[str] = set()
        for start in range(0, len(identifiers), 500):
            chunk = identifiers[start : start + 500]
            sql = f"SELECT entity FROM entity_owner WHERE identifier IN ({','.join('?' * len(chunk))})"
            found.update(r[0] for r in self.db.execute(sql, chunk))
        return found

    def owned_entities(self, identifier: str) -> set[str]:
        return {
            r[0]
            for r in self.db.execute("SELECT entity FROM entity_owner WHERE identifier = ?", (identifier,))
        }

    def set_owned_entities(
        self,
        identifier: str,
        level_rank: int,
        entities: Iterable[str],
        facts: dict[str, str] | None = None,
    ) -> None:
        """What ``identifier`` types and (``facts``: entity → N-Triples) says about shared entities."""
        facts = facts or {}
        self.db.execute("DELETE FROM entity_owner WHERE identifier = ?", (identifier,))
        self.db.executemany(
            "INSERT OR IGNORE INTO entity_owner (entity, identifier, level_rank, facts) VALUES (?, ?, ?, ?)",
            [(e, identifier, level_rank, facts.get(e, "")) for e in {*entities, *facts}],
        )

    def described_entities_of(self, identifiers: Iterable[str]) -> set[str]:
        """Every shared entity any of the documents ``identifiers`` says something about."""
        identifiers = list(identifiers)
        found: set[str] = set()
        for start in range(0, len(identifiers), 500):
            chunk = identifiers[start : start + 500]
            sql = (
                "SELECT entity FROM entity_owner WHERE facts != '' AND "
                f"identifier IN ({','.join('?' * len(chunk))})"
            )
            found.update(r[0] for r in self.db.execute(sql, chunk))
        return found

    def entity_facts(self, entities: Iterable[str]) -> dict[str, list[tuple[int, str]]]:
        """Entity → ``(level rank, N-Triples)`` of every document that says something about it."""
        entities = list(entities)
        found: dict[str, list[tuple[int, str]]] = {}
        for start in range(0, len(entities), 500):
            chunk = entities[start : start + 500]
            sql = (
                "SELECT entity, level_rank, facts FROM entity_owner WHERE facts != '' AND "
                f"entity IN ({','.join('?' * len(chunk))}) ORDER BY entity, identifier"
            )
            for entity, rank, facts in self.db.execute(sql, chunk):
                found.setdefault(entity, []).append((rank, facts))
        return found

    def facts_of(self, identifier: str) -> dict[str, str]:
        """Entity → what document ``identifier`` says about it (N-Triples)."""
        sql = "SELECT entity, facts FROM entity_owner WHERE identifier = ? AND facts != ''"
        return {e: f for e, f in self.db.execute(sql, (identifier,))}

    def described_entities(self) -> set[str]:
        """Every shared entity some document describes (to rebuild all entity graphs)."""
        return {r[0] for r in self.db.execute("SELECT DISTINCT entity FROM entity_owner WHERE facts != ''")}

    # actor merges
    def actor_merges(self, status: str | None = None) -> list[ActorMerge]:
        sql, args = "SELECT * FROM actor_merge", []
        if status is not None:
            sql, args = sql + " WHERE status = ?", [status]
        return [ActorMerge(*r) for r in self.db.execute(sql + " ORDER BY alias", args)]

    def actor_merge(self, alias: str) -> ActorMerge | None:
        row = self.db.execute("SELECT * FROM actor_merge WHERE alias = ?", (alias,)).fetchone()
        return ActorMerge(*row) if row else None

    def set_actor_merge(self, merge: ActorMerge) -> None:
        self.db.execute(
            "INSERT OR REPLACE INTO actor_merge VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                merge.alias,
                merge.canonical,
                merge.status,
                merge.score,
                merge.reason,
                merge.decided_by,
                merge.decided_at,
                merge.level_rank,
            ),
        )

    def documents_naming(self, entities: Iterable[str]) -> set[str]:
        """Identifiers of the documents that type or describe any of ``entities``."""
        entities = list(entities)
        found: set[str] = set()
        for start in range(0, len(entities), 500):
            chunk = entities[start : start + 500]
            sql = (
                f"SELECT DISTINCT identifier FROM entity_owner WHERE entity IN ({','.join('?' * len(chunk))})"
            )
            found.update(r[0] for r in self.db.execute(sql, chunk))
        return found

    # dump / restore
    def export(self) -> dict[str, list[dict[str, object]]]:
        tables: dict[str, list[dict[str, object]]] = {}
        for table, order in (
            ("documents", "identifier"),
            ("entity_owner", "entity, identifier"),
            ("review", "key"),
            ("graph_owner", "graph"),
            ("actor_merge", "alias"),
        ):
            tables[table] = [dict(r) for r in self.db.execute(f"SELECT * FROM {table} ORDER BY {order}")]
        return tables

    def import_tables(self, tables: dict[str, list[dict[str, object]]]) -> None:
        with self.transaction() as db:
            for table in ("documents", "entity_owner", "review", "graph_owner", "actor_merge"):
                known = {r[1] for r in db.execute(f"PRAGMA table_info({table})")}
                for row in tables.get(table, []):
                    columns = list(row)
                    unknown = set(columns) - known
                    if unknown:
                        raise ValueError(
                            f"ledger dump: table {table} has no column(s) {', '.join(sorted(unknown))}"
                        )
                    db.execute(
                        f"INSERT OR REPLACE INTO {table} ({','.join(columns)}) "
                        f"VALUES ({','.join('?' * len(columns))})",
                        [row[c] for c in columns],
                    )
