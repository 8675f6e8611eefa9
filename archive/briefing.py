"""The briefing pack: what binds an incoming administration on a topic, body, administration or place,
as of one date, with every line cited to the decision and passage it comes from.

``build`` gathers it from a ``View`` (so only what the reader's clearance may see) with a handful of
subject-wide queries (``archive.subjects``), then computes each decision's standing on the date
(``archive.standing``). Rendering to HTML, Markdown, DOCX and PDF is the web UI's and CLI's job.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import OrderedDict, defaultdict
from dataclasses import dataclass, field
from typing import Any

from . import subjects
from .commitments import Commitment, commitment_status
from .standing import Change, Standing, changes, standing_detail, to_date

#: How far past the as-of date a lapse counts as "soon" (a transition team plans about a year ahead).
SOON_DAYS = 365
#: Words that make an open commitment a review (an evaluation due is a decision due for review).
_REVIEW = re.compile(r"\b(review|evaluat|assess|report back|revisit)", re.I)
_WORD = re.compile(r"[a-z0-9][a-z0-9,.]*[a-z0-9]|[a-z0-9]", re.I)
_STOP = {
    "the",
    "and",
    "for",
    "with",
    "from",
    "into",
    "only",
    "each",
    "all",
    "its",
    "a",
    "an",
    "of",
    "to",
    "in",
    "on",
}


@dataclass
class Citation:
    """Where a line of the briefing comes from: the decision and the passage of its minutes."""

    decision: str
    identifier: str | None
    passage: str | None = None
    quote: str | None = None
    record: str | None = None
    record_identifier: str | None = None


@dataclass
class DecisionLine:
    """One decision of the subject, with its standing on the briefing's date."""

    iri: str
    identifier: str | None
    label: str
    date: dt.date | None
    lapses_on: dt.date | None
    text: str | None
    deciders: dict[str, str]
    administration: str | None
    administration_label: str | None
    standing: Standing
    citation: Citation
    replaced: list[DecisionLine] = field(default_factory=list)  # the chain of what it superseded

    @property
    def title(self) -> str:
        return self.identifier or self.label


@dataclass
class RejectedOption:
    """An option a decision considered and did not choose, why, and whether a later decision took it up."""

    iri: str
    label: str
    description: str | None
    reason: str | None
    decision: DecisionLine
    citation: Citation
    taken_up_by: DecisionLine | None = None


@dataclass
class OutcomeLine:
    """An expected outcome and what was observed against it by the briefing's date."""

    label: str
    indicator: str | None
    target: str | None
    observed: str | None
    observed_on: dt.date | None
    status: str | None
    decision: DecisionLine
    citation: Citation


@dataclass
class SplitVote:
    """A vote that was not unanimous, with the members who voted against and their reasons."""

    decision: DecisionLine
    tally: str
    dissenters: list[tuple[str, str | None]]
    citation: Citation


@dataclass
class Briefing:
    """Everything the pack says, already filtered to the reader's level and placed on ``as_of``."""

    kind: str
    iri: str
    title: str
    as_of: dt.date
    level: str
    decisions: list[DecisionLine]
    in_force: list[DecisionLine]
    no_longer: list[DecisionLine]
    commitments: list[Commitment]
    lapsing: list[DecisionLine]
    reviews: list[Commitment]
    rejected: list[RejectedOption]
    outcomes: list[OutcomeLine]
    split_votes: list[SplitVote]
    deciders: list[tuple[str, str, int]]
    #: the standing-changing links the pack read (for a page, only those its decisions need)
    links: dict[str, list[Change]] = field(default_factory=dict)

    @property
    def open_commitments(self) -> list[Commitment]:
        return [c for c in self.commitments if c.status in ("open", "overdue")]


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


