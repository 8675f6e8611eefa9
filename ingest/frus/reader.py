"""The FRUS TEI reader: one *Foreign Relations of the United States* volume → one Document per document.

The volume is parsed once, safely (``safexml``); its persons and terms lists are resolved once
(``frus_volume``); then each ``div[@type='document']`` becomes an independent ``Document``
(``frus_document``) with identifier ``{volume-id}/{xml:id}``, its own content hash (sha256 of the
div's serialised bytes) and, as ``original``, the volume's bytes (one shared object, hashed once).
A document that cannot be read yields a ``ReaderError`` located at ``file#xml:id`` and the reader
goes on with the next one; a file that is not well-formed, safe TEI yields one ``ReaderError``.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

from ontology import IriMinter

from .. import safexml
from ..document import Document, ReaderError, sha256_hex
from ..resolve import Resolver
from .context import VolumeContext
from .document import READER_NAME, READER_VERSION, build
from .text import XML_ID
from .volume import read_volume

__all__ = ["READER_NAME", "READER_VERSION", "read"]

log = logging.getLogger(__name__)


def read(
    path: Path | str,
    *,
    level: str = "public",
    minter: IriMinter,
    resolver: Resolver | None = None,
) -> Iterator[Document | ReaderError]:
    """Yield one ``Document`` per document div of the FRUS volume at ``path``, or a ``ReaderError``.

    ``resolver`` should be the run's shared resolver so that persons are one IRI across volumes;
    without one, a resolver private to this volume is used.
    """
    path = Path(path)
    source = str(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        yield ReaderError(source, f"cannot read the file: {error.strerror or error}")
        return
    if resolver is None:
        resolver = Resolver(minter)
    try:
        tree = safexml.parse(data, source)
        volume = read_volume(tree, source, resolver)
    except ReaderError as error:
        yield error
        return
    divs = volume.documents()
    if not divs:
        yield ReaderError(source, "no div[@type='document'] in this TEI file: not a FRUS volume")
        return
    ctx = VolumeContext(volume, source, data, sha256_hex(data), level, minter, resolver)
    seen: set[str] = set()
    for div in divs:
        doc_id = div.get(XML_ID)
        if not doc_id:
            yield ReaderError(f"{source}:{div.sourceline}", "div[@type='document'] has no xml:id; skipped")
            continue
        location = f"{source}#{doc_id}"
        if doc_id in seen:
            yield ReaderError(location, f"duplicate document id {doc_id!r}; only the first is read")
            continue
        seen.add(doc_id)
        try:
            document = build(div, ctx)
        except Exception as error:  # noqa: BLE001 — one bad document must not stop the volume
            log.exception("FRUS document %s failed", location)
            yield ReaderError(location, f"cannot read this document (line {div.sourceline}): {error}")
            continue
        yield document
