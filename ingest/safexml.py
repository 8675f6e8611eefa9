"""Parse untrusted XML safely: no DTD, no entities, no network, bounded size.

Every reader that takes XML from a user (FRUS TEI, RDF/XML, DOCX parts) goes through here, so the
rules live in one place: any ``<!DOCTYPE`` (and with it every entity declaration) is refused
before lxml sees the bytes; lxml itself runs with DTD loading, entity resolution, network access
and huge-tree mode off; and a document larger than ``max_bytes`` is refused unread.
"""

from __future__ import annotations

import logging
import re

from lxml import etree

from .document import ReaderError

log = logging.getLogger(__name__)

#: Large enough for the biggest FRUS volumes (the largest reviewed ones are ~30 MB), small enough
#: that one upload cannot exhaust memory while lxml builds the tree.
DEFAULT_MAX_BYTES = 64 * 1024 * 1024

# A DOCTYPE can only appear in the prolog, but a case-insensitive search of the whole input is cheap
# and also catches declarations an attacker hides after a BOM, a comment or odd whitespace.
_DOCTYPE = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)
# The same markers in UTF-16, which the byte search above would miss.
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def _parser() -> etree.XMLParser:
    # A fresh parser per call: lxml parsers are not thread-safe and readers run in parallel.
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_blank_text=False,
    )


def check_bytes(data: bytes, source: str, *, max_bytes: int = DEFAULT_MAX_BYTES) -> None:
    """Refuse input that is too large or declares a DTD or entities; raise ``ReaderError``."""
    if len(data) > max_bytes:
        raise ReaderError(source, f"XML file is {len(data):,} bytes, over the limit of {max_bytes:,} bytes")
    if data.startswith(_UTF16_BOMS):
        probe = data.decode("utf-16", "replace").encode("utf-8", "replace")
    else:
        probe = data
    found = _DOCTYPE.search(probe)
    if found:
        line = probe.count(b"\n", 0, found.start()) + 1
        raise ReaderError(
            f"{source}:{line}",
            f"XML declares a <!{found.group(1).decode().upper()}>; DTDs and entities are refused for safety "
            "(remove the declaration and any entity references)",
        )


def parse(data: bytes, source: str, *, max_bytes: int = DEFAULT_MAX_BYTES) -> etree._ElementTree:
    """Parse ``data`` (named ``source`` in errors) into an lxml tree, or raise ``ReaderError``.

    Errors name ``source:line`` and say what is wrong (e.g. a truncated file: "Premature end of data").
    """
    check_bytes(data, source, max_bytes=max_bytes)
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as error:
        line = error.lineno or 0
        message = str(error.msg if hasattr(error, "msg") and error.msg else error)
        raise ReaderError(f"{source}:{line}", f"not well-formed XML: {message}") from None
    tree = root.getroottree()
    if tree.docinfo.doctype:
        # Defence in depth: the byte search should already have refused this.
        raise ReaderError(source, "XML declares a DOCTYPE; refused for safety")
    return tree
