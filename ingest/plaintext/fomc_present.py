"""The PRESENT block of FOMC minutes: members, alternate members, other Reserve Bank presidents and staff.

The block is one flattened line in every era: "PRESENT: Mr. Greenspan, Chairman Mr. McDonough, Vice
Chairman Mr. Broaddus … Messrs. Hoenig, Keehn, and Oltman, Alternate Members of the Federal Open
Market Committee Messrs. Boehne … respectively Mr. Kohn, Secretary and Economist …" (1993–2009,
honorifics, sometimes glued: "ChairmanMr. Dudley"), and "PRESENT: Janet L. Yellen, Chair William C.
Dudley, Vice Chairman Lael Brainard James Bullard … Alternate Members of …" (2010 on, full names).

The block is read as a sequence of names, separators and posts. A name joined to the next by a
comma or "and" shares its group's post; a name followed by another name with nothing between is a
group of its own. Groups before the first post other than the chair's are the members; the group
whose post is "Alternate Members of the Federal Open Market Committee" are the alternates; everyone
after is staff or a non-voting president ("also-present"). Posts are recognised by their words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .attendance import FED_DISTRICTS, AttendanceEntry
from .names import (
    HONORIFICS,
    PARTICLES,
    SUFFIXES,
    PersonName,
    Token,
    is_capitalised,
    is_initial,
    split_run,
    tokenize,
)

#: Capitalised words that belong to posts and organisations, never to a person's name in this block.
POST_WORDS = set(
    """Chairman Chair Chairwoman Vice Member Members Alternate Alternates Federal Open Market Markets
    Committee
    Reserve Bank Banks President Presidents President-Elect Elect Secretary Secretaries Deputy Assistant
    Assistants General Counsel Counsels Counselor Economist Economists Associate Associates Manager Managers
    System Account Director Directors Division Divisions Board Governors Governor Office Research Statistics
    Monetary Affairs International Finance Banking Bank Supervision Regulation Senior Adviser Advisers
    Advisor Advisors Special Staff Officer Officers First Executive Project Group Section Chief Chiefs
    Records Information Management Analyst Analysts Specialist Specialists Visiting Principal Policy Financial
    Stability Operations Operation Payment Payments Systems Consumer Community Legal Temporary Acting
    Technology Secretariat Communications Public Program Coordinator Economic Scholar Lead Administrator
    Head Treasury Department Foreign Domestic Trading Desk Examiner Supervisor Team Leader Balance Sheet
    Reserves Credit Risk Research Services Support Planning Strategy Analysis Market Data Quantitative
    Macroeconomic Microeconomic Statistical Editor Writer Intern Fellow Consultant Liaison Counsel's
    Applied Economics Policies Planning Facilities Affairs Manager's""".split()
) | {word.rstrip(".") for district in FED_DISTRICTS for word in district.split()}
#: Lowercase words that can sit inside a post ("Division of Research and Statistics", "Adviser to the Board").
POST_CONNECTORS = {"of", "and", "the", "to", "for", "on", "in", "at", "respectively", "&"}
_CHAIR_POSTS = {"chairman", "chair", "vice chairman", "vice chair", "chairwoman"}
_ALTERNATE = "Alternate Member of the Federal Open Market Committee"
_SENTENCE_OPENERS = {"In", "The", "By", "It", "At", "On", "With", "Following", "A", "An", "Before", "After"}
# "PRESENT:" (1993–2017) or, in later minutes, an "Attendance" heading before the first name.
_START_RE = re.compile(r"\bPRESENT\s*:|\bPresent\s*:|\bAttendance\s*:?\s+(?=[A-Z][a-z]+\s+[A-Z])")


@dataclass
class _Group:
    """Names sharing one post ("Messrs. Fisher, Plosser, and Stern, Presidents of …")."""

    names: list[PersonName] = field(default_factory=list)
    post_words: list[Token] = field(default_factory=list)

    @property
    def post(self) -> str:
        return " ".join(t.text for t in self.post_words).replace(" ,", ",").strip(" ,;")

    @property
    def start(self) -> int:
        return self.names[0].start

    @property
    def end(self) -> int:
        return self.post_words[-1].end if self.post_words else self.names[-1].end


