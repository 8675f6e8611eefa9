"""Throughput floors for the archive (run with ``-s`` to see the measured numbers).

The floors are far below what this 2-core machine measures, so they catch regressions of an order of
magnitude (a commit per document, a Graph per triple) without failing on a busy machine.
"""

from __future__ import annotations

import statistics
import time

import pytest

from archive import Archive
from archive.textindex import SearchRequest
from tests import archive_fixtures as fixtures
from tests.archive_fixtures import make_config, simple_document

engine = fixtures.engine
LEVELS = ("public", "internal", "restricted")


@pytest.mark.slow
def test_put_and_search_throughput(tmp_path, engine):
    documents = [
        simple_document(
            f"DOC-{n:05d}",
            level=LEVELS[n % 3],
            label=f"Decision {n}",
            text=f"tram works {n} harbour {n % 17}",
        )
        for n in range(300)
    ]
    with Archive.open(make_config(tmp_path / "data", engine)) as archive:
        started = time.perf_counter()
        with archive.writer("bench") as writer:
            for document in documents:
                writer.put(document)
        per_second = len(documents) / (time.perf_counter() - started)
        view = archive.view("restricted")
        timings = []
        for _ in range(20):
            started = time.perf_counter()
            result = view.search(SearchRequest(text="harbour works", kinds=("decision",)))
            timings.append((time.perf_counter() - started) * 1000)
        query_ms = []
        for _ in range(5):
            started = time.perf_counter()
            view.query("SELECT ?d WHERE { ?d a <https://w3id.org/precedent/ontology#Decision> } LIMIT 10")
            query_ms.append((time.perf_counter() - started) * 1000)
    print(
        f"\n{engine}: put {per_second:.0f} documents/s (45 triples, 3 levels); "
        f"search p50 {statistics.median(timings):.1f} ms over {result.total} hits; "
        f"user SPARQL p50 {statistics.median(query_ms):.1f} ms"
    )
    assert result.total == 300
    assert per_second > 3
    assert statistics.median(timings) < 1000
