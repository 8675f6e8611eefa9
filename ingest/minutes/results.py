"""What a decision leads to, as RDF: its commitments, its expected outcomes, and outcomes observed later.

Observed outcomes may report on a decision from an earlier meeting; their IRI key carries the
reporting meeting's identifier so that several later meetings can each report on the same decision.
One that reports on a decision neither the file nor the archive holds waits in the review queue.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rdflib import RDF, RDFS, URIRef
from rdflib.namespace import XSD

from ontology import PREC

from ..minutes_text import Bullet
from .doubts import UnknownDecision, wait_for_editor
from .values import field_error, parse_choice, parse_date, parse_money, parse_number

if TYPE_CHECKING:
    from .markdown import _MinutesMapper

COMMITMENT_FIELDS = ("owner", "deadline", "budget", "status")
EXPECTED_FIELDS = ("indicator", "target", "status")
OBSERVED_FIELDS = ("decision", "expected", "indicator", "observed", "status", "date")
COMMITMENT_STATUSES = ("open", "done", "cancelled")
OUTCOME_STATUSES = ("pending", "met", "partially-met", "not-met")


def check_fields(source: str, bullet: Bullet, allowed: tuple[str, ...], what: str) -> None:
    """Refuse a field this kind of entry does not have (most often a misspelling)."""
    for name, value in bullet.fields.items():
        if name not in allowed:
            raise field_error(source, value, f"unknown field; a {what} has {', '.join(allowed)}")


def map_commitment(m: _MinutesMapper, decision: URIRef, bullet: Bullet, key: str) -> None:
    check_fields(m.source, bullet, COMMITMENT_FIELDS, "commitment")
    fields = bullet.fields
    c = URIRef(m.minter.entity("commitment", key))
    m.add(decision, PREC.hasCommitment, c)
    m.add(c, RDF.type, PREC.Commitment)
    m.add(c, RDFS.label, bullet.label)
    if "owner" in fields:
        m.add(c, PREC.owner, m.actors.actor(fields["owner"].value))
    if "deadline" in fields:
        m.add(c, PREC.deadline, parse_date(m.source, fields["deadline"]), XSD.date)
    if "budget" in fields:
        amount, currency = parse_money(m.source, fields["budget"])
        m.add(c, PREC.budgetAmount, amount, XSD.decimal)
        m.add(c, PREC.budgetCurrency, currency)
    m.add(c, PREC.commitmentStatus, parse_choice(m.source, fields.get("status"), COMMITMENT_STATUSES, "open"))
    m.passages.span(c, bullet.span.start, bullet.span.end)


def map_expected(m: _MinutesMapper, decision: URIRef, bullet: Bullet, key: str) -> None:
    check_fields(m.source, bullet, EXPECTED_FIELDS, "expected outcome")
    fields = bullet.fields
    e = URIRef(m.minter.entity("outcome", key))
    m.add(decision, PREC.hasExpectedOutcome, e)
    # both classes are stated: queries run without inference
    m.add(e, RDF.type, PREC.ExpectedOutcome)
    m.add(e, RDF.type, PREC.Outcome)
    m.add(e, RDFS.label, bullet.label)
    m.add(e, PREC.indicator, fields["indicator"].value if "indicator" in fields else None)
    if "target" in fields:
        m.add(e, PREC.targetValue, parse_number(m.source, fields["target"]), XSD.decimal)
    m.add(e, PREC.outcomeStatus, parse_choice(m.source, fields.get("status"), OUTCOME_STATUSES, "pending"))
    m.passages.span(e, bullet.span.start, bullet.span.end)


def map_observed(m: _MinutesMapper, bullet: Bullet, n: int) -> None:
    check_fields(m.source, bullet, OBSERVED_FIELDS, "observed outcome")
    fields = bullet.fields
    if "decision" not in fields:
        raise field_error(m.source, bullet, "an observed outcome names the earlier decision it observes",
                          "decision")
    if "status" not in fields:
        raise field_error(m.source, bullet, f"say whether it was {', '.join(OUTCOME_STATUSES)}", "status")
    try:
        target = m.decision_reference(fields["decision"])
    except UnknownDecision as unknown:
        earlier = unknown.identifier
        wait_for_editor(m, unknown, bullet.span, lambda: _observed(m, bullet, n, earlier))
        return
    _observed(m, bullet, n, target)


def _observed(m: _MinutesMapper, bullet: Bullet, n: int, target: str) -> None:
    fields = bullet.fields
    d = URIRef(m.minter.entity("decision", target))
    x = URIRef(m.minter.entity("outcome", f"{target}/x-{m.header.identifier}-{n}"))
    m.add(d, PREC.hasObservedOutcome, x)
    m.add(x, RDF.type, PREC.ObservedOutcome)
    m.add(x, RDF.type, PREC.Outcome)
    m.add(x, RDFS.label, bullet.label)
    m.add(x, PREC.indicator, fields["indicator"].value if "indicator" in fields else None)
    if "observed" in fields:
        m.add(x, PREC.observedValue, parse_number(m.source, fields["observed"]), XSD.decimal)
    m.add(x, PREC.outcomeStatus, parse_choice(m.source, fields["status"], OUTCOME_STATUSES, "pending"))
    observed_on = parse_date(m.source, fields["date"]) if "date" in fields else m.header.date
    m.add(x, PREC.observedOn, observed_on, XSD.date)
    if "expected" in fields:
        number = fields["expected"].value.lstrip("eE")
        if not number.isdigit():
            raise field_error(m.source, fields["expected"], "give the number of the expected outcome, e.g. 1")
        m.add(x, PREC.observes, URIRef(m.minter.entity("outcome", f"{target}/e{int(number)}")))
    m.passages.span(x, bullet.span.start, bullet.span.end)
