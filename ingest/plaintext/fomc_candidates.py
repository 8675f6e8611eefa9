"""The broad tier of FOMC decisions: sentences no cue took that may still record the Committee's
position, proposed to the review queue instead of being dropped.

``fomc_cues`` names the words by which minutes record a decision; a phrasing it does not name was
silently lost. This module applies the gold standard's two tests (``tests/gold/README.md``, the rule of
round four) in a broad, structural form to every sentence of the meeting's own part that is not yet a
decision:

1. *who*: the Committee, the members or participants as a whole, "they" pointing back to them, all but
   a few of them, or a consensus — never a quantified part ("most", "some", "a few", one member);
2. *what*: a reporting or attitude verb (agreed, judged, favored, saw, noted, expected …) or a modal of
   intent ("would", "needed to") whose complement names a policy action or the statement's wording
   (the federal funds rate, purchases, holdings, the statement, the directive, accommodation …).

A sentence that passes both is a ``DecisionFact`` with a confidence under the store's threshold
(``text_graph.CONFIDENCE_THRESHOLD``), graded by how many signals it carries, so it goes to the review
queue with its passage and never into the graph. The staff review, the text of a quoted directive or
statement, recaps of earlier meetings, bare monitoring and denials are left out, as for the cues.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..heuristics import normalise_space, sentence_bounds
from .fomc_cues import WHOLE_BODY, not_a_decision, part_of_the_members
from .fomc_spans import inside_quotation, staff_review
from .text_analysis import DecisionFact

#: The confidence of a candidate before its signals are counted (a deciding verb, a settling complement
#: or a modal of intent, a subject that is surely the whole body, two or more actions named), what each
#: adds, and the ceiling, under the store's threshold (0.6): a candidate is a question for an editor.
BASE_CONFIDENCE = 0.3
STEP = 0.05
CEILING = 0.5

#: Verbs by which the minutes report a settled position: strong signals of a decision.
_DECIDING_VERBS = (
    r"agreed|concurred|decided|concluded|judged|favou?red|supported|endorsed|preferred|accepted|"
    r"chose|approved|affirmed|reaffirmed|reiterated|intended|planned|wanted|resolved|determined|"
    r"would (?:vote|support|accept|favou?r|prefer)"
)
#: Verbs by which they report a view, which settles an action only when its complement says so.
_VIEW_VERBS = (
    r"indicated|saw|viewed|regarded|thought|felt|believed|noted|observed|emphasized|"
    r"stressed|recognized|acknowledged|anticipated|expected|stated|characterized|welcomed|"
    r"urged|said|underscored|continued to (?:\w+)|did not (?:\w+)"
)
#: Modals of the body's own intent: "the Committee would do so on those occasions when …", "it needed
#: to avoid …", "the Committee had to be wary of …".
_INTENT = r"would|will|should|needed to|had to|was prepared to|were prepared to|was committed to"

#: The subject of a position, then the verb it governs (a few adverbs or a short aside between).
_POSITION_RE = re.compile(
    r"(?P<who>" + WHOLE_BODY + r"|\bIt(?= (?:also |again |further )?(?:\w+ed)\b)"
    r")(?:,? (?:in general|on balance|however|therefore|nonetheless|accordingly),?)?"
    r"(?:\s+(?:also|again|generally|broadly|all|still|further|unanimously|strongly|clearly|"
    r"nonetheless|however|therefore|thus|accordingly))*\s+"
    r"(?P<verb>(?:" + _DECIDING_VERBS + r")|(?:" + _VIEW_VERBS + r")|(?:" + _INTENT + r"))\b"
)
#: Sentences without a named subject that state the body's position: "It was agreed that …", "There was
#: general agreement that …", "a consensus emerged …".
_IMPERSONAL_RE = re.compile(
    r"\b(?P<who>It was (?:also |further |generally )?|[Tt]here was (?:a |general |broad |widespread |"
    r"strong |unanimous |a general |a broad )?|a consensus )"
    r"(?P<verb>agreed|understood|decided|concluded|noted|emphasized|recognized|"
    r"agreement|consensus|support|emerged)\b"
)
_DECIDING_RE = re.compile(
    r"\b(?:agree|concur|decid|conclud|judg|favou?r|support|endors|prefer|accept|chose|approv|affirm|"
    r"reaffirm|reiterat|intend|plan|want|resolv|determin|vote|consensus|emerged|understood)"
)
#: Verbs of a forecast: a position only when the Committee states it (its forward guidance), never the
#: participants' outlook ("participants expected that the recovery would gain strength").
_FORECAST_RE = re.compile(r"\b(?:expect|anticipat)")
#: What before the subject makes it someone else's view or a hypothesis: "In Mr. Hoenig's view, the
#: Committee should …", "another member thought that the Committee would need …", "Under the second
#: option, the Committee would purchase …". The subject opens the sentence, after at most a lead-in
#: that ends with a comma ("Moreover, the Committee …", "In the course of their discussion, the members …").
_OTHER_VOICE_RE = re.compile(
    r"\b(?:views?|member|staff|presentations?|[Ss]ome|[Mm]ost|[Mm]any|few|[Ss]everal|[Oo]thers|[Tt]hose|"
    r"another|[Hh]e|[Ss]he|his|her|options?|alternatives?|scenarios?|Counsel|Manager|if|[Ss]hould)\b"
)
_LEAD_IN_END_RE = re.compile(r"(?:^|[,;]\s*(?:and |but )?)$")

#: What a decision is about: an instrument or act of monetary policy, or the statement's and the
#: directive's wording. Words of the economy ("inflation", "growth", "the unemployment rate") are not
#: here: a sentence that names only them is an assessment.
_ACTION_RE = re.compile(
    r"\b(?:(?<!fiscal )(?<!trade )(?<!tax )(?<!budget )(?<!foreign )(?<!economic )(?<!government )"
    r"polic(?:y|ies)|stance|(?:federal )?funds rate|discount rate|IOE?R|interest on (?:excess )?reserves|"
    r"target(?: range)?s?|ranges? for|ranges?\b(?= (?:for|of|that|adopted|established))|monitoring range|"
    r"(?:asset )?purchases?|purchase program|holdings|portfolio|SOMA|balance sheet|reinvest\w*|"
    r"redemptions?|sales of|swap (?:lines?|arrangements?)|currency arrangements?|facilit(?:y|ies)|"
    r"proposals?|statement|directive|announcement|language|wording|guidance|communications?|disclos\w+|"
    r"minutes|transcripts?|accommodation|accommodative|(?:monetary|policy) restraint|"
    r"(?<!fiscal )(?<!credit )(?<!financial )(?:tightening|easing|firming)(?! (?:of )?(?:fiscal|labor|"
    r"credit|financial|lending|in (?:labor|credit|financial)))|"
    r"reserve (?:conditions|positions|markets|pressures)|pressure on reserve|the Desk|"
    r"(?:policy )?(?:actions?|moves?|adjustments?|steps?)|tools?|next meeting|at this meeting|"
    # "before and after each of its meetings", not "since the Committee's previous meeting"
    r"(?:its|the Committee's) (?:\w+ )?meetings|each (?:of its )?meetings?|"
    r"rate (?:increases?|cuts?|reductions?|hikes?)|symmetr\w+|asymmetr\w+|bias|"
    r"thresholds?|forward guidance|exit|normalization)\b"
)
#: What makes a view a position on an action: the body says what should be done, or that an action is
#: (not) appropriate, warranted or needed. A bare "would" or "will" is a weaker sign (``_WILL_RE``): it
#: is in most forecasts too.
_SETTLES_RE = re.compile(
    # not a conditional: "a change in policy, should one be called for, would represent …"
    r"\b(?:should(?! (?:one|it|they|there|that|this|such)\b)|needed to|need to|had to|prepared to|"
    r"committed to|intend\w*|"
    r"appropriate|warranted|desirable|advisable|prudent|premature|necessary|unwarranted|"
    r"(?:no |little )?(?:reason|need|case|basis) (?:for|to)|to (?:keep|maintain|raise|lower|reduce|"
    r"increase|leave|continue|begin|end|adjust|change|retain|adopt|hold|slow|extend|ease|tighten)|"
    # "regarded the second proposal … as a positive step", "thought such a facility could prove helpful"
    r"as an? (?:\w+ )?(?:positive|useful|helpful|constructive|appropriate|reasonable|welcome) "
    r"(?:step|approach|course|way|development)|could (?:prove |be )?(?:helpful|useful|appropriate)|"
    r"asked the staff|directed the staff)\b"
)
#: A hypothesis weighed, not a position taken: "the members agreed that were they to announce a shift …,
#: it would likely have …" (the README's example of an assessment).
_HYPOTHESIS_RE = re.compile(
    r"\bwere (?:they|it|the Committee|members) to\b|\bhad (?:they|it|the Committee) (?:\w+ed)\b"
)
#: A subject that is the whole body beyond doubt. "It was noted that …" is not: in the minutes it
#: reports what one or some participants remarked.
_STRONG_SUBJECT_RE = re.compile(
    r"(?:[Tt]he Committee|[Aa]ll\b|It(?! was)\b|It was (?:also |further |generally )?(?:agreed|understood|"
    r"decided|concluded)|[Tt]here was|a consensus)"
)
_WILL_RE = re.compile(r"\b(?:would|will)\b")
#: The statement's conditional that names policy without settling it: "The Committee expected that, with
#: appropriate policy accommodation, economic growth would …" is the outlook.
_CONDITIONAL_POLICY_RE = re.compile(r"\bwith appropriate (?:monetary )?policy(?: accommodation)?\b")
#: A sentence about an act of another body or the staff, or the staff's and Manager's reports.
_ELSEWHERE_RE = re.compile(
    r"^(?:The |In (?:the|his) )?(?:staff|Manager|Desk|Chairman|Chair|Secretary|Board|Governor|President)\b"
)


def review_candidates(
    text: str, after: int, decisions: Iterable[DecisionFact], documents: Iterable[tuple[int, int]] = ()
) -> list[DecisionFact]:
    """Sentences of the meeting's own part, after ``after`` and outside ``decisions`` and ``documents``
    (the text of a directive), that pass the two tests broadly: each a ``DecisionFact`` for review, in
    text order, with a confidence of ``BASE_CONFIDENCE`` to ``CEILING``."""
    taken = sorted((d.start, d.end) for d in decisions)
    skipped = [*taken, *documents]
    review = staff_review(text)
    if review is not None:
        skipped.append(review)
    seen: set[int] = set()
    found: list[DecisionFact] = []
    # Only the text between the skipped spans is searched: the staff review alone is a third of a file.
    matches = sorted(
        (
            m
            for a, b in _gaps(after, len(text), skipped)
            for p in (_POSITION_RE, _IMPERSONAL_RE)
            for m in p.finditer(text, a, b)
        ),
        key=lambda m: m.start(),
    )
    for match in matches:
        start, end = sentence_bounds(text, match.start())
        start = _after_footnote_mark(text, start, match.start())
        if start in seen or start < after:
            continue
        if any(a < end and start < b for a, b in skipped):
            continue
        candidate = _candidate(text, start, end, match)
        if candidate is not None:
            seen.add(start)
            found.append(candidate)
    return found


def _gaps(begin: int, end: int, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The stretches of ``begin``–``end`` outside every span."""
    gaps = []
    for a, b in sorted(spans):
        if a > begin:
            gaps.append((begin, min(a, end)))
        begin = max(begin, b)
    if begin < end:
        gaps.append((begin, end))
    return [(a, b) for a, b in gaps if a < b]


