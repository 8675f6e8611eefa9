"""The simple, documented rules that classify a FRUS document and find meetings, dates and decisions.

All rules work on whitespace-normalised text (heads without footnotes, paragraphs) and are plain
regular expressions, so a reader of this file can predict what the FRUS reader will extract.

Record type (first rule that matches wins):
1. ``@subtype`` or head mentions an editorial note → ``editorial-note``;
2. the head is a meeting head (``is_meeting_head``) → ``minutes``;
3. head or source note says "Memorandum of Conversation" → ``memorandum-of-conversation``;
4. source note or head says "Telegram" → ``telegram``;
5. head names a directive, action, order, proclamation, award or decision → ``decision-directive``;
6. head starts with "Report", "Survey" or "Study" → ``report``;
7. head starts with "Memorandum", "Note", "Draft", "Aide-mémoire" → ``memorandum``;
8. head is "A to B" or the document has from/to markup → ``letter``;
9. otherwise ``other``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

#: Heads of records of meetings of councils, committees, tribunals and commissioners.
MEETING_HEAD = re.compile(
    r"^(?:(?:draft |summary |brief )?minutes (?:of|from)\b"
    r"|record of (?:the )?proceedings\b"
    r"|memorandum of (?:the )?discussion at\b"
    r"|(?:summary |brief )?record of (?:a |the )?(?:\w+ )?meeting\b"
    r"|notes? (?:on|of) (?:a |the )?(?:\w+ )?meeting\b"
    r"|summary of (?:a |the )?(?:\w+ )?meeting\b)",
    re.IGNORECASE,
)


_NUMBER = re.compile(r"^\s*\d+[a-z]?\.\s+")


def strip_number(head: str) -> str:
    """Modern FRUS heads start with the document number ("229. Memorandum of Discussion…")."""
    return _NUMBER.sub("", head.strip())


def is_meeting_head(head: str) -> bool:
    """True when a document's head says it records a meeting ("Minutes of…", "Record of the proceedings…")."""
    return bool(MEETING_HEAD.match(strip_number(head)))


_BODY_NOUNS = re.compile(
    r"\b(tribunal|council|committee|commission|commissioners|board|cabinet|assembly|conference|"
    r"group|delegation|congress|senate|chamber|parliament|directorate|secretariat|meeting of)\b",
    re.IGNORECASE,
)
_BODY_PATTERNS = (
    re.compile(
        r"\b(?:meetings?|session|sitting) of (?:the )?(.+?)(?=,|;|\.|\s\(|\bheld\b|\bat\b|\bon\b|\bin\b|$)",
        re.IGNORECASE,
    ),
    re.compile(r"\bproceedings of (?:the )?(.+?)(?= under\b| at\b| held\b|,|;|$)", re.IGNORECASE),
    re.compile(r"^minutes of (?:the )?(.+?)(?=,|;|\bheld\b|\bat\b|\bon\b|$)", re.IGNORECASE),
)
_HELD_AT = re.compile(r"\bheld at ([A-Z][\w’'-]+)")


def meeting_body(head: str, previous: str | None = None) -> str | None:
    """The name of the body whose meeting ``head`` records.

    "held at Geneva" is appended to the name ("tribunal of arbitration at Geneva") because a body
    is known by its seat. A head that names no body ("…proceedings of the arbitration at the
    second conference") continues the series of the previous meeting in the same volume.
    """
    head = strip_number(head)
    for pattern in _BODY_PATTERNS:
        match = pattern.search(head)
        if match:
            name = match.group(1).strip(" .,")
            if not _BODY_NOUNS.search(name):
                return previous or name
            held = _HELD_AT.search(head)
            if held and held.group(1).lower() not in name.lower():
                name = f"{name} at {held.group(1)}"
            return name
    return previous


_EDITORIAL = re.compile(r"\beditorial note\b", re.IGNORECASE)
_CONVERSATION = re.compile(r"\bmemorandum of (?:a )?conversation\b", re.IGNORECASE)
_TELEGRAM = re.compile(r"\btelegram\b", re.IGNORECASE)
_DIRECTIVE = re.compile(
    r"\b(directive|NSC action|action memorandum|executive order|proclamation|decision memorandum|"
    r"presidential decision|award|instructions? to)\b",
    re.IGNORECASE,
)
_REPORT = re.compile(r"^(?:\w+ )?(report|survey|study|estimate)\b", re.IGNORECASE)
_MEMORANDUM = re.compile(r"^(?:\w+ )?(memorandum|note|draft|aide-m[ée]moire|paper)\b", re.IGNORECASE)
_A_TO_B = re.compile(r"^.{2,120}?\bto\b.{2,}$")


