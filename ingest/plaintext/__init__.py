"""The plain-text family of readers: ``.txt`` minutes (secretariat minutes and FOMC minutes), Word and PDF.

``text``, ``docx`` and ``pdf`` turn a file into text. ``text_analysis`` (with ``attendance`` and
``text_votes``) finds the facts of secretariat minutes in it as typed values; FOMC minutes are read by
``fomc`` (with ``fomc_present``, ``fomc_votes``, ``fomc_spans`` and ``names``). ``text_graph`` hands
the values to the shared emitter (``ingest.emit``) that writes the RDF.
"""
