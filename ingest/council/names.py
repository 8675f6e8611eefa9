"""Names in eScribe council records: titles off, one spelling per person, the remote-attendance note.

The records write one councillor several ways ("Mayor J. Morgan", "J. Morgan", "His Worship the Mayor
J. Morgan"; "S. Datars Bere" and "S. Datars-Bere"; "P. Yeoman." with a stray full stop) and guests
with their firm ("E. Pellarin (KPMG)"). Within one record every spelling of a person maps to the first
one seen, keyed on the first initial and the surname with spaces and hyphens removed. Telling people
apart across records is the resolver's job (``ingest.resolve``), not this module's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..heuristics import normalise_space, strip_titles

#: A title that says what post the person holds at this meeting (kept as the attendance's capacity).
_CAPACITY = re.compile(
    r"^\s*(?:His Worship\s+(?:the\s+)?|Her Worship\s+(?:the\s+)?)?(Deputy Mayor|Mayor|Deputy)\b", re.I
)
_GUEST = re.compile(r"^(?P<name>.+?)\s*\((?P<org>[^)]+)\)\s*\.?\s*$")
_NOT_A_NAME = {"", "none", "n/a", "nil"}


@dataclass(frozen=True)
class WrittenName:
    """One name as a list writes it: the person's name, the post its title gives, the firm in brackets."""

    name: str
    capacity: str | None = None
    organisation: str | None = None


def read_name(written: str) -> WrittenName | None:
    """ "Mayor J. Morgan" → J. Morgan (Mayor); "Deputy  S. Lewis" → S. Lewis (Deputy Mayor);
    "K. DenBok (KPMG)" → K. DenBok for KPMG; "None" → ``None``."""
    text = normalise_space(written)
    organisation = None
    guest = _GUEST.match(text)
    if guest:
        text, organisation = guest.group("name"), normalise_space(guest.group("org"))
    capacity = None
    title = _CAPACITY.match(text)
    if title:
        capacity = "Deputy Mayor" if title.group(1).lower().startswith("deputy") else "Mayor"
    name = strip_titles(text).strip(" ,;:")
    if name.lower() in _NOT_A_NAME or not re.search(r"[A-Za-z]{2}", name):
        return None
    return WrittenName(name, capacity, organisation)


def name_key(name: str) -> str:
    """First initial + surname, case, spaces and hyphens folded: "S. Datars-Bere" = "S. Datars Bere"."""
    parts = [p for p in re.split(r"[\s.]+", name) if p]
    if not parts:
        return ""
    if len(parts) == 1:
        return parts[0].lower()
    rest = parts[1:]
    while len(rest) > 1 and len(rest[0]) == 1:  # middle initials: "J. L. Smith" = "J. Smith"
        rest = rest[1:]
    first = parts[0][0].lower()
    surname = re.sub(r"[^a-z]", "", "".join(rest).lower())
    return f"{first} {surname}"


class NameBook:
    """The one spelling each person of a record is stored under."""

    def __init__(self) -> None:
        self._by_key: dict[str, str] = {}

    def canonical(self, name: str) -> str:
        key = name_key(name)
        return self._by_key.setdefault(key, name) if key else name


_REMOTE = re.compile(
    r"(?P<names>.*?)\s+(?:was|were)\s+(?:in\s+remote\s+attendance|participating\s+(?:remotely|virtually)"
    r"|present\s+(?:remotely|virtually)|attending\s+(?:remotely|virtually))",
    re.I,
)
_LEAD_IN = re.compile(r"^.*?\b(?:noted|noting|recorded)\s+that\s+", re.I)
_LIST_SPLIT = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+", re.I)
_PLURAL_TITLE = re.compile(r"^(?:Councillors|Councillor|Members?)\s+", re.I)


def remote_attendees(paragraph: str) -> list[str]:
    """Who a call-to-order note says attended remotely: "it being noted that Mayor J. Morgan and
    Councillors S. Stevenson, J. Pribil (at 3:08 PM) were in remote attendance" → three names."""
    out = []
    text = re.sub(r"\([^)]*\)", "", normalise_space(paragraph))
    for clause in re.split(r";", text):
        match = _REMOTE.search(clause)
        if not match:
            continue
        names = _LEAD_IN.sub("", match.group("names"))
        for part in _LIST_SPLIT.split(names):
            part = _PLURAL_TITLE.sub("", part.strip())
            written = read_name(part)
            if written is not None and re.search(r"[A-Z][a-z]", written.name):
                out.append(written.name)
    return out
