"""Search quality on the question set: recall@10, MRR and nDCG@10 of the ranking against plain BM25.

Run it over an archive that holds ``../shared/data`` and ``samples/`` (``--ingest`` builds one in a
temporary directory first)::

    python -m bench.search_quality --data /path/to/archive
    python -m bench.search_quality --ingest            # ingest samples + ../shared/data, then measure

Each question of ``bench/questions/questions.yaml`` is asked twice in the same run, over the same
index: through the archive's search as users get it (question reading, names, dates, boosts, one
place per document), and as plain BM25 over any of its words (``SearchRequest.plain``), whose ranked
records are reduced to their documents in order. A document counts when it is among the first ten.

- recall@10 (primary): the share of a question's primary documents in the top ten, averaged;
- recall@10 (all): the same over primary and related documents;
- MRR: 1 / the rank of the first primary document (0 if none in the top ten), averaged;
- nDCG@10: graded gain 2 for primary, 1 for related, log2 discount, against the ideal order.

Results per split (tuning / check), per question kind and per source, with every question that
missed a primary document listed, go to ``bench/results/search-quality-<date>.{json,md}``.
"""

from __future__ import annotations

import argparse
import json
import math
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
QUESTIONS = HERE / "questions" / "questions.yaml"
RESULTS = HERE / "results"
ROOT = HERE.parent
SHARED_DATA = ROOT / ".." / "shared" / "data"
TOP = 10
#: Ranked records read for the plain baseline to fill ten distinct documents.
BASELINE_RECORDS = 100


@dataclass
class Question:
    """One question with its graded documents (references as written in the question file)."""

    id: str
    split: str
    source: str
    kind: str
    text: str
    primary: list[str]
    related: list[str]


@dataclass
class Scored:
    """How one ranking did on one question."""

    ranked: list[str]
    recall_primary: float
    recall_all: float
    reciprocal_rank: float
    ndcg: float
    missing: list[str] = field(default_factory=list)


def load_questions(path: Path = QUESTIONS) -> list[Question]:
    """The question file, checked: unique ids, a split, a kind and at least one primary document each."""
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    questions, seen = [], set()
    for i, entry in enumerate(raw, 1):
        where = f"{path.name}, entry {i}"
        for key in ("id", "split", "source", "kind", "question", "primary"):
            if not entry.get(key):
                raise ValueError(f"{where}: field {key!r} is missing")
        if entry["id"] in seen:
            raise ValueError(f"{where}: id {entry['id']!r} is used twice")
        if entry["split"] not in ("tuning", "check"):
            raise ValueError(f"{where}: split {entry['split']!r} is not tuning or check")
        seen.add(entry["id"])
        questions.append(
            Question(
                entry["id"],
                entry["split"],
                entry["source"],
                entry["kind"],
                str(entry["question"]),
                [str(d) for d in entry["primary"]],
                [str(d) for d in entry.get("related") or []],
            )
        )
    return questions


class Resolver:
    """Question-file references → the archive's document identifiers (via the ledger)."""

    def __init__(self, rows: list[tuple[str, str]]) -> None:
        self.identifiers = {identifier for identifier, _ in rows}
        self.by_stem: dict[str, set[str]] = defaultdict(set)
        for identifier, source in rows:
            if source:
                self.by_stem[Path(source).stem].add(identifier)

    def resolve(self, reference: str) -> set[str]:
        if reference.startswith("fomc:"):
            day = reference.split(":", 1)[1]
            found = {i for i in self.identifiers if f"MeetingDate={day}-" in i}
            found |= {
                i for stem, ids in self.by_stem.items() if stem.startswith(f"MeetingDate={day}-") for i in ids
            }
            return found
        if reference.startswith("council:"):
            stem = reference.split(":", 1)[1]
            return ({stem} & self.identifiers) | self.by_stem.get(stem, set())
        return {reference} & self.identifiers


def score(ranked: list[str], primary: list[set[str]], related: list[set[str]]) -> Scored:
    """Metrics of one ranked document list; each graded reference may match any of its identifiers."""
    top = ranked[:TOP]

    def rank_of(ids: set[str]) -> int | None:
        return next((i for i, doc in enumerate(top) if doc in ids), None)

    primary_ranks = [rank_of(ids) for ids in primary]
    related_ranks = [rank_of(ids) for ids in related]
    found_primary = [r for r in primary_ranks if r is not None]
    found_all = found_primary + [r for r in related_ranks if r is not None]
    gains = {r: 2.0 for r in found_primary}
    for r in related_ranks:
        if r is not None:
            gains.setdefault(r, 1.0)
    dcg = sum(gain / math.log2(rank + 2) for rank, gain in gains.items())
    ideal_gains = sorted([2.0] * len(primary) + [1.0] * len(related), reverse=True)[:TOP]
    idcg = sum(gain / math.log2(i + 2) for i, gain in enumerate(ideal_gains))
    return Scored(
        ranked=top,
        recall_primary=len(found_primary) / len(primary) if primary else 1.0,
        recall_all=len(found_all) / (len(primary) + len(related)) if primary or related else 1.0,
        reciprocal_rank=1.0 / (min(found_primary) + 1) if found_primary else 0.0,
        ndcg=dcg / idcg if idcg else 0.0,
    )


