"""The bundled sample corpus (Markdown minutes) through the real reader into a real archive."""

from __future__ import annotations

from pathlib import Path

import pytest

from archive import Archive
from archive.textindex import SearchRequest
from tests.archive_fixtures import make_config

SAMPLES = Path(__file__).resolve().parents[1] / "samples"


def read_samples():
    markdown = pytest.importorskip("ingest.minutes.markdown", reason="the Markdown reader is not available")
    resolve = pytest.importorskip("ingest.resolve", reason="the resolver is not available")
    from ingest.document import Document
    from ontology import IriMinter

    files = sorted(SAMPLES.glob("*.md"))
    if not files:
        pytest.skip(f"no sample minutes in {SAMPLES}")
    minter = IriMinter()
    resolver = resolve.Resolver(minter)
    documents = []
    for path in files:
        for item in markdown.read(path, minter=minter, resolver=resolver, known_decisions=None):
            if isinstance(item, Document):
                documents.append(item)
    if not documents:
        pytest.skip("the Markdown reader produced no documents from the samples")
    return documents


@pytest.mark.slow
def test_sample_corpus_is_stored_level_by_level(tmp_path):
    documents = read_samples()
    with Archive.open(make_config(tmp_path / "data")) as archive:
        with archive.writer("sample-loader") as writer:
            results = [writer.put(document) for document in documents]
        assert all(r.status == "stored" for r in results)
        assert archive.check().ok, archive.check().problems()
        levels = {d.identifier: d.access_level for d in documents}
        for level in archive.levels:
            visible = archive.levels.at_or_below(level)
            expected = {i for i, lv in levels.items() if lv in visible}
            view = archive.view(level)
            assert view.counts()["documents"] == len(expected)
            assert archive.index(level).documents() <= expected
            hidden = {i for i in levels if i not in expected}
            for identifier in hidden:
                assert view.document(identifier) is None
                assert archive.minter.graph(identifier) not in view.graph_iris()
        top = archive.view(archive.levels.top)
        assert top.counts()["decisions"] == sum(r.decisions for r in results)
        first = next(d for d in documents if d.access_level == "public")
        title = archive.ledger.document(first.identifier).title
        word = max(title.split(), key=len)
        assert archive.view("public").search(SearchRequest(text=word)).total >= 1
        with archive.writer("sample-loader") as writer:
            assert all(writer.put(d).status == "unchanged" for d in documents)
