"""Subprocess that pulls the text layer out of one PDF, under memory and CPU limits.

Run as ``python -m ingest.plaintext.pdftext_worker FILE``; prints one JSON object on stdout:
``{"pages": ["text of page 1", ...]}`` or ``{"error": "...", "kind": "encrypted|damaged"}``. PDF
parsers are large and have had crash and loop bugs on hostile files, so the reader never parses
a PDF in its own process.
"""

from __future__ import annotations

import json
import resource
import sys

MEMORY_BYTES = 512 * 1024 * 1024
CPU_SECONDS = 30


def _limit() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_BYTES, MEMORY_BYTES))
    resource.setrlimit(resource.RLIMIT_CPU, (CPU_SECONDS, CPU_SECONDS))


def extract(path: str) -> dict:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(path, strict=False)
        if reader.is_encrypted:
            return {"error": "is encrypted; decrypt it first", "kind": "encrypted"}
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, IndexError) as error:
        return {"error": f"is damaged or truncated ({type(error).__name__}: {error})", "kind": "damaged"}
    return {"pages": pages}


def main() -> None:
    _limit()
    result = extract(sys.argv[1])
    sys.stdout.write(json.dumps(result))


if __name__ == "__main__":
    main()
