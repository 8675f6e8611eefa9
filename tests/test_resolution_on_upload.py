"""Uploads through the server run the actor resolution pass ``precedent ingest`` runs (issue #12).

Two minutes of one body in one year name "Ana Rivera" and "Rivera". Stored by a web upload (``/ingest``)
or by the server's ``/operations/ingest`` (what ``precedent ingest`` uses while a server runs), they leave
one person, as after ``precedent ingest``; an editor's split is kept when the same files come again.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from archive import Archive, ArchiveConfig
from tests.conftest_web import PASSWORD, csrf_from, login

MINUTES = """---
identifier: {identifier}
title: Harbour Board, meeting of {day} March 2014
body:
  name: Harbour Board
date: 2014-03-{day}
chair: {chair}
attendees:
  - name: {attendee}
  - name: Ben Okafor
access_level: public
---

# Harbour Board, {day} March 2014

## 1. Opening

The chair opened the meeting.
"""

FIRST = MINUTES.format(identifier="HB-2014-03-04", day="04", chair="Ana Rivera", attendee="Ana Rivera")
SECOND = MINUTES.format(identifier="HB-2014-03-18", day="18", chair="Rivera", attendee="Rivera")
TOKEN = "t" * 43


def named(archive: Archive, name: str) -> set[str]:
    query = (
        "SELECT DISTINCT ?a WHERE { ?a <http://www.w3.org/2000/01/rdf-schema#label>|"
        f'<http://www.w3.org/2004/02/skos/core#altLabel> "{name}" }}'
    )
    return {str(row["a"]) for row in archive.store("public").select(query)}


@pytest.fixture()
def served(tmp_path: Path):  # type: ignore[no-untyped-def]
    from webui import create_app

    archive = Archive.open(ArchiveConfig(data_dir=tmp_path / "data"))
    app = create_app(archive, {"TESTING": True, "SECRET_KEY": "r" * 32, "OPERATIONS_TOKEN": TOKEN})
    app.extensions["precedent.accounts"].add_user("ed", PASSWORD, "editor", "public")
    yield archive, app
    archive.close()


def upload(client, name: str, text: str) -> str:  # type: ignore[no-untyped-def]
    token = csrf_from(client.get("/ingest").get_data(as_text=True))
    form = {"file": (io.BytesIO(text.encode()), name), "csrf_token": token, "level": "public"}
    response = client.post("/ingest", data=form, content_type="multipart/form-data")
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_data(as_text=True)


def test_a_web_upload_merges_the_surname_into_the_full_name(served):
    archive, app = served
    client = app.test_client()
    login(client, "ed")
    assert "status-stored" in upload(client, "first.md", FIRST)
    assert "status-stored" in upload(client, "second.md", SECOND)
    (merge,) = archive.ledger.actor_merges()
    (ana,) = named(archive, "Ana Rivera")
    assert (merge.status, merge.canonical, merge.alias.endswith("/rivera")) == ("merged", ana, True)
    assert named(archive, "Rivera") == {ana}
    assert archive.check().ok


def test_an_editors_split_survives_the_same_upload_again(served):
    archive, app = served
    client = app.test_client()
    login(client, "ed")
    upload(client, "first.md", FIRST)
    upload(client, "second.md", SECOND)
    (merge,) = archive.ledger.actor_merges("merged")
    ana, rivera = merge.canonical, merge.alias
    with archive.writer("ed") as writer:
        writer.decide_actors(rivera, ana, "rejected")
    # the split asks for the documents naming them to be read again: the editor uploads them again,
    # changed, so that they are stored (an unchanged file is not re-put) and the pass runs again
    upload(client, "first.md", FIRST.replace("The chair opened", "The chair, on time, opened"))
    upload(client, "second.md", SECOND.replace("The chair opened", "The chair, on time, opened"))
    assert named(archive, "Rivera") == {rivera}
    assert named(archive, "Ana Rivera") == {ana}
    assert archive.ledger.actor_merge(rivera).status == "rejected"


def test_an_editors_merge_survives_reingest_through_the_server(served, tmp_path: Path):
    """A pair merged by an editor stays merged when its documents are ingested again."""
    archive, app = served
    client = app.test_client()
    bearer = {"Authorization": "Bearer " + TOKEN}
    first, second = tmp_path / "first.md", tmp_path / "second.md"
    first.write_text(FIRST, "utf-8")
    # another body and decade: no shared context, so the pass only proposes the pair to editors
    second.write_text(
        SECOND.replace("Harbour Board", "Quay Trust").replace("2014-03-18", "1990-03-18"), "utf-8"
    )

    def ingest() -> dict:
        body = {"files": [[str(first), "markdown"], [str(second), "markdown"]], "jobs": 1}
        response = client.post("/operations/ingest", json=body, headers=bearer)
        assert response.status_code == 200
        lines = [json.loads(line) for line in response.get_data(as_text=True).splitlines() if line]
        (report,) = [line["report"] for line in lines if "report" in line]
        return report

    assert ingest()["stored"] == 2
    (proposed,) = archive.ledger.actor_merges("proposed")
    ana, rivera = proposed.canonical, proposed.alias
    assert named(archive, "Ana Rivera") == {ana} and named(archive, "Rivera") == {rivera}
    with archive.writer("ed") as writer:
        writer.decide_actors(rivera, ana, "merged")
    assert named(archive, "Rivera") == {ana}
    second.write_text(
        second.read_text("utf-8").replace("The chair opened", "The chair, late, opened"), "utf-8"
    )
    assert ingest()["stored"] == 1  # the reader mints "Rivera" again; the writer maps it to Ana Rivera
    assert named(archive, "Rivera") == {ana}
    assert archive.ledger.actor_merge(rivera).status == "merged"
    assert archive.check().ok


def test_an_upload_resolves_only_the_actors_it_names(served, tmp_path: Path):
    """Actors an upload did not touch are left to the next whole pass (the upload page does not wait for
    the archive's merges); the actors it names are resolved against the whole archive at once."""
    from ingest.pipeline import ingest as run_pipeline
    from ingest.pipeline import plan
    from precedent.ingesting import operator_clearance

    archive, app = served
    for name, text in (("first.md", FIRST), ("second.md", SECOND)):  # stored without a resolution pass
        (tmp_path / name).write_text(text, encoding="utf-8")
    files, refused = plan([tmp_path / "first.md", tmp_path / "second.md"], None)
    assert refused == []
    run_pipeline(
        files,
        archive.writer("cli"),
        clearance=operator_clearance(archive.config.levels, None),
        base_iri=archive.config.base_iri,
        workers=1,
    )
    assert len(named(archive, "Rivera") | named(archive, "Ana Rivera")) == 2
    client = app.test_client()
    login(client, "ed")
    unrelated = MINUTES.format(identifier="HB-2014-03-25", day="25", chair="Ben Okafor", attendee="Chidi Obi")
    unrelated = unrelated.replace("  - name: Ben Okafor\n", "")
    assert "status-stored" in upload(client, "third.md", unrelated)
    assert archive.ledger.actor_merges() == []  # Rivera and Ana Rivera were not named by this upload
    again = MINUTES.format(identifier="HB-2014-03-28", day="28", chair="Rivera", attendee="Rivera")
    assert "status-stored" in upload(client, "fourth.md", again)
    (merge,) = archive.ledger.actor_merges()
    assert merge.status == "merged" and named(archive, "Rivera") == named(archive, "Ana Rivera")
