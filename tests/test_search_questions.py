"""Question search: markup-free text, reading a question (words, names, dates, intent), ranking, grouping
by document, and decisions' standing on a date — on both engines, with real indexes in tmp dirs."""

from __future__ import annotations

import datetime as dt

import pytest
from rdflib import Graph, Literal, URIRef

from archive.indexing import document_records
from archive.standing import Events, standing_as_of
from archive.textindex import ENGINES, IndexRecord, SearchRequest, open_index
from archive.textindex.clean import readable
from archive.textindex.understand import Meaning, build_gazetteer, plan
from archive.textindex.userquery import parse
from archive.triples import TripleSet
from ingest.provenance import PassageBuilder
from ontology import PREC, IriMinter

ID = "https://archive.example.org/id/"
TODAY = dt.date(2026, 1, 15)


def _record(
    iri: str, kind: str, title: str, text: str, document: str | None, date: str | None = None, **facets
):
    return IndexRecord(f"{ID}{iri}", kind, title, text, date, document, None, facets)


RECORDS = [
    # The tribunal's own record of its decision does not say "decide", "what" or "about".
    _record(
        "record/d6",
        "record",
        "Fifth conference of the tribunal of arbitration",
        "Arbitrators declare that indirect claims are not a subject for computation of damages.",
        "VOL/d6",
        "1872-06-19",
        actor=["Frederic Sclopis"],
    ),
    _record(
        "decision/d6-1",
        "decision",
        "Indirect claims excluded",
        "The tribunal of arbitration declares the indirect claims excluded from the award.",
        "VOL/d6",
        "1872-06-19",
    ),
    _record(
        "meeting/d6",
        "meeting",
        "Fifth conference",
        "The tribunal of arbitration met at Geneva.",
        "VOL/d6",
        "1872-06-19",
    ),
    # A letter holding every word of the question, but not the tribunal's decision.
    _record(
        "record/d1",
        "record",
        "Mr. Davis to Mr. Fish",
        "What did the tribunal decide about the claims? We wait for the arbitration on the indirect claims.",
        "VOL/d1",
        "1872-06-10",
        actor=["Hamilton Fish"],
    ),
    _record(
        "decision/fish-1",
        "decision",
        "Cod catch cut",
        "The Board cuts the cod catch to 35,000 tonnes.",
        "AFA-2016",
        "2016-02-16",
        topic=["Fisheries"],
    ),
    _record(
        "decision/fish-2",
        "decision",
        "Cod catch set",
        "The Board sets the cod catch at 42,000 tonnes.",
        "AFA-2014",
        "2014-02-18",
        topic=["Fisheries"],
    ),
    _record(
        "person/lansing",
        "person",
        "Robert Lansing",
        "Robert Lansing\nSecretary of State",
        None,
        actor=["Robert Lansing"],
    ),
    _record(
        "record/telegram",
        "record",
        "The Secretary of State to the Ambassador",
        "Mr. Lansing asks the Ambassador for the instructions on the conference.",
        "P/d9",
        "1918-12-02",
        actor=["Robert Lansing"],
    ),
    _record(
        "record/october",
        "record",
        "Minutes of the committee",
        "The committee discussed the conference and its instructions at length.",
        "FOMC-2008-10",
        "2008-10-29",
    ),
    _record(
        "record/march",
        "record",
        "Minutes of the committee",
        "The committee discussed the conference and its instructions.",
        "FOMC-2008-03",
        "2008-03-18",
    ),
]


@pytest.fixture(params=ENGINES, scope="module")
def index(request, tmp_path_factory):
    built = open_index(request.param, tmp_path_factory.mktemp(request.param))
    built.upsert(RECORDS)
    yield built
    built.close()


def documents(result) -> list[str]:
    return [hit.document or hit.iri for hit in result.hits]


# --- text as people read it -----------------------------------------------------------------


def test_markdown_front_matter_and_heading_marks_are_removed():
    text = "---\nidentifier: X-1\ntitle: A meeting\n---\n\n# A meeting\n\n"
    text += "### Decision\nThe **Board** sets the catch."
    assert readable(text) == "A meeting\n\nDecision\nThe Board sets the catch."


