"""Plain-text minutes of a city committee: attendance, items, decisions, votes, dissent, actions."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from pathlib import Path

import pytest
from rdflib import RDF, Literal
from rdflib.namespace import XSD

from ingest.document import Document, ReaderError
from ingest.plaintext import text as text_reader
from ingest.resolve import Resolver
from ontology import PREC, IriMinter

from .minutes_fixtures import CITY_MINUTES, decision_texts, label

MINTER = IriMinter()


@pytest.fixture
def minutes_file(tmp_path: Path) -> Path:
    path = tmp_path / "bridgeford-transport-2025-06-03.txt"
    path.write_text(CITY_MINUTES, encoding="utf-8")
    return path


@pytest.fixture
def document(minutes_file: Path) -> Document:
    results = list(text_reader.read(minutes_file, minter=MINTER, resolver=Resolver(MINTER)))
    assert len(results) == 1 and isinstance(results[0], Document), results
    return results[0]


def _attendance(graph):
    return {
        label(graph, graph.value(a, PREC.attendee)): (
            str(graph.value(a, PREC.attendanceStatus)),
            graph.value(a, PREC.inCapacity),
        )
        for a in graph.subjects(RDF.type, PREC.Attendance)
    }


def test_identifier_hash_and_original_come_from_the_file(document, minutes_file):
    assert document.identifier == "bridgeford-transport-2025-06-03"
    assert document.content_hash == hashlib.sha256(minutes_file.read_bytes()).hexdigest()
    assert document.original == minutes_file.read_bytes()
    assert document.source_format == "text"


def test_meeting_has_body_date_place_and_chair(document):
    g = document.graph
    meeting = next(g.subjects(RDF.type, PREC.Meeting))
    assert g.value(meeting, PREC.date) == Literal(dt.date(2025, 6, 3), datatype=XSD.date)
    assert str(g.value(meeting, PREC.placeName)) == "Committee Room 2, City Hall"
    body = g.value(meeting, PREC.heldBy)
    assert label(g, body) == "Transport and Environment Committee"
    assert (body, RDF.type, PREC.Body) in g
    parent = g.value(body, PREC.subOrganisationOf)
    assert label(g, parent) == "City of Bridgeford" and (parent, RDF.type, PREC.LocalGovernment) in g
    assert label(g, g.value(meeting, PREC.chair)) == "Jane Rivera"


def test_present_also_present_and_apologies_are_attendances(document):
    attendance = _attendance(document.graph)
    assert attendance["Jane Rivera"] == ("present", Literal("Chair"))
    assert attendance["Tom Okafor"] == ("present", Literal("Vice-Chair"))
    assert {n for n, (s, _) in attendance.items() if s == "present"} == {
        "Jane Rivera",
        "Tom Okafor",
        "Priya Shah",
        "Mark Ellis",
        "Ruth Adams",
    }
    assert attendance["Jenny Smith"] == ("also-present", Literal("Head of Highways"))
    assert attendance["Daniel Cho"][0] == "also-present"
    assert attendance["Alan Burke"] == ("apologies", None)


def test_numbered_items_are_agenda_items_holding_their_decisions(document):
    g = document.graph
    items = {label(g, i): i for i in g.subjects(RDF.type, PREC.AgendaItem)}
    assert list(items) and set(items) == {
        "Declarations of interest",
        "Minutes of the previous meeting",
        "Riverside cycle lane",
        "Street lighting",
        "Date of next meeting",
    }
    held = {str(g.value(d, PREC.text)) for d in g.objects(items["Riverside cycle lane"], PREC.hasDecision)}
    assert held == {"RESOLVED that the Riverside cycle lane scheme be approved for construction in 2025/26."}


def test_resolutions_agreed_items_and_it_was_agreed_are_decisions(document):
    assert decision_texts(document.graph) == {
        "RESOLVED that the minutes of the meeting held on 6 May 2025 be approved as a correct record.",
        "RESOLVED that the Riverside cycle lane scheme be approved for construction in 2025/26.",
        "Agreed: that officers procure LED replacements for the remaining 1,200 street lamps.",
        "It was agreed that the next meeting would be held on 1 July 2025.",
    }
    g = document.graph
    for decision in g.subjects(RDF.type, PREC.Decision):
        assert float(g.value(decision, PREC.confidence)) >= 0.6
        assert str(g.value(decision, PREC.extractionRule)).startswith("decision:")
        assert label(g, g.value(decision, PREC.decidedBy)) == "Transport and Environment Committee"


def test_recorded_vote_gives_ballots_by_full_name_and_the_dissent_reason(document):
    g = document.graph
    vote = next(g.subjects(RDF.type, PREC.Vote))
    ballots = {
        label(g, g.value(b, PREC.voter)): str(g.value(b, PREC.voteCast))
        for b in g.objects(vote, PREC.hasBallot)
    }
    assert ballots == {
        "Jane Rivera": "for",
        "Tom Okafor": "for",
        "Priya Shah": "for",
        "Mark Ellis": "for",
        "Ruth Adams": "against",
    }
    assert int(g.value(vote, PREC.votesFor)) == 4 and int(g.value(vote, PREC.votesAgainst)) == 1
    assert str(g.value(vote, PREC.result)) == "carried"
    decision = next(g.subjects(PREC.hasVote, vote))
    assert "Riverside cycle lane" in str(g.value(decision, PREC.text))
    reasons = [str(r) for r in g.objects(None, PREC.dissentReason)]
    assert reasons == [
        "Councillor Adams dissented because the scheme removes 40 parking spaces on Mill Street."
    ]


def test_action_line_is_a_commitment_with_owner_and_deadline(document):
    g = document.graph
    commitment = next(g.subjects(RDF.type, PREC.Commitment))
    assert label(g, g.value(commitment, PREC.owner)) == "Jenny Smith"
    assert g.value(commitment, PREC.deadline) == Literal(dt.date(2025, 6, 30), datatype=XSD.date)
    decision = next(g.subjects(PREC.hasCommitment, commitment))
    assert "Riverside" in str(g.value(decision, PREC.text))


def test_every_passage_quotes_the_text_at_its_offsets(document):
    g = document.graph
    passages = list(g.subjects(RDF.type, PREC.Passage))
    assert len(passages) > 10
    for passage in passages:
        start, end = int(g.value(passage, PREC.startOffset)), int(g.value(passage, PREC.endOffset))
        assert CITY_MINUTES[start:end] == str(g.value(passage, PREC.quote))
    for kind in (PREC.Decision, PREC.Attendance, PREC.Vote, PREC.Ballot, PREC.Commitment, PREC.Meeting):
        for node in g.subjects(RDF.type, kind):
            assert g.value(node, PREC.derivedFrom) is not None, (kind, node)


def test_low_confidence_agreement_is_proposed_not_stored(document, minutes_file):
    assert "Members agreed that the pilot in Northgate had gone well." not in decision_texts(document.graph)
    [proposal] = document.proposed
    assert proposal.confidence < 0.6 and proposal.rule == "decision:participants-agreed"
    assert proposal.passage_text == "Members agreed that the pilot in Northgate had gone well."
    assert "Members agreed that the pilot in Northgate had gone well." in decision_texts(proposal.triples)
    again = next(text_reader.read(minutes_file, minter=MINTER, resolver=Resolver(MINTER)))
    assert again.proposed[0].key == proposal.key


def test_cp1252_file_with_bom_less_bytes_is_read(tmp_path):
    path = tmp_path / "old.txt"
    path.write_bytes(
        CITY_MINUTES.replace("Head of Highways", "Head of Highways \u2013 Roads").encode("cp1252")
    )
    document = next(text_reader.read(path, minter=MINTER))
    assert isinstance(document, Document)
    assert any("Roads" in str(c) for c in document.graph.objects(None, PREC.inCapacity))


@pytest.mark.parametrize("content, problem", [(b"", "empty"), (b"\x00\x01\x02binary", "NUL")])
def test_unreadable_text_file_is_refused_with_its_name(tmp_path, content, problem):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    [error] = list(text_reader.read(path, minter=MINTER))
    assert isinstance(error, ReaderError)
    assert error.location == str(path) and problem in error.problem


def test_document_conforms_to_the_shapes(document):
    from ingest.validate import validate

    assert validate(document) == []


def test_format_dispatch_reads_text_minutes(minutes_file):
    from ingest import formats

    assert formats.detect(minutes_file) == "text"
    [document] = list(formats.read(minutes_file, "text", level="internal", minter=MINTER))
    assert document.access_level == "internal"
    record = next(document.graph.subjects(RDF.type, PREC.Record))
    assert str(document.graph.value(record, PREC.accessLevel)) == "internal"


def test_minutes_without_a_readable_date_are_stored_uncertain_with_their_decisions_for_review(tmp_path):
    from ingest.validate import validate

    path = tmp_path / "undated.txt"
    path.write_text(re.sub(r"\d{1,2} \w+ 2025", "the usual day", CITY_MINUTES), encoding="utf-8")
    [document] = list(text_reader.read(path, minter=MINTER, resolver=Resolver(MINTER)))
    assert isinstance(document, Document) and validate(document) == []
    g = document.graph
    record = next(g.subjects(RDF.type, PREC.Record))
    assert float(g.value(record, PREC.confidence)) < 1
    assert len(list(g.subjects(RDF.type, PREC.Attendance))) > 3  # what could be read is stored
    assert not list(g.subjects(RDF.type, PREC.Decision))
    undated = [p for p in document.proposed if p.rule.endswith(":undated")]
    assert undated and all(p.confidence <= 0.5 for p in undated)
