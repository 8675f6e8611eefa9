"""Facts a FRUS document records: who attended its meeting, and what was decided.

The patterns live in ``frus_rules``; this module turns their matches into ``prec:Attendance`` and
``prec:Decision`` nodes cited to passages, or into ``ProposedFact``s when the source leaves a
required part (who decided, when) unsaid.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from difflib import SequenceMatcher

from lxml import etree
from rdflib import RDF, Graph, Literal, URIRef

from ontology import PREC

from ..document import ProposedFact
from ..emit import AttendanceValues, BallotValues, DecisionValues, Emitter, VoteValues
from ..provenance import PassageBuilder
from .candidates import review_sentences
from .context import ActorsUsed, Triples, VolumeContext, item_people, looks_like_name, person_named
from .cues import (
    BARE_ACTION_NUMBER,
    REPORTED_RULES,
    Cue,
    Division,
    Tally,
    acts_lead,
    acts_lead_inline,
    clauses,
    cues,
    divided,
    listed_act,
    listed_items,
    on_list,
    tally,
    unanimous,
)
from .dates import day
from .names import split_people
from .rules import attendees_in, roles_present
from .text import FOLDS_TO_ASCII, Block, inline_text, sentences, t

_LABEL_LIMIT = 120
#: A capacity that says the attendee chaired the meeting ("presiding", "in the chair").
_CHAIR = re.compile(r"\b(presiding|in the chair|chairman|chairing)\b", re.IGNORECASE)
#: Confidence factor for a decision found outside a meeting record.
REPORTED_DISCOUNT = 0.75


def short(text: str) -> str:
    return text if len(text) <= _LABEL_LIMIT else text[: _LABEL_LIMIT - 1].rsplit(" ", 1)[0] + "…"


def held_for_review(
    key: str,
    rule: str,
    confidence: float,
    summary: str,
    passage: URIRef,
    passage_text: str,
    triples: Triples,
) -> ProposedFact:
    """A fact an editor decides on: the triples collected for it, as a graph of their own, cited to
    ``passage``."""
    facts = Graph()
    for triple in triples:
        facts.add(triple)
    return ProposedFact(
        key=key,
        rule=rule,
        confidence=confidence,
        summary=summary,
        passage_iri=str(passage),
        passage_text=passage_text,
        triples=facts,
    )


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
) -> dict[URIRef, str | None]:
    """Attendances from participants lists (cited to the item's passage), from "were present" /
    "attended … as" sentences, and from "All the arbitrators were present" (those who attended an
    earlier meeting of the same body in a capacity naming that role), cited to the sentence."""
    minter = ctx.minter
    seen: set[URIRef] = set()
    attended: dict[URIRef, str | None] = {}  # who was present, in which capacity (returned)
    # Who has attended this body's meetings so far in the volume, and in which capacity.
    known = ctx.attendees_of.setdefault(body, {}) if body is not None else {}

    def attend(
        person: URIRef,
        capacity: str | None,
        passage: URIRef,
        status: str = "present",
        on_behalf: URIRef | None = None,
    ) -> None:
        if person in seen:
            return
        seen.add(person)
        if status == "present":
            attended[person] = capacity
        slug = minter.split(person)[1] if minter.split(person) else str(len(seen))
        if capacity and status == "present":
            known.setdefault(person, capacity)
        chair = status == "present" and capacity is not None and _CHAIR.search(capacity) is not None
        node = Emitter(passages.graph, minter).attendance(
            AttendanceValues(
                f"{identifier}/{slug}", meeting, person, status, capacity or None, on_behalf, chair
            )
        )
        passages.cite(node, passage)

    for listing in div.iter(t("list")):
        head = listing.find(t("head"))
        present_list = head is not None and _LIST_HEADING.fullmatch(inline_text(head)) is not None
        if (listing.get("type") != "participants" and not present_list) or _ancestor_item(
            listing
        ) is not None:
            continue
        items = list(listing.iter(t("item")))
        delegation: str | None = None
        role: str | None = None
        for index, item in enumerate(items):
            passage = passage_of.get(item)
            own = _own_text(item)
            if item.find(t("list")) is not None:
                # "America, United States of" over a list of its delegates.
                delegation, role = _uninvert_country(own.strip(" .:")), None
                continue
            if item.find(f".//{t('persName')}") is None:
                # Unmarked lines group the names under a delegation or a role, as in the Council's notes.
                named_role = _ROLE_HEADING.match(own.strip())
                if named_role and not own[named_role.end() :].strip(" .:"):
                    role = _singular(named_role.group("role"))
                    continue
                following = (
                    [Block(items[index + 1], _own_text(items[index + 1]), "")]
                    if index + 1 < len(items)
                    else []
                )
                if _is_group_heading(own.strip(" .:"), following, ctx):
                    delegation, role = _uninvert_country(own.strip(" .:")), None
                    continue
            if passage is None:
                continue
            outer = _ancestor_item(item)
            group = _uninvert_country(_own_text(outer).strip(" .:")) if outer is not None else delegation
            on_behalf = actors.keep(ctx.resolver.organisation(group), group) if group else None
            # "Mr. Grew (Secretary)": the words in brackets are the capacity, as in a line of "Present:".
            bracket = _BRACKETED.search(inline_text(item).partition(",")[0])
            capacity = (
                (bracket.group(1).strip() if bracket else None)
                or inline_text(item).partition(",")[2].strip()
                or role
                or group
                or None
            )
            for person in item_people(item, ctx, actors):
                attend(person, capacity, passage, "present", on_behalf)
    heading: str | None = None  # "Present:" alone in its block: the names follow, one block each
    # Inside such a list, the Council's notes group names under a delegation ("British Empire",
    # "America, United States of") and a role ("Secretaries", "Interpreter: Professor Mantoux").
    delegation: str | None = None
    role: str | None = None

    def take(text: str, following: list[Block], passage_of_line: Callable[[], URIRef]) -> bool:
        """One line of a list of those present; False when it is not one (the list has ended)."""
        nonlocal delegation, role
        if len(text.split()) > 12:
            return False
        entry = text.strip(" .;,")
        if not entry:
            return True
        named_role = _ROLE_HEADING.match(entry)
        if named_role:
            role = _singular(named_role.group("role"))
            entry = entry[named_role.end() :].strip(" .;,:")
            if not entry:
                return True
        elif _is_group_heading(entry, following, ctx):
            delegation, role = _uninvert_country(entry), None
            return True
        if not looks_like_name(entry.split(",")[0]):
            return False
        passage = passage_of_line()
        on_behalf = actors.keep(ctx.resolver.organisation(delegation), delegation) if delegation else None
        for name in split_people(entry.split(",")[0]):
            person = person_named(_BRACKETED.sub(" ", name), ctx, actors)
            if person is not None:
                bracket = _BRACKETED.search(name)
                capacity = (
                    (bracket.group(1).strip() if bracket else None)
                    or entry.partition(",")[2].strip(" .;")
                    or role
                    or delegation
                )
                attend(person, capacity, passage, heading or "present", on_behalf)
        return True

    # A list of those present set out as a table, one delegation to a column: read column by column.
    tabled: set[etree._Element] = set()
    for number, block in enumerate(found):
        table = block.element.getparent() if block.element.tag == t("row") else None
        if table is None or table in tabled:
            continue
        rows = [row for row in table.iter(t("row")) if passage_of.get(row) is not None]
        cells = [[inline_text(cell) for cell in row.iter(t("cell"))] for row in rows]
        table_head = table.find(t("head"))
        before = found[number - 1].text if number else ""
        titled = (table_head is not None and _LIST_HEADING.fullmatch(inline_text(table_head))) or (
            _LIST_HEADING.fullmatch(before)
        )
        if cells and cells[0] and _LIST_HEADING.fullmatch(cells[0][0] or ""):
            titled, cells[0] = True, cells[0][1:] if len(cells[0]) > 1 else []
        if not titled:
            continue
        tabled.add(table)
        heading = "present"
        for column in range(max(len(row) for row in cells) if cells else 0):
            delegation = role = None
            lines = [
                (row[column], rows[i]) for i, row in enumerate(cells) if column < len(row) and row[column]
            ]
            for index, (text, row) in enumerate(lines):
                following = lines[index + 1][0] if index + 1 < len(lines) else None
                take(text, [Block(row, following, "")] if following else [], lambda r=row: passage_of[r])
        heading = None
    for number, block in enumerate(found):
        if block.element.getparent() in tabled:
            continue
        label = _LIST_HEADING.fullmatch(block.text)
        if label:
            heading = "absent" if label.group(1).lower().startswith("absent") else "present"
            delegation = role = None
            continue
        if heading and take(
            block.text,
            found[number + 1 : number + 2],
            lambda b=block: passages.add(b.start, b.end),
        ):
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
    return attended


_BRACKETED = re.compile(r"\s*\(([^)]*)\)")
#: A role under which a list of those present goes on: "Secretaries", "Joint Secretaries:",
#: "Interpreter: Professor P. J. Mantoux", "Also present".
_ROLE_HEADING = re.compile(
    r"^(?P<role>(?:joint |assistant |technical |military |naval |legal )?"
    r"(?:secretar(?:y|ies)(?:[- ]general)?|interpreters?|experts?|advis[eo]rs?|stenographers?|"
    r"delegates?|plenipotentiar(?:y|ies)|representatives?))\b\s*[:.—-]?\s*",
    re.IGNORECASE,
)
_INVERTED_COUNTRY = re.compile(r"^([A-Z][\w ]*), ((?:the )?[\w ]+ of)$")


def _own_text(item: etree._Element) -> str:
    """An item's own words, without the list nested in it."""
    parts = [item.text or ""]
    for child in item:
        if child.tag == t("list"):
            break
        if isinstance(child.tag, str) and child.tag != t("note"):
            parts.append(inline_text(child))
        parts.append(child.tail or "")
    return " ".join("".join(parts).split())


def _ancestor_item(element: etree._Element) -> etree._Element | None:
    node = element.getparent()
    while node is not None:
        if node.tag == t("item"):
            return node
        if node.tag == t("div"):
            return None
        node = node.getparent()
    return None


def _singular(role: str) -> str:
    role = role.strip()
    if role.lower().endswith("ies"):
        return role[:-3] + "y"
    return role[:-1] if role.lower().endswith("s") and not role.lower().endswith("ss") else role


def _uninvert_country(text: str) -> str:
    """ "America, United States of" → "United States of America" (the index form of the notes)."""
    match = _INVERTED_COUNTRY.match(text)
    return f"{match.group(2)} {match.group(1)}" if match else text


def _is_group_heading(entry: str, following: list[Block], ctx: VolumeContext) -> bool:
    """A line of a list of those present that names a delegation, not a person: short, no title, not
    in the volume's persons list, and followed by a line that names someone by title."""
    words = entry.replace(",", " ").split()
    if not words or len(words) > 6 or _ADDRESSED.match(entry) or any(ch.isdigit() for ch in entry):
        return False
    if ctx.volume.index.find(entry) is not None or not following:
        return False
    first = following[0].text.split()
    named_role = _ROLE_HEADING.match(following[0].text)
    return bool(first) and (_ADDRESSED.match(following[0].text) is not None or named_role is not None)


#: A line that names a person by a form of address ("Mr. R. Lansing.", "Lt. Col. Sir M. Hankey",
#: "M. Clemenceau"); nameparser's titles also hold words such as "British", too wide here.
_ADDRESSED = re.compile(
    r"^(?:(?:Mr|Mrs|Miss|M|MM|Messrs|Sir|Lord|Lady|Baron|Count|Marquis|Viscount|Prince|Duke|General|Gen|"
    r"Brigadier|Colonel|Col|Lt|Lieut|Lieutenant|Major|Maj|Captain|Capt|Commander|Admiral|Marshal|"
    r"President|Signor|Senator|Dr|Professor|Prof|Judge|Monsieur|Herr|Baron|Emir|King|Premier|"
    r"Secretary)\b\.?\s*)+[A-Z]"
)


_MAY_ATTEND = re.compile(r"present|attended|absent", re.IGNORECASE)
_LIST_HEADING = re.compile(
    r"\s*((?:(?:the following|there) were (?:also )?|also )?present|absent)\s*[:.—-]?\s*", re.IGNORECASE
)


def _names_role(capacity: str, role: str) -> bool:
    """Whether a capacity ("the arbitrator named by …", "agents of …") names ``role`` ("arbitrator"),
    allowing a plural and an OCR slip ("arbitratrators")."""
    for word in re.findall(r"[a-z]+", capacity.lower()):
        word = word[:-1] if word.endswith("s") and len(word) > 3 else word
        if word == role or (len(role) > 5 and SequenceMatcher(None, word, role).ratio() >= 0.85):
            return True
    return False


#: A block that may state a decision (cheap test before the block is cut into sentences). The words are
#: looked for in the lower-cased block, case-sensitively: ``re.IGNORECASE`` over an alternation this long
#: cost a millisecond per block, a fifth of reading a volume (see ``may_decide``).
_MAY_DECIDE = re.compile(
    r"decided|directed|resolved|determined|agreed|ordered|adopted|approved|appointed|instructed|"
    r"requested|authori[sz]ed|permitted|desired|declared|rejected|accepted|deferred|referred|elected|"
    r"voted|dismissed|confirmed|sanctioned|ruled|recommended|asked|adjourn|proceeded to|nsc action|"
    r"assented|granted|concurred|consented|replied|answered|intention|wish of|dissent"
)
_MAY_DECIDE_ANY_CASE = re.compile(_MAY_DECIDE.pattern, re.IGNORECASE)
#: The same words as plain strings ("authori[sz]ed" written out): ``str``'s own search for each of
#: them is twice as fast as the alternation over a block that holds none (most blocks).
_MAY_DECIDE_WORDS = tuple(
    word
    for alternative in _MAY_DECIDE.pattern.split("|")
    for word in (
        [alternative.replace("[sz]", "z"), alternative.replace("[sz]", "s")]
        if "[sz]" in alternative
        else [alternative]
    )
)


def may_decide(text: str) -> bool:
    """Whether ``text`` holds one of the words a decision is stated with, in any case."""
    if FOLDS_TO_ASCII.search(text):
        return _MAY_DECIDE_ANY_CASE.search(text) is not None
    lowered = text.lower()
    return any(word in lowered for word in _MAY_DECIDE_WORDS)


#: A name as a run of capitalised words, initials and particles ("Viscount d’Itajuba", "J. C. Davis").
_WORD = r"(?:[A-Z][\w’'.-]*|d’\w+|d'\w+|de|da|di|van|von|le|la)"
_NAME = rf"(?P<name>{_WORD}(?:\s+{_WORD})*)"
#: "On the proposal of Count Sclopis", "upon the motion of Mr. X": who moved what the sentence decides.
_ON_PROPOSAL = re.compile(r"\b(?i:on|upon|at) the (?:proposal|motion|suggestion) of (?:the )?" + _NAME)
#: "Mr. Adams proposed that …", "Sir Alexander Cockburn, as one of the arbitrators, then proposed …".
_PROPOSES = re.compile(
    r"^(?:\(?\d{1,3}[.)]\s+)?"
    + _NAME
    + r"(?:,[^,;]{1,80},)?\s+(?:then\s+|thereupon\s+|also\s+)?(?:proposed|moved)\b"
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
    present: dict[URIRef, str | None] | None = None,
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
    lead: str | None = None  # the body whose list of acts the blocks now give ("The Council:")
    decided: set[tuple[int, int]] = set()  # (block number, sentence start) of the sentences the cues took
    for number, block in enumerate(found):
        if lead is not None and listed_act(block.text, lead) is None and not on_list(block.text):
            lead = None
            if BARE_ACTION_NUMBER.match(block.text):
                continue  # "(NSC Action No. 1074)" numbers the acts just listed; it states none
        subject = acts_lead(block.text)
        if subject is not None:
            lead = subject
            continue
        lead = acts_lead_inline(block.text) or lead
        # Cutting a block into sentences costs far more than looking for cues in it: only blocks
        # where a cue or a proposal shows are cut ("They also decided" is a cue only at a sentence's head).
        near = [0, *listed_items(block.text)] if lead is not None else []
        if may_decide(block.text):
            near += [cue.at for cue in cues(block.text)]
            if "They" in block.text or "It" in block.text:  # the words _CLAUSE_HEAD needs
                near += [m.start() for m in _CLAUSE_HEAD.finditer(block.text)]
        if "proposed" in block.text or "moved" in block.text:  # the words _PROPOSES_ANYWHERE needs
            near += [m.start() for m in _PROPOSES_ANYWHERE.finditer(block.text)]
        if not near:
            continue
        proposal_at: int | None = None  # where this block's last proposal not yet decided starts
        for start, end in sentences(block.text, near):
            sentence = block.text[start:end]
            proposes = _PROPOSES.search(sentence)
            act = listed_act(sentence, lead) if lead is not None else None
            if lead is not None and BARE_ACTION_NUMBER.match(sentence):
                continue  # the number of the acts listed in this block
            found_cues = cues(sentence)
            if act is not None:
                # "b. Agreed that …, and directed …": the listed act first, then any in its own words.
                found_cues = [act, *(cue for cue in found_cues if cue.start > act.at + 12)]
            if meeting is None:
                # Outside a meeting's record only a body's act or "it was decided/agreed" is worth an
                # editor's time; "the information was confirmed by …" in a despatch is not.
                found_cues = [cue for cue in found_cues if REPORTED_RULES.match(cue.rule)]
            if not found_cues:
                if proposes:
                    proposer = proposes.group("name")
                    proposal_at = start
                continue
            decided.add((number, start))
            texts = clauses(sentence, found_cues)
            if act is not None and found_cues[0] is act:
                # The item's words with the body it continues: "The National Security Council: Agreed …".
                texts[0] = f"{act.subject}: {texts[0][act.at :]}"
            passage_end, quoted = block.start + end, sentence
            if proposal_at is not None and len(found_cues) == 1 and _BARE_ASSENT.match(sentence):
                # "M. Clemenceau proposed that …. This was agreed to.": what was agreed is the proposal;
                # the decision's words and its passage take it in.
                texts[0] = _ITEM_NUMBER.sub("", f"{block.text[proposal_at:start].strip()} {texts[0]}")
                start = proposal_at
                quoted = block.text[start:end]
            proposal_at = None
            if _INTRODUCES.search(sentence) and end == len(block.text) and number + 1 < len(found):
                # "The Commissioners approved the following:" — what was approved is the next block
                # (a quotation, a list item), or the run of lettered items that starts there
                # ("it was agreed:— (a) that …; (b) that …"): the passage and the decision's words take it in.
                last = number + 1
                quoted_in = _quotation(found[last].element)
                if quoted_in is not None:
                    # "The following resolution was adopted:" over a quotation of several paragraphs.
                    while last + 1 < len(found) and _quotation(found[last + 1].element) is quoted_in:
                        last += 1
                elif _ENUMERATED.match(found[last].text):
                    while last + 1 < len(found) and _ENUMERATED.match(found[last + 1].text):
                        last += 1
                passage_end = found[last].end
                texts[-1] = " ".join([texts[-1], *(b.text for b in found[number + 1 : last + 1])])
                quoted = passages.text[block.start + start : passage_end]
            passage = passages.add(block.start + start, passage_end)
            counted = tally(sentence)
            split = divided(sentence)
            rejects = found_cues[0].verb in _REJECTS
            if counted is not None and rejects:
                counted = _rejection(counted)
            mover = _mover(sentence, proposer)
            if mover is None and proposer and _BARE_ASSENT.match(sentence):
                mover = proposer
            adopted = found_cues[0].rule.startswith("passive")
            if mover is None and proposes and adopted and found_cues[0].at > proposes.end():
                # "Baron d’Itajuba proposed that …, which was agreed to": the proposal and its adoption.
                mover = proposes.group("name")
            seconder = _SECONDED.search(sentence)
            for index, (cue, text) in enumerate(zip(found_cues, texts, strict=True)):
                count += 1
                key = f"{identifier}/d{count}"
                confidence = cue.confidence if meeting is not None else cue.confidence * REPORTED_DISCOUNT
                first = index == 0
                method: str | None = None
                result = "adopted"  # decided without a recorded vote, unless one follows
                vote: VoteValues | None = None
                if split is not None and (first or _MAJORITY_WORD.search(text) or split.at >= cue.at):
                    # Named dissenters (or abstainers): a vote, counted from the members present.
                    vote = _named_vote(key, counted, split, ctx, actors, present or {}, rejects)
                    counted = split = None
                elif counted is not None and (first or _MAJORITY_WORD.search(text)):
                    if counted.votes_for is None and counted.votes_against is None:
                        # "a majority of the tribunal decided": decided by a vote, but none is recorded
                        # (no tally, no names), so the decision carries the result and no vote is stored.
                        method, result = "vote", counted.result
                    else:
                        vote = _vote(key, counted)
                    counted = None
                elif first and unanimous(sentence):
                    method = "consensus"
                triples = Triples()
                emit = Emitter(triples, minter)
                decision = emit.decision(
                    DecisionValues(
                        key,
                        short(text),
                        text,
                        meeting,
                        _decider(cue, body, meeting, ctx, actors),
                        day(date),
                        "vote" if vote is not None else method,
                        vote.result if vote is not None else result,
                    )
                )
                emit.heuristic(decision, confidence, cue.rule)
                triples.add((decision, PREC.derivedFrom, passage))
                if date is not None and day(date) is None:
                    triples.add((decision, PREC.date, date))  # ill-formed: kept as written, see dates.day
                if first and (mover or seconder):
                    triples += _motion(key, decision, mover, seconder, passage, ctx, actors)
                if vote is not None:
                    voted, _ = emit.vote(decision, vote)
                    triples.add((voted, PREC.derivedFrom, passage))
                if meeting is not None and date is not None:
                    passages.graph.extend(triples)
                    continue
                proposed.append(
                    held_for_review(
                        f"{key}:{cue.rule}",
                        cue.rule,
                        round(confidence, 2),
                        short(text),
                        passage,
                        quoted,
                        triples,
                    )
                )
            if proposes:
                proposer = proposes.group("name")
    if meeting is not None and date is not None:
        # The broad tier: sentences of the record with a deciding word no cue took, for an editor.
        for number, start, end, confidence in review_sentences(found, decided):
            count += 1
            proposed.append(
                _candidate(
                    found[number],
                    start,
                    end,
                    confidence,
                    f"{identifier}/d{count}",
                    meeting,
                    body,
                    date,
                    passages,
                )
            )
    return proposed


def _candidate(
    block: Block,
    start: int,
    end: int,
    confidence: float,
    key: str,
    meeting: URIRef,
    body: URIRef | None,
    date: Literal,
    passages: PassageBuilder,
) -> ProposedFact:
    """A sentence of the broad tier as a proposed decision of the meeting, with its own passage."""
    text = block.text[start:end]
    triples = Triples()
    emit = Emitter(triples, passages.minter)
    decision = emit.decision(
        DecisionValues(key, short(text), text, meeting, body, day(date), None, "adopted")
    )
    emit.heuristic(decision, confidence, "candidate-decision")
    # The passage joins the document, as every FRUS proposal's does: the words stay findable and cited.
    passage = passages.add(block.start + start, block.start + end)
    triples.add((decision, PREC.derivedFrom, passage))
    if day(date) is None:
        triples.add((decision, PREC.date, date))  # ill-formed: kept as written, see dates.day
    return held_for_review(
        f"{key}:candidate-decision",
        "candidate-decision",
        confidence,
        f"Decision? {short(text)}",
        passage,
        text,
        triples,
    )


#: A sentence that only assents to what was just proposed: "This was agreed to.", "The proposal was
#: accepted, Mr. Lansing dissenting.", "(It was so decided.)".
_BARE_ASSENT = re.compile(
    r"^\(?(?:(?:this|that|which|the (?:proposal|motion|suggestion))\s+(?:\w+\s+)?was\s+(?:\w+\s+)?"
    r"(?:agreed|accepted|adopted|approved)\b"
    r"|it\s+was\s+so\s+(?:decided|agreed|ordered|resolved|determined)\b)",
    re.IGNORECASE,
)
#: A sentence that introduces what follows: "approved the following:", "It was agreed:—".
_INTRODUCES = re.compile(r":\s*[—–-]*\s*$")
_ITEM_NUMBER = re.compile(r"^\(?\d{1,3}[.)]\s+")
#: A lettered item of what a decision introduces: "(a) that …", "b. that …", "(2) …"; not "3. ", which
#: numbers the record's own items.
_ENUMERATED = re.compile(r"^\s*(?:\(\s*(?:[a-z]|[ivx]{1,4}|\d{1,2})\s*\)|[a-z][.)])\s+\S")
#: Verbs by which a body turns a proposal down: a tally given with them counts those against it.
_REJECTS = frozenset({"rejected", "negatived", "defeated", "refused", "declined"})


def _rejection(counted: Tally) -> Tally:
    """ "The proposal … was rejected by 3 votes to 1": the three voted against the proposal, which
    failed (a tally with any other verb counts those for the decision it states)."""
    return Tally(counted.votes_against, counted.votes_for, "defeated")


_MAJORITY_WORD = re.compile(r"\bmajority\b|\bby \w+ (?:votes )?to \w+\b", re.IGNORECASE)


def _quotation(element: etree._Element) -> etree._Element | None:
    """The ``quote`` a block of text sits in, if any."""
    node = element.getparent()
    while node is not None and node.tag != t("div"):
        if node.tag == t("quote"):
            return node
        node = node.getparent()
    return None


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


def _vote(key: str, counted: Tally) -> VoteValues:
    """A vote the sentence counts ("a majority of four to one") or implies ("a majority")."""
    counts = {
        way: number
        for way, number in (("for", counted.votes_for), ("against", counted.votes_against))
        if number is not None
    }
    return VoteValues(f"{key}/v", counts, counted.result)


#: Capacities of those who vote in the body ("arbitrator", "Commissioner Plenipotentiary", "delegate"),
#: as against agents, counsel, secretaries and experts who attend without a vote.
_VOTING_CAPACITY = re.compile(
    r"\b(?:arbitrat\w*|commissioners?|members?|delegates?|plenipotentiar\w*|judges?|president|chairman)\b",
    re.IGNORECASE,
)


def _named_vote(
    key: str,
    counted: Tally | None,
    split: Division,
    ctx: VolumeContext,
    actors: ActorsUsed,
    present: dict[URIRef, str | None],
    rejects: bool = False,
) -> VoteValues:
    """A vote whose dissenters (or abstainers) the record names: "…, Mr. Staempfli and Mr. Adams
    dissenting". Those named are ballots against (abstaining); the other voting members present
    (arbitrators, commissioners, delegates: not agents or secretaries) are ballots for. The counts
    are the record's ("a majority of three to two") when it gives them, else counted from the ballots.
    When the record ``rejects`` a proposal, the vote is on the proposal: those dissenting from the
    rejection voted for it, the others against, and it failed."""
    ways: dict[URIRef, str] = {}
    dissent, rest = ("for", "against") if rejects else ("against", "for")
    for way, names in ((dissent, split.against), ("abstain", split.abstaining)):
        for name in names:
            person = person_named(name, ctx, actors)
            if person is not None:
                ways[person] = way
    voters = [p for p, capacity in present.items() if capacity and _VOTING_CAPACITY.search(capacity)]
    if not voters and not any(c and _VOTING_CAPACITY.search(c) for c in present.values()):
        # "Present: Mr. Lansing, Mr. White, General Bliss, Mr. Grew (Secretary)": the members are
        # those listed without a capacity; the secretary is not one.
        voters = [p for p, capacity in present.items() if not capacity]
    # The others voted for only when every one named is among the members present.
    if voters and all(p in voters for p in ways):
        for person in voters:
            ways.setdefault(person, rest)
    votes_for = counted.votes_for if counted is not None else None
    votes_against = counted.votes_against if counted is not None else None
    if votes_for is None and any(w == "for" for w in ways.values()):
        votes_for = sum(1 for w in ways.values() if w == "for")
    if votes_against is None:
        votes_against = sum(1 for w in ways.values() if w == "against")
    abstaining = sum(1 for w in ways.values() if w == "abstain")
    result = counted.result if counted is not None and counted.votes_for is not None else None
    result = result or ("defeated" if rejects else "carried")
    if votes_for is not None and votes_against > votes_for:
        result = "defeated"
    counts = {"against": votes_against}
    if votes_for is not None:
        counts["for"] = votes_for
    if abstaining:
        counts["abstain"] = abstaining
    ballots = [BallotValues(person, way) for person, way in ways.items()]
    return VoteValues(f"{key}/v", counts, result, ballots)


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
