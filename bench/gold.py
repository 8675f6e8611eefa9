"""The accuracy gold standard of ``tests/gold/``: its files, checked, and the rules that match its facts.

What a gold file may hold and how its facts are matched is written in ``tests/gold/README.md``; this
module is that page as code, so a typo in a gold file is an error rather than a fact silently dropped.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
GOLD_DIR = REPO / "tests" / "gold"
SOURCES = ("fomc", "frus", "council", "samples")
SPLITS = ("tune", "check")
WAYS = ("for", "against", "abstaining", "absent", "recused")

_FILE_KEYS = {
    "source",
    "file",
    "document",
    "split",
    "written_by",
    "date",
    "body",
    "attendance",
    "decisions",
    "note",
}
_ATTENDANCE_KEYS = {"name", "status", "capacity", "note"}
_DECISION_KEYS = {"passage", "body", "result", "moved_by", "seconded_by", "vote", "note"}
_VOTE_KEYS = {"for", "against", "abstaining", "absent", "recused", "counts", "result", "note"}
WAYS = ("for", "against", "abstaining", "absent", "recused")
#: Attendance statuses readers use → the gold's statuses (regrets and apologies are absences).
_STATUS = {
    "present": "present",
    "also-present": "present",
    "also present": "present",
    "attending": "present",
    "in attendance": "present",
    "absent": "absent",
    "regrets": "absent",
    "apologies": "absent",
    "remote": "remote",
    "electronic": "remote",
    "virtual": "remote",
}
_RESULTS = {
    "carried": "carried",
    "passed": "carried",
    "adopted": "adopted",
    "approved": "carried",
    "failed": "failed",
    "defeated": "failed",
    "lost": "failed",
    "rejected": "failed",
}
_TITLES = {
    "mr",
    "mrs",
    "ms",
    "miss",
    "messrs",
    "dr",
    "prof",
    "professor",
    "sir",
    "lord",
    "hon",
    "honourable",
    "honorable",
    "mayor",
    "deputy",
    "councillor",
    "councilor",
    "chair",
    "chairman",
    "chairwoman",
    "vice",
    "governor",
    "president",
    "secretary",
    "general",
    "gen",
    "col",
    "colonel",
    "captain",
    "capt",
    "admiral",
    "senator",
    "judge",
    "count",
    "baron",
    "marquis",
    "m",
    "mm",
    "herr",
    "signor",
    "senor",
    "monsieur",
}
_SUFFIXES = {"jr", "sr", "ii", "iii", "iv", "esq"}


class GoldError(ValueError):
    """A gold file that does not follow tests/gold/README.md; the message names the file and key."""


# --- the gold standard -------------------------------------------------------------------------


@dataclass
class GoldVote:
    names: dict[str, list[str]]
    counts: dict[str, int]
    result: str | None


@dataclass
class GoldDecision:
    passage: str
    body: str | None = None
    result: str | None = None
    moved_by: str | None = None
    seconded_by: str | None = None
    vote: GoldVote | None = None


@dataclass
class GoldDocument:
    path: Path
    source: str
    file: str
    document: str | None
    split: str
    date: str | None
    body: str | None
    attendance: list[tuple[str, str, str | None]] | None
    decisions: list[GoldDecision] | None


def _check_keys(where: str, value: object, allowed: set[str]) -> dict:
    if not isinstance(value, dict):
        raise GoldError(f"{where}: expected a mapping, found {type(value).__name__}")
    unknown = set(value) - allowed
    if unknown:
        raise GoldError(
            f"{where}: unknown key(s) {', '.join(sorted(unknown))}; known: {', '.join(sorted(allowed))}"
        )
    return value


def load_gold(path: Path) -> GoldDocument:
    """One gold file, checked against the format of tests/gold/README.md."""
    raw = _check_keys(str(path), yaml.safe_load(path.read_text(encoding="utf-8")), _FILE_KEYS)
    for key in ("source", "file", "split"):
        if not raw.get(key):
            raise GoldError(f"{path}: missing {key!r}")
    if raw["source"] not in SOURCES:
        raise GoldError(f"{path}: source must be one of {', '.join(SOURCES)}")
    if raw["split"] not in SPLITS:
        raise GoldError(f"{path}: split must be 'tune' or 'check'")
    attendance = None
    if raw.get("attendance") is not None:
        attendance = []
        for i, entry in enumerate(raw["attendance"]):
            entry = _check_keys(f"{path}: attendance[{i}]", entry, _ATTENDANCE_KEYS)
            if not entry.get("name") or not entry.get("status"):
                raise GoldError(f"{path}: attendance[{i}] needs name and status")
            attendance.append((str(entry["name"]), status_name(entry["status"]), entry.get("capacity")))
    decisions = None
    if raw.get("decisions") is not None:
        decisions = []
        for i, entry in enumerate(raw["decisions"]):
            entry = _check_keys(f"{path}: decisions[{i}]", entry, _DECISION_KEYS)
            if not entry.get("passage"):
                raise GoldError(f"{path}: decisions[{i}] needs a passage")
            vote = None
            if entry.get("vote") is not None:
                v = _check_keys(f"{path}: decisions[{i}].vote", entry["vote"], _VOTE_KEYS)
                names = {way: [str(n) for n in (v.get(way) or [])] for way in WAYS}
                counts = {way: len(names[way]) for way in WAYS}
                for way, n in (v.get("counts") or {}).items():
                    if way not in WAYS:
                        raise GoldError(f"{path}: decisions[{i}].vote.counts: unknown way {way!r}")
                    counts[way] = int(n)
                vote = GoldVote(names, counts, result_name(v.get("result")))
            decisions.append(
                GoldDecision(
                    passage=str(entry["passage"]),
                    body=entry.get("body"),
                    result=result_name(entry.get("result")),
                    moved_by=entry.get("moved_by"),
                    seconded_by=entry.get("seconded_by"),
                    vote=vote,
                )
            )
    date = raw.get("date")
    return GoldDocument(
        path=path,
        source=raw["source"],
        file=str(raw["file"]),
        document=raw.get("document"),
        split=raw["split"],
        date=str(date) if date is not None else None,
        body=raw.get("body"),
        attendance=attendance,
        decisions=decisions,
    )


def gold_documents(gold_dir: Path = GOLD_DIR, sources: Iterable[str] = SOURCES) -> list[GoldDocument]:
    """Every gold file of the given source families, in a stable order."""
    return [load_gold(p) for s in sources for p in sorted((gold_dir / s).glob("*.yaml"))]


# --- normalising names and text ------------------------------------------------------------------


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).lower()


def name_key(name: str) -> tuple[str, str]:
    """``(surname, first initial or '')`` of a person's name, titles and footnote marks dropped."""
    tokens = [t for t in re.split(r"[\s,.;:()]+", _fold(name)) if t]
    tokens = [re.sub(r"[^a-z'\-]", "", t) for t in tokens]
    tokens = [t.replace("'", "").replace("-", "") for t in tokens if t]
    tokens = [t for t in tokens if t and t not in _TITLES and t not in _SUFFIXES]
    if not tokens:
        return ("", "")
    if len(tokens) == 1:
        return (tokens[0], "")
    return (tokens[-1], tokens[0][0])