def ranked_documents(view: object, text: str, plain: bool) -> tuple[list[str], list[str]]:
    """The documents a search returns, in order, and (for the ranking) how it read the question."""
    from archive.textindex.model import SearchRequest

    if plain:
        result = view.search(SearchRequest(text=text, plain=True, per_page=BASELINE_RECORDS))
    else:
        result = view.search(SearchRequest(text=text, group=True, per_page=TOP))
    documents: list[str] = []
    for hit in result.hits:
        if hit.document and hit.document not in documents:
            documents.append(hit.document)
    return documents, list(result.explanation)


def _mean(values: list[float]) -> float:
    return statistics.fmean(values) if values else 0.0


def summarise(rows: list[dict], system: str) -> dict[str, float]:
    picked = [row[system] for row in rows]
    return {
        "questions": len(picked),
        "recall@10 primary": _mean([s.recall_primary for s in picked]),
        "recall@10 all": _mean([s.recall_all for s in picked]),
        "MRR": _mean([s.reciprocal_rank for s in picked]),
        "nDCG@10": _mean([s.ndcg for s in picked]),
    }


def measure(data_dir: Path, level: str | None = None) -> dict:
    """Ask every question both ways over the archive at ``data_dir``; return the report as data."""
    from archive import Archive, ArchiveConfig

    archive = Archive.open(ArchiveConfig.from_env(data_dir=data_dir))
    try:
        # The highest level by default: a reader cleared for everything the questions were written from.
        view = archive.view(level or archive.config.levels[-1])
        resolver = Resolver(
            [(row.identifier, getattr(row, "source_path", "") or "") for row in view.documents()]
        )
        if not resolver.by_stem:
            resolver = Resolver(_ledger_sources(data_dir))
        rows = []
        unresolved = []
        for question in load_questions():
            primary = [resolver.resolve(ref) for ref in question.primary]
            related = [resolver.resolve(ref) for ref in question.related]
            unresolved += [
                f"{question.id}: {ref}"
                for ref, ids in zip(question.primary + question.related, primary + related, strict=True)
                if not ids
            ]
            started = time.perf_counter()
            ours, explanation = ranked_documents(view, question.text, plain=False)
            ours_ms = (time.perf_counter() - started) * 1000
            started = time.perf_counter()
            baseline, _ = ranked_documents(view, question.text, plain=True)
            baseline_ms = (time.perf_counter() - started) * 1000
            scored = score(ours, primary, related)
            scored.missing = [
                ref for ref, ids in zip(question.primary, primary, strict=True) if not ids & set(ours[:TOP])
            ]
            plain = score(baseline, primary, related)
            plain.missing = [
                ref
                for ref, ids in zip(question.primary, primary, strict=True)
                if not ids & set(baseline[:TOP])
            ]
            rows.append(
                {
                    "question": question,
                    "ranking": scored,
                    "bm25": plain,
                    "explanation": explanation,
                    "ms": (ours_ms, baseline_ms),
                }
            )
    finally:
        archive.close()
    report: dict = {"data": str(data_dir), "level": level, "questions": len(rows), "unresolved": unresolved}
    for split in ("tuning", "check", "all"):
        chosen = [r for r in rows if split == "all" or r["question"].split == split]
        report[split] = {
            "ranking": summarise(chosen, "ranking"),
            "bm25": summarise(chosen, "bm25"),
            "by kind": {
                kind: {
                    "ranking": summarise([r for r in chosen if r["question"].kind == kind], "ranking"),
                    "bm25": summarise([r for r in chosen if r["question"].kind == kind], "bm25"),
                }
                for kind in sorted({r["question"].kind for r in chosen})
            },
            "by source": {
                source: {
                    "ranking": summarise([r for r in chosen if r["question"].source == source], "ranking"),
                    "bm25": summarise([r for r in chosen if r["question"].source == source], "bm25"),
                }
                for source in sorted({r["question"].source for r in chosen})
            },
        }
    report["misses"] = [
        {
            "id": r["question"].id,
            "split": r["question"].split,
            "question": r["question"].text,
            "missing": r["ranking"].missing,
            "top3": r["ranking"].ranked[:3],
            "explanation": r["explanation"],
            "bm25 found them": not r["bm25"].missing,
        }
        for r in rows
        if r["ranking"].missing
    ]
    report["baseline misses"] = [r["question"].id for r in rows if r["bm25"].missing]
    report["median ms per question"] = {
        "ranking": statistics.median(r["ms"][0] for r in rows) if rows else 0.0,
        "bm25": statistics.median(r["ms"][1] for r in rows) if rows else 0.0,
    }
    return report


