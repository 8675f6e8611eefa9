"""One archive (the sample minutes plus a restricted document and three accounts) for the whole suite,
and a live ``precedent serve`` over a copy of it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest_web import PASSWORD, RESTRICTED_MINUTES, SAMPLES, build_archive
from tests.security.live import REVIEWED_RATIONALE, ServeProcess, copy_data

ACCOUNTS = (("rita", "reader", "restricted"), ("ed", "editor", "internal"), ("ivy", "reader", "internal"))


def _reviewed_document(archive) -> None:  # type: ignore[no-untyped-def]
    from rdflib import Graph, Literal

    from ingest.document import ProposedFact
    from ontology import PREC
    from tests.archive_fixtures import DecisionSpec, DocumentSpec, decision_iri, make_document

    triples = Graph()
    triples.add((decision_iri("SEC-REV-1"), PREC.rationale, Literal(REVIEWED_RATIONALE)))
    fact = ProposedFact(
        key="rev-1",
        rule="because-clause",
        confidence=0.4,
        summary=f"rationale: {REVIEWED_RATIONALE}",
        passage_iri="https://archive.example.org/id/passage/SEC-REV-1~p1",
        passage_text=f"... because {REVIEWED_RATIONALE} ...",
        triples=triples,
    )
    spec = DocumentSpec(
        identifier="SEC-REV-1",
        level="public",
        title="Vellmoor bridge meeting",
        decisions=[DecisionSpec("Widen the Vellmoor bridge", "The bridge will be widened.")],
    )
    with archive.writer("tests") as writer:
        writer.put(make_document(spec, proposed=[fact]))
    identifier = archive.review.decide("rev-1", "accept", "ed")
    with archive.writer("ed") as writer:
        writer.refresh_review(identifier)


@pytest.fixture(scope="session")
def security_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A closed archive directory (so a server process can open it), with accounts."""
    from archive.accounts import Accounts

    if not list(SAMPLES.glob("*.md")):
        pytest.skip("the sample minutes (samples/*.md) are not there")
    root = tmp_path_factory.mktemp("security-archive")
    archive = build_archive(root / "data", {"restricted.md": RESTRICTED_MINUTES})
    _reviewed_document(archive)
    accounts = Accounts(root / "data" / "ledger.sqlite", archive.config.levels)
    for name, role, level in ACCOUNTS:
        accounts.add_user(name, PASSWORD, role, level)
    archive.close()
    return root / "data"


@pytest.fixture(scope="session")
def server(security_data: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServeProcess]:
    """``precedent serve`` with the default limits."""
    data = copy_data(security_data, tmp_path_factory.mktemp("serve") / "data")
    process = ServeProcess(data)
    yield process
    process.stop()
