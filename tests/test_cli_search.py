"""``precedent search``: questions explained, one line per document, standing on a date."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from precedent.cli import main
from tests.test_cli import SAMPLES


@pytest.fixture(scope="module")
def data(tmp_path_factory):  # type: ignore[no-untyped-def]
    target = tmp_path_factory.mktemp("cli-search") / "data"
    result = CliRunner().invoke(main, ["--data", str(target), "ingest", str(SAMPLES)])
    assert result.exit_code == 0, result.output
    return target


def run(data, *args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, ["--data", str(data), "search", *args])


def test_a_question_prints_how_it_was_read_and_one_line_per_document(data):
    result = run(data, "What did the fisheries board decide about the cod catch in 2016?")
    assert result.exit_code == 0, result.output
    assert "matched: " in result.output and "2016 → 2016-01-01..2016-12-31" in result.output
    documents = json.loads(run(data, "What did the board decide about the cod catch?", "--json").output)
    ids = [hit["document"] for hit in documents["hits"]]
    assert documents["grouped"] and len(ids) == len(set(ids))
    flat = json.loads(
        run(data, "What did the board decide about the cod catch?", "--json", "--no-group").output
    )
    assert not flat["grouped"]


def test_as_of_and_standing_filter_decisions(data):
    out = json.loads(
        run(
            data,
            "",
            "--facet",
            "topic:Fisheries",
            "--kind",
            "decision",
            "--as-of",
            "2017-01-01",
            "--standing",
            "in force",
            "--json",
        ).output
    )
    assert out["as_of"] == "2017-01-01"
    iris = {hit["iri"].rsplit("/", 1)[-1] for hit in out["hits"]}
    assert "AFA-BRD-2016-02~D1" in iris and "AFA-BRD-2014-02~D1" not in iris
    assert all(hit["standing"] == "in force" for hit in out["hits"])
    bad = run(data, "cod", "--as-of", "2017")
    assert bad.exit_code != 0 and "as_of" in bad.output
