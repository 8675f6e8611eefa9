"""FOMC minutes in the forms of years the archive has not seen, and the kinds of sentence the third
tuning round found hard.

Each fixture is built from real sentences of tune-half minutes (1993–1999, 2006–2008, 2010–2013),
rewritten only where later minutes (2018 on) write the same thing another way: vote lists with
semicolons and capacities ("Jerome H. Powell, Chair; John C. Williams, Vice Chair; …"), titles before
names ("Chair Powell; … Governors Barr, Bowman"), "Voting against this action: None.", the PRESENT
block with "Chair"/"Vice Chair", and meetings "held by videoconference". The tests assert names and
counts, not the reader's patterns.
"""

from __future__ import annotations

import datetime as dt

from ingest.plaintext.fomc import analyse_fomc
from ingest.plaintext.names import read_list
from ingest.plaintext.text_graph import CONFIDENCE_THRESHOLD

ALTERNATES = "Alternate Members of the Federal Open Market Committee"

# The December 17-18, 2013 policy vote, in the form minutes use from 2018 (semicolons, capacities).
SEMICOLON_VOTE = (
    "Voting for this action: Ben Bernanke, Chairman; William C. Dudley, Vice Chairman; James Bullard; "
    "Charles L. Evans; Esther L. George; Jerome H. Powell; Jeremy C. Stein; Daniel K. Tarullo; and "
    "Janet L. Yellen. Voting against this action: Eric Rosengren. Mr. Rosengren dissented because he "
    "viewed the decision to slow the pace of asset purchases at this meeting as premature."
)
DECEMBER_2013 = [
    "Ben Bernanke",
    "William C. Dudley",
    "James Bullard",
    "Charles L. Evans",
    "Esther L. George",
    "Jerome H. Powell",
    "Jeremy C. Stein",
    "Daniel K. Tarullo",
    "Janet L. Yellen",
]


def _minutes(opening: str, present: str, body: str) -> str:
    lead = "The Manager of the System Open Market Account reported on developments in financial markets."
    return f"Minutes of the Federal Open Market Committee {opening} PRESENT: {present} {lead} {body}"


def _decision(analysis, start: str):
    found = [d for d in analysis.decisions if d.text.startswith(start)]
    assert len(found) == 1, [d.text[:80] for d in analysis.decisions]
    return found[0]


def test_a_vote_list_with_semicolons_and_capacities_reads_every_member():
    names, end = read_list(SEMICOLON_VOTE, len("Voting for this action: "))
    assert [n.name for n in names] == DECEMBER_2013
    assert SEMICOLON_VOTE[end:].startswith(". Voting against")


def test_a_capacity_in_the_chair_form_and_a_closing_capacity_end_nothing_early():
    text = (
        "Voting for this action: Jerome H. Powell, Chair; John C. Williams, Vice Chair; Michelle W. "
        "Bowman; Lael Brainard; and Christopher J. Waller, Vice Chair for Supervision. The Board …"
    )
    names, _ = read_list(text, len("Voting for this action: "))
    assert [n.name for n in names][:4] == [
        "Jerome H. Powell",
        "John C. Williams",
        "Michelle W. Bowman",
        "Lael Brainard",
    ]
    assert "Christopher J. Waller" in [n.name for n in names]
    assert not any("Chair" in n.name or n.name == "Vice" for n in names)


def test_titles_before_names_stand_for_honorifics():
    text = (
        "Voting for this action: Chair Powell; Vice Chair Brainard; and Governors Barr, Bowman, Cook, "
        "Jefferson, and Waller. Voting against this action: None."
    )
    names, end = read_list(text, len("Voting for this action: "))
    assert [n.name for n in names] == ["Powell", "Brainard", "Barr", "Bowman", "Cook", "Jefferson", "Waller"]
    assert text[end:].startswith(". Voting against")


def test_a_videoconference_meeting_with_chair_capacities_and_a_semicolon_vote():
    text = _minutes(
        "December 17-18, 2013 A meeting of the Federal Open Market Committee was held by "
        "videoconference on Tuesday, December 17, 2013, at 1:00 p.m. and continued on Wednesday, "
        "December 18, 2013, at 8:30 a.m.",
        "Ben Bernanke, Chair William C. Dudley, Vice Chair James Bullard Charles L. Evans Esther L. George "
        "Jerome H. Powell Eric Rosengren Jeremy C. Stein Daniel K. Tarullo Janet L. Yellen Christine "
        f"Cumming, Richard W. Fisher, and Charles I. Plosser, {ALTERNATES} Jeffrey M. Lacker and John C. "
        "Williams, Presidents of the Federal Reserve Banks of Richmond and San Francisco, respectively "
        "William B. English, Secretary",
        "By unanimous vote, the Committee ratified the Desk's domestic transactions over the "
        "intermeeting period. At the conclusion of the discussion, the Committee voted to authorize and "
        "direct the Federal Reserve Bank of New York, until it was instructed otherwise, to execute "
        "transactions in the System Account in accordance with the following domestic policy directive: "
        '"The Committee directs the Desk to maintain its policy of rolling over maturing Treasury '
        'securities into new issues." '
        f"{SEMICOLON_VOTE} It was agreed that the next meeting of the Committee would be held on "
        "Tuesday-Wednesday, January 28-29, 2014.",
    )
    analysis = analyse_fomc(text, "MeetingDate=2013-12-17-2013-12-18_UploadedOn=20140108.txt")
    assert analysis.meeting.date == dt.date(2013, 12, 18)
    members = {a.name: a.capacity for a in analysis.attendance if a.status == "present"}
    assert members["Ben Bernanke"] == "Chair"
    assert members["William C. Dudley"] == "Vice Chair"
    assert members["Jerome H. Powell"] is None
    assert members["Charles I. Plosser"].startswith("Alternate Member")
    assert len([m for m in members.values() if m is None]) == 8
    policy = _decision(analysis, "At the conclusion of the discussion, the Committee voted")
    assert policy.vote.cast["for"] == DECEMBER_2013
    assert policy.vote.cast["against"] == ["Eric Rosengren"]
    assert "Voting for" not in policy.text  # the directive is carried, the vote list is not
    assert policy.text.endswith('into new issues."')