def _candidate(text: str, start: int, end: int, match: re.Match[str]) -> DecisionFact | None:
    """The sentence as a candidate when it passes both tests, else ``None``. The cheap tests on the
    sentence's own words come first; those that look at the text around it (quotation, "they") last."""
    sentence = text[start:end]
    if len(sentence) < 40 or _ELSEWHERE_RE.match(sentence):
        return None
    who, verb = match.group("who"), match.group("verb")
    lead_in = text[start : match.start()]
    if lead_in and (_OTHER_VOICE_RE.search(lead_in) or not _LEAD_IN_END_RE.search(lead_in)):
        return None  # someone else's view, a hypothesis, or a clause inside another sentence
    if _FORECAST_RE.search(verb) and not re.match(r"[Tt]he Committee", who):
        return None  # the participants' outlook, not the Committee's guidance
    complement = _CONDITIONAL_POLICY_RE.sub(" ", text[match.end() : end])
    actions = {m.group(0).lower() for m in _ACTION_RE.finditer(complement)}
    if not actions:
        return None  # an assessment of the economy, of risks or of effects: no action, no wording
    deciding = _DECIDING_RE.search(verb) is not None
    settles = _SETTLES_RE.search(complement) is not None
    intent = re.fullmatch(_INTENT, verb) is not None
    strong_subject = _STRONG_SUBJECT_RE.match(who) is not None
    # A view settles an action only when it says so; "would" will do when the Committee itself says it.
    if not (deciding or settles or intent or (strong_subject and _WILL_RE.search(complement))):
        return None  # a view ("noted that policy had supported growth") that settles nothing
    if not_a_decision(sentence) or _HYPOTHESIS_RE.search(complement):
        return None  # a recap, a bare intention to monitor, a denial, or what would follow if …
    if who.startswith("It") and not who.startswith("It was") and not _follows_the_committee(text, start):
        return None
    if part_of_the_members(text, start, match.start()):
        return None  # a quantified part of the members: how they were divided, not where they came out
    if inside_quotation(text, start):
        return None  # the text of a statement or directive, not an act of the meeting
    signals = [deciding, settles or intent, strong_subject, len(actions) >= 2]
    confidence = min(CEILING, BASE_CONFIDENCE + STEP * sum(signals))
    kind = "position" if deciding else ("intent" if intent else "view")
    return DecisionFact(
        normalise_space(sentence),
        start,
        end,
        round(confidence, 2),
        f"decision:candidate-{kind}",
        formal=False,
    )


#: A full stop followed by a footnote mark, which the sentence splitter does not take for an end:
#: "… could well outweigh any benefits.* Participants generally regarded …".
_FOOTNOTE_END_RE = re.compile(r"[.!?][*†\d]+\s+(?=[A-Z])")


def _after_footnote_mark(text: str, start: int, subject: int) -> int:
    """The sentence's start past the last footnoted full stop before its subject."""
    ends = list(_FOOTNOTE_END_RE.finditer(text, start, subject + 1))  # the look-ahead sees the subject
    return ends[-1].end() if ends else start


def _follows_the_committee(text: str, start: int) -> bool:
    """Whether a sentence that opens with "It" points back to the Committee: the sentence before it has
    the Committee as its subject ("The Committee … It also acknowledged …")."""
    before = sentence_bounds(text, max(0, start - 2))
    return before[0] < start and re.search(r"\b[Tt]he Committee\b", text[before[0] : start]) is not None
