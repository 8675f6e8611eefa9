"""Dump to N-Quads + ledger sidecar, restore into an empty directory: same graphs, ledger and search."""

from __future__ import annotations

from collections import defaultdict

import pytest
from rdflib import Graph
from rdflib.compare import isomorphic, to_isomorphic

from archive import Archive, ArchiveError
from archive.summaries import is_summary_graph
from archive.textindex import SearchRequest
from tests import archive_fixtures as fixtures
from tests.archive_fixtures import decision_iri, make_config, simple_document

engine = fixtures.engine


def graphs_of(archive: Archive, level: str) -> dict[str, Graph]:
    graphs: dict[str, Graph] = defaultdict(Graph)
    store = archive.store(level)
    for graph_iri in store.graph_iris():
        for triple in store.triples(graph_iri):
            graphs[graph_iri].add(triple)
    return dict(graphs)


def search_snapshot(archive: Archive, level: str):
    result = archive.view(level).search(SearchRequest(text="tram", per_page=50))
    return [(h.iri, h.title) for h in result.hits], result.total, result.facets


def test_dump_and_restore_round_trip(tmp_path, engine):
    source = Archive.open(make_config(tmp_path / "a", engine))
    secret = str(decision_iri("SEC-1"))
    with source.writer("editor") as writer:
        writer.put(simple_document("PUB-1"))
        writer.put(simple_document("INT-1", level="internal", label="Internal tram plan"))
        writer.put(simple_document("SEC-1", level="restricted", label="Secret tram plan"))
        writer.put(simple_document("PUB-2", label="Cite the secret", cites=(secret,)))
    dump = tmp_path / "archive.nq"
    count = source.dump(dump)
    stored = graphs_of(source, "restricted")
    # the committee's page summary is derived: not dumped, rebuilt on restore (compared below)
    summaries = {g for g in stored if is_summary_graph(source.minter, g)}
    assert len(summaries) == 1
    assert count.quads == sum(len(g) for iri, g in stored.items() if iri not in summaries)
    # four documents, and the committee and two people they share, each described once
    assert count.graphs == 4 + 3 and count.documents == 4 and "4 documents" in str(count)
    assert dump.with_name("archive.nq.ledger.json").is_file()

    restored = Archive.restore(dump, make_config(tmp_path / "b", engine))
    try:
        for level in source.levels:
            before, after = graphs_of(source, level), graphs_of(restored, level)
            assert set(before) == set(after), level
            for graph_iri in before:
                assert isomorphic(to_isomorphic(before[graph_iri]), to_isomorphic(after[graph_iri])), (
                    graph_iri
                )
            assert search_snapshot(source, level) == search_snapshot(restored, level)
        assert source.ledger.export() == restored.ledger.export()
        assert restored.check().ok
    finally:
        source.close()
        restored.close()


def test_restore_refuses_a_non_empty_data_directory(tmp_path):
    with Archive.open(make_config(tmp_path / "a")) as source:
        with source.writer("editor") as writer:
            writer.put(simple_document("PUB-1"))
        source.dump(tmp_path / "d.nq")
    with pytest.raises(ArchiveError, match="empty data directory"):
        Archive.restore(tmp_path / "d.nq", make_config(tmp_path / "a"))


def test_restore_refuses_a_dump_without_its_ledger(tmp_path):
    (tmp_path / "lonely.nq").write_text("<http://a> <http://b> <http://c> <http://g> .\n")
    with pytest.raises(ArchiveError, match="ledger.json"):
        Archive.restore(tmp_path / "lonely.nq", make_config(tmp_path / "b"))
