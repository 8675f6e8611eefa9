"""The features and the scoring of the FOMC sentence classifier (``bench.fomc_sentence_model``): which
sentences of a meeting's own part state the Committee's position, by a logistic model.

The cue rules (``ingest/plaintext/fomc_cues``) name the words by which each era records a decision; a
phrasing they do not name is lost. This model weighs era-robust features instead: the sentence's
lower-cased words and word pairs, its subject words (before the first verb-like word, in the verb's own
clause), that verb and the word after it, the subject and verb of a "that" clause it governs, what the
complement names (the broad tier's vocabularies of policy acts and settling words), whether the subject
is a quantified part of the members, the subject of the sentence before, the sentence's length and
where it lies in the meeting's own part.

The weights come from the tune half of the gold standard only (meetings in 1993–1999, 2006–2008,
2010–2013). Scoring is pure Python (no scikit-learn or numpy), so a model written as JSON could be read
by the reader; it is not: measured across eras, it does not beat the cue rules (see
``bench.fomc_sentence_model``).
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from pathlib import Path

from ingest.heuristics import sentence_end

# The broad tier's vocabularies, reused as features (they are the reader's; this experiment only reads them).
from ingest.plaintext.fomc_candidates import _ACTION_RE as ACTION_RE
from ingest.plaintext.fomc_candidates import _DECIDING_RE as DECIDING_RE
from ingest.plaintext.fomc_candidates import _SETTLES_RE as SETTLES_RE
from ingest.plaintext.fomc_cues import WHOLE_BODY, not_a_decision, part_of_the_members
from ingest.plaintext.fomc_spans import document_spans, staff_review

_TOKEN_RE = re.compile(r"[a-z]+(?:'[a-z]+)?|\d+(?:[./-]\d+)*|,")
#: Words that end a subject: auxiliaries and modals, and any past tense ("agreed", "voted").
_AUXILIARIES = frozenset(
    "was were is are be been had has have would will could should can may might must did do does "
    "saw felt thought said met took chose made gave held kept led left sought".split()
)
_WHOLE_BODY_RE = re.compile(r"(?:[A-Z][^,.;]{0,80}, )?(?:all |nearly |almost |also )*" + WHOLE_BODY)
_QUANTIFIER_WORDS = frozenset("most many some several few number majority other others remaining".split())


def own_part(text: str, after: int) -> list[tuple[int, int]]:
    """The meeting's own part as ``fomc_candidates`` finds it: the text after the PRESENT block
    (``after``) less the staff review and the text of quoted directives and statements."""
    skipped = sorted([*document_spans(text, after), *([review] if (review := staff_review(text)) else [])])
    gaps, begin = [], after
    for a, b in skipped:
        if a > begin:
            gaps.append((begin, min(a, len(text))))
        begin = max(begin, b)
    if begin < len(text):
        gaps.append((begin, len(text)))
    return [(a, b) for a, b in gaps if a < b]


def own_sentences(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The sentences (start, end) of the given stretches of text, by the reader's own sentence ends."""
    out = []
    for begin, stop in spans:
        pos = begin
        while pos < stop:
            while pos < stop and text[pos].isspace():
                pos += 1
            if pos >= stop:
                break
            end = min(max(sentence_end(text, pos), pos + 1), stop)
            if re.search(r"[A-Za-z]{2}", text[pos:end]):
                out.append((pos, end))
            pos = end
    return out


def _tokens(sentence: str) -> list[str]:
    return ["<n>" if t[0].isdigit() else t for t in _TOKEN_RE.findall(sentence.lower())]


def _verb_index(tokens: list[str]) -> int | None:
    for i, token in enumerate(tokens):
        if token in _AUXILIARIES or (len(token) > 4 and token.endswith("ed")):
            return i
    return None


