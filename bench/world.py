"""The invented government that generated minutes talk about: organisations, posts, people, administrations.

Shaped like a real archive: a national government with a few dozen ministries, their agencies and
boards, regional councils (a few hundred organisations in all), posts whose holders change every few
years (thousands of people, some moving from post to post), and four-year administrations over six
decades. Everything is derived from one seed.
"""

from __future__ import annotations

import bisect
import random
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from .words import FIRST_NAMES, LAST_NAMES, PLACE_NAMES, POLICY_AREAS

FIRST_YEAR = 1960
LAST_YEAR = 2024
GOVERNMENT_NAME = "Government of the Republic of Vantoria"

MINISTRY_POSTS = ("Minister", "Deputy Minister", "Permanent Secretary", "Director of Budget", "Legal Adviser")
BODY_POSTS = ("Chair", "Secretary", "Member", "Member", "Member")
REGION_POSTS = ("Governor", "Deputy Governor", "Council Clerk", "Councillor", "Councillor")
AGENCY_KINDS = ("Inspectorate", "Development Agency", "Statistics Office")
BODY_KINDS = (
    "Executive Board",
    "Policy Committee",
    "Audit Committee",
    "Appeals Panel",
    "Investment Board",
    "Standards Council",
)


@dataclass(frozen=True)
class Topic:
    """A glossary concept a decision can be about."""

    iri: str
    label: str


@dataclass
class Organisation:
    """A ministry, agency, body that meets, regional government, or the government itself."""

    name: str
    kind: str  # ontology class local name: Ministry, Agency, Body, RegionalGovernment, NationalGovernment
    code: str
    area: str
    parent: Organisation | None = None
    posts: list[Post] = field(default_factory=list)


@dataclass
class Tenure:
    """One person holding one post from ``start`` to ``end``."""

    person: str
    start: date
    end: date


@dataclass
class Post:
    """A position in an organisation, held by a sequence of people over time."""

    title: str
    organisation: Organisation
    tenures: list[Tenure] = field(default_factory=list)
    _starts: list[date] = field(default_factory=list)

    @property
    def label(self) -> str:
        return f"{self.title}, {self.organisation.name}"

    def holder(self, on: date) -> Tenure | None:
        index = bisect.bisect_right(self._starts, on) - 1
        if index >= 0 and self.tenures[index].end >= on:
            return self.tenures[index]
        return None


@dataclass
class Administration:
    """A four-year term of the national government, headed by one person."""

    label: str
    head: str
    start: date
    end: date


@dataclass
class World:
    """Every actor the generated minutes may name, with the posts and terms they held."""

    government: Organisation
    organisations: list[Organisation]
    bodies: list[Organisation]
    administrations: list[Administration]
    persons: list[str]
    topics: list[Topic]

    def administration(self, on: date) -> Administration:
        starts = [a.start for a in self.administrations]
        return self.administrations[max(0, bisect.bisect_right(starts, on) - 1)]


def load_topics(glossary: Path | None) -> list[Topic]:
    """The glossary's concepts (``skos:prefLabel``); read as plain lines to stay fast and dependency-free."""
    if glossary is None or not glossary.is_file():
        raise FileNotFoundError(f"glossary not found: {glossary} (ontology/glossary.ttl)")
    from rdflib import Graph
    from rdflib.namespace import RDF, SKOS

    graph = Graph().parse(glossary, format="turtle")
    topics = []
    for concept in graph.subjects(RDF.type, SKOS.Concept):
        label = graph.value(concept, SKOS.prefLabel)
        if label is not None and getattr(label, "language", None) in (None, "en"):
            topics.append(Topic(str(concept), str(label)))
    if not topics:
        raise ValueError(f"{glossary}: no skos:Concept with an English skos:prefLabel")
    return sorted(set(topics), key=lambda t: t.iri)


def _code(text: str) -> str:
    return re.sub(r"[^A-Z]", "", text.title())[:4] or "X"


