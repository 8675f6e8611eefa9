"""How often a sentence splitter cuts a FRUS sentence at an abbreviation: the measure behind the choice
of pysbd (plus a guard) for the FRUS reader's decision passages (docs/accuracy.md, "## FRUS").

Every running-text block of the FRUS volumes in ``../shared/data/frus`` that holds a decision word is
cut into sentences three ways: the regular expression the reader used before (kept here as the
baseline), pysbd alone, and pysbd with the reader's guard (``ingest.frus.text.sentences``). A cut
is *bad* when the piece before it ends at a title, an initial or a reference abbreviation ("Mr.",
"Prof.", "Gen.", "J.", "No.") or at ":", which no sentence does.

    python -m bench.frus_sentences            # table to stdout
"""

from __future__ import annotations

import re
import sys
import time
from pathlib import Path

import pysbd
from lxml import etree

from ingest.frus.text import blocks, sentences

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "frus"
_TEI = "{http://www.tei-c.org/ns/1.0}"
_CUE = re.compile(r"decided|directed|resolved|agreed|approved|requested|instructed|adjourned", re.I)
#: What a sentence never ends with: a title or an initial, a reference abbreviation, or ":".
_BAD_END = re.compile(
    r"(?:\b(?:Mr|Mrs|Messrs|Dr|Prof|Gen|Genl|Col|Capt|Lt|Maj|Adm|Hon|Rev|St|No|Nos|Art|Sec|Vol|M)"
    r"|\b[A-Z0-9])\.[\"”’')\]]*$|:$"
)

# The splitter the reader used before pysbd (for the baseline only).
_OLD_END = re.compile(r"[.!?][\"”’')\]]*\s+(?=[A-Z\"“‘(\d])")
_OLD_ABBREVIATIONS = frozenset(
    "mr mrs ms messrs dr st no nos gen col capt lt maj adm hon rev sr jr vol p pp art arts sec cf viz "
    "esq co ft mt u s jan feb mar apr aug sept sep oct nov dec inst ult prox ibid vs".split()
)


def old_sentences(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for match in _OLD_END.finditer(text):
        word = re.search(r"(\w+)[.!?][\"”’')\]]*$", text[start : match.start() + 1])
        if word and (word.group(1).lower() in _OLD_ABBREVIATIONS or len(word.group(1)) == 1):
            continue
        spans.append((start, match.start() + 1))
        start = match.end()
    spans.append((start, len(text)))
    return spans


_PYSBD = pysbd.Segmenter(language="en", clean=False, char_span=True)


def pysbd_sentences(text: str) -> list[tuple[int, int]]:
    return [(s.start, s.end) for s in _PYSBD.segment(text)]


def bad_cuts(text: str, spans: list[tuple[int, int]]) -> int:
    return sum(1 for start, end in spans[:-1] if _BAD_END.search(text[start:end].rstrip()))


#: Written cases in the style of the records (titles, initials, times, references), with the number
#: of sentences each holds: the kinds of cut the volumes in the repository rarely show.
CASES: tuple[tuple[str, int], ...] = (
    ("The Commissioners approved the report of Prof. Haskins. Mr. Grew was requested to reply.", 2),
    ("It was agreed that Lieut. Col. Grant should go. The meeting rose at 1 p.m.", 2),
    ("The meeting adjourned at 12:30 p.m. The next meeting will be on Monday.", 2),
    ("Gen. Bliss read telegram No. 53 from Maj. Gen. Harbord. It was decided to reply.", 2),
    ("The tribunal heard Mr. J. 0. Bancroft Davis. It adjourned.", 2),
    ("Supplies, e.g. coal and oil, were discussed. The Commissioners decided to wait.", 2),
    ("Mr. Lansing stated the U.S.A. would not object. Mr. White agreed.", 2),
    ("The Commissioners approved the following: that Sen. Lodge be informed.", 1),
    ("Dr. Mezes and Prof. C. H. Haskins, of the Inquiry, were present. The minutes were approved.", 2),
    ("The letter of Hon. F. L. Polk, Acting Secretary of State, was read. It was noted.", 2),
    ("Capt. Gammel (see Art. 4, Sec. 2) was appointed. Messrs. Hoover and Baruch concurred.", 2),
    (
        "The Secretary, Mr. Grew, was directed to write to Gov. Smith, St. Louis. No objection was made.",
        2,
    ),
)


def cases_table() -> None:
    print(f"\n| splitter | written cases split right (of {len(CASES)}) |")
    print("|---|---|")
    for name, split in (
        ("regular expression (before)", old_sentences),
        ("pysbd alone", pysbd_sentences),
        ("pysbd + guard (reader)", sentences),
    ):
        right = sum(1 for text, n in CASES if len([s for s in split(text) if text[s[0] : s[1]].strip()]) == n)
        print(f"| {name} | {right} |")


def main() -> int:
    texts = []
    for volume in sorted(DATA.glob("*.xml")):
        root = etree.parse(str(volume)).getroot()
        for div in root.iter(f"{_TEI}div"):
            if div.get("type") == "document":
                texts += [b.text for b in blocks(div) if _CUE.search(b.text)]
    print(f"{len(texts)} blocks with a decision word in {DATA}")
    print("| splitter | sentences | cuts at an abbreviation or ':' | seconds |")
    print("|---|---|---|---|")
    for name, split in (
        ("regular expression (before)", old_sentences),
        ("pysbd alone", pysbd_sentences),
        ("pysbd + guard (reader)", sentences),
    ):
        began = time.perf_counter()
        total = bad = 0
        for text in texts:
            spans = split(text)
            total += len(spans)
            bad += bad_cuts(text, spans)
        print(f"| {name} | {total} | {bad} | {time.perf_counter() - began:.1f} |")
    cases_table()
    return 0


if __name__ == "__main__":
    sys.exit(main())
