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

from .dates import date_of

#: Heads of records of meetings of councils, committees, tribunals and commissioners.
MEETING_HEAD = re.compile(
    r"^(?:(?:draft |summary |brief )?minutes (?:of|from)\b"
    r"|record of (?:the )?proceedings\b"
    r"|memorandum of (?:the )?discussion at\b"
    r"|(?:summary |brief )?record of (?:a |the )?(?:\w+ )?meeting\b"
    r"|notes? (?:on|of) (?:a |the )?(?:\w+ )?meeting\b"
    r"|summary of (?:a |the )?(?:\w+ )?meeting\b"
    # "Summary of Conclusions of a Meeting of the Special Group", "Record of Actions of the … Meeting"
    r"|(?:summary of )?(?:conclusions|record of actions?) (?:of|at|from) (?:a |the )?"
    r"(?:[\w-]+ ){0,5}meeting\b"
    # "Protocol No. 5", "Protocol of the third conference", "Procès-verbal of the sitting of …"
    r"|(?:protocol|proc[eè]s-verbal)s? (?:no\.? ?[\divxlc]+\b"
    r"|of (?:the |a )?(?:[\w-]+ )?(?:conference|session|sitting|meeting)\b)"
    # "Secretary's Notes of a Conversation held in M. Pichon's Room …" (the Council of Ten's minutes)
    r"|(?:secretary[’']s )?notes? of (?:a )?conversation held\b"
    # "Third Session of the Council", "Twelfth Meeting of the Commission …"
    r"|(?:the )?(?:[\w-]+(?:st|nd|rd|th)|first|second|third) (?:plenary )?(?:session|sitting|meeting) of\b)",
    re.IGNORECASE,
)


#: "229. " in modern volumes; the Council's series codes in the Paris volumes ("BC-1", "IC-170",
#: "C. F. 1", "I. C. 169 A.", "HD-12") before the head proper.
_NUMBER = re.compile(r"^\s*(?:\d+[a-z]?\.|(?:[A-Z]{1,3}\.?\s?){1,3}[-–]?\s?[A-Z]?\d+(?:\s?[A-Z]\b)?\.?)\s+")


def strip_number(head: str) -> str:
    """Modern FRUS heads start with the document number ("229. Memorandum of Discussion…")."""
    return _NUMBER.sub("", head.strip())


def is_meeting_head(head: str) -> bool:
    """True when a document's head says it records a meeting ("Minutes of…", "Record of the proceedings…")."""
    return bool(MEETING_HEAD.match(strip_number(head)))


_BODY_NOUNS = re.compile(
    r"\b(tribunal|council|committee|commission|commissioners|board|cabinet|assembly|conference|"
    r"group|delegation|congress|senate|chamber|parliament|directorate|secretariat|meeting of)s?\b",
    re.IGNORECASE,
)
_BODY_PATTERNS = (
    re.compile(
        r"\b(?:meetings?|session|sitting) of (?:the )?(.+?)(?=,|;|\.|\s\(|\bheld\b|\bat\b|\bon\b|\bin\b|$)",
        re.IGNORECASE,
    ),
    re.compile(r"\bproceedings of (?:the )?(.+?)(?= under\b| at\b| held\b|,|;|$)", re.IGNORECASE),
    re.compile(r"^minutes of (?:the )?(.+?)(?=,|;|\bheld\b|\bat\b|\bon\b|$)", re.IGNORECASE),
    # "Summary of Conclusions of the Senior Review Group Meeting"
    re.compile(
        r"^(?:summary of )?(?:conclusions|record of actions?) (?:of|at|from) (?:the )?(.+?)(?=,|;|$)",
        re.IGNORECASE,
    ),
)
#: "a National Security Council Meeting", "Cabinet Meeting": the body without the word for its meeting.
_MEETING_OF = re.compile(r"^(?:an? )?(.+?)\s+meeting$", re.IGNORECASE)
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
            named = _MEETING_OF.match(name)
            if named and _BODY_NOUNS.search(named.group(1)):
                name = named.group(1)
            if not _BODY_NOUNS.search(name):
                return previous or name
            held = _HELD_AT.search(head)
            if held and held.group(1).lower() not in name.lower():
                name = f"{name} at {held.group(1)}"
            return name
    return previous


