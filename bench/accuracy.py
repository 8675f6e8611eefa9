"""How truly the readers read: their facts compared with the gold standard in ``tests/gold/``.

The gold files were written by people reading the sources (format and matching rules:
``tests/gold/README.md``). This module reads each gold file's source with the real reader and the
real SHACL validation, takes the facts the stored document would hold (decisions, votes and ballots,
attendance, movers and seconders, dates, bodies), and scores them per source family and fact kind.

    python -m bench.accuracy            # both halves, every source; table to stdout and bench/results/
    python -m bench.accuracy --split tune --source fomc --errors   # tune on this; never on --split check

Readers are tuned on the ``tune`` half only; the ``check`` half is measured, not looked into.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
import time
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import RDF, RDFS, Graph, URIRef
from rdflib.namespace import FOAF, SKOS

from ingest import formats
from ingest.document import Document, ReaderError
from ingest.pipeline import doubt_of
from ingest.resolve import Resolver
from ingest.validate import validate
from ontology import PREC, IriMinter

from .gold import (
    GOLD_DIR,
    REPO,
    SOURCES,
    SPLITS,
    WAYS,
    GoldDecision,
    GoldDocument,
    GoldError,
    gold_documents,
    label_match,
    passage_overlap,
    result_name,
    same_person,
    status_name,
)

SHARED_DATA = REPO.parent / "shared" / "data"
RESULTS_DIR = REPO / "bench" / "results"

#: The issue's goals on the check half, per source family.
GOALS = {
    "decisions precision": 0.95,
    "decisions recall": 0.90,
    "votes exact": 0.95,
    "attendance precision": 0.95,
    "attendance recall": 0.95,
}

#: Attendance statuses a source's gold leaves out (tests/gold/README.md, "FOMC notes": the FOMC gold
#: lists members and alternates; staff and non-member presidents, stored as also-present, are not in it).
ATTENDANCE_LEFT_OUT = {"fomc": {"also-present"}}

#: How readers spell a ballot's way (``prec:voteCast``) → the gold's way.
_CAST = {
    "for": "for",
    "yea": "for",
    "yes": "for",
    "against": "against",
    "nay": "against",
    "no": "against",
    "abstain": "abstaining",
    "abstaining": "abstaining",
    "abstention": "abstaining",
    "absent": "absent",
    "recused": "recused",
    "recusal": "recused",
}
# --- what a read document holds -------------------------------------------------------------------


@dataclass
class FoundVote:
    counts: dict[str, int | None]
    result: str | None
    ballots: list[tuple[str, str]]


@dataclass
class FoundDecision:
    iri: str
    texts: list[str]
    bodies: list[str]
    result: str | None
    moved_by: list[str]
    seconded_by: list[str]
    vote: FoundVote | None


@dataclass
class FoundFacts:
    """The facts one read document holds, as plain values."""

    identifier: str
    refused: str | None = None
    uncertain: bool = False
    proposed: int = 0
    date: list[str] = field(default_factory=list)
    bodies: list[str] = field(default_factory=list)
    attendance: list[tuple[str, str]] = field(default_factory=list)
    attendance_as_stored: list[str] = field(default_factory=list)  # each attendance's own status
    decisions: list[FoundDecision] = field(default_factory=list)
    #: Decisions the reader proposed to the review queue (not stored until an editor accepts them).
    proposed_decisions: list[FoundDecision] = field(default_factory=list)


def _labels(graph: Graph, node) -> list[str]:
    out = []
    for prop in (RDFS.label, SKOS.prefLabel, FOAF.name, SKOS.altLabel, PREC.alias):
        out.extend(str(o) for o in graph.objects(node, prop))
    if not out and isinstance(node, URIRef):
        out.append(str(node).rstrip("/").rsplit("/", 1)[-1].replace("-", " "))
    return out


def _name(graph: Graph, node) -> str:
    return _labels(graph, node)[0]


def _int(graph: Graph, node, prop) -> int | None:
    value = graph.value(node, prop)
    try:
        return int(value) if value is not None else None
    except (TypeError, ValueError):
        return None


def _document_order(node) -> list:
    """An IRI as a sort key whose runs of digits compare as numbers (``…/d2`` before ``…/d10``)."""
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", str(node))]


def facts_of(document: Document) -> FoundFacts:
    """Decisions, votes, attendance, dates and bodies of one read document's graph."""
    g = document.graph
    facts = FoundFacts(identifier=document.identifier, proposed=len(document.proposed))
    meetings = set(g.subjects(PREC.hasAttendance, None)) | set(g.subjects(None, PREC.Meeting))
    for meeting in sorted(meetings):
        facts.date.extend(str(d)[:10] for d in g.objects(meeting, PREC.date))
        for body in g.objects(meeting, PREC.heldBy):
            facts.bodies.extend(_labels(g, body))
        for attendance in sorted(g.objects(meeting, PREC.hasAttendance)):
            person = g.value(attendance, PREC.attendee)
            status = g.value(attendance, PREC.attendanceStatus)
            if person is not None:
                facts.attendance.append((_name(g, person), status_name(status or "present")))
                facts.attendance_as_stored.append(str(status or "present"))
    for record in g.subjects(None, PREC.Record):
        if not facts.date:
            facts.date.extend(str(d)[:10] for d in g.objects(record, PREC.date))
    doubt = doubt_of(document)  # what `precedent ingest` reports as "stored with doubts"
    facts.uncertain = doubt is not None and doubt.uncertain
    facts.decisions = _decisions_of(g)
    for proposal in document.proposed:
        # A proposed decision's triples hold its text and passage; the proposal's own passage text too.
        for found in _decisions_of(proposal.triples):
            found.texts.append(proposal.passage_text)
            facts.proposed_decisions.append(found)
    if not meetings:
        # A record of no meeting (an instrument: a commission, full powers) has as its deciding body the
        # one its decisions name.
        facts.bodies.extend(dict.fromkeys(b for d in facts.decisions for b in d.bodies))
    return facts


