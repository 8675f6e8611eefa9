"""A census of the ways FOMC minutes record a vote, and what the reader stores for each.

Every tune-year minutes file in ``../shared/data`` (not only the gold ones) is read with the FOMC reader;
each occurrence of a vote form ("Votes for this action:", "By unanimous vote", "With Mr. X dissenting",
"Mr. X dissented because …", "The vote encompassed approval of the statement below", …) is classed by
what the reader made of it: a vote list attached to a decision (or only guessed), a sentence that is
its own decision, text a decision carries, a dissent's reason on its ballot — or nothing. Occurrences
the reader does not store are printed with their sentence, so a new form shows up as a new line.

Only the tune half is read (the split of ``tests/gold/README.md``): the check half is never tuned on.

    python -m bench.fomc_vote_forms
"""

from __future__ import annotations

import argparse
import collections
import re
from pathlib import Path

from bench.accuracy import SHARED_DATA
from ingest.heuristics import decode_source, sentence_bounds
from ingest.plaintext.fomc import analyse_fomc
from ingest.plaintext.text_analysis import DecisionFact

#: The tune half of the FOMC split, by the year of the meeting.
TUNE_YEARS = frozenset(range(1993, 2000)) | frozenset(range(2006, 2009)) | frozenset(range(2010, 2014))

#: Each form and how to find it in the text.
FORMS: list[tuple[str, re.Pattern[str]]] = [
    ("Votes/Voting for this action: (list)", re.compile(r"\bVot(?:es?|ing)\s+for\b[^:]{0,40}:")),
    (
        "Votes/Voting against this action: (list or None)",
        re.compile(r"\bVot(?:es?|ing)\s+against\b[^:]{0,40}:"),
    ),
    (
        "Absent (and not voting): / Not voting:",
        re.compile(r"\bAbsent(?: and not voting)?\s*:|\bNot voting\s*:"),
    ),
    ("By unanimous vote, …", re.compile(r"\b[Bb]y (?:a )?unanimous vote\b")),
    ("By notation vote …", re.compile(r"\b[Bb]y notation vote\b")),
    (
        "the Committee (then/also/unanimously) voted …",
        re.compile(r"\b(?:Committee|members|participants)\s+(?:\w+\s+){0,2}voted\b"),
    ),
    ("… unanimously approved / agreed / in favor", re.compile(r"\bunanimously\b")),
    ("With Mr. X dissenting, …", re.compile(r"\b[Ww]ith\s+(?:Mr|Ms|Mrs)\.[^,]{0,40}\bdissenting\b")),
    ("Mr. X dissented (because …)", re.compile(r"(?:Mr|Ms|Mrs)\.\s+\w+(?:,\s+who)?\s+dissented\b")),
    ("Mr. X abstained / except Mr. X, who abstained", re.compile(r"\babstained\b")),
    (
        "One/Three member(s) dissented (a summary)",
        re.compile(r"\b(?:One|Two|Three|Four) members? dissented\b"),
    ),
    (
        "The vote encompassed approval of the statement below",
        re.compile(r"\b[Tt]he vote (?:also )?encompassed\b"),
    ),
    ("These votes constituted approval of the following", re.compile(r"\bvotes constituted approval\b")),
    ("Mr. X voted as alternate (for Mr. Y)", re.compile(r"\bvoted as (?:an )?alternate\b")),
]

_MEETING_RE = re.compile(r"MeetingDate=(\d{4})-\d\d-\d\d-(\d{4})-\d\d-\d\d")


def tune_files(data: Path) -> list[Path]:
    """Every FOMC minutes file of the tune half, in name order."""
    files = sorted([*(data / "fomc").glob("*.txt"), *(data / "fomc-other-years").glob("*.txt")])
    return [f for f in files if (m := _MEETING_RE.search(f.name)) and int(m.group(2)) in TUNE_YEARS]


def _stored_as(form: str, text: str, pos: int, decisions: list[DecisionFact]) -> str:
    """What the reader made of the form at ``pos``."""
    start, _ = sentence_bounds(text, pos)
    holder = next((d for d in decisions if d.start <= pos < d.end), None)
    if form.startswith(("Votes/Voting", "Absent")):
        voted = next(
            (d for d in decisions if d.vote and not d.vote.partial and d.vote.start <= pos <= d.vote.end),
            None,
        )
        if voted is None:
            return "NOT attached: a vote list on no decision"
        return (
            "a guess: vote list on the nearest decision"
            if "nearest" in voted.vote.rule
            else "vote list on a decision"
        )
    if form.startswith("With Mr."):
        vote = holder.vote if holder else None
        if vote and vote.cast.get("against") and vote.cast.get("for"):
            return "named dissent, for-list from the meeting's roster"
        return (
            "dissent without a for-list" if vote and vote.cast.get("against") else "NOT stored as a dissent"
        )
    if form.startswith(("Mr. X dissented", "Mr. X abstained")):
        if any(d.vote and any(r[1] <= pos < r[2] for r in d.vote.reasons.values()) for d in decisions):
            return "reason on the dissenter's ballot"
        if holder and holder.vote and (holder.vote.cast.get("against") or holder.vote.cast.get("abstain")):
            return "dissent counted, reason not stored"
        return "NOT stored"
    if form.startswith(("One/Three", "Mr. X voted as")):
        return "inside a decision" if holder else "no vote of its own (a summary or an aside)"
    if holder is None:
        return "NOT in any decision"
    own = abs(sentence_bounds(text, holder.start)[0] - start) <= 3 or holder.start >= start
    return "its own decision" if own else "inside the text a decision carries"


def census(files: list[Path]) -> tuple[dict[str, collections.Counter[str]], dict[tuple[str, str], list[str]]]:
    """Per form, how many occurrences the reader stored each way, and up to three unstored examples."""
    table: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    examples: dict[tuple[str, str], list[str]] = collections.defaultdict(list)
    for path in files:
        text = decode_source(path.read_bytes())
        decisions = analyse_fomc(text, path.name).decisions
        for form, pattern in FORMS:
            for match in pattern.finditer(text):
                stored = _stored_as(form, text, match.start(), decisions)
                table[form][stored] += 1
                if stored.startswith(("NOT", "a guess")) and len(examples[(form, stored)]) < 3:
                    start, end = sentence_bounds(text, match.start())
                    day = _MEETING_RE.search(path.name)
                    examples[(form, stored)].append(
                        f"{day.group(0)[12:] if day else path.name}: {text[start:end][:140]}"
                    )
    return table, examples


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.fomc_vote_forms")
    parser.add_argument("--data", type=Path, default=SHARED_DATA, help="the shared data folder")
    args = parser.parse_args(argv)
    files = tune_files(args.data)
    table, examples = census(files)
    print(f"{len(files)} tune-year FOMC minutes files")
    for form, _ in FORMS:
        print(f"{form}: {sum(table[form].values())}")
        for stored, count in table[form].most_common():
            print(f"    {count:4d}  {stored}")
            for example in examples.get((form, stored), []):
                print(f"          e.g. {example}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
