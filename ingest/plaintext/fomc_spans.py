"""Where the text of an FOMC decision begins and ends.

A decision that adopts a document ("the following domestic policy directive:", "shown below") carries
that document: to its closing quote, to the vote list, or to the next sentence that opens with a vote.
A quotation never runs past a vote list. The staff review recaps earlier actions and holds none of the
meeting's own. One action stated twice in a row (an approval, then the vote on the same thing; ranges
approved, then "the Committee voted to incorporate the following statement" about them) is one
decision.
"""

from __future__ import annotations

import re

from ..heuristics import normalise_space, sentence_bounds
from .fomc_votes import CARRY_LIMIT, VOTE_LABEL_RE
from .text_analysis import DecisionFact

#: A decision that adopts the text after it.
_POINTER_RE = re.compile(
    r"\b(?:the following\b[^.:]{0,80}|agreed on the following\b[^.:]{0,200}|"
    r"(?:as )?shown below|in the form shown below|"
    r"(?:statement|resolution|text|"
    r"paragraph|sentence) below\b[^.:]{0,60}|as follows)\s*:",
)
_POINTER_ANYWHERE_RE = re.compile(
    r"\b(?:the following (?:[\w\-]+ ){0,4}(?:resolutions?|statement|directive)|"
    r"(?:resolution|statement) below|shown below|reproduced below)\b"
)
_OPEN_QUOTE_RE = re.compile(r"\s*[\"“]")
_CLOSE_QUOTE_RE = re.compile(r"(?<=[.!?])[\"”]|[\"”](?=\s|$)")


#: The staff's review of the economic and financial situation: it opens with "The information
#: reviewed at this meeting …" ("… reviewed by the Committee", "… provided to the Committee", "… available
#: at the time of the meeting", or its heading) and ends where the Committee's own discussion begins.
_REVIEW_START_RE = re.compile(
    r"(?:The|Much of the) information (?:reviewed|provided to the Committee|available at the time of the "
    r"meeting)(?: by the Committee)?(?: at (?:this|the(?: [\w,–-]+){0,6}?) meeting)?"
    r"|Staff Review of the Economic Situation"
)
_REVIEW_END_RE = re.compile(
    r"Staff Economic Outlook|Participants' Views|In (?:the|their) (?:Committee's )?discussions? of"
    r"|Committee Policy Action|In the discussion of|In conjunction with (?:this|the) (?:FOMC )?meeting"
    r"|\bthe Committee at this meeting\b|At the conclusion of"
)
#: What the staff review recaps: actions of the Board or of the Federal Reserve as a whole, and the
#: Committee's own earlier actions ("At its meeting on September 30, 1997, the Committee adopted a
#: directive … The Committee retained a tilt in the directive …", "Accordingly, the Committee adopted a
#: directive that did not include a presumption …"): the meeting's own actions come after the review.
REVIEW_RECAP_RE = re.compile(
    r"\b(?:Board of Governors|Federal Reserve Board|Federal Reserve|Board|Committee|FOMC)\b"
    r"(?:\s+\w+){0,3}?\s+"
    r"(?:approved|voted|announced|lowered|raised|reduced|extended|established|took|adopted|retained|"
    r"decided|kept|maintained|reaffirmed)\b"
)
_REVIEW_LIMIT = 40000


def staff_review(text: str) -> tuple[int, int] | None:
    """Where the staff review lies, when both its opening and the discussion after it are found."""
    opening = _REVIEW_START_RE.search(text)
    closing = _REVIEW_END_RE.search(text, opening.end()) if opening else None
    if opening and closing and closing.start() - opening.start() < _REVIEW_LIMIT:
        return opening.start(), closing.start()
    return None


#: A sentence that points back to the action just stated ("this statement", "these proposals").
_ANAPHORA_RE = re.compile(
    r"\b(?:this|these|that|those) (?:statement|resolutions?|proposals?|actions?|documents?|arrangements?)\b"
)
_CONTENT_WORD_RE = re.compile(r"\b[A-Z][a-z]{3,}\b|\b[a-z]{5,}\b")


