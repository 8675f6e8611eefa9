"""The earlier upload cases against a live ``precedent serve``: bombs and DOCTYPEs refused, nothing of a
refused upload stored, and readers cannot upload at all. (Levels of uploads: tests/test_web_upload.py.)"""

from __future__ import annotations

import io
import uuid
import zipfile

import pytest

from tests.conftest_web import PASSWORD
from tests.security.live import Answer, Browser, ServeProcess

pytestmark = pytest.mark.slow  # live servers and processes; still run in CI

MARKER = "Zorblaxian"

BILLION_LAUGHS = f"""<?xml version="1.0"?>
<!DOCTYPE TEI [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>{MARKER} &lol9;</title>
</titleStmt></fileDesc></teiHeader><text><body><p>{MARKER}</p></body></text></TEI>
"""

EXTERNAL_ENTITY = f"""<?xml version="1.0"?>
<!DOCTYPE TEI [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>{MARKER} &secret;</title>
</titleStmt></fileDesc></teiHeader><text><body><p>{MARKER}</p></body></text></TEI>
"""


def _zip_bomb() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"<w:document>" + b"\0" * (300 * 1024 * 1024))
    return buffer.getvalue()


def upload(browser: Browser, site: ServeProcess, name: str, data: bytes, **fields: str) -> Answer:
    page = browser.get(site, "/ingest").text
    marker = 'name="csrf_token" value="'
    start = page.index(marker) + len(marker)
    fields["csrf_token"] = page[start : page.index('"', start)]
    boundary = uuid.uuid4().hex
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode()
        for k, v in fields.items()
    ]
    parts.append(
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{name}"\r\n'
        "Content-Type: application/octet-stream\r\n\r\n".encode()
        + data
        + b"\r\n"
    )
    body = b"".join(parts) + f"--{boundary}--\r\n".encode()
    return browser.request(
        site, "POST", "/ingest", body, {"Content-Type": f"multipart/form-data; boundary={boundary}"}
    )


@pytest.fixture(scope="module")
def editor(server):
    browser = Browser("127.0.0.40")
    assert browser.sign_in(server, "ed", PASSWORD).status == 302
    return browser


def _nothing_stored(server) -> None:
    reader = Browser("127.0.0.41")
    assert reader.sign_in(server, "rita", PASSWORD).status == 302
    assert MARKER not in reader.get(server, f"/api/search?q={MARKER}").text.replace(f'"{MARKER}"', "")
    total = reader.get(server, f"/api/search?q={MARKER}", headers={"Accept": "application/json"}).text
    assert '"total":0' in total.replace(" ", "")


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("laughs.xml", BILLION_LAUGHS.encode()),
        ("entity.xml", EXTERNAL_ENTITY.encode()),
        ("bomb.docx", None),
    ],
)
def test_a_hostile_upload_is_refused_and_leaves_nothing(server, editor, name, data):
    answer = upload(editor, server, name, data if data is not None else _zip_bomb(), level="internal")
    assert 400 <= answer.status < 500, (answer.status, answer.text[:300])
    assert answer.seconds < 30
    assert "root:" not in answer.text
    _nothing_stored(server)
    assert Browser().get(server, "/healthz").status == 200


def test_anonymous_and_readers_cannot_upload(server):
    anonymous = Browser("127.0.0.42").get(server, "/ingest")
    assert anonymous.status == 302 and "/login" in anonymous.headers["location"]
    reader = Browser("127.0.0.43")
    assert reader.sign_in(server, "ivy", PASSWORD).status == 302
    assert reader.get(server, "/ingest").status == 403
