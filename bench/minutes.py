"""Generated meetings: the plain records a renderer turns into Markdown minutes or N-Quads.

A ``MinutesFactory`` walks forward in time over one ``World`` and makes one ``Meeting`` per call,
with 1–5 decisions, each with options, rationale, a vote or consensus, commitments, expected and
observed outcomes, and links to earlier decisions of the same body (precedent chains).
"""

from __future__ import annotations

import random
from collections import deque
from dataclasses import dataclass, field
from datetime import date, timedelta

from .words import CRITERIA, CURRENCIES, PLACE_NAMES, VERBS, Prose
from .world import FIRST_YEAR, LAST_YEAR, Administration, Organisation, Topic, World

LINK_KINDS = ("cites", "follows", "amends", "supersedes", "reverses", "implements")
MEASURES = ("coverage", "completion", "uptake", "savings")
STATUSES = ("present", "present", "present", "present", "also-present", "remote", "apologies", "absent")


@dataclass
class Attendee:
    name: str
    capacity: str
    status: str


@dataclass
class GenOption:
    label: str
    description: str
    chosen: bool
    rejection_reason: str | None
    pro: str
    con: str
    criterion: str


@dataclass
class GenBallot:
    name: str
    cast: str  # for, against, abstain
    dissent: str | None


@dataclass
class GenCommitment:
    label: str
    owner: str
    deadline: date
    amount: int | None
    currency: str | None
    status: str


@dataclass
class GenOutcome:
    """An expected outcome; ``observed`` is what a later meeting of the same body will report."""

    label: str
    indicator: str
    target: int
    observed: int | None
    status: str


@dataclass
class GenObservation:
    """A later meeting's report on an earlier decision's expected outcome (its ``number``-th)."""

    decision: str
    number: int
    outcome: GenOutcome


@dataclass
class GenDecision:
    identifier: str
    title: str
    text: str
    rationale: str
    method: str
    topics: list[Topic]
    options: list[GenOption]
    ballots: list[GenBallot]
    commitments: list[GenCommitment]
    outcomes: list[GenOutcome]
    links: list[tuple[str, str]]  # (link kind, earlier decision identifier)


@dataclass
class GenItem:
    title: str
    discussion: str
    decisions: list[GenDecision] = field(default_factory=list)
    observations: list[GenObservation] = field(default_factory=list)


@dataclass
class Meeting:
    """One generated set of minutes: one meeting of one body, its attendance and its agenda."""

    identifier: str
    title: str
    body: Organisation
    date: date
    place: str
    chair: str
    administration: Administration
    attendees: list[Attendee]
    items: list[GenItem]
    level: str

    @property
    def decisions(self) -> list[GenDecision]:
        return [decision for item in self.items for decision in item.decisions]


