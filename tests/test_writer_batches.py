"""The writer's batches: puts answer at once, are written together, keep every guarantee of one put."""

from __future__ import annotations

import pytest
from rdflib import RDF, URIRef

import archive.writer as writer_module
from archive import Archive
from archive.textindex import SearchRequest
from ontology import PREC
from tests import archive_fixtures as fixtures
from tests.archive_fixtures import decision_iri, make_config, simple_document, stored_triples

archive = fixtures.archive
engine = fixtures.engine

DECISION_LABELS = """
PREFIX prec: <https://w3id.org/precedent/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?label WHERE { ?d a prec:Decision ; rdfs:label ?label } ORDER BY ?label
"""


def labels(archive: Archive, level: str = "public") -> list[str]:
    return [str(row[0]) for row in archive.view(level).query(DECISION_LABELS).rows]


def test_same_content_twice_in_one_batch_is_unchanged_and_the_latest_version_wins(archive):
    with archive.writer("editor") as writer:
        first = writer.put(simple_document("MIN-1", label="Extend the tram line"))
        again = writer.put(simple_document("MIN-1", label="Extend the tram line"))
        changed = writer.put(simple_document("MIN-1", label="Close the bus depot", text="Depot closes."))
        assert archive.ledger.document("MIN-1") is None  # still buffered: nothing half-written anywhere
    assert (first.status, again.status, changed.status) == ("stored", "unchanged", "stored")
    row = archive.ledger.document("MIN-1")
    assert (
        row.status == "stored"
        and row.sha256
        == simple_document("MIN-1", label="Close the bus depot", text="Depot closes.").content_hash
    )
    assert labels(archive) == ["Close the bus depot"]
    assert stored_triples(archive, "restricted", row.identifier) == changed.triples
    with archive.writer("editor") as writer:
        assert writer.put(
            simple_document("MIN-1", label="Close the bus depot", text="Depot closes.")
        ).status == ("unchanged")


def test_a_full_buffer_is_written_before_the_session_ends(archive, monkeypatch):
    monkeypatch.setattr(writer_module, "BATCH_DOCUMENTS", 3)
    with archive.writer("editor") as writer:
        for n in range(4):
            writer.put(simple_document(f"DOC-{n}", label=f"Decision {n}", text=f"tram works {n}"))
        stored = {r.identifier for r in archive.ledger.documents(status="stored")}
        assert stored == {"DOC-0", "DOC-1", "DOC-2"}
        assert archive.view("public").search(SearchRequest(text="tram", kinds=("decision",))).total == 3
    assert archive.view("public").search(SearchRequest(text="tram", kinds=("decision",))).total == 4
    assert archive.check().ok


def test_a_batch_is_one_journal_entry_replayed_whole_after_a_crash(tmp_path):
    config = make_config(tmp_path / "data")
    archive = Archive.open(config)

    def crash(entry, batch):  # the process dies right after the batch's journal entry reached the disk
        raise SystemExit("simulated crash")

    archive.apply = crash
    with pytest.raises(SystemExit), archive.writer("editor") as writer:
        for n in range(5):
            writer.put(simple_document(f"DOC-{n}", level=("public", "restricted")[n % 2], text=f"crash {n}"))
    assert len(list((config.data_dir / "journal").glob("*.nq"))) == 1
    archive.close()

    with Archive.open(config) as reopened:
        assert not list((config.data_dir / "journal").glob("*.nq"))
        rows = reopened.ledger.documents()
        assert [r.identifier for r in rows] == [f"DOC-{n}" for n in range(5)]
        assert all(r.status == "stored" for r in rows)
        assert reopened.view("public").search(SearchRequest(text="crash", kinds=("decision",))).total == 3
        assert reopened.view("restricted").search(SearchRequest(text="crash", kinds=("decision",))).total == 5
        for row in rows:
            assert stored_triples(reopened, "restricted", row.identifier) == row.triples
        assert reopened.check().ok