def _decisions_of(g: Graph) -> list[FoundDecision]:
    """The decisions of one graph (a document's, or a proposed fact's) as plain values."""
    out: list[FoundDecision] = []
    # In document order (readers number decisions as they meet them; numbers compared as numbers, so
    # d2 comes before d10): ties in matching, such as a council's several motions with the same words,
    # then pair the first gold decision with the first found one, whatever the hash seed.
    for decision in sorted(g.subjects(RDF.type, PREC.Decision), key=_document_order):
        texts = [str(t) for t in g.objects(decision, PREC.text)]
        for passage in g.objects(decision, PREC.derivedFrom):
            texts.extend(str(q) for q in g.objects(passage, PREC.quote))
        # A label cut short ("At the conclusion of the Committee's discussion, all the members …") is a
        # title, not the decision's words: as a text it would be "contained" in every gold passage that
        # opens the same way, and pair decisions that say different things.
        texts.extend(str(t) for t in g.objects(decision, RDFS.label) if not str(t).endswith("…"))
        bodies = [label for body in g.objects(decision, PREC.decidedBy) for label in _labels(g, body)]
        holders = [decision, *g.objects(decision, PREC.onMotion)]
        moved = [_name(g, p) for h in holders for p in g.objects(h, PREC.movedBy)]
        seconded = [_name(g, p) for h in holders for p in g.objects(h, PREC.secondedBy)]
        vote = None
        result = result_name(g.value(decision, PREC.result))
        for v in sorted(g.objects(decision, PREC.hasVote)):
            counts = {
                "for": _int(g, v, PREC.votesFor),
                "against": _int(g, v, PREC.votesAgainst),
                "abstaining": _int(g, v, PREC.votesAbstaining),
                "absent": _int(g, v, PREC.votesAbsent),
                "recused": _int(g, v, PREC.votesRecused),
            }
            ballots = []
            for ballot in sorted(g.objects(v, PREC.hasBallot)):
                voter, cast = g.value(ballot, PREC.voter), g.value(ballot, PREC.voteCast)
                if voter is not None and cast is not None:
                    ballots.append((_name(g, voter), _CAST.get(str(cast).lower(), str(cast).lower())))
            for way in WAYS:  # a reader that states no count for a way it lists ballots for
                if counts[way] is None and any(w == way for _, w in ballots):
                    counts[way] = sum(1 for _, w in ballots if w == way)
            vote = FoundVote(counts, result_name(g.value(v, PREC.result)), ballots)
            result = vote.result or result
            break
        out.append(FoundDecision(str(decision), texts, bodies, result or "adopted", moved, seconded, vote))
    return out


