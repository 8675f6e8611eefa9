"""The FRUS family: *Foreign Relations of the United States* TEI volumes → one Document per document div.

``reader`` walks a volume; ``volume`` reads its persons and terms lists; ``document`` builds one
document's graph; ``facts`` finds attendance and decisions; ``rules`` classifies records and finds
meetings, dates and decision cues; ``text`` gives the running text, its sentences and dates; ``names``
turns the volume's names into persons.
"""

from __future__ import annotations

from .reader import READER_NAME, READER_VERSION, read

__all__ = ["READER_NAME", "READER_VERSION", "read"]