def record_type(head: str, *, subtype: str | None, source_note: str, has_from_to: bool) -> str:
    """The ``prec:recordType`` of a FRUS document, by the rules in this module's docstring."""
    head = strip_number(head)
    if (subtype and "editorial" in subtype) or _EDITORIAL.search(head):
        return "editorial-note"
    if is_meeting_head(head):
        return "minutes"
    if _CONVERSATION.search(head) or _CONVERSATION.search(source_note):
        return "memorandum-of-conversation"
    if _TELEGRAM.search(source_note) or _TELEGRAM.search(head):
        return "telegram"
    if _DIRECTIVE.search(head):
        return "decision-directive"
    if _REPORT.match(head):
        return "report"
    if _MEMORANDUM.match(head):
        return "memorandum"
    if has_from_to or _A_TO_B.match(head):
        return "letter"
    return "other"


# ---------------------------------------------------------------------------------------- dates
MONTHS = {
    m: i
    for i, m in enumerate(
        "january february march april may june july august september october november december".split(), 1
    )
}
_MONTH = r"(January|February|March|April|May|June|July|August|September|October|November|December)"
# "l4th": OCR reads the digit 1 as the letter l.
_DAY = r"([l\d]{1,2})(?:st|nd|rd|th|d)?"
_MONTH_DAY_YEAR = re.compile(_MONTH + r"\.? " + _DAY + r"(?:\s*\[[^\]]*\])?,? (\d{4})")
_DAY_MONTH_YEAR = re.compile(_DAY + r" (?:day )?of " + _MONTH + r",? (?:A\. ?D\. ?|in the year )?(\d{4})")
_WORDS_DATE = re.compile(
    r"\b([a-z-]+) day of " + _MONTH + r",? in the year of our Lord ([a-z -]+?)(?=[.,;]|$)", re.IGNORECASE
)

_UNITS = {
    w: i
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
        "sixteen seventeen eighteen nineteen".split()
    )
}
_TENS = {
    w: 10 * i
    for i, w in enumerate("_ _ twenty thirty forty fifty sixty seventy eighty ninety".split())
    if i > 1
}
_ORDINALS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "thirteenth": 13,
    "fourteenth": 14,
    "fifteenth": 15,
    "sixteenth": 16,
    "seventeenth": 17,
    "eighteenth": 18,
    "nineteenth": 19,
    "twentieth": 20,
    "thirtieth": 30,
}


def number_words(text: str) -> int | None:
    """ "one thousand eight hundred and seventy-one" → 1871; ``None`` if a word is not a number."""
    total = current = 0
    for word in text.lower().replace("-", " ").split():
        if word == "and":
            continue
        if word in _UNITS:
            current += _UNITS[word]
        elif word in _TENS:
            current += _TENS[word]
        elif word == "hundred":
            current *= 100
        elif word == "thousand":
            total += current * 1000
            current = 0
        else:
            return None
    return total + current


def ordinal_words(text: str) -> int | None:
    """ "fifteenth" → 15, "twenty-first" → 21."""
    parts = text.lower().split("-")
    if len(parts) == 1:
        return _ORDINALS.get(parts[0])
    tens, unit = _TENS.get(parts[0]), _ORDINALS.get(parts[1])
    return tens + unit if tens and unit and unit < 10 else None


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def date_in_text(text: str) -> date | None:
    """The date written out in ``text`` (a head): "March 20th [Wednesday, March 19th], 1919",
    "the 16th day of December, A. D. 1871", "the fifteenth day of December, in the year of our Lord
    one thousand eight hundred and seventy-one".

    A head can name two dates ("…the treaty … concluded on the 8th of May, 1871, at the first
    conference held … on the fifteenth day of December…"): a date introduced by "on (the)" is
    preferred, else the last one, which is where heads put the date of the document itself.
    """
    candidates: list[tuple[int, date]] = []
    for match in _MONTH_DAY_YEAR.finditer(text):
        day = int(match.group(2).replace("l", "1"))
        found = _safe_date(int(match.group(3)), MONTHS[match.group(1).lower()], day)
        if found:
            candidates.append((match.start(), found))
    for match in _DAY_MONTH_YEAR.finditer(text):
        found = _safe_date(
            int(match.group(3)), MONTHS[match.group(2).lower()], int(match.group(1).replace("l", "1"))
        )
        if found:
            candidates.append((match.start(), found))
    for match in _WORDS_DATE.finditer(text):
        day, year = ordinal_words(match.group(1)), number_words(match.group(3))
        found = _safe_date(year, MONTHS[match.group(2).lower()], day) if day and year else None
        if found:
            candidates.append((match.start(), found))
    if not candidates:
        return None
    candidates.sort()
    introduced = [found for start, found in candidates if _ON.search(text[max(0, start - 8) : start])]
    return introduced[-1] if introduced else candidates[-1][1]


_ON = re.compile(r"on (?:the )?$", re.IGNORECASE)


# ------------------------------------------------------------------------------------ decisions
@dataclass(frozen=True)
class DecisionRule:
    """A pattern that marks a sentence as recording a decision, and how far it is trusted."""

    name: str
    pattern: re.Pattern[str]
    confidence: float
    #: Who decided when the rule itself says so (else the meeting's body, if any).
    decided_by: str | None = None
    #: …or the post whose holder decided, looked up in the volume's persons list.
    decided_by_post: str | None = None