# --- reading the sources -----------------------------------------------------------------------------


def source_path(gold: GoldDocument, shared_data: Path = SHARED_DATA) -> Path:
    if gold.source == "samples":
        return REPO / gold.file
    return shared_data / gold.file


def _document_matches(identifier: str, wanted: str | None) -> bool:
    if wanted is None:
        return True
    return identifier == wanted or identifier.endswith("/" + wanted) or identifier.endswith("#" + wanted)


def read_facts(path: Path, base_iri: str = "https://archive.example.org/id/") -> dict[str, FoundFacts]:
    """Every document of one source file, read and validated as ``precedent ingest`` would, as facts.

    A document the reader or the shapes refuse is kept with ``refused`` set: its facts are lost."""
    minter = IriMinter(base_iri)
    fmt = formats.detect(path)
    if fmt is None:
        raise GoldError(f"{path}: no reader for this file")
    out: dict[str, FoundFacts] = {}
    try:
        items = list(formats.read(path, fmt, level=None, minter=minter, resolver=Resolver(minter)))
    except ReaderError as error:
        items = [error]
    for item in items:
        if isinstance(item, ReaderError):
            out[f"refused:{item.location}"] = FoundFacts(identifier=item.location, refused=item.problem)
            continue
        facts = facts_of(item)
        violations = validate(item.graph)
        if violations:
            facts.refused = "; ".join(str(v) for v in violations[:3])
        out[item.identifier] = facts
    return out


# --- scoring -------------------------------------------------------------------------------------------


@dataclass
class Tally:
    """Counts behind one row of the table: matched, found and expected, and the errors."""

    matched: int = 0
    found: int = 0
    expected: int = 0
    errors: list[dict] = field(default_factory=list)

    @property
    def precision(self) -> float | None:
        return self.matched / self.found if self.found else None

    @property
    def recall(self) -> float | None:
        return self.matched / self.expected if self.expected else None

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        if p is None or r is None or p + r == 0:
            return None if p is None or r is None else 0.0
        return 2 * p * r / (p + r)


def _match_people(gold: list[tuple[str, str]], found: list[tuple[str, str]]) -> tuple[int, list, list]:
    """Greedy one-to-one matching of (name, tag) pairs; returns matched count, unmatched gold, found."""
    left = list(found)
    missing = []
    matched = 0
    for name, tag in gold:
        for i, (fname, ftag) in enumerate(left):
            if ftag == tag and same_person(name, fname):
                matched += 1
                del left[i]
                break
        else:
            missing.append((name, tag))
    return matched, missing, left


def _match_decisions(gold: list[GoldDecision], found: list[FoundDecision]) -> dict[int, int]:
    pairs = []
    for gi, gd in enumerate(gold):
        for fi, fd in enumerate(found):
            score = max((passage_overlap(gd.passage, t) for t in fd.texts), default=0.0)
            if score >= 0.6:
                pairs.append((score, gi, fi))
    pairs.sort(key=lambda p: (-p[0], p[1], p[2]))
    taken_g, taken_f, out = set(), set(), {}
    for _, gi, fi in pairs:
        if gi not in taken_g and fi not in taken_f:
            taken_g.add(gi)
            taken_f.add(fi)
            out[gi] = fi
    return out


