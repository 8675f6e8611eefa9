"""People's names as minutes list them: "Messrs. A, B, and C", "Janet L. Yellen, William C. Dudley, and …".

Two ways of writing a list are read by one tokenizer. With honorifics (FOMC minutes before 2010,
secretariat minutes) every "Mr." or "Messrs." opens a name that is a surname, maybe with initials
("Mr. J. Davis"). Without them (FOMC minutes from 2010) a name runs over capitalised words and
initials up to a separator. Where names follow each other with no separator at all ("Richard W.
Fisher Narayana Kocherlakota Sandra Pianalto") the run is split by ``split_run``: first on names the
same record spells elsewhere with separators, then on middle initials, then in pairs. A split made by
pairing alone is a guess and is flagged, so the reader can send it for review.

``nameparser`` (a maintained human-name parser) gives the surname and first name that names are
compared on ("Mr. Lacker" is "Jeffrey M. Lacker" of the same meeting).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from nameparser import HumanName

HONORIFICS = {"Mr.", "Ms.", "Mrs.", "Dr.", "Messrs.", "Mses.", "Mmes.", "Mss."}
#: Words that are never part of a person's name in a list: they start the next label or sentence.
STOP_WORDS = {
    "None",
    "Absent",
    "Abstaining",
    "Abstained",
    "Voting",
    "Votes",
    "Vote",
    "The",
    "By",
    "In",
    "At",
    "It",
    "This",
    "That",
    "On",
    "With",
    "Following",
    "Secretary's",
    "Return",
    "Chairman",
    "Chair",
}
#: Lowercase words that sit inside a surname ("Robert deV. Frierson", "Van Der …").
PARTICLES = {"de", "deV.", "van", "von", "der", "du", "da", "di", "la", "le", "del"}
SUFFIXES = {"Jr.", "Sr.", "II", "III", "IV"}

# A word (letters of any script, apostrophes, hyphens, a final full stop), a number, or one sign.
# A glued honorific ("ChairmanMr. Dudley", "LockhartMr.") starts a new word.
_TOKEN_RE = re.compile(
    r"(?:Messrs|Mses|Mmes|Mrs|Mr|Ms|Dr)\.(?=\s|[A-Z]|$)"
    r"|[^\W\d_](?:[^\W\d_]|['’\-](?=[^\W\d_]))*?(?=(?:Messrs|Mses|Mmes|Mrs|Mr|Ms|Dr)\.)"
    r"|[^\W\d_](?:[^\W\d_]|['’\-](?=[^\W\d_]))*\.?"
    r"|\d+|[^\w\s]"
)
_INITIAL_RE = re.compile(r"^[A-Z]\.$|^[A-Z]\.[A-Z]\.$")


@dataclass(frozen=True)
class Token:
    """One word or sign of the text with its offsets."""

    text: str
    start: int
    end: int

    @property
    def word(self) -> str:
        """The word without a sentence's full stop ("Yellen." → "Yellen"; "W." stays "W.")."""
        if self.text.endswith(".") and not is_initial(self.text) and self.text not in HONORIFICS:
            if self.text not in SUFFIXES and self.text not in PARTICLES:
                return self.text[:-1]
        return self.text


@dataclass(frozen=True)
class PersonName:
    """A name as written, with its offsets and whether a guess split it from its neighbours."""

    name: str
    start: int
    end: int
    guessed: bool = False


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """The tokens of ``text[start:end]`` with offsets into ``text``."""
    return [Token(m.group(0), m.start(), m.end()) for m in _TOKEN_RE.finditer(text, start, end or len(text))]


def is_initial(word: str) -> bool:
    return bool(_INITIAL_RE.match(word))


def is_capitalised(word: str) -> bool:
    return bool(word) and word[0].isupper()


def surname(name: str) -> str:
    """The surname of a name as written ("Janet L. Yellen" → "Yellen", "Mr. Lacker" → "Lacker")."""
    parsed = HumanName(name)
    last = parsed.last or parsed.first or name
    return last.strip(" .,")


def first_initial(name: str) -> str:
    """The first name's initial, or "" when the name has none ("Mr. Lacker")."""
    parsed = HumanName(name)
    return parsed.first[:1].upper() if parsed.first and parsed.last else ""


