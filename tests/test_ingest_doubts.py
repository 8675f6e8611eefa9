"""A document stored with doubts is said to be so: ``precedent ingest`` (text and ``--json``) and the upload
page count it apart and name it, with the number of facts sent to the review queue, so the operator
knows to visit ``precedent review list`` or ``/review``.

The document: a real sample whose date was made unreadable; the Markdown reader stores it with what it
could read, marks the record uncertain and sends its undated facts to review (issue #11).
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from precedent.cli import main
from tests.conftest import SHARED_DATA
from tests.conftest_web import PASSWORD, SAMPLES, csrf_from, login

SAMPLE = SAMPLES / "2014-03-12-mfa-exco.md"
CLEAN = SAMPLES / "2014-11-04-mof-bb.md"
IDENTIFIER = "MFA-EXCO-2014-03"


def undated(folder: Path) -> Path:
    text = SAMPLE.read_text("utf-8")
    assert "\ndate: 2014-03-12\n" in text
    path = folder / "undated.md"
    path.write_text(text.replace("\ndate: 2014-03-12\n", "\ndate: sometime in March\n"), "utf-8")
    return path


def run(data: Path, *args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, ["--data", str(data), *args], env={"PRECEDENT_DATA": None})


def pending(data: Path) -> list[dict[str, object]]:
    listed = run(data, "review", "list", "--json")
    assert listed.exit_code == 0, listed.output
    return [item for item in json.loads(listed.output) if item["identifier"] == IDENTIFIER]


def test_the_ingest_summary_counts_and_names_documents_stored_with_doubts(tmp_path):
    data = tmp_path / "data"
    result = run(data, "ingest", str(undated(tmp_path)), str(CLEAN), "--jobs", "1")
    assert result.exit_code == 0, result.output
    waiting = pending(data)
    assert waiting, "the undated facts wait in the review queue"
    facts = len(waiting)
    assert "2 stored, 0 unchanged, 0 refused" in result.output  # the old line keeps its meaning
    assert f"stored with doubts: 1 ({facts} facts sent to review)" in result.output
    assert "precedent review list" in result.output
    named = [line for line in result.output.splitlines() if line.startswith("doubts ")]
    assert len(named) == 1 and IDENTIFIER in named[0] and "date" in named[0], named
    assert "MOF-BB" not in "\n".join(named)  # the document read without doubt is not listed

    again = run(data, "ingest", str(undated(tmp_path)))
    assert again.exit_code == 0 and "1 unchanged" in again.output
    assert "stored with doubts" not in again.output  # nothing new was stored


def test_the_json_summary_adds_the_doubts_and_keeps_every_field(tmp_path):
    data = tmp_path / "data"
    result = run(data, "ingest", str(undated(tmp_path)), str(CLEAN), "--jobs", "1", "--json")
    assert result.exit_code == 0, result.output
    summary = json.loads(result.output)
    for name in (
        "documents",
        "stored",
        "unchanged",
        "refused",
        "decisions",
        "persons",
        "triples",
        "unresolved_mentions",
        "seconds",
        "documents_per_second",
    ):
        assert name in summary, name
    assert summary["documents"] == 2 and summary["stored"] == 2 and summary["refused"] == []
    assert summary["stored_with_doubts"] == 1
    assert summary["facts_to_review"] == len(pending(data))
    [doubt] = summary["in_doubt"]
    assert doubt["identifier"] == IDENTIFIER and doubt["uncertain"] is True
    assert doubt["facts_to_review"] == summary["facts_to_review"] and "date" in doubt["why"]


@pytest.fixture()
def upload_app(tmp_path):  # type: ignore[no-untyped-def]
    from archive.archive import Archive
    from archive.config import ArchiveConfig
    from webui import create_app

    archive = Archive.open(ArchiveConfig(data_dir=tmp_path / "data"))
    app = create_app(archive, {"TESTING": True, "SECRET_KEY": "doubt-tests"})
    app.extensions["precedent.accounts"].add_user("ed", PASSWORD, "editor", "internal")
    yield app, archive
    archive.close()


def test_the_upload_page_says_which_documents_were_stored_with_doubts(upload_app, tmp_path):
    app, archive = upload_app
    editor = app.test_client()
    login(editor, "ed")
    path = undated(tmp_path)
    token = csrf_from(editor.get("/ingest").get_data(as_text=True))
    form = {"file": (io.BytesIO(path.read_bytes()), path.name), "csrf_token": token, "level": "internal"}
    response = editor.post("/ingest", data=form, content_type="multipart/form-data")
    page = response.get_data(as_text=True)
    assert response.status_code == 200, page
    facts = len([p for p in archive.review.pending("internal") if p.identifier == IDENTIFIER])
    assert facts > 0
    assert "status-stored" in page and "with doubts" in page
    assert f"Stored with doubts: 1 ({facts} facts sent to review)" in page
    assert 'href="/review"' in page and IDENTIFIER in page
    # the clean sample: stored, and no word of doubt
    token = csrf_from(editor.get("/ingest").get_data(as_text=True))
    form = {"file": (io.BytesIO(CLEAN.read_bytes()), CLEAN.name), "csrf_token": token, "level": "internal"}
    clean = editor.post("/ingest", data=form, content_type="multipart/form-data").get_data(as_text=True)
    assert "status-stored" in clean and "doubt" not in clean.lower()


def test_a_long_list_of_documents_with_doubts_is_cut_and_says_where_the_rest_are(tmp_path, monkeypatch):
    """A folder of real FOMC minutes: each minutes file sends its broad-tier candidates to review, so the
    summary names the first documents and counts the rest; ``--json`` still lists them all."""
    import precedent.cli

    monkeypatch.setattr(precedent.cli, "DOUBTS_LISTED", 5)
    result = run(tmp_path / "data", "ingest", str(SHARED_DATA / "fomc"))
    assert result.exit_code == 0, result.output
    named = [line for line in result.output.splitlines() if line.startswith("doubts ")]
    total = int(result.output.split("stored with doubts: ")[1].split(" ")[0])
    assert total > 5, result.output
    assert len(named) == 6 and named[-1].startswith(f"doubts   … and {total - 5} more documents"), named
    assert "precedent review list" in named[-1]

    again = run(tmp_path / "json", "ingest", str(SHARED_DATA / "fomc"), "--json")
    assert len(json.loads(again.output)["in_doubt"]) == total
