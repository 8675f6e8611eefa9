"""The text index: one suite, run against both engines (Tantivy and Whoosh), over ~200 realistic records.

Expected answers are computed here from the records themselves, so each assertion checks the
engine against an independent reading of the data, and the last tests check that both engines
return the same records for the same requests.
"""

from __future__ import annotations

import html
import re
import stat
import unicodedata
from collections import Counter
from pathlib import Path

import pytest

from archive.textindex import (
    ENGINES,
    FACETS,
    IndexRecord,
    SearchRequest,
    TextIndexError,
    open_index,
)
from archive.textindex.model import FACET_TOP, checked_record, date_key

TOPICS = {
    "Housing": "tenancy dwellings",
    "Transport": "tramway ferry",
    "Water": "reservoir drainage",
    "Education": "schooling curriculum",
    "Health": "clinic vaccination",
    "Budget": "appropriation deficit",
    "Trade": "tariff export",
    "Energy": "turbine grid",
}
PEOPLE = [
    "José Álvarez",
    "Zoë Brontë",
    "Ingrid Müller",
    "Amara Okafor",
    "Chen Wei",
    "Liam O'Connor",
    "Fatima Haddad",
    "Søren Lund",
]
ORGS = ["City Council", "Harbour Board", "Ministry of Finance", "Transport Committee", "Regional Assembly"]
ADMINS = ["Rivera administration", "Okafor administration", "Chen administration"]
DOC_TYPES = ["minutes", "memorandum", "telegram"]
OUTCOMES = ["pending", "met", "partially-met", "not-met"]
HTML_IRI = "https://archive.example.org/id/decision/html-bait"