def merge_restatements(text: str, decisions: list[DecisionFact]) -> list[DecisionFact]:
    """One action stated twice is one decision: an approval stated without its vote ("The Committee
    approved a swap arrangement with the Swiss National Bank …", "All participants but one supported
    adopting the revised statement …") followed at once by the sentence that records the vote on the
    same thing ("With Mr. Poole dissenting, the Committee voted to … with the Swiss National Bank …",
    "All FOMC members voted to adopt this statement except …")."""
    merged: list[DecisionFact] = []
    for decision in decisions:
        last = merged[-1] if merged else None
        if last is not None and (
            _restates_amendment(text, last, decision)
            or _vote_on_approval(text, last, decision)
            or _incorporates_ranges(text, last, decision)
        ):
            merged[-1] = DecisionFact(
                normalise_space(text[last.start : decision.end]),
                last.start,
                decision.end,
                max(last.confidence, decision.confidence),
                decision.rule,
                formal=True,
                body=decision.body,
            )
            continue
        merged.append(decision)
    return merged


#: The vote that puts the ranges just approved into the directive: "Accordingly, the Committee voted to
#: incorporate the following statement regarding the 1994 ranges in its domestic policy directive",
#: "The following statement was approved for inclusion in the Committee's domestic policy directive".
_INCORPORATES_RE = re.compile(
    r"(?:Accordingly, )?(?:[Tt]he Committee (?:then |also )?(?:voted to incorporate|approved) the following "
    r"(?:[\w-]+ ){0,3}(?:statement|paragraph)|[Tt]he following (?:[\w-]+ ){0,4}(?:statement|paragraph)"
    r"[^.:]{0,80}? (?:was|were) approved for inclusion)"
)
_RANGES_RE = re.compile(r"\branges?\b")


def _incorporates_ranges(text: str, first: DecisionFact, second: DecisionFact) -> bool:
    """Whether ``second`` puts into the directive the ranges ``first`` has just approved, a sentence or two
    before it: one action under one vote list ("For the year 1998, the Committee approved provisional
    ranges … In keeping with its usual procedure … Accordingly, the Committee voted to incorporate the
    following statement …")."""
    return (
        first.formal
        and _RANGES_RE.search(text, first.start, sentence_bounds(text, first.start)[1]) is not None
        and _INCORPORATES_RE.match(text, second.start) is not None
        and 0 <= second.start - first.end < 600
        and first.body == second.body
    )


def _vote_on_approval(text: str, first: DecisionFact, second: DecisionFact) -> bool:
    """Whether ``second`` is the sentence right after ``first`` recording the vote on the approval it
    states: one action."""
    return (
        first.rule == "decision:approved"
        and second.rule in ("decision:voted", "decision:with-dissent")
        and first.body == second.body
        and not text[first.end : second.start].strip()
        and _same_action(text, first, second)
    )


#: The approval of a document just said to be amended: "On the Manager's recommendation, the Committee
#: also amended the Foreign Currency Authorization and the Foreign Currency Directive …" / "Accordingly,
#: the amended Authorization for Foreign Currency Operations and the Foreign Currency Directive were
#: unanimously approved in the forms shown below".
_AMENDED_APPROVED_RE = re.compile(
    r"(?:Accordingly, )?[Tt]he amended\b[^.;]{0,160}?\b(?:was|were) (?:unanimously )?approved\b"
    r"(?: unanimously)?"
)


def _restates_amendment(text: str, first: DecisionFact, second: DecisionFact) -> bool:
    """Whether ``second`` approves, in the form shown, the amendment ``first`` states a few sentences
    before: one action."""
    return (
        "amended" in text[first.start : sentence_bounds(text, first.start)[1]]
        and _AMENDED_APPROVED_RE.match(text, second.start) is not None
        and second.start - first.end < 1500
        and first.body == second.body
    )


def _same_action(text: str, first: DecisionFact, second: DecisionFact) -> bool:
    head = text[second.start : sentence_bounds(text, second.start)[1]]
    if _ANAPHORA_RE.search(head):
        return True
    first_words = set(_CONTENT_WORD_RE.findall(text[first.start : sentence_bounds(text, first.start)[1]]))
    shared = first_words & set(_CONTENT_WORD_RE.findall(head))
    return len(shared - {"Committee", "Federal", "Reserve"}) >= 4


