"""``FragmentFinder`` picks the fragment and highlights Tantivy's own ``SnippetGenerator`` picks.

The reference is Tantivy itself: a real index on ``tmp_path`` with the text fields' analyzer, the
generator made from the same query, on crafted edge cases and on seeded random texts (inflected
words, punctuation, underscores, digits, words the analyzer drops for their length).
"""

from __future__ import annotations

import random

import pytest
import tantivy

from archive.textindex.fragments import FragmentFinder, f32
from archive.textindex.model import SNIPPET_CHARS
from archive.textindex.snippets import byte_ranges_to_chars
from archive.textindex.tantivy import ANALYZER, MAX_TOKEN_CHARS, _analyzer, _stem

WORDS = (
    "budget budgets budgeted budgeting sky skies dying die lying early generously relational "
    "conditional happy happiness council councils councillor the a an i tram trams tramway water "
    "watering supply supplies supplied 2021 2021s x9 proceed proceeding news bias andes y yes ebbing"
).split()
SEPARATORS = [" ", " ", " ", ", ", ". ", "\n", " - ", "_", "'", " (", ") ", "; ", "  "]
SEPARATORS += ["’", " “", "” ", " — ", "–"]  # outside ASCII, but never inside a word


@pytest.fixture(scope="module")
def searcher(tmp_path_factory):
    """An index whose texts give every query word a document frequency (so each has a score)."""
    builder = tantivy.SchemaBuilder()
    builder.add_text_field("text", stored=True, tokenizer_name=ANALYZER)
    schema = builder.build()
    index = tantivy.Index(schema, str(tmp_path_factory.mktemp("fragments")))
    index.register_tokenizer(ANALYZER, _analyzer())
    writer = index.writer(15_000_000, 1)
    rng = random.Random(5)
    for i in range(40):
        writer.add_document(tantivy.Document(text=" ".join(rng.choices(WORDS, k=5 + i))))
    writer.commit()
    writer.wait_merging_threads()
    index.reload()
    return schema, index.searcher()


def compare(schema, searcher, words: list[str], texts: list[str]) -> None:
    tokens = [token for word in words for token in _analyzer().analyze(word)]
    query = tantivy.Query.boolean_query(
        [(tantivy.Occur.Should, tantivy.Query.term_query(schema, "text", token)) for token in tokens]
    )
    generator = tantivy.SnippetGenerator.create(searcher, query, schema, "text")
    generator.set_max_num_chars(SNIPPET_CHARS)
    scores = {}
    for token in set(tokens):
        held = searcher.doc_freq("text", token)
        if held:
            scores[token] = f32(1.0 / (1.0 + held))
    finder = FragmentFinder(scores, _stem, SNIPPET_CHARS, MAX_TOKEN_CHARS)
    for text in texts:
        snippet = generator.snippet_from_doc(tantivy.Document(text=text))
        fragment, ranges = snippet.fragment(), [(part.start, part.end) for part in snippet.highlighted()]
        expected = (fragment, byte_ranges_to_chars(fragment, ranges))  # Tantivy counts UTF-8 bytes
        assert finder.best(text) == expected, (words, text)


def test_inflected_words_match_their_stems_like_tantivy(searcher):
    schema, found = searcher
    compare(
        schema,
        found,
        ["sky", "budget", "die"],
        [
            "Skies were clear; the sky is blue and the budgets were dying.",
            "Nothing here at all.",
            "",
            "   ...budget_line budgeted (BUDGETING) sky-high",
        ],
    )


def test_the_earliest_of_equally_scored_fragments_wins(searcher):
    schema, found = searcher
    filler = "lorem ipsum dolor " * 12
    compare(schema, found, ["tram"], [f"tram {filler} tram {filler} trams {filler}"])


def test_fragment_breaks_at_the_limit_and_around_dropped_long_words(searcher):
    schema, found = searcher
    long_word = "x" * MAX_TOKEN_CHARS
    texts = []
    for pad in range(0, 12):
        head = "a" * pad + " " + "word " * 38
        texts.append(f"{head}{long_word} budget council {long_word}x budget")
        texts.append(f"{head}budget{' ' * pad}council")
        texts.append(f"{'b' * (MAX_TOKEN_CHARS - 1)} {head}budget")
    compare(schema, found, ["budget", "council"], texts)


def test_text_with_letters_outside_ascii_is_left_to_tantivy():
    finder = FragmentFinder({"budget": 0.5}, _stem, SNIPPET_CHARS, MAX_TOKEN_CHARS)
    assert finder.best("Le budget de la ville – adopté") is None
    assert finder.best("½ budget") is None  # a number to Tantivy
    assert finder.best("Ⓐ budget") is None  # a letter to Tantivy
    assert finder.best("no match here") == ("", [])


def test_curly_quotes_and_dashes_keep_tantivys_byte_offsets(searcher):
    schema, found = searcher
    quoted = "“The council’s budget” — said the councillor – was “tram” money. " * 8
    compare(schema, found, ["budget", "tram"], [quoted, "’" * 150 + " budget " + "—" * 90 + " tram"])


@pytest.mark.parametrize("seed", range(6))
def test_random_texts_give_tantivys_snippet(searcher, seed):
    schema, found = searcher
    rng = random.Random(seed)
    texts = []
    for _ in range(60):
        parts = []
        for _ in range(rng.randint(0, 300)):
            word = rng.choice(WORDS)
            if rng.random() < 0.02:
                word = "q" * rng.randint(MAX_TOKEN_CHARS - 2, MAX_TOKEN_CHARS + 2)
            parts.append(word.upper() if rng.random() < 0.1 else word)
            parts.append(rng.choice(SEPARATORS))
        texts.append("".join(parts))
    for size in (1, 2, 3):
        compare(schema, found, rng.sample(WORDS, size), texts)