@dataclass
class Report:
    """Tallies per (source, split, fact kind), and what was refused or uncertain."""

    tallies: dict[tuple[str, str, str], Tally] = field(default_factory=lambda: defaultdict(Tally))
    documents: dict[tuple[str, str], int] = field(default_factory=lambda: defaultdict(int))
    refused: list[dict] = field(default_factory=list)
    uncertain: int = 0
    proposed: int = 0

    def tally(self, gold: GoldDocument, kind: str) -> Tally:
        return self.tallies[(gold.source, gold.split, kind)]

    def rows(self) -> Iterator[dict]:
        for (source, split, kind), t in sorted(self.tallies.items()):
            yield {
                "source": source,
                "split": split,
                "kind": kind,
                "matched": t.matched,
                "found": t.found,
                "expected": t.expected,
                "precision": t.precision,
                "recall": t.recall,
                "f1": t.f1,
            }

    def score(self, source: str, split: str, goal: str) -> float | None:
        """The figure a goal of ``GOALS`` is judged on (e.g. ``"decisions recall"``)."""
        if goal == "votes exact":  # exact tallies of the recorded votes: a share of the gold votes
            t = self.tallies.get((source, split, goal))
            return None if t is None else t.recall
        kind, _, measure = goal.rpartition(" ")
        t = self.tallies.get((source, split, kind))
        return None if t is None else getattr(t, measure)


def _err(gold: GoldDocument, kind: str, expected: object, got: object) -> dict:
    where = gold.file + (f"#{gold.document}" if gold.document else "")
    return {"file": where, "gold": gold.path.name, "kind": kind, "expected": expected, "got": got}


def score_document(report: Report, gold: GoldDocument, facts: FoundFacts | None) -> None:
    """Adds one gold document's comparison to ``report``."""
    report.documents[(gold.source, gold.split)] += 1
    if facts is None or facts.refused:
        report.refused.append(_err(gold, "refused", "stored", facts.refused if facts else "no such document"))
        facts = FoundFacts(identifier="")
    report.uncertain += facts.uncertain
    report.proposed += facts.proposed
    if gold.date is not None:
        t = report.tally(gold, "date")
        t.expected += 1
        t.found += 1 if facts.date else 0
        if gold.date in facts.date:
            t.matched += 1
        else:
            t.errors.append(_err(gold, "date", gold.date, sorted(set(facts.date))))
    if gold.body is not None:
        t = report.tally(gold, "body")
        t.expected += 1
        t.found += 1 if facts.bodies else 0
        if label_match(gold.body, facts.bodies):
            t.matched += 1
        else:
            t.errors.append(_err(gold, "body", gold.body, sorted(set(facts.bodies))))
    if gold.attendance is not None:
        t = report.tally(gold, "attendance")
        wanted = [(n, s) for n, s, _ in gold.attendance]
        left_out = ATTENDANCE_LEFT_OUT.get(gold.source, set())
        found = [
            a
            for a, stored in zip(facts.attendance, facts.attendance_as_stored, strict=True)
            if stored not in left_out
        ]
        matched, missing, extra = _match_people(wanted, found)
        t.matched += matched
        t.expected += len(wanted)
        t.found += len(found)
        t.errors += [_err(gold, "attendance missed", f"{n} ({s})", None) for n, s in missing]
        t.errors += [_err(gold, "attendance extra", None, f"{n} ({s})") for n, s in extra]
    if gold.decisions is None:
        return
    pairs = _match_decisions(gold.decisions, facts.decisions)
    t = report.tally(gold, "decisions")
    t.expected += len(gold.decisions)
    t.found += len(facts.decisions)
    t.matched += len(pairs)
    for gi, gd in enumerate(gold.decisions):
        if gi not in pairs:
            t.errors.append(_err(gold, "decision missed", gd.passage[:160], None))
    matched_found = set(pairs.values())
    for fi, fd in enumerate(facts.decisions):
        if fi not in matched_found:
            t.errors.append(_err(gold, "decision extra", None, (fd.texts or [fd.iri])[0][:160]))
    for gi, gd in enumerate(gold.decisions):
        fd = facts.decisions[pairs[gi]] if gi in pairs else None
        _score_decision_details(report, gold, gd, fd)
    _score_review(report, gold, facts, set(pairs))
    report.tally(gold, "votes exact").found += sum(1 for fd in facts.decisions if fd.vote is not None)


