"""The FOMC sentence classifier's features (``bench.fomc_sentence_features``) on a real tune meeting:
the sentences of the meeting's own part, the subject and verb a sentence's features name, and scoring
that depends on nothing but the model's weights."""

from __future__ import annotations

import pytest

from bench.fomc_sentence_features import SentenceModel, own_part, own_sentences, sentence_features
from bench.fomc_sentence_model import block_end
from ingest.heuristics import decode_source, normalise_space
from ingest.plaintext.fomc_spans import staff_review
from tests.conftest import SHARED_DATA

TUNE_FILE = SHARED_DATA / "fomc-other-years" / "MeetingDate=1996-07-03-1996-07-03_UploadedOn=19960823.txt"
POLICY = (
    "In the Committee's discussion of policy for the intermeeting period ahead, all but one of the members "
    "supported a proposal to maintain an unchanged policy stance."
)


@pytest.fixture(scope="module")
def meeting() -> tuple[str, list[tuple[int, int]]]:
    if not TUNE_FILE.exists():
        pytest.skip("needs ../shared/data")
    text = decode_source(TUNE_FILE.read_bytes())
    return text, own_sentences(text, own_part(text, block_end(text)))


def _features_of(meeting: tuple[str, list[tuple[int, int]]], opening: str) -> list[str]:
    text, sentences = meeting
    for i, (start, end) in enumerate(sentences):
        if normalise_space(text[start:end]).startswith(opening):
            return sentence_features(text, start, end, sentences[i - 1] if i else None, 0.5)
    raise AssertionError(f"no sentence of the meeting's own part opens with {opening!r}")


def test_the_policy_sentence_is_one_sentence_of_the_meetings_own_part(meeting) -> None:
    text, sentences = meeting
    assert POLICY in [normalise_space(text[a:b]) for a, b in sentences]


def test_the_staff_review_is_not_part_of_the_meetings_own_part(meeting) -> None:
    text, sentences = meeting
    review = staff_review(text)
    assert review is not None and text[review[0] :].startswith("The information reviewed at this meeting")
    assert sentences and not any(a < review[1] and review[0] < b for a, b in sentences)


def test_a_position_names_its_subject_after_the_lead_in_and_its_verb(meeting) -> None:
    features = _features_of(
        meeting, "In the Committee's discussion of policy for the intermeeting period ahead"
    )
    assert {"s=but", "s=one", "s=members", "v=supported", "whole-body", "acts=2"} <= set(features)
    assert "s=discussion" not in features  # the lead-in before the comma is not the subject


def test_an_agreement_names_the_subject_and_verb_of_what_was_agreed(meeting) -> None:
    features = _features_of(meeting, "It was agreed that the next meeting of the Committee would be held")
    assert {"v=was", "cs=committee", "cv=would", "cv2=would_be"} <= set(features)


def test_a_quantified_part_of_the_members_is_marked(meeting) -> None:
    text, sentences = meeting
    quantified = [
        sentence_features(text, a, b, sentences[i - 1] if i else None, 0.5)
        for i, (a, b) in enumerate(sentences)
        if text[a:b].startswith("A few members")
    ]
    assert quantified and all("part-of-members" in f for f in quantified)


def test_a_score_depends_only_on_the_weights_of_the_features_present() -> None:
    model = SentenceModel({"v=agreed": 2.0, "s=some": -3.0}, intercept=-1.0, store=0.9, review=0.3)
    assert model.score(["v=agreed", "w=unknown"]) == pytest.approx(1 / (1 + 2.718281828459045**-1.0))
    assert model.score(["v=agreed", "s=some"]) < model.score([]) < model.score(["v=agreed"])
    assert model.score([]) == model.score(["w=never-seen"])