def test_voting_against_none_is_a_carried_vote_with_nobody_against():
    body = (
        "At the conclusion of the discussion, the Committee voted to authorize and direct the Federal "
        "Reserve Bank of New York, until it was instructed otherwise, to execute transactions in the "
        'System Account in accordance with the following domestic policy directive: "The Committee '
        "seeks conditions in reserve markets consistent with federal funds trading in a range from 0 to "
        '1/4 percent." Voting for this action: Ben Bernanke, Chairman; William C. Dudley, Vice '
        "Chairman; Elizabeth Duke; and Janet L. Yellen. Voting against this action: None."
    )
    analysis = analyse_fomc(
        _minutes("A meeting was held on Tuesday, June 21, 2011.", "Ben Bernanke, Chairman", body), ""
    )
    vote = _decision(analysis, "At the conclusion").vote
    assert vote.cast["for"] == ["Ben Bernanke", "William C. Dudley", "Elizabeth Duke", "Janet L. Yellen"]
    assert vote.cast.get("against", []) == []


def test_votes_for_short_run_policy_is_a_vote_list():
    # January 30-31, 1996: the policy vote's list is headed "Votes for short-run policy:".
    body = (
        "At the conclusion of the meeting, the Federal Reserve Bank of New York was authorized and "
        "directed, until instructed otherwise by the Committee, to execute transactions in the System "
        "Account in accordance with the following domestic policy directive: The information reviewed "
        "at this meeting suggests that the economy has been growing slowly. Votes for short-run policy: "
        "Messrs. Greenspan, McDonough, Boehne, Jordan, Kelley, Lindsey, McTeer, Ms. Phillips, Mr. Stern "
        "and Ms. Yellen. Votes against this action: None. It was agreed that the next meeting of the "
        "Committee would be held on Tuesday, March 26, 1996."
    )
    analysis = analyse_fomc(
        _minutes("A meeting was held on Wednesday, January 31, 1996.", "Mr. Greenspan, Chairman", body), ""
    )
    vote = _decision(analysis, "At the conclusion of the meeting").vote
    assert len(vote.cast["for"]) == 10
    assert vote.cast.get("against", []) == []


def test_a_heading_glued_to_a_notation_vote_does_not_hide_it():
    # August 2008: the resolution voted "below" is followed by the notation votes under a heading the
    # scrape glued to the first of them ("Notation VotesBy notation vote …").
    body = (
        "With Mr. Plosser dissenting, the Committee voted to approve the resolution below. TSLF Options "
        "Authorization In addition to the current authorizations granted to the Federal Reserve Bank of "
        "New York to engage in term securities lending transactions, the Federal Open Market Committee "
        "authorizes the Federal Reserve Bank of New York to offer options on up to $50 billion in "
        "additional draws on the Facility. Mr. Lockhart voted as alternate member at this meeting. "
        "Notation VotesBy notation vote completed on July 14, 2008, the Committee unanimously approved "
        "the minutes of the FOMC meeting held on June 24-25, 2008."
    )
    analysis = analyse_fomc(
        _minutes("A meeting was held on Tuesday, August 5, 2008.", "Mr. Bernanke, Chairman", body),
        "MeetingDate=2008-08-08-2008-08-08_UploadedOn=20080826.txt",
    )
    # The file name's August 8 is no meeting day: the minutes report none then.
    assert analysis.meeting.date == dt.date(2008, 8, 5)
    resolution = _decision(analysis, "With Mr. Plosser dissenting")
    assert "options on up to $50 billion" in resolution.text
    assert "June 24-25" not in resolution.text
    minutes = _decision(analysis, "By notation vote completed on July 14, 2008")
    assert minutes.formal


def test_a_document_agreed_on_without_a_vote_ends_at_the_next_heading():
    # June 2011: the swap resolution, then a staff presentation and the exit strategy principles under
    # headings glued to their first sentences.
    body = (
        "Following their discussion, members unanimously approved the following resolution: The Federal "
        "Open Market Committee directs the Federal Reserve Bank of New York to extend the existing "
        "temporary reciprocal currency arrangements. The swap arrangements shall now terminate on August "
        "1, 2012, unless further extended by the Committee. Dynamic Stochastic General Equilibrium Models "
        "A staff presentation provided an overview of ongoing Federal Reserve research on DSGE models. "
        "Exit Strategy Principles The Committee discussed strategies for normalizing the stance and "
        "conduct of monetary policy. At the conclusion of the discussion, all but one of the participants "
        "agreed on the following key elements of the strategy that they expect to follow when it becomes "
        "appropriate to begin normalizing the stance and conduct of monetary policy: The Committee will "
        "determine the timing and pace of policy normalization to promote its statutory mandate of "
        "maximum employment and price stability. The Committee is prepared to make adjustments to its exit "
        "strategy if necessary in light of economic and financial developments. Staff Review of the "
        "Economic Situation The information reviewed at the June 21-22 meeting indicated that the pace of "
        "the economic recovery slowed in recent months."
    )
    analysis = analyse_fomc(
        _minutes("A meeting was held on Wednesday, June 22, 2011.", "Ben Bernanke, Chairman", body), ""
    )
    swap = _decision(analysis, "Following their discussion, members unanimously approved")
    assert swap.text.endswith("unless further extended by the Committee.")
    principles = _decision(analysis, "At the conclusion of the discussion, all but one of the participants")
    assert not principles.formal  # agreed without a vote: no vote list may attach to it
    assert "timing and pace of policy normalization" in principles.text
    assert principles.text.endswith("economic and financial developments.")


def test_earlier_actions_recapped_are_not_decisions():
    # November 1997 and December 1993: the staff review recaps the last meeting's directive, and a
    # pluperfect recaps an older decision; the meeting's own actions are still found.
    body = (
        "By unanimous vote, the Committee ratified these transactions. The information reviewed at the "
        "meeting suggested that economic activity continued to expand at a brisk pace. At its meeting on "
        "September 30, 1997, the Committee adopted a directive that called for maintaining conditions in "
        "reserve markets that were consistent with an unchanged federal funds rate averaging around 5-1/2 "
        "percent. The Committee retained a tilt in the directive toward a possible firming of reserve "
        "conditions during the intermeeting period. In the Committee's discussion of current and "
        "prospective economic developments, members commented on the strength of the expansion. The "
        "Committee already had decided to make public with a 5-year lag lightly edited versions of all "
        "the transcripts. In their discussion of possible adjustments to policy during the intermeeting "
        "period, the members indicated that they wanted to retain in the operating paragraph of the "
        "directive the existing asymmetry toward restraint. It was agreed that the next meeting of the "
        "Committee would be held on Tuesday, December 16, 1997."
    )
    analysis = analyse_fomc(
        _minutes("A meeting was held on Wednesday, November 12, 1997.", "Mr. Greenspan, Chairman", body), ""
    )
    texts = [d.text for d in analysis.decisions]
    assert not any(
        t.startswith(("At its meeting", "The Committee retained a tilt", "The Committee already"))
        for t in texts
    )
    assert any(t.startswith("By unanimous vote, the Committee ratified") for t in texts)
    assert any("wanted to retain in the operating paragraph of the directive" in t for t in texts)
    assert any(t.startswith("It was agreed that the next meeting") for t in texts)


