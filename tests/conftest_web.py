"""Fixtures for the web UI tests: one real archive built from the sample minutes (plus one restricted
document written here), the Flask app over it, accounts, and a live waitress server.

Test modules import the fixtures they use from here (``from tests.conftest_web import ...``).
"""

from __future__ import annotations

import shutil
import socket
import threading
import time
import urllib.request
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
SECRET_WORD = "Quillfeather"
RESTRICTED_ID = "SEC-RST-2016-03"
RESTRICTED_DECISION = f"{RESTRICTED_ID}/D1"
PASSWORD = "correct horse battery"

#: A restricted meeting that cites a public decision: the citation must exist only at "restricted".
RESTRICTED_MINUTES = f"""---
identifier: {RESTRICTED_ID}
title: {SECRET_WORD} Oversight Panel, meeting of 8 March 2016
body:
  name: {SECRET_WORD} Oversight Panel
  organisation: Directorate of {SECRET_WORD} Intelligence
organisations:
  - name: Directorate of {SECRET_WORD} Intelligence
    type: agency
date: 2016-03-08
chair: Ingrid {SECRET_WORD}
attendees:
  - name: Ingrid {SECRET_WORD}
    post: Director
    organisation: Directorate of {SECRET_WORD} Intelligence
access_level: restricted
topics: [fisheries]
---

# {SECRET_WORD} Oversight Panel

## 1. Covert inspection of the Northern Banks fleet

### Discussion
The Director proposed covert inspections under operation {SECRET_WORD}.

### Decision
id: {RESTRICTED_DECISION}
title: Covert {SECRET_WORD} inspections of the Northern Banks fleet
text: The Panel authorises covert {SECRET_WORD} inspections of vessels fishing the Northern Banks.
decided by: Ingrid {SECRET_WORD}
method: executive

### Precedents
- implements: AFA-BRD-2016-02/D1
"""


def build_archive(data_dir: Path, extra: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    """Open a fresh archive in ``data_dir`` and store the samples (and ``extra`` name → Markdown) in it."""
    from archive.archive import Archive
    from archive.config import ArchiveConfig
    from ingest.document import ReaderError
    from ingest.minutes import markdown

    try:
        from ingest.resolve import Resolver
    except ImportError:  # pragma: no cover - the resolver is optional for the reader
        Resolver = None  # type: ignore[assignment,misc]

    config = ArchiveConfig(data_dir=data_dir)
    archive = Archive.open(config)
    files = sorted(SAMPLES.glob("*.md"))
    for name, text in (extra or {}).items():
        path = data_dir.parent / name
        path.write_text(text, "utf-8")
        files.append(path)
    resolver = Resolver(config.minter) if Resolver else None
    known = set()
    for path in files:
        for line in path.read_text("utf-8").splitlines():
            if line.startswith("id: "):
                known.add(line[4:].strip())
    with archive.writer("tests") as writer:
        for path in files:
            for item in markdown.read(
                path, minter=config.minter, resolver=resolver, known_decisions=known.__contains__
            ):
                if isinstance(item, ReaderError):
                    # The reader's own tests judge refusals; the web tests need the archive either way.
                    warnings.warn(f"sample {path.name} is refused: {item}", stacklevel=1)
                    continue
                writer.put(item)
    return archive


@pytest.fixture(scope="session")
def web_archive(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    if not list(SAMPLES.glob("*.md")):
        pytest.skip("the sample minutes (samples/*.md) are not there")
    root = tmp_path_factory.mktemp("web-archive")
    archive = build_archive(root / "data", {"restricted.md": RESTRICTED_MINUTES})
    yield archive
    archive.close()


@pytest.fixture(scope="session")
def app(web_archive):  # type: ignore[no-untyped-def]
    from webui import create_app

    application = create_app(web_archive, {"TESTING": True, "SECRET_KEY": "tests-only-secret"})
    accounts = application.extensions["precedent.accounts"]
    accounts.add_user("rita", PASSWORD, "reader", "restricted")
    accounts.add_user("ed", PASSWORD, "editor", "public")
    accounts.add_user("ivy", PASSWORD, "reader", "internal")
    return application


@pytest.fixture()
def client(app):  # type: ignore[no-untyped-def]
    return app.test_client()


def login(client, name: str, password: str = PASSWORD):  # type: ignore[no-untyped-def]
    """Sign ``client`` in through the real form (CSRF token included)."""
    page = client.get("/login")
    token = csrf_from(page.get_data(as_text=True))
    response = client.post("/login", data={"name": name, "password": password, "csrf_token": token})
    assert response.status_code == 302, response.get_data(as_text=True)[:500]
    return response


def csrf_from(html: str) -> str:
    marker = 'name="csrf_token" value="'
    start = html.index(marker) + len(marker)
    return html[start : html.index('"', start)]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class LiveServer:
    """A waitress server in a daemon thread on a free 127.0.0.1 port."""

    def __init__(self, app) -> None:  # type: ignore[no-untyped-def]
        from waitress.server import create_server

        self.port = free_port()
        self.server = create_server(app, host="127.0.0.1", port=self.port, threads=4)
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.thread.start()
        self.url = f"http://127.0.0.1:{self.port}"
        deadline = time.monotonic() + 10
        while True:
            try:
                urllib.request.urlopen(self.url + "/healthz", timeout=2).read()
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.05)

    def stop(self) -> None:
        self.server.close()


# --- browser tests (Playwright driving Debian's chromium) ---------------------------------------------

CHROMIUM = "/usr/bin/chromium"
SCREENSHOTS = ROOT / "docs" / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="module")
def live(app):  # type: ignore[no-untyped-def]
    """The web app served on 127.0.0.1 for one test module's browser."""
    server = LiveServer(app)
    yield server
    server.stop()


@pytest.fixture(scope="module")
def browser():  # type: ignore[no-untyped-def]
    """Debian's chromium, headless, for one test module (skipped where it is not installed)."""
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        pytest.skip("Debian's chromium is not installed")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield instance
        instance.close()


@pytest.fixture()
def page(browser):  # type: ignore[no-untyped-def]
    """A fresh tab in a fresh context (1280×900, downloads allowed)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    tab = context.new_page()
    yield tab
    context.close()
