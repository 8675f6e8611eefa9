"""The briefing pack written out: one outline (sections of cited lines) rendered as HTML, Markdown,
DOCX (python-docx) and PDF (fpdf2), so that every format says the same thing.

Every line carries the number of its source note: the decision and the passage of its minutes. HTML and
Markdown link each line to its decision; DOCX and PDF number the notes and list them at the end
("Sources"), the PDF with internal links from each marker to its note. The cover states the access
level the pack was made at. ``link`` turns an IRI into what a reader can follow: a page path on the web,
the IRI itself from the command line.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape

from archive.briefing import Briefing, Citation, DecisionLine

FORMATS = {
    "html": "text/html; charset=utf-8",
    "md": "text/markdown; charset=utf-8",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}
KIND_WORDS = {
    "topic": "topic",
    "organisation": "body",
    "administration": "administration",
    "place": "place",
}
#: Debian's fonts-dejavu-core: a Unicode TrueType font for the PDF (en dashes, accents, euro signs).
PDF_FONTS = (Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/TTF"))
QUOTE_CHARS = 220


@dataclass
class Line:
    """One cited line of the pack: its text, its note number and what it links to."""

    text: str
    note: int | None = None
    href: str | None = None
    details: list[str] = field(default_factory=list)


@dataclass
class Section:
    """A heading, its lines, and what to say when there are none."""

    title: str
    lines: list[Line]
    empty: str


@dataclass
class Outline:
    """The pack as text: cover lines, sections and numbered source notes."""

    title: str
    cover: list[str]
    sections: list[Section]
    notes: list[Citation]


def _decision_text(line: DecisionLine) -> str:
    parts = [
        p for p in (line.date.isoformat() if line.date else "undated", ", ".join(line.deciders.values())) if p
    ]
    name = (
        f"{line.identifier} — {line.label}"
        if line.identifier and line.identifier != line.label
        else line.label
    )
    return f"{name} ({'; '.join(parts)})"


def _amount(value: str) -> str:
    try:
        number = float(value)
    except ValueError:
        return value
    return f"{number:,.0f}" if number == int(number) else f"{number:,.2f}"


def outline(b: Briefing) -> Outline:
    """Shape ``b`` into sections of cited lines; notes are numbered in order of first use."""
    notes: list[Citation] = []
    numbers: dict[tuple[str, str | None], int] = {}

    def note(citation: Citation) -> int:
        key = (citation.decision, citation.passage)
        if key not in numbers:
            notes.append(citation)
            numbers[key] = len(notes)
        return numbers[key]

    day = b.as_of.isoformat()
    in_force = []
    for d in b.in_force:
        details = []
        if d.standing.value == "amended" and d.standing.by:
            details.append(
                f"Amended by {d.standing.by.identifier or d.standing.by.later} on {d.standing.since}."
            )
        for earlier in d.replaced:
            how = earlier.standing
            when = f" on {how.since}" if how.since else ""
            details.append(f"Replaces {earlier.identifier or earlier.label} ({how.value}{when}).")
        if d.lapses_on:
            details.append(f"Lapses on {d.lapses_on}.")
        in_force.append(Line(f"In force: {_decision_text(d)}", note(d.citation), d.iri, details))
    no_longer = []
    for d in b.no_longer:
        how = d.standing
        by = f" by {how.by.identifier or how.by.label or how.by.later}" if how.by else ""
        when = f" on {how.since}" if how.since else ""
        no_longer.append(
            Line(f"{how.value.capitalize()}{by}{when}: {_decision_text(d)}", note(d.citation), d.iri)
        )
    commitments = []
    for c in b.open_commitments:
        owner = c.owner_label or "no owner recorded"
        due = f"due {c.deadline}" if c.deadline else "no deadline"
        budget = f"; budget {_amount(c.amount)} {c.currency or ''}".rstrip() if c.amount else ""
        later = " (recorded done since)" if c.recorded_status == "done" else ""
        commitments.append(
            Line(
                f"{c.status.capitalize()}{later}: {c.label} — {owner}, {due}{budget}; "
                f"from {c.decision_identifier or c.decision}",
                note(c.citation),
                c.decision,
            )
        )
    soon = [
        Line(f"Lapses on {d.lapses_on}: {_decision_text(d)}", note(d.citation), d.iri) for d in b.lapsing
    ] + [
        Line(
            f"Review due {c.deadline}: {c.label} — {c.owner_label or 'no owner recorded'}",
            note(c.citation),
            c.decision,
        )
        for c in b.reviews
    ]
    rejected = []
    for r in b.rejected:
        reason = f" Reason: {r.reason}" if r.reason else " No reason recorded."
        taken = (
            f" Later taken up by {r.taken_up_by.identifier or r.taken_up_by.label} ({r.taken_up_by.date})."
            if r.taken_up_by
            else " Not taken up by a later decision."
        )
        rejected.append(
            Line(
                f"Rejected in {r.decision.title}: {r.label}.{reason}{taken}", note(r.citation), r.decision.iri
            )
        )
    outcomes = []
    for o in b.outcomes:
        target = f"target {o.target}" if o.target else "no target recorded"
        seen = f"observed {o.observed} on {o.observed_on}" if o.observed else f"nothing observed by {day}"
        status = f" ({o.status})" if o.status else ""
        indicator = f" [{o.indicator}]" if o.indicator else ""
        outcomes.append(
            Line(
                f"{o.label}{indicator}: {target}; {seen}{status} — {o.decision.title}",
                note(o.citation),
                o.decision.iri,
            )
        )
    votes = []
    for v in b.split_votes:
        who = "; ".join(
            f"{name} against" + (f" ({reason})" if reason else "") for name, reason in v.dissenters
        )
        votes.append(
            Line(
                f"{v.decision.title}: {v.tally}" + (f". {who}" if who else ""),
                note(v.citation),
                v.decision.iri,
            )
        )
    deciders = []
    for iri, name, count in b.deciders:
        first = next(d for d in b.decisions if iri in d.deciders and d.standing.value != "pending")
        deciders.append(
            Line(f"{name}: {count} decision{'s' if count != 1 else ''}", note(first.citation), iri)
        )
    sections = [
        Section(f"In force on {day}", in_force, "No decision you may see is in force on this date."),
        Section("No longer in force", no_longer, "Nothing was superseded, reversed or lapsed by this date."),
        Section("Open and overdue commitments", commitments, "No open or overdue commitment."),
        Section(
            "Lapsing or due for review within a year",
            soon,
            "Nothing lapses or is due for review within a year.",
        ),
        Section("Options rejected, and why", rejected, "No rejected option is recorded."),
        Section("Expected against observed outcomes", outcomes, "No expected outcome is recorded."),
        Section("Votes that split", votes, "Every recorded vote was unanimous."),
        Section("Who decided", deciders, "No deciding body or person is recorded."),
    ]
    word = KIND_WORDS.get(b.kind, b.kind)
    cover = [
        f"Briefing on the {word} {b.title}, as of {day}.",
        f"Access level: {b.level}. This pack shows only documents at or below the {b.level} level.",
        f"{len(b.in_force)} decisions in force, {len(b.no_longer)} no longer in force, "
        f"{len(b.open_commitments)} open or overdue commitments.",
        "Every line cites its decision and the passage of the minutes it comes from.",
    ]
    return Outline(f"Briefing: {b.title}", cover, sections, notes)


def _quote(citation: Citation) -> str:
    # a Markdown source's passage starts with its heading marks: they are syntax, not words
    text = re.sub(r"^#+\s*", "", " ".join((citation.quote or "").split()))
    return text if len(text) <= QUOTE_CHARS else text[: QUOTE_CHARS - 1].rstrip() + "…"


def note_text(citation: Citation) -> str:
    """A source note as plain text: decision, record and the start of the quoted passage."""
    parts = [citation.identifier or citation.decision]
    if citation.record_identifier:
        parts.append(f"minutes {citation.record_identifier}")
    quote = _quote(citation)
    return ", ".join(parts) + (f": “{quote}”" if quote else "")


def to_markdown(b: Briefing, link: Callable[[str], str] = str) -> str:
    """The pack as CommonMark: links to decisions, footnote-style ``[^n]`` source notes."""
    o = outline(b)
    out = [f"# {o.title}", ""] + [f"*{line}*" if i == 1 else line for i, line in enumerate(o.cover)] + [""]
    for section in o.sections:
        out += [f"## {section.title}", ""]
        if not section.lines:
            out.append(f"_{section.empty}_")
        for line in section.lines:
            text = _md_escape(line.text)
            if line.href:
                text = f"{text} ([page]({link(line.href)}))"
            out.append(f"- {text}" + (f"[^{line.note}]" if line.note else ""))
            out += [f"  - {_md_escape(d)}" for d in line.details]
        out.append("")
    out += ["## Sources", ""]
    for number, citation in enumerate(o.notes, 1):
        where = f" <{link(citation.passage)}>" if citation.passage else ""
        out.append(f"[^{number}]: {_md_escape(note_text(citation))}{where}")
    return "\n".join(out) + "\n"


def _md_escape(text: str) -> str:
    return (
        text.replace("\\", "\\\\")
        .replace("[", "\\[")
        .replace("]", "\\]")
        .replace("*", "\\*")
        .replace("_", "\\_")
    )


_ENV = Environment(
    loader=FileSystemLoader(str(Path(__file__).resolve().parent / "templates")),
    autoescape=select_autoescape(["html"]),
)


def to_html(b: Briefing, link: Callable[[str], str] = str, back: str | None = None) -> str:
    """The pack as one self-contained, printable HTML page (``back``: the subject's page, on the web)."""
    return _ENV.get_template("briefing.html").render(
        briefing=b, outline=outline(b), link=link, note_text=note_text, quote=_quote, back=back
    )


def to_docx(b: Briefing, link: Callable[[str], str] = str) -> bytes:
    """The pack as a Word document: superscript note numbers, the notes listed under "Sources"."""
    from docx import Document
    from docx.shared import Pt

    o = outline(b)
    document = Document()
    document.core_properties.title = o.title
    document.core_properties.subject = f"access level: {b.level}"
    # styles found once: python-docx looks a style name up by scanning every style (2 s for 1,300 lines)
    bullet, bullet2 = document.styles["List Bullet"], document.styles["List Bullet 2"]
    document.add_heading(o.title, level=0)
    for text in o.cover:
        document.add_paragraph(text).runs[0].font.size = Pt(11)
    for section in o.sections:
        document.add_heading(section.title, level=1)
        if not section.lines:
            document.add_paragraph(section.empty).runs[0].italic = True
        for line in section.lines:
            paragraph = document.add_paragraph(style=bullet)
            paragraph.add_run(line.text)
            if line.note:
                paragraph.add_run(str(line.note)).font.superscript = True
            for detail in line.details:
                document.add_paragraph(detail, style=bullet2)
    document.add_heading("Sources", level=1)
    for number, citation in enumerate(o.notes, 1):
        paragraph = document.add_paragraph()
        paragraph.add_run(f"{number}. ").bold = True
        paragraph.add_run(note_text(citation))
        if citation.passage:
            paragraph.add_run(f" {link(citation.passage)}").font.size = Pt(8)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _pdf_font(pdf) -> str:  # type: ignore[no-untyped-def]
    for folder in PDF_FONTS:
        regular, bold, italic = (folder / f"DejaVuSans{s}.ttf" for s in ("", "-Bold", "-Oblique"))
        if regular.is_file() and bold.is_file() and italic.is_file():
            pdf.add_font("DejaVu", "", str(regular))
            pdf.add_font("DejaVu", "B", str(bold))
            pdf.add_font("DejaVu", "I", str(italic))
            return "DejaVu"
    raise RuntimeError("the PDF needs the DejaVu fonts: install Debian's fonts-dejavu-core")


def _wrapped(pdf, text: str, width: float, widths: dict) -> list[str]:  # type: ignore[no-untyped-def]
    """``text`` broken into lines of at most ``width`` in the current font.

    Our own word wrap, measuring each word once: fpdf2's line breaker re-measures the line at every
    character (quadratic), which took 17 s for the FOMC's 1,269-decision pack. ``widths`` remembers each
    word's width in each font for the whole document (most words repeat).
    """
    font = (pdf.font_family, pdf.font_style, pdf.font_size_pt)

    def measure(word: str) -> float:
        key = (font, word)
        if key not in widths:
            widths[key] = pdf.get_string_width(word)
        return widths[key]

    space = measure(" ")
    lines: list[str] = []
    current: list[str] = []
    used = 0.0
    for word in text.split():
        size = measure(word)
        while size > width and len(word) > 1:  # a URL longer than the line: cut it
            cut = max(1, int(len(word) * width / size) - 1)
            if current:
                lines.append(" ".join(current))
                current, used = [], 0.0
            lines.append(word[:cut])
            word = word[cut:]
            size = measure(word)
        if current and used + space + size > width:
            lines.append(" ".join(current))
            current, used = [], 0.0
        used += (space if current else 0.0) + size
        current.append(word)
    if current:
        lines.append(" ".join(current))
    return lines or [""]


def _paragraph(  # type: ignore[no-untyped-def]
    pdf, text: str, height: float, indent: float = 0.0, marker: int | None = None, target=None, url=None
) -> None:
    """Write ``text`` as wrapped one-line cells, with an optional bold ``[n]`` marker linked to its note."""
    widths = pdf.__dict__.setdefault("precedent_widths", {})  # per document: see ``_wrapped``
    width = pdf.epw - indent
    label = f" [{marker}]" if marker else ""
    family, style, size = pdf.font_family, pdf.font_style, pdf.font_size_pt
    room = pdf.get_string_width(label) + 1 if marker else 0.0
    lines = _wrapped(pdf, text, width - room, widths)
    for number, line in enumerate(lines):
        last = number == len(lines) - 1
        pdf.set_x(pdf.l_margin + indent)
        if last and marker:
            pdf.cell(pdf.get_string_width(line), height, line, new_x="RIGHT", new_y="TOP", link=url or "")
            pdf.set_font(family, "B", max(size - 2, 6))
            pdf.cell(room, height, label, new_x="LMARGIN", new_y="NEXT", link=target or "")
            pdf.set_font(family, style, size)
        else:
            pdf.cell(width, height, line, new_x="LMARGIN", new_y="NEXT", link=url or "")


def to_pdf(b: Briefing, link: Callable[[str], str] = str) -> bytes:
    """The pack as PDF (fpdf2): cover, sections, numbered markers linked to the notes at the end."""
    from fpdf import FPDF

    o = outline(b)

    class Pack(FPDF):
        def footer(self) -> None:  # every page says at which level it was made
            self.set_y(-12)
            self.set_font(font, "I", 8)
            self.cell(
                0,
                6,
                f"{o.title} · as of {b.as_of} · access level: {b.level} · page {self.page_no()}",
                align="C",
            )

    pdf = Pack(format="A4")
    pdf.set_title(o.title)
    pdf.set_subject(f"access level: {b.level}")
    pdf.set_creator("Precedent")
    pdf.set_auto_page_break(auto=True, margin=18)
    font = _pdf_font(pdf)
    pdf.add_page()
    targets = {n: pdf.add_link() for n in range(1, len(o.notes) + 1)}
    pdf.set_font(font, "B", 20)
    _paragraph(pdf, o.title, 10)
    pdf.ln(2)
    for i, text in enumerate(o.cover):
        pdf.set_font(font, "B" if i == 1 else "", 11)
        _paragraph(pdf, text, 6)
    for section in o.sections:
        pdf.ln(4)
        pdf.set_font(font, "B", 14)
        _paragraph(pdf, section.title, 8)
        if not section.lines:
            pdf.set_font(font, "I", 10)
            _paragraph(pdf, section.empty, 5)
            continue
        for line in section.lines:
            pdf.set_font(font, "", 10)
            _paragraph(pdf, "• " + line.text, 5, marker=line.note, target=targets.get(line.note or 0))
            pdf.set_font(font, "", 9)
            for detail in line.details:
                _paragraph(pdf, "– " + detail, 5, indent=6)
            pdf.ln(1)
    pdf.ln(4)
    pdf.set_font(font, "B", 14)
    _paragraph(pdf, "Sources", 8)
    for number, citation in enumerate(o.notes, 1):
        pdf.set_link(targets[number], page=pdf.page_no(), y=pdf.get_y())
        pdf.set_font(font, "", 9)
        _paragraph(pdf, f"{number}. {note_text(citation)}", 5)
        if citation.passage:
            pdf.set_font(font, "", 7)
            where = link(citation.passage)
            _paragraph(pdf, where, 4, indent=4, url=where if "://" in where else None)
        pdf.ln(1)
    return bytes(pdf.output())


def render(b: Briefing, fmt: str, link: Callable[[str], str] = str, back: str | None = None) -> bytes:
    """The pack in ``fmt`` (one of ``FORMATS``) as bytes."""
    if fmt == "html":
        return to_html(b, link, back).encode("utf-8")
    if fmt == "md":
        return to_markdown(b, link).encode("utf-8")
    if fmt == "docx":
        return to_docx(b, link)
    if fmt == "pdf":
        return to_pdf(b, link)
    raise ValueError(f"unknown briefing format {fmt!r}: choose one of {', '.join(FORMATS)}")


__all__ = [
    "FORMATS",
    "Line",
    "Outline",
    "Section",
    "outline",
    "render",
    "to_docx",
    "to_html",
    "to_markdown",
    "to_pdf",
]
