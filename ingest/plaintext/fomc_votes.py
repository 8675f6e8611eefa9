"""Recorded votes in FOMC minutes: the vote lists, and dissents or abstentions stated alone.

"Votes for this action: Messrs. A, B, and C" / "Voting against this action: Janet L. Yellen" / "Absent
and not voting: Mr. D" are read name by name (``names.read_list``); the counts are the lists' lengths.
A vote list belongs to the last decision put to a vote before it, and also to the votes just before
that one which have no list of their own (one list after the range statement records the ranges'
votes). A voter the list spells one letter off the PRESENT block ("Meyers") is written as the block
spells the member. A dissent or abstention stated
without a list ("With Mr. Broaddus dissenting, …", "Mr. Tarullo abstained") is counted against the
voting members of the meeting's nearest full vote record, whose spelling of the names it takes.
"""

from __future__ import annotations

import re

from ..heuristics import normalise_space, sentence_bounds
from .attendance import AttendanceEntry
from .names import read_list, same_person, surname
from .text_analysis import DecisionFact
from .text_votes import RecordedVote

#: How far after a decision its vote list may come (the directive and statement it adopts lie between).
CARRY_LIMIT = 20000

VOTE_LABEL_RE = re.compile(
    r"\b(?:Vot(?:es?|ing)\s+(?P<way>for|against)\s+(?:(?:this|these|the|short-run|long-run|longer-run|"
    r"monetary|[\w-]+-run)\s+){1,2}(?:action|actions|motion|resolution|policy|policies)s?"
    r"|(?P<absent>Absent and not voting|Absent|Not voting)|(?P<abstain>Abstaining|Abstentions?))\s*:\s*"
)
_HONORIFIC = r"(?:(?:Messrs|Mses|Mmes|Mrs|Mr|Ms|Dr)\.\s*)"
_NAMES_BEFORE_RE = (
    rf"(?P<who>{_HONORIFIC}?[A-Z][\w'’\-]*(?:[ ,]+(?:and\s+)?{_HONORIFIC}?[A-Z][\w'’\-.]*){{0,8}})"
)
_DISSENTED_RE = re.compile(_NAMES_BEFORE_RE + r"(?:,\s+who)?\s+(?P<how>dissented|abstained)\b")
#: A decision reported in a Secretary's note is an aside inside another decision's record: the vote
#: list after the note belongs to that decision.
_NOTE_RE = re.compile(r"Secretary[’']s [Nn]ote:")
_UNANIMOUS_RE = re.compile(r"\bunanimous(?:ly)?\b", re.I)
_DISSENTING_RE = re.compile(r"(?:\b[Ww]ith\s+|^)" + _NAMES_BEFORE_RE + r"\s+dissenting,")
#: The exception inside the vote's own sentence: "All FOMC members voted to adopt this statement except
#: Mr. Tarullo, who abstained because …".
_EXCEPT_RE = re.compile(
    r"\bvoted\b[^.;]{0,120}?\bexcept\s+(?P<who>" + _HONORIFIC + r"?[A-Z][^,;]{0,80}?),\s+who\s+"
    r"(?:\w+ )?(?P<how>dissented|abstained)\b"
)


def find_vote_records(text: str) -> list[RecordedVote]:
    """Every "Votes for / against this action" record, its lists read name by name."""
    votes: list[RecordedVote] = []
    current: RecordedVote | None = None
    for match in VOTE_LABEL_RE.finditer(text):
        way = (
            match.group("way").lower()
            if match.group("way")
            else ("absent" if match.group("absent") else "abstain")
        )
        names, end = read_list(text, match.end())
        if way == "for" or current is None or match.start() - current.end > 300 or way in current.cast:
            current = RecordedVote(match.start(), max(end, match.end()), rule="vote:fomc-list")
            votes.append(current)
        current.cast.setdefault(way, []).extend(n.name for n in names)
        current.end = max(current.end, end, match.end())
    for index, vote in enumerate(votes):
        limit = votes[index + 1].start if index + 1 < len(votes) else len(text)
        _dissent_reasons(text, vote, min(limit, vote.end + 3000))
    return votes


