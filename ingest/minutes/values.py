"""Values written in minutes fields: dates, numbers, money, choices from a fixed list.

Each parser takes the ``Field`` it reads, so that a bad value is refused with the file, the line and
the field name, and a hint of what to write instead.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation

from ..document import ReaderError
from ..minutes_text import Bullet, Field

_MONEY = re.compile(r"^(?:([A-Z]{3})\s+)?([0-9][0-9,_]*(?:\.[0-9]+)?)\s*(thousand|million|billion)?"
                    r"(?:\s+([A-Z]{3}))?$")
_SCALE = {None: 1, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}


def field_error(source: str, where: Field | Bullet | None, problem: str,
                name: str | None = None) -> ReaderError:
    """A ``ReaderError`` at the line of ``where``, naming the field (``where.key`` unless ``name``)."""
    line = where.line if where is not None else 1
    name = name or (where.key if isinstance(where, Field) else None)
    return ReaderError(f"{source}:{line}", f"field '{name}': {problem}" if name else problem)


_MONTHS = {
    name: number
    for number, names in enumerate(
        (("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
         ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
         ("october", "oct"), ("november", "nov"), ("december", "dec")),
        start=1,
    )
    for name in names
}
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_MONTH = r"(?P<month>[A-Za-z]{3,9})\.?"
_YEAR = r"(?P<year>\d{4})"
_WRITTEN_DATES = (
    re.compile(rf"^(?:[A-Za-z]+,?\s+)?{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}$"),  # 12th August, 1919
    re.compile(rf"^(?:[A-Za-z]+,?\s+)?{_MONTH}\s+{_DAY},?\s+{_YEAR}$"),  # Monday, December 30, 1918
)


def written_date(value: str) -> dt.date | None:
    """An ISO date, or one written with the month's name ("16 February 2016", "12th August, 1919",
    "Monday, December 30, 1918"), as a date; ``None`` for anything else. All-number forms other than
    ISO ("03/04/2016") are not guessed: day and month cannot be told apart."""
    text = " ".join(str(value).split())
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        pass
    for pattern in _WRITTEN_DATES:
        match = pattern.match(text)
        month = _MONTHS.get(match.group("month").lower()) if match else None
        if match and month:
            try:
                return dt.date(int(match.group("year")), month, int(match.group("day")))
            except ValueError:
                return None
    return None


def parse_date(source: str, field: Field) -> dt.date:
    value = written_date(field.value)
    if value is None:
        raise field_error(source, field, f"{field.value!r} is not a date; write YYYY-MM-DD") from None
    return value


def parse_number(source: str, field: Field) -> Decimal:
    try:
        return Decimal(field.value.replace(",", "").replace("_", "").strip())
    except InvalidOperation:
        raise field_error(source, field, f"{field.value!r} is not a number") from None


def parse_money(source: str, field: Field) -> tuple[Decimal, str]:
    """``250,000 EUR``, ``EUR 250000`` or ``4.5 million EUR`` → ``(Decimal, "EUR")``."""
    match = _MONEY.match(field.value.strip())
    if not match or bool(match.group(1)) == bool(match.group(4)):
        raise field_error(source, field, f"{field.value!r} is not an amount with one ISO 4217 currency code, "
                                         "e.g. '250,000 EUR' or '12.5 million EUR'")
    amount = Decimal(match.group(2).replace(",", "").replace("_", "")) * _SCALE[match.group(3)]
    return amount, match.group(1) or match.group(4)


def parse_choice(source: str, field: Field | None, allowed: tuple[str, ...], default: str) -> str:
    if field is None:
        return default
    value = field.value.lower()
    if value not in allowed:
        raise field_error(source, field, f"{field.value!r} is not one of {', '.join(allowed)}")
    return value
