"""Patterns shared by the plain-text, Word and PDF minutes readers.

Secretariats write minutes in a small number of recurring phrasings ("Present:", "RESOLVED that",
"Voting for this action: Messrs. A and B, and Ms. C"). This module holds those phrasings as
regular expressions plus the few helpers that turn a matched span into names, dates and
sentences, always keeping character offsets into the decoded text so that every fact can point
back to the exact words it came from.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

#: C1 control characters that scraped files carry where cp1252 punctuation was meant. Mapping one
#: character to one character keeps every offset valid.
_C1_TO_CP1252 = {chr(code): bytes([code]).decode("cp1252", "replace") for code in range(0x80, 0xA0)}
_C1_TABLE = str.maketrans({k: (v if v != "\ufffd" else " ") for k, v in _C1_TO_CP1252.items()})


def decode_source(data: bytes) -> str:
    """The text of a plain-text source: UTF-8 (BOM stripped), else cp1252; C1 controls repaired."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", "replace")
    return text.translate(_C1_TABLE)


HONORIFIC = r"(?:Messrs|Mses|Mmes|Mrs|Mr|Ms|Dr)\."
_PLURAL_HONORIFICS = {"Messrs.", "Mses.", "Mmes."}
# A surname as FOMC minutes write it: one capitalised word, maybe hyphenated or with an apostrophe.
# A surname stops where a glued honorific starts ("DukeMr. Fisher" lost its line break).
_SURNAME = (
    r"(?:(?:Del|De|Van|Von|Da|Di|La|Le)\s)?[A-Z](?:(?!(?:Messrs|Mses|Mrs|Mr|Ms|Dr)\.)[^\W\d_]|['’\-])*"
    r"[^\W\dA-Z_]"
)
_FOOTNOTE = r"(?:\s?[0-9¹²³⁴⁵⁶⁷⁸⁹⁰]{1,2}(?![0-9]))?"
_HONORIFIC_RE = re.compile(rf"(?<![A-Z]){HONORIFIC}\s*")
_NAME_RE = re.compile(rf"((?:[A-Z]\.\s?)*{_SURNAME}){_FOOTNOTE}")
_LIST_SEP_RE = re.compile(rf"(?:,{_FOOTNOTE}|;)\s*(?:and\s+)?|\s+and\s+")


@dataclass(frozen=True)
class NameSpan:
    """A person's name as written, with the honorific that introduced it and its offsets."""

    name: str
    honorific: str
    start: int
    end: int


def parse_honorific_list(text: str, pos: int) -> tuple[list[NameSpan], int]:
    """Read "Messrs. A, B, and C, Ms. D, and Mr. E" starting at ``pos``.

    Returns the names and the offset just after the last name. The list ends at anything that is
    not a separator followed by a name or an honorific, so "Mr. Lacker Mr. Lacker dissented"
    yields only the first Lacker: a new honorific without a comma or "and" starts a new entry.
    """
    names: list[NameSpan] = []
    honorific = ""
    cursor = pos
    expect_honorific = True
    closing = False  # after "and", a bare surname is the last one of its honorific
    while True:
        h = _HONORIFIC_RE.match(text, cursor)
        if h:
            honorific = h.group(0).strip()
            cursor = h.end()
            closing = False
        elif expect_honorific and not names:
            return names, pos
        n = _NAME_RE.match(text, cursor)
        if not n:
            break
        names.append(NameSpan(n.group(1), honorific, n.start(1), n.end(1)))
        end = n.end()
        sep = _LIST_SEP_RE.match(text, end)
        if not sep or sep.end() == end:
            cursor = end
            break
        following = text[sep.end() : sep.end() + 12]
        if _HONORIFIC_RE.match(following):
            cursor = sep.end()
            expect_honorific = False
            continue
        # Only a plural honorific ("Messrs.") may carry several bare surnames after it.
        if honorific in _PLURAL_HONORIFICS and not closing and _NAME_RE.match(text, sep.end()):
            closing = "and" in sep.group(0)
            cursor = sep.end()
            continue
        cursor = end
        break
    return names, (names[-1].end if names else pos)


_MONTHS = {
    m: i
    for i, m in enumerate(
        [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ],
        start=1,
    )
}
_MONTH_NAMES = "|".join(m.capitalize() for m in _MONTHS)
DATE_RE = re.compile(
    rf"\b(?:(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m1>{_MONTH_NAMES}),?\s+(?P<y1>\d{{4}})"
    rf"|(?P<m2>{_MONTH_NAMES})\s+(?P<d2>\d{{1,2}})(?:-\d{{1,2}})?(?:st|nd|rd|th)?,?\s+(?P<y2>\d{{4}})"
    rf"|(?P<iso>\d{{4}}-\d{{2}}-\d{{2}}))\b"
)


def parse_date(match: re.Match[str]) -> dt.date | None:
    """The date a ``DATE_RE`` match names, or ``None`` when it is not a real calendar date."""
    try:
        if match.group("iso"):
            return dt.date.fromisoformat(match.group("iso"))
        if match.group("y1"):
            return dt.date(int(match.group("y1")), _MONTHS[match.group("m1").lower()], int(match.group("d1")))
        return dt.date(int(match.group("y2")), _MONTHS[match.group("m2").lower()], int(match.group("d2")))
    except ValueError:
        return None


def first_date(text: str) -> dt.date | None:
    for match in DATE_RE.finditer(text):
        found = parse_date(match)
        if found:
            return found
    return None


