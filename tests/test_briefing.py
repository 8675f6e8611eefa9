"""The briefing pack on the samples: what is in force on a date, the chain it replaced, and the same
answer in HTML, Markdown, DOCX and PDF, on the topic page with ``as_of`` and from ``precedent briefing``."""

from __future__ import annotations

import datetime as dt
import io
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest_web import RESTRICTED_DECISION, SECRET_WORD, login

pytest_plugins = ["tests.conftest_web"]

FISHERIES = "https://w3id.org/precedent/glossary/fisheries"
ROOT = Path(__file__).resolve().parents[1]


def pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def docx_text(data: bytes) -> str:
    from docx import Document

    return "\n".join(p.text for p in Document(io.BytesIO(data)).paragraphs)


def section(text: str, start: str, end: str) -> str:
    """The text between two headings (whitespace folded, as PDF extraction wraps lines)."""
    flat = " ".join(text.split())
    return flat[flat.index(start) : flat.index(end, flat.index(start))]


def test_the_2017_fisheries_briefing_has_the_2016_catch_in_force_and_the_2014_one_superseded(web_archive):
    from archive import briefing

    pack = briefing.build(web_archive.view("public"), "topic", FISHERIES, dt.date(2017, 1, 1))
    in_force = {d.identifier: d for d in pack.in_force}
    assert "AFA-BRD-2016-02/D1" in in_force and "AFA-BRD-2019-03/D1" not in in_force
    assert [d.identifier for d in in_force["AFA-BRD-2016-02/D1"].replaced] == ["AFA-BRD-2014-02/D1"]
    old = {d.identifier: d for d in pack.no_longer}["AFA-BRD-2014-02/D1"]
    assert old.standing.value == "superseded" and old.standing.by.identifier == "AFA-BRD-2016-02/D1"
    assert all(d.citation.passage for d in pack.in_force + pack.no_longer)


def test_the_2020_fisheries_briefing_has_the_2019_catch_in_force_instead(web_archive):
    from archive import briefing

    pack = briefing.build(web_archive.view("public"), "topic", FISHERIES, dt.date(2020, 1, 1))
    in_force = {d.identifier for d in pack.in_force}
    assert "AFA-BRD-2019-03/D1" in in_force and "AFA-BRD-2016-02/D1" not in in_force
    gone = {d.identifier: d.standing for d in pack.no_longer}
    assert gone["AFA-BRD-2016-02/D1"].by.identifier == "AFA-BRD-2019-03/D1"
    assert gone["AFA-BRD-2014-02/D1"].by.identifier == "AFA-BRD-2016-02/D1"


@pytest.mark.parametrize("fmt", ["html", "md", "docx", "pdf"])
@pytest.mark.parametrize(
    ("as_of", "in_force", "superseded"),
    [
        ("2017-01-01", "AFA-BRD-2016-02/D1", "AFA-BRD-2014-02/D1"),
        ("2020-01-01", "AFA-BRD-2019-03/D1", "AFA-BRD-2016-02/D1"),
    ],
)
def test_every_format_of_the_pack_says_the_same(client, fmt, as_of, in_force, superseded):
    response = client.get(f"/briefing/topic/fisheries?as_of={as_of}&format={fmt}")
    assert response.status_code == 200
    data = response.get_data()
    text = {"pdf": pdf_text, "docx": docx_text}.get(fmt, lambda b: re.sub(r"<[^>]+>", " ", b.decode()))(data)
    text = text.replace("\\", "")
    assert "Access level: public" in " ".join(text.split())
    current = section(text, f"In force on {as_of}", "No longer in force")
    assert in_force in current and superseded not in current.split("Replaces")[0]
    gone = section(text, "No longer in force", "Open and overdue commitments")
    assert re.search(
        rf"Superseded by {re.escape(in_force)} on \d{{4}}-\d\d-\d\d: {re.escape(superseded)}", gone
    )
    assert "Sources" in text and re.search(
        r"AFA-BRD-\d{4}-\d\d/D1 ?, minutes AFA-BRD", " ".join(text.split())
    )


def test_the_html_pack_links_every_line_to_its_decision_and_source_note(client):
    html = client.get("/briefing/topic/fisheries?as_of=2017-01-01").get_data(as_text=True)
    items = re.findall(r"<li>(?:(?!</li>).)*?<sup><a href=\"#note-(\d+)\"", html, re.S)
    assert items and all(f'id="note-{n}"' in html for n in items)
    assert (
        'href="/id/decision/AFA-BRD-2016-02~D1"' in html and 'href="/id/passage/AFA-BRD-2016-02~p8"' in html
    )


def test_the_topic_page_shows_standing_as_of_the_date_asked(client):
    page = client.get("/id/topic/fisheries?as_of=2017-01-01").get_data(as_text=True)
    in_force = page[page.index('id="in-force-heading"') : page.index("No longer in force")]
    assert 'data-decision="AFA-BRD-2016-02/D1"' in in_force and "AFA-BRD-2019-03/D1" not in in_force
    later = client.get("/id/topic/fisheries?as_of=2020-01-01").get_data(as_text=True)
    in_force = later[later.index('id="in-force-heading"') : later.index("No longer in force")]
    assert (
        'data-decision="AFA-BRD-2019-03/D1"' in in_force
        and 'data-decision="AFA-BRD-2016-02/D1"' not in in_force
    )
    assert 'type="application/atom+xml"' in later and "/briefing/topic/fisheries?as_of=2020-01-01" in later


