"""A decision's page from one query: the statements around the decision (``pages.DECISION_NEIGHBOURHOOD``),
read into the same sections, in the same order, as the named queries ``pages.DECISION``,
``DECISION_CONTEXT``, ``TOPICS``, ``DECISION_OPTIONS``, ``DECISION_VOTE``, ``DECISION_OUTCOMES``,
``DECISION_COMMITMENTS``, ``DECISION_LINKS`` and ``SOURCE_PASSAGES`` give them.

Ten queries a page cost 2.7 ms in Oxigraph on 300 generated minutes, 1.6 ms of it parsing and planning,
and 1.7 ms more turning their rows into rdflib terms. One query, read with IRIs and strings as plain
``str`` (``View.select_plain``), pays the fixed cost once and builds an rdflib term only for a typed
literal (a date, a number), whose value, truth and order the template may use.

Each section mirrors its query: the rows its OPTIONALs make (every combination of an entity's values,
``None`` where it has none), ``DISTINCT``, then its ``ORDER BY`` by SPARQL's order of terms (unbound
first, numbers by value, the rest by their text). Rows the ``ORDER BY`` leaves tied keep the order of
the statements (the store's index order): on every decision page of the real and the generated archives
that gave the engine's order (``bench/page_identity.py``, HTML byte for byte).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal
from itertools import product
from typing import Any

from rdflib import BNode, Literal
from rdflib.namespace import RDF, RDFS, SKOS

from archive import pages
from archive.contracts import ReadView
from archive.terms import PlainTerm
from ontology import PREC

_P = str(PREC)
TYPE, LABEL, PREF_LABEL = str(RDF.type), str(RDFS.label), str(SKOS.prefLabel)
DECISION_CLASS = f"{_P}Decision"
#: The precedent links in the order ``DECISION_LINKS`` sorts them (by IRI).
LINKS = sorted(
    f"{_P}{name}" for name in ("cites", "follows", "amends", "supersedes", "reverses", "implements")
)
LINK_SET = frozenset(LINKS)


class Statements:
    """The neighbourhood's statements, by subject and property (values in the order the store gave them)."""

    def __init__(self, rows: Iterable[dict[str, PlainTerm]]) -> None:
        self.about: defaultdict[PlainTerm, defaultdict[str, list[PlainTerm]]] = defaultdict(
            lambda: defaultdict(list)
        )
        self.into: defaultdict[PlainTerm, defaultdict[str, list[PlainTerm]]] = defaultdict(
            lambda: defaultdict(list)
        )
        seen: set[tuple[PlainTerm, PlainTerm, PlainTerm]] = set()
        for row in rows:
            s, p, o = row["s"], row["p"], row["o"]
            if (s, p, o) in seen:
                continue
            seen.add((s, p, o))
            self.about[s][p].append(o)  # type: ignore[index]
            self.into[o][p].append(s)  # type: ignore[index]

    def values(self, subject: PlainTerm, prop: str) -> list[PlainTerm]:
        """Every value of ``prop`` on ``subject`` (empty when it has none)."""
        found = self.about.get(subject)
        return found.get(prop, []) if found is not None else []

    def optional(self, subject: PlainTerm | None, prop: str) -> list[PlainTerm | None]:
        """The values an ``OPTIONAL { ?subject prop ?value }`` binds: each value, or one unbound."""
        if subject is None:
            return [None]
        return list(self.values(subject, prop)) or [None]

    def first(self, subject: PlainTerm, prop: str) -> PlainTerm | None:
        found = self.values(subject, prop)
        return found[0] if found else None

    def subjects(self, prop: str, value: PlainTerm) -> list[PlainTerm]:
        """Every subject with ``prop`` pointing at ``value``."""
        found = self.into.get(value)
        return found.get(prop, []) if found is not None else []


def order(value: Any) -> tuple[Any, ...]:
    """SPARQL's ``ORDER BY`` key of one term: unbound, blank nodes, then the rest; numbers by value."""
    if value is None:
        return (0,)
    if isinstance(value, BNode):
        return (1, str(value))
    if isinstance(value, bool):
        return (3, 0, int(value))
    if isinstance(value, Literal):
        number = value.value
        if isinstance(number, int | float | Decimal) and not isinstance(number, bool):
            return (3, 0, number)
        if isinstance(number, bool):
            return (3, 0, int(number))
    return (3, 1, str(value))


