"""In Debian's Chromium (Playwright): the topic page as of a date with its drawn timeline, the body,
administration and commitments pages, the briefing HTML, and the PDF's first pages (rendered with
pypdfium2). Screenshots go to docs/screenshots/."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest_web import SCREENSHOTS, SECRET_WORD

pytest_plugins = ["tests.conftest_web"]

pytestmark = [pytest.mark.browser, pytest.mark.slow]

VENDOR_D3 = Path(__file__).resolve().parents[1] / "webui" / "static" / "vendor" / "d3" / "d3.min.js"


def test_topic_page_as_of_a_date_draws_its_timeline_and_lists_it(live, page):
    if not VENDOR_D3.is_file():
        pytest.skip("webui/static/vendor/d3 is not built (python -m webui.build_assets)")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.goto(live.url + "/id/topic/fisheries")
    page.fill("#as_of", "2017-01-01")
    page.click(".as-of-form button")
    page.wait_for_url("**as_of=2017-01-01")
    in_force = page.inner_text("section.in-force")
    assert "AFA-BRD-2016-02/D1" in in_force.split("No longer in force")[0]
    assert "AFA-BRD-2014-02/D1" in in_force.split("No longer in force")[1]
    page.wait_for_selector("#timeline-chart svg circle")
    assert page.locator("#timeline-chart svg path.tl-supersedes").count() >= 1
    assert page.locator("#timeline-chart circle[data-standing='pending']").count() >= 1
    assert "Halloran administration" in page.inner_text(".subject-timeline")
    assert SECRET_WORD not in page.inner_text("main")
    page.screenshot(path=str(SCREENSHOTS / "topic-as-of.png"), full_page=True)


def test_the_timeline_reads_as_a_list_without_javascript(browser, live):
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.goto(live.url + "/id/topic/fisheries?as_of=2020-01-01")
    assert tab.locator("#timeline-chart").is_hidden()
    listed = tab.inner_text(".subject-timeline")
    assert "AFA-BRD-2019-03/D1" in listed and "supersedes" in listed
    context.close()


def test_the_briefing_opens_from_the_page_and_states_its_level(live, page):
    page.goto(live.url + "/id/topic/fisheries?as_of=2017-01-01")
    page.click("a.briefing-link")
    page.wait_for_selector("#access-level")
    assert page.inner_text("#access-level") == "Access level: public"
    assert "AFA-BRD-2016-02/D1" in page.inner_text("section:has(h2:text-is('In force on 2017-01-01'))")
    page.click("sup a >> nth=0")
    assert page.url.endswith("#note-1")
    page.screenshot(path=str(SCREENSHOTS / "briefing-html.png"), full_page=True)
    with page.expect_download() as download:
        page.click("text=PDF")
    pdf = download.value.path().read_bytes()
    assert pdf.startswith(b"%PDF")
    pdfium = pytest.importorskip("pypdfium2")
    document = pdfium.PdfDocument(pdf)
    for number in range(min(2, len(document))):
        document[number].render(scale=1.4).to_pil().save(SCREENSHOTS / f"briefing-pdf-page{number + 1}.png")


def test_body_administration_and_commitments_pages(live, page):
    page.goto(live.url + "/id/organisation/fisheries-agency-board?as_of=2020-01-01")
    assert "AFA-BRD-2019-03/D1" in page.inner_text("section.in-force")
    assert "Keep the catch at 42,000 tonnes" in page.inner_text("section.rejected")
    page.goto(live.url + "/id/administration/Okafor-administration")
    assert "Daniel Okafor" in page.inner_text(".administration-header")
    assert "AFA-BRD-2016-02/D1" in page.inner_text("section:has(#predecessors-heading)")
    page.screenshot(path=str(SCREENSHOTS / "administration.png"), full_page=True)
    page.click("nav >> text=Commitments")
    page.select_option("#status", "overdue")
    page.fill("#as_of", "2026-06-01")
    page.click(".commitment-filters button")
    page.wait_for_url("**status=overdue**")
    rows = page.locator("table.commitments tbody tr")
    assert rows.count() >= 1 and all(
        s == "overdue" for s in page.locator(".commitment-status").all_inner_texts()
    )
    page.screenshot(path=str(SCREENSHOTS / "commitments.png"), full_page=True)
