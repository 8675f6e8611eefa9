"""Reading a question: which words to match, which names, topics and dates it holds, and what it asks for.

Staff type questions ("What did the tribunal of arbitration decide about the indirect claims?"), not
keywords. This module turns the parsed text (``userquery``) into a ``Plan`` both engines build on:

- **Question words** ("what", "did", "the", "about"…) are dropped for matching when the text reads as
  a question; they are kept for phrasing (the query shown back is what was typed).
- **Names** of persons, bodies and organisations, administrations and topics are looked up in the
  ``Gazetteer``: the archive's own labels, read from the index's facet values, plus the glossary's
  ``skos:altLabel`` synonyms. A word that names one adds that facet value as another way to match
  (the record is tagged with it even if the word is not in its text).
- **Dates** ("in February 1919", "October 2008", "1872", "last year") become a soft window: records
  dated inside it rank higher, others still match.
- **Intent**: decide / agree / approve / reject / vote prefer decisions; who attended / dissented
  prefer meetings (and the decisions whose votes name them).

Every part is written into ``Plan.explanation`` ("Lansing → person Robert Lansing") so that a user sees
why a result came up. Nothing here touches an engine: the plan is plain data.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache

from rdflib import SKOS, Graph, Literal

from archive.textindex.userquery import Analyze, Clause, Piece, UserQuery
from ontology import GLOSSARY_TTL

#: Words of a question that say how it is asked, not what about; dropped for matching only.
QUESTION_WORDS = frozenset(
    """
    a about after against all also am an and any are as at be been before being between both but by can
    could did do does doing done during each ever for from had has have having he her here hers him his how
    i if in into is it its me more most my no nor not of off on once only or other our ours out over own
    same she should so some such than that the their theirs them then there these they this those through
    to too under until up upon very was we were what when where which while who whom whose why will with
    would you your yours ever tell show find list give me please know want wanted anything something
    whether was were happen happened """.split()
)
#: A text that starts with one of these is a question.
INTERROGATIVES = frozenset(
    "what which who whom whose when where why how did does do is are was were has have had can could should "
    "would will list show find tell give".split()
)
#: A word from this list makes the question one about decisions.
DECISION_WORDS = frozenset(
    """decide decided decides decision decisions agree agreed agrees agreement approve approved approves
    approval reject rejected rejects rejection vote voted votes voting adopt adopted resolve resolved
    resolution choose chose chosen option options refuse refused direct directed""".split()
)
#: These make it one about meetings and who took part.
ATTENDANCE_WORDS = frozenset(
    "attend attended attending attendance present absent dissent dissented dissents".split()
)
_MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): number for number, name in enumerate(calendar.month_abbr) if name})
_MONTHS["sept"] = 9
_MONTH_WORD = "|".join(sorted(_MONTHS, key=len, reverse=True))
_DATE_PATTERNS: tuple[re.Pattern[str], ...] = (
    re.compile(r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b"),
    re.compile(r"\b(?P<y>\d{4})-(?P<m>\d{2})\b"),
    re.compile(rf"\b(?P<mon>{_MONTH_WORD})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}})\b", re.I),
    re.compile(
        rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon>{_MONTH_WORD})\.?,?\s+(?P<y>\d{{4}})\b",
        re.I,
    ),
    re.compile(rf"\b(?P<mon>{_MONTH_WORD})\.?,?\s+(?:of\s+)?(?P<y>\d{{4}})\b", re.I),
    re.compile(r"\b(?P<y>1[6-9]\d\d|20\d\d)s?\b"),
)
_RELATIVE = re.compile(r"\b(?P<which>last|this|past)\s+(?P<unit>year|month)\b", re.I)
#: How many facet values one name may stand for before it is too vague to use.
MAX_MEANINGS = 4
#: Longest name, in words, looked up.
MAX_NAME_WORDS = 8


@dataclass(frozen=True)
class Meaning:
    """One thing a name in the question stands for: a facet value (``facet``, ``value``)."""

    facet: str
    value: str

    def describe(self) -> str:
        noun = {
            "actor": "person",
            "organisation": "body",
            "topic": "topic",
            "administration": "administration",
        }
        return f"{noun.get(self.facet, self.facet)} {self.value}"


@dataclass(frozen=True)
class Explained:
    """One part of how the question was read: what was typed and what it was taken to mean."""

    said: str
    means: str

    def __str__(self) -> str:
        return f"{self.said} → {self.means}"


@dataclass
class Plan:
    """What the engines search for: ``query`` (words and names), a soft date window, preferred kinds.

    ``ranked`` means not every clause must match (a question); otherwise every clause must, as for
    keywords. ``pairs`` are neighbouring words of the question, scored higher when they stand together.
    """

    query: UserQuery
    ranked: bool = False
    pairs: tuple[tuple[str, str], ...] = ()
    date_lo: int | None = None
    date_hi: int | None = None
    prefer: tuple[str, ...] = ()
    explanation: list[Explained] = field(default_factory=list)
    #: Only the words' own BM25: no boost of any kind (the measured baseline).
    plain: bool = False


class Gazetteer:
    """Known names, by the analysed tokens of the name, each to the facet values it stands for."""

    def __init__(self, analyze: Analyze) -> None:
        self.analyze = analyze
        self.names: dict[tuple[str, ...], list[tuple[Meaning, bool]]] = {}

    def add(self, name: str, meaning: Meaning, *, needs_capital: bool = False) -> None:
        """Let ``name`` stand for ``meaning``; ``needs_capital``: only when typed with a capital letter."""
        tokens = tuple(self.analyze(name))
        if (
            not tokens
            or len(tokens) > MAX_NAME_WORDS
            or all(t in analysed_stops(self.analyze) for t in tokens)
        ):
            return
        meanings = self.names.setdefault(tokens, [])
        for i, (known, capital) in enumerate(meanings):
            if known == meaning:
                meanings[i] = (known, capital and needs_capital)
                return
        meanings.append((meaning, needs_capital))

    def lookup(self, tokens: tuple[str, ...], capitalised: bool) -> list[Meaning]:
        found = [m for m, needs_capital in self.names.get(tokens, ()) if capitalised or not needs_capital]
        return found if len(found) <= MAX_MEANINGS else []

    def __len__(self) -> int:
        return len(self.names)


def build_gazetteer(
    analyze: Analyze, vocabularies: Mapping[str, Iterable[str]], synonyms: dict[str, list[str]] | None = None
) -> Gazetteer:
    """A gazetteer from each facet's values (``actor``, ``organisation``, ``topic``, ``administration``).

    A person's surname alone names them when typed with a capital ("Lansing"); ``synonyms`` maps a
    topic's label to its other labels (``skos:altLabel``), each of which names the topic too.
    """
    gazetteer = Gazetteer(analyze)
    for facet, values in vocabularies.items():
        for value in values:
            meaning = Meaning(facet, value)
            gazetteer.add(value, meaning, needs_capital=facet != "topic" and len(value.split()) == 1)
            if facet == "actor":
                surname = _surname(value)
                if surname and surname != value:
                    gazetteer.add(surname, meaning, needs_capital=True)
            if facet == "topic":
                for other in (synonyms or {}).get(value, ()):
                    gazetteer.add(other, meaning)
    return gazetteer


@lru_cache(maxsize=1)
def topic_synonyms() -> dict[str, list[str]]:
    """Each glossary topic's English ``skos:prefLabel`` → its other labels (altLabels, other prefLabels)."""
    if not GLOSSARY_TTL.exists():
        return {}
    graph = Graph().parse(GLOSSARY_TTL, format="turtle")
    synonyms: dict[str, list[str]] = {}
    for concept in set(graph.subjects(SKOS.prefLabel, None)):
        labels = [lbl for lbl in graph.objects(concept, SKOS.prefLabel) if isinstance(lbl, Literal)]
        english = [str(lbl) for lbl in labels if lbl.language in (None, "en")]
        if not english:
            continue
        others = [str(lbl) for lbl in labels if str(lbl) != english[0]]
        others += [str(lbl) for lbl in graph.objects(concept, SKOS.altLabel) if isinstance(lbl, Literal)]
        synonyms[english[0]] = sorted(set(others))
    return synonyms


