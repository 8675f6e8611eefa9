"""The benchmark generator: deterministic, accepted by the Markdown reader, the same archive as N-Quads."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from rdflib import RDF, Dataset, Graph

from bench.generate import generate, meetings
from bench.markdown_minutes import render_markdown
from bench.nquads import meeting_quads
from ontology import IriMinter

LEVELS = ("public", "internal", "restricted")


def _markdown_reader():
    if importlib.util.find_spec("ingest.minutes") is None:
        pytest.skip("the Markdown minutes reader (ingest/minutes/) is not there yet")
    from ingest.minutes import read

    return read


def _files(root: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(root)): path.read_bytes() for path in sorted(root.rglob("*")) if path.is_file()
    }


def test_same_seed_gives_the_same_bytes_and_another_seed_does_not(tmp_path: Path) -> None:
    first = generate(tmp_path / "a", 20, seed=11, levels=LEVELS)
    second = generate(tmp_path / "b", 20, seed=11, levels=LEVELS)
    other = generate(tmp_path / "c", 20, seed=12, levels=LEVELS)
    files_a, files_b = _files(tmp_path / "a"), _files(tmp_path / "b")
    assert len([name for name in files_a if name.endswith(".md")]) == 20
    assert files_a == files_b
    assert files_a["archive.nq"] != _files(tmp_path / "c")["archive.nq"]
    assert first.triples == second.triples == files_a["archive.nq"].count(b"\n")
    assert other.documents == 20


def test_generated_minutes_have_the_shape_of_a_real_archive(tmp_path: Path) -> None:
    generated = list(meetings(20, seed=3, levels=LEVELS))
    decisions = [d for m in generated for d in m.decisions]
    assert all(1 <= len(m.decisions) <= 5 for m in generated)
    assert len({m.body.name for m in generated}) > 5
    assert [m.date for m in generated] == sorted(m.date for m in generated)
    words = [
        len((d.text + " " + d.rationale + " " + " ".join(o.description for o in d.options)).split())
        for d in decisions
    ]
    assert min(words) >= 150 and max(words) <= 600
    assert all(len(d.options) >= 2 and sum(o.chosen for o in d.options) == 1 for d in decisions)
    assert any(d.links for d in decisions), "some decisions should cite earlier ones"


def test_the_markdown_reader_accepts_every_generated_file_and_reads_the_same_triples(tmp_path: Path) -> None:
    read = _markdown_reader()
    minter = IriMinter()
    corpus = generate(tmp_path, 20, seed=5, levels=LEVELS)
    declared = {d.identifier for m in meetings(20, seed=5, levels=LEVELS) for d in m.decisions}
    reader_triples = 0
    for path in sorted(corpus.markdown_dir.rglob("*.md")):
        [document] = list(read(path, minter=minter, known_decisions=declared.__contains__))
        assert not isinstance(document, Exception), str(document)
        assert document.identifier == path.stem
        reader_triples += len(document.graph)
    # Same size as the direct N-Quads (within 2%, so a small change in the reader does not break this).
    assert abs(reader_triples - corpus.triples) <= 0.02 * corpus.triples

    # The direct N-Quads are what the reader builds (no shared name resolver on either side): the same
    # predicates and classes, and at least 98% the same triples.
    meeting = next(iter(meetings(1, seed=5, levels=LEVELS)))
    text, body, spans = render_markdown(meeting)
    path = tmp_path / "one.md"
    path.write_text(text, "utf-8")
    [document] = list(read(path, minter=minter, known_decisions=lambda _: True))
    dataset = Dataset()
    dataset.parse(data=meeting_quads(meeting, minter, body, spans), format="nquads")
    direct = Graph()
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        direct.add((s, p, o))
    read_triples, direct_triples = set(document.graph), set(direct)
    assert {p for _, p, _ in read_triples} == {p for _, p, _ in direct_triples}
    assert set(document.graph.objects(None, RDF.type)) == set(direct.objects(None, RDF.type))
    assert len(read_triples ^ direct_triples) <= 0.02 * len(read_triples)
