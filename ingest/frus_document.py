"""One FRUS ``div[@type='document']`` → one ``Document``: record, passages, actors, meeting, decisions.

The rules that classify and extract live in ``frus_rules``; the running text in ``frus_text``; this
module turns what they find into triples under the Precedent vocabulary.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree
from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import XSD

from ontology import PREC, IriMinter

from .document import Document, sha256_hex
from .frus_rules import attendees_in, date_in_text, decision_rule, is_meeting_head, meeting_body, record_type
from .frus_text import XML_ID, Block, blocks, document_text, inline_text, sentences, t
from .frus_volume import Volume, looks_like_organisation
from .provenance import PassageBuilder
from .resolve import Resolver

READER_NAME = "ingest.frus"
READER_VERSION = "1.0"
URL_TEMPLATE = "https://history.state.gov/historicaldocuments/{volume}/{document}"

_ISO_DATE = re.compile(r"^(\d{4}-\d{2}-\d{2})")
_LABEL_LIMIT = 120
#: Confidence factor for a decision found outside a meeting record.
REPORTED_DISCOUNT = 0.75


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


class _Triples(list):
    """Triples collected while a document is built, added to its graph in one batch at the end
    (per-triple ``Graph.add`` dominated reading time). Offers ``add`` so ``PassageBuilder`` can use it."""

    add = list.append


@dataclass
class _Actors:
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


def _date_literal(value: str | None) -> Literal | None:
    match = _ISO_DATE.match(value or "")
    return Literal(match.group(1), datatype=XSD.date) if match else None


def document_date(div: etree._Element, head: str) -> Literal | None:
    """``frus:doc-dateTime-min``, else the first ``dateline//date/@when``, else a date in the head."""
    found = _date_literal(div.get("{http://history.state.gov/frus/ns/1.0}doc-dateTime-min"))
    if found is None:
        for date in div.iter(t("date")):
            if date.get("when") and _ancestor(date, t("dateline"), div):
                found = _date_literal(date.get("when"))
                if found is not None:
                    break
    if found is None:
        parsed = date_in_text(head)
        found = Literal(parsed.isoformat(), datatype=XSD.date) if parsed else None
    return found


def _ancestor(element: etree._Element, tag: str, stop: etree._Element) -> bool:
    node = element.getparent()
    while node is not None and node is not stop:
        if node.tag == tag:
            return True
        node = node.getparent()
    return False


def _short(text: str) -> str:
    return text if len(text) <= _LABEL_LIMIT else text[: _LABEL_LIMIT - 1].rsplit(" ", 1)[0] + "…"


