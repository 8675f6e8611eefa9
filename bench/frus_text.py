"""The measures behind the FRUS reader's choice of libraries for sentences and dates
(docs/accuracy.md, "## FRUS").

**Sentences.** How often a splitter cuts a FRUS sentence at an abbreviation.

Every running-text block of the FRUS volumes in ``../shared/data/frus`` that holds a decision word is
cut into sentences three ways: the regular expression the reader used before (kept here as the
baseline), pysbd alone, and pysbd with the reader's guard (``ingest.frus.text.sentences``). A cut
is *bad* when the piece before it ends at a title, an initial or a reference abbreviation ("Mr.",
"Prof.", "Gen.", "J.", "No.") or at ":", which no sentence does.

**Dates.** Every head and dateline of the volumes, and written forms the issue named ("1 May,
1919", "12th August, 1919", no year), read by the regular expressions the reader used before and by
``ingest.frus.dates`` (spans located, python-dateutil reading them).

    python -m bench.frus_text            # tables to stdout
"""

from __future__ import annotations

import re
import sys
import time
from pathlib import Path

import pysbd
from lxml import etree

from ingest.frus.dates import date_of
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


#: Written date forms with the date they mean (the year 1919 for those without one).
DATE_CASES: tuple[tuple[str, str], ...] = (
    ("Minutes of the Daily Meeting, Thursday, 1 May, 1919", "1919-05-01"),
    ("Minutes of the Daily Meeting, Tuesday, 12th August, 1919", "1919-08-12"),
    ("Monday, December 30, 1918", "1918-12-30"),
    ("Wednesday, August 13", "1919-08-13"),
    ("Paris, Sept. 3, 1919", "1919-09-03"),
    ("on the 22d of July, 1872", "1872-07-22"),
    ("on the l4th of September, 1872", "1872-09-14"),
    ("the 16th day of December, A. D. 1871", "1871-12-16"),
    ("March 20th [Wednesday, March 19th], 1919", "1919-03-20"),
    ("3 Feb. 1919", "1919-02-03"),
)

_OLD_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_OLD_MDY = re.compile(rf"({_OLD_MONTHS})\.? ([l\d]{{1,2}})(?:st|nd|rd|th|d)?(?:\s*\[[^\]]*\])?,? (\d{{4}})")
_OLD_DMY = re.compile(
    rf"([l\d]{{1,2}})(?:st|nd|rd|th|d)? (?:day )?of ({_OLD_MONTHS}),? (?:A\. ?D\. ?|in the year )?(\d{{4}})"
)


def old_date(text: str) -> str | None:
    """The reader's dates before ``ingest.frus.dates`` (month-day-year and "day of month" forms only)."""
    months = {m.lower(): i for i, m in enumerate(_OLD_MONTHS.split("|"), 1)}
    found = []
    for m in _OLD_MDY.finditer(text):
        found.append(
            (m.start(), int(m.group(3)), months[m.group(1).lower()], int(m.group(2).replace("l", "1")))
        )
    for m in _OLD_DMY.finditer(text):
        found.append(
            (m.start(), int(m.group(3)), months[m.group(2).lower()], int(m.group(1).replace("l", "1")))
        )
    if not found:
        return None
    _, y, mo, d = sorted(found)[-1]
    return f"{y:04d}-{mo:02d}-{d:02d}"


def dates_table() -> None:
    heads = []
    for volume in sorted(DATA.glob("*.xml")):
        root = etree.parse(str(volume)).getroot()
        for div in root.iter(f"{_TEI}div"):
            if div.get("type") != "document":
                continue
            for tag in ("head", "dateline"):
                element = div.find(f"{_TEI}{tag}")
                if element is not None:
                    heads.append(" ".join("".join(element.itertext()).split()))
    with_month = [h for h in heads if _MONTH_WORD.search(h)]
    old = sum(1 for h in with_month if old_date(h))
    new = sum(1 for h in with_month if date_of(h))
    print(f"\n{len(with_month)} heads and datelines name a month")
    print(f"| dates read by | heads and datelines with a date | written forms right (of {len(DATE_CASES)}) |")
    print("|---|---|---|")
    old_cases = sum(1 for text, want in DATE_CASES if old_date(text) == want)
    new_cases = 0
    for text, want in DATE_CASES:
        found = date_of(text, 1919)
        new_cases += found is not None and found.value.isoformat() == want
    print(f"| regular expressions (before) | {old} | {old_cases} |")
    print(f"| located spans + python-dateutil (reader) | {new} | {new_cases} |")


_MONTH_WORD = re.compile(rf"\b(?:{_OLD_MONTHS}|Sept?\.|Feb\.|Jan\.|Aug\.|Oct\.|Nov\.|Dec\.)")


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
    dates_table()
    return 0


if __name__ == "__main__":
    sys.exit(main())
