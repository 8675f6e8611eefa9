"""Commitments: who must do what by when, and where each stands on a date — open, overdue or done.

A commitment's recorded status (``prec:commitmentStatus``) says whether it was done or cancelled; the
sources do not record *when*, so "done" is reported as recorded. An open commitment is overdue on a
date after its deadline. A commitment made by a decision dated after the as-of date did not exist yet
and is left out. Everything is read through a ``View``, so nothing above the reader's level appears.
"""

from __future__ import annotations

import datetime as dt
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any

from . import pages
from .standing import to_date

#: The statuses a commitment can have on a date, in the order pages offer them as filters.
STATUSES = ("open", "overdue", "done", "cancelled")

#: Every commitment with its decision, the decision's bodies and topics, and its first passage.
COMMITMENTS_QUERY = (
    pages.PREFIXES
    + """
SELECT DISTINCT ?commitment ?label ?owner ?ownerLabel ?deadline ?status ?amount ?currency ?decision
       ?identifier ?date ?body ?bodyLabel ?topic ?passage ?quote ?sequence WHERE {
  ?decision prec:hasCommitment ?commitment ; a prec:Decision .
  OPTIONAL { ?commitment rdfs:label ?label }
  OPTIONAL { ?commitment prec:owner ?owner OPTIONAL { ?owner rdfs:label ?ownerLabel } }
  OPTIONAL { ?commitment prec:deadline ?deadline }
  OPTIONAL { ?commitment prec:commitmentStatus ?status }
  OPTIONAL { ?commitment prec:budgetAmount ?amount }
  OPTIONAL { ?commitment prec:budgetCurrency ?currency }
  OPTIONAL { ?decision prec:identifier ?identifier }
  OPTIONAL { ?decision prec:date ?date }
  OPTIONAL { ?decision prec:decidedBy ?body OPTIONAL { ?body rdfs:label ?bodyLabel } }
  OPTIONAL { ?decision prec:hasTopic ?topic }
  OPTIONAL { ?commitment prec:derivedFrom ?passage OPTIONAL { ?passage prec:quote ?quote }
             OPTIONAL { ?passage prec:sequence ?sequence } }
}
ORDER BY ?deadline ?commitment
LIMIT 20000
"""
)


@dataclass
class Commitment:
    """One commitment of a decision and its status on the as-of date."""

    iri: str
    label: str
    owner: str | None
    owner_label: str | None
    deadline: dt.date | None
    recorded_status: str | None
    status: str
    amount: str | None
    currency: str | None
    decision: str
    decision_identifier: str | None
    decision_date: dt.date | None
    bodies: dict[str, str] = field(default_factory=dict)
    citation: Any = None  # archive.briefing.Citation
    topics: list[str] = field(default_factory=list)
    passage: str | None = None
    quote: str | None = None

    def as_json(self) -> dict[str, Any]:
        """A plain dict for ``/api/commitments`` and ``--json``."""
        return {
            "iri": self.iri,
            "what": self.label,
            "owner": self.owner,
            "owner_label": self.owner_label,
            "deadline": self.deadline.isoformat() if self.deadline else None,
            "status": self.status,
            "recorded_status": self.recorded_status,
            "budget": {"amount": self.amount, "currency": self.currency} if self.amount else None,
            "decision": self.decision,
            "decision_identifier": self.decision_identifier,
            "decision_date": self.decision_date.isoformat() if self.decision_date else None,
            "bodies": [{"iri": iri, "label": label} for iri, label in self.bodies.items()],
            "topics": self.topics,
            "passage": self.passage,
            "quote": self.quote,
        }


def commitment_status(recorded: str | None, deadline: dt.date | None, as_of: dt.date) -> str:
    """``done``/``cancelled`` as recorded; otherwise ``overdue`` after the deadline, else ``open``.

    The sources record that a commitment was done, not when: on a date before its deadline, one
    recorded done since is read as still open (the cautious reading for whoever takes it over).
    """
    value = (recorded or "").strip().lower()
    if value == "cancelled" or (value == "done" and (deadline is None or deadline <= as_of)):
        return value
    if deadline is not None and deadline < as_of:
        return "overdue"
    return "open"


@dataclass(frozen=True)
class CommitmentFilter:
    """Which commitments to list: by owner, body and topic IRI, status, and deadline on or before."""

    owner: str | None = None
    body: str | None = None
    topic: str | None = None
    status: str | None = None
    due_by: dt.date | None = None

    def accepts(self, commitment: Commitment) -> bool:
        if self.owner and commitment.owner != self.owner:
            return False
        if self.body and self.body not in commitment.bodies:
            return False
        if self.topic and self.topic not in commitment.topics:
            return False
        if self.status and commitment.status != self.status:
            return False
        if self.due_by and (commitment.deadline is None or commitment.deadline > self.due_by):
            return False
        return True


def commitments(view: Any, as_of: dt.date, wanted: CommitmentFilter | None = None) -> list[Commitment]:
    """Every commitment the view may see that existed on ``as_of``, with its status on that date."""
    found: OrderedDict[str, Commitment] = OrderedDict()
    best_sequence: dict[str, float] = {}
    for row in pages.run(view, COMMITMENTS_QUERY):
        key = str(row["commitment"])
        date = to_date(row["date"])
        if date is not None and date > as_of:
            continue
        item = found.get(key)
        if item is None:
            deadline = to_date(row["deadline"])
            recorded = None if row["status"] is None else str(row["status"])
            item = found[key] = Commitment(
                iri=key,
                label=str(row["label"]) if row["label"] is not None else key.rsplit("/", 1)[-1],
                owner=None if row["owner"] is None else str(row["owner"]),
                owner_label=None if row["ownerLabel"] is None else str(row["ownerLabel"]),
                deadline=deadline,
                recorded_status=recorded,
                status=commitment_status(recorded, deadline, as_of),
                amount=None if row["amount"] is None else str(row["amount"]),
                currency=None if row["currency"] is None else str(row["currency"]),
                decision=str(row["decision"]),
                decision_identifier=None if row["identifier"] is None else str(row["identifier"]),
                decision_date=date,
            )
        if row["body"] is not None:
            item.bodies.setdefault(str(row["body"]), str(row["bodyLabel"] or row["body"]))
        if row["topic"] is not None and str(row["topic"]) not in item.topics:
            item.topics.append(str(row["topic"]))
        if row["passage"] is not None:
            try:
                order = float(str(row["sequence"])) if row["sequence"] is not None else float("inf")
            except ValueError:
                order = float("inf")
            if item.passage is None or order < best_sequence.get(key, float("inf")):
                item.passage, best_sequence[key] = str(row["passage"]), order
                item.quote = None if row["quote"] is None else str(row["quote"])
    selected = [c for c in found.values() if wanted is None or wanted.accepts(c)]
    return sorted(selected, key=lambda c: (c.deadline or dt.date.max, c.label))


__all__ = ["STATUSES", "Commitment", "CommitmentFilter", "commitment_status", "commitments"]