def same_person(a: str, b: str) -> bool:
    """Names match on surname, and on the first initial when both have one."""
    ka, kb = name_key(a), name_key(b)
    if not ka[0] or ka[0] != kb[0]:
        return False
    return not ka[1] or not kb[1] or ka[1] == kb[1]


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", _fold(text))


def _trigrams(words: list[str]) -> set[tuple[str, ...]]:
    if len(words) < 3:
        return {tuple(words)} if words else set()
    return {tuple(words[i : i + 3]) for i in range(len(words) - 2)}


def passage_overlap(gold: str, found: str) -> float:
    """1.0 when one text contains the other (the found one at least five words), else the share of the
    gold passage's word 3-grams found in the reader's text."""
    g, f = _words(gold), _words(found)
    if not g or not f:
        return 0.0
    gs, fs = " ".join(g), " ".join(f)
    if gs in fs or (len(f) >= 5 and fs in gs):
        return 1.0
    tg = _trigrams(g)
    return len(tg & _trigrams(f)) / len(tg)


def status_name(value: object) -> str:
    """An attendance status as the gold spells it."""
    text = str(value).strip().lower()
    return _STATUS.get(text, text)


def result_name(value: object) -> str | None:
    """A decision's or vote's result as the gold spells it (carried, failed, adopted)."""
    if value is None:
        return None
    return _RESULTS.get(str(value).strip().lower(), str(value).strip().lower())


def label_match(gold: str, labels: Iterable[str]) -> bool:
    """Whether a body or place named in the gold is one of the labels found."""
    g = " ".join(_words(gold))
    return any(g == " ".join(_words(label)) for label in labels)