def build(div: etree._Element, ctx: VolumeContext) -> Document:
    """Build the ``Document`` for one document div; raises ``ValueError`` on a document it cannot read."""
    doc_id = div.get(XML_ID)
    volume = ctx.volume
    identifier = f"{volume.volume_id}/{doc_id}"
    minter, resolver = ctx.minter, ctx.resolver
    record = URIRef(minter.entity("record", identifier))
    graph = _Triples()
    add = graph.add

    head_el = div.find(t("head"))
    head = inline_text(head_el) if head_el is not None else ""
    title = head or f"Document {div.get('n') or doc_id}"
    source_note = " ".join(inline_text(n) for n in div.findall(t("note")) if n.get("type") == "source")
    has_from_to = (
        div.find(f".//{t('persName')}[@type='from']") is not None
        or div.find(f".//{t('gloss')}[@type='to']") is not None
    )

    add((record, RDF.type, PREC.Record))
    add((record, PREC.identifier, Literal(identifier)))
    add((record, RDFS.label, Literal(title)))
    kind = record_type(head, subtype=div.get("subtype"), source_note=source_note, has_from_to=has_from_to)
    add((record, PREC.recordType, Literal(kind)))
    add((record, PREC.accessLevel, Literal(ctx.level)))
    add((record, PREC.partOf, Literal(volume.title)))
    add(
        (
            record,
            PREC.url,
            Literal(URL_TEMPLATE.format(volume=volume.volume_id, document=doc_id), datatype=XSD.anyURI),
        )
    )
    add((record, PREC.readerName, Literal(READER_NAME)))
    add((record, PREC.readerVersion, Literal(READER_VERSION)))
    add((record, PREC.sourceFormat, Literal("tei")))
    number = div.get("n")
    if number and number.isdigit():
        add((record, PREC.sequence, Literal(int(number), datatype=XSD.integer)))
    if source_note:
        add((record, PREC.sourceNote, Literal(source_note)))
    date = document_date(div, head)
    if date is not None:
        add((record, PREC.date, date))
    place = next((inline_text(p) for d in div.iter(t("dateline")) for p in d.iter(t("placeName"))), "")
    if place:
        add((record, PREC.placeName, Literal(place)))

    actors = _Actors()
    _participants(div, record, graph, ctx, actors)

    found = blocks(div)
    text = document_text(found)
    passages = PassageBuilder(graph, minter, identifier, text)
    block_passages = [
        passages.add(block.start, block.end, element_id=block.element_id or block.path) for block in found
    ]

    meeting = None
    body = None
    if is_meeting_head(head):
        body_name = meeting_body(head, ctx.previous_body)
        ctx.previous_body = body_name or ctx.previous_body
        body = actors.keep(resolver.organisation(body_name, kind="body"), body_name) if body_name else None
        meeting = URIRef(minter.entity("meeting", identifier))
        add((meeting, RDF.type, PREC.Meeting))
        add((meeting, RDFS.label, Literal(title)))
        add((meeting, PREC.recordedIn, record))
        if body is not None:
            add((meeting, PREC.heldBy, body))
        if date is not None:
            add((meeting, PREC.date, date))
        if place:
            add((meeting, PREC.placeName, Literal(place)))
        if block_passages:
            passages.cite(meeting, block_passages[0])
        _attendance(
            div,
            dict(zip((b.element for b in found), block_passages, strict=True)),
            found,
            identifier,
            meeting,
            passages,
            ctx,
            actors,
        )

    _decisions(found, identifier, meeting, body, date, passages, ctx, actors)
    for gloss in div.iter(t("gloss")):
        # A reference into the volume's terms list that names an organisation mentions it.
        term = (gloss.get("target") or "").lstrip("#")
        if term in volume.terms:
            actors.keep(volume.terms[term], term)

    participant = PREC.participant
    participants = {o for _, p, o in graph if p == participant}
    for iri in sorted(actors.used):
        if iri not in participants and iri != body:
            add((record, PREC.mentions, iri))
    graph.extend(resolver.triples_about(actors.used))
    for mention in actors.unresolved:
        add((record, PREC.unresolvedMention, Literal(mention)))
    rdf = Graph(store="SimpleMemory")
    rdf.addN((s, p, o, rdf) for s, p, o in set(graph))

    return Document(
        identifier=identifier,
        title=title,
        source_format="tei",
        access_level=ctx.level,
        graph=rdf,
        content_hash=sha256_hex(etree.tostring(div)),
        reader=READER_NAME,
        reader_version=READER_VERSION,
        source_path=ctx.source,
        original=ctx.original,
        original_hash=ctx.original_hash,
        unresolved_mentions=list(actors.unresolved),
    )


def _person_for(pers: etree._Element, ctx: VolumeContext, actors: _Actors) -> URIRef | None:
    """A ``persName``: through the volume's persons list when it has ``@corresp``, else by name."""
    name = inline_text(pers)
    corresp = (pers.get("corresp") or "").lstrip("#")
    if corresp and corresp in ctx.volume.persons:
        return actors.keep(ctx.volume.persons[corresp].iri, name)
    if not name:
        return None
    return actors.keep(ctx.resolver.person(name), name)


def _party(text: str, ctx: VolumeContext, actors: _Actors) -> URIRef | None:
    """A ``gloss`` naming a sender or addressee by office: the volume's one holder of that post,
    else an organisation when the text names one, else an unresolved mention."""
    holder = ctx.volume.post_holder(text)
    if holder is not None:
        return actors.keep(holder, text)
    if looks_like_organisation(text):
        return actors.keep(ctx.resolver.organisation(text), text)
    return actors.keep(None, text)