def build_world(seed: int, topics: list[Topic]) -> World:
    """The whole invented government for ``seed``; the same seed gives the same world."""
    rng = random.Random(f"world-{seed}")
    government = Organisation(GOVERNMENT_NAME, "NationalGovernment", "GOV", "Interior")
    organisations: list[Organisation] = [government]
    bodies: list[Organisation] = []
    for area in POLICY_AREAS:
        area_name = area.replace("-", " ")
        ministry = Organisation(f"Ministry of {area_name}", "Ministry", _code(area), area, government)
        organisations.append(ministry)
        ministry.posts = [
            Post(f"{title} of {area_name}" if title == "Minister" else title, ministry)
            for title in MINISTRY_POSTS
        ]
        for kind in AGENCY_KINDS:
            organisations.append(
                Organisation(f"{area_name} {kind}", "Agency", _code(area) + _code(kind), area, ministry)
            )
        for kind in rng.sample(BODY_KINDS, 4):
            body = Organisation(f"{area_name} {kind}", "Body", _code(area) + _code(kind), area, ministry)
            body.posts = [Post(title, body) for title in BODY_POSTS]
            organisations.append(body)
            bodies.append(body)
    for place in PLACE_NAMES:
        region = Organisation(
            f"Regional Government of {place}",
            "RegionalGovernment",
            "R" + _code(place),
            rng.choice(POLICY_AREAS),
            government,
        )
        council = Organisation(f"{place} Regional Council", "Body", "RC" + _code(place), region.area, region)
        council.posts = [Post(title, council) for title in REGION_POSTS]
        organisations.extend([region, council])
        bodies.append(council)
    cabinet = Organisation("Cabinet of Vantoria", "Body", "CAB", "Interior", government)
    cabinet.posts = [Post(title, cabinet) for title in ("Prime Minister", "Cabinet Secretary")]
    organisations.append(cabinet)
    bodies.append(cabinet)

    posts = [post for org in organisations for post in org.posts]
    persons = _fill_posts(rng, posts)
    administrations = _administrations(rng, cabinet.posts[0])
    return World(government, organisations, bodies, administrations, persons, topics)


def _fill_posts(rng: random.Random, posts: list[Post]) -> list[str]:
    """Give every post a run of holders; about a quarter of new holders come from another post."""
    start, end = date(FIRST_YEAR, 1, 1), date(LAST_YEAR, 12, 31)
    pending: list[tuple[date, int, Post, date]] = []
    for index, post in enumerate(posts):
        cursor = start - timedelta(days=rng.randint(0, 1500))
        while cursor <= end:
            length = timedelta(days=rng.randint(2 * 365, 7 * 365))
            pending.append((cursor, index, post, cursor + length))
            cursor += length + timedelta(days=1)
    pending.sort(key=lambda item: (item[0], item[1]))
    names: set[str] = set()
    persons: list[str] = []
    free: list[tuple[date, str]] = []  # people whose last tenure ended, with the date it ended
    busy: list[tuple[date, str]] = []
    for tenure_start, _, post, tenure_end in pending:
        while busy and busy[0][0] < tenure_start:
            free.append(busy.pop(0))
        free = [(ended, name) for ended, name in free if (tenure_start - ended).days < 3 * 365]
        if free and rng.random() < 0.25:
            _, person = free.pop(rng.randrange(len(free)))
        else:
            person = _new_name(rng, names)
            persons.append(person)
        post.tenures.append(Tenure(person, tenure_start, tenure_end))
        post._starts.append(tenure_start)
        bisect.insort(busy, (tenure_end, person))
    return persons


def _new_name(rng: random.Random, taken: set[str]) -> str:
    while True:
        name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
        if name in taken:
            name = f"{rng.choice(FIRST_NAMES)} {chr(65 + rng.randrange(26))}. {rng.choice(LAST_NAMES)}"
        if name not in taken:
            taken.add(name)
            return name


def _administrations(rng: random.Random, head_post: Post) -> list[Administration]:
    out = []
    for year in range(FIRST_YEAR, LAST_YEAR + 1, 4):
        start, end = date(year, 1, 1), date(year + 3, 12, 31)
        holder = head_post.holder(start) or head_post.tenures[0]
        surname = holder.person.split()[-1]
        out.append(Administration(f"{surname} administration {year}–{year + 4}", holder.person, start, end))
    return out
