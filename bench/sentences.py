"""Sentence-boundary errors of the plain-text readers' splitters, measured on the gold passages.

For each gold decision passage of a split, the sentence a splitter returns around the passage's first
word must contain the whole passage (a passage cut short, e.g. at "Janet L." or "U.S.", is an error)
and must not start in the middle of it. Compared: the rule-based ``ingest.heuristics.sentence_bounds``
and pysbd (``ingest.plaintext.sentences``, which asks pysbd only about a window around the position).

    python -m bench.sentences --source fomc --split tune
"""

from __future__ import annotations

import argparse
import re
import time

from bench.accuracy import SHARED_DATA, source_path
from bench.gold import gold_documents
from ingest.heuristics import decode_source, sentence_bounds
from ingest.plaintext.sentences import sentence_span


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
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
