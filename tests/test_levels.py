"""Clearance levels: a store and index per level holding exactly what that level may see."""

from __future__ import annotations

import pytest
from rdflib import URIRef

from archive import Archive, ArchiveConfig, LevelError
from archive.levels import Levels
from archive.textindex import SearchRequest
from ontology import PREC
from tests import archive_fixtures as fixtures
from tests.archive_fixtures import decision_iri, make_config, simple_document

archive = fixtures.archive
engine = fixtures.engine

SECRET = dict(
    label="Move the reserve funds",
    text="The secret reserve moves to the northern vault.",
    rationale="Confidential threat assessment.",
)


def put(archive: Archive, *documents) -> None:
    with archive.writer("editor") as writer:
        for document in documents:
            writer.put(document)


def test_levels_are_ordered_and_unknown_level_names_the_valid_ones():
    levels = Levels(("public", "internal", "restricted"))
    assert levels.at_or_below("internal") == ("public", "internal")
    assert levels.at_or_above("internal") == ("internal", "restricted")
    with pytest.raises(LevelError, match="valid levels are: public, internal, restricted"):
        levels.validate("secret")


def test_restricted_document_is_absent_below_restricted(archive):
    put(archive, simple_document("PUB-1"), simple_document("SEC-1", level="restricted", **SECRET))
    secret_graph = archive.minter.graph("SEC-1")
    secret_decision = str(decision_iri("SEC-1"))
    for level in ("public", "internal"):
        view = archive.view(level)
        assert secret_graph not in view.graph_iris()
        asked = view.query(f"ASK {{ <{secret_decision}> ?p ?o }}")
        assert asked.boolean is False
        rows = view.query("SELECT ?o WHERE { ?s ?p ?o FILTER(CONTAINS(STR(?o), 'vault')) }").rows
        assert rows == []
        assert len(view.describe(secret_decision)) == 0
        assert view.search(SearchRequest(text="vault")).total == 0
        assert view.search(SearchRequest(text="reserve funds")).total == 0
        assert "SEC-1" not in archive.index(level).documents()
        decisions = view.search(SearchRequest(kinds=("decision",)))
        assert dict(decisions.facets["year"]) == {"2020": 1}
        assert view.counts()["decisions"] == 1 and view.counts()["documents"] == 1
        assert view.document("SEC-1") is None
    restricted = archive.view("restricted")
    assert restricted.search(SearchRequest(text="vault")).total >= 1
    assert restricted.counts()["decisions"] == 2
    assert restricted.document("SEC-1") is not None


def test_public_citation_of_restricted_decision_is_kept_only_at_restricted(archive):
    secret = str(decision_iri("SEC-1"))
    put(
        archive,
        simple_document("SEC-1", level="restricted", **SECRET),
        simple_document("PUB-1", label="Publish the audit", cites=(secret,)),
    )
    cites = f"ASK {{ ?d <{PREC.cites}> <{secret}> }}"
    assert archive.view("public").query(cites).boolean is False
    assert archive.view("internal").query(cites).boolean is False
    assert archive.view("restricted").query(cites).boolean is True
    # the rest of the public document is there at every level
    public_decision = str(decision_iri("PUB-1"))
    for level in archive.levels:
        assert archive.view(level).query(f"ASK {{ <{public_decision}> ?p ?o }}").boolean is True


def test_citation_written_before_the_restricted_document_is_refiltered(archive):
    secret = str(decision_iri("SEC-1"))
    put(archive, simple_document("PUB-1", label="Publish the audit", cites=(secret,)))
    cites = f"ASK {{ ?d <{PREC.cites}> <{secret}> }}"
    assert archive.view("public").query(cites).boolean is True  # nobody owns the cited IRI yet
    put(archive, simple_document("SEC-1", level="restricted", **SECRET))
    assert archive.view("public").query(cites).boolean is False
    assert archive.view("restricted").query(cites).boolean is True
    with archive.writer("editor") as writer:
        writer.remove("SEC-1")
    assert archive.view("public").query(cites).boolean is True
    assert archive.check().ok


def test_moving_a_document_up_removes_it_from_lower_levels(archive):
    put(archive, simple_document("DOC-1"))
    moved = simple_document("DOC-1", level="restricted")
    moved.content_hash = "other-" + moved.content_hash
    put(archive, moved)
    graph = archive.minter.graph("DOC-1")
    assert graph not in archive.view("public").graph_iris()
    assert graph not in archive.view("internal").graph_iris()
    assert graph in archive.view("restricted").graph_iris()
    assert archive.view("public").search(SearchRequest(text="tram")).total == 0
    assert archive.check().ok


def test_a_view_opens_only_its_own_level(tmp_path, engine):
    config = make_config(tmp_path / "data", engine)
    with Archive.open(config) as archive:
        put(archive, simple_document("PUB-1"), simple_document("SEC-1", level="restricted", **SECRET))
    fresh = Archive(config)  # without recovery, which touches every level
    try:
        view = fresh.view("public")
        view.query("SELECT * WHERE { ?s ?p ?o } LIMIT 1")
        view.search(SearchRequest(text="tram"))
        view.describe(str(decision_iri("PUB-1")))
        view.counts()
        assert set(fresh._stores) == {"public"} and set(fresh._indexes) == {"public"}
    finally:
        fresh.close()


def test_unknown_level_in_document_is_refused(archive):
    with archive.writer("editor") as writer, pytest.raises(LevelError, match="secret"):
        writer.put(simple_document("X-1", level="secret"))
    assert archive.ledger.document("X-1") is None


def test_custom_levels_from_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("PRECEDENT_LEVELS", "open,closed")
    monkeypatch.setenv("PRECEDENT_DATA", str(tmp_path / "d"))
    config = ArchiveConfig.from_env(text_engine="whoosh")
    assert config.levels == ("open", "closed") and config.text_engine == "whoosh"
    with Archive.open(config) as archive:
        put(archive, simple_document("C-1", level="closed"))
        assert archive.view("open").counts()["documents"] == 0
        assert archive.view("closed").counts()["documents"] == 1
        assert URIRef(archive.minter.graph("C-1"))


def test_an_original_shared_with_a_restricted_document_is_withheld_below(archive):
    volume = b"<TEI>one volume holding a public and a restricted document</TEI>"
    public, secret = simple_document("VOL/d1"), simple_document("VOL/d2", level="restricted", **SECRET)
    for document in (public, secret):
        document.original, document.original_hash = volume, None
        document.__post_init__()
    alone = simple_document("ALONE-1")
    put(archive, public, secret, alone)
    assert archive.view("public").original("VOL/d1") is None
    assert archive.view("restricted").original("VOL/d1") == volume
    assert archive.view("public").original("ALONE-1") == alone.original
    assert archive.view("public").original("VOL/d2") is None
