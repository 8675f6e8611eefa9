"""The broad tier of FOMC decisions: a sentence no cue takes, whose subject is the whole Committee and
whose complement names a policy action or the statement's wording, goes to the review queue with its
confidence and passage — never into the graph, and never dropped.

The sentences are real ones from tune-half minutes (1993–1999, 2006–2008, 2010–2013); the gold standard
records the first ones as decisions the cues missed, and the README's rule of round four says why the
others are not (a quantified part of the members, an assessment of the economy).
"""

from __future__ import annotations

from pathlib import Path

from rdflib import RDF, Literal

from archive import Archive
from ingest import formats
from ingest.plaintext import text as text_reader
from ingest.plaintext.fomc import analyse_fomc
from ingest.plaintext.text_graph import CONFIDENCE_THRESHOLD
from ingest.resolve import Resolver
from ontology import PREC, IriMinter
from tests.archive_fixtures import make_config

MINTER = IriMinter()
PRESENT = "Ann B. Carter, Chair Dan E. Ford, Vice Chair"

# Decisions of tune meetings that no cue names (the gold of 1996-09-24, 2010-01-27 and 1998-09-29).
SOMA = (
    "In the course of their discussion at this meeting, the members agreed that the primary objective in "
    "the management of the SOMA portfolio was to ensure a high degree of liquidity so that prompt and "
    "effective adjustments could be made without unduly affecting the market for Treasury securities."
)
IOER = (
    "All agreed that raising the IOER rate and the target for the federal funds rate would be a key element "
    "of a move to less accommodative monetary policy."
)
EASING = (
    "However, the members generally concluded that the risk of adverse market reactions was worth taking and "
    "that the easing actions under consideration were more likely to help settle volatile financial markets "
    "and cushion the effects of more restrictive financial conditions on the ongoing expansion."
)
# A decision the cues take (stored), and the vote on it.
STORED = (
    "At the conclusion of the discussion, the Committee voted to keep the target federal funds rate at "
    "5 percent. Voting for this action: Ann B. Carter and Dan E. Ford. Voting against this action: None."
)
# Not decisions: a quantified part of the members (1990s policy discussions), and assessments of the
# economy (the outlook sections of 2012 and 1993) or of what an action would do.
PARTS = [
    "Most members agreed that the statement should indicate that the Committee would keep the target "
    "federal funds rate unchanged for a considerable period.",
    "A few members indicated that they could support a directive that called for a slight firming of "
    "reserve conditions.",
    "Some participants judged that it would be appropriate to reduce the pace of purchases soon.",
]
ASSESSMENTS = [
    "In their discussion of the economic situation and outlook, meeting participants agreed that the "
    "information received since the Committee's previous meeting, while mixed, had been positive, on "
    "balance, and suggested that the economy had been expanding moderately.",
    "The members agreed that the prospects for overall spending on business capital goods and housing "
    "were vulnerable to shifts in attitudes.",
    "Participants continued to expect these headwinds to ease over time and so anticipated that the "
    "recovery would gradually gain strength.",
    # a hypothesis weighed (March 1999): what would follow were they to act
    "Moreover, while the Committee's disclosure procedures do not always require the immediate announcement "
    "of a shift in symmetry, the members agreed that were they to announce a shift to a tightening bias, it "
    "would likely have in current circumstances a relatively pronounced and undesired effect on financial "
    "markets.",
]


def _minutes(body: str) -> str:
    return (
        "Minutes of the Federal Open Market Committee A meeting of the Federal Open Market Committee was "
        f"held on Tuesday, September 24, 1996. PRESENT: {PRESENT} The Manager of the System Open Market "
        f"Account reported on developments in financial markets. {body}"
    )


def _candidates(body: str) -> list[str]:
    analysis = analyse_fomc(_minutes(body), "")
    return [d.text for d in analysis.decisions if d.confidence < CONFIDENCE_THRESHOLD]


