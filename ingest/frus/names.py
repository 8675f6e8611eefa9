"""How the names written in a FRUS volume become persons: one name per person, titles aside.

A ``persName`` or a list is not always one person's name. The legacy volumes wrap a letter's whole
heading in ``persName type="from"`` ("Mr. Fogg to Mr. Seward": the author *and* the recipient), a
list of those present can run names together ("Present: Mr. Lansing Mr. White"), and a name can be
two persons ("Ching and Li Hung-chang"). This module splits such text into names, and drops what is
not part of a name ("From Mr. Harvey", "Mr., Seward" with a stray comma) so that "Seward",
"Mr. Seward" and "Seward Mr." are one spelling for the resolver.

Titles are recognised with nameparser's maintained list of titles (``nameparser.config.CONSTANTS``)
plus the forms of address of 19th- and 20th-century diplomacy it lacks ("M." for Monsieur).
The volume's own List of Principal Persons outranks every guess: ``PersonsIndex`` finds the one
entry a bare surname ("Lansing") or a shortened name ("R. Lansing") stands for.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from nameparser.config import CONSTANTS
from rdflib import URIRef

from ..resolve_names import parse_name

#: Forms of address that start a new person in a run of names ("Mr. Lansing Mr. White").
_ADDRESS = frozenset(
    "mr mrs miss ms messrs m mm mme mlle dr doctor general gen genl colonel col captain capt admiral adm "
    "major maj lieutenant lt commander comdr cmdr professor prof sir lord lady count countess baron "
    "viscount marquis marquess duke prince senator judge ambassador secretary president signor signore "
    "senor señor herr don dona baroness hon honorable honourable the".split()
)
_TITLE_WORDS = frozenset(CONSTANTS.titles) | _ADDRESS
_PARTICLES = frozenset("de da di del della des du d van von der den le la y ter ten bin ibn al el".split())

_SPACES = re.compile(r"\s+")
#: "From Mr. Harvey", "The Duke de Soulé": words before the name that belong to the heading.
_LEADING = re.compile(r"^(?:from|by|to)\s+", re.IGNORECASE)
#: A stray comma after a title ("Mr., Seward") or before a dot.
_TITLE_COMMA = re.compile(r"\b((?:" + "|".join(sorted(_ADDRESS, key=len, reverse=True)) + r")\.?),\s*", re.I)
#: "A to B" inside one heading: the author, then the addressee.
_TO = re.compile(r"\s+to\s+(?=(?:the\s+)?[A-Z])")
#: Separators of a list of persons: ";", ", and", " and ", ",".
_AND = re.compile(r"\s*;\s*|\s*,?\s+and\s+|\s*&\s*")


def _word_key(word: str) -> str:
    return word.strip(".,;:()[]").lower()


def is_title(word: str) -> bool:
    """Whether ``word`` ("Mr.", "General", "Viscount") is a title or form of address, not a name."""
    return _word_key(word) in _TITLE_WORDS


@lru_cache(maxsize=8192)  # a volume names the same few hundred people over and over
def clean(text: str) -> str:
    """One name as written, without heading words and stray punctuation; titles are kept for the
    resolver, which sets them aside ("From Mr. Harvey" → "Mr. Harvey"; "Mr., Seward" → "Mr. Seward")."""
    text = _SPACES.sub(" ", text).strip(" ,;:")
    text = _LEADING.sub("", text)
    text = _TITLE_COMMA.sub(r"\1 ", text)
    text = uninvert(text).strip(" ,;:")
    last = text.rsplit(" ", 1)[-1].rstrip(".").lower()
    if text.endswith(".") and len(last) > 2 and last not in _KEEP_DOT:
        text = text[:-1]  # the sentence's full stop, not an initial's or "Jr."'s
    return text


_KEEP_DOT = frozenset({"jr", "sr", "esq", "bart"})


def uninvert(text: str) -> str:
    """ "Uchida, Viscount, Yasuya" (a persons list's surname first, title between) → "Viscount Yasuya
    Uchida"; other names unchanged (the resolver reads "Lansing, Robert" itself)."""
    parts = [p.strip() for p in text.split(",")]
    if len(parts) == 3 and parts[0] and all(is_title(w) for w in parts[1].split()) and parts[2]:
        if not all(is_title(w) or w.lower().rstrip(".") in ("jr", "sr") for w in parts[2].split()):
            return f"{parts[1]} {parts[2]} {parts[0]}"
    return text


def heading_parties(text: str) -> tuple[str, str | None]:
    """A letter heading read as names: "Mr. Fogg to Mr. Seward" → ("Mr. Fogg", "Mr. Seward");
    a plain name → (name, None)."""
    cleaned = clean(text)
    parts = _TO.split(cleaned, maxsplit=1)
    if len(parts) == 2 and parts[0].strip() and parts[1].strip():
        return clean(parts[0]), clean(parts[1])
    return cleaned, None


def split_people(text: str) -> list[str]:
    """The persons in a run of names: "Ching and Li Hung-chang" → two; "Mr. Lansing Mr. White" → two;
    "Mr. Lansing, Mr. House, and General Bliss" → three. A single name comes back alone, and an
    inverted name ("Lansing, Robert") or a suffix ("Warrin, Jr.") is not split at its comma."""
    return list(_split_people(text))


@lru_cache(maxsize=8192)  # pure, and asked again for every mention of a listed person
def _split_people(text: str) -> tuple[str, ...]:
    return tuple(_people(text))


def _people(text: str) -> list[str]:
    text = clean(text)
    if not text:
        return []
    out: list[str] = []
    for part in _AND.split(text):
        for piece in _split_commas(part):
            out.extend(_split_at_titles(piece))
    return [name for name in (clean(p) for p in out) if name]


def _split_commas(part: str) -> list[str]:
    pieces = [p.strip() for p in part.split(",") if p.strip()]
    if len(pieces) <= 1:
        return pieces
    # "Lansing, Robert", "Warrin, Jr.", "Uchida, Viscount, Yasuya": one person written inverted.
    # Several persons are separated by commas only when each piece starts with a title or has two words.
    if all(len(p.split()) >= 2 or is_title(p.split()[0]) for p in pieces):
        return pieces
    return [part]


def _split_at_titles(piece: str) -> list[str]:
    """Split "Mr. Lansing Mr. White" before each form of address that follows a name word."""
    words = piece.split()
    names: list[list[str]] = [[]]
    for index, word in enumerate(words):
        current = names[-1]
        inside = sum(w.count("(") - w.count(")") for w in current) > 0  # "Mr. Grew (Secretary …)"
        starts_person = (
            not inside
            and not word.startswith(("(", "["))
            and (
                _word_key(word) in _ADDRESS
                and _word_key(word) != "the"
                and current
                and not is_title(current[-1])
                and not current[-1].endswith(",")
                and _word_key(current[-1]) not in _PARTICLES
                and index + 1 < len(words)
            )
        )
        if starts_person:
            names.append([word])
        else:
            current.append(word)
    return [" ".join(n) for n in names if n]


@lru_cache(maxsize=8192)  # pure, and asked again for every mention of a listed person
def name_key(text: str) -> tuple[str, tuple[str, ...]] | None:
    """(surname, given names and initials) of a name, folded, titles aside; ``None`` if not a name."""
    parsed = parse_name(clean(text))
    if parsed is None:
        return None
    return parsed.surname, tuple(parsed.given)


@dataclass
class PersonsIndex:
    """The volume's List of Principal Persons by surname, to give a shortened name its one entry."""

    by_surname: dict[str, list[tuple[tuple[str, ...], URIRef]]] = field(default_factory=dict)

    def add(self, name: str, iri: URIRef) -> None:
        key = name_key(name)
        if key is None:
            return
        entries = self.by_surname.setdefault(key[0], [])
        if all(existing != iri for _, existing in entries):
            entries.append((key[1], iri))

    def find(self, name: str) -> URIRef | None:
        """The one listed person ``name`` can stand for: same surname, and given names or initials that
        agree with the entry's ("Lansing", "R. Lansing", "Robert Lansing" → Robert Lansing). ``None``
        when no entry or more than one fits."""
        key = name_key(name)
        if key is None:
            return None
        surname, given = key
        fits = [iri for listed, iri in self.by_surname.get(surname, []) if _given_agree(given, listed)]
        return fits[0] if len(set(fits)) == 1 else None


def _given_agree(given: tuple[str, ...], listed: tuple[str, ...]) -> bool:
    """ "R." agrees with "Robert"; no given names agree with any; a different first name does not."""
    if not given or not listed:
        return True
    first, other = given[0], listed[0]
    return (
        first == other
        or (len(first) == 1 and other.startswith(first))
        or (len(other) == 1 and first.startswith(other))
    )
