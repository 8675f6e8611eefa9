"""Sentence boundaries that know initials, titles and abbreviations ("Janet L. Yellen", "U.S.", "Mr.").

pysbd (a maintained rule-based port of the Golden Rules sentence-boundary set) decides where a
sentence ends. It reads about 14,000 characters a second, too slow for a whole 80,000-character set
of minutes read for every cue, so it is asked only about a window around the position of interest;
the window grows when the sentence reaches its edge. ``bench/sentences.py`` measures it against the
rule-based splitter on the gold passages (docs/accuracy.md, "FOMC and plain text").
"""

from __future__ import annotations

from functools import lru_cache

import pysbd

#: Characters on each side of the position that pysbd is first shown; doubled up to ``_MAX_WINDOW``.
_WINDOW = 700
_MAX_WINDOW = 6000


@lru_cache(maxsize=1)
def _segmenter() -> pysbd.Segmenter:
    return pysbd.Segmenter(language="en", clean=False, char_span=True)


def sentence_span(text: str, pos: int) -> tuple[int, int]:
    """The ``(start, end)`` offsets of the sentence of ``text`` that contains ``pos``, spaces trimmed."""
    pos = max(0, min(pos, len(text) - 1)) if text else 0
    window = _WINDOW
    while True:
        lo, hi = max(0, pos - window), min(len(text), pos + window)
        start, end = _span_in(text, lo, hi, pos)
        touches = (start <= lo and lo > 0) or (end >= hi and hi < len(text))
        if not touches or window >= _MAX_WINDOW:
            return _trim(text, start, end)
        window *= 2


def _span_in(text: str, lo: int, hi: int, pos: int) -> tuple[int, int]:
    # pysbd's TextSpan offsets index the string it was given; the first sentence of a window may be
    # a fragment, which is why a sentence touching the window's edge makes the caller look wider.
    chunk = text[lo:hi]
    for span in _segmenter().segment(chunk):
        if span.start <= pos - lo < span.end:
            return lo + span.start, lo + span.end
    return lo, hi


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