def test_a_bad_date_or_format_is_a_400_that_says_how_to_write_it(client):
    response = client.get("/briefing/topic/fisheries?as_of=yesterday")
    assert response.status_code == 400 and "not a date" in response.get_data(as_text=True)
    assert client.get("/briefing/topic/fisheries?format=exe").status_code == 400
    assert client.get("/id/topic/fisheries?as_of=2017-13-01").status_code == 400


def test_the_body_administration_and_place_kinds_have_packs_and_others_do_not(client):
    assert "Fisheries Agency Board" in client.get("/briefing/organisation/fisheries-agency-board").get_data(
        as_text=True
    )
    okafor = client.get("/briefing/administration/Okafor-administration?as_of=2021-01-01&format=md").get_data(
        as_text=True
    )
    assert "AFA-BRD-2019-03/D1" in okafor and "AFA-BRD-2016-02/D1" not in okafor.split("## No longer")[0]
    assert client.get("/briefing/meeting/AFA-BRD-2016-02").status_code == 404
    assert client.get("/briefing/topic/no-such-topic").status_code == 404


def test_a_public_reader_never_sees_the_restricted_decision_in_any_pack(client, app):
    for fmt in ("html", "md", "docx", "pdf"):
        data = client.get(f"/briefing/topic/fisheries?as_of=2017-01-01&format={fmt}").get_data()
        text = {"pdf": pdf_text, "docx": docx_text}.get(fmt, lambda b: b.decode())(data)
        assert SECRET_WORD not in text and RESTRICTED_DECISION not in text, fmt
    assert client.get("/briefing/organisation/quillfeather-oversight-panel").status_code == 404
    reader = app.test_client()
    login(reader, "rita")
    secret = reader.get("/briefing/topic/fisheries?as_of=2017-01-01&format=md").get_data(as_text=True)
    assert RESTRICTED_DECISION in secret and "Access level: restricted" in secret


def test_the_cli_writes_the_same_pack_at_the_lowest_level(tmp_path):
    from tests.conftest_web import RESTRICTED_MINUTES, build_archive

    data_dir = tmp_path / "data"
    build_archive(data_dir, {"restricted.md": RESTRICTED_MINUTES}).close()  # the CLI opens its own
    env = {"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin", "PRECEDENT_DATA": str(data_dir)}
    command = [sys.executable, "-m", "precedent", "briefing", "topic/fisheries", "--as-of", "2017-01-01"]
    out = tmp_path / "pack.pdf"
    done = subprocess.run(
        command + ["--format", "pdf", "-o", str(out)], env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    text = " ".join(pdf_text(out.read_bytes()).split())
    assert (
        "In force: AFA-BRD-2016-02/D1" in text and "Access level: public" in text and SECRET_WORD not in text
    )
    markdown = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)
    assert "https://archive.example.org/id/decision/AFA-BRD-2016-02~D1" in markdown.stdout
    refused = subprocess.run(
        command[:-3] + ["meeting/x"], env=env, capture_output=True, text=True, timeout=120
    )
    assert refused.returncode != 0 and "KIND is one of" in refused.stderr


def test_a_page_pack_reads_the_same_deciders_terms_and_rejected_options_as_the_full_pack(web_archive):
    """``build(page=True)`` reads other deciders, administrations and options in one query (issue #12):
    for every subject of every kind (the samples hold no place; a place's query is a body's) it gives
    each decision the same deciders and administration, and the same rejected options, as the full
    pack's separate queries."""
    from archive import briefing

    view = web_archive.view("restricted")
    store = web_archive.store("restricted")
    prec = "PREFIX prec: <https://w3id.org/precedent/ontology#> "
    subjects = {
        kind: sorted(
            {str(row["s"]) for row in store.select(prec + f"SELECT DISTINCT ?s WHERE {{ {pattern} }}")}
        )
        for kind, pattern in (
            ("topic", "?d prec:hasTopic ?s"),
            ("organisation", "?d prec:decidedBy ?s"),
            ("administration", "?d prec:duringAdministration ?s"),
        )
    }
    seen = {"rejected": 0, "topic deciders": 0, "administrations": 0}
    for kind, iris in subjects.items():
        assert iris, kind
        for iri in iris:
            full = briefing.build(view, kind, iri, dt.date(2030, 1, 1))
            page = briefing.build(view, kind, iri, dt.date(2030, 1, 1), page=True)

            def lines(pack: briefing.Briefing) -> list[tuple[object, ...]]:
                return [(d.iri, d.deciders, d.administration, d.standing.value) for d in pack.decisions]

            assert lines(page) == lines(full), (kind, iri)
            assert [
                (o.iri, o.reason, o.decision.iri, o.taken_up_by and o.taken_up_by.iri) for o in page.rejected
            ] == [
                (o.iri, o.reason, o.decision.iri, o.taken_up_by and o.taken_up_by.iri) for o in full.rejected
            ], (kind, iri)
            seen["rejected"] += len(page.rejected)
            if kind == "topic":  # a body's own name is not read by the query; a topic's deciders are
                seen["topic deciders"] += sum(len(d.deciders) for d in page.decisions)
            seen["administrations"] += sum(d.administration is not None for d in page.decisions)
    assert all(seen.values()), seen  # the samples exercise every part of the merged query