def find_present_block(text: str) -> tuple[int, int] | None:
    """The offsets of the PRESENT block's content (after "PRESENT:"), or ``None``."""
    match = _START_RE.search(text, 0, 6000)
    if not match:
        return None
    tokens = tokenize(text, match.end(), min(len(text), match.end() + 20000))
    end = match.end()
    for index, tok in enumerate(tokens):
        word = tok.text
        after = tokens[index + 1].text if index + 1 < len(tokens) else ""
        if word in _SENTENCE_OPENERS and after[:1].islower():
            break  # "… Bank of Richmond In the agenda for this meeting": prose begins
        lowercase_prose = (
            word[:1].islower()
            and word not in POST_CONNECTORS
            and word not in PARTICLES
            and word.capitalize() not in POST_WORDS  # "Federal Open market Committee"
        )
        if word in ("(", ")", ":") or lowercase_prose:
            break  # the first lowercase word no post uses: the minutes' prose has begun
        end = tok.end
    return match.end(), end


def parse_present(text: str, known: list[str]) -> tuple[list[AttendanceEntry], int]:
    """The attendance the PRESENT block lists, and the offset where the block ends.

    ``known``: full names the record spells elsewhere with separators (its vote lists), used to split
    names that follow each other with no separator.
    """
    block = find_present_block(text)
    if block is None:
        return [], 0
    groups = _groups(tokenize(text, *block), known)
    # Prose glued to the block's end ("… Bank of Richmond Annual Organizational Matters In the …")
    # reads as names without a post: a trailing group with no post is not attendance.
    for index, group in enumerate(groups):
        if (
            group.post_words
            and not is_capitalised(group.post_words[0].text)
            and group.post_words[0].text != ","
        ):
            del groups[index:]  # "Developments in Financial Markets …": a heading, then prose
            break
    staff_posts = [
        i for i, g in enumerate(groups) if g.post_words and _clean_post(g.post).lower() not in _CHAIR_POSTS
    ]
    while staff_posts and len(groups) - 1 > staff_posts[-1] and not groups[-1].post_words:
        groups.pop()
    entries: list[AttendanceEntry] = []
    members_done = False
    for group in groups:
        post = _clean_post(group.post)
        lowered = post.lower()
        if "alternate member" in lowered:
            status, capacity, rule = "present", _ALTERNATE, "attendance:fomc-alternate-member"
            members_done = True
        elif not members_done and (not post or lowered in _CHAIR_POSTS):
            status, capacity, rule = "present", post or None, "attendance:fomc-member"
        else:
            members_done = True
            status, capacity, rule = "also-present", post or None, "attendance:fomc-staff"
        organisations = _organisations(post, len(group.names))
        for person, organisation in zip(group.names, organisations, strict=True):
            confidence = 0.5 if person.guessed else 0.9
            entries.append(
                AttendanceEntry(
                    person.name,
                    status,
                    _post_only(capacity, organisation),
                    organisation,
                    group.start,
                    group.end,
                    confidence,
                    rule,
                )
            )
    end = groups[-1].end if groups else block[0]
    return entries, end


def _groups(tokens: list[Token], known: list[str]) -> list[_Group]:
    """Names, separators and posts → groups of names with their post."""
    groups: list[_Group] = []
    current: _Group | None = None
    i = 0
    joined = False  # the last thing read was a separator between names
    honorific = False
    while i < len(tokens):
        tok = tokens[i]
        if tok.text.isdigit():  # footnote marks: "Patrikis,1", "Levin2"
            i += 1
            continue
        if tok.text in HONORIFICS:
            honorific = True
            if current is not None and not joined:
                current = None  # "Mr. Broaddus Mr. Forrestal": two entries
            i += 1
            continue
        if _is_name_word(tok, honorific) and (current is None or not current.post_words or not joined):
            words, i = _name_run(tokens, i, honorific)
            names = [PersonName(" ".join(w.word for w in words), words[0].start, words[-1].end)]
            if not honorific and len(words) > 3:
                names = split_run(words, known)
            elif not honorific and len(words) == 3 and not is_initial(words[1].text) and known:
                names = split_run(words, known) if _splits_on_known(words, known) else names
            if current is not None and joined and not current.post_words:
                current.names.append(names[0])
                rest = names[1:]
            else:
                current = _Group([names[0]])
                groups.append(current)
                rest = names[1:]
            for name in rest:  # names after the first in an unseparated run each open a group
                current = _Group([name])
                groups.append(current)
            # "Jordan. Forrestal, and Parry": a full stop typed for a comma, the list going on
            joined = (
                words[-1].text.endswith(".")
                and not is_initial(words[-1].text)
                and i + 1 < len(tokens)
                and _is_name_word(tokens[i], False)
                and tokens[i + 1].text in (",", "and")
            )
            honorific = False
            continue
        if tok.text in (",", ";") or tok.text == "and":
            nxt = _next_meaningful(tokens, i + 1)
            if (
                current is not None
                and nxt is not None
                and not current.post_words
                and (tokens[nxt].text in HONORIFICS or _is_name_word(tokens[nxt], honorific))
            ):
                joined = True  # "A, B, and C": more names follow
            elif current is not None and (current.post_words or tok.text != "and"):
                if current.post_words:
                    current.post_words.append(tok)
            i += 1
            continue
        if current is not None:  # a post word, or a connector inside a post
            current.post_words.append(tok)
            if tok.text == "respectively":
                current = None
        joined = False
        i += 1
    return [g for g in groups if g.names]


