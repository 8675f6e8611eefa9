"""Safe parsing of what a user typed into the search box, into words and phrases the engines build on.

No engine's query parser ever sees user text. Here the text becomes a small structure: clauses
that must all match (each a word, a quoted phrase, or ``a OR b`` alternatives) and pieces that
must not match (``-word``, ``NOT word``, ``-"a phrase"``). Field prefixes, wildcards, ranges,
boosts and brackets are not syntax: their characters are split away by the engine's analyzer like
any other punctuation. An unbalanced quote is ignored.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

MAX_QUERY_CHARS = 1000
MAX_CLAUSES = 32

Analyze = Callable[[str], list[str]]

_ITEM = re.compile(r'(-?)"([^"]*)"|([^\s"]+)')
_EDGE_NOISE = re.compile(r"^[\W_]+|[\W_]+$")


@dataclass(frozen=True)
class Piece:
    """A word or quoted phrase as typed (``text``) and as the index's analyzer reduces it (``tokens``).

    One token is a term; several (a quoted phrase, or ``U.S.`` or ``1919-05-03``) are a phrase.
    A piece with a ``field`` is not typed text: it matches records whose facet ``field`` holds exactly
    ``text`` (a name the question was read to mean, see ``understand``); it is never shown as typed.
    """

    text: str
    tokens: tuple[str, ...]
    quoted: bool = False
    field: str | None = None

    def display(self) -> str:
        if self.quoted or len(self.text.split()) > 1:
            return f'"{self.text}"'
        # Stray brackets or stars around a word are noise; keep inner punctuation (U.S., 1919-05-03).
        return _EDGE_NOISE.sub("", self.text) or self.text


@dataclass(frozen=True)
class Clause:
    """Something every hit must match: one piece, or alternatives joined by ``OR``."""

    alternatives: tuple[Piece, ...]

    def display(self) -> str:
        return " OR ".join(piece.display() for piece in self.alternatives if piece.field is None)


@dataclass(frozen=True)
class UserQuery:
    """The parsed search text: clauses ANDed together, and pieces excluded from every hit."""

    clauses: tuple[Clause, ...]
    excluded: tuple[Piece, ...] = ()

    @property
    def is_empty(self) -> bool:
        return not self.clauses and not self.excluded

    def display(self, clauses: tuple[Clause, ...] | None = None) -> str:
        """The query as a user would type it again, optionally with other clauses (for suggestions)."""
        parts = [clause.display() for clause in (self.clauses if clauses is None else clauses)]
        parts += [f"-{piece.display()}" for piece in self.excluded]
        return " ".join(parts)

    def positive_pieces(self) -> list[Piece]:
        """The typed words and phrases a hit may hold (not the facet values names stand for)."""
        return [piece for clause in self.clauses for piece in clause.alternatives if piece.field is None]


def parse(text: str, analyze: Analyze) -> UserQuery:
    """Parse user text; ``analyze`` is the index's own analyzer, so tokens match what was indexed."""
    text = (text or "")[:MAX_QUERY_CHARS]
    if text.count('"') % 2:
        # An unbalanced quote is a typo, not a phrase that runs to the end of the text.
        last = text.rfind('"')
        text = text[:last] + " " + text[last + 1 :]
    clauses: list[list[Piece]] = []
    excluded: list[Piece] = []
    negate_next = False
    join_next = False
    for match in _ITEM.finditer(text):
        minus, phrase, word = match.groups()
        if word is not None:
            if word == "AND":
                continue
            if word == "NOT":
                negate_next = True
                continue
            if word == "OR":
                join_next = bool(clauses)
                continue
            negated = negate_next or (word.startswith("-") and len(word) > 1)
            raw = word.lstrip("-+") if negated or word.startswith("+") else word
            piece = Piece(raw, tuple(analyze(raw)))
        else:
            negated = negate_next or bool(minus)
            piece = Piece(phrase.strip(), tuple(analyze(phrase)), quoted=True)
        negate_next = False
        if not piece.tokens:
            join_next = False
            continue
        if negated:
            if len(excluded) < MAX_CLAUSES:
                excluded.append(piece)
        elif join_next and clauses:
            clauses[-1].append(piece)
        elif len(clauses) < MAX_CLAUSES:
            clauses.append([piece])
        join_next = False
    return UserQuery(tuple(Clause(tuple(alts)) for alts in clauses), tuple(excluded))
