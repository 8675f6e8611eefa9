"""The archive's core: atomic replace, idempotent re-ingest, search, describe, remove, reindex, check."""

from __future__ import annotations

import pytest
from rdflib import RDFS, Literal, URIRef

from archive import Archive, ArchiveError
from archive.indexing import glossary_labels
from archive.summaries import is_summary_graph
from archive.textindex import SearchRequest
from ontology import GLOSSARY, PREC
from tests import archive_fixtures as fixtures
from tests.archive_fixtures import (
    DecisionSpec,
    DocumentSpec,
    decision_iri,
    make_config,
    make_document,
    simple_document,
)

archive = fixtures.archive
engine = fixtures.engine

DECISION_LABELS = """
PREFIX prec: <https://w3id.org/precedent/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?label WHERE { ?d a prec:Decision ; rdfs:label ?label } ORDER BY ?label
"""


def labels(archive: Archive, level: str = "public") -> list[str]:
    return [str(row[0]) for row in archive.view(level).query(DECISION_LABELS).rows]


def test_put_stores_document_and_same_hash_again_is_unchanged(archive):
    document = simple_document("MIN-2020-01")
    with archive.writer("editor") as writer:
        first = writer.put(document)
        second = writer.put(simple_document("MIN-2020-01"))
    assert first.status == "stored" and second.status == "unchanged"
    assert first.triples == len(document.graph) and first.decisions == 1
    row = archive.ledger.document("MIN-2020-01")
    assert row.status == "stored" and row.user == "editor" and row.sha256 == document.content_hash
    assert row.reader == "test-builder" and row.source_path == "/minutes/MIN-2020-01.md"
    original = archive.config.data_dir / "originals" / row.original_hash[:2] / row.original_hash
    assert original.read_bytes() == document.original
    assert labels(archive) == ["Extend the tram line"]


def test_changed_content_replaces_the_graph_and_old_triples_are_gone(archive):
    with archive.writer("editor") as writer:
        writer.put(simple_document("MIN-2020-01", label="Extend the tram line"))
        result = writer.put(
            simple_document("MIN-2020-01", label="Close the bus depot", text="The depot closes in May.")
        )
    assert result.status == "stored"
    assert labels(archive) == ["Close the bus depot"]
    stored = archive.store("public").triples(archive.minter.graph("MIN-2020-01"))
    # what the document says about shared entities (its body…) is kept once, in their entity graphs
    described = archive.ledger.facts_of("MIN-2020-01")
    assert described
    assert len(stored) + sum(len(f.splitlines()) for f in described.values()) == result.triples
    assert not any(str(o) == "Extend the tram line" for _, _, o in stored)
    assert archive.view("public").search(SearchRequest(text="harbour", kinds=("decision",))).total == 0
    assert archive.view("public").search(SearchRequest(text="depot")).total >= 1


def test_search_finds_decisions_by_text_with_facets(archive):
    with archive.writer("editor") as writer:
        writer.put(simple_document("MIN-A", rationale="Ridership on route 7 doubled."))
        writer.put(
            make_document(
                DocumentSpec(
                    identifier="MIN-B",
                    body="Finance Committee",
                    date="2019-05-02",
                    decisions=[DecisionSpec("Raise the parking levy", "Levy rises 5%.", topic="budget")],
                )
            )
        )
    view = archive.view("public")
    result = view.search(SearchRequest(text="ridership", kinds=("decision",)))
    assert [h.title for h in result.hits] == ["Extend the tram line"]
    assert result.hits[0].document == "MIN-A" and result.hits[0].body == "Transport Committee"
    everything = view.search(SearchRequest(kinds=("decision",)))
    facets = {name: dict(values) for name, values in everything.facets.items()}
    assert facets["year"] == {"2020": 1, "2019": 1}
    assert facets["actor"]["Ana Rivera"] == 2
    topic = {str(GLOSSARY[slug]): slug for slug in ("transport", "budget")}
    expected = {glossary_labels().get(iri, slug): 1 for iri, slug in topic.items()}
    assert facets["topic"] == expected
    persons = view.search(SearchRequest(text="Okafor", kinds=("person",)))
    assert [h.title for h in persons.hits] == ["Ben Okafor"]


def test_describe_gives_triples_and_labels_of_linked_things(archive):
    with archive.writer("editor") as writer:
        writer.put(simple_document("MIN-A"))
    graph = archive.view("public").describe(str(decision_iri("MIN-A")))
    decision = decision_iri("MIN-A")
    assert (decision, RDFS.label, Literal("Extend the tram line")) in graph
    body = URIRef(archive.minter.entity("organisation", "Transport Committee"))
    assert (decision, PREC.decidedBy, body) in graph
    assert (body, RDFS.label, Literal("Transport Committee")) in graph


def test_document_view_gives_ledger_row_and_passages_in_order(archive):
    spec = DocumentSpec(
        identifier="MIN-P",
        passages=("First words.", "Second words.", "Third words."),
        decisions=[DecisionSpec("Adopt the plan", "Adopted.")],
    )
    with archive.writer("editor") as writer:
        writer.put(make_document(spec))
    shown = archive.view("public").document("MIN-P")
    assert shown.row.identifier == "MIN-P"
    assert [p.quote for p in shown.passages] == ["First words.", "Second words.", "Third words."]
    assert [p.sequence for p in shown.passages] == [1, 2, 3]
    assert archive.view("public").document("nope") is None


