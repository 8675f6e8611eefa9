"""Actor resolution across the archive: which actor IRIs, minted file by file, name one person or body.

A reader resolves names within one file. Across files the same person may carry two IRIs: "Bernanke"
(the vote of one FOMC meeting) and "Ben Bernanke" (the attendance list of another), "Seward" and
"W. H. Seward". ``match_actors`` compares what the archive holds of every actor (its names, the bodies
it sat in or acted for, the years it appears) and says which pairs are the same:

* persons are compared with persons and organisations with organisations, never across;
* the same normalised full name (titles dropped, initials and case folded: ``resolve_names``) is the
  same person; for a surname alone that is certain only when the two share a body and years;
* a shorter form ("Bernanke", "W. H. Seward") joins the one fuller name it fits when they share a body
  within a few years (certain); when it fits exactly one in the whole archive but nothing in the
  context ties them, the pair is uncertain and goes to an editor; when it fits several, the one
  sharing body and years wins, and with none or more than one nothing is merged;
* pairs an editor rejected are never proposed again.

The result is plain data; ``archive.actors.resolve_actors`` records it through the archive's writer
(``decide_actors``), with ``match_records`` as its matcher.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from .resolve_names import PersonName, parse_name
from .resolve_orgs import org_key

#: Years apart that still count as "the same years" (a term of office, a run of meetings).
YEAR_SLACK = 2


@dataclass
class Actor:
    """One actor IRI as the archive knows it (filled from ``archive.actors.actor_records``)."""

    iri: str
    kind: str  # "person" | "organisation"
    labels: set[str] = field(default_factory=set)
    aliases: set[str] = field(default_factory=set)
    bodies: set[str] = field(default_factory=set)
    years: set[int] = field(default_factory=set)
    sources: set[str] = field(default_factory=set)
    documents: int = 0


@dataclass(frozen=True)
class Match:
    """``alias`` is the same actor as ``canonical``: certainly (merge now) or not (ask an editor)."""

    alias: str
    canonical: str
    certain: bool
    score: float
    reason: str


def _names(actor: Actor) -> list[PersonName]:
    parsed = [parse_name(n) for n in sorted(actor.labels | actor.aliases)]
    return [p for p in parsed if p is not None]


def _fullest(names: list[PersonName]) -> PersonName | None:
    """The most complete name: most given names, full forenames over initials, then the longest."""
    if not names:
        return None
    return max(names, key=lambda n: (len(n.given), sum(len(g) for g in n.given), len(n.key), n.key))


def _same_context(a: Actor, b: Actor) -> bool:
    """Both sat in or acted for one body, or are named in one source file, in the same years."""
    if not (a.bodies & b.bodies or a.sources & b.sources):
        return False
    if not a.years or not b.years:
        return True
    return any(abs(x - y) <= YEAR_SLACK for x in a.years for y in b.years)


#: A surname named in this many times more documents than the fuller name it fits is likely someone
#: else: "Seward" (the Secretary of State, in hundreds of despatches) is not "F. W. Seward" (his son).
PROMINENCE_RATIO = 5


def _plausible(short: Actor, sn: PersonName, other: Actor, on: PersonName) -> bool:
    """A certain merge of a shorter name needs a full forename to join, or initials of its own, and
    no far greater prominence of the shorter name."""
    if not sn.given and all(len(g) == 1 for g in on.given):
        return False  # a bare surname and bare initials: too little to be sure
    return short.documents <= PROMINENCE_RATIO * max(other.documents, 1) + PROMINENCE_RATIO


def _canonical(a: Actor, an: PersonName, b: Actor, bn: PersonName) -> tuple[Actor, Actor]:
    """(alias, canonical): the fuller name is kept; on a tie, the smaller IRI (stable across runs)."""
    rank_a = (len(an.given), sum(len(g) for g in an.given), len(an.key))
    rank_b = (len(bn.given), sum(len(g) for g in bn.given), len(bn.key))
    if rank_a > rank_b or (rank_a == rank_b and a.iri < b.iri):
        return b, a
    return a, b


def match_actors(actors: Iterable[Actor], rejected: Iterable[tuple[str, str]] = ()) -> list[Match]:
    """Pairs of actor IRIs that name the same person or body; see the module docstring for the rules."""
    never = {frozenset(pair) for pair in rejected}
    actors = list(actors)
    matches: dict[str, Match] = {}

    def propose(alias: Actor, canonical: Actor, certain: bool, score: float, reason: str) -> None:
        if frozenset((alias.iri, canonical.iri)) in never or alias.iri == canonical.iri:
            return
        known = matches.get(alias.iri)
        if known is None or (certain and not known.certain) or score > known.score:
            matches[alias.iri] = Match(alias.iri, canonical.iri, certain, score, reason)

    persons = [a for a in actors if a.kind == "person"]
    full: dict[str, PersonName] = {}
    by_surname: dict[str, list[Actor]] = defaultdict(list)
    for person in persons:
        name = _fullest(_names(person))
        if name is not None:
            full[person.iri] = name
            by_surname[name.surname].append(person)
    for group in by_surname.values():
        for i, a in enumerate(group):
            an = full[a.iri]
            for b in group[i + 1 :]:
                bn = full[b.iri]
                if an.key == bn.key:
                    alias, canonical = _canonical(a, an, b, bn)
                    if an.given or _same_context(a, b):
                        propose(alias, canonical, True, 1.0, f"same name: {an.label}")
                    else:
                        propose(alias, canonical, False, 0.5, f"same surname, no shared body: {an.label}")
        # a shorter form joins the one fuller name it fits
        for short in group:
            sn = full[short.iri]
            fits = [
                other
                for other in group
                if other is not short
                and len(full[other.iri].given) > len(sn.given)
                and sn.could_be(full[other.iri])
            ]
            if not fits:
                continue
            in_context = [other for other in fits if _same_context(short, other)]
            if len(in_context) == 1:
                target = in_context[0]
                sure = _plausible(short, sn, target, full[target.iri])
                why = "same body and years" if sure else "same context, weak name evidence"
                propose(
                    short, target, sure, 0.9 if sure else 0.7, f"{sn.label} → {full[target.iri].label}, {why}"
                )
            elif len(fits) == 1 and not in_context:
                target = fits[0]
                why = "only fit, no shared body"
                propose(short, target, False, 0.6, f"{sn.label} → {full[target.iri].label}, {why}")
    organisations = [a for a in actors if a.kind == "organisation"]
    by_key: dict[str, list[Actor]] = defaultdict(list)
    for organisation in organisations:
        for name in sorted(organisation.labels):
            key = org_key(name)
            if key:
                by_key[key].append(organisation)
                break
    for key, group in by_key.items():
        ordered = sorted(group, key=lambda o: o.iri)
        for other in ordered[1:]:
            propose(other, ordered[0], True, 1.0, f"same organisation name: {key}")
    return sorted(matches.values(), key=lambda m: m.alias)


def match_records(records: Sequence[Any], rejected: Sequence[tuple[str, str]] = ()) -> list[Match]:
    """``match_actors`` over the archive's actor records (any objects with ``Actor``'s fields)."""
    actors = [
        Actor(
            r.iri,
            r.kind,
            set(r.labels),
            set(r.aliases),
            set(r.bodies),
            set(r.years),
            set(r.sources),
            r.documents,
        )
        for r in records
    ]
    return match_actors(actors, rejected)
