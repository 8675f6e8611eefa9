"""Reader processes stream each document to the writer as it is read: the same items, in the same order,
as reading in the writer's own process (``workers=1``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.document import Document
from ingest.pipeline import Clearance, ReadJob, Refusal, plan, prescan_decision_identifiers, read_documents

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
FRUS_VOLUME = ROOT.parent / "shared" / "data" / "frus" / "frus1872p2v4.xml"
LEVELS = ("public", "internal", "restricted")
BASE_IRI = "https://archive.example.org/id/"


def jobs(paths: list[Path]) -> list[ReadJob]:
    files, refused = plan(paths, None)
    assert not refused
    known = frozenset(prescan_decision_identifiers(files))
    return [ReadJob(path, fmt, Clearance(LEVELS, LEVELS), BASE_IRI, known) for path, fmt in files]


def summary(items: list[Document | Refusal]) -> list[tuple[str, ...]]:
    """What must not depend on where a file was read: kind, identifier or refusal, hash, size."""
    return [
        ("document", item.identifier, item.content_hash, str(len(item.triples())), item.access_level)
        if isinstance(item, Document)
        else ("refusal", str(item))
        for item in items
    ]


def test_documents_of_many_files_arrive_in_file_order_as_read_in_process():
    read = jobs([SAMPLES])
    assert len(read) > 2
    in_process = list(read_documents(read, workers=1))
    streamed = list(read_documents(read, workers=2))
    assert summary(streamed) == summary(in_process)
    assert sum(isinstance(item, Document) for item in streamed) >= len(read) - 1


def test_a_volume_streams_document_by_document_each_with_the_volume_bytes():
    if not FRUS_VOLUME.is_file():
        pytest.skip(f"FRUS volume not found at {FRUS_VOLUME}")
    read = jobs([FRUS_VOLUME])
    streamed = list(read_documents(read))  # the default: one reader process for one file
    documents = [item for item in streamed if isinstance(item, Document)]
    assert len(documents) > 1
    # the volume's bytes cross once and every document of it keeps them, as in one process
    assert {id(d.original) for d in documents} == {id(documents[0].original)}
    assert documents[0].original == FRUS_VOLUME.read_bytes()
    assert summary(streamed) == summary(list(read_documents(read, workers=1)))


def test_a_file_its_reader_refuses_costs_only_that_file(tmp_path):
    broken = tmp_path / "a-broken.xml"
    broken.write_text("<TEI><text><body><div type='document'", "utf-8")
    sample = jobs([sorted(SAMPLES.glob("*.md"))[0]])[0]
    read = [ReadJob(broken, "tei", sample.clearance, BASE_IRI, sample.known_decisions), sample]
    streamed = list(read_documents(read, workers=2))
    assert summary(streamed) == summary(list(read_documents(read, workers=1)))
    assert isinstance(streamed[0], Refusal) and str(broken) in str(streamed[0])
    assert isinstance(streamed[-1], Document)


def level_quads(data_dir: Path) -> dict[str, list[str]]:
    """Every level's store as sorted N-Quads lines, each blank node written ``_:b`` (their labels are
    minted afresh by every read)."""
    import re

    from archive import Archive, ArchiveConfig

    blank = re.compile(r"_:[A-Za-z0-9_]+")
    with Archive.open(ArchiveConfig(data_dir=data_dir)) as archive:
        return {
            level: sorted(
                blank.sub("_:b", f"{s.n3()} {p.n3()} {o.n3()} <{g}>")
                for s, p, o, g in archive.store(level).quads()
            )
            for level in LEVELS
        }


@pytest.mark.skipif(not FRUS_VOLUME.exists(), reason="the shared FRUS volume is not here")
def test_a_volume_in_many_batches_stores_the_same_quads_as_in_one(tmp_path, monkeypatch):
    import archive.writer as writer_module
    from archive import Archive, ArchiveConfig
    from precedent.ingesting import ingest

    stored: list[dict[str, list[str]]] = []
    for name, documents in (("one", 1024), ("many", 5)):
        monkeypatch.setattr(writer_module, "BATCH_DOCUMENTS", documents)
        with Archive.open(ArchiveConfig(data_dir=tmp_path / name)) as archive:
            report = ingest(archive, [FRUS_VOLUME], user="test")
        assert report.stored == 34 and not report.refused
        stored.append(level_quads(tmp_path / name))
    assert stored[0] == stored[1]
    assert len(stored[0]["public"]) > 10_000