def _dissent_reasons(text: str, vote: RecordedVote, limit: int) -> None:
    """ "Mr. Lacker dissented because …" after a vote list: the reason on the dissenter's ballot."""
    dissenters = vote.cast.get("against", []) + vote.cast.get("abstain", [])
    for match in _DISSENTED_RE.finditer(text, vote.end, limit):
        start, end = sentence_bounds(text, match.start("how"))
        start = max(start, match.start())
        for name in _names(text, _who_start(text, match)):
            listed = next((d for d in dissenters if same_person(d, name)), None)
            if listed is not None:
                vote.reasons.setdefault(listed, (normalise_space(text[start:end]), start, end))


def spell_as_present(votes: list[RecordedVote], attendance: list[AttendanceEntry]) -> None:
    """A voter the PRESENT block spells one letter differently ("Meyers" in the vote list, "Mr. Meyer" in
    the block) is written as the block writes the member: the README's rule for a misspelled voter."""
    members = [e.name for e in attendance if e.status != "also-present"]
    for vote in votes:
        for way, names in vote.cast.items():
            vote.cast[way] = [_as_member(name, members) for name in names]


def _as_member(name: str, members: list[str]) -> str:
    if any(same_person(name, m) for m in members):
        return name
    near = [m for m in members if _one_letter_apart(surname(name), surname(m))]
    return near[0] if len(near) == 1 else name


def _one_letter_apart(a: str, b: str) -> bool:
    """Whether two surnames of five letters or more differ by one added, dropped or changed letter."""
    a, b = a.lower(), b.lower()
    if min(len(a), len(b)) < 5 or abs(len(a) - len(b)) > 1 or a == b:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long_ = sorted((a, b), key=len)
    return any(long_[:i] + long_[i + 1 :] == short for i in range(len(long_)))


#: The most members the Committee can have with a vote: the seven governors and five Reserve Bank
#: presidents (an alternate votes only in place of an absent member).
VOTING_MEMBERS = 12
#: What a vote the meeting's roster cannot explain is worth: below the review threshold, so it waits for
#: an editor instead of being stored as the meeting's tally.
INCONSISTENT_VOTE_CONFIDENCE = 0.5


def doubt_inconsistent_votes(decisions: list[DecisionFact]) -> None:
    """A vote list with more voters than the Committee has votes (a list run into the next one, a staff
    line read as voters) is a question for an editor, not a tally: its confidence drops below the review
    threshold and its rule says why. No vote of the ~100 tune-year files has more than 12 voters.

    A voter the file's attendance never names was doubted too at first; measured once on the check
    half, that test sent one exact tally to review and caught no wrong one: a name spelt otherwise than
    in the PRESENT block makes a ballot doubtful, not the count."""
    for vote in {id(d.vote): d.vote for d in decisions if d.vote is not None and not d.vote.partial}.values():
        voters = sum(len(vote.cast.get(way, [])) for way in ("for", "against", "abstain"))
        if voters > VOTING_MEMBERS:
            vote.confidence = min(vote.confidence, INCONSISTENT_VOTE_CONFIDENCE)
            vote.rule = f"{vote.rule}:too-many-voters"


def absent_members(votes: list[RecordedVote], attendance: list[AttendanceEntry]) -> list[AttendanceEntry]:
    """Members a vote records as "Absent and not voting" whom the PRESENT block does not list."""
    absent: list[AttendanceEntry] = []
    for vote in votes:
        for name in vote.cast.get("absent", []):
            # Staff in the block may share a member's surname (Mr. Lindsey, Associate Economist).
            if any(same_person(name, e.name) for e in attendance + absent if e.status != "also-present"):
                continue
            absent.append(
                AttendanceEntry(
                    name, "absent", None, None, vote.start, vote.end, 0.85, "attendance:fomc-absent"
                )
            )
    return absent


def _nearest(votes: list[RecordedVote], pos: int) -> RecordedVote | None:
    """The full vote record nearest ``pos``."""
    complete = [v for v in votes if not v.partial and v.cast.get("for")]
    return min(complete, key=lambda v: abs(v.start - pos)) if complete else None


