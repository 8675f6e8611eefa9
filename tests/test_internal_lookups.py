"""The archive's own lookups (the decisions an ingest may link to) never take the users' SPARQL path.

User SPARQL has its own worker pool, row and byte caps and per-client fair-use budgets
(``webui.fair_use``). An upload, or ``precedent ingest --dry-run`` beside a running server, looks up the
archive's known decisions on the internal query path instead: so it neither waits behind anonymous
users' queries, nor is charged to the uploader's budget, nor sees a list cut at the user row cap
(the dry run: ``tests/test_cli_capped_server.py``).
"""

from __future__ import annotations

import io
import time
from pathlib import Path

import pytest

from tests.conftest_web import PASSWORD, SAMPLES, csrf_from, login

EARLIER = SAMPLES / "2014-03-12-mfa-exco.md"
#: cites MFA-EXCO-2014-03/D1 (``reverses:``), so reading it needs the archive's known decisions
LATER = SAMPLES / "2018-05-22-mfa-exco.md"
QUERY = "SELECT * WHERE { ?s ?p ?o } LIMIT 1"


@pytest.fixture()
def busy_app(tmp_path, monkeypatch):  # type: ignore[no-untyped-def]
    from archive.archive import Archive
    from archive.config import ArchiveConfig
    from webui import create_app

    if not (EARLIER.is_file() and LATER.is_file()):
        pytest.skip("the sample minutes are not there")
    monkeypatch.setenv("PRECEDENT_QUERY_WORKERS", "1")  # one user query worker per store
    archive = Archive.open(ArchiveConfig(data_dir=tmp_path / "data", query_timeout=2.0))
    app = create_app(
        archive,
        {
            "TESTING": True,
            "SECRET_KEY": "lookup-tests",
            # one SPARQL slot for the whole server, one query and a sliver of query time per client
            "SPARQL_SLOTS": 1,
            "SPARQL_CLIENT_QUERIES": 1,
            "SPARQL_CLIENT_SECONDS": 0.001,
            "SPARQL_CLIENT_WINDOW": 3600,
        },
    )
    app.extensions["precedent.accounts"].add_user("ed", PASSWORD, "editor", "internal")
    yield app, archive
    archive.close()


def _upload(client, path: Path):  # type: ignore[no-untyped-def]
    token = csrf_from(client.get("/ingest").get_data(as_text=True))
    form = {"file": (io.BytesIO(path.read_bytes()), path.name), "csrf_token": token, "level": "internal"}
    return client.post("/ingest", data=form, content_type="multipart/form-data")


def test_an_upload_is_stored_while_user_sparql_is_exhausted_everywhere(busy_app):
    from archive.query_worker import pool_for
    from webui.fair_use import client_key

    app, archive = busy_app
    editor = app.test_client()
    login(editor, "ed")
    first = _upload(editor, EARLIER)
    assert first.status_code == 200 and "status-stored" in first.get_data(as_text=True)

    fair = app.extensions["precedent.fair_use"]
    with fair.admit(client_key("ed", None)):
        time.sleep(0.01)  # the editor's query-time budget is spent
    assert editor.get("/sparql", query_string={"query": QUERY}).status_code == 429

    # every user SPARQL slot and the store's only user query worker are taken, as by a long anonymous query
    store = archive.store("internal")
    pool = pool_for(Path(store.path), archive.config.query_memory_mb)
    worker = pool._acquire(time.monotonic() + 30, 30)
    try:
        with fair.admit(client_key(None, "192.0.2.7")):
            anonymous = app.test_client().get("/sparql", query_string={"query": QUERY})
            assert anonymous.status_code == 503
            # a lookup on the user path would get 429/503 or wait out the busy worker (QueryTimeout)
            second = _upload(editor, LATER)
    finally:
        pool._release(worker, healthy=True)
    page = second.get_data(as_text=True)
    assert second.status_code == 200, page
    assert "MFA-EXCO-2018-05" in page and "status-stored" in page
    stored = archive.ledger.document("MFA-EXCO-2018-05")
    assert stored is not None and stored.status == "stored" and stored.level == "internal"
    assert editor.get("/sparql", query_string={"query": QUERY}).status_code == 429  # nothing refilled it