def build(
    view: Any, kind: str, iri: str, as_of: dt.date, soon_days: int = SOON_DAYS, *, page: bool = False
) -> Briefing:
    """The briefing on ``kind``/``iri`` as of ``as_of``, seen at ``view``'s level.

    ``page``: only what a subject page shows (each decision's standing and chain, rejected options),
    without the passages, decision texts, commitments, outcomes and votes only the full pack prints.
    On the FOMC (1,635 decisions) those are six of the nine queries and most of the rows a first
    request after a write reads (issue #12: 9.4 s cold at load 11, against 0.3 s warm).
    """
    # A page reads only the links its decisions need (``subjects.changes_for``), once it knows them.
    links = None if page else changes(view)
    citations = {} if page else _citations(view, kind, iri)
    # A page reads its decisions' other deciders, administrations and options in one query (``extras``).
    extras: dict[str, list[dict[str, Any]]] | None = {} if page else None
    decisions, links = _decisions(view, kind, iri, as_of, links, citations, with_text=not page, extras=extras)
    known = [d for d in decisions if d.standing.value != "pending"]
    by_iri = {d.iri: d for d in decisions}
    replaced_by = _replaced_by(links, as_of)
    for line in decisions:
        line.replaced = _chain(line.iri, replaced_by, by_iri)
    in_force = sorted((d for d in known if d.standing.in_force), key=_newest_first)
    no_longer = sorted((d for d in known if not d.standing.in_force), key=_newest_first)
    horizon = as_of + dt.timedelta(days=soon_days)
    lapsing = [d for d in in_force if d.lapses_on is not None and as_of < d.lapses_on <= horizon]
    commitments = [] if page else _commitments(view, kind, iri, as_of, by_iri, citations)
    reviews = [
        c
        for c in commitments
        if c.status in ("open", "overdue")
        and _REVIEW.search(c.label)
        and c.deadline
        and c.deadline <= horizon
    ]
    deciders: dict[tuple[str, str], int] = defaultdict(int)
    for line in known:
        for decider, name in line.deciders.items():
            deciders[(decider, name)] += 1
    return Briefing(
        kind=kind,
        iri=iri,
        title=subjects.label(view, iri) or iri.rstrip("/").rsplit("/", 1)[-1],
        as_of=as_of,
        level=view.level,
        decisions=decisions,
        in_force=in_force,
        no_longer=no_longer,
        commitments=commitments,
        lapsing=lapsing,
        reviews=reviews,
        rejected=_rejected(view, kind, iri, by_iri, citations, extras["options"] if extras else None),
        outcomes=[] if page else _outcomes(view, kind, iri, as_of, by_iri, citations),
        split_votes=[] if page else _split_votes(view, kind, iri, by_iri, citations),
        deciders=sorted(((i, n, c) for (i, n), c in deciders.items()), key=lambda t: (-t[2], t[1])),
        links=links,
    )


def decisions(view: Any, kind: str, iri: str, as_of: dt.date) -> list[DecisionLine]:
    """The subject's decisions, oldest first, each with its standing on ``as_of`` (for pages and feeds)."""
    lines, links = _decisions(view, kind, iri, as_of, changes(view), _citations(view, kind, iri))
    by_iri = {d.iri: d for d in lines}
    replaced_by = _replaced_by(links, as_of)
    for line in lines:
        line.replaced = _chain(line.iri, replaced_by, by_iri)
    return lines


def _newest_first(line: DecisionLine) -> tuple[int, str]:
    return (-(line.date or dt.date.min).toordinal(), line.title)


def _citations(view: Any, kind: str, iri: str) -> dict[str, Citation]:
    """The first passage of each decision and of each of its commitments, options and outcomes."""
    best: dict[str, tuple[float, Citation]] = {}
    found = subjects.rows(view, "passages", kind, iri) + subjects.rows(view, "fact_passages", kind, iri)
    for row in found:
        fact = str(row["fact"])
        try:
            order = float(str(row["sequence"])) if row.get("sequence") is not None else float("inf")
        except ValueError:
            order = float("inf")
        citation = Citation(
            decision="",
            identifier=None,
            passage=str(row["passage"]),
            quote=_text(row.get("quote")),
            record=_text(row.get("record")),
            record_identifier=_text(row.get("recordIdentifier")),
        )
        if fact not in best or order < best[fact][0]:
            best[fact] = (order, citation)
    return {fact: citation for fact, (_, citation) in best.items()}


