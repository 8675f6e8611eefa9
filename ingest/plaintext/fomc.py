"""What FOMC minutes say: the meeting's date, who attended, each decision, and every recorded vote.

FOMC minutes (1993 on) are one flattened line per meeting and follow one pattern in three eras of
wording. This module reads that pattern rather than the surface of a few files:

- the date: the meeting's last day as the opening sentence states it ("on Tuesday, December 15,
  2009 … and continued on Wednesday, December 16, 2009", parsed by python-dateutil), or the later day
  the file name gives (``MeetingDate=<start>-<end>``) when the file also reports later meetings;
- attendance: the PRESENT block (``fomc_present``);
- decisions: one per sentence that records an action ("By unanimous vote, …", "the Committee voted
  to …", "With Mr. Broaddus dissenting, … was reaffirmed", "the Committee decided to …", "members agreed
  to …", "the Board of Governors voted …"); a decision that points to the text it adopts ("the
  following domestic policy directive:", "the resolution below", "as shown below") carries that text;
  recaps of earlier meetings ("At its December meeting, the Committee …") and the staff review are
  not decisions; the words that mark a decision (who takes a position on what) are ``fomc_cues``'s,
  where each decision's text ends is ``fomc_spans``'s;
- votes: "Votes for this action:" / "Voting against this action:" / "Absent and not voting:" lists,
  and dissents or abstentions stated alone, whose for-voters are the meeting's voting members less
  those named.

The result is the same typed ``MinutesAnalysis`` the generic reader fills, so one graph builder
writes both.
"""

from __future__ import annotations

import datetime as dt
import re

from dateutil import parser as dateparser

from ..heuristics import normalise_space, sentence_bounds
from .fomc_candidates import review_candidates
from .fomc_cues import (
    BOARD_RE,
    COLLECTIVE_RULES,
    CUES,
    POSITION_RULES,
    RECAP_RE,
    STATED_NOT_VOTED_RE,
    not_a_decision,
    part_of_the_members,
    quantified_subject,
)
from .fomc_present import parse_present
from .fomc_spans import (
    REVIEW_RECAP_RE,
    carried_text_end,
    directive_without_lead_in,
    document_spans,
    inside_quotation,
    merge_restatements,
    staff_review,
)
from .fomc_votes import (
    VOTE_LABEL_RE,
    absent_members,
    attach_dissents,
    attach_vote_records,
    doubt_inconsistent_votes,
    find_vote_records,
    spell_as_present,
)
from .names import read_list
from .text_analysis import DecisionFact, MeetingFacts, MinutesAnalysis

BODY = "Federal Open Market Committee"
BOARD = "Board of Governors of the Federal Reserve System"
PARENT = "Federal Reserve System"

_FILENAME_DATE_RE = re.compile(r"MeetingDate=(\d{4}-\d{2}-\d{2})-(\d{4}-\d{2}-\d{2})")
_DAY_RE = re.compile(
    r"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s+"
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
    r"\s+\d{1,2},?\s+\d{4}"
)


def is_fomc(text: str) -> bool:
    """Whether ``text`` is a set of FOMC minutes (the body is named near the start)."""
    return BODY in text[:1500]


def analyse_fomc(text: str, source_name: str = "") -> MinutesAnalysis:
    """Every fact of one FOMC minutes file."""
    votes = find_vote_records(text)
    # A vote list repeats its voters and often the boilerplate around it (two conference calls'
    # statements, one roster): only the longer text before it tells a second copy.
    again = repeated_spans(text, [(v.start, v.end) for v in votes], context=_VOTE_REPEAT_CONTEXT, after=False)
    votes = [v for i, v in enumerate(votes) if i not in again]
    known = [n for v in votes for names in v.cast.values() for n in names if " " in n]
    attendance, block_end = parse_present(text, known)
    spell_as_present(votes, attendance)
    attendance += absent_members(votes, attendance)
    decisions = find_decisions(text, block_end)
    attach_vote_records(text, decisions, votes)
    attach_dissents(text, decisions, votes)
    doubt_inconsistent_votes(decisions)
    # After the votes are attached (no vote list belongs to a candidate) and after the stored decisions
    # (which keep their numbers): the broad tier's sentences, each for review.
    decisions += doubtful_decisions(text, block_end, decisions)
    return MinutesAnalysis(meeting_facts(text, source_name), attendance, [], decisions, [])


# ---- the meeting --------------------------------------------------------------------------------


def meeting_facts(text: str, source_name: str) -> MeetingFacts:
    date = meeting_date(text, source_name)
    title = f"Minutes of the {BODY}, {date.isoformat()}" if date else f"Minutes of the {BODY}"
    return MeetingFacts(title, BODY, PARENT, date, None, fomc=True)