def carried_text_end(text: str, start: int, end: int, vote_cues: list[re.Pattern[str]]) -> int:
    """Where a decision ends once the text it points to ("the following directive: …") is included."""
    sentence = text[start:end]
    pointer = _POINTER_RE.search(sentence) or _POINTER_ANYWHERE_RE.search(sentence)
    if not pointer:
        return end
    colon = text.find(":", start + pointer.start(), end + 2)
    after = colon + 1 if colon != -1 else end
    vote = VOTE_LABEL_RE.search(text, after, after + CARRY_LIMIT)
    limit = vote.start() if vote else after + CARRY_LIMIT
    quote = _OPEN_QUOTE_RE.match(text, after)
    # A quoted document ends at its closing quote, whatever sentences it holds: the statement's own
    # "The Committee also decided to keep the target range …" is its text, not the next act.
    closing = _quote_end(text, quote.end(), limit) if quote else None
    if closing is None:
        return _unquoted_end(text, after, limit, vote is not None, vote_cues) or end
    # "The vote also encompassed approval of the statement below: "…"" belongs to it too.
    # ("released at 12:30 p.m.:" — a clock's colon is not the one that introduces the statement)
    follow = _ENCOMPASSED_RE.match(text, closing)
    if not follow:
        return closing
    second = follow.end()
    quote = _OPEN_QUOTE_RE.match(text, second)
    closing = _quote_end(text, quote.end(), limit) if quote else None
    return closing or _unquoted_end(text, second, limit, vote is not None, vote_cues) or end


_ENCOMPASSED_RE = re.compile(r"\s*The vote (?:also )?(?:encompassed|included)\b(?:[^:]|:(?=\d)){0,200}:")


def _unquoted_end(
    text: str, after: int, limit: int, voted: bool, vote_cues: list[re.Pattern[str]]
) -> int | None:
    """Where a document carried without quotation marks ends: at the vote list, the next sentence that
    records an act, or the next section, whichever comes first."""
    next_cue = _next_formal_cue(text, vote_cues, after + 1, limit)
    section = _SECTION_RE.search(text, after + 1, next_cue or limit)
    if section:
        next_cue = section.start()
    stops = [p for p in (limit if voted else None, next_cue) if p is not None]
    return _trim_end(text, min(stops)) if stops else None


#: The domestic policy directive's opening words (1993–2008): its text runs to the vote list.
_DIRECTIVE_OPENING_RE = re.compile(
    r"The Federal Open Market Committee seeks monetary and financial conditions"
)
#: The directive's operative sentence: what the Committee voted on when the minutes give no lead-in.
_DIRECTIVE_OPERATIVE_RE = re.compile(
    r"(?:In the implementation of policy for the immediate future|To further its long-run objectives),? "
    r"the Committee(?: in the immediate future)? seeks\b"
)


def document_spans(text: str, after: int) -> list[tuple[int, int]]:
    """Where the minutes give the text of a domestic policy directive rather than record acts: from its
    opening words ("The Federal Open Market Committee seeks monetary and financial conditions …") to its
    vote list, or, for the longer-run paragraph given on its own ("These votes constituted approval of
    the following paragraph for the directive: …"), to its closing sentence ("… will continue to be
    evaluated in the light of …"). A sentence inside ("The Committee also retained the monitoring range
    …") states what was adopted; it is not another decision."""
    spans: list[tuple[int, int]] = []
    for opening in _DIRECTIVE_OPENING_RE.finditer(text, after):
        vote = VOTE_LABEL_RE.search(text, opening.end(), opening.end() + 3000)
        closing = _DIRECTIVE_CLOSING_RE.search(text, opening.end(), opening.end() + 2500)
        if vote and not (
            closing and _PARAGRAPH_AFTER_RE.match(text, sentence_bounds(text, closing.start())[1])
        ):
            spans.append((opening.start(), vote.start()))
        elif closing:
            spans.append((opening.start(), sentence_bounds(text, closing.start())[1]))
    return spans


#: The longer-run paragraph's closing sentence, and what follows it when the paragraph is given alone.
_DIRECTIVE_CLOSING_RE = re.compile(r"\bwill continue to be evaluated in the light of\b")
_PARAGRAPH_AFTER_RE = re.compile(
    r"\s*(?:In the course of|In the Committee's|In their|In the discussion|At the)\b"
)


def directive_without_lead_in(text: str, span: tuple[int, int]) -> tuple[int, int] | None:
    """The operative sentence of a directive that no decision carries (the minutes lost the sentence
    "the Federal Reserve Bank of New York was authorized and directed … following domestic policy
    directive:"): the vote list after it records the vote on the directive."""
    if not _DIRECTIVE_OPENING_RE.match(text, span[0]):
        return None
    operative = _DIRECTIVE_OPERATIVE_RE.search(text, span[0], span[1])
    return sentence_bounds(text, operative.start()) if operative else None


