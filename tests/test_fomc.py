"""FOMC minutes read as a person reading them would: scored against the gold standard, not against
patterns that repeat the reader's own logic.

The gold files (``tests/gold/fomc/``) were written by reading the sources; ``bench.accuracy`` compares
the reader with them. The remaining tests pin behaviours the issue names (full names never cut at a
middle initial, dissents counted against the meeting's voting members, the text a decision adopts,
guessed names sent for review) on small inputs written here.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from rdflib import RDF

from bench.accuracy import GOALS, SHARED_DATA, evaluate
from bench.gold import gold_documents
from ingest.document import Document
from ingest.plaintext import text as text_reader
from ingest.plaintext.fomc import analyse_fomc, meeting_date
from ingest.plaintext.names import read_list
from ingest.resolve import Resolver
from ingest.validate import validate
from ontology import PREC, IriMinter

from .minutes_fixtures import label

MINTER = IriMinter()
FOMC_DATA = SHARED_DATA / "fomc"
needs_data = pytest.mark.skipif(not FOMC_DATA.is_dir(), reason="../shared/data/fomc is not present")


@pytest.fixture(scope="module")
def report():
    return evaluate([g for g in gold_documents(sources=["fomc"]) if g.split == "tune"])


@needs_data
@pytest.mark.parametrize("goal", list(GOALS))
def test_fomc_reader_meets_the_issue_goals_on_the_tuning_half_of_the_gold(report, goal):
    # The check half is measured by ``python -m bench.accuracy --split check`` and reported in
    # docs/accuracy.md; a test on it would invite tuning the reader to its errors.
    score = report.score("fomc", "tune", goal)
    assert score is not None and score >= GOALS[goal], f"{goal} on the tune half: {score}"


@needs_data
def test_no_gold_fomc_file_is_refused_and_every_date_and_body_is_right(report):
    assert report.refused == []
    for kind in ("date", "body"):
        tally = report.tallies[("fomc", "tune", kind)]
        assert tally.matched == tally.expected, tally.errors


@needs_data
def test_every_fomc_file_is_read_into_one_meeting_that_conforms_to_the_shapes():
    resolver = Resolver(MINTER)
    for path in sorted(FOMC_DATA.glob("*.txt")):
        [document] = list(text_reader.read(path, minter=MINTER, resolver=resolver))
        assert isinstance(document, Document), document
        g = document.graph
        meeting = next(g.subjects(RDF.type, PREC.Meeting))
        assert label(g, g.value(meeting, PREC.heldBy)) == "Federal Open Market Committee"
        assert validate(document) == [], path.name
        votes = [v for v in g.subjects(RDF.type, PREC.Vote) if g.value(v, PREC.votesFor) is not None]
        assert votes, f"{path.name}: no counted vote"


@needs_data
def test_a_decision_that_adopts_the_resolution_below_carries_its_text():
    path = next((SHARED_DATA / "fomc-other-years").glob("MeetingDate=2012-12-11-*"))
    analysis = analyse_fomc(path.read_text(encoding="utf-8-sig"), path.name)
    [swaps] = [d for d in analysis.decisions if "approved the following resolution" in d.text]
    assert swaps.text.rstrip('"').endswith("through February 1, 2014.")
    assert swaps.vote.cast["against"] == ["Jeffrey M. Lacker"]
    assert len(swaps.vote.cast["for"]) == 11


def test_full_names_are_never_cut_at_the_middle_initial():
    text = "Voting for this action: Janet L. Yellen, William C. Dudley, and Robert deV. Frierson. Next"
    names, _ = read_list(text, text.index(":") + 2)
    assert [n.name for n in names] == ["Janet L. Yellen", "William C. Dudley", "Robert deV. Frierson"]


def test_honorific_lists_survive_typing_slips_and_footnote_marks():
    text = "Messrs. Greenspan McDonough, Mullins. Angell, Patrikis,1 and Ms. Phillips. Votes against"
    names, end = read_list(text, 0)
    assert [n.name for n in names] == ["Greenspan", "McDonough", "Mullins", "Angell", "Patrikis", "Phillips"]
    assert text[end:].startswith(". Votes")


def test_a_new_honorific_without_a_separator_ends_the_list():
    text = "Voting against this action: Mr. Poole Absent and not voting: Mr. Mishkin Mr. Poole dissented"
    names, _ = read_list(text, text.index(":") + 2)
    assert [n.name for n in names] == ["Poole"]


def test_the_date_is_the_meetings_last_day_even_when_the_file_name_gives_the_first():
    opening = (
        "A meeting of the Federal Open Market Committee was held on Tuesday, December 15, 2009, at 2:00 "
        "p.m. and continued on Wednesday, December 16, 2009, at 9:00 a.m. PRESENT: Mr. Bernanke"
    )
    assert meeting_date(opening, "MeetingDate=2009-12-15-2009-12-15_UploadedOn=20100106.txt") == dt.date(
        2009, 12, 16
    )
    # A file that also reports a later telephone conference is dated by its file name's end …
    call = opening + " … In a telephone conference held on January 5, 2010, the Committee …"
    assert meeting_date(call, "MeetingDate=2010-01-05-2010-01-05_UploadedOn=1.txt") == dt.date(2010, 1, 5)
    # … but not a file whose name gives a day on which it reports no meeting (the minutes of the
    # August 5, 2008 meeting are filed as "MeetingDate=2008-08-08").
    assert meeting_date(opening, "MeetingDate=2010-01-05-2010-01-05_UploadedOn=1.txt") == dt.date(
        2009, 12, 16
    )


def _minutes(present: str, tail: str) -> str:
    return (
        "Minutes of the Federal Open Market Committee A meeting of the Federal Open Market Committee was "
        f"held on Tuesday, June 7, 2011, at 9:00 a.m. PRESENT: {present} In the agenda for this meeting, "
        f"it was reported that nothing had changed. {tail}"
    )


def test_a_dissent_stated_alone_counts_against_the_meetings_voting_members():
    text = _minutes(
        "Ann B. Carter, Chair Dan E. Ford, Vice Chair Gil H. Irwin",
        "With Mr. Irwin dissenting, the Authorization for Foreign Currency Operations was reaffirmed. "
        "At the conclusion of the discussion, the Committee voted to keep the rate. Voting for this "
        "action: Ann B. Carter, Dan E. Ford, and Gil H. Irwin. Voting against this action: None.",
    )
    analysis = analyse_fomc(text, "x.txt")
    reaffirmed, policy = analysis.decisions[:2]
    assert reaffirmed.vote.cast == {"for": ["Ann B. Carter", "Dan E. Ford"], "against": ["Gil H. Irwin"]}
    assert policy.vote.cast["for"] == ["Ann B. Carter", "Dan E. Ford", "Gil H. Irwin"]


def test_board_actions_are_decided_by_the_board_and_recaps_are_not_decisions():
    text = _minutes(
        "Ann B. Carter, Chair Dan E. Ford, Vice Chair",
        "At its April meeting, the Committee decided to keep the rate. The Board of Governors voted "
        "unanimously to approve a 1/4 percentage point increase in the discount rate.",
    )
    [decision] = analyse_fomc(text, "x.txt").decisions
    assert decision.body == "Board of Governors of the Federal Reserve System"
    assert decision.vote is not None and decision.vote.rule == "vote:unanimous"


def test_a_name_split_by_a_guess_goes_to_the_review_queue(tmp_path: Path):
    path = tmp_path / "MeetingDate=2011-06-07-2011-06-07_UploadedOn=20110628.txt"
    present = (
        "Ann Carter, Chair Dan Ford, Vice Chair Sarah Bloom Raskin Gil Irwin Lee Moss and Kim Ng, "
        "Alternate Members of the Federal Open Market Committee Sue Kim, Secretary"
    )
    path.write_text(_minutes(present, ""))
    [document] = list(text_reader.read(path, minter=MINTER, resolver=Resolver(MINTER)))
    attended = {label(document.graph, p) for p in document.graph.objects(None, PREC.attendee)}
    assert {"Ann Carter", "Dan Ford", "Gil Irwin", "Lee Moss", "Kim Ng", "Sue Kim"} <= attended
    assert [p.summary for p in document.proposed] == [
        "Attended (present)? Sarah Bloom Raskin: the name was split from its neighbours by a guess"
    ]


def test_later_minutes_with_an_attendance_heading_and_board_actions_are_read():
    text = (
        "Minutes of the Federal Open Market Committee January 29-30, 2019 A joint meeting of the Federal "
        "Open Market Committee and the Board of Governors of the Federal Reserve System was held on "
        "Tuesday, January 29, 2019, at 10:00 a.m. and continued on Wednesday, January 30, 2019, at 9:00 "
        "a.m. Attendance Jerome H. Powell, Chair John C. Williams, Vice Chair Michelle W. Bowman Lael "
        "Brainard Charles L. Evans, Alternate Member of the Federal Open Market Committee Ann E. Misback, "
        "Secretary Developments in Financial Markets and Open Market Operations The manager reported. "
        "At the conclusion of the discussion, the Committee voted to direct the Desk. Voting for this "
        "action: Jerome H. Powell, John C. Williams, Michelle W. Bowman, and Lael Brainard. Voting against "
        "this action: None. In a related action, the Board of Governors of the Federal Reserve System voted "
        "unanimously to leave the interest rates on reserves unchanged."
    )
    analysis = analyse_fomc(text, "x.txt")
    assert analysis.meeting.date == dt.date(2019, 1, 30)
    present = [(a.name, a.status, a.capacity) for a in analysis.attendance if a.status == "present"]
    assert present == [
        ("Jerome H. Powell", "present", "Chair"),
        ("John C. Williams", "present", "Vice Chair"),
        ("Michelle W. Bowman", "present", None),
        ("Lael Brainard", "present", None),
        ("Charles L. Evans", "present", "Alternate Member of the Federal Open Market Committee"),
    ]
    policy, board = analysis.decisions
    assert policy.vote.cast["for"][0] == "Jerome H. Powell" and len(policy.vote.cast["for"]) == 4
    assert board.body == "Board of Governors of the Federal Reserve System"


def test_a_document_shown_below_ends_where_a_sentence_opens_with_a_vote():
    # The carried document has no vote list of its own; the next decision must not be swallowed.
    text = _minutes(
        "Ann B. Carter, Chair Dan E. Ford, Vice Chair Gil H. Irwin",
        "By unanimous vote, the Foreign Currency Directive was reaffirmed in the form shown below: "
        "FOREIGN CURRENCY DIRECTIVE 1. System operations shall counter disorderly markets. "
        "The Committee voted to suspend temporarily the Guidelines for agency issues. Mr. Irwin dissented.",
    )
    directive, guidelines = analyse_fomc(text, "x.txt").decisions
    assert directive.text.endswith("counter disorderly markets.")
    assert guidelines.text.startswith("The Committee voted to suspend")
    assert guidelines.vote.cast["against"] == ["Irwin"]  # no full vote record to name him from


def test_a_vote_list_with_a_dissent_never_belongs_to_a_decision_stated_unanimous():
    text = _minutes(
        "Ann B. Carter, Chair Dan E. Ford, Vice Chair Gil H. Irwin",
        "By unanimous vote, the Procedural Instructions were reaffirmed. The Committee decided at this "
        "meeting to reaffirm the $5 billion ceiling. Votes for this action: Ann B. Carter and Dan E. Ford. "
        "Vote against this action: Gil H. Irwin.",
    )
    instructions, ceiling = analyse_fomc(text, "x.txt").decisions
    assert instructions.vote.rule == "vote:unanimous"
    assert ceiling.vote.cast["against"] == ["Gil H. Irwin"]
    # The list comes right after the decision's sentence: that decision was put to the vote.
    assert ceiling.vote.confidence == 0.95 and "nearest" not in ceiling.vote.rule


def test_a_vote_list_after_other_sentences_is_a_less_certain_guess():
    text = _minutes(
        "Ann B. Carter, Chair Dan E. Ford, Vice Chair Gil H. Irwin",
        "The Committee decided at this meeting to reaffirm the $5 billion ceiling. There had been no use of "
        "this facility since a repayment on April 2, 1992. Votes for this action: Ann B. Carter and Dan E. "
        "Ford. Vote against this action: Gil H. Irwin.",
    )
    (ceiling,) = analyse_fomc(text, "x.txt").decisions
    assert ceiling.vote.cast["against"] == ["Gil H. Irwin"]
    # The list follows a decision not stated as put to a vote, with text between: kept, less certain.
    assert ceiling.vote.confidence < 0.95


def test_an_approval_restated_by_its_vote_is_one_decision():
    text = _minutes(
        "Ann B. Carter, Chair Dan E. Ford, Vice Chair Gil H. Irwin",
        "The Committee approved a foreign currency swap arrangement with the Swiss National Bank that "
        "paralleled earlier arrangements. With Mr. Irwin dissenting, the Committee voted to establish a "
        "reciprocal currency swap arrangement with the Swiss National Bank in an amount of $4 billion. "
        "At the conclusion of the discussion, the Committee voted to keep the rate. Voting for this "
        "action: Ann B. Carter, Dan E. Ford, and Gil H. Irwin. Voting against this action: None.",
    )
    swap, policy = analyse_fomc(text, "x.txt").decisions
    assert swap.text.startswith("The Committee approved") and swap.text.endswith("$4 billion.")
    assert swap.vote.cast == {"for": ["Ann B. Carter", "Dan E. Ford"], "against": ["Gil H. Irwin"]}


def test_the_staff_review_recaps_actions_and_a_lost_closing_quote_ends_at_the_vote_list():
    text = _minutes(
        "Ann B. Carter, Chair Dan E. Ford, Vice Chair",
        "The information reviewed at this meeting suggested slower growth. On March 14, the Board of "
        "Governors approved a temporary financing arrangement. In their discussion of monetary policy, "
        'members spoke. The Committee voted to approve the statement below: "The Committee decided today '
        "to lower its target. Voting for this action: Ann B. Carter and Dan E. Ford. Voting against this "
        "action: None. It was agreed that the next meeting of the Committee would be held on Tuesday, "
        "May 3, 2011.",
    )
    statement, next_meeting = analyse_fomc(text, "x.txt").decisions
    assert statement.vote.cast["for"] == ["Ann B. Carter", "Dan E. Ford"]
    assert next_meeting.text.startswith("It was agreed that the next meeting")


def test_a_passage_the_source_prints_twice_gives_its_decision_and_vote_once():
    # The scrape of some minutes repeats a passage word for word (the tune minutes of 1993-02-03 and
    # 1997-02-05 repeat paragraphs of the staff review); the actions in such a copy are not new ones.
    block = (
        "In their discussion of monetary policy for the period ahead, all the members favored keeping "
        "the target federal funds rate at 5 percent, and many saw no need for a change in the near term; "
        "they noted that the economy was expanding at a moderate pace and that inflation was subdued. "
        "At the conclusion of the discussion, the Committee voted to keep the target federal funds rate "
        "at 5 percent. Voting for this action: Ann B. Carter and Dan E. Ford. Voting against this "
        "action: None. "
    )
    text = _minutes(
        "Ann B. Carter, Chair Dan E. Ford, Vice Chair",
        "By unanimous vote, the Committee ratified these transactions. "
        + block
        + block
        + "It was agreed that the next meeting of the Committee would be held on Tuesday, May 3, 2011.",
    )
    ratified, favored, voted, next_meeting = analyse_fomc(text, "x.txt").decisions
    assert favored.text.startswith("In their discussion") and voted.text.startswith("At the conclusion")
    assert voted.vote.cast["for"] == ["Ann B. Carter", "Dan E. Ford"]
    assert next_meeting.text.startswith("It was agreed that the next meeting")
    assert next_meeting.vote is None  # the copy's vote list belongs to no decision of its own