def test_counts_per_kind(archive):
    with archive.writer("editor") as writer:
        writer.put(simple_document("MIN-A"))
        writer.put(simple_document("MIN-B", label="Second decision"))
    counts = archive.view("public").counts()
    assert counts["documents"] == 2 and counts["decisions"] == 2 and counts["meetings"] == 2
    assert counts["persons"] == 2  # the same two people attended both meetings
    assert counts["organisations"] == 1  # the Transport Committee, a prec:Body
    # each document's own graph, plus each shared entity's facts once (not once per document naming it)
    store = archive.store("public")
    facts = {
        line
        for r in archive.ledger.documents()
        for f in archive.ledger.facts_of(r.identifier).values()
        for line in f.splitlines()
    }
    own = sum(len(store.triples(r.graph)) for r in archive.ledger.documents())
    assert counts["triples"] == own + len(facts) < sum(r.triples for r in archive.ledger.documents())


def test_remove_takes_a_document_out_everywhere(archive):
    with archive.writer("editor") as writer:
        writer.put(simple_document("MIN-A"))
        writer.put(simple_document("MIN-B", label="Keep me", text="kept text"))
        assert writer.remove("MIN-A") is True
        assert writer.remove("MIN-A") is False
    assert archive.ledger.document("MIN-A") is None
    assert labels(archive) == ["Keep me"]
    assert archive.index("public").documents() == {"MIN-B"}
    assert archive.minter.graph("MIN-A") not in archive.view("public").graph_iris()
    assert archive.check().ok


def test_reindex_gives_the_same_search_results(archive):
    with archive.writer("editor") as writer:
        for n in range(4):
            writer.put(
                simple_document(f"MIN-{n}", label=f"Decision number {n}", text=f"tram works phase {n}")
            )

    def snapshot():
        result = archive.view("public").search(SearchRequest(text="tram", per_page=50))
        persons = archive.view("public").search(SearchRequest(kinds=("person",), per_page=50))
        return (
            [(h.iri, h.title, h.document) for h in result.hits],
            result.total,
            result.facets,
            sorted(h.title for h in persons.hits),
        )

    before = snapshot()
    progress = []
    written = archive.reindex(progress=lambda done, total: progress.append((done, total)))
    assert written > 0 and progress[-1][0] == progress[-1][1]
    assert snapshot() == before


def test_reindex_writes_the_page_summaries_an_older_archive_lacks(archive):
    with archive.writer("editor") as writer:
        writer.put(simple_document("MIN-A"))
        writer.put(simple_document("MIN-B", label="Second decision", level="internal"))

    def summaries():
        return {
            level: {
                g: sorted(map(str, archive.store(level).triples(g)))
                for g in archive.store(level).graph_iris()
                if is_summary_graph(archive.minter, g)
            }
            for level in archive.levels
        }

    before = summaries()
    assert all(len(graphs) == 1 for graphs in before.values())  # the Transport Committee, at every level
    assert before["public"] != before["internal"]  # each level's summary from what that level sees
    for level in archive.levels:  # as an archive written before page summaries were
        archive.store(level).drop_graphs(list(before[level]))
    assert not any(summaries().values())
    archive.reindex()
    assert summaries() == before
    assert archive.check().ok


def test_check_reports_a_graph_missing_from_a_store(archive):
    with archive.writer("editor") as writer:
        writer.put(simple_document("MIN-A", level="internal"))
    assert archive.check().ok
    archive.store("restricted").drop_graphs([archive.minter.graph("MIN-A")])
    report = archive.check()
    assert not report.ok
    by_level = {lc.level: lc for lc in report.levels}
    assert by_level["restricted"].missing_in_store == ["MIN-A"]
    assert by_level["internal"].ok and by_level["public"].ledger_documents == 0
    assert any("restricted: MIN-A" in p for p in report.problems())


def test_index_repaired_from_store_on_open(tmp_path, engine):
    config = make_config(tmp_path / "data", engine)
    with Archive.open(config) as archive:
        with archive.writer("editor") as writer:
            writer.put(simple_document("MIN-A"))
        archive.index("public").delete_document("MIN-A")  # as if we crashed between store and index
        assert not archive.check().ok
    with Archive.open(config) as archive:
        assert archive.check().ok
        assert archive.view("public").search(SearchRequest(text="tram")).total >= 1


def test_reopen_keeps_everything(tmp_path, engine):
    config = make_config(tmp_path / "data", engine)
    with Archive.open(config) as archive, archive.writer("editor") as writer:
        writer.put(simple_document("MIN-A"))
    with Archive.open(config) as archive:
        assert labels(archive) == ["Extend the tram line"]
        with archive.writer("editor") as writer:
            assert writer.put(simple_document("MIN-A")).status == "unchanged"


def test_a_document_with_an_invalid_iri_is_refused_whole_and_others_kept(archive):
    from rdflib import Literal as RdfLiteral

    bad = simple_document("BAD-1")
    bad.graph.add((URIRef("https://example.org/a b"), RDFS.label, RdfLiteral("space in IRI")))
    with archive.writer("editor") as writer:
        with pytest.raises(ArchiveError, match=r"BAD-1.*a b.*nothing of this document was stored"):
            writer.put(bad)
        assert writer.put(simple_document("GOOD-1")).status == "stored"
    assert archive.ledger.document("BAD-1") is None
    assert archive.minter.graph("BAD-1") not in archive.view("restricted").graph_iris()
    assert not list((archive.config.data_dir / "journal").iterdir())
    assert archive.check().ok
