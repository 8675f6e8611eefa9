"""Who was at a meeting: the "Present:" / "Also present:" / "Apologies:" blocks of plain-text minutes.

Two layouts are read. Secretariat minutes with line breaks put one person per line under a
label ("Councillor Jane Rivera (Chair)", "Jenny Smith, Head of Highways"). FOMC minutes are one
flattened line: "PRESENT:Mr. Bernanke, ChairmanMr. Geithner, Vice Chairman … Messrs. Fisher,
Plosser, and Stern, Presidents of the Federal Reserve Banks of Dallas, Philadelphia, and
Minneapolis, respectively Mr. Madigan, Secretary and Economist …", where an honorific that is not
preceded by a comma or "and" starts the next entry.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..heuristics import HONORIFIC, clean_span, normalise_space, parse_honorific_list, strip_titles

#: The twelve Reserve Bank districts, so "Federal Reserve Bank of Minneapolis The Manager …" ends
#: after the city and "Banks of A, B, and C, respectively" can be shared out name by name.
FED_DISTRICTS = (
    "Boston",
    "New York",
    "Philadelphia",
    "Cleveland",
    "Richmond",
    "Atlanta",
    "Chicago",
    "St. Louis",
    "Minneapolis",
    "Kansas City",
    "Dallas",
    "San Francisco",
)
_DISTRICT = "|".join(re.escape(d) for d in FED_DISTRICTS)


@dataclass
class AttendanceEntry:
    """One person's attendance as the minutes state it, with the span of text it came from."""

    name: str
    status: str
    capacity: str | None
    organisation: str | None
    start: int
    end: int
    confidence: float
    rule: str


_LABELS = [
    (r"also\s+present|in\s+attendance|officers\s+present|staff\s+present", "also-present"),
    (r"(?:members\s+)?present(?:\s+remotely)?|members", "present"),
    (r"attending\s+remotely|remote\s+attendance|present\s+remotely|remote", "remote"),
    (r"apologies(?:\s+for\s+absence)?(?:\s+were\s+received\s+from)?|apologies\s+received", "apologies"),
    (r"absent|not\s+present", "absent"),
]
_LABEL_RE = re.compile(
    r"(?im)^[ \t]*(?P<label>" + "|".join(f"(?:{p})" for p, _ in _LABELS) + r")[ \t]*:[ \t]*"
    r"|(?P<inline>\bPRESENT|\bPresent)\s*:\s*(?=" + HONORIFIC + ")"
)
_OTHER_LABEL_RE = re.compile(r"^[ \t]*[A-Z][A-Za-z ]{1,40}:\s*$|^[ \t]*[A-Z][A-Za-z ]{1,40}:")
_NUMBERED_RE = re.compile(r"^[ \t]*\d+[.)]?\s+[A-Z]")


def _status_for(label: str) -> str:
    label = normalise_space(label).lower()
    if "remote" in label:
        return "remote"
    for pattern, status in _LABELS:
        if re.fullmatch(pattern, label):
            return status
    return "present"


def parse_attendance(text: str) -> tuple[list[AttendanceEntry], int]:
    """Every attendance entry in ``text`` and the offset where the last attendance block ends."""
    entries: list[AttendanceEntry] = []
    block_end = 0
    for match in _LABEL_RE.finditer(text):
        if match.start() < block_end:
            continue
        if match.group("inline"):
            found, block_end = _inline_block(text, match.end())
        else:
            found, block_end = _line_block(text, match.end(), _status_for(match.group("label")))
        entries.extend(found)
    return entries, block_end


# ---- flattened FOMC layout ---------------------------------------------------------------------

_GROUP_START_RE = re.compile(rf"(?<![A-Z]){HONORIFIC}")
_GLUED_RE = re.compile(r"(?<=[a-z])(?=[A-Z][a-z])")
_SENTENCE_START_RE = re.compile(r"(?<!\bSt)\.\s+[A-Z]|\s(?:The|In|By|At|It|There|On)\s")
_RESPECTIVELY_RE = re.compile(
    rf"(?P<post>.*?)(?:,\s*|\s+of\s+the\s+)Federal Reserve Banks of "
    rf"(?P<places>(?:(?:{_DISTRICT})(?:,\s*and\s+|,\s*|\s+and\s+)?)+)"
    r",?\s*respectively"
)
_BANK_RE = re.compile(rf"Federal Reserve Bank of (?:{_DISTRICT})")


def _inline_block(text: str, pos: int) -> tuple[list[AttendanceEntry], int]:
    entries: list[AttendanceEntry] = []
    cursor = pos
    members_done = False
    end = pos
    while True:
        while cursor < len(text) and text[cursor] in " \t;":
            cursor += 1
        names, after = parse_honorific_list(text, cursor)
        if not names:
            break
        nxt = _GROUP_START_RE.search(text, after)
        tail_end = nxt.start() if nxt else len(text)
        tail_end = min(tail_end, after + 400)
        tail, last = _trim_tail(text, after, tail_end)
        group_start, group_end = clean_span(text, cursor, last)
        tail_text = re.sub(r"^[\s,;0-9¹²³]+", "", normalise_space(tail)).strip(" ,;")
        entries.extend(_group_entries(names, tail_text, group_start, group_end, members_done))
        if tail_text and tail_text not in ("Chairman", "Vice Chairman", "Chair", "Vice Chair"):
            members_done = True
        end = group_end
        if not nxt or nxt.start() > last + 3:
            break
        cursor = nxt.start()
    return entries, end


