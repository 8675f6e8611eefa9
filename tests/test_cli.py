"""The ``precedent`` command on a real archive in a temporary folder: ingest, search, sparql, dump and
restore, import, check, users and review — what a user types, and what they get back."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from precedent.cli import main

SAMPLES = Path(__file__).resolve().parents[1] / "samples"


@pytest.fixture(scope="module")
def ingested(tmp_path_factory):  # type: ignore[no-untyped-def]
    """An archive holding the sample corpus, ingested once through the command."""
    data = tmp_path_factory.mktemp("cli") / "data"
    result = CliRunner().invoke(main, ["--data", str(data), "ingest", str(SAMPLES)])
    assert result.exit_code == 0, result.output
    return data, result.output


def run(data: Path, *args: str, input: str | None = None):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, ["--data", str(data), *args], input=input)


def test_ingest_prints_a_closing_summary_and_a_second_run_changes_nothing(ingested):
    data, output = ingested
    markdown_files = len(list(SAMPLES.glob("*.md")))
    assert f"{markdown_files} stored, 0 unchanged, 0 refused" in output
    again = run(data, "ingest", str(SAMPLES), "--json")
    summary = json.loads(again.output)
    assert again.exit_code == 0
    assert (summary["stored"], summary["unchanged"], summary["refused"]) == (0, markdown_files, [])


def test_a_folder_with_one_broken_file_stores_the_others_and_exits_non_zero(tmp_path):
    folder = tmp_path / "minutes"
    folder.mkdir()
    good = sorted(SAMPLES.glob("*.md"))[:3]
    for path in good:
        shutil.copy(path, folder / path.name)
    broken = folder / "2099-01-01-broken.md"
    broken.write_text(good[0].read_text("utf-8").replace("date:", "date: not-a-date\nwhen:", 1), "utf-8")
    result = run(tmp_path / "data", "ingest", str(folder), "--jobs", "1")
    assert result.exit_code == 1
    assert "2099-01-01-broken.md" in result.output and "date" in result.output
    assert f"{len(good)} stored" in result.output
    count = run(
        tmp_path / "data",
        "sparql",
        "--level",
        "restricted",
        "--format",
        "csv",
        "SELECT (COUNT(DISTINCT ?r) AS ?n) WHERE { ?r a <https://w3id.org/precedent/ontology#Record> }",
    )
    assert count.output.splitlines()[1] == str(len(good))


def test_dry_run_prints_turtle_and_stores_nothing(tmp_path):
    sample = sorted(SAMPLES.glob("*.md"))[0]
    result = run(tmp_path / "data", "ingest", str(sample), "--dry-run")
    assert result.exit_code == 0, result.output
    assert "prec:Decision" in result.output and "@prefix" in result.output
    check = run(tmp_path / "data", "sparql", "ASK { ?d a <https://w3id.org/precedent/ontology#Decision> }")
    assert check.output.strip().startswith("false")


def test_search_json_is_the_same_document_as_the_api(ingested):
    from archive import Archive, ArchiveConfig
    from webui import create_app

    data, _ = ingested
    cli = json.loads(run(data, "search", "catch", "--json", "--facet", "topic:Fisheries").output)
    archive = Archive.open(ArchiveConfig(data_dir=data))
    try:
        client = create_app(archive, {"TESTING": True, "SECRET_KEY": "cli-test"}).test_client()
        api = client.get("/api/search?q=catch&facet=topic:Fisheries").get_json()
    finally:
        archive.close()
    assert cli == api
    assert cli["total"] > 0 and all(hit["document"] for hit in cli["hits"])


def test_search_refuses_an_unknown_facet_with_a_message(ingested):
    data, _ = ingested
    result = run(data, "search", "catch", "--facet", "colour:blue")
    assert result.exit_code != 0 and "unknown facet 'colour'" in result.output


def test_sparql_runs_a_competency_query_file_as_csv(ingested):
    data, _ = ingested
    query = Path(__file__).resolve().parents[1] / "ontology" / "queries" / "cq01-decisions-on-topic.rq"
    result = run(data, "sparql", str(query), "--format", "csv")
    assert result.exit_code == 0, result.output
    header, *rows = result.output.splitlines()
    assert "decision" in header and rows


def test_sparql_refuses_updates_without_a_traceback(ingested):
    data, _ = ingested
    result = run(data, "sparql", "DELETE WHERE { ?s ?p ?o }")
    assert result.exit_code == 1 and "read-only" in result.output and "Traceback" not in result.output


def test_restricted_minutes_are_invisible_to_a_public_search(ingested):
    data, _ = ingested
    levels = {}
    for path in SAMPLES.glob("*.md"):
        text = path.read_text("utf-8")
        if "access_level: restricted" in text:
            levels[path] = text
    assert levels, "the sample corpus has restricted minutes"
    public = run(
        data,
        "sparql",
        "--format",
        "csv",
        "SELECT ?l WHERE { ?r a <https://w3id.org/precedent/ontology#Record> ; "
        "<https://w3id.org/precedent/ontology#accessLevel> ?l }",
    )
    restricted = run(
        data,
        "sparql",
        "--level",
        "restricted",
        "--format",
        "csv",
        "SELECT ?l WHERE { ?r a <https://w3id.org/precedent/ontology#Record> ; "
        "<https://w3id.org/precedent/ontology#accessLevel> ?l }",
    )
    assert "restricted" not in public.output
    assert "restricted" in restricted.output


def test_dump_then_restore_into_an_empty_folder_gives_a_consistent_archive(ingested, tmp_path):
    data, _ = ingested
    dump = tmp_path / "backup.nq"
    assert run(data, "dump", str(dump)).exit_code == 0
    restored = tmp_path / "restored"
    result = run(restored, "restore", str(dump))
    assert result.exit_code == 0, result.output
    check = run(restored, "check")
    assert check.exit_code == 0 and "archive is consistent" in check.output
    before = json.loads(run(data, "search", "catch", "--json").output)
    after = json.loads(run(restored, "search", "catch", "--json").output)
    assert [h["iri"] for h in before["hits"]] == [h["iri"] for h in after["hits"]]


def test_import_refuses_bad_turtle_with_its_line(tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text(
        '@prefix ex: <http://example.org/> .\nex:a ex:b ex:c .\nex:d ex:e "unterminated .\n', "utf-8"
    )
    result = run(tmp_path / "data", "import", str(bad), "--graph", "http://example.org/g")
    assert result.exit_code == 1 and "line 3" in result.output
    assert run(
        tmp_path / "data", "sparql", "ASK { GRAPH <http://example.org/g> { ?s ?p ?o } }"
    ).output.startswith("false")


def test_user_add_then_list(tmp_path):
    added = run(
        tmp_path / "data",
        "user",
        "add",
        "ana",
        "--role",
        "editor",
        "--level",
        "internal",
        "--password-stdin",
        input="a long enough password\n",
    )
    assert added.exit_code == 0, added.output
    assert "ana: editor at internal" in added.output
    assert "ana" in run(tmp_path / "data", "user", "list").output
    refused = run(
        tmp_path / "data",
        "user",
        "add",
        "bob",
        "--level",
        "secret",
        "--password-stdin",
        input="a long enough password\n",
    )
    assert refused.exit_code != 0 and "secret" in refused.output


def test_review_list_shows_proposals_with_their_passage(tmp_path):
    from tests.minutes_fixtures import CITY_MINUTES

    minutes = tmp_path / "committee.txt"
    minutes.write_text(CITY_MINUTES, "utf-8")
    assert run(tmp_path / "data", "ingest", str(minutes)).exit_code == 0
    listed = run(tmp_path / "data", "review", "list", "--json")
    items = json.loads(listed.output)
    assert items and all(item["passage_text"] and item["status"] == "proposed" for item in items)
    key = items[0]["key"]
    accepted = run(tmp_path / "data", "review", "accept", key[:16], "--user", "ed")
    assert accepted.exit_code == 0, accepted.output
    assert key not in run(tmp_path / "data", "review", "list", "--json").output


def test_level_raises_a_documents_own_level_but_never_lowers_it(tmp_path):
    restricted = SAMPLES / "2020-03-10-bca-mc.md"
    public = SAMPLES / "2014-03-12-mfa-exco.md"
    lowered = run(tmp_path / "data", "ingest", str(restricted), "--level", "public")
    assert lowered.exit_code == 1 and "declare access level 'restricted'" in lowered.output
    raised = run(tmp_path / "data", "ingest", str(public), "--level", "internal")
    assert raised.exit_code == 0, raised.output
    query = (
        "SELECT ?l WHERE { ?r a <https://w3id.org/precedent/ontology#Record> ; "
        "<https://w3id.org/precedent/ontology#accessLevel> ?l }"
    )
    assert (
        "internal" in run(tmp_path / "data", "sparql", "--level", "internal", "--format", "csv", query).output
    )
    assert run(tmp_path / "data", "sparql", "--format", "csv", query).output.strip() == "l"