def meeting_date(text: str, source_name: str) -> dt.date | None:
    """The meeting's last day: the latest day the opening names, or the file name's later end date
    when the text reports a meeting on that day."""
    head_end = text.find("PRESENT")
    head_end = head_end if 0 < head_end < 2000 else text.lower().find("present:", 0, 2000)
    head_end = head_end if head_end > 0 else text.find("Attendance", 0, 2000)
    head = text[: head_end if head_end > 0 else 800]
    days = []
    for match in _DAY_RE.finditer(head):
        try:
            days.append(dateparser.parse(match.group(0)).date())
        except (ValueError, OverflowError):
            continue
    named = _FILENAME_DATE_RE.search(source_name)
    if named:
        # The file name's day counts only when the minutes report a meeting on it (a telephone
        # conference after the scheduled meeting): a file named for August 8, 2008 reports a meeting
        # held on August 5 and no meeting on the 8th.
        day = dt.date.fromisoformat(named.group(2))
        if not days or re.search(rf"\b{day:%B} {day.day}\b(?!-)", text):
            days.append(day)
    return max(days) if days else None


# ---- decisions ------------------------------------------------------------------------------------


def find_decisions(text: str, after: int) -> list[DecisionFact]:
    """One decision per sentence that records an action, in text order, each with the text it adopts."""
    candidates: list[tuple[int, int, int, float, str, bool]] = []
    glued_starts: set[int] = set()
    for pattern, confidence, rule, formal in CUES:
        for match in pattern.finditer(text, after):
            start, end = sentence_bounds(text, match.start())
            if rule in COLLECTIVE_RULES and part_of_the_members(text, start, match.start()):
                continue
            if rule in POSITION_RULES and quantified_subject(text, match):
                continue
            if _glued_start(text, start, match.start()):
                start = match.start()
                glued_starts.add(start)
            start = _after_heading(text, start, match.start())
            start = _after_vote_list(text, start, match.start())
            start = _after_aside(text, start, match.start())
            # "the Committee reaffirmed its long-standing rules …": stated, with no vote recorded
            voted = formal and not STATED_NOT_VOTED_RE.match(text, match.end() - 10, match.end() + 10)
            candidates.append((max(start, after), match.start(), end, confidence, rule, voted))
    # A sentence whose full stop the scrape lost ends where a glued decision sentence begins.
    # Two cues of one glued sentence name one decision: it starts at the last glued start before its
    # cue and ends at the first glued start after it.
    glued = sorted(glued_starts)
    trimmed = []
    for start, cue, end, confidence, rule, formal in candidates:
        start = max([start, *[g for g in glued if start < g <= cue]])
        end = min([end, *[g for g in glued if cue < g < end]])
        joined = re.search(r",?\s+and\s*$", text[start:end])
        if joined and start + joined.start() > cue:
            end = start + joined.start()  # "… endorsed the subcommittee's proposal and | by unanimous vote …"
        trimmed.append((start, end, confidence, rule, formal))
    # Duplicates dropped keeping the first; the sort is stable, so of two cues with the same start and
    # confidence the one listed first in CUES names the decision's rule — whatever the hash seed.
    candidates = sorted(dict.fromkeys(trimmed), key=lambda c: (c[0], -c[2]))
    decisions: list[DecisionFact] = []
    covered = after
    review = staff_review(text)
    vote_cues = [c[0] for c in CUES[:2]]
    documents = document_spans(text, after)
    for start, end, confidence, rule, formal in candidates:
        if start < covered:
            continue
        if rule not in _VOTE_RULES and any(a <= start < b for a, b in documents):
            continue  # a sentence of a document's text, not an act of the meeting
        in_review = review is not None and review[0] <= start < review[1]
        if in_review and (not formal or REVIEW_RECAP_RE.search(text, start, end)):
            # The staff review recaps the Board's and the Federal Reserve's earlier actions, and the
            # members' positions of an earlier telephone conference ("On October 15, … the members
            # supported the Chairman's suggestion …"): the meeting's own positions come after it.
            continue
        sentence = text[start:end]
        recap = not_a_decision(sentence) or (
            re.search(r"^In addition\b|\balso\b", sentence) is not None
            and RECAP_RE.match(text[sentence_bounds(text, max(0, start - 2))[0] : start]) is not None
        )
        if recap or inside_quotation(text, start):
            covered = end
            continue
        end = carried_text_end(text, start, end, vote_cues)
        body = BOARD if BOARD_RE.search(sentence) else None
        if body == BOARD and not re.search(r"\bvot(?:e|ed|ing)\b", sentence):
            formal = False  # the Board's action reported without its vote: adopted, not carried
        decision = DecisionFact(
            normalise_space(text[start:end]), start, end, confidence, rule, formal=formal, body=body
        )
        if rule == "decision:not-approved":
            decision.outcome = "defeated"
        decisions.append(decision)
        covered = end
    for span in documents:
        if any(d.start < span[0] < d.end for d in decisions):
            continue  # carried by the decision that adopts it
        operative = directive_without_lead_in(text, span)
        if operative:
            start, end = operative
            decisions.append(
                DecisionFact(
                    normalise_space(text[start:end]), start, end, 0.7, "decision:directive-text", formal=True
                )
            )
    decisions.sort(key=lambda d: d.start)
    decisions = merge_restatements(text, decisions)
    again = repeated_spans(text, [(d.start, d.end) for d in decisions])
    return [d for i, d in enumerate(decisions) if i not in again]


