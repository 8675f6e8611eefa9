"""The FRUS family: *Foreign Relations of the United States* TEI volumes → one Document per document div.

``reader`` walks a volume; ``volume`` reads its persons and terms lists; ``document`` builds one
document's graph; ``facts`` turns attendance and decisions into facts; ``cues`` finds where a sentence
states a decision; ``rules`` classifies records and reads meeting heads and lists of those present;
``text`` gives the running text and its sentences (pysbd); ``dates`` reads written dates
(python-dateutil); ``names`` turns the volume's names into persons (nameparser's titles).
"""

from __future__ import annotations

from .reader import READER_NAME, READER_VERSION, read

__all__ = ["READER_NAME", "READER_VERSION", "read"]