def _roster(votes: list[RecordedVote], pos: int) -> list[str]:
    """The voting members of the full vote record nearest ``pos``."""
    nearest = _nearest(votes, pos)
    return [n for way in ("for", "against", "abstain") for n in nearest.cast.get(way, [])] if nearest else []


def attach_vote_records(text: str, decisions: list[DecisionFact], votes: list[RecordedVote]) -> None:
    """Each vote list belongs to the last decision put to a vote before it; a list with a dissent or
    abstention never belongs to a decision the minutes call unanimous, so "By unanimous vote, the
    Procedural Instructions … were amended" leaves "The Committee decided at this meeting to reaffirm
    the $5 billion ceiling … Votes for this action: … Vote against this action: Mr. Jordan" its vote."""
    for vote in votes:
        divided = bool(vote.cast.get("against") or vote.cast.get("abstain"))
        before = [
            d
            for d in decisions
            if d.start < vote.start
            and d.vote is None
            and d.formal
            and not _NOTE_RE.search(text, max(0, d.start - 40), d.start + 20)
            and not (divided and _UNANIMOUS_RE.search(text, d.start, sentence_bounds(text, d.start)[1]))
        ]
        if before and vote.start - before[-1].end < CARRY_LIMIT:
            before[-1].vote = vote
            for earlier in _covered_by_the_same_list(text, before, vote):
                earlier.vote = vote
            continue
        # The decision the vote follows, when the minutes lost the sentence that put it to a vote.
        loose = [d for d in decisions if d.start < vote.start and d.vote is None]
        if loose and not text[loose[-1].end : vote.start].strip():
            # The list right after the decision's sentence: that decision was put to the vote ("The
            # Committee decided at this meeting to reaffirm the $5 billion ceiling … Votes for this
            # action: …").
            loose[-1].vote = vote
        elif loose and vote.start - loose[-1].end < 8000:
            # A guess at which decision the list records: stored, but not as certain as a list that
            # follows a decision put to a vote.
            vote.confidence = min(vote.confidence, 0.7)
            vote.rule = f"{vote.rule}:nearest-decision"
            loose[-1].vote = vote


#: A decision the minutes record as voted ("the Committee voted to …"), not as unanimous.
_VOTED_RE = re.compile(r"\bvoted\s+to\b")


def _covered_by_the_same_list(
    text: str, before: list[DecisionFact], vote: RecordedVote
) -> list[DecisionFact]:
    """The votes just before the one a list follows that have no list of their own: "At the conclusion of
    this discussion, the Committee voted to reaffirm the ranges … for 1997. For the year 1998, the
    Committee approved provisional ranges … [statement] Votes for this action: …" — one list records
    both votes. Walks back from the decision the list belongs to, over decisions stated as voted (not
    unanimous) with no vote yet and no other list between."""
    covered: list[DecisionFact] = []
    after = before[-1]
    for decision in reversed(before[:-1]):
        sentence_end = sentence_bounds(text, decision.start)[1]
        if (
            decision.vote is not None
            or not _VOTED_RE.search(text, decision.start, sentence_end)
            or _UNANIMOUS_RE.search(text, decision.start, sentence_end)
            or VOTE_LABEL_RE.search(text, decision.end, vote.start)
            or after.start - decision.end > 1500
            # a vote with its own named dissent ("With Mr. Poole dissenting, …", "Mr. X dissented …")
            or _DISSENTING_RE.search(text[decision.start : sentence_end][:600])
            or _DISSENTED_RE.search(text, decision.start, after.start)
        ):
            break
        covered.append(decision)
        after = decision
    return covered