def _cite(citations: dict[str, Citation], fact: str, decision: str, identifier: str | None) -> Citation:
    found = citations.get(fact) or citations.get(decision)
    if found is None:
        return Citation(decision=decision, identifier=identifier)
    return Citation(decision, identifier, found.passage, found.quote, found.record, found.record_identifier)


def _decisions(
    view: Any,
    kind: str,
    iri: str,
    as_of: dt.date,
    links: dict[str, list[Change]] | None,
    citations: dict[str, Citation],
    with_text: bool = True,
    extras: dict[str, list[dict[str, Any]]] | None = None,
) -> tuple[list[DecisionLine], dict[str, list[Change]]]:
    """The subject's decision lines, and the links their standings were read from (``links``, or when
    ``None`` those these decisions need, ``subjects.changes_for``); ``extras``, if given, is filled with
    ``subjects.page_extras`` (deciders, administrations and options read in one query) instead of
    asking for each apart."""
    lines: OrderedDict[str, DecisionLine] = OrderedDict()
    found_rows = subjects.rows(view, "decisions" if with_text else "decision_lines", kind, iri)
    if links is None:
        links = subjects.changes_for(view, {str(row["decision"]) for row in found_rows})
    for row in found_rows:
        key = str(row["decision"])
        line = lines.get(key)
        if line is None:
            identifier = _text(row.get("identifier"))
            date, lapses = to_date(row.get("date")), to_date(row.get("lapsesOn"))
            line = lines[key] = DecisionLine(
                iri=key,
                identifier=identifier,
                label=_text(row.get("label")) or identifier or key.rsplit("/", 1)[-1],
                date=date,
                lapses_on=lapses,
                text=_text(row.get("text")),
                deciders={},
                administration=None,
                administration_label=None,
                standing=standing_detail(date, lapses, links.get(key, []), as_of),
                citation=_cite(citations, key, key, identifier),
            )
    if extras is not None:
        extras.update(subjects.page_extras(view, kind, iri, found_rows))
        deciders, terms = extras["deciders"], extras["administrations"]
    else:
        deciders = subjects.deciders(view, kind, iri, found_rows)
        terms = subjects.rows(view, "administrations", kind, iri)
    names = subjects.labels(
        view, [str(r["decider"]) for r in deciders] + [str(r["administration"]) for r in terms]
    )
    for row in deciders:
        found = lines.get(str(row["decision"]))
        if found is not None:
            found.deciders.setdefault(
                str(row["decider"]), names.get(str(row["decider"]), str(row["decider"]))
            )
    for row in terms:
        found = lines.get(str(row["decision"]))
        if found is not None and found.administration is None:
            found.administration = str(row["administration"])
            found.administration_label = names.get(found.administration)
    return list(lines.values()), links


def _replaced_by(links: dict[str, list[Change]], as_of: dt.date) -> dict[str, list[str]]:
    """Later decision → the decisions it superseded or amended by ``as_of``.

    Built once per pack: built again for each decision it cost 0.5 s of a 488-decision administration
    page at 3,000 generated documents (every link walked once per decision; issue #12).
    """
    replaced_by: dict[str, list[str]] = defaultdict(list)
    for earlier, found in links.items():
        for change in found:
            if change.relation in ("supersedes", "amends") and (change.date is None or change.date <= as_of):
                replaced_by[change.later].append(earlier)
    return replaced_by


def _chain(
    iri: str, replaced_by: dict[str, list[str]], by_iri: dict[str, DecisionLine]
) -> list[DecisionLine]:
    """What ``iri`` superseded or amended, and what those superseded in turn, newest first."""
    chain: list[DecisionLine] = []
    seen = {iri}
    todo = list(replaced_by.get(iri, []))
    while todo:
        earlier = todo.pop(0)
        if earlier in seen:
            continue
        seen.add(earlier)
        if earlier in by_iri:
            chain.append(by_iri[earlier])
        todo.extend(replaced_by.get(earlier, []))
    return chain


