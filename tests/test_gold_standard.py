"""The gold standard itself: every file well-formed and pointing at a real source, and the matching rules
of tests/gold/README.md behaving as written (the readers' scores are asserted in each reader's tests)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.accuracy import (
    FoundDecision,
    FoundFacts,
    Report,
    evaluate,
    review_rows,
    review_table,
    score_document,
)
from bench.gold import (
    GoldDecision,
    GoldDocument,
    GoldError,
    gold_documents,
    load_gold,
    passage_overlap,
    same_person,
)
from tests.conftest import SHARED_DATA

REPO = Path(__file__).resolve().parents[1]


def test_every_gold_file_is_well_formed_and_names_an_existing_source():
    golds = gold_documents()
    for gold in golds:
        base = REPO if gold.source == "samples" else SHARED_DATA
        if gold.source != "samples" and not SHARED_DATA.exists():
            continue
        assert (base / gold.file).is_file(), f"{gold.path.name}: {gold.file} does not exist"
        assert gold.decisions is not None or gold.attendance is not None, f"{gold.path.name} states no facts"


def test_the_split_is_by_era_or_volume_so_both_halves_exist_for_each_source():
    by_source: dict[str, set[str]] = {}
    for gold in gold_documents():
        by_source.setdefault(gold.source, set()).add(gold.split)
    for source, splits in by_source.items():
        assert splits == {"tune", "check"}, f"{source} has only {splits}"


def test_an_unknown_key_in_a_gold_file_is_an_error_naming_file_and_key(tmp_path):
    path = tmp_path / "typo.yaml"
    path.write_text("source: fomc\nfile: x.txt\nsplit: tune\ndecisoins: []\n", encoding="utf-8")
    with pytest.raises(GoldError, match=r"typo\.yaml: unknown key\(s\) decisoins"):
        load_gold(path)


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Janet L. Yellen", "Yellen", True),
        ("Janet L. Yellen", "J. Yellen", True),
        ("Mayor J. Morgan", "Josh Morgan", True),
        ("Mr. Seward", "Seward Mr.", True),
        ("Patrikis,1", "Mr. Patrikis", True),
        ("Janet L. Yellen", "Kevin Yellen", False),
        ("Janet L", "Janet L. Yellen", False),
        ("Richard W. Fisher", "Peter R. Fisher", False),
    ],
)
def test_names_match_on_surname_and_first_initial(a, b, same):
    assert same_person(a, b) is same


def test_a_decision_matches_when_one_text_holds_the_other_or_most_trigrams_agree():
    gold = "voted to keep the target range for the federal funds rate at 0 to 1/4 percent"
    assert passage_overlap(gold, "The Committee " + gold + ", and to continue purchases.") == 1.0
    assert (
        passage_overlap(
            gold, "the Committee voted to keep the target range for the federal funds rate at 0 to"
        )
        >= 0.6
    )
    assert passage_overlap(gold, "It was agreed that the next meeting would be held in January.") < 0.6
    assert passage_overlap(gold, "voted") == 0.0  # a found text of a word or two matches nothing


def test_a_reader_that_finds_nothing_scores_zero_recall_and_its_misses_are_listed(tmp_path):
    gold = GoldDocument(
        path=tmp_path / "g.yaml",
        source="samples",
        file="samples/x.md",
        document=None,
        split="check",
        date="2016-02-16",
        body="Board",
        attendance=[("Ana Ruiz", "present", None)],
        decisions=None,
    )
    report = Report()
    score_document(report, gold, None)
    assert report.score("samples", "check", "attendance recall") == 0.0
    assert report.refused and report.refused[0]["kind"] == "refused"


@pytest.mark.skipif(not SHARED_DATA.exists(), reason="needs ../shared/data")
def test_the_harness_reads_a_real_fomc_file_and_scores_its_policy_vote(tmp_path):
    gold_dir = tmp_path / "gold" / "fomc"
    gold_dir.mkdir(parents=True)
    (gold_dir / "m.yaml").write_text(
        "source: fomc\n"
        "file: fomc/MeetingDate=2009-12-15-2009-12-15_UploadedOn=20100106.txt\n"
        "split: check\n"
        "date: 2009-12-15\n"
        "decisions:\n"
        "  - passage: to maintain the target range for the federal funds rate at 0 to 1/4 percent\n"
        "    result: carried\n",
        encoding="utf-8",
    )
    report = evaluate(gold_documents(tmp_path / "gold", ["fomc"]))
    assert report.documents[("fomc", "check")] == 1
    assert report.score("fomc", "check", "decisions recall") == 1.0
    assert not report.refused


def _decision(passage: str) -> GoldDecision:
    return GoldDecision(passage=passage, result="adopted")


def test_the_review_queue_is_scored_beside_the_store_and_leaves_the_stored_figures_alone(tmp_path):
    agreed = (
        "It was agreed that the next meeting of the Committee would be held on Tuesday, November 17, 1998."
    )
    concluded = (
        "However, the members generally concluded that the risk of adverse market reactions was worth taking."
    )
    gold = GoldDocument(
        path=tmp_path / "g.yaml",
        source="fomc",
        file="fomc/x.txt",
        document=None,
        split="tune",
        date=None,
        body=None,
        attendance=None,
        decisions=[_decision(agreed), _decision(concluded)],
    )
    found = FoundFacts(
        identifier="x",
        decisions=[FoundDecision("d1", [agreed], [], "adopted", [], [], None)],
        proposed_decisions=[
            FoundDecision("d2", [concluded], [], "adopted", [], [], None),
            FoundDecision(
                "d3",
                ["Participants agreed that the staff should study the facility further."],
                [],
                None,
                [],
                [],
                None,
            ),
        ],
    )
    report = Report()
    score_document(report, gold, found)
    # the store: one of two gold decisions, nothing extra — a proposal is not a stored fact
    assert report.score("fomc", "tune", "decisions recall") == 0.5
    assert report.score("fomc", "tune", "decisions precision") == 1.0
    [row] = review_rows(report)
    assert row["recall incl. review"] == 1.0
    assert row["review candidates"] == 2 and row["review candidates per document"] == 2.0
    assert row["review precision"] == 0.5
    kinds = [e["kind"] for t in report.tallies.values() for e in t.errors]
    assert kinds.count("review candidate not in gold") == 1 and "decision missed" in kinds
    assert "| fomc | tune | 0.50 | 1.00 | 2.00 (2) | 0.50 |" in review_table(report)


@pytest.mark.skipif(not SHARED_DATA.exists(), reason="needs ../shared/data")
def test_the_harness_counts_a_gold_decision_the_reader_proposed_for_review(tmp_path):
    gold_dir = tmp_path / "gold" / "fomc"
    gold_dir.mkdir(parents=True)
    (gold_dir / "m.yaml").write_text(
        "source: fomc\n"
        "file: fomc-other-years/MeetingDate=1998-09-29-1998-09-29_UploadedOn=19981119.txt\n"
        "split: tune\n"
        "decisions:\n"
        "  - passage: By unanimous vote, the Committee ratified these transactions.\n"
        "    result: carried\n"
        "  - passage: However, the members generally concluded that the risk of adverse market\n"
        "      reactions was worth taking\n"
        "    result: adopted\n",
        encoding="utf-8",
    )
    report = evaluate(gold_documents(tmp_path / "gold", ["fomc"]))
    assert report.score("fomc", "tune", "decisions recall") == 0.5
    [row] = review_rows(report)
    assert row["recall incl. review"] == 1.0 and row["review candidates"] >= 1
    assert 0 < row["review precision"] <= 1.0
