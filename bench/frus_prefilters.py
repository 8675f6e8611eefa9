"""The FRUS reader's shortcuts against the full work, over every block and sentence of the records.

``tests/test_frus_prefilters.py`` checks the same on blocks, rough sentences and a sample of blocks (fast
enough for a test run); this runs it on everything the reader itself reads:

- the sentences: every block of every FRUS volume cut by the reader's segmenter and by pysbd as
  published (its ``Segmenter`` calling ``re`` itself): same spans, same text;
- every sentence ``sentences`` cuts: each cue pattern with its needed words (``cues.NEEDS``) finds
  nothing where ``cues.may_match`` says it cannot, and ``cues.cues`` gives the same cues with the
  prefilters as with every prefilter passing and ``_ACTIVE`` tried at every position;
- every block: ``facts.may_decide`` as the alternation it replaced.

    python -m bench.frus_prefilters [VOLUME.xml ...]    # default: ../shared/data/frus/*.xml
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pysbd

from ingest import safexml
from ingest.frus import cues, facts
from ingest.frus.text import _SEGMENTER, FOLDS_TO_ASCII, blocks, pysbd_as_published, sentences, t

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "frus"


def main(argv: list[str]) -> int:
    paths = [Path(p) for p in argv] or sorted(DATA.glob("*.xml"))
    stock = pysbd.Segmenter(language="en", clean=False, char_span=True)
    problems: list[str] = []
    counts = {"blocks": 0, "sentences": 0, "matches": 0, "cues": 0}
    started = time.perf_counter()
    for path in paths:
        root = safexml.parse(path.read_bytes(), str(path)).getroot()
        for div in root.iter(t("div")):
            if div.get("type") != "document":
                continue
            for block in blocks(div):
                text = block.text
                counts["blocks"] += 1
                fast = [(s.sent, s.start, s.end) for s in _SEGMENTER.segment(text)]
                with pysbd_as_published():
                    expected = [(s.sent, s.start, s.end) for s in stock.segment(text)]
                if fast != expected:
                    problems.append(f"segmenter differs: {text[:120]!r}")
                if facts.may_decide(text) != (facts._MAY_DECIDE_ANY_CASE.search(text) is not None):
                    problems.append(f"may_decide differs: {text[:120]!r}")
                for start, end in sentences(text):
                    sentence = text[start:end]
                    counts["sentences"] += 1
                    lowered = None if FOLDS_TO_ASCII.search(sentence) else sentence.lower()
                    for pattern, needs in cues.NEEDS:
                        found = pattern.search(sentence) is not None
                        counts["matches"] += found
                        if found and not cues.may_match(needs, lowered):
                            problems.append(f"{pattern.pattern[:40]!r} passed over: {sentence[:120]!r}")
                    with_prefilters = cues.cues(sentence)
                    counts["cues"] += len(with_prefilters)
                    may_match, active_starts = cues.may_match, cues.active_starts
                    cues.may_match = lambda needs, lowered: True  # type: ignore[assignment]
                    cues.active_starts = lambda lowered: range(len(lowered))  # type: ignore[assignment]
                    try:
                        without = cues.cues(sentence)
                    finally:
                        cues.may_match, cues.active_starts = may_match, active_starts
                    if with_prefilters != without:
                        problems.append(f"cues differ: {sentence[:120]!r}")
    for line in problems[:20]:
        print(line)
    print(
        f"{len(paths)} volumes, {counts['blocks']} blocks, {counts['sentences']} sentences, "
        f"{counts['matches']} pattern matches, {counts['cues']} cues: "
        f"{'no difference' if not problems else f'{len(problems)} differences'} "
        f"({time.perf_counter() - started:.0f} s)"
    )
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
