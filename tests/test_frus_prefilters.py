"""The FRUS reader's shortcuts give what the full work gives, on the real records.

Reading a FRUS volume skips work that cannot change its result: a cue pattern is searched only where a
word it needs is, pysbd's abbreviation step skips substitutions that find nothing, a plain literal is
made without rdflib's conversions. Each shortcut is checked here against the work it replaces, over
every block of running text of ``../shared/data``'s FRUS volumes, the sentences a simple splitter cuts
from them, and the FOMC minutes' paragraphs; and on hand-made texts for the cases the records lack.
``bench/frus_prefilters.py`` runs the same checks over the sentences the reader itself cuts.
"""

from __future__ import annotations

import re
from pathlib import Path

import pysbd
import pytest
from rdflib import Literal

from ingest import safexml
from ingest.frus import cues, facts
from ingest.frus.context import Triples
from ingest.frus.text import (
    _PYSBD_RE,
    _SEGMENTER,
    _SPACES,
    FOLDS_TO_ASCII,
    blocks,
    matches_from,
    needed_characters,
    normalise,
    pysbd_as_published,
    t,
)
from ingest.provenance import PassageBuilder, plain_literal
from ontology import IriMinter

#: A rough splitter, only to have sentence-sized texts as well as whole blocks.
_ROUGH_SENTENCE_END = re.compile(r"(?<=[.;:!?])\s+")


@pytest.fixture(scope="module")
def records(shared_data: Path) -> dict[str, list[str]]:
    """Every FRUS block, raw document text and rough sentence, and every FOMC paragraph."""
    found: dict[str, list[str]] = {"blocks": [], "raw": [], "sentences": []}
    for path in sorted((shared_data / "frus").glob("*.xml")):
        root = safexml.parse(path.read_bytes(), str(path)).getroot()
        for div in root.iter(t("div")):
            if div.get("type") != "document":
                continue
            found["raw"].append("".join(div.itertext()))
            found["blocks"] += [block.text for block in blocks(div)]
    for path in sorted((shared_data / "fomc").glob("*.txt")):
        found["blocks"] += [p for p in re.split(r"\n\s*\n", path.read_text(encoding="utf-8")) if p.strip()]
    found["sentences"] = [s for text in found["blocks"] for s in _ROUGH_SENTENCE_END.split(text) if s]
    return found


def _texts(records: dict[str, list[str]]) -> list[str]:
    return records["blocks"] + records["sentences"]


def test_each_cue_pattern_matches_only_where_a_word_it_needs_is(records: dict[str, list[str]]) -> None:
    checked = 0
    for pattern, needs in cues.NEEDS:
        assert all(word == word.lower() for word in needs)
        for text in _texts(records):
            for match in pattern.finditer(text):
                checked += 1
                # the match itself holds a needed word, so no text it matches in is passed over
                assert any(word in match.group(0).lower() for word in needs), (pattern.pattern, text)
                assert cues.may_match(needs, None if FOLDS_TO_ASCII.search(text) else text.lower())
    assert checked > 300  # the records hold many cues: the check is not vacuous


def test_the_body_acting_is_found_where_a_full_search_finds_it(records: dict[str, list[str]]) -> None:
    found = 0
    hand_made = [
        "The tribunal decided.",
        "They decided; they agreed: it resolved. It decided",
        "—the three principal allied and associated powers agreed, and the inter-allied sub-committee"
        " decided",
        "(The heads of the governments approved.) The foreign ministers approved; a majority of four to"
        " one ruled",
    ]
    # the case-sensitive twin ``finditer_any_case`` searches the lower-cased text with
    twin = re.compile(cues._ACTIVE.pattern)
    for text in _texts(records) + hand_made:
        if FOLDS_TO_ASCII.search(text):
            continue
        lowered = text.lower()
        everywhere = [m.span() for m in twin.finditer(lowered)]
        assert [m.span() for m in matches_from(twin, lowered, cues.active_starts(lowered))] == everywhere
        found += len(everywhere)
    assert found > 100