DECISION_RULES: tuple[DecisionRule, ...] = (
    DecisionRule("nsc-action", re.compile(r"\bNSC Action No\.? ?\d+"), 0.9, "National Security Council"),
    DecisionRule("resolved-that", re.compile(r"\bresolved,? that\b", re.IGNORECASE), 0.85),
    DecisionRule(
        "it-was-decided",
        re.compile(r"\bit was (?:\w+ )?(?:decided|determined|resolved)\b", re.IGNORECASE),
        0.8,
    ),
    DecisionRule("it-was-agreed", re.compile(r"\bit was (?:\w+ )?agreed\b", re.IGNORECASE), 0.75),
    DecisionRule(
        "body-decided",
        re.compile(
            r"\bthe (?:tribunal|arbitrators|commission|commissioners|council|committee|board|"
            r"conference|cabinet)"
            r"(?: of [a-z]+)?(?: (?:thereupon|then|further|farther|also|unanimously|finally|accordingly))?"
            r" (?:directed|decided|ordered|resolved|determined|agreed)\b",
            re.IGNORECASE,
        ),
        0.7,
    ),
    DecisionRule(
        "president-approved",
        re.compile(r"\b[Tt]he President (?:has |had )?approved\b"),
        0.7,
        decided_by_post="President of the United States",
    ),
    DecisionRule("summary-of-conclusions", re.compile(r"\bSummary of Conclusions\b"), 0.6),
)


# One cheap search that every decision rule's match implies: most sentences fail it.
_DECISION_WORDS = re.compile(
    r"decided|agreed|resolved|directed|ordered|determined|approved|NSC Action|Summary of Conclusions",
    re.IGNORECASE,
)


def decision_rule(sentence: str) -> DecisionRule | None:
    """The first decision rule that ``sentence`` matches, or ``None``."""
    if not _DECISION_WORDS.search(sentence):
        return None
    for rule in DECISION_RULES:
        if rule.pattern.search(sentence):
            return rule
    return None


# ----------------------------------------------------------------------------------- attendance
_PRESENT_LIST = re.compile(r"\b(?:there )?were present\b[^:]*?(?:,? were)?:\s*(?P<list>.+)$", re.IGNORECASE)
_ATTENDED_AS = re.compile(
    r"^(?P<names>[A-Z][^;:]*?),?(?: esquire,?)? attended "
    r"(?:the (?:conference|meeting|session) )?as (?P<capacity>.+)$",
    re.IGNORECASE,
)


# Where a list of those present moves on to the next person: at ";" or at ", and" before a title
# ("…of the Swiss Confederation, and his excellency the Baron d'Itajubá, …").
_NEXT_PERSON = re.compile(
    r";|,?\s+and\s+(?=(?:(?:his|her) excellency )?(?:the )?(?:right |bight )?(?:honou?rable )?"
    r"(?:mr|mrs|sir|count|baron|viscount|lord|general|dr|judge|professor|senator|secretary)\b)",
    re.IGNORECASE,
)
_COURTESY = re.compile(r"^(?:esquire|esq\.?)\s*,?\s*", re.IGNORECASE)


@dataclass(frozen=True)
class Attendee:
    """A person named as present at a meeting, with the capacity as written (if any)."""

    name: str
    capacity: str | None


def attendees_in(sentence: str) -> list[Attendee]:
    """Persons a sentence names as present: "…were present…, were: A, capacity; B, capacity; and C",
    or "A and B attended the conference as agents of …"."""
    match = _PRESENT_LIST.search(sentence)
    found: list[Attendee] = []
    if match:
        for clause in _NEXT_PERSON.split(match.group("list").rstrip(".")):
            clause = re.sub(r"^\s*and\s+", "", clause.strip())
            name, _, capacity = clause.partition(",")
            capacity = _COURTESY.sub("", capacity.strip(" ,"))
            if name.strip():
                found.append(Attendee(name.strip(), capacity or None))
        return found
    for clause in sentence.rstrip(".").split(";"):
        match = _ATTENDED_AS.match(clause.strip())
        if not match:
            continue
        capacity = match.group("capacity").strip(" ,")
        for name in re.split(r",? and |, ", match.group("names")):
            if name.strip() and name.strip().lower() not in {"esquire", "esq"}:
                found.append(Attendee(name.strip(), capacity))
    return found


_ALL_PRESENT = re.compile(
    r"\ball (?:of )?(?:the )?([a-z]+?)s\b(?:,? and (?:all )?(?:the )?([a-z]+?)s\b[^.]*?)? were present",
    re.IGNORECASE,
)


def roles_present(sentence: str) -> list[str]:
    """Roles a sentence says were all present, singular: "All the arbitrators and the agents of the
    two governments were present." → ["arbitrator", "agent"]."""
    match = _ALL_PRESENT.search(sentence)
    return [role.lower() for role in match.groups() if role] if match else []