def _distinct(rows: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    seen: set[tuple[Any, ...]] = set()
    kept = []
    for row in rows:
        key = tuple(row.values())
        if key not in seen:
            seen.add(key)
            kept.append(row)
    return kept


def _sorted(rows: list[dict[str, Any]], *names: str) -> list[dict[str, Any]]:
    return sorted(rows, key=lambda row: tuple(order(row[name]) for name in names))


def _rows(names: tuple[str, ...], *columns: list[Any]) -> list[dict[str, Any]]:
    return [dict(zip(names, values, strict=True)) for values in product(*columns)]


class Neighbourhood:
    """The decision page's sections, each as the rows of the named query it replaces."""

    def __init__(self, view: ReadView, iri: str) -> None:
        self.iri = iri
        rows = pages.run_plain(view, pages.DECISION_NEIGHBOURHOOD, this=iri)
        if any(row["p"] in LINK_SET and iri in (row["s"], row["o"]) for row in rows):
            rows += pages.run_plain(view, pages.DECISION_LINKED, this=iri)
        self.facts = Statements(rows)

    @property
    def found(self) -> bool:
        """Whether anything is said about the decision at this level (``pages.EXISTS``)."""
        return bool(self.facts.about.get(self.iri))

    def label(self, iri: PlainTerm | None) -> str | None:
        """The first of an entity's labels in ``pages.LABELS``' order, or ``None`` (for the deciding body,
        the meeting and the administration, whose labels the neighbourhood holds)."""
        if iri is None:
            return None
        found = sorted(dict.fromkeys(self.facts.values(iri, LABEL)), key=order)
        return str(found[0]) if found else None

    def summary(self) -> dict[str, Any]:
        """``pages.DECISION``'s row (its ``LIMIT 1``: the first value of each), or ``{}``."""
        f, this = self.facts, self.iri
        if DECISION_CLASS not in f.values(this, TYPE):
            return {}
        row: dict[str, Any] = {"this": this}
        for name, prop in (
            ("label", LABEL),
            ("identifier", f"{_P}identifier"),
            ("text", f"{_P}text"),
            ("date", f"{_P}date"),
            ("rationale", f"{_P}rationale"),
            ("method", f"{_P}decisionMethod"),
            ("lapsesOn", f"{_P}lapsesOn"),
            ("review", f"{_P}reviewStatus"),
            ("confidence", f"{_P}confidence"),
        ):
            row[name] = f.first(this, prop)
        return row

    def context(self) -> dict[str, Any]:
        """``pages.DECISION_CONTEXT``'s row: body, meeting, administration and the motion's text."""
        f, this = self.facts, self.iri
        motion_text = None
        for motion in f.values(this, f"{_P}onMotion"):
            motion_text = f.first(motion, f"{_P}text")
            if motion_text is not None:
                break
        return {
            "this": this,
            "body": f.first(this, f"{_P}decidedBy"),
            "meeting": f.first(this, f"{_P}decidedAt"),
            "administration": f.first(this, f"{_P}duringAdministration"),
            "motionText": motion_text,
        }

    def topics(self) -> list[dict[str, Any]]:
        """``pages.TOPICS``: each topic with each of its labels, by label then topic."""
        f = self.facts
        rows = _distinct(
            {"topic": topic, "topicLabel": label}
            for topic in f.values(self.iri, f"{_P}hasTopic")
            for label in f.optional(topic, PREF_LABEL)
        )
        return _sorted(rows, "topicLabel", "topic")

    def options(self) -> list[dict[str, Any]]:
        """``pages.DECISION_OPTIONS``: options, each with its arguments for and against."""
        f, this = self.facts, self.iri
        chosen = f.values(this, f"{_P}chosenOption")
        options = list(dict.fromkeys([*f.values(this, f"{_P}consideredOption"), *chosen]))
        names = ("option", "label", "description", "chosen", "rejection", "stance", "argument", "criterion")
        rows: list[dict[str, Any]] = []
        for option in options:
            arguments: list[tuple[str | None, PlainTerm | None]] = [
                (stance, argument)
                for stance, prop in (("pro", f"{_P}hasPro"), ("con", f"{_P}hasCon"))
                for argument in f.values(option, prop)
            ] or [(None, None)]
            for stance, argument in arguments:
                rows += _rows(
                    names,
                    [option],
                    f.optional(option, LABEL),
                    f.optional(option, f"{_P}description"),
                    [option in chosen],
                    f.optional(option, f"{_P}rejectionReason"),
                    [stance],
                    f.optional(argument, f"{_P}argumentText"),
                    f.optional(argument, f"{_P}concernsCriterion"),
                )
        return _sorted(_distinct(rows), "option", "stance", "argument")

    def votes(self) -> list[dict[str, Any]]:
        """``pages.DECISION_VOTE``: the votes on the decision or its motion, with each ballot."""
        f, this = self.facts, self.iri
        on_motions = [
            v for motion in f.values(this, f"{_P}onMotion") for v in f.values(motion, f"{_P}hasVote")
        ]
        names = (
            "vote",
            "for",
            "against",
            "abstaining",
            "absent",
            "recused",
            "result",
            "voter",
            "voterLabel",
            "cast",
            "dissent",
        )
        rows: list[dict[str, Any]] = []
        for vote in dict.fromkeys([*f.values(this, f"{_P}hasVote"), *on_motions]):
            tally = [
                f.optional(vote, f"{_P}{prop}")
                for prop in (
                    "votesFor",
                    "votesAgainst",
                    "votesAbstaining",
                    "votesAbsent",
                    "votesRecused",
                    "result",
                )
            ]
            ballots: list[tuple[Any, Any, Any, Any]] = []
            for ballot in f.values(vote, f"{_P}hasBallot"):
                voters = [
                    (voter, label)
                    for voter in f.optional(ballot, f"{_P}voter")
                    for label in f.optional(voter, LABEL)
                ]
                for (voter, label), cast, dissent in product(
                    voters, f.optional(ballot, f"{_P}voteCast"), f.optional(ballot, f"{_P}dissentReason")
                ):
                    ballots.append((voter, label, cast, dissent))
            for combination in product(*tally):
                for ballot_values in ballots or [(None, None, None, None)]:
                    rows.append(dict(zip(names, (vote, *combination, *ballot_values), strict=True)))
        return _sorted(_distinct(rows), "vote", "cast", "voterLabel")

    def outcomes(self) -> list[dict[str, Any]]:
        """``pages.DECISION_OUTCOMES``: expected outcomes, then observed ones, each by label."""
        f, this = self.facts, self.iri
        names = (
            "this",
            "outcome",
            "observed",
            "label",
            "indicator",
            "target",
            "value",
            "status",
            "observedOn",
            "expectation",
        )
        rows: list[dict[str, Any]] = []
        for prop, observed in ((f"{_P}hasExpectedOutcome", False), (f"{_P}hasObservedOutcome", True)):
            for outcome in f.values(this, prop):
                rows += _rows(
                    names,
                    [this],
                    [outcome],
                    [observed],
                    *(
                        f.optional(outcome, f"{_P}{name}" if name != "label" else LABEL)
                        for name in (
                            "label",
                            "indicator",
                            "targetValue",
                            "observedValue",
                            "outcomeStatus",
                            "observedOn",
                            "observes",
                        )
                    ),
                )
        return _sorted(_distinct(rows), "observed", "label")

    def commitments(self) -> list[dict[str, Any]]:
        """``pages.DECISION_COMMITMENTS``: who must do what, by when, by deadline then label."""
        f, this = self.facts, self.iri
        names = (
            "this",
            "commitment",
            "label",
            "owner",
            "ownerLabel",
            "deadline",
            "amount",
            "currency",
            "status",
        )
        rows: list[dict[str, Any]] = []
        for commitment in f.values(this, f"{_P}hasCommitment"):
            owners = [
                (owner, label)
                for owner in f.optional(commitment, f"{_P}owner")
                for label in f.optional(owner, LABEL)
            ]
            for label, (owner, owner_label), deadline, amount, currency, status in product(
                f.optional(commitment, LABEL),
                owners,
                f.optional(commitment, f"{_P}deadline"),
                f.optional(commitment, f"{_P}budgetAmount"),
                f.optional(commitment, f"{_P}budgetCurrency"),
                f.optional(commitment, f"{_P}commitmentStatus"),
            ):
                rows.append(
                    dict(
                        zip(
                            names,
                            (this, commitment, label, owner, owner_label, deadline, amount, currency, status),
                            strict=True,
                        )
                    )
                )
        return _sorted(_distinct(rows), "deadline", "label")

    def links(self) -> list[dict[str, Any]]:
        """``pages.DECISION_LINKS``: precedent links both ways, with what became of the other decision."""
        f, this = self.facts, self.iri
        names = (
            "this",
            "link",
            "direction",
            "other",
            "otherLabel",
            "otherIdentifier",
            "otherDate",
            "supersededBy",
            "reversedBy",
            "lapsesOn",
        )
        rows: list[dict[str, Any]] = []
        for link in LINKS:
            for direction, others in (("out", f.values(this, link)), ("in", f.subjects(link, this))):
                for other in others:
                    if other == this:
                        continue
                    rows += _rows(
                        names,
                        [this],
                        [link],
                        [direction],
                        [other],
                        f.optional(other, LABEL),
                        f.optional(other, f"{_P}identifier"),
                        f.optional(other, f"{_P}date"),
                        f.subjects(f"{_P}supersedes", other) or [None],
                        f.subjects(f"{_P}reverses", other) or [None],
                        f.optional(other, f"{_P}lapsesOn"),
                    )
        return _sorted(_distinct(rows), "link", "direction", "otherDate")

    def passages(self) -> list[dict[str, Any]]:
        """``pages.SOURCE_PASSAGES``: the passages the decision was derived from, by sequence."""
        f, this = self.facts, self.iri
        names = (
            "this",
            "passage",
            "quote",
            "sequence",
            "page",
            "elementId",
            "record",
            "recordLabel",
            "recordIdentifier",
        )
        rows: list[dict[str, Any]] = []
        for passage in f.values(this, f"{_P}derivedFrom"):
            records = [
                (record, label, identifier)
                for record in f.optional(passage, f"{_P}inRecord")
                for label in f.optional(record, LABEL)
                for identifier in f.optional(record, f"{_P}identifier")
            ]
            for quote, sequence, page, element, record in product(
                f.optional(passage, f"{_P}quote"),
                f.optional(passage, f"{_P}sequence"),
                f.optional(passage, f"{_P}page"),
                f.optional(passage, f"{_P}elementId"),
                records,
            ):
                rows.append(
                    dict(zip(names, (this, passage, quote, sequence, page, element, *record), strict=True))
                )
        return _sorted(_distinct(rows), "sequence")


__all__ = ["Neighbourhood", "Statements", "order"]
