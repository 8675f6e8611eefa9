"""Where a sentence of a FRUS record says that something was decided, and by what words.

A record of a meeting states decisions in many words, inside longer sentences and often several to a
sentence: "The Commissioners decided that … should be submitted to the President, and directed the
Secretary … to prepare a memorandum", "The protocol of the last conference was read and approved",
"Mr. X was requested to …", "the tribunal unanimously declared that …", "The conference was then
adjourned until Friday, the 16th instant". This module finds each such *cue* in one sentence.

A cue is a decision verb (past tense) in one of three positions:

1. **after the deciding body as subject** — "the tribunal", "the Commissioners", "a majority of the
   tribunal", "the president" (of the meeting), "they" at the head of a clause — with at most a few
   adverbs between ("the tribunal then unanimously decided"), or after "proceeded to" ("proceeded to
   direct");
2. **coordinated with such a subject earlier in the same sentence** — ", and directed …", "; they
   further decided …", "The tribunal having discussed …, requested Mr. Stæmpfli …";
3. **in the passive** — "was read and approved", "was unanimously adopted", "were requested", "it was
   agreed", "was deferred", "having been read and approved" (not "has been approved", which reports
   an earlier state rather than records an act).

An adjournment to a stated day ("adjourned until Tuesday, the 6th instant", "adjourned to meet … on
the 15th day of June next") is a decision; "held pursuant to adjournment" is not. A person's own
request or proposal ("Mr. Cushing requested to be informed") is not a cue: the subject is no body.
The sentence's words also give the result: "unanimously" (adopted), "a majority of four to one"
(carried, 4–1), "a majority" (carried).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .text import FOLDS_TO_ASCII, finditer_any_case

#: Verbs that state a decision when a body is their subject (past tense, as records write them).
_VERBS = (
    r"decided|directed|resolved|determined|agreed|ordered|adopted|approved|appointed|instructed|"
    r"requested|authori[sz]ed|permitted|desired|declared|rejected|accepted|deferred|referred|elected|"
    r"voted|dismissed|confirmed|sanctioned|ruled|recommended|asked|assented|granted|concurred|consented|"
    r"replied|answered"
)
#: Their bare forms after "proceeded to" / "decided to" is not needed: "proceeded to direct that …".
_BARE = r"direct|decide|appoint|adopt|approve|order|request|instruct|authori[sz]e|reject|accept|refer|elect"
#: Verbs that state a decision in the passive ("was approved"); "appointed" only after was/were,
#: since "having been appointed agent" introduces a person rather than records an appointment.
_PASSIVE = (
    r"approved|adopted|decided|directed|requested|instructed|authori[sz]ed|appointed|deferred|rejected|"
    r"ordered|agreed(?: to| upon)?|resolved|determined|elected|confirmed|accepted|referred|dismissed|asked"
)
_HAVING_BEEN = r"approved|adopted|accepted|rejected"

_ADVERBS = (
    r"(?:(?:then|thereupon|therefore|further|farther|also|unanimously|finally|accordingly|definitely|"
    r"definitively|formally|now|lastly|subsequently|next|again|hereupon|likewise|however|"
    r"(?:no longer)|(?:in the end)|(?:after (?:some )?(?:deliberation|discussion)),?)\s+){0,3}"
)
#: The deciding body as a subject. "the president"/"the chairman" preside a meeting and direct for it.
_BODY = (
    r"(?:(?:the|a|this) )?(?:(?:united|american|joint|full|whole|supreme|allied|inter-allied|"
    r"peace) )?(?:tribunal|arbitrators|commission|commissioners(?: plenipotentiary)?|council|committee|"
    r"sub-committee|subcommittee|board|conference|meeting|cabinet|assembly|delegates|delegation|group|"
    r"members|plenipotentiaries|court|congress|senate|session|president|chairman|chair|secretariat)"
    r"(?: of (?:the )?[a-z]+(?: [a-z]+)?)?"
    # the Peace Conference's councils speak of their members as heads, ministers and powers
    r"|(?:the )?heads of (?:the )?(?:governments|delegations|states)"
    r"|(?:the )?(?:foreign )?ministers"
    r"|(?:the )?(?:five |four |three )?"
    r"(?:great|principal(?: allied and associated)?|allied and associated) powers"
    r"|a majority(?: of (?:the )?[a-z]+| of [a-z]+ (?:votes )?to [a-z]+)?"
    r"|the majority(?: of (?:the )?[a-z]+)?"
    r"|(?:^|(?<=[;:] ))they|(?:^|(?<=[;:] ))it"
)
#: One member named with a title ("Mr. Lansing", "General Bliss", "M. Clemenceau", "Sir A. Cockburn").
_MEMBER = (
    r"(?:Mr|Mrs|M|MM|Messrs|General|Gen|Colonel|Col|Admiral|Marshal|Sir|Lord|Baron|Count|Marquis|Viscount|"
    r"President|Signor|Dr|Professor|Prof|Judge|Secretary|Captain)\.?\s+(?:[A-Z]\.\s+){0,3}"
    r"(?:[A-Z][\w’'-]+|d[’'][A-Z]\w+)(?:\s+[A-Z][\w’'-]+)?"
)
#: Several members as one subject: "Mr. Lansing, Mr. White and General Bliss approved …" records
#: what the meeting decided, as "The Commissioners approved …" does; one member alone does not.
_MEMBERS = re.compile(
    rf"(?<![\w-])(?P<subject>{_MEMBER}(?:,\s+{_MEMBER})*,?\s+and\s+{_MEMBER})\s+{_ADVERBS}"
    rf"(?P<verb>{_VERBS})\b"
)

_BODY_RE = re.compile(rf"(?<![\w-])(?:{_BODY})\b", re.IGNORECASE)
#: Where a body can be named, found by ``str``'s search: a word each alternative of ``_BODY`` holds, and
#: how far before that word a match of it can start at most ("the inter-allied sub-committee": 22
#: characters before "committee"; "the three principal allied and associated powers": 42 before
#: "powers"). "they" and "it" stand only at the start or after "; " or ": ".
_BODY_ANCHORS = (
    *(
        (word, 22)
        for word in (
            "tribunal arbitrators commission council committee board conference meeting cabinet assembly "
            "delegat group members plenipotentiaries court congress senate session president chair "
            "secretariat"
        ).split()
    ),
    ("heads of ", 4),
    ("ministers", 12),
    ("powers", 42),
    ("majority", 4),
)


def active_starts(lowered: str) -> list[int]:
    """Every position of a lower-cased sentence where a match of ``_ACTIVE`` (its subject a ``_BODY``)
    can start, ascending: ``_ACTIVE`` is tried only there (``text.matches_from``), not at each of the
    sentence's characters. ``tests/test_frus_prefilters.py`` checks the matches against a full search."""
    found = {0}
    for word, before in _BODY_ANCHORS:
        at = lowered.find(word)
        while at >= 0:
            found.update(range(max(0, at - before), at + 1))
            at = lowered.find(word, at + 1)
    for mark in ("; ", ": "):
        at = lowered.find(mark)
        while at >= 0:
            found.add(at + 2)
            at = lowered.find(mark, at + 1)
    return sorted(found)


