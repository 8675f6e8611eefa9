"""Sentence-boundary errors of the plain-text readers' splitters, measured on the gold passages.

For each gold decision passage of a split, the sentence a splitter returns around the passage's first
word must contain the whole passage (a passage cut short, e.g. at "Janet L." or "U.S.", is an error)
and must not start in the middle of it. Compared: the rule-based ``ingest.heuristics.sentence_bounds``
and pysbd asked about a window around the position (``sentence_span`` below).

    python -m bench.sentences --source fomc --split tune
"""

from __future__ import annotations

import argparse
import re
import time
from functools import lru_cache

import pysbd

from bench.accuracy import SHARED_DATA, source_path
from bench.gold import gold_documents
from ingest.heuristics import decode_source, sentence_bounds

# pysbd (a maintained port of the Golden Rules sentence-boundary set) reads about 14,000 characters a
# second, too slow for a whole 80,000-character set of minutes at every cue, so it is shown a window
# around the position; the window grows when the sentence reaches its edge.


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


def _find(text: str, passage: str) -> tuple[int, int] | None:
    words = [re.escape(w) for w in passage.split()]
    match = re.search(r"\s+".join(words), text)
    return (match.start(), match.end()) if match else None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.sentences")
    parser.add_argument("--source", default="fomc")
    parser.add_argument("--split", default="tune")
    args = parser.parse_args(argv)
    golds = [g for g in gold_documents(sources=[args.source]) if g.split == args.split]
    splitters = {"rules (heuristics.sentence_bounds)": sentence_bounds, "pysbd window": sentence_span}
    errors = dict.fromkeys(splitters, 0)
    seconds = dict.fromkeys(splitters, 0.0)
    total = 0
    for gold in golds:
        text = decode_source(source_path(gold, SHARED_DATA).read_bytes())
        for decision in gold.decisions or []:
            span = _find(text, decision.passage)
            if span is None:
                continue
            total += 1
            for name, split in splitters.items():
                started = time.perf_counter()
                start, end = split(text, span[0] + 1)
                seconds[name] += time.perf_counter() - started
                if not (start <= span[0] and end >= span[1]):
                    errors[name] += 1
                    print(f"{name}: {gold.path.name}: {text[start:end][:100]!r}")
    for name in splitters:
        print(f"{name}: {errors[name]} of {total} passages cut ({seconds[name]:.2f} s)")
    _cut_at_abbreviations(golds, splitters)
    return 0


_ABBREVIATION_END_RE = re.compile(r"(?:\b[A-Z]\.|\bU\.S\.|\b(?:Mr|Ms|Mrs|Dr|St|Messrs|Mses)\.)$")
_CUE_RE = re.compile(r"\b(?:voted|By unanimous vote|approved|decided|agreed|dissented)\b")


def _cut_at_abbreviations(golds, splitters) -> None:
    """Second measure, over every sentence around a decision or vote cue in the split's source files:
    how many a splitter ends at an initial or an abbreviation ("Janet L.", "U.S.", "Mr.")."""
    cut = dict.fromkeys(splitters, 0)
    seen = 0
    for path in sorted({source_path(g, SHARED_DATA) for g in golds}):
        text = decode_source(path.read_bytes())
        for match in _CUE_RE.finditer(text):
            seen += 1
            for name, split in splitters.items():
                start, end = split(text, match.start())
                if _ABBREVIATION_END_RE.search(text[start:end].rstrip()):
                    cut[name] += 1
    for name in splitters:
        print(f"{name}: {cut[name]} of {seen} cue sentences end at an initial or abbreviation")


if __name__ == "__main__":
    raise SystemExit(main())
