"""Facts a FRUS document records: who attended its meeting, and what was decided.

The patterns live in ``frus_rules``; this module turns their matches into ``prec:Attendance`` and
``prec:Decision`` nodes cited to passages, or into ``ProposedFact``s when the source leaves a
required part (who decided, when) unsaid.
"""

from __future__ import annotations

import re

from lxml import etree
from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import XSD

from ontology import PREC

from ..document import ProposedFact
from ..provenance import PassageBuilder
from .context import ActorsUsed, VolumeContext, item_people
from .rules import DecisionRule, attendees_in, decision_rule, roles_present
from .text import Block, inline_text, sentences, t

_LABEL_LIMIT = 120
#: A capacity that says the attendee chaired the meeting ("presiding", "in the chair").
_CHAIR = re.compile(r"\b(presiding|in the chair|chairman|chairing)\b", re.IGNORECASE)
#: Confidence factor for a decision found outside a meeting record.
REPORTED_DISCOUNT = 0.75


def short(text: str) -> str:
    return text if len(text) <= _LABEL_LIMIT else text[: _LABEL_LIMIT - 1].rsplit(" ", 1)[0] + "…"


def attendance(
    div: etree._Element,
    passage_of: dict[etree._Element, URIRef],
    found: list[Block],
    identifier: str,
    meeting: URIRef,
    body: URIRef | None,
    passages: PassageBuilder,
    ctx: VolumeContext,
    actors: ActorsUsed,
) -> None:
    """Attendances from participants lists (cited to the item's passage), from "were present" /
    "attended … as" sentences, and from "All the arbitrators were present" (those who attended an
    earlier meeting of the same body in a capacity naming that role), cited to the sentence."""
    graph, minter = passages.graph, ctx.minter
    seen: set[URIRef] = set()
    # Who has attended this body's meetings so far in the volume, and in which capacity.
    known = ctx.attendees_of.setdefault(body, {}) if body is not None else {}

    def attend(person: URIRef, capacity: str | None, passage: URIRef) -> None:
        if person in seen:
            return
        seen.add(person)
        slug = minter.split(person)[1] if minter.split(person) else str(len(seen))
        node = URIRef(minter.entity("attendance", f"{identifier}/{slug}"))
        graph.add((node, RDF.type, PREC.Attendance))
        graph.add((node, PREC.attendee, person))
        graph.add((node, PREC.attendanceStatus, Literal("present")))
        if capacity:
            graph.add((node, PREC.inCapacity, Literal(capacity)))
            known.setdefault(person, capacity)
            if _CHAIR.search(capacity):
                graph.add((meeting, PREC.chair, person))
        graph.add((meeting, PREC.hasAttendance, node))
        passages.cite(node, passage)

    for listing in div.iter(t("list")):
        if listing.get("type") != "participants":
            continue
        for item in listing.iter(t("item")):
            passage = passage_of.get(item)
            if passage is None:
                continue
            capacity = inline_text(item).partition(",")[2].strip() or None
            for person in item_people(item, ctx, actors):
                attend(person, capacity, passage)
    for block in found:
        for start, end in sentences(block.text):
            sentence = block.text[start:end]
            if "present" not in sentence and "attended" not in sentence:
                continue
            people = attendees_in(sentence)
            roles = roles_present(sentence)
            by_role = [
                (p, c) for p, c in known.items() if any(re.search(rf"\b{r}\b", c, re.I) for r in roles)
            ]
            if not people and not by_role:
                continue
            passage = passages.add(block.start + start, block.start + end)
            for attendee in people:
                person = actors.keep(ctx.resolver.person(attendee.name), attendee.name)
                if person is not None:
                    attend(person, attendee.capacity, passage)
            for person, capacity in by_role:
                actors.keep(person, capacity)
                attend(person, capacity, passage)


def decisions(
    found: list[Block],
    identifier: str,
    meeting: URIRef | None,
    body: URIRef | None,
    date: Literal | None,
    passages: PassageBuilder,
    ctx: VolumeContext,
    actors: ActorsUsed,
) -> list[ProposedFact]:
    """Decisions found by the rules in ``frus_rules``.

    A decision goes into the document's graph when the source says who decided or at which meeting
    and the document is dated (what the shapes require); otherwise it is a ``ProposedFact`` for an
    editor to complete ("it was decided in London…" in a letter names no decider).
    """
    minter = ctx.minter
    proposed: list[ProposedFact] = []
    count = 0
    for block in found:
        for start, end in sentences(block.text):
            sentence = block.text[start:end]
            rule = decision_rule(sentence)
            if rule is None:
                continue
            count += 1
            key = f"{identifier}/d{count}"
            decision = URIRef(minter.entity("decision", key))
            # Outside the record of a meeting, the sentence usually reports someone else's decision
            # ("it was decided in London…"): trust it less.
            confidence = rule.confidence if meeting is not None else rule.confidence * REPORTED_DISCOUNT
            triples = [
                (decision, RDF.type, PREC.Decision),
                (decision, PREC.identifier, Literal(key)),
                (decision, RDFS.label, Literal(short(sentence))),
                (decision, PREC.text, Literal(sentence)),
                (decision, PREC.confidence, Literal(f"{confidence:.2f}", datatype=XSD.decimal)),
                (decision, PREC.extractionRule, Literal(rule.name)),
            ]
            if date is not None:
                triples.append((decision, PREC.date, date))
            if meeting is not None:
                triples.append((decision, PREC.decidedAt, meeting))
            decider = _decider(rule, body, ctx, actors)
            if decider is not None:
                triples.append((decision, PREC.decidedBy, decider))
            passage = passages.add(block.start + start, block.start + end)
            triples.append((decision, PREC.derivedFrom, passage))
            if date is not None and (meeting is not None or decider is not None):
                passages.graph.extend(triples)
                continue
            facts = Graph()
            for triple in triples:
                facts.add(triple)
            proposed.append(
                ProposedFact(
                    key=f"{key}:{rule.name}",
                    rule=rule.name,
                    confidence=round(confidence, 2),
                    summary=short(sentence),
                    passage_iri=str(passage),
                    passage_text=sentence,
                    triples=facts,
                )
            )
    return proposed


def _decider(
    rule: DecisionRule, body: URIRef | None, ctx: VolumeContext, actors: ActorsUsed
) -> URIRef | None:
    """Who decided: the body the rule names, else the holder of the post it names, else the meeting's body."""
    if rule.decided_by:
        return actors.keep(ctx.resolver.organisation(rule.decided_by), rule.decided_by)
    if rule.decided_by_post:
        holder = ctx.volume.post_holder(rule.decided_by_post)
        if holder is not None:
            return actors.keep(holder, rule.decided_by_post)
    return body