def sentence_features(
    text: str,
    start: int,
    end: int,
    previous: tuple[int, int] | None,
    position: float,
    vocabularies: bool = True,
) -> list[str]:
    """The features of the sentence ``text[start:end]``: each a string, present or absent.

    ``previous`` is the sentence before it (its subject words carry "they" and "these members"),
    ``position`` its place in the meeting's own part (0 = first, 1 = last); ``vocabularies`` adds the
    cue modules' word lists (``False`` measures the model without them)."""
    sentence = text[start:end]
    marked = _tokens(sentence)
    tokens = [t for t in marked if t != ","]
    features = {f"w={t}" for t in tokens}
    features.update(f"b={a}_{b}" for a, b in zip(tokens, tokens[1:], strict=False))
    verb = _verb_index(tokens)
    if verb is not None:
        # The subject: the words before the verb in its own clause, after the last comma before it
        # ("At the conclusion of …, all but one member indicated …" → all, but, one, member).
        head = marked[: _verb_index(marked)]
        subject = (head[len(head) - head[::-1].index(",") :] if "," in head else head)[-5:]
        features.update(f"s={t}" for t in subject)
        features.add(f"v={tokens[verb]}")
        if verb + 1 < len(tokens):
            features.add(f"v2={tokens[verb]}_{tokens[verb + 1]}")
        if not subject:
            features.add("s=<none>")
        # The clause the verb governs: its own subject and verb ("agreed that | the statement | should"
        # is a position on wording; "agreed that | the risks | remained" an assessment).
        rest = tokens[verb + 1 :]
        if "that" in rest[:4]:
            clause = rest[rest.index("that") + 1 :]
            inner = _verb_index(clause)
            if inner is not None:
                features.update(f"cs={t}" for t in clause[:inner][-3:])
                features.add(f"cv={clause[inner]}")
                if inner + 1 < len(clause):
                    features.add(f"cv2={clause[inner]}_{clause[inner + 1]}")
    else:
        features.add("v=<none>")
    features.add(f"pos={min(4, int(position * 5))}")
    features.add(f"len={min(5, len(tokens) // 10)}")
    if previous is not None:
        before = [t for t in _tokens(text[previous[0] : previous[1]]) if t != ","]
        verb_before = _verb_index(before)
        features.update(f"ps={t}" for t in before[: verb_before if verb_before is not None else 0][-4:])
        if _QUANTIFIER_WORDS & set(before[:6]):
            features.add("prev-quantified")
    if vocabularies:
        whole = _WHOLE_BODY_RE.match(sentence)
        if whole:
            features.add("whole-body")
            complement = sentence[whole.end() :]
        else:
            complement = sentence
        if part_of_the_members(text, start, start + (whole.start(whole.lastindex or 0) if whole else 0)):
            features.add("part-of-members")
        actions = {m.group(0).lower() for m in ACTION_RE.finditer(complement)}
        if actions:
            features.add("acts=" + ("2" if len(actions) >= 2 else "1"))
        if SETTLES_RE.search(complement):
            features.add("settles")
        if DECIDING_RE.search(sentence):
            features.add("deciding-verb")
        if not_a_decision(sentence):
            features.add("not-a-decision")
    return sorted(features)


@dataclass(frozen=True)
class SentenceModel:
    """A logistic model over sentence features, with the thresholds that sort its scores: at or above
    ``store`` a sentence is a decision; from ``review`` to ``store`` it is a candidate for the review
    queue."""

    weights: dict[str, float]
    intercept: float
    store: float
    review: float
    vocabularies: bool = True

    def score(self, features: list[str]) -> float:
        """The probability that a sentence with these features states a decision."""
        z = self.intercept + sum(self.weights.get(f, 0.0) for f in features)
        return 1.0 / (1.0 + math.exp(-z)) if z > -700 else 0.0

    def score_sentences(
        self, text: str, sentences: list[tuple[int, int]], begin: int, stop: int
    ) -> list[float]:
        """The score of each of ``sentences``, in order; ``begin``–``stop`` is the meeting's own part."""
        width = max(1, stop - begin)
        out = []
        for i, (start, end) in enumerate(sentences):
            previous = sentences[i - 1] if i else None
            features = sentence_features(
                text, start, end, previous, (start - begin) / width, vocabularies=self.vocabularies
            )
            out.append(self.score(features))
        return out

    @classmethod
    def from_json(cls, data: dict) -> SentenceModel:
        return cls(
            weights={str(k): float(v) for k, v in data["weights"].items()},
            intercept=float(data["intercept"]),
            store=float(data["thresholds"]["store"]),
            review=float(data["thresholds"]["review"]),
            vocabularies=bool(data.get("vocabularies", True)),
        )


def load_model(path: Path) -> SentenceModel:
    """A model written by ``python -m bench.fomc_sentence_model train``."""
    return SentenceModel.from_json(json.loads(path.read_text(encoding="utf-8")))