def test_the_committee_s_own_next_act_is_a_decision_and_its_assessments_are_not():
    # December 2013 and April 2011.
    body = (
        "Consistent with this approach, the Committee agreed that, beginning in January, it would add to "
        "its holdings of agency mortgage-backed securities at a pace of $35 billion per month rather than "
        "$40 billion per month. Participants agreed that it would be important to pay close attention to "
        "the evolution of both inflation and inflation expectations. The Committee agreed that more "
        "discussion of these issues was needed, and no decisions regarding the Committee's strategy for "
        "normalizing policy were made at this meeting. The Committee also decided to summarize its current "
        "thinking about inflation pressures and to emphasize that it will closely monitor the evolution of "
        "inflation and inflation expectations. Members agreed that the Committee will regularly review the "
        "size and composition of its securities holdings."
    )
    analysis = analyse_fomc(
        _minutes("A meeting was held on Wednesday, December 18, 2013.", "Ben Bernanke, Chairman", body), ""
    )
    texts = [d.text for d in analysis.decisions]
    assert [t[:40] for t in texts] == [
        "Consistent with this approach, the Commi",
        "The Committee agreed that more discussio",
        "The Committee also decided to summarize ",
    ]


def _policy_texts(body: str, opening: str = "A meeting was held on Tuesday, July 2, 1996.") -> list[str]:
    """The decisions the reader stores (the broad tier's candidates, under the threshold, go to review;
    ``tests/test_fomc_candidates.py`` tests them)."""
    analysis = analyse_fomc(_minutes(opening, "Mr. Greenspan, Chairman", body), "")
    return [d.text for d in analysis.decisions if d.confidence >= CONFIDENCE_THRESHOLD]


def test_the_whole_committee_s_position_is_a_decision_whatever_its_verb():
    # Sentences of the policy discussions of 1993-1999 tune meetings that have no gold: the subject is
    # the Committee or all (but one) of its members, the complement an action or the directive's form.
    positions = [
        "The Committee members were unanimously in favor of retaining the current monitoring range of 3 "
        "to 7 percent for growth of total domestic nonfinancial debt in 1996 and extending that range on "
        "a provisional basis to 1997.",
        "At the conclusion of the Committee's discussion, all the members indicated their support of a "
        "directive that called for maintaining the existing degree of pressure on reserve positions.",
        "At the conclusion of the Committee's discussion, all the members expressed their support of a "
        "directive that called for maintaining conditions in reserve markets that were consistent with an "
        "unchanged federal funds rate of about 5-1/2 percent.",
        "In the Committee's discussion of policy for the intermeeting period, all the members agreed on "
        "the desirability of maintaining an unchanged policy stance.",
        "In considering possible adjustments to policy during the period before the next meeting, all the "
        "members favored moving to a symmetric intermeeting instruction.",
        "In the circumstances, all the members agreed that a further tightening action was needed at this "
        "point.",
        "The Committee was unanimous in its view that the current monitoring range for the growth of "
        "total domestic nonfinancial debt should be retained for 1995 and extended to 1996.",
        "At this meeting, the members agreed unanimously to authorize the preparation of lightly edited "
        "transcripts of past meetings.",
    ]
    texts = _policy_texts(" ".join(positions))
    assert texts == positions


def test_a_part_of_the_members_or_an_assessment_is_no_decision():
    # The same meetings: a quantified subject ("a majority of the members", "most members") records how
    # the Committee was divided; "they" after "Some added …" is that part; "agreed that … would preclude"
    # and a section's announcement are no positions on an action.
    body = (
        "In their discussion of possible adjustments to policy during the intermeeting period, a majority "
        "of the members favored a symmetric directive. Some added that inflation remained quiescent. "
        "Accordingly, they felt that the directive should not establish a presumption about further "
        "near-term policy tightening. In the discussion of monetary policy for the period ahead, most "
        "members agreed that the revisions to the economic outlook warranted some additional monetary "
        "policy accommodation. They also agreed that century date change concerns were not likely to be of "
        "a kind or magnitude that would preclude a policy tightening move at the November meeting, should "
        "such an action seem warranted at that time. In keeping with the requirements of the Full "
        "Employment and Balanced Growth Act of 1978 (the Humphrey-Hawkins Act), the Committee at this "
        "meeting reviewed the ranges for growth in the monetary and debt aggregates that it had "
        "established in February for 1993 and it decided on tentative ranges for growth in those "
        "aggregates in 1994."
    )
    assert _policy_texts(body) == []


def test_a_commitment_to_act_and_the_statement_s_wording_are_decisions():
    # January 2010, January 2012 and December 2012 (tune meetings without gold).
    positions = [
        "Members emphasized that they were prepared to modify these plans if necessary to support "
        "financial stability and economic growth.",
        "The Committee also stated that it is prepared to adjust the size and composition of its "
        "securities holdings as appropriate to promote a stronger economic recovery in a context of price "
        "stability.",
        "The Committee thought it would be helpful to indicate in the statement that it viewed the "
        "economic thresholds as consistent with its earlier, date-based guidance.",
        "In their discussion of monetary policy for the period ahead, the Committee members reached the "
        "collective judgment that it would be appropriate to maintain the existing highly accommodative "
        "stance of monetary policy.",
        "The Committee also considered whether to add more information concerning the contingent outlook "
        "for asset purchases to the policy statement, but judged that doing so might prompt an unwarranted "
        "shift in market expectations regarding asset purchases.",
    ]
    texts = _policy_texts(" ".join(positions), "A meeting was held on Wednesday, December 12, 2012.")
    assert texts == positions
    # The readiness is the Committee's, not the markets'.
    assert (
        _policy_texts("Members noted that investors were prepared to take on more risk in search of yield.")
        == []
    )


def test_a_quoted_word_beside_a_dash_does_not_hide_the_policy_vote():
    # July 30-31, 2013: '"reaffirmed its view"--rather than simply "expects"--that' quotes two words;
    # the policy vote after it is still a decision, with its list.
    body = (
        'The Committee decided to indicate in the statement that it "reaffirmed its view"--rather than '
        'simply "expects"--that a highly accommodative stance of monetary policy will remain appropriate '
        "for a considerable time after the asset purchase program ends. At the conclusion of the "
        "discussion, the Committee voted to authorize and direct the Federal Reserve Bank of New York, "
        "until it was instructed otherwise, to execute transactions in the System Account in accordance "
        'with the following domestic policy directive: "The Committee directs the Desk to maintain its '
        'policy of rolling over maturing Treasury securities into new issues." Voting for this action: '
        "Ben Bernanke, William C. Dudley, and Janet L. Yellen. Voting against this action: Esther L. George."
    )
    analysis = analyse_fomc(
        _minutes("A meeting was held on Wednesday, July 31, 2013.", "Ben Bernanke, Chairman", body), ""
    )
    wording = _decision(analysis, "The Committee decided to indicate")
    assert wording.vote is None
    policy = _decision(analysis, "At the conclusion of the discussion, the Committee voted")
    assert policy.vote.cast["against"] == ["Esther L. George"]
    assert len(policy.vote.cast["for"]) == 3