def test_a_text_with_a_folding_character_is_always_searched() -> None:
    # "reſolved" matches "resolved" case-insensitively (long s), though "resolved" is not in its lower case
    text = "The tribunal reſolved, that the meeting be adjourned until Monday."
    assert re.search(r"resolved", text, re.IGNORECASE)
    assert cues.may_match(("resolved",), None)
    assert [c.rule for c in cues.cues(text)] == [c.rule for c in _cues_without_prefilters(text)]


def _cues_without_prefilters(sentence: str) -> list[cues.Cue]:
    """``cues.cues`` with every prefilter passing and ``_ACTIVE`` tried at every position: what the
    reader found before it had them."""
    may_match, active_starts = cues.may_match, cues.active_starts
    cues.may_match = lambda needs, lowered: True  # type: ignore[assignment]
    cues.active_starts = lambda lowered: range(len(lowered))  # type: ignore[assignment]
    try:
        return cues.cues(sentence)
    finally:
        cues.may_match, cues.active_starts = may_match, active_starts


def test_cues_are_the_same_with_and_without_the_prefilters(records: dict[str, list[str]]) -> None:
    texts = [text for text in records["sentences"] if facts.may_decide(text)]
    assert len(texts) > 1000
    found = 0
    for text in texts:
        with_prefilters = cues.cues(text)
        assert with_prefilters == _cues_without_prefilters(text), text
        found += len(with_prefilters)
    assert found > 200


def test_may_decide_is_the_alternation_it_was(records: dict[str, list[str]]) -> None:
    # the words are the alternatives written out; none holds a pattern character but "[sz]", spelt out
    assert all(re.escape(word) == word.replace(" ", "\\ ") for word in facts._MAY_DECIDE_WORDS)
    alternatives = facts._MAY_DECIDE.pattern.split("|")
    assert len(facts._MAY_DECIDE_WORDS) == len(alternatives) + sum("[sz]" in a for a in alternatives)
    hits = 0
    for text in records["blocks"] + ["ſ", "AUTHORISED", "nsc ACTION", "Proceeded To"]:
        expected = facts._MAY_DECIDE_ANY_CASE.search(text) is not None
        assert facts.may_decide(text) is expected, text
        hits += expected
    assert hits > 1000


def test_the_clause_and_proposal_patterns_need_their_words(records: dict[str, list[str]]) -> None:
    for text in _texts(records):
        if facts._CLAUSE_HEAD.search(text):
            assert "They" in text or "It" in text
        if facts._PROPOSES_ANYWHERE.search(text):
            assert "proposed" in text or "moved" in text
        if cues._NSC_ACTION.search(text):
            assert "NSC Action" in text


def test_normalise_is_the_whitespace_pattern_it_replaced(records: dict[str, list[str]]) -> None:
    # str.split() cuts at str.isspace() characters; the pattern's \s matches the same ones, every one
    every = "".join(map(chr, range(0x110000)))
    assert re.findall(r"\s", every) == [c for c in every if c.isspace()]
    odd = ["", " ", "\u00a0a\u2009b\u3000", "a\x1cb\x1fc", "\t\n x \r\n", "\u0085line\u2028two\u2029"]
    for text in records["raw"] + odd:
        assert normalise(text) == _SPACES.sub(" ", text).strip()


def test_plain_literals_are_the_literals_rdflib_makes(records: dict[str, list[str]]) -> None:
    odd = ["", " ", "\ud800", "e\u0301", "Précédent", "1", "true", "2020-01-01", "<b>&amp;</b>"]
    for text in records["blocks"][:3000] + odd:
        made, expected = plain_literal(text), Literal(text)
        assert type(made) is Literal and made == expected and hash(made) == hash(expected)
        assert str(made) == str(expected)
        for slot in Literal.__slots__:
            assert getattr(made, slot) == getattr(expected, slot)
            assert type(getattr(made, slot)) is type(getattr(expected, slot))
    # anything but a plain str goes to rdflib itself
    assert plain_literal(Literal("x", lang="en")) == Literal("x", lang="en")  # type: ignore[arg-type]


