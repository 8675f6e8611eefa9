"""The Markdown minutes family: YAML front matter plus a fixed Markdown body (see samples/).

``markdown`` maps a file to one ``Document``; ``header`` reads the front matter, ``actors`` the people
and organisations it names, ``results`` commitments and outcomes, ``values`` the typed field values.
The body's line grammar (``ingest.minutes_text``) is shared with the plain-text family.
"""

from .markdown import MAX_FILE_BYTES, READER_NAME, READER_VERSION, read

__all__ = ["MAX_FILE_BYTES", "READER_NAME", "READER_VERSION", "read"]