def _decision(i: int) -> IndexRecord:
    topics = list(TOPICS)
    first = topics[i % 8]
    chosen = [first] + ([topics[(i * 3 + 1) % 8]] if i % 3 == 0 and topics[(i * 3 + 1) % 8] != first else [])
    actors = [PEOPLE[i % 8]] + ([PEOPLE[(i + 3) % 8]] if i % 4 == 0 else [])
    org = ORGS[i % 5]
    year = 2010 + i % 11
    date = None if i % 17 == 0 else f"{year}-{1 + i % 12:02d}-{1 + i % 28:02d}"
    keywords = " and ".join(TOPICS[t] for t in chosen)
    text = f"The {org} resolved on {keywords} measures after debate led by {actors[0]}. Item {i}."
    if i % 40 == 5:
        text += " It adopted the water supply reform in full."
    if i % 40 == 25:
        text += " It postponed any reform of the water supply."
    facets = {
        "topic": chosen,
        "actor": actors,
        "organisation": [org],
        "administration": [ADMINS[(year - 2010) // 4]] if date else [],
        "document_type": [DOC_TYPES[i % 3]],
        "outcome_status": [OUTCOMES[i % 4]],
    }
    return IndexRecord(
        iri=f"https://archive.example.org/id/decision/d{i:03d}",
        kind="decision",
        title=f"{first} decision {i}",
        text=text,
        date=date,
        document=f"MIN-{i // 4:02d}",
        body=org,
        facets=facets,
    )


def _meeting(i: int) -> IndexRecord:
    org = ORGS[i % 5]
    date = f"{2010 + i % 11}-{1 + i % 12:02d}-15"
    present = ", ".join(PEOPLE[(i + k) % 8] for k in range(3))
    return IndexRecord(
        iri=f"https://archive.example.org/id/meeting/m{i:03d}",
        kind="meeting",
        title=f"Meeting of the {org} on {date}",
        text=f"Present: {present}. The chair opened the session.",
        date=date,
        document=f"MTG-{i:02d}",
        body=org,
        facets={"organisation": [org], "actor": [PEOPLE[(i + k) % 8] for k in range(3)]},
    )


def _person(i: int) -> IndexRecord:
    name = PEOPLE[i % 8] if i < 8 else f"Clerk Number{i}"
    return IndexRecord(
        iri=f"https://archive.example.org/id/person/p{i:03d}",
        kind="person",
        title=name,
        text=f"{name} served on the {ORGS[i % 5]}.",
        facets={"organisation": [ORGS[i % 5]]},
    )


def build_records() -> list[IndexRecord]:
    records = [_decision(i) for i in range(120)]
    records += [_meeting(i) for i in range(50)]
    records += [_person(i) for i in range(30)]
    records.append(
        IndexRecord(
            iri=HTML_IRI,
            kind="decision",
            title="Decision with markup",
            text="Budget <b>bold</b> & <script>alert('x')</script> text about the reservoir levels.",
            date="2015-06-01",
            document="MIN-HTML",
            body="City Council",
            facets={"topic": ["Water"]},
        )
    )
    return records


RECORDS = build_records()


def fill(index, records: list[IndexRecord]) -> None:
    by_document: dict[str | None, list[IndexRecord]] = {}
    for record in records:
        by_document.setdefault(record.document, []).append(record)
    for document, members in by_document.items():
        if document is None:
            index.upsert(members)
        else:
            index.replace_document(document, members)


@pytest.fixture(scope="module", params=ENGINES)
def shared_index(request, tmp_path_factory):
    """A read-only index over RECORDS, built once per engine for the query tests."""
    index = open_index(request.param, tmp_path_factory.mktemp(request.param) / "index")
    fill(index, RECORDS)
    yield index
    index.close()


@pytest.fixture(params=ENGINES)
def fresh_index(request, tmp_path):
    """A private index per test, for tests that write."""
    index = open_index(request.param, tmp_path / "index")
    index.upsert(RECORDS)  # one commit: the per-document path is exercised by shared_index
    yield index
    index.close()


# --- helpers: an independent reading of the records ------------------------------------------


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.replace("ø", "o").replace("Ø", "O"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


def words_of(record: IndexRecord) -> list[str]:
    return re.findall(r"[^\W_]+", fold(" ".join([record.title, record.text, record.body or ""])))


def having(*words: str) -> set[str]:
    return {r.iri for r in RECORDS if all(w in words_of(r) for w in words)}


def having_phrase(phrase: str) -> set[str]:
    wanted = phrase.split()
    found = set()
    for record in RECORDS:
        for field in (record.title, record.text, record.body or ""):
            tokens = re.findall(r"[^\W_]+", fold(field))
            if any(tokens[k : k + len(wanted)] == wanted for k in range(len(tokens))):
                found.add(record.iri)
    return found


def all_iris(index, **request) -> list[str]:
    """Every hit of a request, walking the pages."""
    found: list[str] = []
    page = 1
    while True:
        result = index.search(SearchRequest(per_page=100, page=page, **request))
        found += [hit.iri for hit in result.hits]
        if len(found) >= result.total or not result.hits:
            assert len(found) == result.total
            return found
        page += 1


def expected_facets(iris: set[str]) -> dict[str, list[tuple[str, int]]]:
    chosen = [r for r in RECORDS if r.iri in iris]
    out = {}
    for name in FACETS:
        counts: Counter[str] = Counter()
        for record in chosen:
            values = record.facets.get(name) or ([record.date[:4]] if name == "year" and record.date else [])
            counts.update(values)
        out[name] = sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:20]
    return out


# --- words, phrases, folding -------------------------------------------------------------------


def test_one_term_finds_exactly_the_records_holding_it(shared_index):
    assert set(all_iris(shared_index, text="reservoir")) == having("reservoir") != set()


def test_two_terms_must_both_match(shared_index):
    expected = having("tariff", "schooling")
    assert expected and expected < having("tariff")
    result = shared_index.search(SearchRequest(text="tariff schooling", per_page=100))
    assert {hit.iri for hit in result.hits} == expected
    assert not result.relaxed


def test_quoted_phrase_needs_the_words_in_order(shared_index):
    phrase = having_phrase("water supply reform")
    loose = having("water", "supply", "reform")
    assert phrase and phrase < loose
    assert set(all_iris(shared_index, text='"water supply reform"')) == phrase
    assert set(all_iris(shared_index, text="water supply reform")) == loose


def test_case_and_accents_are_folded(shared_index):
    accented = set(all_iris(shared_index, text="José Álvarez"))
    assert accented == having("jose", "alvarez") != set()
    assert set(all_iris(shared_index, text="JOSE alvarez")) == accented
    assert set(all_iris(shared_index, text="zoe bronte")) == set(all_iris(shared_index, text="Zoë Brontë"))


def test_english_stemming_matches_plural_and_singular(shared_index):
    assert set(all_iris(shared_index, text="reservoirs")) == having("reservoir")
    assert set(all_iris(shared_index, text="vaccinations")) == having("vaccination")


def test_title_words_rank_above_text_words(shared_index):
    result = shared_index.search(SearchRequest(text="housing"))
    assert result.hits[0].title.startswith("Housing decision")


@pytest.mark.parametrize(
    "typed, same_as",
    [
        ("*reservoir*", "reservoir"),
        ("kind:decision", '"kind decision"'),
        ("title:reservoir", '"title reservoir"'),
        ('"unbalanced reservoir', "unbalanced reservoir"),
        ("reservoir AND (", "reservoir"),
        ("\\", ""),
        ("[2012 TO 2013]", "2012 TO 2013"),
        ("reservoir^10 ~2 {x} /re.*/", '"reservoir 10" 2 x re'),
        ("", ""),
    ],
)
def test_special_characters_never_error_and_never_act_as_syntax(shared_index, typed, same_as):
    result = shared_index.search(SearchRequest(text=typed, per_page=100))
    plain = shared_index.search(SearchRequest(text=same_as, per_page=100))
    assert result.total == plain.total
    assert {hit.iri for hit in result.hits} == {hit.iri for hit in plain.hits}


def test_field_syntax_does_not_filter_by_kind(shared_index):
    decisions = sum(1 for r in RECORDS if r.kind == "decision")
    result = shared_index.search(SearchRequest(text="kind:decision"))
    assert result.total != decisions


def test_minus_and_or_are_built_in_code(shared_index):
    assert set(all_iris(shared_index, text="reservoir -drainage")) == having("reservoir") - having("drainage")
    assert set(all_iris(shared_index, text="tariff OR turbine")) == having("tariff") | having("turbine")


# --- filters, facets, dates, order, pages ---------------------------------------------------


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("tied", [True, False], ids=["ties-at-the-edge", "settled-by-the-probe"])
def test_facet_top_values_are_exact_with_hundreds_of_values(engine, tied, tmp_path):
    """More values than an engine first asks for (Tantivy probes the most frequent 100): the top
    values shown are still the highest counts, ties by value, whether or not ties straddle the cut."""
    counts = {f"Clerk {i:03d}": (1 if tied else 300 - i) % 7 + 1 for i in range(260)}
    records = []
    for name, n in counts.items():
        for k in range(n):
            records.append(
                IndexRecord(
                    iri=f"https://archive.example.org/id/decision/{name.replace(' ', '-')}-{k}",
                    kind="decision",
                    title=f"Levy minute {k}",
                    text="The levy was agreed.",
                    facets={"actor": [name]},
                )
            )
    index = open_index(engine, tmp_path / "index")
    try:
        index.upsert(records)
        result = index.search(SearchRequest(text="levy"))
    finally:
        index.close()
    expected = sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:FACET_TOP]
    assert result.total == len(records)
    assert result.facets["actor"] == expected


def test_browse_facet_counts_are_exact(shared_index):
    result = shared_index.search(SearchRequest())
    assert result.total == len(RECORDS)
    assert result.facets == expected_facets({r.iri for r in RECORDS})


def test_facet_counts_follow_text_and_kind(shared_index):
    result = shared_index.search(SearchRequest(text="reservoir", kinds=("decision",)))
    expected = {r.iri for r in RECORDS if r.kind == "decision"} & having("reservoir")
    assert result.total == len(expected)
    assert result.facets == expected_facets(expected)


def test_facets_and_across_facets_or_within_one(shared_index):
    filters = {"topic": ["Water", "Housing"], "actor": ["José Álvarez"]}
    expected = {
        r.iri
        for r in RECORDS
        if set(r.facets.get("topic", [])) & {"Water", "Housing"}
        and "José Álvarez" in r.facets.get("actor", [])
    }
    assert expected
    assert set(all_iris(shared_index, filters=filters)) == expected
    result = shared_index.search(SearchRequest(filters=filters))
    assert result.facets == expected_facets(expected)


def test_date_range_is_inclusive_and_drops_undated(shared_index):
    dates = sorted({r.date for r in RECORDS if r.date})
    low, high = dates[30], dates[90]
    expected = {r.iri for r in RECORDS if r.date and low <= r.date <= high}
    found = set(all_iris(shared_index, date_from=low, date_to=high))
    assert found == expected
    assert {r.iri for r in RECORDS if r.date in (low, high)} <= found
    years = dict(shared_index.search(SearchRequest(date_from="2012", date_to="2013")).facets["year"])
    assert set(years) == {"2012", "2013"}


def test_sort_by_date_newest_first_undated_last(shared_index):
    found = all_iris(shared_index, sort="date")
    expected = sorted(RECORDS, key=lambda r: (-date_key(r.date, where="test"), r.iri))
    assert found == [r.iri for r in expected]


def test_relevance_order_breaks_ties_by_date_then_iri(shared_index):
    result = shared_index.search(SearchRequest(text="tariff", per_page=100))
    keys = [(-hit.score, -date_key(hit.date, where="test"), hit.iri) for hit in result.hits]
    assert keys == sorted(keys)


def test_pages_cover_the_result_once_and_deep_pages_are_empty(shared_index):
    whole = all_iris(shared_index, text="decision", sort="date")
    pages = []
    for page in range(1, 20):
        result = shared_index.search(SearchRequest(text="decision", sort="date", page=page, per_page=7))
        assert result.total == len(whole)
        pages += [hit.iri for hit in result.hits]
    assert pages == whole
    deep = shared_index.search(SearchRequest(text="decision", page=500, per_page=10))
    assert deep.hits == [] and deep.total == len(whole)
    capped = shared_index.search(SearchRequest(per_page=5000))
    assert len(capped.hits) == 100 and capped.per_page == 100


def test_snippets_are_escaped_and_mark_the_matches(shared_index):
    result = shared_index.search(SearchRequest(text="reservoir", per_page=100))
    bait = next(hit for hit in result.hits if hit.iri == HTML_IRI)
    assert "&lt;b&gt;bold&lt;/b&gt;" in bait.snippet and "&lt;script&gt;" in bait.snippet
    assert "<mark>reservoir</mark>" in bait.snippet
    for hit in result.hits:
        assert "<mark>" in hit.snippet
        assert "<" not in hit.snippet.replace("<mark>", "").replace("</mark>", "")


def test_browse_snippet_is_the_start_of_the_text(shared_index):
    result = shared_index.search(SearchRequest(kinds=("person",), per_page=1))
    hit = result.hits[0]
    record = next(r for r in RECORDS if r.iri == hit.iri)
    assert hit.snippet == html.escape(record.text, quote=False)


def test_no_hit_for_all_words_falls_back_to_any_and_suggests(shared_index):
    result = shared_index.search(SearchRequest(text="reservoir quokkaword"))
    assert result.relaxed
    assert {hit.iri for hit in result.hits} <= having("reservoir")
    assert result.total == len(having("reservoir"))
    assert "reservoir" in result.suggestions


def test_nothing_matches_gives_no_hits_and_no_invented_suggestions(shared_index):
    result = shared_index.search(SearchRequest(text="quokkaword wombatword"))
    assert result.total == 0 and result.hits == [] and result.suggestions == []
    assert not result.relaxed


def test_suggestion_drops_the_word_that_breaks_the_query(shared_index):
    # "tariff turbine" matches some records; adding an unknown word must suggest the two known ones.
    assert having("tariff", "turbine")
    result = shared_index.search(SearchRequest(text="tariff turbine zzqx"))
    assert "tariff turbine" in result.suggestions


# --- writes ------------------------------------------------------------------------------------


def test_documents_lists_every_document(shared_index):
    assert shared_index.documents() == {r.document for r in RECORDS if r.document}
    assert shared_index.count() == len(RECORDS)


def test_replace_document_swaps_old_records_for_new(fresh_index):
    old = [r for r in RECORDS if r.document == "MIN-03"]
    assert len(old) == 4
    kept = IndexRecord(
        iri=old[0].iri, kind="decision", title="Revised narwhal decision", text="Narwhal protection."
    )
    added = IndexRecord(
        iri="https://archive.example.org/id/decision/new", kind="decision", title="New", text="Narwhal."
    )
    fresh_index.replace_document("MIN-03", [kept, added])
    assert fresh_index.count() == len(RECORDS) - 2
    assert set(all_iris(fresh_index, text="narwhal")) == {kept.iri, added.iri}
    gone = {r.iri for r in old[1:]}
    assert not gone & set(all_iris(fresh_index))
    assert set(all_iris(fresh_index, filters={"organisation": ["Harbour Board"]})).isdisjoint(gone)


def test_replace_document_with_a_bad_record_changes_nothing(fresh_index):
    before = all_iris(fresh_index, sort="date")
    good = IndexRecord(iri="https://archive.example.org/id/decision/x", kind="decision", title="x", text="y")
    bad = IndexRecord(iri="https://archive.example.org/id/decision/y", kind="bogus", title="x", text="y")
    with pytest.raises(TextIndexError, match="decision/y.*kind"):
        fresh_index.replace_document("MIN-03", [good, bad])
    with pytest.raises(TextIndexError, match="date"):
        fresh_index.replace_document(
            "MIN-03", [IndexRecord(iri="z", kind="decision", title="", date="2014-13-40")]
        )
    assert all_iris(fresh_index, sort="date") == before


def test_delete_document_and_delete_iris(fresh_index):
    fresh_index.delete_document("MIN-00")
    assert "MIN-00" not in fresh_index.documents()
    assert fresh_index.count() == len(RECORDS) - 4
    remaining = {r.iri for r in RECORDS if r.document != "MIN-00"}
    assert fresh_index.search(SearchRequest()).facets == expected_facets(remaining)
    person = "https://archive.example.org/id/person/p000"
    fresh_index.delete([person])
    assert person not in all_iris(fresh_index, kinds=("person",))
    fresh_index.upsert([IndexRecord(iri=person, kind="person", title="Returned person")])
    assert set(all_iris(fresh_index, text="returned")) == {person}
    fresh_index.clear()
    assert fresh_index.count() == 0 and fresh_index.documents() == set()
    again = next(r for r in RECORDS if r.kind == "decision" and r.date)
    fresh_index.replace_document(again.document, [again])
    result = fresh_index.search(SearchRequest())
    assert [hit.iri for hit in result.hits] == [again.iri]
    assert result.facets == expected_facets({again.iri})


def test_reopened_index_keeps_its_records(tmp_path):
    for engine in ENGINES:
        index = open_index(engine, tmp_path / engine)
        index.replace_document("MIN-00", [r for r in RECORDS if r.document == "MIN-00"])
        index.close()
        again = open_index(engine, tmp_path / engine)
        assert again.documents() == {"MIN-00"} and again.count() == 4
        again.close()


def test_index_directory_is_private_and_unknown_engine_refused(tmp_path):
    for engine in ENGINES:
        index = open_index(engine, tmp_path / engine)
        assert stat.S_IMODE((tmp_path / engine).stat().st_mode) == 0o700
        index.close()
    with pytest.raises(TextIndexError, match="elasticsearch"):
        open_index("elasticsearch", tmp_path / "x")


def test_bad_requests_are_refused_with_the_field_named(shared_index):
    with pytest.raises(TextIndexError, match="colour"):
        shared_index.search(SearchRequest(filters={"colour": ["red"]}))
    with pytest.raises(TextIndexError, match="date_from"):
        shared_index.search(SearchRequest(date_from="last tuesday"))
    with pytest.raises(TextIndexError, match="sort"):
        shared_index.search(SearchRequest(sort="random"))
    with pytest.raises(TextIndexError, match="page"):
        shared_index.search(SearchRequest(page="two"))
    with pytest.raises(TextIndexError, match="kind 'memo'"):
        shared_index.search(SearchRequest(kinds=("decision", "memo")))
    assert shared_index.search(SearchRequest(kinds="person")).total == sum(
        r.kind == "person" for r in RECORDS
    )


# --- both engines agree ------------------------------------------------------------------------


AGREEMENT_REQUESTS = [
    {"text": "reservoir"},
    {"text": "tariff schooling"},
    {"text": '"water supply reform"'},
    {"text": "José"},
    {"text": "council -harbour", "kinds": ("meeting",)},
    {"text": "decision", "filters": {"topic": ["Energy", "Trade"]}, "date_from": "2013"},
    {"filters": {"outcome_status": ["met"]}, "sort": "date"},
    {"text": "reservoir quokkaword"},
    {"text": "kind:decision"},
]


@pytest.fixture(scope="module")
def both_engines(tmp_path_factory):
    indexes = {}
    for engine in ENGINES:
        indexes[engine] = open_index(engine, tmp_path_factory.mktemp("agree") / engine)
        indexes[engine].upsert(RECORDS)
    yield indexes
    for index in indexes.values():
        index.close()


@pytest.mark.parametrize("request_fields", AGREEMENT_REQUESTS, ids=lambda r: repr(r)[:40])
def test_both_engines_return_the_same_records(both_engines, request_fields):
    answers = {}
    for engine, index in both_engines.items():
        result = index.search(SearchRequest(per_page=100, **request_fields))
        answers[engine] = (
            result.total,
            {hit.iri for hit in result.hits},
            result.facets,
            result.relaxed,
            result.suggestions,
        )
    assert answers["tantivy"] == answers["whoosh"]
    if request_fields.get("sort") == "date":
        orders = [
            [hit.iri for hit in index.search(SearchRequest(per_page=100, **request_fields)).hits]
            for index in both_engines.values()
        ]
        assert orders[0] == orders[1]


def test_both_analyzers_reduce_words_alike(both_engines):
    sample = (
        "Décisions ministries running ran agreed agreement Ångström naïve U.S. 1919-05-03 "
        "O'Connor's co-operation tariffs generously Straße Øresund Æsir œuvre Łódź Þór ﬁnance"
    )
    assert both_engines["tantivy"].analyze(sample) == both_engines["whoosh"].analyze(sample)


def test_real_minutes_words_are_searchable(tmp_path):
    data = Path(__file__).resolve().parents[2] / "shared" / "data"
    if not data.is_dir():
        pytest.skip(f"real test data not found at {data}")
    sample = next(iter(sorted(data.rglob("*.txt"))), None)
    if sample is None:
        pytest.skip(f"no plain-text minutes under {data}")
    text = sample.read_text(encoding="utf-8", errors="replace")[:20000]
    record = IndexRecord(
        iri="https://archive.example.org/id/record/real", kind="record", title=sample.name, text=text
    )
    for engine in ENGINES:
        index = open_index(engine, tmp_path / engine)
        index.upsert([record])
        word = max(re.findall(r"[A-Za-z]{6,}", text), key=len, default="committee")
        result = index.search(SearchRequest(text=word))
        assert [hit.iri for hit in result.hits] == [record.iri]
        assert "<mark>" in result.hits[0].snippet
        index.close()


@pytest.mark.parametrize("engine", ENGINES)
def test_a_second_handle_reads_what_the_writer_committed(tmp_path, engine):
    writer = open_index(engine, tmp_path / "index")
    reader = open_index(engine, tmp_path / "index")
    assert reader.search(SearchRequest(text="narwhal")).total == 0
    writer.upsert(
        [IndexRecord(iri="https://archive.example.org/id/person/n", kind="person", title="Narwhal")]
    )
    assert [hit.iri for hit in reader.search(SearchRequest(text="narwhal")).hits] == [
        "https://archive.example.org/id/person/n"
    ]
    writer.close()
    reader.close()


@pytest.mark.parametrize("engine", ENGINES)
def test_two_handles_write_one_after_the_other(tmp_path, engine):
    first = open_index(engine, tmp_path / "index")
    second = open_index(engine, tmp_path / "index")
    first.upsert([IndexRecord(iri="a", kind="person", title="A")])
    second.upsert([IndexRecord(iri="b", kind="person", title="B")])
    first.upsert([IndexRecord(iri="c", kind="person", title="C")])
    assert first.count() == second.count() == 3
    first.close()
    second.close()


def test_tantivy_bulk_holds_the_writer_lock_until_it_ends(tmp_path):
    first = open_index("tantivy", tmp_path / "index")
    second = open_index("tantivy", tmp_path / "index")
    with first.bulk():
        first.upsert([IndexRecord(iri="a", kind="person", title="A")])
        first.replace_document("D1", [IndexRecord(iri="d", kind="decision", title="D")])
        with pytest.raises(TextIndexError, match="another writer"):
            second.upsert([IndexRecord(iri="b", kind="person", title="B")])
    second.upsert([IndexRecord(iri="b", kind="person", title="B")])
    assert second.count() == 3 and second.documents() == {"D1"}
    first.close()
    second.close()


def test_user_text_parses_into_clauses_and_exclusions():
    from archive.textindex.userquery import parse

    def analyze(text: str) -> list[str]:
        return re.findall(r"[^\W_]+", text.lower())

    query = parse('tariff OR turbine -"water supply" NOT drainage AND title:x "unbalanced (', analyze)
    assert [[p.tokens for p in c.alternatives] for c in query.clauses] == [
        [("tariff",), ("turbine",)],
        [("title", "x")],
        [("unbalanced",)],
    ]
    assert [p.tokens for p in query.excluded] == [("water", "supply"), ("drainage",)]
    assert query.display() == 'tariff OR turbine title:x unbalanced -"water supply" -drainage'
    assert parse("*** ( ) \\ AND OR", analyze).is_empty


def test_a_record_given_to_several_indexes_is_made_once_and_never_taken_for_another(tmp_path: Path) -> None:
    """``write_batch(shared=)``: what an engine made of a record serves the other levels' indexes given
    the same record object, and only that object, even where another record had the same ``id``."""
    shared: dict[int, object] = {}
    records = [checked_record(_decision(i)) for i in range(6)]  # as the writer gives them: checked once
    indexes = [open_index("tantivy", tmp_path / level) for level in ("public", "internal")]
    for index in indexes:
        index.write_batch([], [], records, checked=True, shared=shared)
    assert len(shared) == len(records)  # made once, for both indexes
    # a record whose ``id`` is already a key, for a record it is not (as when a freed record's id is reused)
    impostor = _decision(1)
    impostor.iri, impostor.title = "https://archive.example.org/id/decision/impostor", "Impostor"
    impostor = checked_record(impostor)
    shared[id(impostor)] = shared.pop(id(records[0]))
    third = open_index("tantivy", tmp_path / "restricted")
    third.write_batch([], [], [impostor], checked=True, shared=shared)
    found = third.search(SearchRequest(text="Impostor"))
    assert [hit.iri for hit in found.hits] == [impostor.iri]
    for index in indexes:
        assert index.count() == len(records)
        assert {hit.iri for hit in index.search(SearchRequest(text="resolved", per_page=20)).hits} == {
            r.iri for r in records
        }
    for index in [*indexes, third]:
        index.close()