def _ledger_sources(data_dir: Path) -> list[tuple[str, str]]:
    import sqlite3

    with sqlite3.connect(data_dir / "ledger.sqlite") as connection:
        return [
            (str(i), str(p or ""))
            for i, p in connection.execute("SELECT identifier, source_path FROM documents")
        ]


def markdown(report: dict) -> str:
    """The report as Markdown tables (what docs/search.md quotes)."""
    lines = [f"# Search quality — {report['questions']} questions", ""]
    metrics = ("recall@10 primary", "recall@10 all", "MRR", "nDCG@10")
    lines += ["| split | n | system | " + " | ".join(metrics) + " |", "|---|---|---|" + "---|" * len(metrics)]
    for split in ("tuning", "check", "all"):
        for system in ("ranking", "bm25"):
            row = report[split][system]
            label = "question ranking" if system == "ranking" else "plain BM25"
            values = " | ".join(f"{row[m]:.3f}" for m in metrics)
            lines.append(f"| {split} | {row['questions']} | {label} | {values} |")
    for group in ("by kind", "by source"):
        lines += ["", f"## Check half {group} (recall@10 primary / all, ranking vs plain BM25)", ""]
        lines += ["| " + group.split()[1] + " | n | ranking | plain BM25 |", "|---|---|---|---|"]
        for name, pair in report["check"][group].items():
            ours, plain = pair["ranking"], pair["bm25"]
            mine = f"{ours['recall@10 primary']:.2f} / {ours['recall@10 all']:.2f}"
            theirs = f"{plain['recall@10 primary']:.2f} / {plain['recall@10 all']:.2f}"
            lines.append(f"| {name} | {ours['questions']} | {mine} | {theirs} |")
    lines += ["", "## Questions that missed a primary document", ""]
    for miss in report["misses"]:
        top3 = ", ".join(miss["top3"]) or "nothing"
        read_as = "; ".join(miss["explanation"]) or "—"
        lines.append(
            f"- **{miss['id']}** ({miss['split']}) {miss['question']} — "
            f"missing {', '.join(miss['missing'])}; top 3: {top3}; read as: {read_as}"
        )
    if not report["misses"]:
        lines.append("- none")
    if report["unresolved"]:
        lines += ["", "## References not found in the archive", ""] + [f"- {u}" for u in report["unresolved"]]
    median = report["median ms per question"]
    lines += [
        "",
        f"Median time per question: ranking {median['ranking']:.1f} ms, plain BM25 {median['bm25']:.1f} ms.",
    ]
    return "\n".join(lines) + "\n"


def ingest_corpus(target: Path) -> Path:
    """Ingest ``samples/`` and ``../shared/data`` into a new archive under ``target``; return its data dir."""
    import subprocess

    data = target / "data"
    paths = [str(ROOT / "samples")] + [
        str(SHARED_DATA / name) for name in ("fomc", "fomc-other-years", "london-council", "frus")
    ]
    command = [sys.executable, "-m", "precedent", "--data", str(data), "ingest", *paths]
    subprocess.run(command, check=False, cwd=ROOT)
    return data


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--data", type=Path, help="archive data directory holding the corpus")
    parser.add_argument(
        "--ingest", action="store_true", help="ingest samples + ../shared/data into a temp archive"
    )
    parser.add_argument("--level", default=None, help="access level to search at (default: the highest)")
    parser.add_argument("--out", type=Path, default=RESULTS, help="where to write the report")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="precedent-quality-") as work:
        data = ingest_corpus(Path(work)) if args.ingest or not args.data else args.data
        report = measure(data, args.level)
    args.out.mkdir(parents=True, exist_ok=True)
    day = time.strftime("%Y-%m-%d")
    (args.out / f"search-quality-{day}.json").write_text(
        json.dumps(report, indent=2, default=str), encoding="utf-8"
    )
    text = markdown(report)
    (args.out / f"search-quality-{day}.md").write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