def same_person(a: str, b: str) -> bool:
    """Whether two spellings name one person: same surname, and same first initial when both have one."""
    if surname(a).lower() != surname(b).lower():
        return False
    ia, ib = first_initial(a), first_initial(b)
    return not ia or not ib or ia == ib


def split_run(words: list[Token], known: list[str]) -> list[PersonName]:
    """Split capitalised words with no separator between them into names.

    ``known`` are full names the record writes elsewhere with separators (a vote list, another group):
    the longest that matches here wins. Otherwise middle initials anchor a name (the word before them
    is its first name, the word after its surname), and the words between two anchored names pair up
    as first name and surname. An odd number of them hides a three-word name ("Sarah Bloom Raskin"):
    the first three are taken as one name and the split is marked as guessed.
    """
    texts = [w.word for w in words]
    known_words = sorted({tuple(n.split()) for n in known if " " in n}, key=len, reverse=True)
    names: list[PersonName] = []
    i = 0
    while i < len(words):
        taken, guessed = 0, False
        for candidate in known_words:
            if tuple(texts[i : i + len(candidate)]) == candidate:
                taken = len(candidate)
                break
        if not taken:
            j = i + 1
            while j < len(words) and (is_initial(texts[j]) or texts[j] in PARTICLES):
                j += 1
            if j > i + 1:
                taken = j - i + 1  # first name, initials, surname
            else:
                free = _free_words(texts, i)
                taken = 3 if free % 2 == 1 and free >= 3 else 2
                guessed = free % 2 == 1
        while i + taken < len(words) and texts[i + taken] in SUFFIXES:
            taken += 1  # "Edward S. Knotek II", "Thomas D. Tallarini, Jr."
        part = words[i : i + taken]
        if len(part) == 1 and names:
            last = names.pop()
            names.append(PersonName(f"{last.name} {part[0].word}", last.start, part[0].end, True))
        else:
            names.append(PersonName(" ".join(w.word for w in part), part[0].start, part[-1].end, guessed))
        i += taken
    return names


def _free_words(texts: list[str], i: int) -> int:
    """How many words from ``i`` come before the next name anchored by a middle initial."""
    k = i
    count = 0
    while k < len(texts):
        if k + 1 < len(texts) and is_initial(texts[k + 1]):
            break
        count += texts[k] not in SUFFIXES
        k += 1
    return count


def read_list(
    text: str, pos: int, end: int | None = None, known: list[str] | None = None
) -> tuple[list[PersonName], int]:
    """Read a list of names starting at ``pos`` ("Messrs. A and B, Ms. C" or "A B. C, D E, and F G").

    Returns the names and the offset just after the last one. The list ends at a full stop after a
    surname, at a word that cannot be part of a name, or at an honorific with no separator before it.
    """
    tokens = tokenize(text, pos, end or min(len(text), pos + 3000))
    names: list[PersonName] = []
    honorific: str | None = None
    i = 0
    last_end = pos
    expect_name = True
    while i < len(tokens):
        tok = tokens[i]
        if tok.text in HONORIFICS:
            if not expect_name:
                break  # "Mr. Poole Mr. Mishkin": a new entry, not this list
            honorific = tok.text
            i += 1
            continue
        title = _title_words(tokens, i) if expect_name else 0
        if title:
            # "Chair Powell; Vice Chair Brainard; and Governors Barr, Bowman, and Waller": a title before
            # the name stands where "Mr." would; "Governors" before several names as "Messrs." does.
            honorific = "Messrs." if tokens[i + title - 1].text.endswith("s") else "Mr."
            i += title
            continue
        if not expect_name:
            plural = honorific in ("Messrs.", "Mses.", "Mmes.")
            if plural and _continues_list(tokens, i) and tok.text != "and":
                expect_name = True  # "Messrs. Greenspan McDonough, Broaddus": a comma left out
                continue
            if tok.text in (",", ";") or tok.text == "and":
                i += 1
                while i < len(tokens) and (tokens[i].text.isdigit() or tokens[i].text == "and"):
                    i += 1
                expect_name = True
                continue
            if tok.text.isdigit():  # a footnote mark glued to the name: "Patrikis,1"
                i += 1
                continue
            break
        if names and tokens[i - 1].text == ",":
            taken = _capacity_words(tokens, i)
            if taken:
                # "Jerome H. Powell, Chair; John C. Williams, Vice Chair; …": the capacity after a name
                # is not the next name. The list goes on at the separator after it.
                i += taken
                if i < len(tokens) and tokens[i - 1].text.endswith("."):
                    break
                expect_name = False
                continue
        words, i, closed = _name_words(tokens, i, single=honorific is not None)
        if not words:
            break
        if honorific is None and len(words) > 3 and not any(is_initial(w.text) for w in words[1:-1]):
            names.extend(split_run(words, known or []))
        else:
            names.append(PersonName(" ".join(w.word for w in words), words[0].start, words[-1].end))
        last_end = words[-1].end if not closed else words[-1].end - 1
        expect_name = False
        if closed and not (honorific and _continues_list(tokens, i)):
            break  # "Mullins. Angell, Boehne": a full stop typed for a comma does not end the list
    return names, last_end


