"""The review queue end to end in Debian's Chromium: a plain-text minutes file whose reader proposes
low-confidence facts, an editor who accepts one and rejects another, and what the public then sees."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from rdflib import Graph

from tests.conftest_web import CHROMIUM, CHROMIUM_ARGS, PASSWORD, LiveServer
from tests.minutes_fixtures import CITY_MINUTES

pytestmark = [pytest.mark.browser, pytest.mark.slow]

# Two sentences the text reader can only guess at ("Members agreed…"), so two facts wait for review.
MINUTES = CITY_MINUTES.replace(
    "Members agreed that the pilot in Northgate had gone well.",
    "Members agreed that the pilot in Northgate had gone well.\n"
    "Members agreed that the ferry timetable should be reviewed before the winter.",
)


def _ask(archive, triples: str) -> bool:
    """Whether the public store holds every triple of ``triples`` (N-Triples)."""
    graph = Graph().parse(data=triples, format="nt")
    patterns = " ".join(f"{s.n3()} {p.n3()} {o.n3()} ." for s, p, o in graph)
    return archive.view("public").query(f"ASK {{ {patterns} }}").boolean


@pytest.fixture()
def reviewed(tmp_path):  # type: ignore[no-untyped-def]
    from archive import Archive, ArchiveConfig
    from precedent.ingesting import ingest
    from webui import create_app

    minutes = tmp_path / "bridgeford-committee.txt"
    minutes.write_text(MINUTES, encoding="utf-8")
    archive = Archive.open(ArchiveConfig(data_dir=tmp_path / "data"))
    report = ingest(archive, [minutes], workers=1)
    assert report.stored == 1 and not report.refused
    app = create_app(archive, {"TESTING": True, "SECRET_KEY": "review-browser-test"})
    app.extensions["precedent.accounts"].add_user("ed", PASSWORD, "editor", "public")
    server = LiveServer(app)
    yield archive, minutes, server
    server.stop()
    archive.close()


def test_an_editor_accepts_and_rejects_proposed_facts_in_the_browser(reviewed):
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        pytest.skip("Debian's chromium is not installed")
    sync_api = pytest.importorskip("playwright.sync_api")
    archive, minutes, server = reviewed
    pending = archive.review.pending()
    assert len(pending) >= 2, "the text reader should propose low-confidence facts for this fixture"
    accepted, rejected = pending[0], pending[1]
    assert not _ask(archive, accepted.triples)  # proposed facts are not in any store yet

    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            page = browser.new_page()
            page.goto(server.url + "/login?next=/review")
            page.fill("#name", "ed")
            page.fill("#password", PASSWORD)
            page.click("form.stacked button[type=submit]")
            page.wait_for_selector("h1:text('Review proposed facts')")
            items = page.locator("article.review-item")
            assert items.count() == len(pending)
            first = items.filter(has_text=accepted.summary).first
            # the passage the fact came from is shown with it
            assert accepted.passage_text.split()[0] in first.locator("blockquote").inner_text()
            first.locator("button[value=accept]").click()
            page.wait_for_load_state()
            assert page.locator("article.review-item").count() == len(pending) - 1
            page.locator("article.review-item").filter(has_text=rejected.summary).first.locator(
                "button[value=reject]"
            ).click()
            page.wait_for_load_state()
            assert page.locator("article.review-item").count() == len(pending) - 2
        finally:
            browser.close()

    assert _ask(archive, accepted.triples)
    assert not _ask(archive, rejected.triples)
    decided = {item.key: item for item in archive.review.decided(accepted.identifier)}
    assert decided[accepted.key].decided_by == "ed" and decided[accepted.key].decided_at
    assert decided[rejected.key].status == "rejected"

    # the editors' decisions survive reading the same file again
    from precedent.ingesting import ingest

    minutes.write_text(MINUTES + "\n", encoding="utf-8")
    assert ingest(archive, [minutes], workers=1).stored == 1
    assert {item.key for item in archive.review.pending()} == {item.key for item in pending[2:]}
    assert _ask(archive, accepted.triples)