def _commitments(
    view: Any,
    kind: str,
    iri: str,
    as_of: dt.date,
    by_iri: dict[str, DecisionLine],
    citations: dict[str, Citation],
) -> list[Commitment]:
    found: OrderedDict[str, Commitment] = OrderedDict()
    rows = subjects.rows(view, "commitments", kind, iri)
    owners = subjects.labels(view, [str(r["owner"]) for r in rows if r.get("owner") is not None])
    for row in rows:
        decision = by_iri.get(str(row["decision"]))
        key = str(row["commitment"])
        if decision is None or decision.standing.value == "pending" or key in found:
            continue
        deadline = to_date(row.get("deadline"))
        found[key] = Commitment(
            iri=key,
            label=_text(row.get("label")) or key.rsplit("/", 1)[-1],
            owner=_text(row.get("owner")),
            owner_label=owners.get(str(row.get("owner"))),
            deadline=deadline,
            recorded_status=_text(row.get("status")),
            status=commitment_status(_text(row.get("status")), deadline, as_of),
            amount=_text(row.get("amount")),
            currency=_text(row.get("currency")),
            decision=decision.iri,
            decision_identifier=decision.identifier,
            decision_date=decision.date,
            bodies=dict(decision.deciders),
            citation=_cite(citations, key, decision.iri, decision.identifier),
        )
    return sorted(found.values(), key=lambda c: (c.deadline or dt.date.max, c.label))


def _words(text: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(text) if w.lower() not in _STOP}


def _rejected(
    view: Any,
    kind: str,
    iri: str,
    by_iri: dict[str, DecisionLine],
    citations: dict[str, Citation],
    option_rows: list[dict[str, Any]] | None = None,
) -> list[RejectedOption]:
    """Options considered and not chosen; ``option_rows``: the option rows when already read (a page's)."""
    options: OrderedDict[str, dict[str, Any]] = OrderedDict()
    chosen: list[tuple[DecisionLine, set[str]]] = []
    for row in subjects.rows(view, "options", kind, iri) if option_rows is None else option_rows:
        decision = by_iri.get(str(row["decision"]))
        if decision is None or decision.standing.value == "pending":
            continue
        is_chosen = str(row.get("chosen")).lower() == "true"
        label = _text(row.get("label")) or str(row["option"]).rsplit("/", 1)[-1]
        if is_chosen:
            chosen.append((decision, _words(f"{label} {row.get('description') or ''}")))
        elif str(row["option"]) not in options:
            options[str(row["option"])] = {"row": row, "decision": decision, "label": label}
    # Chosen options by word, so that each rejected option is compared with those sharing a word only
    # (every pair was compared before: 0.2 s for 580 rejected and 490 chosen options at 3,000 documents).
    sharing: dict[str, list[int]] = defaultdict(list)
    for index, (_, chosen_words) in enumerate(chosen):
        for word in chosen_words:
            sharing[word].append(index)
    found = []
    for key, item in options.items():
        decision, row = item["decision"], item["row"]
        words = _words(item["label"])
        # "Taken up": a later decision of the same subject chose an option naming at least two thirds
        # of the rejected option's words (a heuristic, shown as such; the reader follows the link).
        taken = [
            chosen[i][0]
            for i in _sharing_two_thirds(words, chosen, sharing)
            if (chosen[i][0].date or dt.date.min) > (decision.date or dt.date.min)
        ]
        found.append(
            RejectedOption(
                iri=key,
                label=item["label"],
                description=_text(row.get("description")),
                reason=_text(row.get("rejection")),
                decision=decision,
                citation=_cite(citations, key, decision.iri, decision.identifier),
                taken_up_by=min(taken, key=lambda d: d.date or dt.date.max) if taken else None,
            )
        )
    return sorted(found, key=lambda o: (_newest_first(o.decision), o.label))


