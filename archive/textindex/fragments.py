"""The snippet Tantivy's ``SnippetGenerator`` would choose, found without analysing a record's whole text.

Tantivy's generator tokenises and stems every word of a shown record to pick its best fragment: on 300
generated minutes (records of ~3,000 characters) that was ~120 µs a record and ~40 % of a search page.
Its rule is simple and is all this module reproduces:

* the text is cut into consecutive fragments: a fragment starts at a token and takes the tokens that
  follow while they end within ``limit`` bytes of its start; the first token that does not fit starts
  the next one (tokens are the runs of letters and digits, without those of ``long_token`` bytes or
  more, which the analyzer drops);
* a token whose stem is a query term adds the term's score, ``1 / (1 + documents holding the term)``
  in 32-bit floats, to its fragment and is highlighted;
* the fragment with the highest score wins, the earliest among equals; it runs from its first token's
  start to its last token's end.

Only the tokens that can match are analysed. Snowball English rewrites a word's ending and leaves
words of one or two letters alone, so a stem begins with its word's first two letters, save for the
exceptions "dying", "lying" and "tying" (→ "die", "lie", "tie"): a search of the lower-cased text for
those beginnings finds every word that may stem to a query term, and the index's own analyzer stems
just those (remembered per word). Where the fragments break needs no stemming at all: it is found by
looking around each ``limit`` step in a mask of the text (letters and digits → "a", the rest → " ").
A text whose words are all ASCII (curly quotes and dashes allowed) is read at Tantivy's byte offsets;
one with other letters or digits returns ``None`` and goes to Tantivy's generator (its ASCII folding
and Unicode letter classes are not worth imitating). Checked equal to Tantivy's generator on every
record of the benchmark archives, and in ``tests/test_snippet_fragments.py``.
"""

from __future__ import annotations

import re
import struct
import unicodedata
from collections.abc import Callable, Iterable, Mapping

from archive.textindex.snippets import byte_ranges_to_chars

_PACK = struct.Struct("f")
_ALNUM = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")


def f32(value: float) -> float:
    """``value`` rounded to a 32-bit float, as Tantivy's scores are."""
    return _PACK.unpack(_PACK.pack(value))[0]


#: Unicode categories Tantivy's tokenizer never takes into a word: punctuation, spaces, and symbols
#: other than "other symbols" (some of which, like circled letters, count as letters).
_SEPARATING = ("Pc", "Pd", "Ps", "Pe", "Pi", "Pf", "Po", "Zs", "Zl", "Zp", "Sm", "Sc", "Sk")
_NOT_ASCII = re.compile(r"[^\x00-\x7f]")


def _only_ascii_words(text: str) -> bool:
    """Whether every character outside ASCII separates words (curly quotes, dashes, ½ does not)."""
    return all(unicodedata.category(c) in _SEPARATING for c in set(_NOT_ASCII.findall(text)))


def _beginnings(terms: Iterable[str]) -> list[str]:
    """How a word whose stem is one of ``terms`` begins: the term's first two letters, its first
    letter and "y" where the stem's second letter is "i" ("dying" → "die"), the letter alone for a
    one-letter term; none covered by another."""
    found = set()
    for term in terms:
        found.add(term[:2])
        if term[1:2] == "i":
            found.add(term[0] + "y")
    return sorted(b for b in found if b and not any(o != b and b.startswith(o) for o in found))