def test_a_quoted_statement_is_carried_whole_past_its_own_decided_sentence():
    # January 24-25, 2012: the statement the vote encompassed ("released at 12:30 p.m.:") holds "The
    # Committee also decided to continue …"; it is the statement's text, carried to its closing quote.
    body = (
        "At the conclusion of the discussion, the Committee voted to authorize and direct the Federal "
        "Reserve Bank of New York, until it was instructed otherwise, to execute transactions in the "
        'System Account in accordance with the following domestic policy directive: "The Committee '
        'directs the Desk to maintain its existing policies." The vote encompassed approval of the '
        'statement below to be released at 12:30 p.m.: "The Committee decided today to keep the target '
        "range for the federal funds rate at 0 to 1/4 percent. The Committee also decided to continue its "
        "program to extend the average maturity of its holdings of securities as announced in September. "
        'The Committee will regularly review the size and composition of its securities holdings." Voting '
        "for this action: Ben Bernanke, William C. Dudley, and Janet L. Yellen. Voting against this "
        "action: None."
    )
    analysis = analyse_fomc(
        _minutes("A meeting was held on Wednesday, January 25, 2012.", "Ben Bernanke, Chairman", body), ""
    )
    (policy,) = analysis.decisions
    assert policy.text.endswith('size and composition of its securities holdings."')
    assert len(policy.vote.cast["for"]) == 3


def test_a_dissent_stated_after_a_with_dissenting_decision_gives_its_reason():
    # December 2007: "With Mr. Poole dissenting, …", then the reason.
    body = (
        "With Mr. Poole dissenting, the Committee voted to direct the Federal Reserve Bank of New York to "
        "establish and maintain a reciprocal currency (swap) arrangement for the System Open Market "
        "Account with the Swiss National Bank in an amount of up to $4 billion. Mr. Poole dissented "
        "because he viewed the swap agreement as unnecessary in light of the size of the Swiss National "
        "Bank's dollar-denominated foreign exchange reserves. At the conclusion of the discussion, the "
        "Committee voted to keep the rate. Voting for this action: Ben Bernanke, Timothy F. Geithner, and "
        "William Poole. Voting against this action: None."
    )
    analysis = analyse_fomc(
        _minutes("A meeting was held on Tuesday, December 11, 2007.", "Mr. Bernanke, Chairman", body), ""
    )
    swap = _decision(analysis, "With Mr. Poole dissenting")
    assert swap.vote.cast["against"] == ["William Poole"]
    assert swap.vote.cast["for"] == ["Ben Bernanke", "Timothy F. Geithner"]
    assert swap.vote.reasons["William Poole"][0].startswith("Mr. Poole dissented because he viewed")


def test_a_position_after_a_vote_list_without_its_full_stop_starts_after_the_list():
    # June 1999: "Absent and not voting: Ms. Rivlin In the Committee's discussion …".
    body = (
        "Accordingly, the Committee voted to reaffirm the ranges. Votes for this action: Messrs. "
        "Greenspan, McDonough, and Boehne. Votes against this action: None. Absent and not voting: Ms. "
        "Rivlin In the Committee's discussion of policy for the intermeeting period ahead, all but one "
        "member supported a proposal for a slight tightening of conditions in reserve markets."
    )
    analysis = analyse_fomc(
        _minutes("A meeting was held on Wednesday, June 30, 1999.", "Mr. Greenspan, Chairman", body), ""
    )
    ranges, tightening = analysis.decisions
    assert ranges.vote.cast["absent"] == ["Rivlin"]
    assert tightening.text.startswith("In the Committee's discussion of policy")


def test_the_staff_review_in_its_other_openings_recaps_earlier_actions():
    # March 1996 ("Much of the information reviewed at this meeting …"), October 2007 ("The information
    # provided to the Committee …"), August 1993 ("… reviewed by the Committee") and November 1995
    # ("The information available at the time of the meeting …"): the Board's January action recapped
    # in the review is no decision of this meeting.
    for opening in (
        "Much of the information reviewed at this meeting had been influenced by unusual weather.",
        "The information provided to the Committee on the first day of the meeting indicated growth.",
        "The information reviewed by the Committee suggested that economic activity was expanding.",
        "The information available at the time of the meeting was mixed.",
    ):
        body = (
            f"By unanimous vote, the Committee ratified these transactions. {opening} On January 31, the "
            "Board of Governors approved a reduction of 1/4 percentage point in the discount rate, to a "
            "level of 5 percent. In the Committee's discussion of current and prospective economic "
            "conditions, members noted the strength of the expansion. It was agreed that the next meeting "
            "of the Committee would be held on Tuesday, May 21, 1996."
        )
        texts = _policy_texts(body, "A meeting was held on Tuesday, March 26, 1996.")
        assert [t[:30] for t in texts] == ["By unanimous vote, the Committ", "It was agreed that the next me"]


def test_the_committee_authorized_the_renewal_takes_the_vote_list_after_it():
    # November 1994: the renewal of the swap arrangements, its table, and its vote with a dissent; the
    # Board's discount rate action just before it is the Board's, without the Committee's vote.
    body = (
        "Secretary's note: The meeting was recessed briefly at this point and the members of the Board of "
        "Governors convened to consider pending Reserve Bank proposals for increases in the discount rate. "
        "After the conclusion of that meeting, the Presidents of the Federal Reserve Banks were informed "
        "that the Board of Governors had approved an increase of 3/4 percentage point in the discount "
        "rate, effective immediately, and the meeting of the Federal Open Market Committee then resumed. "
        "At the conclusion of this discussion, the Committee authorized the renewal for further periods of "
        "one year of the System's reciprocal currency arrangements with twelve foreign central banks and "
        "the Bank for International Settlements. Votes for this action: Messrs. Greenspan, McDonough, and "
        "Blinder. Vote against this action: Mr. Broaddus."
    )
    analysis = analyse_fomc(
        _minutes("A meeting was held on Tuesday, November 15, 1994.", "Mr. Greenspan, Chairman", body), ""
    )
    board = _decision(analysis, "After the conclusion of that meeting")
    assert board.body == "Board of Governors of the Federal Reserve System"
    assert board.vote is None or not board.vote.cast
    renewal = _decision(analysis, "At the conclusion of this discussion, the Committee authorized")
    assert renewal.vote.cast == {"for": ["Greenspan", "McDonough", "Blinder"], "against": ["Broaddus"]}


