"""Dates written out in a FRUS head, dateline or opening line, read with python-dateutil.

Records write their dates many ways: "December 30, 1918", "1 May, 1919", "12th August, 1919",
"March 20th [Wednesday, March 19th], 1919" (the editors' correction in brackets is the date kept),
"the 16th day of December, A. D. 1871", "the l4th of September, 1872" (OCR reads the digit 1 as the
letter l), "the fifteenth day of December, in the year of our Lord one thousand eight hundred and
seventy-one", or "Monday, December 30" with no year.

This module only *locates* the spans that can be dates (a month name with a day, in either order,
and an optional year); python-dateutil's parser reads each span, so the many written forms are the
library's business. A span without a year is read in the year the caller gives (the volume's or
the previous document's) and reported as such, so the reader can mark the date uncertain.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from dateutil import parser as date_parser
from rdflib import Literal

_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?"
)
_DAY = r"[l\d]{1,2}(?:st|nd|rd|th|d)?"
_YEAR = r"(?:(?:A\.\s?D\.\s?|in the year\s+)?(?P<year>1[5-9]\d\d|20\d\d))"
#: "December 30, 1918", "March 20th [Wednesday, March 19th], 1919", "December 30".
_MONTH_DAY = re.compile(
    rf"\b(?P<month>{_MONTH})\s+(?P<day>{_DAY})\b(?:\s*\[(?P<correction>[^\]]*)\])?(?:,?\s*{_YEAR})?",
    re.IGNORECASE,
)
#: The editors' correction in brackets after a date: "[Wednesday, March 19th]" or "[19th]".
_CORRECTED = re.compile(rf"\b(?:(?P<month>{_MONTH})\s+)?(?P<day>{_DAY})\b", re.IGNORECASE)
#: "1 May, 1919", "12th August, 1919", "the 16th day of December, A. D. 1871", "the l4th of September".
_DAY_MONTH = re.compile(
    rf"\b(?P<day>{_DAY})\s+(?:day\s+)?(?:of\s+)?(?P<month>{_MONTH})(?:,?\s*{_YEAR})?", re.IGNORECASE
)
#: "the fifteenth day of December, in the year of our Lord one thousand eight hundred and seventy-one".
_WORDS_DATE = re.compile(
    rf"\b(?P<day>[a-z-]+) day of (?P<month>{_MONTH}),? in the year of our Lord "
    rf"(?P<year>[a-z -]+?)(?=[.,;]|$)",
    re.IGNORECASE,
)
_ON = re.compile(r"\bon (?:the )?$", re.IGNORECASE)

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
    if w != "_"
}
_ORDINALS = {
    w: i
    for i, w in enumerate(
        "_ first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth "
        "fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth".split()
    )
    if i
} | {"twentieth": 20, "thirtieth": 30}


@dataclass(frozen=True)
class FoundDate:
    """A date read from text; ``year_stated`` is False when the year came from the caller."""

    value: date
    year_stated: bool


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


def _parse(month: str, day: str, year: int) -> date | None:
    """One located span read by dateutil ("December 30 1918", "12th August 1919")."""
    day = re.sub(r"(?:st|nd|rd|th|d)$", "", day.replace("l", "1").replace("L", "1"))
    try:
        return date_parser.parse(f"{day} {month} {year}", default=datetime(year, 1, 1)).date()
    except (ValueError, OverflowError):
        return None


def dates_in(text: str, default_year: int | None = None) -> list[tuple[int, FoundDate]]:
    """Every date written out in ``text`` with where it starts, in order. A date without a year is
    read in ``default_year`` (and left out when there is none)."""
    found: dict[int, FoundDate] = {}
    taken: list[tuple[int, int]] = []
    for match in _WORDS_DATE.finditer(text):
        day, year = ordinal_words(match.group("day")), number_words(match.group("year"))
        if day and year:
            value = _parse(match.group("month"), str(day), year)
            if value is not None:
                found[match.start()] = FoundDate(value, True)
                taken.append(match.span())
    for pattern in (_MONTH_DAY, _DAY_MONTH):
        for match in pattern.finditer(text):
            if any(a <= match.start() < b for a, b in taken):
                continue
            stated = match.group("year")
            year = int(stated) if stated else default_year
            if year is None:
                continue
            month, day_of_month = match.group("month"), match.group("day")
            # Square brackets are the editors' words: "March 20th [Wednesday, March 19th], 1919" is a
            # record misdated by its writer, held on the 19th (as "Irving [Irwin] H. Hoover" is Irwin).
            correction = _CORRECTED.search(match.groupdict().get("correction") or "")
            if correction is not None:
                month = correction.group("month") or month
                day_of_month = correction.group("day")
            value = _parse(month, day_of_month, year)
            if value is not None:
                found[match.start()] = FoundDate(value, bool(stated))
                taken.append(match.span())
    return sorted(found.items())


def date_of(text: str, default_year: int | None = None) -> FoundDate | None:
    """The date a head or dateline gives for its document.

    A head can name two dates ("…the treaty … concluded on the 8th of May, 1871, at the first
    conference held … on the fifteenth day of December…"): a date introduced by "on (the)" is
    preferred, else the last one with a year, which is where heads put the document's own date.
    """
    candidates = dates_in(text, default_year)
    if not candidates:
        return None
    introduced = [d for start, d in candidates if _ON.search(text[max(0, start - 8) : start])]
    if introduced:
        return introduced[-1]
    stated = [d for _, d in candidates if d.year_stated]
    return stated[-1] if stated else candidates[-1][1]


def day(value: Literal | None) -> date | None:
    """The day an ``xsd:date`` literal names, for the shared emitter; None when there is none or it is
    not a real day (a ``frus:doc-dateTime-min`` of "1919-02-30", kept by the caller as the volume
    wrote it, so SHACL reports the ill-typed date rather than the reader hiding it)."""
    found = value.toPython() if value is not None else None
    return found if isinstance(found, date) else None