def head_names_body(head: str) -> bool:
    """Whether a meeting head says whose meeting it was ("Minutes of the … Commissioners", "Record of
    the proceedings of the tribunal …"); "Secretary's Notes of a Conversation held in M. Pichon's
    Room …" and "Notes of a Meeting held at President Wilson's House …" do not."""
    head = strip_number(head)
    return any(pattern.search(head) for pattern in _BODY_PATTERNS)


#: Bodies a record of the Peace Conference years names in its text, most specific first.
_NAMED_BODY = re.compile(
    r"\b(Council of (?:Ten|Four|Five|Foreign Ministers|(?:the )?Heads of (?:the )?Delegations)"
    r"|Supreme (?:War |Economic )?Council|Conference of Ambassadors|Commission to Negotiate Peace"
    r"|(?:[A-Z][a-z]+ )?Peace Conference|Inter-Allied Conference)\b"
)
#: "the Conference" as the text says it when it means the conference the volume is about.
_THE_CONFERENCE = re.compile(r"\b(?:the|The) Conference\b")
_VOLUME_CONFERENCE = re.compile(r"\b((?:(?!The\b)[A-Z][a-z]+ )+Conference)\b")


def body_named_in(text: str, volume_title: str = "") -> str | None:
    """The body a record of a meeting names in its own text when its head names none: the one it names
    most often ("the Council of Ten", "the Supreme War Council"), else the conference of the volume's
    title when the text speaks of "the Conference"; ``None`` when it names none."""
    counts: dict[str, int] = {}
    for match in _NAMED_BODY.finditer(text):
        counts[match.group(1)] = counts.get(match.group(1), 0) + 1
    if counts:
        return max(counts, key=lambda name: (counts[name], -list(counts).index(name)))
    conference = _VOLUME_CONFERENCE.search(volume_title)
    if conference and _THE_CONFERENCE.search(text):
        return conference.group(1)
    return None


def volume_conference(volume_title: str) -> str | None:
    """The conference a volume is about ("The Paris Peace Conference, 1919, Volume III" → "Paris
    Peace Conference"), or ``None``."""
    conference = _VOLUME_CONFERENCE.search(volume_title)
    return conference.group(1) if conference else None


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
def date_in_text(text: str) -> date | None:
    """The date a head writes out with its year ("the 16th day of December, A. D. 1871"), read by
    ``dates.date_of``; ``None`` when it gives none or no year."""
    found = date_of(text)
    return found.value if found is not None and found.year_stated else None


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
    """A person named as present (or absent) at a meeting, with the capacity as written (if any)."""

    name: str
    capacity: str | None
    status: str = "present"


#: "Present: Mr. Lansing, Mr. White, Colonel House." / "Absent: General Bliss." at a sentence's head.
_LIST_LEAD = re.compile(
    r"^(?:also |there were )?(?P<status>present|absent)\s*[:.—-]\s*(?P<list>.+)$", re.IGNORECASE
)


def attendees_in(sentence: str) -> list[Attendee]:
    """Persons a sentence names as present: "…were present…, were: A, capacity; B, capacity; and C",
    or "A and B attended the conference as agents of …"."""
    found: list[Attendee] = []
    lead = _LIST_LEAD.match(sentence.strip())
    if lead:
        status = lead.group("status").lower()
        clauses = re.split(r"\s*;\s*", lead.group("list").rstrip("."))
        for clause in clauses:
            if len(clauses) > 1:
                # "Mr. Lansing, Secretary of State; Mr. White, Commissioner": name, then capacity.
                name, _, capacity = clause.partition(",")
                found.append(Attendee(name.strip(), capacity.strip() or None, status))
            else:
                found.append(Attendee(clause.strip(), None, status))
        return [a for a in found if a.name]
    match = _PRESENT_LIST.search(sentence)
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