def test_the_statement_s_wording_under_other_verbs_is_a_decision():
    # September 2007, April 2008 and June 2013 (tune meetings without gold).
    positions = [
        "The Committee again viewed it as appropriate to indicate that it expected inflation to moderate in "
        "coming quarters but also to emphasize that it would be necessary to monitor inflation developments "
        "carefully.",
        "Accordingly, the Committee felt that it was no longer appropriate for the statement to emphasize "
        "the downside risks to growth.",
        "In light of this discussion, the Committee included language in the statement to be released "
        "following the meeting in part to make explicit that the size, pace, and composition of its asset "
        "purchases were conditional on the efficacy and costs of those purchases.",
    ]
    texts = _policy_texts(" ".join(positions), "A meeting was held on Wednesday, June 19, 2013.")
    assert texts == positions


def test_more_positions_of_the_whole_body_from_tune_meetings_without_gold():
    # March 2007, November 1993, March 2011, November 2011 and October 2012.
    positions = [
        "All members agreed the statement should indicate that the Committee's predominant policy concern "
        "remains the risk that inflation will fail to moderate as expected.",
        "The Committee agreed that the FOMC Secretariat should be given responsibility for the editing "
        "process and that the Committee itself would not undertake to review these transcripts.",
        "They generally endorsed holding press conferences after the four FOMC meetings each year for which "
        "participants provide numerical projections of several key economic variables.",
        "In light of the significant challenges associated with the adoption of such frameworks, "
        "participants agreed that it would not be advisable to make such a change under present "
        "circumstances.",
        "Participants generally agreed that in determining the appropriate size, pace, and composition of "
        "further purchases, they would need to carefully assess the efficacy of asset purchases.",
    ]
    texts = _policy_texts(" ".join(positions), "A meeting was held on Wednesday, October 24, 2012.")
    assert texts == positions
    # A principle of good practice is not an action: "Participants broadly endorsed making the
    # Committee's communications as simple, clear, and consistent as possible" (October 2013).
    assert (
        _policy_texts(
            "Participants broadly endorsed making the Committee's communications as simple, clear, and "
            "consistent as possible, and discussed ways of doing so."
        )
        == []
    )


def test_a_second_vote_joined_by_and_is_its_own_decision():
    # March 1993 and September 2011.
    texts = _policy_texts(
        "The Committee members endorsed the subcommittee's proposal and by unanimous vote the Committee "
        'approved the "Minutes of the Federal Open Market Committee Meeting" held on February 2-3, 1993. '
        "By unanimous vote at that meeting, the Committee ratified the Desk's domestic transactions since "
        "the April 26-27, 2011 meeting, and by notation vote completed on July 11, 2011, the Committee "
        "unanimously approved the minutes of the June 21-22 FOMC meeting.",
        "A meeting was held on Tuesday, March 23, 1993.",
    )
    assert texts == [
        "The Committee members endorsed the subcommittee's proposal",
        'by unanimous vote the Committee approved the "Minutes of the Federal Open Market Committee Meeting" '
        "held on February 2-3, 1993.",
        "By unanimous vote at that meeting, the Committee ratified the Desk's domestic transactions since "
        "the April 26-27, 2011 meeting",
        "by notation vote completed on July 11, 2011, the Committee unanimously approved the minutes of the "
        "June 21-22 FOMC meeting.",
    ]


def test_one_vote_list_records_the_range_votes_and_the_statement_that_incorporates_them():
    # July 1997 (README, cases settled for the 2026-12-07b files: a provisional-range approval and "the
    # Committee voted to incorporate the following statement" under one list are one decision, and the
    # list also records the reaffirmation voted just before).
    body = (
        "At the conclusion of this discussion, the Committee voted to reaffirm the ranges for growth of M2, "
        "M3 and total domestic nonfinancial debt that it had established in February for 1997. For the year "
        "1998, the Committee approved provisional ranges for the three aggregates that were unchanged from "
        "the 1997 ranges. In keeping with its usual procedure under the Humphrey-Hawkins Act, the Committee "
        "would review its preliminary ranges for 1998 early next year. Accordingly, the Committee voted to "
        "incorporate the following statement regarding the 1997 and 1998 ranges in its domestic policy "
        "directive: The Federal Open Market Committee seeks monetary and financial conditions that will "
        "foster price stability and promote sustainable growth in output. The behavior of the monetary "
        "aggregates will continue to be evaluated in the light of progress toward price level stability. "
        "Votes for this action: Messrs. Greenspan, McDonough, and Broaddus. Votes against this action: None. "
        "(Mr. Oltman voted as alternate for Mr. Corrigan.) In the Committee's discussion of policy for the "
        "intermeeting period ahead, all the members endorsed a proposal to maintain an unchanged policy "
        "stance."
    )
    analysis = analyse_fomc(
        _minutes("A meeting was held on Wednesday, July 2, 1997.", "Mr. Greenspan, Chairman", body), ""
    )
    reaffirm, provisional, stance = analysis.decisions
    assert provisional.text.startswith("For the year 1998, the Committee approved provisional ranges")
    assert "Accordingly, the Committee voted to incorporate the following statement" in provisional.text
    assert reaffirm.vote is provisional.vote
    assert provisional.vote.cast["for"] == ["Greenspan", "McDonough", "Broaddus"]
    assert stance.text.startswith("In the Committee's discussion of policy")  # past the parenthesis


def test_positions_and_deferrals_the_independent_tune_gold_records():
    # Sentences of the 2026-12-07b tune gold's meetings (1993-2013), each a class: a need or reason seen
    # for an action, "prudent"/"premature"/"important … to", "not sufficient to warrant an adjustment",
    # "expressed support for", "there was support for", "it was understood that … would be considered",
    # "planned to discuss further", "before the Committee could make decisions", "was a decision that".
    positions = [
        "In this situation, they saw a clear need for a preemptive policy action that would head off any "
        "pickup of inflation.",
        "The tentative ranges for 1998 had been derived in this way, and Committee members saw no reason to "
        "change those ranges at this time.",
        "In these circumstances, all but one of the members concluded that it would be prudent for the "
        "Committee to assess further developments before taking any action.",
        "While the economic outlook was seen as improving, members generally felt that the change in the "
        "outlook was not sufficient to warrant any adjustments to the asset-purchase program.",
        "In conclusion, participants generally expressed support for a second exercise to be undertaken in "
        "conjunction with the September FOMC meeting.",
        "In general, there was support for maintaining the current numerical thresholds in the forward "
        "guidance.",
        "With regard to future announcements, it was understood that this issue along with other public "
        "disclosure questions would be considered at a later meeting.",
        "Participants planned to discuss further, at a future meeting, the potential merits and drawbacks "
        "of using simple rules as guides to monetary policy decisionmaking.",
        "A number of substantive and practical issues would still need to be evaluated before the Committee "
        "could make decisions about an enhanced role for projections.",
        "The outcome of the discussion was a decision that the Chairman would begin holding press "
        "conferences effective with the April 26-27, 2011, meeting.",
    ]
    texts = _policy_texts(" ".join(positions), "A meeting was held on Tuesday, March 15, 2011.")
    assert texts == positions
    # A part ("some support"), a conditional ("if it decided") and the Chairman's own request are not.
    assert (
        _policy_texts(
            "While there was some support for adding this language at some stage, a range of concerns were "
            "expressed about including it at this meeting. Participants discussed a number of policy tools "
            "that the Committee might employ if it decided to provide additional monetary accommodation."
        )
        == []
    )