def test_batches_written_before_the_index_commit_are_replayed_whole_after_a_crash(tmp_path):
    config = make_config(tmp_path / "data")
    archive = Archive.open(config)
    with pytest.raises(SystemExit), archive.writer("editor") as writer:
        writer.put(simple_document("DOC-0", text="crash 0"))
        writer.write_buffer()  # in the stores, its index work left for the session's commit
        graph = archive.minter.graph("DOC-0")
        assert all(graph in archive.store(level).graph_iris() for level in archive.levels)
        assert archive.view("public").search(SearchRequest(text="crash", kinds=("decision",))).total == 0
        writer.put(simple_document("DOC-1", text="crash 1", level="restricted"))

        def crash(stores: bool = True) -> None:  # the process dies before the session's index commit
            raise SystemExit("simulated crash")

        writer.batch.flush = crash
    assert len(list((config.data_dir / "journal").glob("*.nq"))) == 2  # both batches, still journalled
    archive.close()

    with Archive.open(config) as reopened:
        assert not list((config.data_dir / "journal").glob("*.nq"))
        rows = reopened.ledger.documents()
        assert [(r.identifier, r.status) for r in rows] == [("DOC-0", "stored"), ("DOC-1", "stored")]
        assert reopened.view("public").search(SearchRequest(text="crash", kinds=("decision",))).total == 1
        assert reopened.view("restricted").search(SearchRequest(text="crash", kinds=("decision",))).total == 2
        for row in rows:
            assert stored_triples(reopened, "restricted", row.identifier) == row.triples
        assert reopened.check().ok


def test_a_bad_triple_refuses_only_its_document(archive):
    bad = simple_document("BAD-1")
    bad.graph.add((URIRef("urn:x:has space"), RDF.type, PREC.Decision))
    with archive.writer("editor") as writer:
        writer.put(simple_document("GOOD-1"))
        with pytest.raises(ValueError, match=r"BAD-1.*nothing of this document was stored"):
            writer.put(bad)
        writer.put(simple_document("GOOD-2"))
    assert [r.identifier for r in archive.ledger.documents()] == ["GOOD-1", "GOOD-2"]
    assert archive.minter.graph("BAD-1") not in archive.store("restricted").graph_iris()
    assert archive.check().ok


def test_removing_a_buffered_document_removes_it_everywhere(archive):
    with archive.writer("editor") as writer:
        writer.put(simple_document("DOC-1"))
        writer.put(simple_document("DOC-2", label="Keep the ferry"))
        assert writer.remove("DOC-1") is True
    assert [r.identifier for r in archive.ledger.documents()] == ["DOC-2"]
    for level in archive.levels:
        assert archive.minter.graph("DOC-1") not in archive.store(level).graph_iris()
    assert labels(archive) == ["Keep the ferry"]
    assert archive.check().ok


def test_an_entity_typed_higher_in_the_same_batch_is_hidden_below(archive):
    secret = str(decision_iri("SEC-1"))
    cites = f"ASK {{ ?d <{PREC.cites}> <{secret}> }}"
    with archive.writer("editor") as writer:
        writer.put(simple_document("PUB-1", label="Publish the audit", cites=(secret,)))
        writer.put(simple_document("SEC-1", level="restricted", label="Move the reserve"))
    assert archive.view("public").query(cites).boolean is False
    assert archive.view("internal").query(cites).boolean is False
    assert archive.view("restricted").query(cites).boolean is True
    assert archive.check().ok


def test_a_single_document_journal_from_before_batching_still_replays(tmp_path):
    """Journal files written by the per-document writer (unscoped blank nodes, no part list) roll forward."""
    import json

    import pyoxigraph as ox

    from archive.journal import MARK, entry_path
    from archive.ledger import DocumentRow
    from archive.terms import to_ox

    config = make_config(tmp_path / "data")
    Archive.open(config).close()
    document = simple_document("OLD-1", text="journalled before batching")
    graph = config.minter.graph("OLD-1")
    row = DocumentRow(
        identifier="OLD-1",
        sha256=document.content_hash,
        format="markdown",
        level="public",
        graph=graph,
        user="editor",
        time="2026-01-01T00:00:00+00:00",
        status="writing",
        triples=len(document.graph),
    )
    meta = {
        "action": "put",
        "identifier": "OLD-1",
        "level": "public",
        "row": row.as_dict(),
        "entities": sorted(str(s) for s in document.graph.subjects(RDF.type, None) if isinstance(s, URIRef)),
        "changed_entities": [],
        "previous_level": None,
        "actors": [],
    }
    g = ox.NamedNode(graph)
    lines = [f"{ox.Quad(to_ox(s), to_ox(p), to_ox(o), g)} .\n" for s, p, o in document.graph]
    path = entry_path(config.data_dir / "journal", "OLD-1")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(MARK + json.dumps(meta) + "\n" + "".join(lines), encoding="utf-8")

    with Archive.open(config) as reopened:
        assert not list((config.data_dir / "journal").glob("*.nq"))
        assert reopened.ledger.document("OLD-1").status == "stored"
        assert len(reopened.store("public").triples(graph)) == len(document.graph)
        assert reopened.view("public").search(SearchRequest(text="batching", kinds=("decision",))).total == 1
        assert reopened.check().ok