def _surname(name: str) -> str | None:
    words = [w for w in re.split(r"\s+", name.strip()) if w]
    # "Robert Lansing", "Janet L. Yellen", "Mr. Greenspan": the last word of two or more, if a name.
    if len(words) < 2 or not words[-1][:1].isupper() or len(words[-1].strip(".,")) < 3:
        return None
    return words[-1].strip(".,")


@lru_cache(maxsize=4)
def _stops_for(analyze: Callable[[str], list[str]]) -> frozenset[str]:
    return frozenset(t for w in QUESTION_WORDS for t in analyze(w))


def analysed_stops(analyze: Analyze) -> frozenset[str]:
    """The index terms of the question words (as ``analyze`` reduces them)."""
    return _stops_for(analyze)


def plan(query: UserQuery, text: str, analyze: Analyze, gazetteer: Gazetteer | None, today: dt.date) -> Plan:
    """Read the parsed ``query`` (from ``text``) as a question, or leave it as keywords.

    It is a question when it has question words or a question mark: then not every word must match.
    Keywords keep the all-words rule (else any word, said so), but still gain names, dates and intent.
    """
    explanation: list[Explained] = []
    lo, hi, date_words = _date_window(text, today, explanation)
    clauses = list(query.clauses)
    stops = analysed_stops(analyze)
    simple = [len(c.alternatives) == 1 and not c.alternatives[0].quoted for c in clauses]
    words = [c.alternatives[0] for c in clauses]
    stop_count = sum(
        1 for s, p in zip(simple, words, strict=True) if s and len(p.tokens) == 1 and p.tokens[0] in stops
    )
    first_word = text.split()[0].lower() if text.split() else ""
    is_question = "?" in text or first_word in INTERROGATIVES or stop_count >= 2
    # Words that are only a date ("October", "2008") are the date window's: keywords do not need them
    # in the text. A question keeps them as words it may match, since a record often names the day
    # of what it reports ("by notation vote completed September 21, 2008", in October's minutes).
    keep = [not (s and _is_date_word(p.text, date_words)) for s, p in zip(simple, words, strict=True)]
    if lo is None or is_question:
        keep = [True] * len(clauses)
    clauses = [c for c, k in zip(clauses, keep, strict=True) if k]
    clauses = _with_names(clauses, gazetteer, explanation)
    content = [
        c
        for c in clauses
        if not (
            len(c.alternatives) == 1
            and not c.alternatives[0].quoted
            and c.alternatives[0].field is None
            and all(t in stops for t in c.alternatives[0].tokens)
        )
    ]
    if is_question and content:
        dropped = list(dict.fromkeys(c.display().lower() for c in clauses if c not in content))
        if dropped:
            explanation.append(Explained(", ".join(dropped), "question words, not matched"))
        clauses = content
    ranked = is_question
    prefer: list[str] = []
    lowered = {w.lower().strip("?.,!;:") for w in text.split()}
    if lowered & ATTENDANCE_WORDS or ("who" in lowered and lowered & {"voted", "vote", "present"}):
        prefer += ["meeting", "decision"]
        explanation.append(
            Explained(_first_of(text, ATTENDANCE_WORDS | {"who"}), "prefer meetings and votes")
        )
    elif lowered & DECISION_WORDS:
        prefer.append("decision")
        explanation.append(Explained(_first_of(text, DECISION_WORDS), "prefer decisions"))
    pairs = _pairs(clauses)
    return Plan(
        query=UserQuery(tuple(clauses), query.excluded),
        ranked=ranked and len(clauses) > 1,
        pairs=pairs,
        date_lo=lo,
        date_hi=hi,
        prefer=tuple(prefer),
        explanation=explanation,
    )