def test_a_refused_request_is_a_failed_decision_and_a_stated_rule_is_adopted():
    # November 1993 and July 1993 (README: a request the Committee refused is a decision, failed).
    body = (
        "Providing copies of unedited transcripts for all past meetings and available conference calls to "
        "the Chairman or staff of the House Banking Committee in response to a request was not approved by "
        "the Committee. In its discussion, the Committee reaffirmed its long-standing rules governing the "
        "confidentiality of FOMC information. The Committee ratified these transactions."
    )
    analysis = analyse_fomc(
        _minutes("A meeting was held on Tuesday, November 16, 1993.", "Mr. Greenspan, Chairman", body), ""
    )
    refused, rules, ratified = analysis.decisions
    assert refused.outcome == "defeated" and refused.vote is None
    assert not rules.formal and rules.vote is None  # stated, not voted: adopted
    assert ratified.formal


def test_a_voter_misspelled_in_the_vote_list_is_spelled_as_the_present_block():
    # October 1999: "Meyers" in the vote list, "Mr. Meyer" in the PRESENT block (README: written as the
    # PRESENT block spells it).
    body = (
        "At the conclusion of this discussion, the Committee voted to keep the rate. Votes for this action: "
        "Messrs. Greenspan, McDonough, Meyers, and Stern. Votes against this action: None."
    )
    analysis = analyse_fomc(
        _minutes(
            "A meeting was held on Tuesday, October 5, 1999.",
            "Mr. Greenspan, Chairman Mr. McDonough, Vice Chairman Mr. Meyer Mr. Stern",
            body,
        ),
        "",
    )
    (policy,) = analysis.decisions
    assert policy.vote.cast["for"] == ["Greenspan", "McDonough", "Meyer", "Stern"]


def test_positions_with_a_second_complement_an_aside_or_a_reported_commitment():
    # November 1994, July 1996, May 1999, December 1997, September 2008, December 2010, March 2011.
    positions = [
        "They agreed, nonetheless, that monetary policy was still insufficiently restrictive in light of "
        "emerging inflationary signals in the economy.",
        "For now, the members agreed that some additional progress in reducing inflation was very likely to "
        "improve the ultimate performance of the economy, and that it was particularly important at this "
        "juncture to resist firmly any tendency for inflation to worsen.",
        "The members nonetheless agreed that their increased concerns about the outlook for inflation called "
        "for the adoption of an asymmetric directive that was tilted toward tightening.",
        "The members agreed that the crosscurrents that were generating the present uncertainties in the "
        "outlook made a flexible approach to monetary policy particularly desirable at this juncture.",
        "With substantial downside risks to growth and persisting upside risks to inflation, members judged "
        "that leaving the federal funds rate unchanged at this time suitably balanced the risks to the "
        "outlook.",
        "Members emphasized that the pace and overall size of the purchase program would be contingent on "
        "economic and financial developments.",
        "The Committee made no decisions relating to these matters, though it was understood that these "
        "issues would be explored further.",
        "Second, the Committee terminated the Manager's authority to conduct transactions in bankers "
        "acceptances.",
    ]
    texts = _policy_texts(" ".join(positions), "A meeting was held on Tuesday, March 15, 2011.")
    assert texts == positions


def test_a_need_or_reason_seen_for_no_action_is_an_assessment():
    # August 1997 and a 1990s outlook sentence: vigilance and an expectation are no action.
    assert (
        _policy_texts(
            "While there were no current indications that inflation might be accelerating and no policy move "
            "was called for at this time, the members saw a need for continuing vigilance. The members saw "
            "little reason to anticipate any significant, continuing increase in inflation in the near term."
        )
        == []
    )


def test_a_full_stop_typed_for_a_comma_in_the_present_block_ends_one_name():
    # July 1993: "Messrs. Broaddus, Jordan. Forrestal, and Parry, Alternate Members of the Committee".
    analysis = analyse_fomc(
        _minutes(
            "A meeting was held on Wednesday, July 7, 1993.",
            "Mr. Greenspan, Chairman Mr. Angell Messrs. Broaddus, Jordan. Forrestal, and Parry, Alternate "
            "Members of the Committee Mr. Kohn, Secretary and Economist",
            "It was agreed that the next meeting of the Committee would be held on Tuesday, August 17, 1993.",
        ),
        "",
    )
    alternates = [a.name for a in analysis.attendance if (a.capacity or "").startswith("Alternate")]
    assert alternates == ["Broaddus", "Jordan", "Forrestal", "Parry"]


def test_a_position_reported_by_a_verb_of_statement_is_a_decision_and_an_observation_is_not():
    # The verb that reports the whole body's position does not matter ("recognized", "emphasized",
    # "observed", "stressed", "acknowledged", "continued to think", "noted … and emphasized"): March
    # 2013 (no gold), February 1994, January and June 2010, December 2008, June 2013.
    positions = [
        "Members stressed that any changes to the purchase program should be conditional on continuing "
        "assessments both of labor market and inflation developments and of the efficacy and costs of asset "
        "purchases.",
        "The members recognized that timely action was needed to preclude the necessity for more vigorous "
        "and disruptive policy moves later if inflationary pressures were allowed to intensify.",
        'Members recognized that references to "purchases" of securities would need to be modified as the '
        "completion of the asset purchase programs draws near.",
        "Participants observed that, in current circumstances, the dollar swap lines should be made "
        "available to a smaller number of major foreign central banks than previously.",
        "Participants noted the importance of appropriate consultation with U.S. government officials and "
        "emphasized that a reestablishment of the lines should be contingent on strong and effective actions "
        "by authorities in Europe to address fiscal sustainability and support financial markets.",
        "Participants acknowledged that the effective federal funds rate probably would need to remain very "
        "low for some time.",
        "Participants continued to think that the Federal Reserve should, in the long run, hold "
        "predominantly Treasury securities.",
    ]
    texts = _policy_texts(" ".join(positions), "A meeting was held on Tuesday, March 15, 2011.")
    assert texts == positions
    # The same verbs over an assessment, a conditional "should one" or a need to keep assessing
    # (September 1997 without gold, March 1993, December 2012).
    observations = (
        "Members recognized that from the standpoint of the level of real short-term interest rates, "
        "monetary policy could already be deemed to be fairly restrictive. Members also noted that a change "
        "in policy, should one be called for by intermeeting developments, would represent a shift in the "
        "direction of policy and would be likely to have an especially pronounced impact on financial "
        "markets. Participants noted that the Committee would need to continue to assess whether large "
        "purchases were having adverse effects on market functioning and financial stability."
    )
    assert _policy_texts(observations) == []


