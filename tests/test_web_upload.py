"""/ingest: editors sign in and upload minutes; the report says stored, unchanged or refused (and why)."""

from __future__ import annotations

import io

import pytest

from tests.conftest_web import PASSWORD, RESTRICTED_MINUTES, SAMPLES, csrf_from, login

SAMPLE = SAMPLES / "2014-03-12-mfa-exco.md"


@pytest.fixture(scope="module")
def upload_app(tmp_path_factory):  # type: ignore[no-untyped-def]
    from archive.archive import Archive
    from archive.config import ArchiveConfig
    from webui import create_app

    if not SAMPLE.is_file():
        pytest.skip("the sample minutes are not there")
    archive = Archive.open(ArchiveConfig(data_dir=tmp_path_factory.mktemp("upload") / "data"))
    app = create_app(archive, {"TESTING": True, "SECRET_KEY": "upload-tests", "MAX_CONTENT_LENGTH": 200_000})
    accounts = app.extensions["precedent.accounts"]
    accounts.add_user("ed", PASSWORD, "editor", "internal")
    accounts.add_user("rob", PASSWORD, "reader", "restricted")
    yield app
    archive.close()


@pytest.fixture()
def editor(upload_app):  # type: ignore[no-untyped-def]
    client = upload_app.test_client()
    login(client, "ed")
    return client


def _upload(client, name: str, data: bytes, **fields: str):  # type: ignore[no-untyped-def]
    token = csrf_from(client.get("/ingest").get_data(as_text=True))
    form = {"file": (io.BytesIO(data), name), "csrf_token": token, "level": "internal", **fields}
    return client.post("/ingest", data=form, content_type="multipart/form-data")


def test_anonymous_users_are_sent_to_sign_in_and_readers_are_refused(upload_app):
    anonymous = upload_app.test_client()
    response = anonymous.get("/ingest")
    assert response.status_code == 302 and "/login?next=/ingest" in response.headers["Location"]
    reader = upload_app.test_client()
    login(reader, "rob")
    refused = reader.get("/ingest")
    assert refused.status_code == 403 and "editor" in refused.get_data(as_text=True)


def test_editor_uploads_minutes_then_the_same_file_is_unchanged(editor, upload_app):
    first = _upload(editor, SAMPLE.name, SAMPLE.read_bytes())
    assert first.status_code == 200
    page = first.get_data(as_text=True)
    assert "MFA-EXCO-2014-03" in page and "status-stored" in page
    again = _upload(editor, SAMPLE.name, SAMPLE.read_bytes())
    assert "status-unchanged" in again.get_data(as_text=True)
    found = editor.get("/api/search?q=Tesland").get_json()
    assert found["total"] >= 1
    # stored at the chosen level (internal), so an anonymous visitor does not find it
    assert upload_app.test_client().get("/api/search?q=Tesland").get_json()["total"] == 0


def test_broken_minutes_are_refused_with_the_reason(editor):
    # a misspelt front-matter field is refused (an unreadable date alone is stored in doubt, issue #11)
    broken = SAMPLE.read_text("utf-8").replace("date: 2014-03-12", "dated: 2014-03-12")
    response = _upload(editor, "broken.md", broken.encode())
    page = response.get_data(as_text=True)
    assert response.status_code == 422 and "status-refused" in page and "field &#39;dated&#39;" in page


def test_document_above_the_editors_level_is_refused(editor):
    minutes = RESTRICTED_MINUTES.split("### Precedents")[0]  # this archive does not hold the cited decision
    response = _upload(editor, "restricted.md", minutes.encode())
    page = response.get_data(as_text=True)
    assert response.status_code == 422 and "above your clearance" in page


def test_unknown_format_and_missing_file_are_explained(editor):
    assert "cannot tell the format" in _upload(editor, "notes.xyz", b"hello").get_data(as_text=True)
    token = csrf_from(editor.get("/ingest").get_data(as_text=True))
    response = editor.post("/ingest", data={"csrf_token": token}, content_type="multipart/form-data")
    assert response.status_code == 400 and "choose a minutes file" in response.get_data(as_text=True)


def test_upload_without_csrf_token_is_refused(editor):
    response = editor.post(
        "/ingest", data={"file": (io.BytesIO(b"x"), "a.md")}, content_type="multipart/form-data"
    )
    assert response.status_code == 400


def test_upload_over_the_size_limit_is_refused(editor):
    response = _upload(editor, "big.md", b"x" * 300_000)
    assert response.status_code == 413


def test_sign_out_ends_the_session(editor):
    token = csrf_from(editor.get("/ingest").get_data(as_text=True))
    editor.post("/logout", data={"csrf_token": token})
    assert editor.get("/ingest").status_code == 302


def test_review_queue_page_for_editors(editor):
    page = editor.get("/review")
    assert page.status_code == 200 and "Review proposed facts" in page.get_data(as_text=True)


def test_level_choice_is_limited_to_the_editors_clearance(editor):
    page = editor.get("/ingest").get_data(as_text=True)
    assert '<option value="internal">' in page and '<option value="restricted">' not in page
    response = _upload(editor, SAMPLE.name, SAMPLE.read_bytes(), level="restricted")
    assert response.status_code == 400 and "not one you may write" in response.get_data(as_text=True)


def test_an_upload_without_a_chosen_level_is_refused_not_stored_public(editor, upload_app):
    token = csrf_from(editor.get("/ingest").get_data(as_text=True))
    form = {"file": (io.BytesIO(SAMPLE.read_bytes()), SAMPLE.name), "csrf_token": token}
    response = editor.post("/ingest", data=form, content_type="multipart/form-data")
    assert response.status_code == 400 and "choose the access level" in response.get_data(as_text=True)


def test_the_chosen_level_is_the_stored_level_and_never_lowers_the_minutes_own(editor, upload_app):
    internal = SAMPLE.read_text("utf-8").replace("MFA-EXCO-2014-03", "MFA-EXCO-2014-03-INT")
    stored = _upload(editor, "internal-copy.md", internal.encode(), level="internal")
    assert stored.status_code == 200 and "status-stored" in stored.get_data(as_text=True)
    archive = upload_app.extensions["precedent.archive"]
    rows = {row.identifier: row.level for row in archive.ledger.documents()}
    assert any(level == "internal" and "INT" in identifier for identifier, level in rows.items())
    declared = internal.replace("access_level: public", "access_level: internal", 1)
    if "access_level: internal" not in declared:
        declared = declared.replace("\n---", "\naccess_level: internal\n---", 1)
    lowered = _upload(editor, "declared-internal.md", declared.encode(), level="public")
    page = lowered.get_data(as_text=True)
    assert lowered.status_code == 422 and "declare access level" in page and "status-refused" in page


def test_an_upload_is_read_in_a_worker_under_memory_and_time_limits(editor, upload_app):
    from ingest.pipeline import ReadLimits

    upload_app.config["UPLOAD_LIMITS"] = ReadLimits(memory_mb=48, cpu_seconds=30, wall_seconds=60)
    try:
        starved = _upload(editor, "starved.md", SAMPLE.read_bytes())
    finally:
        upload_app.config["UPLOAD_LIMITS"] = ReadLimits(memory_mb=1024, cpu_seconds=30, wall_seconds=0.05)
    try:
        slow = _upload(editor, "slow.md", SAMPLE.read_bytes())
    finally:
        upload_app.config.pop("UPLOAD_LIMITS")
    assert starved.status_code == 422 and "status-refused" in starved.get_data(as_text=True)
    assert "48 MB" in starved.get_data(as_text=True)
    assert slow.status_code == 422 and "0.05 s in all" in slow.get_data(as_text=True)
