"""The state shared while one FRUS volume's documents are read, and how a document's names become actors.

``VolumeContext`` carries what every document of a volume shares; ``ActorsUsed`` collects the actor
IRIs (and unresolved mentions) of one document so their triples can be copied into its graph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree
from rdflib import URIRef

from ontology import IriMinter

from ..resolve import Resolver
from ..resolve_places import place_index
from .names import clean, split_people
from .text import inline_text, t
from .volume import Volume, looks_like_organisation


@dataclass
class VolumeContext:
    """What every document of one volume shares while it is read."""

    volume: Volume
    source: str
    original: bytes
    original_hash: str
    level: str
    minter: IriMinter
    resolver: Resolver
    #: The body of the last meeting read, for meeting heads that name none (see ``meeting_body``).
    previous_body: str | None = None
    #: Per body, who attended its meetings so far and in which capacity (see ``attendance``).
    attendees_of: dict[URIRef, dict[URIRef, str]] = field(default_factory=dict)
    #: The year of the last document dated for certain: a date written without a year is in it.
    last_year: int | None = None

    def year(self) -> int | None:
        """The year a date without one is read in: the previous document's, else the volume's."""
        if self.last_year is not None:
            return self.last_year
        found = re.search(r"(1[6-9]\d\d|20\d\d)", self.volume.volume_id) or re.search(
            r"\b(1[6-9]\d\d|20\d\d)\b", self.volume.title
        )
        return int(found.group(1)) if found else None


class Triples(list):
    """Triples collected while a document is built, added to its graph in one batch at the end
    (per-triple ``Graph.add`` dominated reading time). Offers ``add`` so ``PassageBuilder`` can use it."""

    add = list.append


@dataclass
class ActorsUsed:
    """The actor IRIs one document uses, so their triples can be copied into its graph."""

    used: set[URIRef] = field(default_factory=set)
    unresolved: list[str] = field(default_factory=list)

    def keep(self, iri: URIRef | None, mention: str) -> URIRef | None:
        if iri is None:
            if mention and mention not in self.unresolved:
                self.unresolved.append(mention)
        else:
            self.used.add(iri)
        return iri


def person_for(pers: etree._Element, ctx: VolumeContext, actors: ActorsUsed) -> URIRef | None:
    """A ``persName`` naming one person: through the volume's persons list when it has ``@corresp``,
    else by name (see ``person_named``). For a heading or a list of names use ``persons_for``."""
    found = persons_for(pers, ctx, actors)
    return found[0] if found else None


def persons_for(pers: etree._Element, ctx: VolumeContext, actors: ActorsUsed) -> list[URIRef]:
    """The persons a ``persName`` names: its ``@corresp`` entry, else each name of its text
    ("Ching and Li Hung-chang" → two). A heading wrapped whole ("Mr. Fogg to Mr. Seward") is read by
    ``heading_parties`` in the document module, not here."""
    name = inline_text(pers)
    corresp = (pers.get("corresp") or "").lstrip("#")
    if corresp and corresp in ctx.volume.persons:
        return [actors.keep(ctx.volume.persons[corresp].iri, name)]
    names = split_people(name) if name else []
    return [iri for one in names if (iri := person_named(one, ctx, actors)) is not None]


def person_named(name: str, ctx: VolumeContext, actors: ActorsUsed) -> URIRef | None:
    """The person called ``name`` in this volume: the one persons-list entry it can stand for
    ("Lansing" → Robert Lansing), else the run's resolver."""
    name = clean(name)
    if not name:
        return None
    listed = ctx.volume.index.find(name)
    if listed is not None:
        return actors.keep(listed, name)
    return actors.keep(ctx.resolver.person(name), name)


def party(text: str, ctx: VolumeContext, actors: ActorsUsed) -> URIRef | None:
    """A ``gloss`` naming a sender or addressee by office: the volume's one holder of that post,
    else an organisation when the text names one, else an unresolved mention."""
    holder = ctx.volume.post_holder(text)
    if holder is not None:
        return actors.keep(holder, text)
    if looks_like_organisation(text):
        return actors.keep(ctx.resolver.organisation(text), text)
    return actors.keep(None, text)


def item_people(item: etree._Element, ctx: VolumeContext, actors: ActorsUsed) -> list[URIRef]:
    """The persons of one participants-list item: its persNames, else the text before the first comma."""
    found = [iri for pers in item.iter(t("persName")) for iri in persons_for(pers, ctx, actors)]
    if not found:
        entry = inline_text(item).strip()
        if is_group_heading(entry):
            # "British Empire", "America, United States of", "Secretaries": the delegation or the part of
            # it the names below belong to, not a person
            return []
        # "Interpreter: Professor P. J. Mantoux": the name after its capacity
        entry = entry.rsplit(":", 1)[-1].strip() or entry
        # "Mr. Grew (Secretary)": the name without the capacity in brackets.
        name = re.sub(r"\s*\([^)]*\)", " ", entry.split(",")[0]).strip()
        if not looks_like_name(name):
            # "Listed on Page 4", "U.S. Side": kept as a mention, not made a person.
            actors.keep(None, name)
            return []
        found = [iri for one in split_people(name) if (iri := person_named(one, ctx, actors)) is not None]
    return found


#: Headings inside a participants list: a delegation ("British Empire", "United States of America") or a
#: part of one ("Secretaries", "Joint Secretaries", "Interpreter", "Technical Advisers").
_GROUP_HEADING = re.compile(
    r"^(?:(?:joint|technical|military|naval|legal|financial|economic)\s+)?"
    r"(?:secretar(?:y|ies)(?:[- ]general)?|interpreters?|experts?|advis[eo]rs?|delegates?|delegation|"
    r"plenipotentiar(?:y|ies)|also present|present|staff)$"
    r"|\b(?:empire|delegation|kingdom|republic|commonwealth|dominions?|states)\b",
    re.IGNORECASE,
)


def is_group_heading(entry: str) -> bool:
    """Whether a participants-list entry heads a group (a delegation, its secretaries) instead of naming
    a person: a country as ISO 3166 names it, also in an index's inverted order ("America, United
    States of"), or a heading word."""
    text = entry.strip().rstrip(".:").strip()
    if not text:
        return False
    if _GROUP_HEADING.search(text):
        return True
    head, comma, tail = text.partition(",")
    candidates = [text, f"{tail.strip()} {head.strip()}"] if comma else [text]
    places = place_index()
    return any(
        (found := places.lookup(candidate)) is not None and found.is_country for candidate in candidates
    )


def looks_like_name(text: str) -> bool:
    """A participants-list entry without markup is taken as a name only when it could be one; initials
    and titles ("Lt. Col. Sir M. P. A. Hankey") make a name long in words, not in what it says."""
    words = [w for w in text.split() if len(w.rstrip(".")) > 1 or not w.endswith(".")]
    return (
        0 < len(words) <= 6
        and text[:1].isupper()
        and not any(ch.isdigit() for ch in text)
        and not text.rstrip().endswith(":")
    )