def _sharing_two_thirds(
    words: set[str], chosen: list[tuple[DecisionLine, set[str]]], sharing: dict[str, list[int]]
) -> list[int]:
    """The chosen options (indexes, in order) naming at least two thirds of ``words`` (two or more).

    Such an option names at least one of the ``n - need + 1`` rarest of the ``n`` words (else it would
    miss more than ``n - need`` of them), so only the options naming one of those are compared: counting
    every option sharing any word took 270 ms of an administration's page at 3,000 generated documents,
    where a few words are in most options.
    """
    if len(words) < 2:
        return []
    need = -(-2 * len(words) // 3)
    rarest = sorted(words, key=lambda word: (len(sharing.get(word, ())), word))[: len(words) - need + 1]
    candidates = sorted({i for word in rarest for i in sharing.get(word, ())})
    return [i for i in candidates if len(words & chosen[i][1]) >= need]


def _outcomes(
    view: Any,
    kind: str,
    iri: str,
    as_of: dt.date,
    by_iri: dict[str, DecisionLine],
    citations: dict[str, Citation],
) -> list[OutcomeLine]:
    expected: OrderedDict[str, OutcomeLine] = OrderedDict()
    observations: list[dict[str, Any]] = []
    for row in subjects.rows(view, "outcomes", kind, iri):
        decision = by_iri.get(str(row["decision"]))
        if decision is None or decision.standing.value == "pending":
            continue
        if str(row.get("observed")).lower() == "true":
            observations.append(row)
        elif str(row["outcome"]) not in expected:
            expected[str(row["outcome"])] = OutcomeLine(
                label=_text(row.get("label")) or "expected outcome",
                indicator=_text(row.get("indicator")),
                target=_text(row.get("target")),
                observed=None,
                observed_on=None,
                status=_text(row.get("status")),
                decision=decision,
                citation=_cite(citations, str(row["outcome"]), decision.iri, decision.identifier),
            )
    for row in observations:
        on = to_date(row.get("observedOn"))
        line = expected.get(str(row.get("expectation")))
        if line is None or (on is not None and on > as_of):
            continue
        if line.observed_on is None or (on is not None and on > line.observed_on):
            line.observed, line.observed_on = _text(row.get("value")), on
            line.status = _text(row.get("status")) or line.status
    return list(expected.values())


def _split_votes(
    view: Any, kind: str, iri: str, by_iri: dict[str, DecisionLine], citations: dict[str, Citation]
) -> list[SplitVote]:
    """Votes with a vote against, by count or by ballot, and who voted against and why."""
    dissents: dict[str, list[tuple[str, str | None]]] = {}
    for row in subjects.rows(view, "dissents", kind, iri):
        entry = (str(row["dissenter"]), _text(row.get("reason")))
        if entry not in dissents.setdefault(str(row["vote"]), []):
            dissents[str(row["vote"])].append(entry)
    names = subjects.labels(view, [who for found in dissents.values() for who, _ in found])
    votes: OrderedDict[str, SplitVote] = OrderedDict()
    for row in subjects.rows(view, "votes", kind, iri):
        decision = by_iri.get(str(row["decision"]))
        key = str(row["vote"])
        if decision is None or decision.standing.value == "pending" or key in votes:
            continue
        against = _number(row.get("against"))
        if not against and key not in dissents:
            continue
        counts = [f"{row[k]} {k}" for k in ("for", "against", "abstaining") if row.get(k) is not None]
        tally = ", ".join(counts) or (_text(row.get("result")) or "not unanimous")
        who = [(names.get(person, person), reason) for person, reason in dissents.get(key, [])]
        votes[key] = SplitVote(decision, tally, who, decision.citation)
    return sorted(votes.values(), key=lambda v: _newest_first(v.decision))


def _number(value: Any) -> float:
    try:
        return float(str(value)) if value is not None else 0.0
    except ValueError:
        return 0.0


__all__ = [
    "Briefing",
    "Citation",
    "DecisionLine",
    "OutcomeLine",
    "RejectedOption",
    "SplitVote",
    "build",
    "decisions",
]
