"""Snippets as safe HTML: escaped record text with the matched words wrapped in ``<mark>``.

Both engines hand over plain text plus the character ranges that matched; only this module turns
them into HTML, so raw markup from a record can never reach a page.
"""

from __future__ import annotations

from html import escape

from archive.textindex.model import SNIPPET_CHARS


def marked(fragment: str, ranges: list[tuple[int, int]]) -> str:
    """``fragment`` escaped, with each (start, end) character range wrapped in ``<mark>``."""
    out: list[str] = []
    at = 0
    for start, end in sorted(ranges):
        start, end = max(start, at), min(end, len(fragment))
        if start >= end:
            continue
        out.append(escape(fragment[at:start], quote=False))
        out.append(f"<mark>{escape(fragment[start:end], quote=False)}</mark>")
        at = end
    out.append(escape(fragment[at:], quote=False))
    return "".join(out).strip()


def opening(text: str, limit: int = SNIPPET_CHARS) -> str:
    """The start of ``text`` as escaped HTML, cut at a word boundary near ``limit`` characters."""
    text = " ".join((text or "").split())
    if len(text) <= limit:
        return escape(text, quote=False)
    cut = text.rfind(" ", 0, limit)
    cut = cut if cut > limit // 2 else limit
    return escape(text[:cut], quote=False) + "…"


def byte_ranges_to_chars(text: str, ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Convert UTF-8 byte offsets (what Tantivy reports) into character offsets in ``text``."""
    encoded = text.encode("utf-8")

    def char_at(offset: int) -> int:
        return len(encoded[:offset].decode("utf-8", errors="ignore"))

    return [(char_at(start), char_at(end)) for start, end in ranges]
