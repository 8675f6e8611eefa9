"""The broad tier of FRUS decisions: a sentence of a meeting's record with a deciding word no cue takes
goes to the review queue with a low confidence and its passage; a member's own request, a party's paper
read into the record, a recap and a letter give none.

The sentences follow the Commissioners' minutes of Paris vol. I and the Geneva tribunal's protocols (tune
volumes); the volume is a fixture, read by the real reader and SHACL-validated.
"""

from __future__ import annotations

from pathlib import Path

from rdflib import RDF, Literal

from ingest import frus
from ingest.document import Document
from ingest.plaintext.text_graph import CONFIDENCE_THRESHOLD
from ingest.resolve import Resolver
from ingest.validate import validate
from ontology import PREC, IriMinter

MINTER = IriMinter()

SETTLED = "The question of the rooms at the Hotel Crillon was then settled in favor of the Army officers."
STORED = "The Commissioners approved the proposal that the staff of the Commission be reduced."
NOT_CANDIDATES = [
    "Mr. Hurley requested an assignment of rooms for himself and his wife at the Hotel Crillon.",
    "The undersigned agent is instructed by his government to state that the argument is withheld.",
    "The tribunal then proceeded with the cases of the vessels, as decided at the last meeting.",
]

VOLUME = f"""<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="frus1919Parisv12">
<teiHeader><fileDesc><titleStmt><title type="complete">The Paris Peace Conference, 1919, Volume XII</title>
</titleStmt><publicationStmt><idno type="frus">frus1919Parisv12</idno></publicationStmt>
<sourceDesc><p/></sourceDesc></fileDesc></teiHeader>
<text><body><div type="chapter">
<div type="document" xml:id="d60" n="60">
 <head>Minutes of the Daily Meetings of the Commissioners Plenipotentiary, Friday, March 21, 1919</head>
 <list type="participants"><head>Present:</head>
  <item>Mr. Lansing</item><item>Mr. White</item><item>General Bliss</item></list>
 <p>1. {STORED}</p>
 <p>2. {SETTLED}</p>
 <p>3. {" ".join(NOT_CANDIDATES)}</p>
</div>
<div type="document" xml:id="d61" n="61">
 <head>The Secretary of State to the Ambassador in France, Washington, March 22, 1919</head>
 <p>The question of the rooms was settled in favor of the Army officers.</p>
</div>
</div></body></text></TEI>
"""


def _read(folder: Path) -> dict[str, Document]:
    path = folder / "frus1919Parisv12.xml"
    path.write_text(VOLUME, encoding="utf-8")
    docs = list(frus.read(path, minter=MINTER, resolver=Resolver(MINTER)))
    assert all(isinstance(d, Document) for d in docs), docs
    for doc in docs:
        assert validate(doc.graph) == [], doc.identifier
    return {d.identifier.rsplit("/", 1)[1]: d for d in docs}


def test_a_deciding_word_no_cue_takes_is_proposed_with_its_passage_and_only_that(tmp_path: Path):
    docs = _read(tmp_path)
    minutes = docs["d60"]
    candidates = [p for p in minutes.proposed if p.rule == "candidate-decision"]
    assert [p.passage_text for p in candidates] == [SETTLED]
    [candidate] = candidates
    assert 0 < candidate.confidence < CONFIDENCE_THRESHOLD
    [decision] = candidate.triples.subjects(RDF.type, PREC.Decision)
    assert candidate.triples.value(decision, PREC.text) == Literal(SETTLED)
    # the decision waits for an editor; its passage is in the record, quoting the sentence
    stored = {str(t) for t in minutes.graph.objects(None, PREC.text)}
    assert SETTLED not in stored and any(t.startswith("The Commissioners approved") for t in stored)
    assert (None, PREC.quote, Literal(SETTLED)) in minutes.graph


def test_a_letter_proposes_no_candidate(tmp_path: Path):
    letter = _read(tmp_path)["d61"]
    assert [p for p in letter.proposed if p.rule == "candidate-decision"] == []