def test_integer_literals_are_the_literals_rdflib_makes() -> None:
    from rdflib.namespace import XSD  # here: pytest's look at a module's names trips rdflib's XSD

    from ingest.provenance import _make_integer

    for value in [*range(-50, 3000), *range(3000, 400_000, 997), 2**63, -(10**40)]:
        made, expected = _make_integer(value), Literal(value, datatype=XSD.integer)
        assert type(made) is Literal and made == expected and hash(made) == hash(expected)
        assert str(made) == str(expected) and made.toPython() == expected.toPython() == value
        for slot in Literal.__slots__:
            assert getattr(made, slot) == getattr(expected, slot)
            assert type(getattr(made, slot)) is type(getattr(expected, slot))
    # a bool is an int to Python but not to rdflib's typing: it goes to rdflib itself
    assert _make_integer(True) == Literal(True, datatype=XSD.integer)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "identifier",
    ["frus1919Parisv01/d183", "x!", "-lead", "trail-", "Ünïcödé/naïve", "a  b//c", "e\u0301/p", "~"],
)
def test_passage_iris_are_minted_as_before(identifier: str) -> None:
    minter = IriMinter()
    passages = PassageBuilder(Triples(), minter, identifier, "some words of text")  # type: ignore[arg-type]
    for number in range(1, 12):
        iri = passages.add(0, 4)
        assert str(iri) == minter.entity("passage", f"{identifier}/p{number}")


def _spans(segmenter: pysbd.Segmenter, text: str) -> list[tuple[str, int, int]]:
    return [(span.sent, span.start, span.end) for span in segmenter.segment(text)]


_HAND_MADE = [
    "",
    "Yes. Yes. Yes.",
    "It was so. It was so.  It was so.\n",
    "Mr. Lansing and Gen. Bliss met p. 4 of the report. No. 3 was read. The pp. 4-5 were referred.",
    "The {mr} Smith case. {Mr} Jones. Then e.g. this, i.e. that, Ph.D. holders and the U.S. Senate.",
    "Mr. Adams met the Kelvin \u212a. Mr. Staempfli, the ſecretary, read it. İt was agreed.",
    "MR. X met MR. Y. Mr. Z. said no. NO. 5 is here. art. 3 and Art. 4 were read; ext. 5 called.",
    "Col. Jones. Capt. Smith? Dr. Who! St. Louis. Messrs. A. and B. signed; Prof. C. agreed.",
    "The vote was 4 to 1. (a) first; (b) second. 1. One. 2. Two. i. roman ii. two.",
]


def test_the_segmenter_cuts_as_pysbd_does(records: dict[str, list[str]]) -> None:
    stock = pysbd.Segmenter(language="en", clean=False, char_span=True)
    texts = _HAND_MADE + records["blocks"][::30]  # every thirtieth block of the records: a broad sample
    assert len(texts) > 300
    for text in texts:
        with pysbd_as_published():
            expected = _spans(stock, text)
        assert _spans(_SEGMENTER, text) == expected, text


def test_pysbd_patterns_match_only_where_the_characters_they_need_are(
    records: dict[str, list[str]],
) -> None:
    for text in _HAND_MADE + records["blocks"][::30]:
        _SEGMENTER.segment(text)  # every pattern pysbd uses is now in the cache
    patterns = [compiled for compiled, _ in _PYSBD_RE._compiled.values()]
    assert len(patterns) > 100
    # the texts pysbd's rules see: the records' own, and with the marks its steps put in ("∯", "♨", "\r" …)
    texts = records["sentences"][::5] + [
        "Mr∯ Smith ∯ ♨ ☝ &ᓴ& &ᓷ& ȸ \r1♨ 2♨ a∯m∯ P∯M∯ U∯S∯ ... . . . !!! ??? “quoted” (a) (iv) ‘x’ 'y'"
    ]
    guaranteed = 0
    for compiled in patterns:
        needed = needed_characters(compiled)
        guaranteed += bool(needed)
        for text in texts:
            if any(not any(c in text for c in characters) for characters in needed):
                assert compiled.search(text) is None, (compiled.pattern, text)
    assert guaranteed > 50
    # the reading of a pattern, on patterns with a known answer
    assert needed_characters(re.compile(r"(?<=Co)\.(?=\sKG)"))[0] == frozenset(".")
    assert needed_characters(re.compile(r"a|b")) == (frozenset("ab"),)
    for nothing in (r"(?i)ab", r"a*", r"a|b?", r"[^a]", r"\w+", r"(?!x)y?", r"(a?)\1"):
        assert needed_characters(re.compile(nothing)) == (), nothing