def _first_of(text: str, words: frozenset[str]) -> str:
    for word in text.split():
        if word.lower().strip("?.,!;:") in words:
            return word.strip("?.,!;:")
    return ""


def _pairs(clauses: list[Clause]) -> tuple[tuple[str, str], ...]:
    """Neighbouring single-word clauses: a hit where they stand close together scores higher."""
    singles = [
        c.alternatives[0].tokens[0]
        if len(c.alternatives) == 1 and len(c.alternatives[0].tokens) == 1 and c.alternatives[0].field is None
        else None
        for c in clauses
    ]
    return tuple(
        (a, b)
        for a, b in zip(singles, singles[1:], strict=False)
        if a is not None and b is not None and a != b
    )


def _with_names(
    clauses: list[Clause], gazetteer: Gazetteer | None, explanation: list[Explained]
) -> list[Clause]:
    """Runs of words that name something known become one clause: the words, or the facet value."""
    if gazetteer is None or not len(gazetteer):
        return clauses
    out: list[Clause] = []
    i = 0
    while i < len(clauses):
        found = None
        for j in range(min(len(clauses), i + MAX_NAME_WORDS), i, -1):
            run = clauses[i:j]
            if not all(len(c.alternatives) == 1 and c.alternatives[0].field is None for c in run):
                continue
            pieces = [c.alternatives[0] for c in run]
            if j - i > 1 and any(p.quoted for p in pieces):
                continue
            tokens = tuple(t for p in pieces for t in p.tokens)
            capitalised = all(p.text[:1].isupper() or not p.text[:1].isalpha() for p in pieces)
            meanings = gazetteer.lookup(tokens, capitalised)
            if meanings:
                found = (j, pieces, tokens, meanings)
                break
        if found is None:
            out.append(clauses[i])
            i += 1
            continue
        j, pieces, tokens, meanings = found
        said = " ".join(p.text for p in pieces).strip("?.,!;:")
        words = Piece(said, tokens, quoted=len(pieces) > 1)
        alternatives = (words,) + tuple(Piece(m.value, (m.value,), field=m.facet) for m in meanings)
        out.append(Clause(alternatives))
        explanation.append(Explained(said, " or ".join(m.describe() for m in meanings)))
        i = j
    return out


