"""Normalising how people are named in minutes, so that one person gets one key.

"Mr. Lansing", "Robert Lansing", "LANSING, Robert" and "Secretary Lansing" all come down to the
same comparison form. The rules: fold case and accents, drop punctuation, strip honorifics and
titles at the front ("Mr.", "Sir", "Baron", "Secretary", "the Right Honorable"…) and courtesy
suffixes at the end ("Esquire", "Jr." is kept: it tells people apart), and turn "Surname,
Forenames" into "Forenames Surname".
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

#: Words that may precede a name and are not part of it (compared after folding, without dots).
HONORIFICS = frozenset(
    """
    mr mrs ms miss messrs mme mlle m dr doctor prof professor sir dame lady lord baron baroness count
    countess duke duchess marquis marquess earl viscount prince princess king queen emperor his her
    excellency majesty highness honorable honourable hon right rt rev reverend father monsignor
    cardinal bishop archbishop
    president vice secretary minister ambassador consul consul-general envoy senator senora senor
    representative governor mayor alderman councillor councilor deputy chairman chair commissioner
    judge justice chief general gen colonel col major maj captain capt lieutenant lt admiral
    commander commodore sergeant private herr frau signor monsieur don the
    bight clerk
    """.split()
)
# "bight" is how OCR reads "Right" in "the Bight Honorable" (frus1872p2v4); "Clerk" titles signatories.

#: Forms of address that put a surname after them ("Mr. King", "Dr. Major").
ADDRESS_FORMS = frozenset("mr mrs ms miss messrs dr herr frau monsieur mme mlle senor senora signor".split())

#: Title words that are also surnames, kept when a form of address precedes them.
SURNAME_TITLES = frozenset(
    "king major prince bishop duke earl baron lord count marshal judge dean queen".split()
)

#: Words after a name that are courtesy or rank, not part of it.
SUFFIXES = frozenset("esquire esq esqr".split())

#: Generational suffixes are part of the name: they tell a father and a son apart.
GENERATIONS = frozenset("jr sr ii iii iv".split())

_DASHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u2010": "-", "\u2011": "-", "\u2013": "-"})
_NOT_NAME = re.compile(r"[^a-z0-9' -]+")
_SPACES = re.compile(r"\s+")


def fold(text: str) -> str:
    """Lower case, accents removed, curly quotes straightened, whitespace collapsed."""
    if text.isascii():
        # Nothing to translate, decompose or drop (every step below but the last leaves ASCII as it is),
        # and most names are ASCII: the character-by-character filter was most of a FRUS reader's name work.
        return _SPACES.sub(" ", text.lower()).strip()
    text = unicodedata.normalize("NFKD", text.translate(_DASHES))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return _SPACES.sub(" ", text.replace("æ", "ae").replace("ß", "ss").lower()).strip()


@dataclass(frozen=True)
class PersonName:
    """A person's name split into the parts the resolver compares.

    ``given`` holds forenames or initials (each initial as one letter), ``surname`` the last
    name part(s); ``key`` is the normalised full name used to mint the person's IRI.
    """

    display: str
    given: tuple[str, ...]
    surname: str
    label: str

    @property
    def key(self) -> str:
        return " ".join((*self.given, self.surname)).strip()

    @property
    def has_initials_only(self) -> bool:
        return bool(self.given) and all(len(part) == 1 for part in self.given)

    def could_be(self, other: PersonName) -> bool:
        """True when this (shorter) name is compatible with ``other``: same surname, and each given
        name here equals or is the initial of the corresponding given name there."""
        if self.surname != other.surname or len(self.given) > len(other.given):
            return False
        for mine, theirs in zip(self.given, other.given, strict=False):
            if mine != theirs and not (len(mine) == 1 and theirs.startswith(mine)):
                return False
        return True


#: Forenames abbreviated in 19th- and early 20th-century print ("Geo. L. Berry" is George L. Berry).
FORENAME_ABBREVIATIONS = {
    "geo": "george",
    "chas": "charles",
    "wm": "william",
    "thos": "thomas",
    "jas": "james",
    "jno": "john",
    "robt": "robert",
    "saml": "samuel",
    "benj": "benjamin",
    "edw": "edward",
    "fredk": "frederick",
    "alex": "alexander",
    "richd": "richard",
}
# An editor's correction in brackets replaces the word before it: "Irving [Irwin] H. Hoover".
_CORRECTION = re.compile(r"\S+\s*\[([^\]\s]+)\]?")
# A list heading before a name ("Remote Attendance: M. Corby") is not part of it.
_HEADING = re.compile(r"^(?:[A-Za-z]+\s){0,2}[A-Za-z]+:\s+")


def clean_display(name: str) -> str:
    """The name as a person would write it: whitespace collapsed, stray punctuation trimmed."""
    display = _CORRECTION.sub(r"\1", _SPACES.sub(" ", name)).replace("[", "").replace("]", "")
    display = _HEADING.sub("", display).strip(" ,;:()")
    # A final dot ends a sentence unless it closes an initial or an abbreviation ("Newton D.", "Jr.").
    last = display.rsplit(" ", 1)[-1]
    if display.endswith(".") and len(last) > 3:
        display = display[:-1]
    return display


#: What is never one person's name: a letter's heading ("Judd to Mr. Seward"), a list ("Ching and
#: Li Hung-chang", "Messrs. Lansing and White"), an attendance line ("Present: Mr. Lansing Mr. White").
_NOT_ONE_PERSON = re.compile(r"(?:^|\s)(?:to|and|&)\s|^(?:present|absent|also present)\s*:|;", re.IGNORECASE)


def is_one_name(name: str) -> bool:
    """False for a heading, a list of names or an attendance line: text that names no single person."""
    display = clean_display(name)
    if _NOT_ONE_PERSON.search(display):
        return False
    head, comma, tail = display.partition(",")
    words = [w.strip(".") for w in fold(head).split()]
    tail_words = [w.strip(".") for w in fold(tail).split()]
    if comma and tail_words and tail_words[0] in ADDRESS_FORMS:
        # an index's inverted order puts the form of address after the surname ("Mezes, Dr. S. E.")
        tail_words = tail_words[1:]
    words += tail_words
    # a form of address between two words ("Mr. Lansing Mr. White") starts a second person
    return not any(w in ADDRESS_FORMS for w in words[1:-1])


@lru_cache(maxsize=16_384)  # pure; a run names the same people over and over (its result is frozen)
def parse_name(name: str) -> PersonName | None:
    """Split ``name`` into comparison parts, or ``None`` when nothing name-like is left.

    ``None`` too for text that names no single person (``is_one_name``). A form of address written
    after the surname ("Seward Mr.", the FRUS index's order) is dropped like one written before it.
    """
    if not is_one_name(name):
        return None
    display = clean_display(name)
    words_as_written = display.split()
    if len(words_as_written) > 1 and fold(words_as_written[-1]).strip(".") in ADDRESS_FORMS:
        display = " ".join(words_as_written[:-1]).rstrip(",")
    folded = fold(display)
    if "," in folded:
        head, _, tail = folded.partition(",")
        tail_words = [w for w in _NOT_NAME.sub(" ", tail).split() if w not in SUFFIXES]
        # "Lansing, Robert" → "Robert Lansing"; "Davis, esquire" keeps just "Davis";
        # "King, Jr." stays "King jr".
        if tail_words and all(w in GENERATIONS for w in tail_words):
            folded = head + " " + " ".join(tail_words)
        elif tail_words and not all(w in HONORIFICS for w in tail_words):
            folded = " ".join(tail_words) + " " + head
        else:
            folded = head
    words = [w.strip("'-") for w in _NOT_NAME.sub(" ", folded.replace(".", ". ")).split()]
    words = [w for w in words if w]
    addressed = bool(words) and words[0] in ADDRESS_FORMS
    while len(words) > 1 and words[0] in HONORIFICS:
        words.pop(0)
        # "Secretary of State Lansing", "Secretary of War Baker": the office is not the name.
        if len(words) > 2 and words[0] == "of":
            del words[:2]
            if words and words[0] == "the" and len(words) > 2:
                del words[:2]
    while words and words[-1] in SUFFIXES:
        words.pop()
    if len(words) == 1 and words[0] in HONORIFICS and not (addressed and words[0] in SURNAME_TITLES):
        # "The President", "Mr. Secretary": an office, not a name. "Mr. King" is a name.
        return None
    # "of Foo" after a title ("Count of Flanders") is a title, but after stripping we keep it as
    # written: it is the only name the source gives.
    if not words:
        return None
    generation = words.pop() if len(words) > 1 and words[-1] in GENERATIONS else None
    # Particles stay with the surname: "de Lesseps", "van Buren", "d'Itajuba".
    surname_parts = [words.pop()]
    while words and words[-1] in {"de", "da", "di", "van", "von", "der", "du", "le", "la", "del", "y"}:
        surname_parts.insert(0, words.pop())
    if generation:
        surname_parts.append(generation)
    given = tuple(FORENAME_ABBREVIATIONS.get(w.rstrip("."), w.rstrip(".")) for w in words)
    return PersonName(display=display, given=given, surname=" ".join(surname_parts), label=_label(display))


def _label(display: str) -> str:
    """The display name without leading titles, in "Forenames Surname" order, case as written."""
    head, comma, tail = display.partition(",")
    tail_fold = fold(tail).replace(".", "").split()
    if (
        comma
        and tail_fold
        and not all(w in HONORIFICS or w in SUFFIXES or w in GENERATIONS for w in tail_fold)
    ):
        display = f"{tail.strip()} {head.strip()}"
    elif comma and tail_fold and all(w in GENERATIONS for w in tail_fold):
        display = f"{head.strip()}, {tail.strip()}"
    else:
        display = head.strip()
    tokens = display.split()
    while len(tokens) > 1 and fold(tokens[0]).strip(".") in HONORIFICS:
        tokens.pop(0)
        if len(tokens) > 2 and tokens[0] == "of":
            del tokens[:2]
    return " ".join(tokens) or display


#: Adjectives and country names that tie a post to a country (ISO 3166-1 alpha-2), used to tell
#: apart two people with the same name: "British Ambassador" and "American Minister" cannot be
#: the same person.
DEMONYMS: dict[str, str] = {
    "american": "US",
    "united states": "US",
    "british": "GB",
    "english": "GB",
    "french": "FR",
    "italian": "IT",
    "german": "DE",
    "japanese": "JP",
    "chinese": "CN",
    "russian": "RU",
    "spanish": "ES",
    "portuguese": "PT",
    "belgian": "BE",
    "dutch": "NL",
    "swiss": "CH",
    "austrian": "AT",
    "hungarian": "HU",
    "polish": "PL",
    "czechoslovak": "CZ",
    "serbian": "RS",
    "greek": "GR",
    "turkish": "TR",
    "persian": "IR",
    "brazilian": "BR",
    "mexican": "MX",
    "argentine": "AR",
    "chilean": "CL",
    "peruvian": "PE",
    "canadian": "CA",
    "swedish": "SE",
    "norwegian": "NO",
    "danish": "DK",
    "rumanian": "RO",
    "romanian": "RO",
    "bulgarian": "BG",
    "siamese": "TH",
    "egyptian": "EG",
    "cuban": "CU",
    "haitian": "HT",
    "liberian": "LR",
    "australian": "AU",
    "indian": "IN",
    "korean": "KR",
    "israeli": "IL",
    "soviet": "RU",
}
_DEMONYM = re.compile(r"\b(" + "|".join(sorted(map(re.escape, DEMONYMS), key=len, reverse=True)) + r")\b")


def post_countries(post: str) -> frozenset[str]:
    """The countries a post names through a demonym ("British Ambassador at Washington" → GB)."""
    found = {DEMONYMS[m.group(1)] for m in _DEMONYM.finditer(fold(post))}
    # "British Ambassador at Washington": the place of posting is not the holder's country, but
    # only demonyms are matched, so "Washington" never adds US.
    return frozenset(found)
