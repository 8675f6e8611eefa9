"""The plain-text family of readers: ``.txt`` minutes (secretariat minutes and FOMC minutes), Word and PDF.

``text``, ``docx`` and ``pdf`` turn a file into text; ``text_analysis`` (with ``attendance``,
``text_votes`` and ``fomc``) finds the facts in it as typed values; ``text_graph`` hands them to the
shared emitter (``ingest.emit``) that writes the RDF.
"""
