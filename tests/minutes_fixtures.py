"""Shared material for the minutes reader tests: the real-data folder, a city committee's minutes
written as plain text, and builders that turn that text into Word and PDF files."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import RDF, RDFS, Graph, URIRef

from ontology import PREC

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"


def data_dir(name: str) -> Path:
    """``../shared/data/<name>``, or skip the test with a message saying what is missing."""
    folder = DATA / name
    if not folder.is_dir():
        pytest.skip(f"real test data not found at {folder} (expected ../shared/data beside the checkout)")
    return folder


CITY_MINUTES = """CITY OF BRIDGEFORD
Minutes of the Transport and Environment Committee
Held on Tuesday 3 June 2025 at 6:30 pm in Committee Room 2, City Hall

Present:
Councillor Jane Rivera (Chair)
Councillor Tom Okafor (Vice-Chair)
Councillor Priya Shah
Councillor Mark Ellis
Councillor Ruth Adams

Also present:
Jenny Smith, Head of Highways
Daniel Cho, Democratic Services Officer

Apologies:
Councillor Alan Burke

1. Declarations of interest
None were declared.

2. Minutes of the previous meeting
RESOLVED that the minutes of the meeting held on 6 May 2025 be approved as a correct record.

3. Riverside cycle lane
The Head of Highways presented the consultation report on the Riverside cycle lane.
Members discussed the loss of parking on Mill Street and the cost of the scheme.
Councillor Ellis moved and Councillor Shah seconded the recommendation.
For: Councillors Rivera, Okafor, Shah and Ellis
Against: Councillor Adams
Abstentions: None
RESOLVED that the Riverside cycle lane scheme be approved for construction in 2025/26.
Councillor Adams dissented because the scheme removes 40 parking spaces on Mill Street.
Action: J. Smith to report back by 30 June 2025 on the construction timetable.

4. Street lighting
Agreed: that officers procure LED replacements for the remaining 1,200 street lamps.
Members agreed that the pilot in Northgate had gone well.

5. Date of next meeting
It was agreed that the next meeting would be held on 1 July 2025.
"""


def decision_texts(graph: Graph) -> set[str]:
    return {str(graph.value(d, PREC.text)) for d in graph.subjects(RDF.type, PREC.Decision)}


def label(graph: Graph, node: URIRef) -> str:
    return str(graph.value(node, RDFS.label))


def write_docx(text: str, path: Path) -> Path:
    """A Word file of ``text``: numbered lines as Heading 2, the "Present:" block as a table."""
    import re

    import docx

    document = docx.Document()
    lines = text.split("\n")
    index = 0
    while index < len(lines):
        line = lines[index]
        if line == "Present:":
            document.add_paragraph(line)
            rows = []
            index += 1
            while index < len(lines) and lines[index].strip():
                match = re.match(r"(.+?)(?: \((.+)\))?$", lines[index])
                rows.append((match.group(1), match.group(2) or ""))
                index += 1
            table = document.add_table(rows=1, cols=2)
            table.rows[0].cells[0].text, table.rows[0].cells[1].text = "Name", "Role"
            for name, role in rows:
                cells = table.add_row().cells
                cells[0].text, cells[1].text = name, role
            continue
        if re.match(r"\d+\. ", line):
            document.add_heading(line, level=2)
        elif index == 1:
            document.add_heading(line, level=1)
        else:
            document.add_paragraph(line)
        index += 1
    document.save(str(path))
    return path


def write_pdf(text: str, path: Path, *, page_break_before: str | None = None, **encryption) -> Path:
    """A PDF with a text layer, one line of ``text`` per line; optionally a page break and encryption."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    for line in text.split("\n"):
        if page_break_before and line == page_break_before:
            pdf.add_page()
        pdf.cell(0, 5, line, new_x="LMARGIN", new_y="NEXT")
    if encryption:
        pdf.set_encryption(**encryption)
    pdf.output(str(path))
    return path
