"""Word and PDF minutes: same decisions as the plain-text original, and hostile files refused."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from rdflib import RDF

from ingest.document import Document, ReaderError
from ingest.plaintext import docx as docx_reader
from ingest.plaintext import pdf as pdf_reader
from ingest.plaintext import text as text_reader
from ontology import PREC, IriMinter

from .minutes_fixtures import CITY_MINUTES, decision_texts, label, write_docx, write_pdf

MINTER = IriMinter()


def _one(results) -> Document | ReaderError:
    results = list(results)
    assert len(results) == 1
    return results[0]


@pytest.fixture(scope="module")
def original(tmp_path_factory) -> Document:
    path = tmp_path_factory.mktemp("txt") / "minutes.txt"
    path.write_text(CITY_MINUTES, encoding="utf-8")
    return _one(text_reader.read(path, minter=MINTER))


def _attendance(document: Document) -> dict[str, tuple[str, str | None]]:
    g = document.graph
    return {
        label(g, g.value(a, PREC.attendee)): (
            str(g.value(a, PREC.attendanceStatus)),
            str(g.value(a, PREC.inCapacity) or "") or None,
        )
        for a in g.subjects(RDF.type, PREC.Attendance)
    }


def test_docx_round_trips_to_the_same_decisions_attendance_and_items(tmp_path, original):
    path = write_docx(CITY_MINUTES, tmp_path / "minutes.docx")
    document = _one(docx_reader.read(path, minter=MINTER))
    assert isinstance(document, Document), document
    assert document.source_format == "docx" and document.identifier == "minutes"
    assert decision_texts(document.graph) == decision_texts(original.graph)
    assert len(decision_texts(document.graph)) == 4
    assert _attendance(document) == _attendance(original)
    g = document.graph
    assert {label(g, i) for i in g.subjects(RDF.type, PREC.AgendaItem)} == {
        label(original.graph, i) for i in original.graph.subjects(RDF.type, PREC.AgendaItem)
    }
    assert len(list(g.subjects(RDF.type, PREC.Ballot))) == 5


def test_pdf_round_trips_and_passages_know_their_page(tmp_path, original):
    path = write_pdf(CITY_MINUTES, tmp_path / "minutes.pdf", page_break_before="4. Street lighting")
    document = _one(pdf_reader.read(path, minter=MINTER))
    assert isinstance(document, Document), document
    assert decision_texts(document.graph) == decision_texts(original.graph)
    assert _attendance(document) == _attendance(original)
    g = document.graph
    pages = {}
    for decision in g.subjects(RDF.type, PREC.Decision):
        passage = g.value(decision, PREC.derivedFrom)
        pages[str(g.value(decision, PREC.text))[:20]] = int(g.value(passage, PREC.page))
    assert pages["RESOLVED that the Ri"] == 1
    assert pages["Agreed: that officer"] == 2
    assert pages["It was agreed that t"] == 2


def _docx_with(tmp_path: Path, name: str, extra: dict[str, bytes]) -> Path:
    good = write_docx(CITY_MINUTES, tmp_path / "base.docx")
    buffer = io.BytesIO()
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            target.writestr(item, extra.pop(item.filename, None) or source.read(item))
        for filename, data in extra.items():
            target.writestr(filename, data)
    path = tmp_path / name
    path.write_bytes(buffer.getvalue())
    return path


def test_zip_bomb_docx_is_refused_before_decompression(tmp_path):
    path = _docx_with(tmp_path, "bomb.docx", {"word/media/padding.bin": b"\0" * (60 * 1024 * 1024)})
    assert path.stat().st_size < 1024 * 1024
    error = _one(docx_reader.read(path, minter=MINTER))
    assert isinstance(error, ReaderError)
    assert "zip bomb" in error.problem and "padding.bin" in error.location


def test_docx_with_a_doctype_is_refused(tmp_path):
    evil = (
        b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x "boom">]>'
        b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>'
    )
    path = _docx_with(tmp_path, "dtd.docx", {"word/document.xml": evil})
    error = _one(docx_reader.read(path, minter=MINTER))
    assert isinstance(error, ReaderError)
    assert "DOCTYPE" in error.problem and error.location.endswith("#word/document.xml")


def test_file_that_is_not_a_zip_is_refused_as_docx(tmp_path):
    path = tmp_path / "fake.docx"
    path.write_bytes(b"this is not a zip")
    error = _one(docx_reader.read(path, minter=MINTER))
    assert isinstance(error, ReaderError) and "not a Word document" in error.problem


def test_encrypted_pdf_is_refused(tmp_path):
    path = write_pdf(CITY_MINUTES, tmp_path / "secret.pdf", owner_password="owner", user_password="user")
    error = _one(pdf_reader.read(path, minter=MINTER))
    assert isinstance(error, ReaderError) and "encrypted" in error.problem
    assert error.location == str(path)


def test_scanned_pdf_without_text_layer_is_refused(tmp_path):
    from fpdf import FPDF
    from PIL import Image

    pdf = FPDF()
    pdf.add_page()
    pdf.image(Image.new("RGB", (200, 100), "white"), x=10, y=10, w=100)
    path = tmp_path / "scan.pdf"
    pdf.output(str(path))
    error = _one(pdf_reader.read(path, minter=MINTER))
    assert isinstance(error, ReaderError)
    assert error.problem == "has no text layer (scanned?); OCR it first"


def test_truncated_pdf_is_refused(tmp_path):
    whole = write_pdf(CITY_MINUTES, tmp_path / "whole.pdf").read_bytes()
    path = tmp_path / "cut.pdf"
    path.write_bytes(whole[: len(whole) // 2])
    error = _one(pdf_reader.read(path, minter=MINTER))
    assert isinstance(error, ReaderError) and "truncated" in error.problem


def test_pdf_with_damaged_body_is_refused_not_stored_empty(tmp_path):
    path = tmp_path / "damaged.pdf"
    path.write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ngarbage\n%%EOF\n")
    error = _one(pdf_reader.read(path, minter=MINTER))
    assert isinstance(error, ReaderError)
    assert "damaged" in error.problem or "no text layer" in error.problem
