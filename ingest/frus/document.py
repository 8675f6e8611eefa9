"""One FRUS ``div[@type='document']`` → one ``Document``: record, passages, actors, meeting, decisions.

The rules that classify and extract live in ``frus_rules``; the running text in ``frus_text``; this
module turns what they find into triples under the Precedent vocabulary.
"""

from __future__ import annotations

import logging
import re
from functools import lru_cache

from lxml import etree
from rdflib import RDF, Graph, Literal, URIRef
from rdflib.namespace import XSD

from ontology import PREC

from ..document import Document, ProposedFact, sha256_hex
from ..emit import DecisionValues, Emitter, MeetingValues, RecordValues
from ..provenance import PassageBuilder, integer, plain_literal
from .context import (
    ActorsUsed,
    Triples,
    VolumeContext,
    item_people,
    party,
    person_for,
    person_named,
    persons_for,
)
from .dates import date_of, day
from .facts import attendance, decisions, held_for_review, short
from .instruments import issuing_office, operative_acts
from .names import heading_parties, name_key
from .rules import (
    body_named_in,
    head_names_body,
    is_meeting_head,
    meeting_body,
    record_type,
    volume_conference,
)
from .text import XML_ID, Block, blocks, document_text, inline_text, t

log = logging.getLogger(__name__)

READER_NAME = "ingest.frus"
READER_VERSION = "2.0"
URL_TEMPLATE = "https://history.state.gov/historicaldocuments/{volume}/{document}"
FRUS_MIN = "{http://history.state.gov/frus/ns/1.0}doc-dateTime-min"

_ISO_DATE = re.compile(r"^(\d{4}-\d{2}-\d{2})")

#: The opening words of an instrument's attestation clause, which carries its date ("Given under my hand
#: at …, this … day of …", "Done at Washington, the eighth day of May, …", "Signed at …").
_ATTESTATION = re.compile(
    r"\W*(?:\[?seal\]?\s*)?(?:Given under my hand|Done|Signed)\b(?: in \w+)? at\b", re.IGNORECASE
)


def _date_literal(value: str | None) -> Literal | None:
    match = _ISO_DATE.match(value or "")
    return _xsd_date(match.group(1)) if match else None


@lru_cache(maxsize=4096)
def _xsd_date(iso: str) -> Literal:
    """``Literal(iso, datatype=XSD.date)``, made once per day: a volume's documents share their days, and
    rdflib parses a typed literal's value each time it makes one (terms are immutable: one serves)."""
    return Literal(iso, datatype=XSD.date)


def document_date(
    div: etree._Element, head: str, default_year: int | None = None
) -> tuple[Literal | None, bool]:
    """The document's date and whether it is certain.

    ``frus:doc-dateTime-min``, else the first ``dateline//date/@when``, else a date written out in
    the head, the dateline or the opener (``dates.date_of``: "1 May, 1919", "12th August, 1919").
    A date written without its year ("Monday, March 4") is read in ``default_year`` (the previous
    document's or the volume's) and is not certain; no date at all gives ``(None, False)``.
    """
    found = _date_literal(div.get(FRUS_MIN))
    if found is None:
        for date in div.iter(t("date")):
            if date.get("when") and _ancestor(date, t("dateline"), div):
                found = _date_literal(date.get("when"))
                if found is not None:
                    break
    if found is not None:
        return found, True
    texts = [head] + [inline_text(element) for tag in ("dateline", "opener") for element in div.iter(t(tag))]
    # Legacy volumes often put the place and date in a short line at the letter's foot
    # ("Washington, November 20, 1918.", in a closer, a postscript or a paragraph of its own).
    paragraphs = [inline_text(p) for p in div.iter(t("p"), t("closer"), t("postscript"))]
    footers = [text for text in paragraphs[:2] + paragraphs[-3:] if len(text.split()) <= 8]
    # A formal instrument (a commission, full powers, a treaty, a proclamation) dates itself in its
    # attestation clause, however long: "Given under my hand at the City of Washington, this thirtieth
    # day of November, in the year of our Lord one thousand nine hundred and eighteen, …".
    footers += [text for text in paragraphs[-5:] if _ATTESTATION.match(text) and text not in footers]
    guess = None
    for text in texts + footers:
        # A short line of the letter counts only with its year: "…on December 22." is not a dateline.
        written = date_of(text, default_year if text not in footers else None)
        if written is not None and written.year_stated:
            return Literal(written.value.isoformat(), datatype=XSD.date), True
        if written is not None and guess is None:
            guess = Literal(written.value.isoformat(), datatype=XSD.date)
    return guess, False