def _date_window(
    text: str, today: dt.date, explanation: list[Explained]
) -> tuple[int | None, int | None, set[str]]:
    """The soft date window the question names (first date found), and the words that said it."""
    relative = _RELATIVE.search(text)
    if relative:
        unit, which = relative.group("unit").lower(), relative.group("which").lower()
        if unit == "year":
            year = today.year - (0 if which == "this" else 1)
            lo, hi = dt.date(year, 1, 1), dt.date(year, 12, 31)
            if which == "past":
                lo, hi = today - dt.timedelta(days=365), today
        else:
            first = today.replace(day=1)
            start = first if which == "this" else (first - dt.timedelta(days=1)).replace(day=1)
            lo, hi = start, start.replace(day=calendar.monthrange(start.year, start.month)[1])
        explanation.append(Explained(relative.group(0), f"{lo.isoformat()}..{hi.isoformat()}"))
        return _key(lo), _key(hi), set(relative.group(0).lower().split())
    for pattern in _DATE_PATTERNS:
        match = pattern.search(text)
        if not match:
            continue
        groups = match.groupdict()
        year = int(groups["y"])
        month = _MONTHS.get((groups.get("mon") or "").lower().rstrip(".")) if groups.get("mon") else None
        if groups.get("m"):
            month = int(groups["m"])
        day = int(groups["d"]) if groups.get("d") else None
        try:
            if month and day:
                lo = hi = dt.date(year, month, day)
            elif month:
                lo, hi = dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])
            elif match.group(0).endswith("s") and year % 10 == 0:
                lo, hi = dt.date(year, 1, 1), dt.date(year + 9, 12, 31)
            else:
                lo, hi = dt.date(year, 1, 1), dt.date(year, 12, 31)
        except ValueError:
            continue
        explanation.append(Explained(match.group(0), f"{lo.isoformat()}..{hi.isoformat()}"))
        words = {w.lower().strip(".,") for w in re.split(r"[\s-]+", match.group(0)) if w}
        return _key(lo), _key(hi), words
    return None, None, set()


def _is_date_word(word: str, date_words: set[str]) -> bool:
    cleaned = re.sub(r"^\W+|\W+$", "", word.lower())
    return cleaned in date_words and (
        cleaned.isdigit()
        or cleaned.rstrip("s").isdigit()
        or cleaned.rstrip(".") in _MONTHS
        or cleaned.rstrip("stndrh").isdigit()
    )


def _key(day: dt.date) -> int:
    return day.year * 10000 + day.month * 100 + day.day