def _score_review(report: Report, gold: GoldDocument, facts: FoundFacts, stored: set[int]) -> None:
    """The review queue beside the store: which gold decisions the store missed that a proposed decision
    names (``review``: found = candidates, expected = the store's misses, so its precision is the share of
    candidates an editor should accept), and the recall of gold decisions stored *or* proposed
    (``decisions incl. review``). The stored figures are not touched: a proposal is not a stored fact."""
    decisions = gold.decisions or []
    missed = [gi for gi in range(len(decisions)) if gi not in stored]
    caught = _match_decisions([decisions[gi] for gi in missed], facts.proposed_decisions) if missed else {}
    review = report.tally(gold, "review")
    review.found += len(facts.proposed_decisions)
    review.expected += len(missed)
    review.matched += len(caught)
    for gi, gd in enumerate(decisions):
        if gi in stored:
            continue
        if missed.index(gi) not in caught:
            review.errors.append(_err(gold, "decision missed incl. review", gd.passage[:160], None))
    taken = set(caught.values())
    for fi, fd in enumerate(facts.proposed_decisions):
        if fi not in taken:
            review.errors.append(
                _err(gold, "review candidate not in gold", None, (fd.texts or [fd.iri])[0][:160])
            )
    both = report.tally(gold, "decisions incl. review")
    both.expected += len(decisions)
    both.found += len(facts.decisions) + len(facts.proposed_decisions)
    both.matched += len(stored) + len(caught)


def _score_decision_details(
    report: Report, gold: GoldDocument, gd: GoldDecision, fd: FoundDecision | None
) -> None:
    label = gd.passage[:80]
    if gd.result is not None:
        t = report.tally(gold, "decision results")
        t.expected += 1
        if fd is not None:
            t.found += 1
            if fd.result == gd.result:
                t.matched += 1
            else:
                t.errors.append(_err(gold, "decision result", f"{gd.result}: {label}", fd.result))
    for role, wanted, got in (
        ("movers", gd.moved_by, fd.moved_by if fd else []),
        ("seconders", gd.seconded_by, fd.seconded_by if fd else []),
    ):
        if wanted is None and not got:
            continue
        t = report.tally(gold, role)
        t.expected += 1 if wanted else 0
        t.found += 1 if got else 0
        if wanted and any(same_person(wanted, g) for g in got):
            t.matched += 1
        else:
            t.errors.append(_err(gold, role[:-1], f"{wanted}: {label}", got))
    if gd.body is not None:
        t = report.tally(gold, "decision bodies")
        t.expected += 1
        if fd is not None:
            t.found += 1
            if label_match(gd.body, fd.bodies):
                t.matched += 1
            else:
                t.errors.append(_err(gold, "decision body", f"{gd.body}: {label}", sorted(set(fd.bodies))))
    if gd.vote is None:
        return
    exact = report.tally(gold, "votes exact")
    exact.expected += 1
    fv = fd.vote if fd is not None else None
    if fv is None:
        exact.errors.append(
            _err(
                gold,
                "vote missed",
                f"{_tally_text(gd.vote.counts, gd.vote.result)}: {label}",
                None if fd is None else "decision found, no vote",
            )
        )
    else:
        same = all(
            (fv.counts.get(w) or 0) == gd.vote.counts[w] for w in ("for", "against", "abstaining", "recused")
        )
        result_ok = gd.vote.result is None or fv.result == gd.vote.result
        if same and result_ok:
            exact.matched += 1
        else:
            exact.errors.append(
                _err(
                    gold,
                    "vote tally",
                    f"{_tally_text(gd.vote.counts, gd.vote.result)}: {label}",
                    _tally_text(fv.counts, fv.result),
                )
            )
    ballots = report.tally(gold, "ballots")
    wanted = [(n, way) for way in WAYS if way != "absent" for n in gd.vote.names[way]]
    got = [(n, w) for n, w in (fv.ballots if fv else []) if w != "absent"]
    matched, missing, extra = _match_people(wanted, got)
    ballots.matched += matched
    ballots.expected += len(wanted)
    ballots.found += len(got)
    ballots.errors += [_err(gold, "ballot missed", f"{n} {w}: {label}", None) for n, w in missing]
    ballots.errors += [_err(gold, "ballot extra", label, f"{n} {w}") for n, w in extra]


