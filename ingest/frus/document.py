"""One FRUS ``div[@type='document']`` → one ``Document``: record, passages, actors, meeting, decisions.

The rules that classify and extract live in ``frus_rules``; the running text in ``frus_text``; this
module turns what they find into triples under the Precedent vocabulary.
"""

from __future__ import annotations

import re

from lxml import etree
from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import XSD

from ontology import PREC

from ..document import Document, sha256_hex
from ..provenance import PassageBuilder
from .context import ActorsUsed, Triples, VolumeContext, item_people, party, person_for
from .facts import attendance, decisions
from .rules import date_in_text, is_meeting_head, meeting_body, record_type
from .text import XML_ID, blocks, document_text, inline_text, t

READER_NAME = "ingest.frus"
READER_VERSION = "1.0"
URL_TEMPLATE = "https://history.state.gov/historicaldocuments/{volume}/{document}"
FRUS_MIN = "{http://history.state.gov/frus/ns/1.0}doc-dateTime-min"

_ISO_DATE = re.compile(r"^(\d{4}-\d{2}-\d{2})")


def _date_literal(value: str | None) -> Literal | None:
    match = _ISO_DATE.match(value or "")
    return Literal(match.group(1), datatype=XSD.date) if match else None


def document_date(div: etree._Element, head: str) -> Literal | None:
    """``frus:doc-dateTime-min``, else the first ``dateline//date/@when``, else a date in the head."""
    found = _date_literal(div.get(FRUS_MIN))
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


def _start_time(div: etree._Element) -> Literal | None:
    """When a meeting began, if the volume says so: ``frus:doc-dateTime-min`` with a time of day."""
    value = div.get(FRUS_MIN) or ""
    if len(value) > 10 and "T" in value and not value[11:19].startswith("00:00:00"):
        return Literal(value, datatype=XSD.dateTime)
    return None


def _ancestor(element: etree._Element, tag: str, stop: etree._Element) -> bool:
    node = element.getparent()
    while node is not None and node is not stop:
        if node.tag == tag:
            return True
        node = node.getparent()
    return False


def build(div: etree._Element, ctx: VolumeContext) -> Document:
    """Build the ``Document`` for one document div; raises ``ValueError`` on a document it cannot read."""
    doc_id = div.get(XML_ID)
    volume = ctx.volume
    identifier = f"{volume.volume_id}/{doc_id}"
    minter, resolver = ctx.minter, ctx.resolver
    record = URIRef(minter.entity("record", identifier))
    graph = Triples()
    add = graph.add

    head_el = div.find(t("head"))
    head = inline_text(head_el) if head_el is not None else ""
    title = head or f"Document {div.get('n') or doc_id}"
    # Legacy volumes put the source note beside the head, modern ones inside it.
    notes = [*div.findall(t("note")), *(head_el.findall(t("note")) if head_el is not None else [])]
    source_note = " ".join(inline_text(n) for n in notes if n.get("type") == "source")
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

    actors = ActorsUsed()
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
        start_time = _start_time(div)
        if start_time is not None:
            add((meeting, PREC.startTime, start_time))
        if place:
            add((meeting, PREC.placeName, Literal(place)))
        if block_passages:
            passages.cite(meeting, block_passages[0])
        attendance(
            div,
            dict(zip((b.element for b in found), block_passages, strict=True)),
            found,
            identifier,
            meeting,
            body,
            passages,
            ctx,
            actors,
        )

    proposed = decisions(found, identifier, meeting, body, date, passages, ctx, actors)
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
        proposed=proposed,
    )


def _participants(
    div: etree._Element, record: URIRef, graph: Triples, ctx: VolumeContext, actors: ActorsUsed
) -> None:
    authors: list[URIRef] = []
    for pers in div.iter(t("persName")):
        iri = person_for(pers, ctx, actors)
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
        iri = party(inline_text(gloss), ctx, actors)
        if iri is not None:
            graph.add((record, PREC.author if role == "from" else PREC.recipient, iri))
            graph.add((record, PREC.participant, iri))
            if role == "from":
                authors.append(iri)
    if not authors:
        # A letter's signatory is its author when the head does not say who wrote it.
        for signed in div.iter(t("signed")):
            for pers in signed.iter(t("persName")):
                iri = person_for(pers, ctx, actors)
                if iri is not None:
                    graph.add((record, PREC.author, iri))
    for listing in div.iter(t("list")):
        if listing.get("type") != "participants":
            continue
        for item in listing.iter(t("item")):
            for iri in item_people(item, ctx, actors):
                graph.add((record, PREC.participant, iri))
