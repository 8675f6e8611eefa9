"""The state shared while one FRUS volume's documents are read, and how a document's names become actors.

``VolumeContext`` carries what every document of a volume shares; ``ActorsUsed`` collects the actor
IRIs (and unresolved mentions) of one document so their triples can be copied into its graph.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree
from rdflib import URIRef

from ontology import IriMinter

from ..resolve import Resolver
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
    """A ``persName``: through the volume's persons list when it has ``@corresp``, else by name."""
    name = inline_text(pers)
    corresp = (pers.get("corresp") or "").lstrip("#")
    if corresp and corresp in ctx.volume.persons:
        return actors.keep(ctx.volume.persons[corresp].iri, name)
    if not name:
        return None
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
    found = [iri for pers in item.iter(t("persName")) if (iri := person_for(pers, ctx, actors))]
    if not found:
        name = inline_text(item).split(",")[0].strip()
        if not looks_like_name(name):
            # "Listed on Page 4", "U.S. Side": kept as a mention, not made a person.
            actors.keep(None, name)
            return []
        iri = actors.keep(ctx.resolver.person(name), name)
        found = [iri] if iri else []
    return found


def looks_like_name(text: str) -> bool:
    """A participants-list entry without markup is taken as a name only when it could be one."""
    words = text.split()
    return (
        0 < len(words) <= 6
        and text[:1].isupper()
        and not any(ch.isdigit() for ch in text)
        and not text.rstrip().endswith(":")
    )