class MinutesFactory:
    """Makes ``count`` meetings in date order, deterministically from ``seed``."""

    def __init__(
        self,
        world: World,
        seed: int,
        count: int,
        levels: tuple[str, ...] = ("public",),
        outcomes_reported_later: bool = False,
    ) -> None:
        # Real minutes report an outcome at a later meeting, naming the earlier decision. Today's
        # shapes.ttl refuses that (prec:observes must point to an ExpectedOutcome typed in the same
        # document), so by default the outcome is reviewed in the same minutes and every file is accepted.
        self.outcomes_reported_later = outcomes_reported_later
        self.world = world
        self.seed = seed
        self.count = count
        self.levels = levels
        self.start = date(FIRST_YEAR, 1, 1)
        self.span_days = (date(LAST_YEAR, 12, 31) - self.start).days
        self.recent: dict[str, deque[str]] = {}
        self.unreported: dict[str, list[GenObservation]] = {}

    def meeting(self, index: int) -> Meeting:
        """The ``index``-th meeting; call in increasing order so precedent chains point backwards."""
        rng = random.Random(f"{self.seed}-{index}")
        prose = Prose(rng)
        world = self.world
        body = world.bodies[rng.randrange(len(world.bodies))]
        day = self.start + timedelta(days=int(self.span_days * (index + rng.random()) / max(self.count, 1)))
        identifier = f"{body.code}-{day.isoformat()}-{index:06d}"
        administration = world.administration(day)
        attendees = self._attendees(rng, body, day)
        present = [a for a in attendees if a.status in ("present", "remote")]
        chair = present[0].name if present else attendees[0].name
        # Minutes give each decision its own agenda item; some items are discussion only.
        deciding = rng.choice((1, 1, 2, 2, 2, 3, 3, 4, 5))
        plan = [True] * deciding + [False] * rng.choice((0, 0, 1, 2))
        rng.shuffle(plan)
        items: list[GenItem] = []
        number = 0
        for decides in plan:
            item = GenItem(_sentence_case(prose.phrase(body.area)[4:]), prose.paragraph(body.area, 40))
            if decides:
                number += 1
                item.decisions.append(self._decision(rng, prose, body, identifier, number, day, attendees))
            items.append(item)
        later = self.outcomes_reported_later
        waiting = self.unreported.pop(body.code if later else identifier, [])
        if waiting and (not later or rng.random() < 0.5):
            report = GenItem("Review of outcomes of earlier decisions", prose.paragraph(body.area, 25))
            report.observations, waiting = waiting[:3], waiting[3:]
            items.append(report)
        if waiting and later:
            self.unreported[body.code] = waiting
        level = self.levels[0] if rng.random() < 0.8 or len(self.levels) == 1 else rng.choice(self.levels[1:])
        ordinal = index % 40 + 1
        title = f"Minutes of the {body.name}, meeting {ordinal} of {day.year}"
        return Meeting(
            identifier,
            title,
            body,
            day,
            rng.choice(PLACE_NAMES),
            chair,
            administration,
            attendees,
            items,
            level,
        )

    def _attendees(self, rng: random.Random, body: Organisation, day: date) -> list[Attendee]:
        attendees: list[Attendee] = []
        seen: set[str] = set()
        posts = list(body.posts) + (list(body.parent.posts) if body.parent else [])
        for post in posts:
            tenure = post.holder(day)
            if tenure is None or tenure.person in seen:
                continue
            seen.add(tenure.person)
            status = "present" if not attendees else rng.choice(STATUSES)
            attendees.append(
                Attendee(tenure.person, post.label if post.organisation is not body else post.title, status)
            )
        if not attendees:  # a body between holders still meets: the government's head chairs it
            attendees.append(Attendee(self.world.administration(day).head, "Chair", "present"))
        return attendees

    def _decision(
        self,
        rng: random.Random,
        prose: Prose,
        body: Organisation,
        meeting_id: str,
        number: int,
        day: date,
        attendees: list[Attendee],
    ) -> GenDecision:
        area = body.area
        identifier = f"{meeting_id}/D{number}"
        verb = rng.choice(VERBS)
        subject = prose.phrase(area)
        title = f"{verb.capitalize()} {subject[4:]}"
        text = f"The {body.name} decided to {verb} {subject}. " + prose.paragraph(area, rng.randint(50, 140))
        rationale = prose.paragraph(area, rng.randint(40, 120))
        options = []
        chosen = rng.randrange(rng.randint(2, 3))
        for option_index in range(max(chosen + 1, 2)):
            options.append(
                GenOption(
                    label=f"{rng.choice(VERBS).capitalize()} {prose.phrase(area)[4:]}",
                    description=prose.paragraph(area, rng.randint(12, 30)),
                    chosen=option_index == chosen,
                    rejection_reason=None if option_index == chosen else prose.sentence(area),
                    pro=prose.sentence(area),
                    con=prose.sentence(area),
                    criterion=rng.choice(CRITERIA),
                )
            )
        method = rng.choice(("consensus", "vote", "vote", "executive"))
        ballots = []
        voters = [a.name for a in attendees if a.status in ("present", "remote")]
        if method == "vote" and len(voters) >= 2:
            for name in voters:
                cast = rng.choices(("for", "against", "abstain"), (8, 2, 1))[0]
                ballots.append(GenBallot(name, cast, prose.sentence(area) if cast == "against" else None))
        elif method == "vote":
            method = "consensus"
        owners = [a.name for a in attendees]
        commitments = []
        for _ in range(rng.randint(0, 2)):
            funded = rng.random() < 0.5
            commitments.append(
                GenCommitment(
                    label=f"{rng.choice(VERBS).capitalize()} {prose.phrase(area)[4:]}",
                    owner=rng.choice(owners),
                    deadline=day + timedelta(days=rng.randint(30, 720)),
                    amount=rng.randint(10, 5000) * 1000 if funded else None,
                    currency=rng.choice(CURRENCIES) if funded else None,
                    status=rng.choice(("open", "done", "done", "cancelled")),
                )
            )
        outcomes = []
        for number in range(1, rng.randint(0, 2) + 1):
            target = rng.randint(5, 95)
            observed = rng.randint(0, 100) if rng.random() < 0.5 else None
            status = (
                "pending"
                if observed is None
                else ("met" if observed >= target else rng.choice(("partially-met", "not-met")))
            )
            outcome = GenOutcome(
                label=f"{prose.noun().capitalize()} {rng.choice(MEASURES)}",
                indicator=f"per cent of {prose.noun()} {rng.choice(('completed', 'covered', 'inspected'))}",
                target=target,
                observed=observed,
                status=status,
            )
            outcomes.append(outcome)
            if observed is not None:
                key = body.code if self.outcomes_reported_later else meeting_id
                self.unreported.setdefault(key, []).append(GenObservation(identifier, number, outcome))
        links = []
        history = self.recent.setdefault(body.code, deque(maxlen=30))
        if history and rng.random() < 0.4:
            links.append((rng.choice(LINK_KINDS), history[-1 - rng.randrange(min(len(history), 8))]))
        history.append(identifier)
        topics = rng.sample(self.world.topics, min(len(self.world.topics), rng.randint(1, 3)))
        return GenDecision(
            identifier, title, text, rationale, method, topics, options, ballots, commitments, outcomes, links
        )


def _sentence_case(text: str) -> str:
    return text[:1].upper() + text[1:]