def _ill_formed_date(node: URIRef, date: Literal | None, graph: Triples) -> None:
    """A date that is not a real day is kept as the volume wrote it (see ``dates.day``)."""
    if date is not None and day(date) is None:
        graph.add((node, PREC.date, date))


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

    kind = record_type(head, subtype=div.get("subtype"), source_note=source_note, has_from_to=has_from_to)
    date, date_certain = document_date(div, head, ctx.year())
    if date is not None and date_certain:
        ctx.last_year = int(str(date)[:4])
    doubts: list[str] = []
    if not date_certain:
        doubts.append("no date with a year" if date is not None else "no readable date")
    place = next((inline_text(p) for d in div.iter(t("dateline")) for p in d.iter(t("placeName"))), "")
    emit = Emitter(graph, minter)
    emit.record(
        RecordValues(
            identifier,
            title,
            ctx.level,
            "tei",
            READER_NAME,
            READER_VERSION,
            record_type=kind,
            date=day(date),
            place=place or None,
        )
    )
    _ill_formed_date(record, date, graph)
    add((record, PREC.partOf, plain_literal(volume.title)))
    add(
        (
            record,
            PREC.url,
            Literal(URL_TEMPLATE.format(volume=volume.volume_id, document=doc_id), datatype=XSD.anyURI),
        )
    )
    number = div.get("n")
    if number and number.isdigit():
        add((record, PREC.sequence, integer(int(number))))
    if source_note:
        add((record, PREC.sourceNote, plain_literal(source_note)))

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
    present: dict[URIRef, str | None] = {}
    proposed: list[ProposedFact] = []
    body_inferred: str | None = None  # how a body the head does not name was found
    decider: URIRef | None = None
    if is_meeting_head(head):
        body_name = meeting_body(head, ctx.previous_body)
        if not head_names_body(head):
            # "Secretary's Notes of a Conversation held in M. Pichon's Room …": the head names no body.
            # The body is the one the notes name ("the Council of Ten", "the Conference"), else the
            # series the volume is in, else the conference the volume is about; the meeting is
            # stored with it and the attribution goes to an editor.
            from_text = body_named_in(text, volume.title)
            if from_text is not None:
                body_name, body_inferred = from_text, "named in the record's text"
            elif ctx.previous_body is not None:
                body_name, body_inferred = ctx.previous_body, "the body of the previous meeting in the volume"
            else:
                body_name = volume_conference(volume.title)
                body_inferred = "the conference the volume is about" if body_name else None
        ctx.previous_body = body_name or ctx.previous_body
        body = actors.keep(resolver.organisation(body_name, kind="body"), body_name) if body_name else None
        # Decisions are the body's when the head or the record's own words name it; otherwise they are
        # the meeting's (its participants'), decided at it.
        decider = body if body_inferred in (None, "named in the record's text") else None
        if body is not None and body_name:
            # The body as this volume names it ("tribunal of arbitration"), beside its known names.
            resolver.add_alias(body, _SEAT.sub("", body_name))
        meeting = URIRef(minter.entity("meeting", identifier))
        facts = Triples()
        passages.graph = facts
        emit.graph = facts
        emit.meeting(MeetingValues(identifier, title, record, body=body, date=day(date), place=place or None))
        emit.graph = graph
        _ill_formed_date(meeting, date, facts)
        start_time = _start_time(div)
        if start_time is not None:
            facts.add((meeting, PREC.startTime, start_time))
        if block_passages:
            passages.cite(meeting, block_passages[0])
        kept = len(facts)
        try:
            present = attendance(
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
        except Exception as error:  # noqa: BLE001 — an unreadable part must not lose the record
            log.warning("%s#%s: attendance not read: %s", ctx.source, doc_id, error)
            del facts[kept:]
            doubts.append(f"attendance could not be read ({error})")
        passages.graph = graph
        _keep_passages(facts, graph)
        if body is not None and date is not None:
            graph.extend(facts)
            if body_inferred is not None and block_passages:
                doubts.append(f"the meeting's body is {body_inferred}, not its head")
                held = Graph()
                held.add((meeting, PREC.heldBy, body))
                proposed.append(
                    ProposedFact(
                        key=f"{identifier}/meeting:body-inferred",
                        rule="meeting-body-inferred",
                        confidence=0.6 if body_inferred == "named in the record's text" else 0.4,
                        summary=f"{title}: held by {body_name} ({body_inferred})",
                        passage_iri=str(block_passages[0]),
                        passage_text=found[0].text,
                        triples=held,
                    )
                )
        else:
            # The shapes need a meeting's body and date: without them the meeting, its attendance
            # and its decisions wait for an editor instead of the whole record being refused.
            doubts.append("the meeting's body is not named" if body is None else "the meeting has no date")
            if block_passages:
                proposed.append(
                    _proposed_meeting(identifier, meeting, title, facts, block_passages[0], found[0])
                )
            meeting = None

    kept = len(graph)
    try:
        proposed += decisions(
            found,
            identifier,
            meeting,
            decider if meeting is not None else body,
            date,
            passages,
            ctx,
            actors,
            present,
        )
    except Exception as error:  # noqa: BLE001 — an unreadable part must not lose the record
        log.warning("%s#%s: decisions not read: %s", ctx.source, doc_id, error)
        del graph[kept:]
        doubts.append(f"decisions could not be read ({error})")
    office = issuing_office(found) if meeting is None else None
    if office is not None:
        proposed += _instrument_acts(
            found, identifier, office, date if date_certain else None, passages, ctx, actors
        )
    if date is not None and not date_certain and block_passages:
        dated = Graph()
        dated.add((record, PREC.date, date))
        proposed.append(
            ProposedFact(
                key=f"{identifier}/date:date-without-year",
                rule="date-without-year",
                confidence=0.6,
                summary=f"{title}: dated {date}, the year taken from the volume",
                passage_iri=str(block_passages[0]),
                passage_text=found[0].text,
                triples=dated,
            )
        )
    if doubts:
        # An uncertain record: stored with what could be read, its doubt said and its confidence low.
        add((record, PREC.confidence, Literal("0.50", datatype=XSD.decimal)))
        add((record, PREC.reviewStatus, Literal("proposed")))
        add((record, PREC.extractionRule, Literal("; ".join(doubts))))
    for gloss in div.iter(t("gloss")):
        # A reference into the volume's terms list that names an organisation mentions it.
        term = (gloss.get("target") or "").lstrip("#")
        if term in volume.terms:
            actors.keep(volume.terms[term], term)

    # a set: an IRI is compared by its string hash first (in C), rdflib's Python ``__eq__`` only on a match
    participant = {PREC.participant}
    participants = {o for _, p, o in graph if p in participant}
    for iri in sorted(actors.used):
        if iri not in participants and iri != body:
            add((record, PREC.mentions, iri))
    graph.extend(resolver.triples_about(actors.used))
    for mention in actors.unresolved:
        add((record, PREC.unresolvedMention, plain_literal(mention)))
    # The triples as collected, without a graph: the reader process only validates them (one pass) and
    # sends them to the writer as a list, so a graph built here would only be taken apart again.
    return Document.of_triples(
        graph,
        identifier=identifier,
        title=title,
        source_format="tei",
        access_level=ctx.level,
        content_hash=sha256_hex(etree.tostring(div)),
        reader=READER_NAME,
        reader_version=READER_VERSION,
        source_path=ctx.source,
        original=ctx.original,
        original_hash=ctx.original_hash,
        unresolved_mentions=list(actors.unresolved),
        proposed=proposed,
    )


_SEAT = re.compile(r" at [A-Z][\w’'-]+$")
#: How sure an instrument's operative clause is a decision of its issuer.
_INSTRUMENT_CONFIDENCE = 0.85


def _instrument_acts(
    found: list[Block],
    identifier: str,
    office: str,
    date: Literal | None,
    passages: PassageBuilder,
    ctx: VolumeContext,
    actors: ActorsUsed,
) -> list[ProposedFact]:
    """Each operative clause of an instrument as a decision of the issuer's office (see ``instruments``);
    stored when the instrument is dated, else proposed to an editor with the same triples."""
    acts = operative_acts(found)
    if not acts:
        return []  # an address to the world with no act in the first person: a decree reported, a form
    issuer = actors.keep(ctx.resolver.organisation(office, kind="body"), office)
    proposed: list[ProposedFact] = []
    for number, act in enumerate(acts, start=1):
        triples = Triples()
        emit = Emitter(triples, ctx.minter)
        key = f"{identifier}/i{number}"
        decision = emit.decision(
            DecisionValues(key, short(act.text), act.text, None, issuer, day(date), "executive", "adopted")
        )
        emit.heuristic(decision, _INSTRUMENT_CONFIDENCE, "instrument:operative-clause")
        passage = passages.add(act.start, act.end)
        triples.add((decision, PREC.derivedFrom, passage))
        if date is not None and issuer is not None:
            passages.graph.extend(triples)
            continue
        proposed.append(
            held_for_review(
                f"{key}:instrument",
                "instrument:operative-clause",
                _INSTRUMENT_CONFIDENCE * 0.6,
                f"{short(act.text)} (no date read)" if date is None else short(act.text),
                passage,
                passages.text[act.start : act.end],
                triples,
            )
        )
    return proposed


def _keep_passages(facts: Triples, graph: Triples) -> None:
    """Move the passages cut while reading the meeting into the document's graph: they are text."""
    is_a, passage = RDF.type, PREC.Passage
    passages = {s for s, p, o in facts if p == is_a and o == passage}
    kept = [triple for triple in facts if triple[0] not in passages]
    graph.extend(triple for triple in facts if triple[0] in passages)
    facts[:] = kept


def _proposed_meeting(
    identifier: str, meeting: URIRef, title: str, facts: Triples, passage: URIRef, block: Block
) -> ProposedFact:
    return held_for_review(
        f"{identifier}/meeting:meeting-head", "meeting-head", 0.5, title, passage, block.text, facts
    )


def _participants(
    div: etree._Element, record: URIRef, graph: Triples, ctx: VolumeContext, actors: ActorsUsed
) -> None:
    authors: list[URIRef] = []

    def author(iri: URIRef) -> None:
        authors.append(iri)
        graph.add((record, PREC.author, iri))
        graph.add((record, PREC.participant, iri))

    def recipient(iri: URIRef) -> None:
        graph.add((record, PREC.recipient, iri))
        graph.add((record, PREC.participant, iri))

    persnames = list(div.iter(t("persName")))
    # Full names first, so that the resolver reads a bare surname later in the document ("Barnes",
    # footnoted "George N. Barnes") as the one full name it knows rather than as another person.
    for pers in persnames:
        key = name_key(inline_text(pers)) if not pers.get("corresp") and not pers.get("type") else None
        if key is not None and key[1]:
            person_for(pers, ctx, actors)
    for pers in persnames:
        role = pers.get("type")
        if role not in ("from", "to"):
            person_for(pers, ctx, actors)  # a mention
            continue
        text = inline_text(pers)
        sender, addressee = heading_parties(text)
        if addressee is not None and not pers.get("corresp"):
            # The legacy volumes wrap a whole heading in one persName: "Mr. Fogg to Mr. Seward".
            for name, add in ((sender, author if role == "from" else recipient), (addressee, recipient)):
                iri = person_named(name, ctx, actors)
                if iri is not None:
                    add(iri)
            continue
        for iri in persons_for(pers, ctx, actors):
            (author if role == "from" else recipient)(iri)
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