def _trim_tail(text: str, start: int, end: int) -> tuple[str, int]:
    """The post/organisation text after a group's names, cut where the minutes' prose begins."""
    tail = text[start:end]
    cut = len(tail)
    glued = _GLUED_RE.search(tail)
    if glued:
        # A lost line break ("Balance SheetThe Manager"): keep the part before the heading text
        # only when what precedes is a complete post, i.e. ends at a Reserve Bank or Board.
        cut = min(cut, glued.start())
    for bank in _BANK_RE.finditer(tail):
        cut = min(cut, bank.end()) if not _RESPECTIVELY_RE.match(tail.lstrip(" ,")) else cut
        break
    if "Board of Governors" in tail and not tail[tail.find("Board of Governors") :].startswith(
        "Board of Governors of"
    ):
        cut = min(cut, tail.find("Board of Governors") + len("Board of Governors"))
    sentence = _SENTENCE_START_RE.search(tail)
    if sentence:
        cut = min(cut, sentence.start() + (1 if tail[sentence.start()] == "." else 0))
    resp = tail.find("respectively")
    if resp != -1 and resp < cut:
        rest = tail[resp + len("respectively") :]
        extra = re.match(r",\s*Board of Governors", rest)
        cut = max(cut, resp + len("respectively") + (extra.end() if extra else 0))
    tail = tail[:cut]
    return tail, start + len(tail.rstrip())


def _singular(post: str) -> str:
    """A plural post made singular: "Associate Economists" → "Associate Economist",
    "Alternate Members of the …" → "Alternate Member of the …"."""
    head, sep, rest = post.partition(" of ")
    words = head.split(" ")
    last = words[-1]
    if last.endswith("ies"):
        words[-1] = last[:-3] + "y"
    elif last.endswith("s") and not last.endswith("ss"):
        words[-1] = last[:-1]
    return " ".join(words) + sep + rest


def _group_entries(names, tail: str, start: int, end: int, members_done: bool) -> list[AttendanceEntry]:
    post, _, organisation = tail.partition(", ")
    organisations: list[str | None] = [organisation or None] * len(names)
    resp = _RESPECTIVELY_RE.match(tail)
    if resp:
        places = [p for p in re.split(r",\s*(?:and\s+)?|\s+and\s+", resp.group("places")) if p.strip()]
        if len(places) == len(names):
            organisations = [f"Federal Reserve Bank of {p.strip()}" for p in places]
        post = resp.group("post")
    elif "respectively" in tail:
        # "Associate Directors, Divisions of A and B, respectively, Board of Governors".
        post = tail.split(",")[0]
        organisation = (
            tail.rsplit(",", 1)[-1].strip() if tail.rstrip().endswith("Board of Governors") else None
        )
        organisations = [organisation] * len(names)
    if not resp and (organisation or "").startswith("Federal Reserve Banks of"):
        organisations = [None] * len(names)
    post = post.strip()
    if len(names) > 1 and post:
        post = _singular(post)
    if "Alternate Member" in post:
        status, rule = "present", "fomc-alternate-member"
    elif not members_done and post in ("", "Chairman", "Vice Chairman", "Chair", "Vice Chair"):
        status, rule = "present", "fomc-member"
    else:
        status, rule = "also-present", "fomc-staff"
    return [
        AttendanceEntry(n.name, status, post or None, org, start, end, 0.9, f"attendance:{rule}")
        for n, org in zip(names, organisations, strict=True)
    ]


# ---- one person per line -----------------------------------------------------------------------

_PLURAL_TITLE_RE = re.compile(r"^(Councillors|Cllrs\.?|Messrs\.?|Members)\s+", re.IGNORECASE)
_CAPACITY_RE = re.compile(r"^(?P<name>[^(,–—]+?)\s*(?:\((?P<paren>[^)]+)\)|[,–—]\s*(?P<post>.+))?$")


def _line_block(text: str, pos: int, status: str) -> tuple[list[AttendanceEntry], int]:
    entries: list[AttendanceEntry] = []
    line_start = pos
    first = True
    end = pos
    while line_start < len(text):
        line_end = text.find("\n", line_start)
        line_end = len(text) if line_end == -1 else line_end
        line = text[line_start:line_end]
        if not line.strip():
            if not first:
                break
        elif not first and (_OTHER_LABEL_RE.match(line) or _NUMBERED_RE.match(line)):
            break
        elif line.strip().lower() not in ("none", "none.", "nil", "-"):
            entries.extend(_line_entries(text, line_start, line_end, status))
            end = line_end
        first = False
        line_start = line_end + 1
    return entries, end


def _line_entries(text: str, start: int, end: int, status: str) -> list[AttendanceEntry]:
    start, end = clean_span(text, start, end)
    line = text[start:end].rstrip(".;")
    plural = _PLURAL_TITLE_RE.match(line)
    if plural or (";" in line) or (line.count(",") >= 1 and " and " in line and "(" not in line):
        body = line[plural.end() :] if plural else line
        parts = [p for p in re.split(r",\s*(?:and\s+)?|;\s*|\s+and\s+", body) if p.strip()]
        return [
            AttendanceEntry(strip_titles(p), status, None, None, start, end, 0.8, "attendance:name-list")
            for p in parts
            if strip_titles(p)
        ]
    match = _CAPACITY_RE.match(line)
    if not match or not strip_titles(match.group("name")):
        return []
    capacity = match.group("paren") or match.group("post")
    return [
        AttendanceEntry(
            strip_titles(match.group("name")),
            status,
            normalise_space(capacity) if capacity else None,
            None,
            start,
            end,
            0.9,
            "attendance:line",
        )
    ]