def doubtful_decisions(text: str, after: int, decisions: list[DecisionFact]) -> list[DecisionFact]:
    """The broad tier: sentences of the meeting's own part no cue took that may still state the
    Committee's position (``fomc_candidates``), each with a confidence under the store's threshold, so
    they go to the review queue. A passage the scrape printed twice is proposed once."""
    candidates = review_candidates(text, after, decisions, document_spans(text, after))
    # Beside the stored decisions: the second copy of a stored decision was dropped from them, and must
    # not come back as a candidate.
    every = sorted([*decisions, *candidates], key=lambda d: d.start)
    again = {id(every[i]) for i in repeated_spans(text, [(d.start, d.end) for d in every])}
    return [d for d in candidates if id(d) not in again]


#: How much text on one side of a fact must repeat, with the fact, for it to be the scrape's second copy.
_REPEAT_CONTEXT = 150
_VOTE_REPEAT_CONTEXT = 600


def repeated_spans(
    text: str, spans: list[tuple[int, int]], context: int = _REPEAT_CONTEXT, after: bool = True
) -> set[int]:
    """The spans that a source printing a passage twice repeats word for word: the fact and the
    ``context`` characters before it, or (``after``) after it, are the same as an earlier one's (after it
    for the first fact of the copy, before it for the last). Two actions in the same words (the
    domestic and the foreign ratification) sit between different text, so they stay two."""
    seen_before: set[str] = set()
    seen_after: set[str] = set()
    again: set[int] = set()
    for i, (start, end) in enumerate(spans):
        own = text[start:end]
        keys = (
            normalise_space(text[max(0, start - context) : start] + "|" + own),
            normalise_space(own + "|" + text[end : end + context]),
        )
        if keys[0] in seen_before or (after and keys[1] in seen_after):
            again.add(i)
        seen_before.add(keys[0])
        seen_after.add(keys[1])
    return again


#: The cues that record a vote: a sentence with one is a decision even inside a document's text.
_VOTE_RULES = {"decision:by-vote", "decision:with-dissent"}


def _glued_start(text: str, start: int, cue: int) -> bool:
    """Whether the cue opens a sentence whose full stop the scrape lost: "… Associate Economists By
    unanimous vote, …". Words such as "By" and "With" are capitalised only at a sentence's start, so
    one of them after a word with no punctuation between starts a new sentence."""
    if cue <= start:
        return False
    if re.match(r"by (?:unanimous|notation) vote\b", text[cue : cue + 20]) and re.search(
        r"(?:,| ) ?and $", text[max(start, cue - 6) : cue]
    ):
        # A second vote joined by "and": "The Committee members endorsed the subcommittee's proposal and
        # by unanimous vote the Committee approved the minutes …", "By unanimous vote …, the Committee
        # ratified the Desk's transactions …, and by notation vote completed on July 11, 2011, the
        # Committee unanimously approved the minutes …" are two decisions.
        return True
    if not re.match(r"(?:By|With|It was)\b", text[cue : cue + 8]):
        return False
    before = text[max(start, cue - 3) : cue].rstrip()
    return bool(before) and (before[-1].isalnum())


_ASIDE_RE = re.compile(r"\s*(?:\[Return to top\]\s*|\([^()]{0,200}?[.!?]\)\s*)+")


def _after_aside(text: str, start: int, cue: int) -> int:
    """Past an aside the scrape left before the sentence: a closed parenthesis ("(Mr. Oltman voted as
    alternate for Mr. Corrigan.) For the year 1994, …") or a "[Return to top]" link."""
    aside = _ASIDE_RE.match(text, start, cue)
    return aside.end() if aside and aside.end() < cue else start


def _after_vote_list(text: str, start: int, cue: int) -> int:
    """Past a vote list whose closing full stop the scrape lost ("Absent and not voting: Ms. Rivlin In
    the Committee's discussion of policy …, all but one member supported …"): the decision's sentence
    begins after the last name."""
    labels = list(VOTE_LABEL_RE.finditer(text, start, cue))
    if not labels:
        return start
    _, end = read_list(text, labels[-1].end(), cue)
    while end < cue and not text[end].isalnum():
        end += 1
    return end if end < cue else start


_HEADING_RE = re.compile(
    r"(?:[A-Z][\w'’\-]*\d*|of|and|the|for|with|on|in|to|a)(?:\s+(?:[A-Z][\w'’\-]*\d*|of|and|the|for|with|on|in|to|a))*"
    r"\s+(?=(?:The|On|At|In|By|With|Following|Accordingly|After)\b)"
)


def _after_heading(text: str, start: int, cue: int) -> int:
    """Past a section heading the scrape glued to the sentence ("Renewal of Reciprocal Currency
    Arrangements with the Banks of Canada and Mexico The Committee voted …")."""
    heading = _HEADING_RE.match(text, start, cue)
    if heading and text[start].isupper() and len(heading.group(0).split()) >= 2:
        return heading.end()
    return start
