"""Facts a FRUS document records: who attended its meeting, and what was decided.

The patterns live in ``frus_rules``; this module turns their matches into ``prec:Attendance`` and
``prec:Decision`` nodes cited to passages, or into ``ProposedFact``s when the source leaves a
required part (who decided, when) unsaid.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from lxml import etree
from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import XSD

from ontology import PREC

from ..document import ProposedFact
from ..provenance import PassageBuilder
from .context import ActorsUsed, VolumeContext, item_people, looks_like_name, person_named
from .cues import REPORTED_RULES, Cue, Tally, clauses, cues, tally, unanimous
from .names import split_people
from .rules import attendees_in, roles_present
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

    def attend(person: URIRef, capacity: str | None, passage: URIRef, status: str = "present") -> None:
        if person in seen:
            return
        seen.add(person)
        slug = minter.split(person)[1] if minter.split(person) else str(len(seen))
        node = URIRef(minter.entity("attendance", f"{identifier}/{slug}"))
        graph.add((node, RDF.type, PREC.Attendance))
        graph.add((node, PREC.attendee, person))
        graph.add((node, PREC.attendanceStatus, Literal(status)))
        if capacity:
            graph.add((node, PREC.inCapacity, Literal(capacity)))
            if status == "present":
                known.setdefault(person, capacity)
            if status == "present" and _CHAIR.search(capacity):
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
    heading: str | None = None  # "Present:" alone in its block: the names follow, one block each
    for block in found:
        label = _LIST_HEADING.fullmatch(block.text)
        if label:
            heading = "absent" if label.group(1).lower().startswith("absent") else "present"
            continue
        if heading and looks_like_name(block.text.rstrip(".;,")) and len(block.text.split()) <= 12:
            passage = passages.add(block.start, block.end)
            for name in split_people(block.text.split(",")[0] if heading else block.text):
                person = person_named(name, ctx, actors)
                if person is not None:
                    capacity = block.text.partition(",")[2].strip(" .;") or None
                    attend(person, capacity, passage, heading)
            continue
        heading = None
        if not _MAY_ATTEND.search(block.text):
            continue
        for start, end in sentences(block.text):
            sentence = block.text[start:end]
            if not _MAY_ATTEND.search(sentence):
                continue
            people = attendees_in(sentence)
            roles = roles_present(sentence)
            by_role = [(p, c) for p, c in known.items() if any(_names_role(c, r) for r in roles)]
            if not people and not by_role:
                continue
            passage = passages.add(block.start + start, block.start + end)
            for attendee in people:
                for name in split_people(attendee.name):
                    # "Mr. Grew (Secretary)": the words in brackets are the capacity, not the name.
                    bracket = _BRACKETED.search(name)
                    capacity = bracket.group(1).strip() if bracket else attendee.capacity
                    person = person_named(_BRACKETED.sub(" ", name), ctx, actors)
                    if person is not None:
                        attend(person, capacity or attendee.capacity, passage, attendee.status)
            for person, capacity in by_role:
                actors.keep(person, capacity)
                attend(person, capacity, passage)


_BRACKETED = re.compile(r"\s*\(([^)]*)\)")
_MAY_ATTEND = re.compile(r"present|attended|absent", re.IGNORECASE)
_LIST_HEADING = re.compile(r"\s*((?:also |there were )?present|absent)\s*[:.—-]?\s*", re.IGNORECASE)


def _names_role(capacity: str, role: str) -> bool:
    """Whether a capacity ("the arbitrator named by …", "agents of …") names ``role`` ("arbitrator"),
    allowing a plural and an OCR slip ("arbitratrators")."""
    for word in re.findall(r"[a-z]+", capacity.lower()):
        word = word[:-1] if word.endswith("s") and len(word) > 3 else word
        if word == role or (len(role) > 5 and SequenceMatcher(None, word, role).ratio() >= 0.85):
            return True
    return False


#: A block that may state a decision (cheap test before the block is cut into sentences).
_MAY_DECIDE = re.compile(
    r"decided|directed|resolved|determined|agreed|ordered|adopted|approved|appointed|instructed|"
    r"requested|authori[sz]ed|permitted|desired|declared|rejected|accepted|deferred|referred|elected|"
    r"voted|dismissed|confirmed|sanctioned|ruled|recommended|asked|adjourn|proceeded to|NSC Action",
    re.IGNORECASE,
)
#: A name as a run of capitalised words, initials and particles ("Viscount d’Itajuba", "J. C. Davis").
_WORD = r"(?:[A-Z][\w’'.-]*|d’\w+|d'\w+|de|da|di|van|von|le|la)"
_NAME = rf"(?P<name>{_WORD}(?:\s+{_WORD})*)"
#: "On the proposal of Count Sclopis", "upon the motion of Mr. X": who moved what the sentence decides.
_ON_PROPOSAL = re.compile(r"\b(?i:on|upon|at) the (?:proposal|motion|suggestion) of (?:the )?" + _NAME)
#: "Mr. Adams proposed that …", "Sir Alexander Cockburn, as one of the arbitrators, then proposed …".
_PROPOSES = re.compile(
    r"^" + _NAME + r"(?:,[^,;]{1,80},)?\s+(?:then\s+|thereupon\s+|also\s+)?(?:proposed|moved)\b"
)
_PROPOSES_ANYWHERE = re.compile(r"\b(?:proposed|moved)\b")
_CLAUSE_HEAD = re.compile(r"(?:^|(?<=[.;:] ))(?:They|It)\s")
_SECONDED = re.compile(r"\bseconded by (?:the )?" + _NAME)
#: A decision sentence that refers back to the last proposal ("The proposal was seconded …").
_THE_PROPOSAL = re.compile(r"\b(?:the|this|that|his) (?:proposal|motion|suggestion)\b", re.IGNORECASE)


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
    """Every decision the document's sentences state (``cues``), each cited to its whole sentence.

    A decision goes into the document's graph when it was taken at the meeting this document records
    (a meeting with its body and date); otherwise — a letter reporting someone's decision, a record
    whose meeting could not be stored — it is a ``ProposedFact`` with its confidence, for an editor.
    """
    minter = ctx.minter
    proposed: list[ProposedFact] = []
    count = 0
    proposer: str | None = None
    for number, block in enumerate(found):
        # Cutting a block into sentences costs far more than looking for cues in it: only blocks
        # where a cue or a proposal shows are cut ("They also decided" is a cue only at a sentence's head).
        near = []
        if _MAY_DECIDE.search(block.text):
            near += [cue.at for cue in cues(block.text)]
            near += [m.start() for m in _CLAUSE_HEAD.finditer(block.text)]
        near += [m.start() for m in _PROPOSES_ANYWHERE.finditer(block.text)]
        if not near:
            continue
        for start, end in sentences(block.text, near):
            sentence = block.text[start:end]
            proposes = _PROPOSES.search(sentence)
            found_cues = cues(sentence)
            if meeting is None:
                # Outside a meeting's record only a body's act or "it was decided/agreed" is worth an
                # editor's time; "the information was confirmed by …" in a despatch is not.
                found_cues = [cue for cue in found_cues if REPORTED_RULES.match(cue.rule)]
            if not found_cues:
                if proposes:
                    proposer = proposes.group("name")
                continue
            texts = clauses(sentence, found_cues)
            passage_end, quoted = block.start + end, sentence
            if sentence.endswith(":") and end == len(block.text) and number + 1 < len(found):
                # "The Commissioners approved the following:" — what was approved is the next block
                # (a quotation, a list item): the passage and the decision's words take it in.
                passage_end = found[number + 1].end
                texts[-1] = f"{texts[-1]} {found[number + 1].text}"
                quoted = passages.text[block.start + start : passage_end]
            passage = passages.add(block.start + start, passage_end)
            counted = tally(sentence)
            mover = _mover(sentence, proposer)
            seconder = _SECONDED.search(sentence)
            for index, (cue, text) in enumerate(zip(found_cues, texts, strict=True)):
                count += 1
                key = f"{identifier}/d{count}"
                decision = URIRef(minter.entity("decision", key))
                confidence = cue.confidence if meeting is not None else cue.confidence * REPORTED_DISCOUNT
                triples = [
                    (decision, RDF.type, PREC.Decision),
                    (decision, PREC.identifier, Literal(key)),
                    (decision, RDFS.label, Literal(short(text))),
                    (decision, PREC.text, Literal(text)),
                    (decision, PREC.confidence, Literal(f"{confidence:.2f}", datatype=XSD.decimal)),
                    (decision, PREC.extractionRule, Literal(cue.rule)),
                    (decision, PREC.derivedFrom, passage),
                ]
                if date is not None:
                    triples.append((decision, PREC.date, date))
                if meeting is not None:
                    triples.append((decision, PREC.decidedAt, meeting))
                decider = _decider(cue, body, meeting, ctx, actors)
                if decider is not None:
                    triples.append((decision, PREC.decidedBy, decider))
                first = index == 0
                if first and (mover or seconder):
                    triples += _motion(key, decision, mover, seconder, passage, ctx, actors)
                if counted is not None and (first or _MAJORITY_WORD.search(text)):
                    triples += _vote(key, decision, counted, passage, ctx)
                    counted = None
                elif first and unanimous(sentence):
                    triples.append((decision, PREC.decisionMethod, Literal("consensus")))
                if meeting is not None and date is not None:
                    passages.graph.extend(triples)
                    continue
                facts = Graph()
                for triple in triples:
                    facts.add(triple)
                proposed.append(
                    ProposedFact(
                        key=f"{key}:{cue.rule}",
                        rule=cue.rule,
                        confidence=round(confidence, 2),
                        summary=short(text),
                        passage_iri=str(passage),
                        passage_text=quoted,
                        triples=facts,
                    )
                )
            if proposes:
                proposer = proposes.group("name")
    return proposed


_MAJORITY_WORD = re.compile(r"\bmajority\b|\bby \w+ (?:votes )?to \w+\b", re.IGNORECASE)


def _mover(sentence: str, proposer: str | None) -> str | None:
    """Who moved what the sentence decides: "On the proposal of X", else the last "X proposed …"
    when the sentence refers to "the proposal"."""
    match = _ON_PROPOSAL.search(sentence)
    if match:
        return match.group("name")
    if proposer and _THE_PROPOSAL.search(sentence):
        return proposer
    return None


def _motion(
    key: str,
    decision: URIRef,
    mover: str | None,
    seconder: re.Match[str] | None,
    passage: URIRef,
    ctx: VolumeContext,
    actors: ActorsUsed,
) -> list[tuple]:
    """The motion a decision was taken on, with who moved and seconded it (as persons)."""
    motion = URIRef(ctx.minter.entity("motion", f"{key}/m"))
    out: list[tuple] = [
        (motion, RDF.type, PREC.Motion),
        (decision, PREC.onMotion, motion),
        (motion, PREC.derivedFrom, passage),
    ]
    for name, prop in (
        (mover, PREC.movedBy),
        (seconder.group("name") if seconder else None, PREC.secondedBy),
    ):
        person = person_named(name, ctx, actors) if name else None
        if person is not None:
            out.append((motion, prop, person))
    return out


def _vote(key: str, decision: URIRef, counted: Tally, passage: URIRef, ctx: VolumeContext) -> list[tuple]:
    """A vote the sentence counts ("a majority of four to one") or implies ("a majority")."""
    vote = URIRef(ctx.minter.entity("vote", f"{key}/v"))
    out: list[tuple] = [
        (vote, RDF.type, PREC.Vote),
        (decision, PREC.hasVote, vote),
        (decision, PREC.decisionMethod, Literal("vote")),
        (vote, PREC.result, Literal(counted.result)),
        (vote, PREC.derivedFrom, passage),
    ]
    if counted.votes_for is not None:
        out.append((vote, PREC.votesFor, Literal(counted.votes_for, datatype=XSD.integer)))
    if counted.votes_against is not None:
        out.append((vote, PREC.votesAgainst, Literal(counted.votes_against, datatype=XSD.integer)))
    return out


def _decider(
    cue: Cue, body: URIRef | None, meeting: URIRef | None, ctx: VolumeContext, actors: ActorsUsed
) -> URIRef | None:
    """Who decided: the National Security Council for an NSC action; outside a meeting's record, "the
    President" is the volume's one President of the United States; else the meeting's body."""
    if meeting is None and cue.subject and cue.subject.lower() == "the president":
        holder = ctx.volume.post_holder("President of the United States")
        if holder is not None:
            return actors.keep(holder, cue.subject)
    if cue.rule == "nsc-action":
        return actors.keep(
            ctx.resolver.organisation("National Security Council"), "National Security Council"
        )
    return body