_ACTIVE = re.compile(
    rf"(?<![\w-])(?P<subject>{_BODY})(?:,(?:[^,;]{{1,120}},){{1,3}})?\s+"
    rf"(?:(?P<had>had)(?:,(?:[^,;]{{1,120}},){{1,3}})?\s+)?{_ADVERBS}"
    rf"(?:(?P<verb>{_VERBS})|proceeded to (?P<bare>{_BARE}))\b",
    re.IGNORECASE,
)
_COORDINATED = re.compile(
    rf"[,;]\s+(?:and\s+)?(?:(?:they|it)\s+)?{_ADVERBS}"
    rf"(?:(?P<verb>{_VERBS})|proceeded to (?P<bare>{_BARE}))\b",
    re.IGNORECASE,
)
_PASSIVE_RE = re.compile(
    rf"\b(?:(?:was|were)\s+(?:\w+\s+){{0,2}}?(?:read\s+and\s+)?(?P<verb>{_PASSIVE})"
    rf"|having\s+been\s+(?:\w+\s+)?(?:read\s+and\s+)?(?P<verb2>{_HAVING_BEEN}))\b",
    re.IGNORECASE,
)
#: After a verb, words that make it a participle describing a noun ("the commission appointed by the
#: President", "the note, referred to in …"), not the body's act; "decided by a majority" stays a verb.
_PARTICIPLE = re.compile(
    r"\s+(?:by\b(?!\s+(?:a\s+)?(?:majority|unanimous|\w+\s+votes?\b))|to\s+(?:in|above|below|on|by)\b)",
    re.IGNORECASE,
)
#: "The president then referred to the subject": a mention, not a referral.
_MENTIONS = re.compile(r"referred\s+to\b", re.IGNORECASE)
_RESOLVED_THAT = re.compile(r"\bresolved,? that\b", re.IGNORECASE)
_NSC_ACTION = re.compile(r"\bNSC Action No\.? ?\d+")
_ADJOURNED = re.compile(
    r"\badjourn(?:ed)?\s+(?:this conference\s+|the (?:conference|meeting|session)\s+)?(?:\w+\s+)?"
    r"(?:until|till|to|unto)\s+(?:meet\s+)?(?:at\s+[A-Z]\w+,?\s+)?(?:on\s+)?"
    r"(?:the\s+(?:following|next)\b|the\s+\d|the\s+[a-z]+(?:-[a-z]+)?(?:st|nd|rd|th)\b|tomorrow\b|"
    r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b|"
    r"(?:january|february|march|april|may|june|july|august|september|october|november|december)\b|"
    r"\d)",
    re.IGNORECASE,
)
_UNANIMOUS = re.compile(r"\bunanimous(?:ly)?\b|\bwithout (?:a )?(?:division|dissent)\b", re.IGNORECASE)
_MAJORITY_TALLY = re.compile(
    r"\b(?:a |the )?majority of (?P<for>\w+) (?:votes )?(?:to|against) (?P<against>\w+)\b"
    r"|\bby (?P<for2>\w+) (?:votes )?(?:to|against) (?P<against2>\w+)\b",
    re.IGNORECASE,
)
_MAJORITY = re.compile(r"\b(?:a|the) majority\b", re.IGNORECASE)

