"""Reader for PDF minutes: the text layer, page by page, analysed like plain-text minutes.

The text is extracted by ``pdftext_worker`` in a subprocess with a memory cap, a CPU limit and a
wall-clock timeout. Pages are joined with one newline and their start offsets kept, so every
passage knows its ``prec:page``. Refused with a clear message: encrypted files, files without a
text layer (scanned pages need OCR first) and damaged or truncated files; nothing is stored empty.
"""

from __future__ import annotations

import json
import logging
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

from ontology import IriMinter

from ..document import Document, ReaderError, single_document
from .text import read_text

READER_NAME = "precedent.ingest.pdf"
MAX_BYTES = 50 * 1024 * 1024
TIMEOUT_SECONDS = 60

log = logging.getLogger(__name__)


def read(
    path: Path, *, level: str = "public", minter: IriMinter, resolver=None, identifier: str | None = None
) -> Iterator[Document | ReaderError]:
    """Yield the one ``Document`` the PDF at ``path`` holds, or a ``ReaderError``."""
    path = Path(path)
    yield from single_document(path, lambda: _read(path, level, minter, resolver, identifier))


def _read(path: Path, level: str, minter: IriMinter, resolver, identifier: str | None) -> Document:
    if path.stat().st_size > MAX_BYTES:
        raise ReaderError(str(path), f"file is larger than {MAX_BYTES} bytes")
    data = path.read_bytes()
    if not data.startswith(b"%PDF-"):
        raise ReaderError(str(path), "not a PDF (no %PDF- header)")
    if b"%%EOF" not in data[-2048:]:
        raise ReaderError(str(path), "PDF is truncated (no %%EOF marker at its end); get a complete copy")
    pages = extract_pages(path)
    if not any(page.strip() for page in pages):
        raise ReaderError(str(path), "has no text layer (scanned?); OCR it first")
    text, starts = join_pages(pages)
    return read_text(
        text,
        data,
        path=path,
        level=level,
        minter=minter,
        resolver=resolver,
        identifier=identifier,
        source_format="pdf",
        reader=READER_NAME,
        page_starts=starts,
    )


def join_pages(pages: list[str]) -> tuple[str, list[int]]:
    """The record's text and the offset at which each page starts (page n starts at ``starts[n-1]``)."""
    starts, parts, offset = [], [], 0
    for page in pages:
        starts.append(offset)
        parts.append(page)
        offset += len(page) + 1
    return "\n".join(parts), starts


def extract_pages(path: Path) -> list[str]:
    """Each page's text, from the worker subprocess; a ``ReaderError`` for anything it refuses."""
    try:
        completed = subprocess.run(
            [sys.executable, "-m", "ingest.plaintext.pdftext_worker", str(path)],
            capture_output=True,
            timeout=TIMEOUT_SECONDS,
            check=False,
            cwd=str(Path(__file__).resolve().parent.parent),
        )
    except subprocess.TimeoutExpired:
        raise ReaderError(
            str(path), f"text extraction took longer than {TIMEOUT_SECONDS} s; refused"
        ) from None
    if completed.returncode != 0:
        log.warning("pdf worker failed on %s: %s", path, completed.stderr.decode("utf-8", "replace")[-500:])
        raise ReaderError(
            str(path),
            "is damaged or too large to read (the PDF text extractor failed or hit its memory/CPU limit)",
        )
    try:
        result = json.loads(completed.stdout)
    except json.JSONDecodeError:
        raise ReaderError(str(path), "the PDF text extractor returned no result") from None
    if "error" in result:
        raise ReaderError(str(path), f"PDF {result['error']}")
    return [str(page) for page in result["pages"]]
