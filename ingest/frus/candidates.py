"""The broad tier of FRUS decisions: sentences of a meeting's record with a decision-like word that
no cue took, proposed to the review queue instead of being dropped.

``cues`` finds a decision where a body (or the presiding officer) is the subject of a deciding verb,
or the verb is in the passive. A record in another voice ("The question of … was then settled",
"the Commissioners were of the opinion that … should be", "consent was given") was silently lost.
This module takes every sentence of a meeting's record that holds such a word, is not a decision
already, and is not a member's own proposal or request (the README's FRUS rule: the body's answer is
the decision, not the request), and proposes it with a low confidence: an editor decides.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .cues import cues
from .text import Block, sentences

#: The confidence of a candidate: under the store's threshold and under every cue's.
CONFIDENCE = 0.35
#: A candidate whose deciding word is a plain verb of decision ("decided", "agreed") is worth a little
#: more than one that only names one ("the decision", "consent").
STRONG_CONFIDENCE = 0.45

#: Words a decision is stated with, in every form: the cues' verbs, their nouns, and the verbs of
#: settling and fixing that records also use.
_DECIDING_WORD = re.compile(
    r"\b(?:decid(?:ed|e|ing)|decision|agreed|agreement|resolv(?:ed|e)|resolution|determin(?:ed|ation)|"
    r"order(?:ed)?|adopt(?:ed|ion)|approv(?:ed|al)|appoint(?:ed|ment)|instruct(?:ed|ions)|"
    r"authori[sz](?:ed|ation)|permi(?:tted|ssion)|reject(?:ed|ion)|accept(?:ed|ance)|deferred|"
    r"postponed|settled|fixed|designated|nominated|empowered|consent(?:ed)?|concurred|assented|"
    r"granted|sanctioned|ruled|referred)\b",
    re.IGNORECASE,
)
_PLAIN_DECIDING = re.compile(
    r"\b(?:decided|agreed|resolved|determined|settled|adopted|approved)\b", re.IGNORECASE
)
#: A member's own act, not the body's: "Mr. Cushing requested …", "Lord Tenterden proposed …",
#: "M. Clemenceau said that he agreed …" — a titled person as the subject of the sentence.
_MEMBER_SUBJECT = re.compile(
    r"^(?:\(?\d{1,3}[.)]\s+)?(?:(?:Then|After|On|At|In)\b[^,]{0,80},\s+)?"
    r"(?:Mr|Mrs|M|MM|Messrs|General|Gen|Colonel|Col|Admiral|Marshal|Sir|Lord|Baron|Count|Marquis|Viscount|"
    r"Signor|Dr|Professor|Prof|Judge|Captain|Mons|Monsieur)\.?\s+[A-Z]"
)
#: Another voice inside the record: a party's or counsel's paper read into it, in the first person
#: ("The undersigned agent … is instructed …", "I will inform my government …"), or its numbered
#: propositions ("3. That such vessels received undue assistance …").
_OTHER_VOICE = re.compile(r"\b(?:I|we|my|our|undersigned)\b|^(?:[IVX]{1,4}\.\s+|\(?\d{1,3}[.)]\s+)?That\b")
_ITEM_NUMBER = re.compile(r"\(?\d{1,3}[.)]\s+")
#: Talk about a decision, not one: a question put, a wish, a conditional, a recap.
_NOT_AN_ACT = re.compile(
    r"\b(?:if|whether|should (?:the|it|they)|would (?:be|have)|might|may|could|"
    r"had (?:been )?(?:decided|agreed|resolved|determined|adopted|approved|accepted)|"
    r"previously|heretofore|at the (?:last|previous|preceding) (?:meeting|conference|session))\b",
    re.IGNORECASE,
)


def review_sentences(
    found: list[Block], decided: set[tuple[int, int]]
) -> Iterator[tuple[int, int, int, float]]:
    """``(block number, start, end, confidence)`` of each candidate sentence, in document order.

    ``decided`` holds ``(block number, sentence start)`` of the sentences the cues already took."""
    for number, block in enumerate(found):
        words = [m.start() for m in _DECIDING_WORD.finditer(block.text)]
        if not words:
            continue
        for start, end in sentences(block.text, words):
            if (number, start) in decided or not _DECIDING_WORD.search(block.text, start, end):
                continue
            sentence = block.text[start:end]
            if len(sentence) < 30 or _MEMBER_SUBJECT.match(sentence) or _NOT_AN_ACT.search(sentence):
                continue
            if _OTHER_VOICE.search(sentence):
                continue
            if cues(sentence):
                continue  # a sentence the cues take (cut the same way, it was stored above)
            confidence = STRONG_CONFIDENCE if _PLAIN_DECIDING.search(sentence) else CONFIDENCE
            item = _ITEM_NUMBER.match(sentence)  # "2. The question …": the number is the minutes' own
            yield number, start + (item.end() if item else 0), end, confidence