_NUMBERS = {
    w: i
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
        "sixteen seventeen eighteen nineteen twenty".split()
    )
}


@dataclass(frozen=True)
class Cue:
    """One decision a sentence states: where its words start, how it was found, how far it is trusted."""

    rule: str
    start: int
    verb: str
    confidence: float
    #: Where the cue's own words were found (``start`` may go back to its clause's head).
    at: int = 0
    #: The subject as written ("the Commissioners", "The President") when the cue has one.
    subject: str | None = None


@dataclass(frozen=True)
class Tally:
    """A vote the sentence counts ("a majority of four to one")."""

    votes_for: int | None
    votes_against: int | None
    result: str


def _number(word: str | None) -> int | None:
    if not word:
        return None
    if word.isdigit():
        return int(word)
    return _NUMBERS.get(word.lower())


def cues(sentence: str) -> list[Cue]:
    """Every decision ``sentence`` states, in order of where its words start; [] when none."""
    found: dict[int, Cue] = {}

    def add(
        rule: str, start: int, verb: str, confidence: float, at: int | None = None, subject: str | None = None
    ) -> None:
        # One decision per verb; several in one sentence are distinct only when they are apart.
        for known in found.values():
            if abs(known.start - start) < 12 or (known.verb == verb and abs(known.start - start) < 40):
                return
        found[start] = Cue(rule, start, verb.lower(), confidence, start if at is None else at, subject)

    # A pattern is searched only where the words it needs are (``NEEDS``): most sentences hold none.
    lowered = sentence.lower() if not FOLDS_TO_ASCII.search(sentence) else None
    if "NSC Action" in sentence:
        for match in _NSC_ACTION.finditer(sentence):
            add("nsc-action", match.start(), "nsc-action", 0.9)
    if may_match(_RESOLVED_THAT_NEEDS, lowered):
        for match in _RESOLVED_THAT.finditer(sentence):
            add("resolved-that", match.start(), "resolved", 0.85)
    # These patterns are searched through their lower-case twins: re.IGNORECASE over their long
    # alternations was most of this function's time.
    subjects: list[int] | None = None  # where a body is named: only a coordinated clause asks
    #: Subject-to-verb spans: a comma inside one ("the tribunal had, at the request …, granted")
    #: does not start a coordinated clause.
    spans: list[tuple[int, int]] = []
    for match in finditer_any_case(_ACTIVE, sentence, active_starts):
        spans.append((match.start(), match.end()))
        verb = match.group("verb") or match.group("bare")
        verb_group = "verb" if match.group("verb") else "bare"
        if _PARTICIPLE.match(sentence, match.end()) or _MENTIONS.match(sentence, match.start(verb_group)):
            continue
        if not _object_fits(verb, sentence, match.end()):
            continue
        if match.group("subject").lower() == "it" and verb.lower() not in ("decided", "agreed", "resolved"):
            continue
        if match.group("had"):
            # "had decided" recaps an earlier act unless the record reports it as this meeting's:
            # "Count Sclopis then stated that the tribunal had … granted permission …".
            if not _REPORTED_HERE.search(sentence[: match.start()]):
                continue
            add("reported-" + verb.lower(), match.start(), verb, 0.7, subject=match.group("subject"))
            continue
        add("body-" + verb.lower(), match.start(), verb, 0.8, subject=match.group("subject"))
    for match in _MEMBERS.finditer(sentence):
        verb = match.group("verb")
        if _PARTICIPLE.match(sentence, match.end()) or not _object_fits(verb, sentence, match.end()):
            continue
        if verb.lower() in ("replied", "answered", "asked", "referred"):
            continue
        spans.append((match.start(), match.end()))
        add("members-" + verb.lower(), match.start(), verb, 0.75, subject=match.group("subject"))
    if may_match(_INTENTION_NEEDS, lowered):
        for match in finditer_any_case(_INTENTION, sentence):
            add("body-intention", _clause_start(sentence, match.start()), "intended", 0.7, match.start())
    for match in finditer_any_case(_COORDINATED, sentence):
        verb = match.group("verb") or match.group("bare")
        if subjects is None:
            subjects = [m.start() for m in finditer_any_case(_BODY_RE, sentence)]
        if not any(s < match.start() for s in subjects) or _PARTICIPLE.match(sentence, match.end()):
            continue
        if any(a < match.start() < b for a, b in spans):
            continue
        if _MENTIONS.match(sentence, match.start("verb") if match.group("verb") else match.start("bare")):
            continue
        if not _object_fits(verb, sentence, match.end()):
            continue
        # "…, and directed", "The tribunal having discussed …, requested": the clause's own words.
        add("and-" + verb.lower(), match.start() + 1, verb, 0.7)
    for match in finditer_any_case(_PASSIVE_RE, sentence) if may_match(_PASSIVE_NEEDS, lowered) else ():
        verb = match.group("verb") or match.group("verb2")
        if not _object_fits(verb, sentence, match.end()):
            continue
        add(
            "passive-" + verb.split()[0].lower(),
            _clause_start(sentence, match.start()),
            verb,
            0.7,
            match.start(),
        )
    for match in _ADJOURNED.finditer(sentence) if may_match(_ADJOURNED_NEEDS, lowered) else ():
        add("adjourned-to", _clause_start(sentence, match.start()), "adjourned", 0.75, match.start())
    return [found[k] for k in sorted(found)]


