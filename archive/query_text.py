"""One text for the checker and the engine: a user's SPARQL rewritten so that every parser reads it alike.

The checker parses with rdflib, the engine is Oxigraph (or a remote server), and they disagree on text
that the SPARQL grammar leaves to each parser's tokenizer: rdflib expands ``\\u``/``\\U`` escapes
everywhere (comments included) and reads ``\\u`` with eight digits, Oxigraph expands them only inside
strings and IRIs; rdflib ends a comment at LF only, Oxigraph at CR or LF. Either let a live ``SERVICE``
look like a comment or a string to the checker. So before anything parses the query, ``canonical_text``:

1. expands every code-point escape as the SPARQL 1.1 specification says (§19.2: ``\\u`` + exactly four
   hex digits, ``\\U`` + exactly eight, everywhere, before parsing), refusing code points that are not
   characters (surrogates, above U+10FFFF) and escapes that spell another escape (``\\u005Cu0041``);
2. splits the result into terminals by the specification's grammar: whitespace, comments, the four
   string forms, IRIs, and everything else;
3. writes it back with comments removed, every string rewritten as one short ``"…"`` string whose
   double quotes, backslashes, tabs and line breaks are escaped, and CR line breaks written as LF.

The text both parsers then read has no escapes left to expand, no comments whose end they could
disagree on, and no raw double quote, line break or tab inside any string. The tokenizer also reports a
live ``SERVICE`` keyword it saw, which ``query_guard`` refuses even when rdflib's algebra has none: the
checker refuses if either reading has one. Where a grammar still leaves room (``<`` read as an IRI by
one parser and as less-than by another), an IRI cannot hold ``{``, ``"`` or whitespace, so no graph
pattern fits inside it, and rdflib's own algebra is the second reading. ``docs/security.md`` argues this
case by case; ``tests/security/test_query_differentials.py`` holds the attacks.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .errors import QueryRefused, QuerySyntaxError

#: Code-point escapes as the specification defines them (the letter's case decides the length).
_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
#: What rdflib would still expand (``\u`` or ``\U`` with four or eight digits, either case).
_RDFLIB_ESCAPE = re.compile(r"\\[uU][0-9A-Fa-f]{4}")
_SURROGATE = re.compile("[\ud800-\udfff]")
_ECHAR = {"t": "\t", "b": "\b", "n": "\n", "r": "\r", "f": "\f", '"': '"', "'": "'", "\\": "\\"}
_TERMINAL = re.compile(
    r"""
    (?P<ws>[ \t\r\n]+)
  | (?P<comment>\#[^\r\n]*)
  | (?P<long>\"\"\"(?:(?:\"|\"\")?(?:[^\"\\]|\\.))*\"\"\"|'''(?:(?:'|'')?(?:[^'\\]|\\.))*''')
  | (?P<longopen>\"\"\"|''')
  | (?P<short>\"(?:[^\"\\\r\n]|\\.)*\"|'(?:[^'\\\r\n]|\\.)*')
  | (?P<shortopen>[\"'])
  | (?P<iri><[^<>\"{}|^`\\\x00-\x20]*>)
  | (?P<other>(?:\\[_~.!$&'()*+,;=/?\#@%-]|[^ \t\r\n\#\"'<\\])+|<)
  | (?P<bad>\\)
    """,
    re.VERBOSE | re.DOTALL,
)
#: ``SERVICE`` as a keyword: not part of a variable, prefixed name, blank node or longer word.
_SERVICE = re.compile(r"(?<![A-Za-z0-9_:?$@\\-])SERVICE(?![A-Za-z0-9_:-])", re.IGNORECASE)


def _line(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def expand_escapes(text: str) -> str:
    """``text`` with every ``\\uXXXX`` and ``\\UXXXXXXXX`` replaced by its character (SPARQL 1.1 §19.2)."""

    def character(match: re.Match[str]) -> str:
        code = int(match.group(1) or match.group(2), 16)
        if code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF:
            return chr(code)
        where = f"line {_line(text, match.start())}"
        if code > 0x10FFFF:
            raise QuerySyntaxError(
                f"{match.group(0)} on {where} is not a Unicode code point (the largest is \\U0010FFFF)"
            )
        if 0xD800 <= code <= 0xDFFF:
            raise QuerySyntaxError(
                f"{match.group(0)} on {where} is half of a UTF-16 surrogate pair, not a character; "
                "write the character itself or \\U and its eight-digit code point"
            )
        return chr(code)

    surrogate = _SURROGATE.search(text)
    if surrogate is not None:
        line = _line(text, surrogate.start())
        raise QuerySyntaxError(
            f"the query has a lone surrogate (U+{ord(surrogate.group()):04X}) on line {line}"
        )
    expanded = _ESCAPE.sub(character, text)
    leftover = _RDFLIB_ESCAPE.search(expanded)
    if leftover is not None:
        raise QueryRefused(
            f"{leftover.group(0)!r} on line {_line(expanded, leftover.start())} is an escape that would "
            "be read differently by different SPARQL parsers (an escape that writes a backslash, or \\U "
            "with fewer than eight digits); write the character itself"
        )
    return expanded


def _string_value(token: str, quote_length: int, where: Callable[[], str]) -> str:
    body = token[quote_length:-quote_length]
    value: list[str] = []
    index = 0
    while index < len(body):
        char = body[index]
        if char == "\\":
            escaped = body[index + 1 : index + 2]
            if escaped not in _ECHAR:
                raise QuerySyntaxError(
                    f"\\{escaped} on {where()} is not a string escape "
                    "(use \\t \\b \\n \\r \\f \\\" \\' or \\\\)"
                )
            value.append(_ECHAR[escaped])
            index += 2
        else:
            value.append(char)
            index += 1
    return "".join(value)


def _canonical_string(value: str) -> str:
    escaped = (
        value.replace("\\", "\\\\")
        .replace('"', '\\"')
        .replace("\n", "\\n")
        .replace("\r", "\\r")
        .replace("\t", "\\t")  # pyparsing (rdflib) would expand a raw tab into spaces
    )
    return f'"{escaped}"'


def canonical_text(text: str) -> tuple[str, bool]:
    """The query as every parser will read it alike, and whether a live ``SERVICE`` keyword is in it.

    Raises ``QuerySyntaxError`` for text that is not made of SPARQL terminals (an unterminated string, a
    bad escape) and ``QueryRefused`` for escapes that parsers would read differently.
    """
    expanded = expand_escapes(text)
    out: list[str] = []
    service = False
    position = 0
    while position < len(expanded):
        match = _TERMINAL.match(expanded, position)
        assert match is not None  # every character starts one of the alternatives
        kind, token = match.lastgroup, match.group(0)
        start = position

        def where(start: int = start) -> str:  # counted only for a message: counting per token is O(n²)
            return f"line {_line(expanded, start)}"

        if kind == "ws":
            out.append(token.replace("\r\n", "\n").replace("\r", "\n"))
        elif kind == "comment":
            pass  # the line break that ends it is whitespace and stays
        elif kind in ("long", "short"):
            string = _canonical_string(_string_value(token, 3 if kind == "long" else 1, where))
            if out and out[-1].endswith('"'):
                out.append(" ")  # two strings side by side must not read as a long-string quote
            out.append(string)
        elif kind == "longopen":
            raise QuerySyntaxError(f"the long string that starts on {where()} is never closed")
        elif kind == "shortopen":
            raise QuerySyntaxError(f"the string that starts on {where()} is not closed on its line")
        elif kind == "bad":
            raise QuerySyntaxError(
                f"a backslash on {where()} outside a string escapes nothing a name may hold"
            )
        else:
            if kind == "other" and _SERVICE.search(token):
                service = True
            out.append(token)
        position = match.end()
    return "".join(out), service
