"""Reader for plain-text minutes (``.txt``): secretariat minutes with line breaks, and FOMC minutes.

The file is decoded (UTF-8 with or without BOM, else cp1252), analysed by the shared heuristics in
``text_analysis`` and mapped to RDF by ``text_graph``. One file is one ``Document``; a file that
cannot be read yields one ``ReaderError`` instead.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

from ontology import IriMinter

from ..document import Document, ReaderError, single_document
from ..heuristics import decode_source
from .fomc import analyse_fomc, is_fomc
from .text_analysis import analyse
from .text_graph import SourceInfo, build_document

READER_NAME = "precedent.ingest.text"
READER_VERSION = "1.0"
MAX_BYTES = 20 * 1024 * 1024

log = logging.getLogger(__name__)


def read(
    path: Path, *, level: str = "public", minter: IriMinter, resolver=None, identifier: str | None = None
) -> Iterator[Document | ReaderError]:
    """Yield the one ``Document`` the text file at ``path`` holds, or a ``ReaderError``."""
    path = Path(path)
    yield from single_document(path, lambda: _read(path, level, minter, resolver, identifier))


def _read(path: Path, level: str, minter: IriMinter, resolver, identifier: str | None) -> Document:
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise ReaderError(str(path), f"file is {size} bytes; the limit for text minutes is {MAX_BYTES}")
    data = path.read_bytes()
    text = decode_source(data)
    if "\x00" in text:
        raise ReaderError(str(path), "file contains NUL bytes: this is not a plain-text file")
    if not text.strip():
        raise ReaderError(str(path), "file is empty: no minutes to read")
    return read_text(
        text,
        data,
        path=path,
        level=level,
        minter=minter,
        resolver=resolver,
        identifier=identifier,
        source_format="text",
        reader=READER_NAME,
    )


def read_text(
    text: str,
    original: bytes,
    *,
    path: Path,
    level: str,
    minter: IriMinter,
    resolver,
    identifier: str | None,
    source_format: str,
    reader: str,
    page_starts: list[int] | None = None,
    headings: list[tuple[int, int]] | None = None,
) -> Document:
    """Analyse already-extracted ``text`` (shared with the Word and PDF readers) into a ``Document``."""
    identifier = identifier or path.stem
    if is_fomc(text):
        analysis = analyse_fomc(text, source_name=path.name)
    else:
        analysis = analyse(text, source_name=path.name, headings=headings)
    info = SourceInfo(
        identifier=identifier,
        path=str(path),
        original=original,
        level=level,
        source_format=source_format,
        reader=reader,
        reader_version=READER_VERSION,
        page_starts=page_starts or [],
    )
    document = build_document(text, analysis, info, minter=minter, resolver=resolver)
    log.info(
        "%s: %d decisions, %d attendances, %d proposed",
        path.name,
        len(analysis.decisions),
        len(analysis.attendance),
        len(document.proposed),
    )
    return document