# Abbreviations after which a period does not end a sentence.
_NO_BREAK = (
    "Mr",
    "Ms",
    "Mrs",
    "Dr",
    "Messrs",
    "Mses",
    "St",
    "Cllr",
    "No",
    "U.S",
    "D.C",
    "Inc",
    "e.g",
    "i.e",
    "vs",
    "Co",
    "Jr",
    "Sr",
)
# A sentence ends at ". X", at a blank line, before a "____" signature rule, and where scraping
# glued two sentences together ("June 24-25, 2008.The meeting adjourned").
_SENTENCE_END_RE = re.compile(
    r"(?<=[.!?])[\"”’)]?(?=\s+[\"“A-Z(_]|\s*$)|(?<=[a-z0-9]{2}[.!?])(?=[A-Z][a-z]|_)|\n\s*\n"
)


def sentence_bounds(text: str, pos: int, limit: int = 4000) -> tuple[int, int]:
    """The offsets of the sentence around ``pos``: from after the previous full stop to the next one."""
    start = pos
    lower = max(0, pos - limit)
    while start > lower:
        ch = text[start - 1]
        if ch == "\n" and start - 2 >= 0 and text[start - 2] == "\n":
            break
        at_space = start >= len(text) or text[start : start + 1].isspace()
        if ch in ".!?" and at_space and not _is_abbreviation(text, start - 1):
            break
        if ch in '"”’' and at_space and start >= 2 and text[start - 2] in ".!?":
            break  # a quotation that ends a sentence: `… Account." By notation vote …`
        if ch == ":" and text[start : start + 1] == "\n":
            break
        start -= 1
    while start < pos and text[start].isspace():
        start += 1
    end = sentence_end(text, pos, limit)
    return start, end


def sentence_end(text: str, pos: int, limit: int = 4000) -> int:
    """The offset just after the sentence that contains ``pos`` (abbreviations do not end it)."""
    upper = min(len(text), pos + limit)
    for match in _SENTENCE_END_RE.finditer(text, pos, upper):
        end = match.end() if match.group(0).strip() else match.start()
        if match.group(0).startswith("\n"):
            return match.start()
        if not _is_abbreviation(text, match.start() - 1 if text[match.start() - 1] == "." else match.start()):
            return end
    newline = text.find("\n", pos, upper)
    return newline if newline != -1 else upper


def _is_abbreviation(text: str, dot: int) -> bool:
    """Whether the full stop at ``dot`` belongs to an abbreviation or an initial ("J. Smith")."""
    if dot < 0 or dot >= len(text) or text[dot] != ".":
        return False
    word = re.search(r"[A-Za-z.]+$", text[max(0, dot - 8) : dot])
    if not word:
        return False
    token = word.group(0).lstrip(".")  # "1.A." in "paragraph 1.A. of the Authorization"
    return token in _NO_BREAK or (len(token) == 1 and token.isupper()) or token.endswith(_NO_BREAK)


def clean_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink ``[start, end)`` so it neither starts nor ends with whitespace."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def normalise_space(value: str) -> str:
    return re.sub(r"\s+", " ", value.replace("\u00a0", " ")).strip()


def short_label(value: str, limit: int = 90) -> str:
    """A title-length version of a decision text, cut at a word boundary."""
    value = normalise_space(value).strip('"“” ')
    if len(value) <= limit:
        return value
    cut = value.rfind(" ", 0, limit)
    return value[: cut if cut > 40 else limit].rstrip(",;: ") + "…"


_TITLES = re.compile(
    r"^(?:(?:Councillors?|Cllrs?\.?|Mayor|Deputy Mayor|Deputy|Alderman|Alderwoman|Sir|Dame|Dr\.?|"
    r"Mr\.?|Mrs\.?|Ms\.?|Miss|Prof\.?|Professor|His Worship|Her Worship|the)\s+)+",
    re.IGNORECASE,
)


def strip_titles(name: str) -> str:
    """ "Mayor J. Morgan" → "J. Morgan"; NBSPs and footnote digits removed."""
    name = normalise_space(name)
    name = re.sub(r"[0-9¹²³⁴⁵⁶⁷⁸⁹⁰]+$", "", name).strip(" ,;")
    if len(name) > 3 and name.endswith(".") and name[-3] != ".":  # "C Wray." but not "Smith J."
        name = name[:-1]
    name = re.sub(r"\b([A-Z]\.)(?=[A-Z][a-z])", r"\1 ", name)  # "S.Franke" → "S. Franke"
    return _TITLES.sub("", name).strip()


class NameBook:
    """The people a set of minutes names in full, so a later "Rivera" or "J. Smith" finds "Jane Rivera"."""

    def __init__(self) -> None:
        self._full: list[str] = []

    def add(self, name: str) -> None:
        if name not in self._full:
            self._full.append(name)

    def canonical(self, name: str) -> str:
        """The one full name ``name`` abbreviates, else ``name`` itself (ambiguity is never guessed)."""
        name = strip_titles(name)
        if name in self._full:
            return name
        parts = name.replace(".", ". ").split()
        surname = parts[-1] if parts else name
        initials = [p[0] for p in parts[:-1]]
        matches = [
            full
            for full in self._full
            if full.split()[-1] == surname
            and all(i == f[0] for i, f in zip(initials, full.split()[:-1], strict=False))
        ]
        return matches[0] if len(matches) == 1 else name