def may_match(needs: tuple[str, ...], lowered: str | None) -> bool:
    """Whether a case-insensitive pattern that ``needs`` one of these words (in lower case) can match a
    sentence: ``False`` only when none of them is in ``lowered`` (``sentence.lower()``; ``None`` when the
    sentence holds a character ``re.IGNORECASE`` folds to an ASCII letter, where the words could be
    written otherwise). A cheap test that spares the search in most sentences."""
    if lowered is None:
        return True
    return any(word in lowered for word in needs)


#: Cues strong enough to propose a decision outside the record of a meeting (a letter reporting one).
REPORTED_RULES = re.compile(
    r"^(?:nsc-action|resolved-that|body-\w+|listed-\w+|passive-(?:decided|agreed|resolved|determined))$"
)

#: A block that only names the body whose acts follow as a list, as the National Security Council's
#: records set them out: "The National Security Council:" then "a. Noted …", "b. Agreed that …" (in
#: blocks of their own, or run on in the same block).
_LEAD = (
    r"(?P<subject>(?:[Tt]he\s+)?(?:[A-Z][\w’'-]*\s+){0,4}"
    r"(?i:council|committee|sub-committee|subcommittee|board|group|commission|commissioners|cabinet|"
    r"conference|tribunal|delegates|meeting|ministers|powers))\s*:"
)
_ACTS_LEAD = re.compile(rf"^\s*{_LEAD}\s*[—–-]*\s*$")
_ITEM_MARK = r"(?:\(?(?:[a-z]|\d{1,2})[.)]\s+)"
_ACT_VERB = (
    r"Agreed|Adopted|Approved|Decided|Directed|Recommended|Requested|Referred|Deferred|Authori[sz]ed|"
    r"Concurred|Endorsed|Rejected|Resolved|Determined|Instructed|Designated|Appointed"
)
_ACTS_LEAD_INLINE = re.compile(rf"^\s*{_LEAD}\s*[—–-]*\s*{_ITEM_MARK}")
#: One act of such a list, by its verb; "Noted" and "Discussed" go on the list but settle nothing.
_LISTED_ACT = re.compile(rf"^\s*(?:{_LEAD}\s*[—–-]*\s*)?{_ITEM_MARK}?(?P<verb>{_ACT_VERB})\b")
_LISTED_ANY = re.compile(rf"^\s*(?:{_ITEM_MARK}|(?:Noted|Discussed)\b)")
#: Where the acts run on in one block start: "… b. Agreed that …".
_INLINE_ITEM = re.compile(rf"(?:^|(?<=\s)){_ITEM_MARK}(?=(?:{_ACT_VERB})\b)")
#: A block that is only the number of the acts listed before it: "(NSC Action No. 1074)".
BARE_ACTION_NUMBER = re.compile(
    r"^[\s(]*NSC Actions? Nos?\.?\s*\d+[a-z-]*(?:(?:,|\s+and|\s*[–-])\s*\d+[a-z-]*)*[\s).]*$"
)


