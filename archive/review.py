"""The review queue: low-confidence facts a reader proposed, and the editors' decisions on them.

Proposed facts live only in the ledger. Accepted and corrected ones become a second named graph of
their document (``…/reviewed``), written by the writer; undecided ones never enter a store. Keys are
stable across re-ingest, so a decision survives reading the same file again.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from rdflib import XSD, Graph, Literal, URIRef

from ontology import PREC

from .errors import ArchiveError
from .ledger import Ledger
from .levels import Levels

if TYPE_CHECKING:
    from .contracts import StorableDocument

ACTIONS = {"accept": "accepted", "reject": "rejected", "correct": "corrected"}


@dataclass
class ReviewItem:
    """One proposed fact as an editor sees it, with the decision taken on it if any."""

    key: str
    identifier: str
    level: str
    rule: str
    confidence: float
    summary: str
    passage_iri: str
    passage_text: str
    triples: str
    status: str
    decided_by: str | None
    decided_at: str | None
    corrected_triples: str | None


def _nt(graph: Graph) -> str:
    return "\n".join(sorted(graph.serialize(format="nt").splitlines()))


def _parse_nt(text: str | None, where: str) -> Graph:
    graph = Graph()
    if text:
        try:
            graph.parse(data=text, format="nt")
        except Exception as exc:  # rdflib raises several parser exception types
            raise ArchiveError(f"{where}: the triples are not valid N-Triples: {exc}") from None
    return graph


class ReviewQueue:
    """Storage of proposed facts and decisions, in the ledger's ``review`` table."""

    def __init__(self, ledger: Ledger, levels: Levels) -> None:
        self.ledger = ledger
        self.levels = levels

    def propose(self, document: StorableDocument) -> None:
        """Keep ``document.proposed`` (an ``ingest.document.Document``); decisions on the same keys stay."""
        keys = [fact.key for fact in document.proposed]
        with self.ledger.transaction() as db:
            for fact in document.proposed:
                db.execute(
                    "INSERT INTO review (key, identifier, level, rule, confidence, summary, passage_iri,"
                    " passage_text,"
                    " triples, current) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1)"
                    " ON CONFLICT(key) DO UPDATE SET identifier=excluded.identifier, level=excluded.level,"
                    " rule=excluded.rule, confidence=excluded.confidence, summary=excluded.summary,"
                    " passage_iri=excluded.passage_iri, passage_text=excluded.passage_text,"
                    " triples=excluded.triples, current=1",
                    (
                        fact.key,
                        document.identifier,
                        document.access_level,
                        fact.rule,
                        float(fact.confidence),
                        fact.summary,
                        fact.passage_iri,
                        fact.passage_text,
                        _nt(fact.triples),
                    ),
                )
            placeholders = ",".join("?" * len(keys))
            # a fact the reader no longer proposes: forget it if undecided; keep a decision but stop using it
            db.execute(
                "DELETE FROM review WHERE identifier = ? AND status = 'proposed' "
                f"AND key NOT IN ({placeholders})",
                [document.identifier, *keys],
            )
            db.execute(
                f"UPDATE review SET current = 0 WHERE identifier = ? AND key NOT IN ({placeholders})",
                [document.identifier, *keys],
            )

    def forget(self, identifier: str) -> None:
        with self.ledger.transaction() as db:
            db.execute("DELETE FROM review WHERE identifier = ?", (identifier,))

    def _items(self, sql: str, args: list) -> list[ReviewItem]:
        rows = self.ledger.db.execute(
            "SELECT key, identifier, level, rule, confidence, summary, passage_iri, passage_text, triples,"
            " status,"
            " decided_by, decided_at, corrected_triples FROM review " + sql,
            args,
        ).fetchall()
        return [ReviewItem(**dict(r)) for r in rows]

    def pending(self, level: str | None = None) -> list[ReviewItem]:
        """Undecided facts, lowest confidence first; with ``level``, only documents a reader at it may see."""
        sql, args = "WHERE status = 'proposed' AND current = 1", []
        if level is not None:
            visible = self.levels.at_or_below(level)
            sql += f" AND level IN ({','.join('?' * len(visible))})"
            args.extend(visible)
        return self._items(sql + " ORDER BY confidence, identifier, key", args)

    def item(self, key: str) -> ReviewItem | None:
        found = self._items("WHERE key = ?", [key])
        return found[0] if found else None

    def decided(self, identifier: str) -> list[ReviewItem]:
        return self._items("WHERE identifier = ? AND status != 'proposed' ORDER BY key", [identifier])

    def decide(self, key: str, action: str, user: str, corrected_triples: Graph | str | None = None) -> str:
        """Record an editor's decision; returns the document identifier (whose reviewed graph to refresh)."""
        if action not in ACTIONS:
            raise ArchiveError(f"review action {action!r} unknown; use one of {', '.join(ACTIONS)}")
        item = self.item(key)
        if item is None:
            raise ArchiveError(f"no proposed fact with key {key!r}")
        corrected: str | None = None
        if action == "correct":
            graph = (
                corrected_triples
                if isinstance(corrected_triples, Graph)
                else _parse_nt(corrected_triples, f"correction of {key}")
            )
            if len(graph) == 0:
                raise ArchiveError(f"correcting {key!r} needs the corrected triples")
            corrected = _nt(graph)
        when = datetime.now(UTC).replace(microsecond=0).isoformat()
        with self.ledger.transaction() as db:
            db.execute(
                "UPDATE review SET status = ?, decided_by = ?, decided_at = ?, corrected_triples = ?"
                " WHERE key = ?",
                (ACTIONS[action], user, when, corrected, key),
            )
        return item.identifier

    def accepted_graph(self, identifier: str) -> Graph:
        """Accepted and corrected triples of a document, with who reviewed them and when."""
        graph = Graph()
        for item in self._items(
            "WHERE identifier = ? AND current = 1 AND status IN ('accepted', 'corrected') ORDER BY key",
            [identifier],
        ):
            text = item.corrected_triples if item.status == "corrected" else item.triples
            facts = _parse_nt(text, f"review {item.key}")
            graph += facts
            for subject in {s for s in facts.subjects() if isinstance(s, URIRef)}:
                graph.add((subject, PREC.reviewStatus, Literal(item.status)))
                graph.add((subject, PREC.reviewedBy, Literal(item.decided_by or "")))
                graph.add((subject, PREC.reviewedAt, Literal(item.decided_at, datatype=XSD.dateTime)))
        return graph