def _next_formal_cue(text: str, vote_cues: list[re.Pattern[str]], start: int, limit: int) -> int | None:
    """The start of the next sentence that records a vote: carried text that is not quoted (a document
    "shown below") ends there. The carried document's own sentences ("In furtherance of these
    objectives, the Committee reaffirmed …") state what was adopted and do not open with a vote."""
    found = [m.start() for pattern in vote_cues for m in [pattern.search(text, start, limit)] if m]
    opening = _VOTE_OPENING_RE.search(text, start, limit)
    if opening:
        found.append(opening.start())
    if not found:
        return None
    # A sentence whose full stop the scrape lost ("… Associate Economists By unanimous vote, …") begins
    # at the cue itself, not where the run-on sentence began.
    opening = sentence_bounds(text, min(found))[0]
    return opening if opening >= start else min(found)


#: Where the minutes move on to another part: a document carried "as shown below" or "the following"
#: ends there, before the section's heading ("[Return to top]" closes each document in the 1990s
#: files; later files glue a heading to the next part's first sentence).
_SECTION_RE = re.compile(
    r"\[Return to top\]|\bA summary of the economic and financial information\b"
    r"|(?<=[.!?\"”] )(?:Developments in Financial Markets|Staff Review of the|Staff Economic Outlook"
    r"|Participants' Views|Committee Policy Action|The information reviewed at|The Manager (?:of the System "
    r"Open Market Account )?(?:also )?reported\b)"
    # A glued heading of two or more title-case words before a new sentence: "… unless further extended
    # by the Committee. Dynamic Stochastic General Equilibrium Models A staff presentation provided …"
    r"|(?<=[.!?\"”] )(?!The\b)[A-Z][a-z][\w'’\-]*(?: (?:[A-Z][\w'’\-]*|of|and|for|on|in|to|the|with)){1,7}"
    r" (?=(?:A|The|In|At|On|Participants|Meeting|Members|Following|Before|With)\b [a-z])"
)

#: A sentence that opens by recording a vote.
_VOTE_OPENING_RE = re.compile(
    r"(?<=[.!?\"”]\s)(?:(?:Accordingly|At (?:the|its) conclusion of [^,]{0,40}|"
    r"On (?:the )?[\w'’ ]{0,40}recommendation), )?"
    # "On the Manager's recommendation, the Committee also amended …" after a document shown below.
    r"(?:[Tt]he Committee (?:then |also |subsequently )?(?:voted|decided|approved|agreed|amended|adopted|"
    r"ratified)\b"
    r"|All (?:but \w+ )?(?:of the )?(?:FOMC )?(?:members|participants)(?: but \w+)?(?: present)? "
    r"(?:voted|supported (?:adopting|making|amending)))"
)


def _quote_end(text: str, pos: int, limit: int) -> int | None:
    """Where the quotation opened before ``pos`` closes (quoted words inside open and close in pairs)."""
    depth = 0
    for match in re.finditer(r"[\"“”]", text[pos:limit]):
        i = pos + match.start()
        char = match.group(0)
        before, after = text[i - 1 : i], text[i + 1 : i + 2]
        opening = char == "“" or (char == '"' and before in " (\n" and after.isalnum())
        if opening:
            depth += 1
        elif depth:
            depth -= 1
        elif _CLOSE_QUOTE_RE.match(text, i):
            return i + 1
    return None


def inside_quotation(text: str, pos: int) -> bool:
    """Whether ``pos`` lies inside a quotation that opened in the last few thousand characters."""
    begin = max(0, pos - 6000)
    # A quotation never runs past a vote list: the minutes sometimes lose the closing quote of the
    # statement a vote adopts, and what follows the vote is not part of it.
    for label in VOTE_LABEL_RE.finditer(text, begin, pos):
        begin = label.end()
    window = text[begin:pos]
    # A dash may stand on either side of a quoted word: 'that it "reaffirmed its view"--rather than
    # simply "expects"--that …' quotes two words and leaves the sentence outside any quotation.
    opens = window.count("“") + len(re.findall(r'(?:^|[\s(:\-—])"(?=\w)', window))
    closes = window.count("”") + len(re.findall(r'(?<=[\w.!?,;)])"(?=[\s.,;:)\-—]|$)', window))
    return opens > closes


def _trim_end(text: str, end: int) -> int:
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return end