def acts_lead(text: str) -> str | None:
    """The body a block names as the subject of the acts listed after it ("The National Security
    Council:"), or ``None``."""
    match = _ACTS_LEAD.match(text)
    return match.group("subject") if match else None


def acts_lead_inline(text: str) -> str | None:
    """The body a block names before the acts it lists itself ("The National Security Council: a.
    Noted …; b. Agreed …"), or ``None``."""
    match = _ACTS_LEAD_INLINE.match(text)
    return match.group("subject") if match else None


def listed_items(text: str) -> list[int]:
    """Where the settling acts of a list run on in one block start."""
    return [m.start() for m in _INLINE_ITEM.finditer(text)]


def listed_act(text: str, subject: str) -> Cue | None:
    """The decision one item of a body's list of acts states ("b. Agreed that …"), or ``None`` for an
    item that settles nothing ("a. Noted and discussed …")."""
    match = _LISTED_ACT.match(text)
    if match is None:
        return None
    verb = match.group("verb")
    return Cue("listed-" + verb.lower(), 0, verb, 0.75, match.start("verb"), subject)


def on_list(text: str) -> bool:
    """Whether a block still belongs to a body's list of acts: an item ("c. …") or "Noted …"."""
    return _LISTED_ANY.match(text) is not None


#: Before a pluperfect ("the tribunal had decided"), the words that make it an act announced at this
#: meeting: the presiding officer "stated that", "announced that", "informed Lord Tenterden that".
_REPORTED_HERE = re.compile(
    r"\b(?:stated|announced|declared|reported|informed\s+[^,;]{1,60}?)\s+that\b", re.IGNORECASE
)
#: "it was the intention of the tribunal that …", "the wish of the Commissioners that …".
_INTENTION = re.compile(
    rf"\b(?:intention|wish|desire|decision|ruling|sense) of (?:{_BODY})\s+that\b", re.IGNORECASE
)

#: The words, one of which each pattern needs to match (``may_match``). ``NEEDS`` pairs each pattern with
#: its words so that ``tests/test_frus_prefilters.py`` can check, over every block and sentence of
#: ``../shared/data``, that a pattern finds nothing where its words are missing.
_RESOLVED_THAT_NEEDS = ("resolved",)
_ADJOURNED_NEEDS = ("adjourn",)
#: "intention of", "wish of" … start every match
_INTENTION_NEEDS = tuple(f"{word} of " for word in "intention wish desire decision ruling sense".split())
_PASSIVE_NEEDS = ("was", "were", "having")
NEEDS = (
    (_RESOLVED_THAT, _RESOLVED_THAT_NEEDS),
    (_ADJOURNED, _ADJOURNED_NEEDS),
    (_INTENTION, _INTENTION_NEEDS),
    (_PASSIVE_RE, _PASSIVE_NEEDS),
)

#: What makes "replied"/"answered" the body's answer to a question put to it.
_ANSWER = re.compile(
    r"\s*(?:,\s*)?(?:by [^,;]{1,40},?\s*)?"
    r"(?:that\b|[“\"‘']|:|in the (?:affirmative|negative)\b|(?:yes|no)\b)",
    re.IGNORECASE,
)