def _tally_text(counts: dict, result: str | None) -> str:
    parts = [f"{w} {counts.get(w)}" for w in ("for", "against", "abstaining", "recused") if counts.get(w)]
    return f"{result or '?'} ({', '.join(parts) or 'no counts'})"


def evaluate(golds: list[GoldDocument], shared_data: Path = SHARED_DATA, progress: bool = False) -> Report:
    """Reads every gold document's source once and scores it."""
    report = Report()
    by_file: dict[Path, list[GoldDocument]] = defaultdict(list)
    for gold in golds:
        by_file[source_path(gold, shared_data)].append(gold)
    for n, (path, wanted) in enumerate(sorted(by_file.items()), start=1):
        if progress:
            print(f"[{n}/{len(by_file)}] {path.name}", file=sys.stderr)
        if not path.exists():
            raise GoldError(f"{wanted[0].path}: source file {path} does not exist")
        found = read_facts(path)
        for gold in wanted:
            hits = [
                f
                for key, f in found.items()
                if not key.startswith("refused:") and _document_matches(f.identifier, gold.document)
            ]
            if gold.document is None and len(hits) > 1:
                raise GoldError(f"{gold.path}: {path} holds {len(hits)} documents; name one with 'document:'")
            if not hits:
                refusals = [
                    f
                    for key, f in found.items()
                    if key.startswith("refused:") and (gold.document is None or gold.document in key)
                ]
                score_document(report, gold, refusals[0] if refusals else None)
            else:
                score_document(report, gold, hits[0])
    return report


# --- output --------------------------------------------------------------------------------------------


def _fmt(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}"


def markdown_table(report: Report) -> str:
    lines = [
        "| source | split | fact | precision | recall | F1 | matched / found / expected |",
        "|---|---|---|---|---|---|---|",
    ]
    for row in report.rows():
        if row["kind"] == "votes exact":
            p, r, f = "—", _fmt(row["recall"]), "—"
        else:
            p, r, f = _fmt(row["precision"]), _fmt(row["recall"]), _fmt(row["f1"])
        lines.append(
            f"| {row['source']} | {row['split']} | {row['kind']} | {p} | {r} | {f} | "
            f"{row['matched']} / {row['found']} / {row['expected']} |"
        )
    return "\n".join(lines)


def review_table(report: Report) -> str:
    """Per source and split: decisions recall of the store, recall of what is stored or proposed for
    review, the review candidates per document (the editors' load) and their share that are gold
    decisions the store missed (review precision)."""
    lines = [
        "| source | split | decisions recall | recall incl. review | review candidates / document | "
        "review precision |",
        "|---|---|---|---|---|---|",
    ]
    for row in review_rows(report):
        per_document = row["review candidates per document"]
        lines.append(
            f"| {row['source']} | {row['split']} | {_fmt(row['decisions recall'])} | "
            f"{_fmt(row['recall incl. review'])} | {'—' if per_document is None else f'{per_document:.2f}'} "
            f"({row['review candidates']}) | {_fmt(row['review precision'])} |"
        )
    return "\n".join(lines)


