"""A record's text as a person reads it: the source's markup taken away before it is indexed and shown.

Readers keep a record's whole text as they read it (``prec:fullText``): passages' character offsets
index that text, so it keeps the source's light markup — Markdown front matter and heading marks, a
council meeting's JSON, a text file's byte-order mark, escaped ``\\n`` and ``\\u00a0`` sequences. Search
indexes and shows the readable words only, so a hit's snippet never shows markup.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

# JSON keys whose values are addresses, numbers or class names, not words anyone reads.
_SKIPPED_KEYS = frozenset(
    {"url", "__class__", "datetime", "date", "number", "empty_flag", "local_page", "id", "href", "uri"}
)
_URL = re.compile(r"^\w+://\S+$")
_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n.*?\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)
_HEADING = re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+", re.M)
_CLOSING_HASHES = re.compile(r"[ \t]+#+[ \t]*$", re.M)
_LIST_MARK = re.compile(r"^[ \t]*(?:[-*+]|\d{1,3}[.)])[ \t]+", re.M)
_EMPHASIS = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_LINK = re.compile(r"\[([^\]\n]+)\]\([^)\s]+\)")
_ESCAPES = re.compile(r"\\u([0-9a-fA-F]{4})|\\([nrt])")
_SPACES = re.compile(r"[ \t\u00a0\u2007\u202f]+")
_BLANK_LINES = re.compile(r"\n{3,}")


def readable(text: str | None) -> str:
    """``text`` with markup removed: JSON to its words, Markdown to plain lines, escapes decoded."""
    if not text:
        return ""
    text = text.lstrip("\ufeff")
    stripped = text.lstrip()
    if stripped[:1] in "{[":
        words = _json_words(stripped)
        if words is not None:
            text = "\n".join(words)
    else:
        text = _markdown_to_plain(text)
    # each pattern is tried only where it could match (what it needs is in the text): a record's whole
    # text is tens of KB, and the writer's index records ran these over every one
    if "\\" in text:
        text = _ESCAPES.sub(_unescape, text)
    text = _SPACES.sub(" ", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = "\n".join(line.strip() for line in text.split("\n"))
    return (_BLANK_LINES.sub("\n\n", text) if "\n\n\n" in text else text).strip()


def _unescape(match: re.Match[str]) -> str:
    code, letter = match.groups()
    if code is not None:
        char = chr(int(code, 16))
        return " " if char.isspace() else char
    return {"n": "\n", "r": "\n", "t": " "}[letter]


def _markdown_to_plain(text: str) -> str:
    if text.startswith("---"):
        text = _FRONT_MATTER.sub("", text, count=1)
    if "#" in text:
        text = _HEADING.sub("", text)
        text = _CLOSING_HASHES.sub("", text)
    text = _LIST_MARK.sub("", text)
    if "](" in text:
        text = _LINK.sub(r"\1", text)
    return _EMPHASIS.sub(r"\2", text) if "**" in text or "__" in text else text


def _json_words(text: str) -> list[str] | None:
    try:
        data = json.loads(text)
    except ValueError:
        return None
    return [value for value in _strings(data) if value.strip() and not _URL.match(value.strip())]


def _strings(value: Any, key: str = "") -> Iterator[str]:
    if key in _SKIPPED_KEYS:
        return
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for name, inner in value.items():
            yield from _strings(inner, str(name))
    elif isinstance(value, list):
        for inner in value:
            yield from _strings(inner, key)