class FragmentFinder:
    """Best fragments for one query: the terms' scores, and the analyzer that stems a word."""

    def __init__(
        self, scores: Mapping[str, float], stem: Callable[[str], str | None], limit: int, long_token: int
    ) -> None:
        """``scores`` by stemmed term; ``stem`` gives a lower-case word's one stem (``None``: dropped)."""
        self.scores = dict(scores)
        self.limit = limit
        self.long_token = long_token
        self._prefixes = _beginnings(self.scores)
        self._stem = stem

    def best(self, text: str) -> tuple[str, list[tuple[int, int]]] | None:
        """The winning fragment and its highlighted (start, end) character ranges within it; ``("", [])``
        when no term occurs; ``None`` when the text has letters or digits outside ASCII (ask Tantivy)."""
        if text.isascii():
            return self._best(text)
        if not _only_ascii_words(text):
            return None
        # Its words are ASCII, so each UTF-8 byte read as one Latin-1 character gives the same tokens at
        # Tantivy's byte offsets; the fragment is then read back as UTF-8 (it starts and ends at words).
        fragment, ranges = self._best(text.encode("utf-8").decode("latin-1"))
        if not fragment:
            return fragment, ranges
        fragment = fragment.encode("latin-1").decode("utf-8")
        return fragment, byte_ranges_to_chars(fragment, ranges)

    def _best(self, text: str) -> tuple[str, list[tuple[int, int]]]:
        # "a" for each letter or digit, " " for anything else: every question about where words begin
        # and end is then one ``find`` or ``rfind`` in C (the text holds only code points below 256)
        words = text.encode("latin-1").translate(_WORD_MASK)
        matches = self._matches(text, words)
        if not matches:
            return "", []
        # the winner so far: (score, -start) decides (the earliest of equal scores), and where the
        # fragment after it starts (its end is looked up for the winner only)
        best_key: tuple[float, int] | None = None
        best: tuple[int, int | None, list[tuple[int, int]]] | None = None
        start, following = 0, self._next_start(words, 0)
        score = 0.0
        marks: list[tuple[int, int]] = []
        for token_start, token_end, term_score in matches:
            if following is not None and token_start >= following:
                if marks and (best_key is None or (score, -start) > best_key):
                    best_key, best = (score, -start), (start, following, marks)
                while following is not None and token_start >= following:
                    start, following = following, self._next_start(words, following)
                score, marks = 0.0, []
            score = f32(score + term_score)
            marks.append((token_start, token_end))
        if best_key is None or (score, -start) > best_key:
            best = (start, following, marks)
        assert best is not None
        start, following, marks = best
        stop = self._last_end(words, len(text) if following is None else following)
        return text[start:stop], [(a - start, b - start) for a, b in marks]

    def _matches(self, text: str, words: bytes) -> list[tuple[int, int, float]]:
        """(start, end, score) of every token whose stem is a query term, in text order."""
        found = []
        lower = text.lower()  # letters below 128 only are words here: the same offsets
        scores, stem, long_token = self.scores, self._stem, self.long_token
        for prefix in self._prefixes:
            at = lower.find(prefix)
            while at >= 0:
                if at and words[at - 1] == _LETTER:  # inside a word, not at its beginning
                    at = lower.find(prefix, at + 1)
                    continue
                end = _word_end(words, at)
                if end - at < long_token:
                    term_score = scores.get(stem(lower[at:end]))  # type: ignore[arg-type]
                    if term_score is not None:
                        found.append((at, end, term_score))
                at = lower.find(prefix, end)
        if len(self._prefixes) > 1:
            found.sort()
        return found

    def _next_start(self, words: bytes, start: int) -> int | None:
        """Where the fragment after the one starting at ``start`` starts: the first kept token that
        ends more than ``limit`` past ``start`` (``None``: the text ends first)."""
        at = start + self.limit
        if at >= len(words):
            return None
        if words[at] == _LETTER:  # inside a token (or at its first character): it ends past the limit
            begin = words.rfind(b" ", start, at) + 1 or start
        else:
            begin = words.find(b"a", at)
            if begin < 0:
                return None
        end = _word_end(words, begin)
        while end - begin >= self.long_token:  # dropped by the analyzer: the next word
            begin = words.find(b"a", end)
            if begin < 0:
                return None
            end = _word_end(words, begin)
        return begin

    def _last_end(self, words: bytes, before: int) -> int:
        """The end of the last kept token that ends at or before ``before``."""
        end = before
        while True:
            end = words.rfind(b"a", 0, end) + 1
            if end == 0:
                return 0
            begin = words.rfind(b" ", 0, end) + 1
            if end - begin < self.long_token:
                return end
            end = begin


_LETTER = ord("a")
_WORD_MASK = bytes(_LETTER if chr(byte) in _ALNUM else ord(" ") for byte in range(256))


def _word_end(words: bytes, at: int) -> int:
    end = words.find(b" ", at)
    return len(words) if end < 0 else end
