"""End-to-end in Debian's Chromium (Playwright): search, facet, decision page, precedent link,
workbench example with CSV download. Screenshots go to docs/screenshots/."""

from __future__ import annotations

import pytest

from tests.conftest_web import SCREENSHOTS, LiveServer

pytest_plugins = ["tests.conftest_web"]

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_search_facet_decision_and_precedent_link(live, page):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.goto(live.url + "/")
    page.fill("#q", "catch")
    page.press("#q", "Enter")
    page.wait_for_selector("ol.hits li.hit")
    assert "result" in page.inner_text("#results-heading")
    page.click("section.facet:has(h2:text-is('Topic')) a:has-text('Fisheries')")
    page.wait_for_selector("a[aria-current='true']")
    assert "Topic: Fisheries" in page.inner_text(".active-filters")
    page.screenshot(path=str(SCREENSHOTS / "search.png"), full_page=True)
    page.click("li.hit:has(.kind-decision) h3 a >> nth=0")
    page.wait_for_selector("article.decision")
    heading = page.inner_text("h1")
    assert heading
    page.goto(live.url + "/id/decision/AFA-BRD-2016-02~D1")
    assert "Options considered" in page.inner_text("main")
    page.screenshot(path=str(SCREENSHOTS / "decision.png"), full_page=True)
    page.click(
        "#precedents ~ table a[href='/id/decision/AFA-BRD-2014-02~D1'], "
        "section:has(#precedents) a[href='/id/decision/AFA-BRD-2014-02~D1']"
    )
    page.wait_for_url("**/id/decision/AFA-BRD-2014-02~D1")
    assert "superseded by" in page.inner_text("main")


def test_skip_link_and_keyboard_focus(live, page):
    page.goto(live.url + "/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"


def test_workbench_runs_an_example_and_downloads_csv(live, page, tmp_path):
    page.goto(live.url + "/sparql")
    page.wait_for_selector(".CodeMirror")  # the editor loaded from static/vendor
    page.click("a.example >> nth=0")
    text = page.evaluate("document.querySelector('.CodeMirror').CodeMirror.getValue()")
    assert text.startswith("# title:")
    page.click("#run")
    page.wait_for_selector("#results-table tbody tr, .ask-answer, .error-message")
    assert page.query_selector(".error-message") is None, page.inner_text(".error-message")
    rows = page.query_selector_all("#results-table tbody tr")
    assert rows
    page.click("#results-table thead th >> nth=0")
    page.screenshot(path=str(SCREENSHOTS / "workbench.png"), full_page=True)
    with page.expect_download() as info:
        page.click("a[data-format='csv']")
    target = tmp_path / "result.csv"
    info.value.save_as(target)
    lines = target.read_text("utf-8").splitlines()
    assert len(lines) == len(rows) + 1 and lines[0].split(",")[0]


def test_workbench_completes_ontology_terms(live, page):
    page.goto(live.url + "/sparql")
    page.wait_for_selector(".CodeMirror")
    page.evaluate(
        "document.querySelector('.CodeMirror').CodeMirror.setValue('SELECT * WHERE { ?d a prec:Deci')"
    )
    page.evaluate(
        "(() => { const cm = document.querySelector('.CodeMirror').CodeMirror;"
        " cm.focus(); cm.setCursor({line: 0, ch: 31}); })()"
    )
    page.keyboard.press("Control+Space")
    page.wait_for_selector(".CodeMirror-hints")
    assert "prec:Decision" in page.inner_text(".CodeMirror-hints")


def test_workbench_still_works_as_a_plain_form_without_the_editor_files(live, page):
    page.route("**/static/vendor/**", lambda route: route.abort())
    page.goto(live.url + "/sparql")
    assert page.query_selector(".CodeMirror") is None
    page.fill(
        "#query",
        "PREFIX prec: <https://w3id.org/precedent/ontology#>\nSELECT ?d WHERE { ?d a prec:Decision } LIMIT 3",
    )
    page.click("#run")
    page.wait_for_selector("#results-table tbody tr")
    assert len(page.query_selector_all("#results-table tbody tr")) == 3


def test_sign_in_with_production_cookies_reaches_the_upload_page(app, web_archive, browser):
    from webui import create_app

    production = create_app(web_archive, {"SECRET_KEY": "browser-test-secret-key-0123456789"})
    assert production.config["SESSION_COOKIE_SECURE"] is True
    server = LiveServer(production)
    context = browser.new_context()
    try:
        tab = context.new_page()
        tab.goto(server.url + "/ingest")
        tab.fill("#name", "ed")
        tab.fill("#password", "correct horse battery")
        tab.click("form.stacked button[type=submit]")
        tab.wait_for_selector("h1:text('Upload minutes')")
        assert "Signed in as ed" in tab.inner_text("main")
        cookie = next(c for c in context.cookies() if c["name"] == "precedent_session")
        assert cookie["httpOnly"] and cookie["secure"] and cookie["sameSite"] == "Lax"
    finally:
        context.close()
        server.stop()
