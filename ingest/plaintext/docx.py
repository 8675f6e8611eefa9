"""Reader for Word minutes (``.docx``): headings and tables give structure, the text feeds ``text_analysis``.

A DOCX is a zip of XML parts, so it is checked before python-docx opens it: file size, number of
entries, total uncompressed size and compression ratio (zip bombs), and no ``<!DOCTYPE`` in any XML
part (entity expansion). Paragraphs become lines of the record's text; ``Heading 2``+ paragraphs
become agenda items; each table row becomes one line ("Jane Rivera, Chair"), so a table of
attendees under "Present:" reads like the plain-text layout.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from pathlib import Path

from ontology import IriMinter

from ..document import Document, ReaderError, single_document
from .text import read_text

READER_NAME = "precedent.ingest.docx"
MAX_BYTES = 20 * 1024 * 1024
MAX_ENTRIES = 2000
MAX_UNCOMPRESSED = 200 * 1024 * 1024
MAX_RATIO = 100
_HEADER_CELLS = {"name", "names", "role", "post", "position", "attendee", "attendees", "member", "status"}


def read(
    path: Path, *, level: str = "public", minter: IriMinter, resolver=None, identifier: str | None = None
) -> Iterator[Document | ReaderError]:
    """Yield the one ``Document`` the Word file at ``path`` holds, or a ``ReaderError``."""
    path = Path(path)
    yield from single_document(path, lambda: _read(path, level, minter, resolver, identifier))


def _read(path: Path, level: str, minter: IriMinter, resolver, identifier: str | None) -> Document:
    data = path.read_bytes() if path.stat().st_size <= MAX_BYTES else None
    if data is None:
        raise ReaderError(str(path), f"file is larger than {MAX_BYTES} bytes")
    check_archive(path)
    text, headings = extract(path)
    if not text.strip():
        raise ReaderError(str(path), "the document has no text")
    return read_text(
        text,
        data,
        path=path,
        level=level,
        minter=minter,
        resolver=resolver,
        identifier=identifier,
        source_format="docx",
        reader=READER_NAME,
        headings=headings,
    )


def check_archive(path: Path) -> None:
    """Refuse a DOCX that is not a sane zip: too many entries, too large unpacked, bomb-like, DTDs."""
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as error:
        raise ReaderError(str(path), f"not a Word document (not a readable zip archive: {error})") from None
    with archive:
        entries = archive.infolist()
        if len(entries) > MAX_ENTRIES:
            raise ReaderError(
                str(path), f"zip has {len(entries)} entries; at most {MAX_ENTRIES} are accepted"
            )
        total = sum(e.file_size for e in entries)
        packed = sum(e.compress_size for e in entries) or 1
        if total > MAX_UNCOMPRESSED:
            raise ReaderError(
                str(path), f"zip unpacks to {total} bytes; the limit is {MAX_UNCOMPRESSED} (zip bomb?)"
            )
        for entry in entries:
            if entry.file_size > 1024 * 1024 and entry.file_size > MAX_RATIO * max(entry.compress_size, 1):
                raise ReaderError(
                    f"{path}#{entry.filename}",
                    f"entry compresses {entry.file_size // max(entry.compress_size, 1)}:1; "
                    f"more than {MAX_RATIO}:1 is refused (zip bomb?)",
                )
        if total > 1024 * 1024 and total / packed > MAX_RATIO:
            raise ReaderError(
                str(path), f"archive compresses {total // packed}:1; more than {MAX_RATIO}:1 is refused"
            )
        if "word/document.xml" not in archive.namelist():
            raise ReaderError(str(path), "not a Word document: word/document.xml is missing")
        for entry in entries:
            if entry.filename.endswith((".xml", ".rels")):
                with archive.open(entry) as part:
                    head = part.read(64 * 1024)
                if re.search(rb"<!DOCTYPE|<!ENTITY", head, re.I):
                    raise ReaderError(
                        f"{path}#{entry.filename}", "XML part declares a DOCTYPE or entity; refused"
                    )


def extract(path: Path) -> tuple[str, list[tuple[int, int]]]:
    """The document's text in reading order, and the spans of its agenda-item headings."""
    import docx  # python-docx; imported here so the text reader does not pay for it
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(str(path))
    except Exception as error:  # python-docx raises many types for a damaged package
        raise ReaderError(str(path), f"cannot open the Word document: {error}") from None
    lines: list[str] = []
    headings: list[tuple[int, int]] = []
    offset = 0

    def add(line: str) -> tuple[int, int]:
        nonlocal offset
        start = offset
        lines.append(line)
        offset += len(line) + 1
        return start, start + len(line)

    for block in document.element.body.iterchildren():
        tag = block.tag.rsplit("}", 1)[-1]
        if tag == "p":
            paragraph = Paragraph(block, document)
            text = paragraph.text.replace("\u00a0", " ").rstrip()
            style = (paragraph.style.name if paragraph.style is not None else "") or ""
            span = add(text)
            level = re.match(r"Heading (\d)", style)
            if level and int(level.group(1)) >= 2 and text.strip():
                headings.append(span)
        elif tag == "tbl":
            for row_index, row in enumerate(Table(block, document).rows):
                cells = [c.text.strip().replace("\n", " ") for c in row.cells]
                cells = [c for i, c in enumerate(cells) if c and c not in cells[:i]]  # merged cells repeat
                if row_index == 0 and cells and all(c.lower() in _HEADER_CELLS for c in cells):
                    continue
                if cells:
                    add(", ".join(cells))
    return "\n".join(lines), headings