def test_council_json_becomes_its_words_and_escapes_are_decoded():
    source = '{"title": "2nd Meeting", "url": "https://x.example/a", "items": {"1": {"title": "Consent",'
    source += ' "number": "1", "content": [{"string": "That it\\u00a0BE NOTED.\\nDone",'
    source += ' "__class__": "Paragraph"}]}}}'
    text = readable(source)
    assert text == "2nd Meeting\nConsent\nThat it BE NOTED.\nDone"
    assert readable("Moved by\\u00a0S. Trosow\\nSeconded") == "Moved by S. Trosow\nSeconded"


def test_the_record_index_text_is_the_whole_text_not_only_cited_passages():
    graph = Graph()
    minter = IriMinter("https://archive.example.org/id/")
    whole = "---\ntitle: T\n---\n### Discussion\nTightening was discussed at length.\n\nThe committee voted."
    builder = PassageBuilder(graph, minter, "DOC-1", whole)
    record = builder.record_iri
    graph.add((record, URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), PREC.Record))
    builder.add(whole.index("The committee"), len(whole))  # the only passage a fact cites
    assert (record, PREC.fullText, Literal(whole)) in graph
    [indexed] = [r for r in document_records(TripleSet([graph]), "DOC-1") if r.kind == "record"]
    assert "Tightening was discussed" in indexed.text
    assert "###" not in indexed.text and "title:" not in indexed.text


# --- reading a question ------------------------------------------------------------------------


def _analyze(text: str) -> list[str]:
    return [w.lower() for w in text.replace("?", " ").replace(",", " ").split()]


def test_dates_in_a_question_become_a_window_and_are_explained():
    read = plan(
        parse("Who dissented in October 2008?", _analyze),
        "Who dissented in October 2008?",
        _analyze,
        None,
        TODAY,
    )
    assert (read.date_lo, read.date_hi) == (20081001, 20081031)
    assert "October 2008 → 2008-10-01..2008-10-31" in [str(e) for e in read.explanation]
    # A question may still match the date's words (a record often names the day it reports) …
    assert [c.display() for c in read.query.clauses] == ["dissented", "October", "2008"]
    # … keywords do not need them in the text: the window does that work.
    keywords = plan(parse("dissent October 2008", _analyze), "dissent October 2008", _analyze, None, TODAY)
    assert [c.display() for c in keywords.query.clauses] == ["dissent"]
    assert (keywords.date_lo, keywords.date_hi) == (20081001, 20081031)
    last = plan(parse("decisions last year", _analyze), "decisions last year", _analyze, None, TODAY)
    assert (last.date_lo, last.date_hi) == (20250101, 20251231)


def test_question_words_are_dropped_for_matching_and_intent_is_read():
    text = "What did the tribunal decide about the indirect claims?"
    read = plan(parse(text, _analyze), text, _analyze, None, TODAY)
    assert read.ranked
    words = [c.display() for c in read.query.clauses]
    assert words == ["tribunal", "decide", "indirect", "claims"]
    assert read.prefer == ("decision",)
    assert ("tribunal", "decide") in read.pairs


def test_names_from_the_archive_and_topic_synonyms_are_recognised():
    gazetteer = build_gazetteer(
        _analyze,
        {
            "actor": ["Robert Lansing"],
            "topic": ["Fisheries"],
            "organisation": ["Federal Open Market Committee"],
        },
        {"Fisheries": ["fishing", "fish stocks"]},
    )
    text = "What did Lansing say to the Federal Open Market Committee about fishing?"
    read = plan(parse(text, _analyze), text, _analyze, gazetteer, TODAY)
    meanings = {(p.field, p.text) for c in read.query.clauses for p in c.alternatives if p.field}
    assert meanings == {
        ("actor", "Robert Lansing"),
        ("organisation", "Federal Open Market Committee"),
        ("topic", "Fisheries"),
    }
    explained = [str(e) for e in read.explanation]
    assert "Lansing → person Robert Lansing" in explained
    assert "fishing → topic Fisheries" in explained
    # A surname only names a person when typed as a name.
    lower = plan(parse("lansing", _analyze), "lansing", _analyze, gazetteer, TODAY)
    assert not any(p.field for c in lower.query.clauses for p in c.alternatives)
    assert gazetteer.lookup(("fisheries",), False) == [Meaning("topic", "Fisheries")]


# --- ranking and grouping, both engines ---------------------------------------------------------


def test_a_question_finds_the_decision_though_not_every_word_matches(index):
    result = index.search(
        SearchRequest(
            text="What did the tribunal of arbitration decide about the indirect claims?", group=True
        )
    )
    assert documents(result)[0] == "VOL/d6"
    assert "VOL/d1" in documents(result)  # the letter holding every word is still found, below
    assert any("question words" in e for e in result.explanation)