def _splits_on_known(words: list[Token], known: list[str]) -> bool:
    text = " ".join(w.word for w in words)
    return text not in known and any(k in text for k in known)


def _is_name_word(tok: Token, honorific: bool) -> bool:
    word = tok.word
    if is_initial(tok.text):
        return True
    return is_capitalised(word) and word not in POST_WORDS and word.rstrip("'s") not in POST_WORDS


def _name_run(tokens: list[Token], i: int, honorific: bool) -> tuple[list[Token], int]:
    words: list[Token] = []
    while i < len(tokens):
        tok = tokens[i]
        if tok.text.isdigit():
            break
        if words and tok.text in PARTICLES:
            words.append(tok)
        elif words and tok.text == "," and i + 1 < len(tokens) and tokens[i + 1].text in SUFFIXES:
            words.append(tokens[i + 1])
            i += 2
            continue
        elif _is_name_word(tok, honorific) and tok.text not in HONORIFICS:
            words.append(tok)
            if honorific and not is_initial(tok.text):
                i += 1
                break  # after an honorific: initials and one surname
            if tok.text.endswith(".") and not is_initial(tok.text):
                i += 1
                break  # "Messrs. Broaddus, Jordan. Forrestal, and Parry": a full stop typed for a comma
        else:
            break
        i += 1
    return words, i


def _next_meaningful(tokens: list[Token], i: int) -> int | None:
    while i < len(tokens) and (tokens[i].text.isdigit() or tokens[i].text == "and"):
        i += 1
    return i if i < len(tokens) else None


def _clean_post(post: str) -> str:
    post = re.sub(r"\s+", " ", post).strip(" ,;")
    return post


def _organisations(post: str, count: int) -> list[str | None]:
    """The organisation of each name of a group ("Presidents of the Federal Reserve Banks of A, B, and C,
    respectively" shares the banks out in order)."""
    banks = re.search(r"Federal Reserve Banks of (.+?),?\s*respectively", post)
    if banks:
        places = [p.strip() for p in re.split(r",\s*(?:and\s+)?|\s+and\s+", banks.group(1)) if p.strip()]
        if len(places) == count:
            return [f"Federal Reserve Bank of {p}" for p in places]
    single = re.search(r"Federal Reserve Bank of [A-Z][\w. ]*?(?=$|,)", post)
    if single:
        return [single.group(0)] * count
    if post.endswith("Board of Governors"):
        return ["Board of Governors"] * count
    return [None] * count


def _post_only(capacity: str | None, organisation: str | None) -> str | None:
    """The post without the organisation it names ("President, Federal Reserve Bank of Boston" is
    "President")."""
    if not capacity:
        return None
    if organisation and capacity.endswith(organisation):
        capacity = capacity[: -len(organisation)].rstrip(" ,")
    head = re.split(r",?\s*(?:of\s+)?(?:the\s+)?Federal Reserve Banks? of\b", capacity)[0].strip(" ,")
    lead = head.split(",")[0].split(" of ")[0]
    words = lead.split()
    if words:
        last = words[-1]
        single = last[:-3] + "y" if last.endswith("ies") else last[:-1]
        if (
            last.endswith("s")
            and not last.endswith("ss")
            and (single in POST_WORDS or last[:-1] in POST_WORDS)
        ):
            head = " ".join([*words[:-1], single]) + head[len(lead) :]
    return head or None
