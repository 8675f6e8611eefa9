"""The plain-text family of readers: ``.txt`` minutes (secretariat minutes and FOMC minutes), Word and PDF.

``text``, ``docx`` and ``pdf`` turn a file into text; ``text_analysis`` (with ``attendance``
and ``text_votes``; FOMC minutes: ``fomc``, ``fomc_present``, ``fomc_votes``, ``names``) finds the facts in it as typed values; ``text_graph`` hands them to the
shared emitter (``ingest.emit``) that writes the RDF.
"""