#: Verbs that decide only with what follows: "desired that …" (not "desired to know"), "asked … to
#: prepare" (not "asked whether …").
_FOLLOWS = {
    # "desired that …", "no longer desired the proceedings to be considered confidential"
    "desired": re.compile(
        r"\s*that\b|\s+(?:the|that|this|these|those|its|their)\s+(?:[\w’'-]+\s+){0,5}?to\s+be\b",
        re.IGNORECASE,
    ),
    # an answer to a question put to the body: "replied ‘No’", "answered in the affirmative"
    "replied": _ANSWER,
    "answered": _ANSWER,
    "granted": re.compile(r"\s+(?!that\b)[\w“\"]", re.IGNORECASE),
    "asked": re.compile(r"\s+(?:[\w.’'-]+\s+){0,5}?to\s+(?!whom\b|which\b)[a-z]", re.IGNORECASE),
}


def _object_fits(verb: str, sentence: str, end: int) -> bool:
    follows = _FOLLOWS.get(verb.lower())
    return follows is None or bool(follows.match(sentence, end))


def _clause_start(sentence: str, position: int) -> int:
    """Where the clause holding ``position`` starts: after the last ";", ", and" or ", which" before it."""
    best = 0
    for match in re.finditer(r";\s*|,\s+(?:and|which|but)\s+|\band\s+(?=the\s)", sentence[:position]):
        best = match.end()
    return best


def tally(sentence: str) -> Tally | None:
    """The vote a sentence counts or implies: "a majority of four to one" → 4–1 carried; "a majority"
    → carried without counts; ``None`` when it names no majority."""
    match = _MAJORITY_TALLY.search(sentence)
    if match:
        votes_for = _number(match.group("for") or match.group("for2"))
        votes_against = _number(match.group("against") or match.group("against2"))
        if votes_for is not None and votes_against is not None:
            result = "carried" if votes_for > votes_against else "defeated"
            return Tally(votes_for, votes_against, result)
    if _MAJORITY.search(sentence):
        return Tally(None, None, "carried")
    return None


@dataclass(frozen=True)
class Division:
    """Members a sentence names as voting against (dissenting) or abstaining, and where it says so."""

    against: tuple[str, ...]
    abstaining: tuple[str, ...]
    at: int


_NAMES = rf"(?P<names>{_MEMBER}(?:,\s+{_MEMBER})*(?:,?\s+and\s+{_MEMBER})?)"
_DISSENT = (
    re.compile(rf"{_NAMES},?\s+(?:dissenting|dissented|voting\s+(?:against|in\s+the\s+negative|no)\b)"),
    re.compile(rf"\b(?:with\s+the\s+dissent\s+of|against\s+the\s+votes?\s+of){_NAMES}"),
    re.compile(
        rf"{_NAMES}\s+(?:voted\s+(?:against|in\s+the\s+negative)|declared\s+(?:himself|themselves)\s+against)"
    ),
)
_ABSTAIN = re.compile(rf"{_NAMES},?\s+(?:abstaining|abstained|not\s+voting|declin\w+\s+to\s+vote)")
_MEMBER_RE = re.compile(_MEMBER)


def divided(sentence: str) -> Division | None:
    """The members a sentence names as dissenting or abstaining ("…, Mr. Staempfli and Mr. Adams
    dissenting"; "by a majority of four to one, Sir Alexander Cockburn voting against"), or ``None``."""
    against: list[str] = []
    abstaining: list[str] = []
    at = len(sentence)
    for pattern, names in [(p, against) for p in _DISSENT] + [(_ABSTAIN, abstaining)]:
        for match in pattern.finditer(sentence):
            names += [m.group(0) for m in _MEMBER_RE.finditer(match.group("names"))]
            at = min(at, match.start())
    if not against and not abstaining:
        return None
    return Division(tuple(dict.fromkeys(against)), tuple(dict.fromkeys(abstaining)), at)


def unanimous(sentence: str) -> bool:
    return bool(_UNANIMOUS.search(sentence))


_TRAILING_JOIN = re.compile(r"[\s,;]*(?:\b(?:and|but|which)\b)?[\s,;]*$")


def clauses(sentence: str, found: list[Cue]) -> list[str]:
    """The words of each cue's decision: from its start (the first from the sentence's start, which
    names the subject) to the next cue's start or the sentence's end, without the joining "and"."""
    out = []
    for index, cue in enumerate(found):
        start = 0 if index == 0 else cue.start
        end = found[index + 1].start if index + 1 < len(found) else len(sentence)
        words = _TRAILING_JOIN.sub("", sentence[start:end]).strip(" ,;")
        out.append(_LEADING_JOIN.sub("", words) or words)
    return out


#: An item number ("3. ") or a joining "and" before a decision's own words.
_LEADING_JOIN = re.compile(r"^(?:\(?\d{1,3}[.)]\s+)?(?:and\s+)?")