def test_a_subject_put_off_to_a_later_meeting_is_a_decision_and_a_subcommittee_s_work_is_not():
    # February 1994, January 1996, December 2006, January 2007, January 2010: the Committee's own
    # agreement to take a subject up again, whatever its form (passive, "intended to consider",
    # "was planned for the next meeting", "it was understood that the Committee would be prepared to").
    positions = [
        "In this connection, it was understood that the Committee would be prepared to review its policy "
        "stance and take further action, if warranted by intermeeting developments, at a telephone "
        "conference during the period ahead.",
        "That matter would be reviewed along with other issues relating to the disclosure of Committee "
        "information at a later meeting.",
        "The Committee did not take any action on this issue at this meeting, but it recognized that the "
        "matter would need to be revisited from time to time.",
        "At the next FOMC meeting, confirmed for January 30-31, 2007, the Committee intended to consider the "
        "role that economic projections and forecasts can play in communicating information.",
        "No decisions on any such changes were made at this meeting, and a further discussion of "
        "communications topics was planned for the next FOMC meeting, confirmed for March 20-21, 2007.",
        "Participants noted that their judgments were tentative, that they would continue to discuss the "
        "ultimate operating regime, and that they might well gain useful information about longer-run "
        "approaches during the eventual withdrawal of policy accommodation.",
    ]
    texts = _policy_texts(" ".join(positions), "A meeting was held on Tuesday, February 4, 1994.")
    assert texts == positions
    # June 2007 and November 1993: a subcommittee's review, and what an undertaking would require.
    others = (
        "The Committee made no decisions at this meeting, and it was understood that the subcommittee on "
        "communications issues would review the Committee's discussions to date on these matters. It was "
        "understood that preparation of edited transcripts and especially Memoranda of Discussion would "
        "require a considerable amount of time and effort before they would be ready for public release."
    )
    assert _policy_texts(others) == []


def test_a_readiness_to_respond_and_a_contingent_program_are_commitments():
    # July 1995, February 1999, January 2011, June and December 2013: the commitment to act stated
    # alone, after "monitor", behind a long aside, or as the need to say that purchases stay contingent.
    positions = [
        "The Committee would, of course, monitor and respond as needed to the incoming economic information.",
        "Against this background, the members agreed on the need to continue to monitor the economy with "
        "care for signs either of a potential upturn in inflation or greater softness in the expansion than "
        "they were currently forecasting and to be prepared to respond promptly in either direction.",
        "Members emphasized that the Committee would continue to regularly review the pace of its securities "
        "purchases and the overall size of the asset purchase program in light of incoming "
        "information--including information on the outlook for economic activity, developments in "
        "financial markets, and the efficacy of the purchase program and any unintended consequences that "
        "might arise--and would adjust the program as needed to best foster maximum employment and price "
        "stability.",
        "Importantly, participants wanted to emphasize that the pace, composition, and extent of asset "
        "purchases would continue to be dependent on the Committee's assessment of the implications of "
        "incoming information for the economic outlook.",
        "Members also stressed the need to underscore that the pace of asset purchases was not on a preset "
        "course and would remain contingent on the Committee's outlook for the labor market and inflation "
        "as well as its assessment of the efficacy and costs of purchases.",
    ]
    texts = _policy_texts(" ".join(positions), "A meeting was held on Tuesday, March 15, 2011.")
    assert texts == positions
    # June 2013: one member's wish that the statement say the Committee will act is no commitment.
    assert (
        _policy_texts(
            "For one member, such a decision would also depend importantly on evidence that inflation was "
            "moving back toward the Committee's 2 percent objective; that member urged the Committee to "
            "modify its postmeeting statement to say explicitly that the Committee will act to move "
            "inflation back toward its goal."
        )
        == []
    )


def test_the_members_support_and_the_vote_with_an_abstainer_excepted_are_two_decisions():
    # January 2012: the members' support of the statement of principles is a position (adopted); the
    # vote after the quoted statement is its own decision, its abstainer named in the same sentence
    # ("except Mr. Tarullo, who abstained"), its for-voters the meeting's voting members less him.
    body = (
        "All participants but one supported adopting the revised statement of principles regarding "
        'longer-run goals and monetary policy strategy, which is reproduced below. "The Federal Open Market '
        'Committee is firmly committed to fulfilling its statutory mandate." All FOMC members voted to adopt '
        "this statement except Mr. Tarullo, who abstained because he questioned the ultimate usefulness of "
        "the statement in promoting better communication of the Committee's policy strategy. By unanimous "
        "vote, the Committee ratified the Desk's domestic transactions over the intermeeting period. Voting "
        "for this action: Ben Bernanke, William C. Dudley, Elizabeth Duke, Daniel K. Tarullo, Janet L. "
        "Yellen. Voting against this action: None."
    )
    analysis = analyse_fomc(
        _minutes(
            "A meeting was held on Tuesday, January 24, 2012.",
            "Ben Bernanke, Chairman William C. Dudley, Vice Chairman Elizabeth Duke Daniel K. Tarullo "
            "Janet L. Yellen",
            body,
        ),
        "",
    )
    support = _decision(analysis, "All participants but one supported adopting")
    assert not support.formal and support.vote is None
    vote = _decision(analysis, "All FOMC members voted to adopt this statement").vote
    assert vote is not None
    assert vote.cast["abstain"] == ["Daniel K. Tarullo"]
    assert vote.cast["for"] == ["Ben Bernanke", "William C. Dudley", "Elizabeth Duke", "Janet L. Yellen"]