def review_rows(report: Report) -> list[dict]:
    """The review queue's figures per source and split (see ``review_table``)."""
    rows = []
    for source in SOURCES:
        for split in SPLITS:
            documents = report.documents.get((source, split))
            review = report.tallies.get((source, split, "review"))
            if not documents or review is None:
                continue
            both = report.tallies.get((source, split, "decisions incl. review"))
            rows.append(
                {
                    "source": source,
                    "split": split,
                    "decisions recall": report.score(source, split, "decisions recall"),
                    "recall incl. review": both.recall if both else None,
                    "review candidates": review.found,
                    "review candidates per document": review.found / documents,
                    "review precision": review.precision,
                }
            )
    return rows


def goals_table(report: Report) -> str:
    lines = ["| source | split | " + " | ".join(GOALS) + " |", "|---|---|" + "---|" * len(GOALS)]
    for source in SOURCES:
        for split in SPLITS:
            if not report.documents.get((source, split)):
                continue
            cells = []
            for goal, target in GOALS.items():
                value = report.score(source, split, goal)
                mark = "" if value is None else (" ✓" if value >= target else " ✗")
                cells.append(_fmt(value) + mark)
            lines.append(f"| {source} | {split} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.accuracy", description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--source", choices=SOURCES, action="append", help="only this source family (repeatable)"
    )
    parser.add_argument("--split", choices=(*SPLITS, "all"), default="all")
    parser.add_argument("--errors", action="store_true", help="list every error (file, expected, got)")
    parser.add_argument("--gold", type=Path, default=GOLD_DIR)
    parser.add_argument("--data", type=Path, default=SHARED_DATA, help="the shared data folder")
    parser.add_argument("--out", type=Path, default=RESULTS_DIR, help="where the results are written")
    parser.add_argument("--no-write", action="store_true", help="print only; write nothing")
    args = parser.parse_args(argv)
    golds = [g for g in gold_documents(args.gold, args.source or SOURCES) if args.split in ("all", g.split)]
    if not golds:
        print("no gold documents for that selection", file=sys.stderr)
        return 2
    started = time.perf_counter()
    report = evaluate(golds, args.data, progress=True)
    elapsed = time.perf_counter() - started
    counts = ", ".join(f"{s}/{sp}: {n}" for (s, sp), n in sorted(report.documents.items()))
    summary = (
        f"{len(golds)} gold documents ({counts}); refused {len(report.refused)}, "
        f"marked uncertain {report.uncertain}, facts sent to review {report.proposed}; {elapsed:.1f} s"
    )
    print(summary)
    print()
    print(goals_table(report))
    print()
    print(review_table(report))
    print()
    print(markdown_table(report))
    errors = [e for t in report.tallies.values() for e in t.errors] + report.refused
    if args.errors:
        print()
        for e in sorted(errors, key=lambda e: (e["file"], e["kind"])):
            print(f"{e['file']}: {e['kind']}: expected {e['expected']!r}, got {e['got']!r}")
    if not args.no_write:
        args.out.mkdir(parents=True, exist_ok=True)
        stem = f"accuracy-{dt.date.today().isoformat()}"
        if args.source or args.split != "all":
            stem += "-" + "-".join([*(args.source or []), *([args.split] if args.split != "all" else [])])
        payload = {
            "summary": summary,
            "rows": list(report.rows()),
            "review": review_rows(report),
            "errors": errors,
            "goals": {k: v for k, v in GOALS.items()},
        }
        (args.out / f"{stem}.json").write_text(json.dumps(payload, indent=1, default=str), encoding="utf-8")
        (args.out / f"{stem}.md").write_text(
            f"# Reader accuracy against tests/gold\n\n{summary}\n\n## Goals\n\n{goals_table(report)}\n\n"
            f"## The review queue\n\n{review_table(report)}\n\n"
            f"## Every fact kind\n\n{markdown_table(report)}\n",
            encoding="utf-8",
        )
        print(f"\nwritten: {args.out / stem}.{{md,json}}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