def test_one_document_takes_one_place_with_more_of_it_underneath(index):
    result = index.search(
        SearchRequest(
            text="What did the tribunal of arbitration decide about the indirect claims?", group=True
        )
    )
    assert len(documents(result)) == len(set(documents(result)))
    top = result.hits[0]
    assert top.kind == "decision"  # "decide" prefers the decision over its record and meeting
    assert {hit.kind for hit in top.also} | {top.kind} >= {"decision", "record"}
    assert len(top.also) + top.more == 2
    assert result.grouped
    only = index.search(SearchRequest(text="tribunal arbitration", document="VOL/d6", per_page=10))
    assert {hit.document for hit in only.hits} == {"VOL/d6"} and only.total == 3


def test_a_topic_word_finds_decisions_tagged_with_the_topic(index):
    result = index.search(SearchRequest(text="fisheries", group=True))
    assert {"AFA-2016", "AFA-2014"} <= set(documents(result))
    assert "fisheries → topic Fisheries" in result.explanation


def test_a_surname_finds_what_the_person_wrote_not_their_row(index):
    result = index.search(SearchRequest(text="What did Lansing ask about the instructions?", group=True))
    assert "Lansing → person Robert Lansing" in result.explanation
    assert documents(result)[0] == "P/d9"
    assert all(hit.kind in ("decision", "meeting", "record") for hit in result.hits)
    assert index.search(SearchRequest(text="Lansing")).hits[0].kind == "person"  # a name alone: the person


def test_the_date_window_is_soft_and_ranks_inside_first(index):
    result = index.search(SearchRequest(text="What did the committee discuss in March 2008?", group=True))
    assert documents(result)[:2] == ["FOMC-2008-03", "FOMC-2008-10"]


def test_plain_bm25_is_available_as_the_baseline(index):
    result = index.search(SearchRequest(text="What did the tribunal decide?", plain=True, per_page=20))
    assert not result.explanation and not result.grouped
    assert documents(result)[0] == "VOL/d1"  # the letter repeats the question's words


def test_keywords_keep_needing_every_word(index):
    result = index.search(SearchRequest(text="cod catch", per_page=20))
    assert {hit.iri for hit in result.hits} == {f"{ID}decision/fish-1", f"{ID}decision/fish-2"}
    assert not result.relaxed


# --- standing on a date -------------------------------------------------------------------------


def test_standing_as_of_follows_dates_and_events():
    events = Events(decided="2014-02-18", days={"superseded": ["2016-02-16"], "amended": ["2015-01-01"]})
    assert standing_as_of("2014-02-18", events, "2014-01-01") == "pending"
    assert standing_as_of("2014-02-18", events, "2014-06-01") == "in force"
    assert standing_as_of("2014-02-18", events, "2015-06-01") == "amended"
    assert standing_as_of("2014-02-18", events, dt.date(2017, 1, 1)) == "superseded"
    assert standing_as_of("2014-02-18", Events(days={"lapsed": ["2015-12-31"]}), "2016-01-01") == "lapsed"
    assert standing_as_of(None, None, "2016-01-01") == "pending"


def test_search_filters_and_counts_decisions_by_standing_on_a_date(index):
    events = {f"{ID}decision/fish-2": Events(decided="2014-02-18", days={"superseded": ["2016-02-16"]})}

    def ask(as_of: str, standing: tuple[str, ...] = ()):
        return index.search(
            SearchRequest(text="cod", as_of=as_of, standing=standing, standing_events=events, per_page=20)
        )

    before = ask("2017-01-01")
    assert dict(before.standing) == {"in force": 1, "superseded": 1}
    assert {h.iri: h.standing for h in before.hits} == {
        f"{ID}decision/fish-1": "in force",
        f"{ID}decision/fish-2": "superseded",
    }
    assert [h.iri for h in ask("2017-01-01", ("in force",)).hits] == [f"{ID}decision/fish-1"]
    assert [h.iri for h in ask("2015-01-01", ("in force",)).hits] == [f"{ID}decision/fish-2"]
    assert [h.iri for h in ask("2015-01-01", ("pending",)).hits] == [f"{ID}decision/fish-1"]
    assert ask("2015-01-01").as_of == "2015-01-01"
