"""The ``precedent`` command beside a real ``precedent serve`` whose user SPARQL caps are tiny.

* ``ingest --dry-run`` checks precedent links against every known decision: the archive's own lookup
  (``/operations/decisions``), never the user query path whose row cap would cut the list;
* ``sparql`` says which cap cut an answer short, the rows or the bytes, with or without the server;
* ``ingest`` through the server names the documents stored with doubts, as without it.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from precedent.cli import main
from tests.test_cli_serve import FIRST, SAMPLES, command, run

pytestmark = pytest.mark.slow

EARLIER = SAMPLES / "2014-03-12-mfa-exco.md"
#: cites MFA-EXCO-2014-03/D1 (``reverses:``), so reading it needs the archive's known decisions
LATER = SAMPLES / "2018-05-22-mfa-exco.md"
#: the server's and the CLI's user queries answer at most this many rows and bytes
CAPS = {"PRECEDENT_MAX_ROWS": "2", "PRECEDENT_MAX_RESULT_BYTES": "300"}
MANY_ROWS = "SELECT ?s WHERE { ?s ?p ?o }"
#: one row of one 400-character literal: over the byte cap before the row cap
BIG_ROW = "SELECT ?text WHERE { BIND(CONCAT(" + ", ".join(['"' + "x" * 100 + '"'] * 4) + ") AS ?text) }"


@pytest.fixture(scope="module")
def capped(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    data = tmp_path_factory.mktemp("capped") / "data"
    ingested = run(data, "ingest", *map(str, FIRST), "--jobs", "1")
    assert ingested.exit_code == 0, ingested.output
    assert EARLIER in FIRST and LATER not in FIRST
    with pytest.MonkeyPatch.context() as patch:
        for name, value in CAPS.items():
            patch.setenv(name, value)
        server = command(data, "serve", "--port", "0", "--threads", "4")
    announcement = data / "server.json"
    deadline = time.monotonic() + 60
    while not announcement.exists():
        if server.poll() is not None or time.monotonic() > deadline:
            server.kill()
            pytest.fail(f"precedent serve did not start: {server.communicate()[0]}")
        time.sleep(0.1)
    yield data
    server.send_signal(signal.SIGTERM)
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def test_a_dry_run_beside_the_server_sees_every_known_decision_past_the_user_row_cap(capped):
    capped_answer = run(capped, "sparql", MANY_ROWS, "--level", "restricted")
    assert capped_answer.exit_code == 0 and "(truncated at 2 rows)" in capped_answer.output
    result = run(capped, "ingest", str(LATER), "--dry-run")
    assert result.exit_code == 0, result.output
    # the link to the earlier decision is kept, not withdrawn as unknown
    assert "MFA-EXCO-2014-03" in result.output and "neither in this file nor" not in result.output
    asked = run(
        capped, "sparql", 'ASK { ?r <https://w3id.org/precedent/ontology#identifier> "MFA-EXCO-2018-05" }'
    )
    assert asked.output.strip() == "false"  # a dry run stores nothing


@pytest.mark.parametrize("fmt", ["table", "csv"])
def test_sparql_through_the_server_says_which_cap_cut_the_answer(capped, fmt):
    by_rows = run(capped, "sparql", MANY_ROWS, "--format", fmt)
    assert by_rows.exit_code == 0, by_rows.output
    assert "(truncated at 2 rows)" in by_rows.output and "bytes" not in by_rows.output
    by_bytes = run(capped, "sparql", BIG_ROW, "--format", fmt)
    assert by_bytes.exit_code == 0, by_bytes.output
    assert "x" * 100 not in by_bytes.output  # the row did not fit
    assert "truncated at 2 rows" not in by_bytes.output
    assert "(truncated at 300 bytes of results" in by_bytes.output


def test_sparql_without_a_server_says_which_cap_cut_the_answer(tmp_path):
    data = tmp_path / "data"
    assert run(data, "ingest", str(EARLIER)).exit_code == 0
    env = {**CAPS, "PRECEDENT_DATA": None}
    by_bytes = CliRunner().invoke(main, ["--data", str(data), "sparql", BIG_ROW], env=env)
    assert by_bytes.exit_code == 0, by_bytes.output
    assert "(truncated at 300 bytes of results" in by_bytes.output
    assert "truncated at 2 rows" not in by_bytes.output
    by_rows = CliRunner().invoke(main, ["--data", str(data), "sparql", MANY_ROWS], env=env)
    assert "(truncated at 2 rows)" in by_rows.output and "bytes" not in by_rows.output
    assert os.environ.get("PRECEDENT_MAX_ROWS") != "2"  # the caps stayed in these invocations


def test_an_ingest_through_the_server_names_documents_stored_with_doubts(capped, tmp_path):
    from tests.test_ingest_doubts import IDENTIFIER, undated

    # a fresh identifier: the archive already holds the dated sample (FIRST)
    path = undated(tmp_path)
    path.write_text(path.read_text("utf-8").replace(IDENTIFIER, "OPS-UNDATED"), "utf-8")
    result = run(capped, "ingest", str(path))
    assert result.exit_code == 0, result.output
    assert "1 stored" in result.output and "stored with doubts: 1 (" in result.output
    assert any(line.startswith("doubts ") and "OPS-UNDATED" in line for line in result.output.splitlines())
    summary = json.loads(run(capped, "ingest", str(path), "--json").output)
    assert summary["unchanged"] == 1 and summary["stored_with_doubts"] == 0 and summary["in_doubt"] == []