def _participants(
    div: etree._Element, record: URIRef, graph: _Triples, ctx: VolumeContext, actors: _Actors
) -> None:
    authors: list[URIRef] = []
    for pers in div.iter(t("persName")):
        iri = _person_for(pers, ctx, actors)
        role = pers.get("type")
        if iri is None:
            continue
        if role == "from":
            authors.append(iri)
            graph.add((record, PREC.author, iri))
            graph.add((record, PREC.participant, iri))
        elif role == "to":
            graph.add((record, PREC.recipient, iri))
            graph.add((record, PREC.participant, iri))
    for gloss in div.iter(t("gloss")):
        role = gloss.get("type")
        if role not in ("from", "to"):
            continue
        iri = _party(inline_text(gloss), ctx, actors)
        if iri is not None:
            graph.add((record, PREC.author if role == "from" else PREC.recipient, iri))
            graph.add((record, PREC.participant, iri))
            if role == "from":
                authors.append(iri)
    if not authors:
        # A letter's signatory is its author when the head does not say who wrote it.
        for signed in div.iter(t("signed")):
            for pers in signed.iter(t("persName")):
                iri = _person_for(pers, ctx, actors)
                if iri is not None:
                    graph.add((record, PREC.author, iri))
    for listing in div.iter(t("list")):
        if listing.get("type") != "participants":
            continue
        for item in listing.iter(t("item")):
            for iri in _item_people(item, ctx, actors):
                graph.add((record, PREC.participant, iri))


def _item_people(item: etree._Element, ctx: VolumeContext, actors: _Actors) -> list[URIRef]:
    """The persons of one participants-list item: its persNames, else the text before the first comma."""
    found = [iri for pers in item.iter(t("persName")) if (iri := _person_for(pers, ctx, actors))]
    if not found:
        name = inline_text(item).split(",")[0]
        iri = actors.keep(ctx.resolver.person(name), name) if name else None
        found = [iri] if iri else []
    return found


def _attendance(
    div: etree._Element,
    passage_of: dict[etree._Element, URIRef],
    found: list[Block],
    identifier: str,
    meeting: URIRef,
    passages: PassageBuilder,
    ctx: VolumeContext,
    actors: _Actors,
) -> None:
    """Attendances from participants lists (cited to the item's passage) and from "were present" /
    "attended … as" sentences (cited to a passage of the sentence)."""
    graph, minter = passages.graph, ctx.minter
    seen: set[URIRef] = set()

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
            for person in _item_people(item, ctx, actors):
                attend(person, capacity, passage)
    for block in found:
        for start, end in sentences(block.text):
            sentence = block.text[start:end]
            if "present" not in sentence and "attended" not in sentence:
                continue
            people = attendees_in(sentence)
            if not people:
                continue
            passage = passages.add(block.start + start, block.start + end)
            for attendee in people:
                person = actors.keep(ctx.resolver.person(attendee.name), attendee.name)
                if person is not None:
                    attend(person, attendee.capacity, passage)


def _decisions(
    found: list[Block],
    identifier: str,
    meeting: URIRef | None,
    body: URIRef | None,
    date: Literal | None,
    passages: PassageBuilder,
    ctx: VolumeContext,
    actors: _Actors,
) -> None:
    graph, minter = passages.graph, ctx.minter
    count = 0
    for block in found:
        for start, end in sentences(block.text):
            sentence = block.text[start:end]
            rule = decision_rule(sentence)
            if rule is None:
                continue
            count += 1
            decision = URIRef(minter.entity("decision", f"{identifier}/d{count}"))
            graph.add((decision, RDF.type, PREC.Decision))
            graph.add((decision, PREC.identifier, Literal(f"{identifier}/d{count}")))
            graph.add((decision, RDFS.label, Literal(_short(sentence))))
            graph.add((decision, PREC.text, Literal(sentence)))
            # Outside the record of a meeting, the sentence usually reports someone else's decision
            # ("it was decided in London…"): trust it less.
            confidence = rule.confidence if meeting is not None else rule.confidence * REPORTED_DISCOUNT
            graph.add((decision, PREC.confidence, Literal(f"{confidence:.2f}", datatype=XSD.decimal)))
            graph.add((decision, PREC.extractionRule, Literal(rule.name)))
            if date is not None:
                graph.add((decision, PREC.date, date))
            if meeting is not None:
                graph.add((decision, PREC.decidedAt, meeting))
            decider = body
            if rule.decided_by:
                decider = actors.keep(ctx.resolver.organisation(rule.decided_by), rule.decided_by)
            if decider is not None:
                graph.add((decision, PREC.decidedBy, decider))
            passages.span(decision, block.start + start, block.start + end)
