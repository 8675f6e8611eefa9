"""The ``precedent`` command while ``precedent serve`` runs on the same data directory: every command works
(through the server's operations), ingests queue on the one writer, and nobody but the operator gets in."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner

from precedent.cli import main

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
SAMPLE_FILES = sorted(SAMPLES.glob("*.md"))
FIRST = SAMPLE_FILES[:6]

pytestmark = pytest.mark.slow


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    env["PRECEDENT_SECRET_KEY"] = "operations-tests-" + "k" * 32
    env.pop("PRECEDENT_DATA", None)
    return env


def run(data: Path, *args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, ["--data", str(data), *args])


def command(data: Path, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "precedent", "--data", str(data), *args],
        env=_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


@pytest.fixture(scope="module")
def served(tmp_path_factory):  # type: ignore[no-untyped-def]
    """A real ``precedent serve`` process on a data directory holding six sample minutes."""
    data = tmp_path_factory.mktemp("served") / "data"
    ingested = run(data, "ingest", *map(str, FIRST), "--jobs", "1")
    assert ingested.exit_code == 0, ingested.output
    server = command(data, "serve", "--port", "0", "--threads", "6")
    announcement = data / "server.json"
    deadline = time.monotonic() + 60
    while not announcement.exists():
        if server.poll() is not None or time.monotonic() > deadline:
            server.kill()
            pytest.fail(f"precedent serve did not start: {server.communicate()[0]}")
        time.sleep(0.1)
    yield data, json.loads(announcement.read_text("utf-8"))
    server.send_signal(signal.SIGTERM)  # as systemd or docker stop it
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()
    assert not announcement.exists(), "a stopped server leaves no announcement behind"


def test_the_server_announces_itself_to_its_operator_only(served):
    data, announcement = served
    assert (data / "server.json").stat().st_mode & 0o777 == 0o600
    assert announcement["url"].startswith("http://127.0.0.1:") and len(announcement["token"]) >= 40


def test_search_and_sparql_answer_while_the_server_runs(served):
    data, _ = served
    found = run(data, "search", "catch", "--json")
    assert found.exit_code == 0, found.output
    hits = json.loads(found.output)
    assert hits["total"] > 0 and all(hit["document"] for hit in hits["hits"])
    count = run(
        data,
        "sparql",
        "--level",
        "restricted",
        "--format",
        "csv",
        "SELECT (COUNT(DISTINCT ?r) AS ?n) WHERE { ?r a <https://w3id.org/precedent/ontology#Record> }",
    )
    assert count.exit_code == 0, count.output
    assert int(count.output.splitlines()[1]) >= len(FIRST)
    table = run(data, "sparql", "ASK { ?d a <https://w3id.org/precedent/ontology#Decision> }")
    assert table.exit_code == 0 and table.output.strip() == "true"


def test_sparql_refusals_come_back_as_messages(served):
    data, _ = served
    refused = run(data, "sparql", "DELETE WHERE { ?s ?p ?o }")
    assert refused.exit_code == 1 and "read-only" in refused.output and "Traceback" not in refused.output
    unknown = run(data, "search", "catch", "--level", "secret")
    assert unknown.exit_code == 1 and "secret" in unknown.output


def test_check_and_review_list_work_while_the_server_runs(served):
    data, _ = served
    checked = run(data, "check")
    assert checked.exit_code == 0, checked.output
    assert "archive is consistent" in checked.output
    pending = run(data, "review", "list", "--json")
    assert pending.exit_code == 0 and isinstance(json.loads(pending.output), list)


def test_a_hot_dump_restores_into_a_consistent_archive(served, tmp_path):
    data, _ = served
    backup = tmp_path / "hot.nq"
    dumped = run(data, "dump", str(backup))
    assert dumped.exit_code == 0, dumped.output
    assert "by the running server" in dumped.output and backup.stat().st_size > 0
    assert (tmp_path / "hot.nq.ledger.json").is_file()
    restored = tmp_path / "restored"
    assert run(restored, "restore", str(backup)).exit_code == 0
    checked = run(restored, "check")
    assert checked.exit_code == 0 and "archive is consistent" in checked.output
    before = json.loads(run(data, "search", "catch", "--json").output)
    after = json.loads(run(restored, "search", "catch", "--json").output)
    assert before["total"] == after["total"]


def test_an_ingested_file_is_searchable_at_once(served, tmp_path):
    data, _ = served
    minutes = SAMPLES / "2014-03-12-mfa-exco.md"
    copy = tmp_path / "exco-copy.md"
    copy.write_text(minutes.read_text("utf-8").replace("MFA-EXCO-2014-03", "OPS-EXCO-COPY"), "utf-8")
    result = run(data, "ingest", str(copy), "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["stored"] == 1
    found = run(
        data,
        "sparql",
        "--format",
        "csv",
        'ASK { ?r <https://w3id.org/precedent/ontology#identifier> "OPS-EXCO-COPY" }',
    )
    assert "true" in found.output.lower()


def test_two_concurrent_ingests_both_finish(served, tmp_path):
    data, _ = served
    one, two = tmp_path / "one", tmp_path / "two"
    one.mkdir()
    two.mkdir()
    for path in SAMPLE_FILES[6:]:
        shutil.copy(path, one / path.name)
    for path in FIRST:  # copies under new identifiers, so both runs store something
        text = path.read_text("utf-8")
        identifier = re.search(r"^identifier: (\S+)$", text, re.MULTILINE)
        assert identifier is not None
        (two / path.name).write_text(text.replace(identifier[1], "COPY-" + identifier[1]), "utf-8")
    first, second = command(data, "ingest", str(one)), command(data, "ingest", str(two))
    outputs = [process.communicate(timeout=300)[0] for process in (first, second)]
    assert first.returncode == 0 and second.returncode == 0, outputs
    assert f"{len(SAMPLE_FILES) - len(FIRST)} stored" in outputs[0]
    assert f"{len(FIRST)} stored" in outputs[1]


def _post(url: str, path: str, headers: dict[str, str]) -> int:
    request = urllib.request.Request(
        url + path, data=b'{"files": []}', headers={"Content-Type": "application/json", **headers}
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_anonymous_and_proxied_clients_cannot_ingest_or_dump(served):
    _, announcement = served
    url, token = announcement["url"], announcement["token"]
    for path in ("/operations/ingest", "/operations/dump", "/operations/check"):
        assert _post(url, path, {}) == 404
        assert _post(url, path, {"Authorization": "Bearer " + token[:-1] + "x"}) == 404
    assert _post(url, "/operations/ingest", {"Authorization": "Bearer " + token}) == 200


def test_the_operators_token_counts_only_from_loopback_and_not_through_a_proxy(tmp_path):
    from archive import Archive, ArchiveConfig
    from webui import create_app

    with Archive.open(ArchiveConfig(data_dir=tmp_path / "data")) as archive:
        token = "t" * 43
        app = create_app(archive, {"TESTING": True, "SECRET_KEY": "s" * 32, "OPERATIONS_TOKEN": token})
        client = app.test_client()
        bearer = {"Authorization": "Bearer " + token}
        assert client.post("/operations/check", headers=bearer).status_code == 200
        remote = client.post("/operations/check", headers=bearer, environ_base={"REMOTE_ADDR": "203.0.113.9"})
        assert remote.status_code == 404
        proxied = client.post("/operations/check", headers={**bearer, "X-Forwarded-For": "203.0.113.9"})
        assert proxied.status_code == 404
        untokened = create_app(archive, {"TESTING": True, "SECRET_KEY": "s" * 32}).test_client()
        assert untokened.post("/operations/check", headers=bearer).status_code == 404


def test_a_dead_servers_announcement_is_ignored(tmp_path):
    data = tmp_path / "data"
    assert run(data, "ingest", str(FIRST[0]), "--jobs", "1").exit_code == 0
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    (data / "server.json").write_text(
        json.dumps({"url": "http://127.0.0.1:9", "pid": dead.pid, "token": "x" * 43}), "utf-8"
    )
    found = run(data, "search", "catch", "--json")
    assert found.exit_code == 0, found.output


def test_a_dry_run_beside_the_server_prints_turtle_and_stores_nothing(served, tmp_path):
    data, _ = served
    minutes = SAMPLES / "2014-03-12-mfa-exco.md"
    copy = tmp_path / "dry.md"
    copy.write_text(minutes.read_text("utf-8").replace("MFA-EXCO-2014-03", "OPS-DRY-RUN"), "utf-8")
    result = run(data, "ingest", str(copy), "--dry-run")
    assert result.exit_code == 0, result.output
    assert "prec:Decision" in result.output and "OPS-DRY-RUN" in result.output
    asked = run(data, "sparql", 'ASK { ?r <https://w3id.org/precedent/ontology#identifier> "OPS-DRY-RUN" }')
    assert asked.output.strip() == "false"


def test_a_refusal_through_the_server_names_the_file_and_exits_non_zero(served, tmp_path):
    data, _ = served
    broken = tmp_path / "2099-01-01-broken.md"
    broken.write_text(FIRST[0].read_text("utf-8").replace("date:", "date: not-a-date\nwhen:", 1), "utf-8")
    result = run(data, "ingest", str(broken))
    assert result.exit_code == 1
    assert f"refused  {broken}" in result.output and "date" in result.output


def test_review_decisions_and_commands_that_need_the_archive_alone_say_so(served, tmp_path):
    from tests.minutes_fixtures import CITY_MINUTES

    data, announcement = served
    minutes = tmp_path / "committee.txt"
    minutes.write_text(CITY_MINUTES, "utf-8")
    assert run(data, "ingest", str(minutes)).exit_code == 0
    items = json.loads(run(data, "review", "list", "--json").output)
    assert items and all(item["passage_text"] and item["status"] == "proposed" for item in items)
    key = items[0]["key"]
    accepted = run(data, "review", "accept", key[:16], "--user", "ed")
    assert accepted.exit_code == 0, accepted.output
    assert key not in run(data, "review", "list", "--json").output
    reindex = run(data, "reindex")
    assert reindex.exit_code == 1 and f"process {announcement['pid']}" in reindex.output
    assert "stop it" in reindex.output and "Traceback" not in reindex.output