#: Capacities a vote list may give after a member's name ("Jerome H. Powell, Chair;").
CAPACITIES = (
    ("Vice", "Chairman"),
    ("Vice", "Chair"),
    ("Vice", "Chairwoman"),
    ("Chairman",),
    ("Chair",),
    ("Chairwoman",),
)


def _capacity_words(tokens: list[Token], i: int) -> int:
    """How many tokens from ``i`` are a capacity ("Chair", "Vice Chairman") that ends at a separator,
    a full stop or the end of the list; 0 when they are not one."""
    for capacity in CAPACITIES:
        words = [t.word for t in tokens[i : i + len(capacity)]]
        if tuple(words) != capacity:
            continue
        after = i + len(capacity)
        if after + 1 < len(tokens) and tokens[after].text == "for" and is_capitalised(tokens[after + 1].text):
            after += 2  # "Vice Chair for Supervision"
        if (
            after >= len(tokens)
            or tokens[after].text in (",", ";", "and")
            or tokens[after - 1].text.endswith(".")
        ):
            return after - i
    return 0


#: Titles a vote list may put before a name instead of "Mr." or "Ms.".
TITLES = (
    ("Vice", "Chairman"),
    ("Vice", "Chair"),
    ("Chairman",),
    ("Chair",),
    ("Governors",),
    ("Governor",),
    ("Presidents",),
    ("President",),
)


def _title_words(tokens: list[Token], i: int) -> int:
    """How many tokens from ``i`` are a title followed by a name ("Chair Powell", "Governors Barr"); 0
    when they are not one."""
    for title in TITLES:
        after = i + len(title)
        if (
            tuple(t.text for t in tokens[i:after]) == title
            and after < len(tokens)
            and _is_surname(tokens[after])
        ):
            return len(title)
    return 0


def _is_surname(tok: Token) -> bool:
    return is_capitalised(tok.text) and tok.word not in STOP_WORDS and tok.text not in HONORIFICS


def _continues_list(tokens: list[Token], i: int) -> bool:
    """Whether ``tokens[i:]`` go on with the list: "and …", or a surname followed by a separator."""
    if i >= len(tokens):
        return False
    if tokens[i].text == "and":
        return True
    return (
        _is_surname(tokens[i])
        and not tokens[i].text.endswith(".")
        and i + 1 < len(tokens)
        and tokens[i + 1].text in (",", "and")
    )


def _name_words(tokens: list[Token], i: int, *, single: bool) -> tuple[list[Token], int, bool]:
    """The words of one name from ``tokens[i]``; ``single``: a surname after an honorific.

    Returns the words, the next index, and whether a sentence's full stop closed the name."""
    words: list[Token] = []
    while i < len(tokens):
        tok = tokens[i]
        text = tok.text
        if is_initial(text) or (text in PARTICLES and words):
            words.append(tok)
            i += 1
            continue
        if text in SUFFIXES and words:
            words.append(tok)
            i += 1
            continue
        if not is_capitalised(text) or tok.word in STOP_WORDS or text in HONORIFICS:
            break
        words.append(tok)
        i += 1
        if text.endswith("."):
            return words, i, True  # "… and Janet L. Yellen." ends the list
        if single:
            # After an honorific the name is its initials and one surname; ", Jr." may follow.
            if i + 1 < len(tokens) and tokens[i].text == "," and tokens[i + 1].text in SUFFIXES:
                words.append(tokens[i + 1])
                i += 2
            break
    return words, i, False