def test_positions_on_an_action_in_more_complement_forms_and_a_forecast_is_not_one():
    # 1993-1999, 2008, 2011 and 2013 tune meetings: "no firm basis for changing", "argued against any
    # increases", "retaining … would be consistent with", "consideration would need to be given to an
    # adjustment", "urged that", "saw … as supporting", "welcomed the opportunity to coordinate this
    # policy action", a wording left out of the statement, an instruction to the Desk.
    positions = [
        "Members of the Committee urged that the Board's report to Congress and the Chairman's accompanying "
        "testimony make clear the reasons for the unusual behavior of money and its consequences for the "
        "Committee's choice of ranges.",
        "However, the members did not believe that a persuasive argument could be made at this juncture for "
        "raising the M3 range, though they did not want to rule out the option of doing so later.",
        "Over the longer term, the members generally believed that consideration would need to be given to "
        "an adjustment in the Committee's policy stance, especially if substantial fiscal restraint were to "
        "be enacted.",
        "With regard to possible intermeeting adjustments to policy, the members agreed that retaining an "
        "asymmetric directive that was biased toward restraint would be consistent with their assessments "
        "of the inflation risks in the economy.",
        "Given the substantial uncertainty still attached to projections of money growth consistent with the "
        "Committee's basic objectives for monetary policy, the members agreed that there was no firm basis "
        "for changing the tentative ranges set in July 1996.",
        "However, the members agreed that the marked degree of uncertainty in the outlook for productivity "
        "as well as velocity argued against any increases in the ranges at this point.",
        "Members also saw the substantial downside risks to growth as supporting a relatively large policy "
        "move at this meeting.",
        "Members also welcomed the opportunity to coordinate this policy action with similar measures by the "
        "Bank of Canada.",
        "No such references were included in the statement for this meeting.",
        "In general, members continued to anticipate that maintaining the current exceptionally low level "
        "of the federal funds rate was likely to remain appropriate for a considerable period after asset "
        "purchases are concluded.",
        "In addition, the Committee instructed the Desk to purchase up to $100 billion in housing-related "
        "GSE debt.",
    ]
    texts = _policy_texts(" ".join(positions), "A meeting was held on Tuesday, March 15, 2011.")
    assert texts == positions
    # August 1993 (no gold): forecasts under the same verbs.
    forecasts = (
        "Members anticipated that building activity, notably housing construction, would provide some "
        "stimulus to the expansion. The Committee anticipated that developments contributing to unusual "
        "velocity increases would persist over the balance of the year and that money growth within these "
        "lower ranges would be consistent with its broad policy objectives."
    )
    assert _policy_texts(forecasts) == []


def test_positions_found_in_tune_meetings_without_gold_and_their_assessments():
    # 1994-1999 tune meetings without gold: the same grammar (the whole body, a position on an action
    # or on the directive) in forms the gold files did not show.
    positions = [
        "The members agreed that no compelling case could be made at this point for potential adjustments "
        "to policy in either direction during the period ahead, and retaining a bias in the directive "
        "would give a misleading indication of the Committee's current intentions for the period.",
        "Accordingly, the members viewed policy as appropriately positioned under current circumstances, "
        "though ongoing developments would need to be reassessed at the upcoming meeting in early July.",
        "In the Committee's discussion of possible intermeeting adjustments to policy, all the members "
        "indicated at least some preference for retaining a symmetric directive.",
        "At the same time, it was emphasized that the Committee remained committed to a policy that would "
        "resist a rise in inflation.",
        "In the Committee's discussion of possible adjustments to policy during the intermeeting period, "
        "members agreed that the retention of an asymmetric directive toward tightening was consistent with "
        "their view that the risks remained biased toward higher inflation.",
        "In the circumstances, the members concluded that watchful waiting remained the prudent course for "
        "policy as they continued to assess ongoing developments.",
        "The members agreed that they should be particularly sensitive to developments that might signal "
        "rising inflation pressures, and in that regard a shift to an asymmetric directive seemed desirable.",
        "All the members who intended to vote for an unchanged policy at this meeting supported the "
        "retention of a directive that was biased toward restraint.",
        "Although the Committee would vote on this assessment of the risks together with its policy stance, "
        "the Committee would no longer include its view of future developments in the domestic policy "
        "directive to the Federal Reserve Bank of New York.",
    ]
    texts = _policy_texts(" ".join(positions))
    assert texts == positions
    # August 1993 (no gold) and March 1994 (the April 1994 gold leaves it out): views of the outlook and
    # of the stance, not positions on an action.
    assessments = (
        "The members agreed that the probability of an intermeeting policy adjustment was relatively "
        "remote. An initial move in that direction had been made in early February, but the members still "
        "viewed monetary policy as too stimulative."
    )
    assert _policy_texts(assessments) == []


def test_they_after_the_whole_body_and_positions_on_disclosure_or_no_change():
    # June 2013: "they" points to the nearest subject ("Meeting participants, in general, …"), not to
    # "most participants" two sentences back; August 1999: "These members" after "All the members who
    # supported a tightening action"; April 1994, December 1993, October 2013, July 2013.
    positions = [
        "Meeting participants, in general, continued to view the broad principles set out in 2011 as still "
        "applicable.",
        "Nonetheless, they agreed that many of the details of the eventual normalization process would "
        "likely differ from those specified two years ago, that the appropriate details would depend in "
        "part on economic and financial developments between now and the time when it becomes appropriate "
        "to begin normalizing monetary policy, and that the Committee would need to provide additional "
        "information about its intentions as that time approaches.",
        "All the members who supported a tightening action also favored the retention of a symmetric "
        "directive.",
        "These members agreed that the Committee should keep its options open with regard to the next "
        "policy move, whose direction and timing would depend on evolving economic and financial "
        "conditions.",
        "All the members favored prompt disclosure in principle, but some expressed reservations about "
        "announcing today's decision immediately after the meeting.",
        "The members indicated that it should be made clear that access to the tape in question was being "
        "undertaken solely to dispel the unfounded allegations regarding the Committee's actions.",
        "Meeting participants saw no legal or operational need in the event of delayed payments on Treasury "
        "securities to make changes to the conduct or procedures employed in currently authorized Desk "
        "operations.",
        "First, almost all participants confirmed that they were broadly comfortable with the "
        "characterization of the contingent outlook for asset purchases that was presented in the June "
        "postmeeting press conference.",
    ]
    body = "Although most participants saw this review as prudent longer-range planning, some felt that the "
    body += "discussion was premature. " + " ".join(positions)
    assert _policy_texts(body, "A meeting was held on Tuesday, March 15, 2011.") == positions
    # August 2011: a conditional "should the Committee judge that …" is no judgment of the Committee.
    assert (
        _policy_texts(
            "Participants discussed the range of policy tools available to promote a stronger economic "
            "recovery should the Committee judge that providing additional monetary accommodation was "
            "warranted."
        )
        == []
    )