def test_a_position_no_cue_takes_is_proposed_for_review_with_its_confidence_and_passage(tmp_path: Path):
    path = tmp_path / "MeetingDate=1996-09-24-1996-09-24_UploadedOn=19961115.txt"
    path.write_text(_minutes(" ".join([SOMA, IOER, EASING, STORED])), encoding="utf-8")
    [document] = list(text_reader.read(path, minter=MINTER, resolver=Resolver(MINTER)))
    proposals = {p.passage_text: p for p in document.proposed}
    assert set(proposals) == {SOMA, IOER, EASING}
    for proposal in proposals.values():
        assert proposal.rule.startswith("decision:candidate-")
        assert 0.3 <= proposal.confidence <= 0.5 < CONFIDENCE_THRESHOLD
        assert proposal.summary.startswith("Decision? ")
        # the proposal holds the decision, its text and its passage, to join the graph when accepted
        [decision] = proposal.triples.subjects(RDF.type, PREC.Decision)
        assert proposal.triples.value(decision, PREC.text) == Literal(proposal.passage_text)
        assert (None, PREC.quote, Literal(proposal.passage_text)) in proposal.triples
    # All of them agreeing that something "would be" done counts for more than members generally concluding.
    assert proposals[IOER].confidence > proposals[EASING].confidence
    stored = {str(t) for t in document.graph.objects(None, PREC.text)}
    assert not stored & set(proposals), "a candidate never enters the graph"
    assert any("voted to keep the target federal funds rate" in t for t in stored)


def test_a_quantified_part_of_the_members_is_no_candidate():
    assert _candidates(" ".join(PARTS)) == []


def test_an_assessment_of_the_economy_is_no_candidate():
    assert _candidates(" ".join(ASSESSMENTS)) == []


def test_a_stored_decision_the_staff_review_and_a_quoted_statement_give_no_candidate():
    review = (
        "The information reviewed at this meeting suggested that economic activity had expanded. At its "
        "meeting in August, the members agreed that the Committee should keep the federal funds rate "
        "unchanged. In the Committee's discussion of policy, all the members favored keeping the target "
        "federal funds rate at 5 percent."
    )
    quoted = (
        'The Committee voted to approve the following statement: "The Committee judged that the federal '
        'funds rate should remain at 5 percent." Votes for this action: Ann B. Carter and Dan E. Ford.'
    )
    analysis = analyse_fomc(_minutes(review + " " + quoted), "")
    assert [d.confidence >= CONFIDENCE_THRESHOLD for d in analysis.decisions] == [True, True]


def test_the_candidates_come_after_the_stored_decisions_whose_numbers_stay():
    analysis = analyse_fomc(_minutes(" ".join([SOMA, STORED, IOER])), "")
    assert [d.confidence >= CONFIDENCE_THRESHOLD for d in analysis.decisions] == [True, False, False]
    assert analysis.decisions[0].vote is not None, "the vote list belongs to the stored decision"
    assert [d.text for d in analysis.decisions[1:]] == [SOMA, IOER]


def test_a_real_tune_file_sends_its_candidates_to_the_archive_s_review_queue(tmp_path, shared_data):
    path = shared_data / "fomc-other-years" / "MeetingDate=2010-01-27-2010-01-27_UploadedOn=20100217.txt"
    [document] = list(formats.read(path, "text", level="public", minter=MINTER, resolver=Resolver(MINTER)))
    archive = Archive.open(make_config(tmp_path / "data", "tantivy"))
    try:
        with archive.writer("editor") as writer:
            assert writer.put(document).status == "stored"
        pending = [p for p in archive.review.pending() if p.rule.startswith("decision:candidate-")]
        assert 0 < len(pending) <= 5, [p.passage_text[:80] for p in pending]
        [ioer] = [p for p in pending if p.passage_text.startswith("All agreed that raising the IOER rate")]
        assert ioer.identifier == document.identifier and ioer.confidence < CONFIDENCE_THRESHOLD

        def texts() -> set[str]:
            rows = archive.view("public").query(
                f"SELECT ?t WHERE {{ ?d a <{PREC.Decision}> ; <{PREC.text}> ?t }}"
            )
            return {str(row[0]) for row in rows.rows}

        assert ioer.passage_text not in texts(), "proposed, not stored"
        with archive.writer("editor") as writer:
            archive.review.decide(ioer.key, "accept", "alice")
            writer.refresh_review(document.identifier)
        assert ioer.passage_text in texts(), "an editor's acceptance stores the decision"
        assert archive.check().ok
    finally:
        archive.close()