def attach_dissents(text: str, decisions: list[DecisionFact], votes: list[RecordedVote]) -> None:
    """Dissents and abstentions stated without a vote list: the voting members less those named."""
    for decision in decisions:
        if decision.vote is not None:
            continue
        sentence = text[decision.start : decision.end]
        against: list[str] = []
        abstain: list[str] = []
        dissenting = _DISSENTING_RE.search(sentence[:600])
        if dissenting:
            against = _names(text, decision.start + dissenting.start("who"))
        excepted = _EXCEPT_RE.search(sentence[:600])
        if excepted:
            who = _names(text, decision.start + excepted.start("who"))
            (against if excepted.group("how") == "dissented" else abstain).extend(who)
        following = _statements_after(text, decision, decisions, votes)
        reasons: dict[str, tuple[str, int, int]] = {}
        for match in following:
            who = _names(text, _who_start(text, match))
            (against if match.group("how") == "dissented" else abstain).extend(
                n for n in who if n not in against and n not in abstain
            )
            # "Mr. Poole dissented because he viewed the swap agreement as unnecessary …": the reason on
            # the dissenter's ballot, as for a dissent after a vote list.
            start, end = sentence_bounds(text, match.start("how"))
            for name in who:
                reasons.setdefault(name, (normalise_space(text[start:end]), start, end))
        if against or abstain:
            decision.vote = _partial_vote(decision, against, abstain, _roster(votes, decision.start))
            for name, reason in reasons.items():
                listed = [n for way in ("against", "abstain") for n in decision.vote.cast.get(way, [])]
                full = next((n for n in listed if same_person(n, name)), None)
                if full is not None:
                    decision.vote.reasons.setdefault(full, reason)
            nearest = _nearest(votes, decision.start)
            if nearest is not None and nearest.cast.get("absent") and "for" in decision.vote.cast:
                # Members absent from the meeting did not vote on this either.
                decision.vote.cast["absent"] = list(nearest.cast["absent"])
        elif decision.formal:
            # "By unanimous vote, …", "the Committee approved …": carried, the numbers not stated.
            rule = "vote:unanimous" if "unanimous" in sentence.lower() else "vote:approved"
            decision.vote = RecordedVote(decision.start, decision.end, rule=rule, partial=True)


def _statements_after(text: str, decision: DecisionFact, decisions, votes) -> list[re.Match[str]]:
    """ "Mr. X dissented/abstained" sentences right after a decision (before the next decision or vote)."""
    # From the end of the decision's own sentence: a document it carries "as shown below" may come
    # after the dissent ("Mr. Lacker dissented in the votes on the Authorization …").
    begin = min(decision.end, sentence_bounds(text, decision.start)[1])
    limit = min(
        [d.start for d in decisions if d.start > decision.start]
        + [v.start for v in votes if v.start > decision.start]
        + [decision.end + 1500, len(text)]
    )
    out = []
    for match in _DISSENTED_RE.finditer(text, begin, limit):
        if any(v.start <= match.start() <= v.end + 3000 for v in votes if v.start < match.start()):
            continue  # the reasons for a dissent a vote list already records
        out.append(match)
    return out


def _who_start(text: str, match: re.Match[str]) -> int:
    """Where the names of "X dissented" begin: not before the sentence's start ("… IMF Article IV.
    Mr. Broaddus dissented …")."""
    return max(match.start("who"), sentence_bounds(text, match.start("how"))[0])


def _names(text: str, pos: int) -> list[str]:
    names, _ = read_list(text, pos, pos + 200)
    return [n.name for n in names]


def _partial_vote(
    decision: DecisionFact, against: list[str], abstain: list[str], roster: list[str]
) -> RecordedVote:
    named = against + abstain
    voters = [n for n in roster if not any(same_person(n, m) for m in named)]
    vote = RecordedVote(decision.start, decision.end, rule="vote:named-dissent", confidence=0.85)
    if roster and len(voters) + len(named) == len(roster):
        vote.cast["for"] = voters
        vote.rule = "vote:named-dissent-roster"
    else:
        vote.partial = True
    if against:
        vote.cast["against"] = [_full(n, roster) for n in against]
    if abstain:
        vote.cast["abstain"] = [_full(n, roster) for n in abstain]
    return vote


def _full(name: str, roster: list[str]) -> str:
    """The roster's spelling of a name given by surname ("Mr. Lacker" → "Jeffrey M. Lacker")."""
    return next((r for r in roster if same_person(r, name)), name)
