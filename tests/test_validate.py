"""SHACL validation of one document's graph: sound documents pass, each kind of fault is named."""

from __future__ import annotations

import pytest
from rdflib import RDF, RDFS, Graph, Literal, URIRef

from ingest.document import Document
from ingest.validate import Violation, validate
from ontology import PREC

ID = "https://archive.example.org/id/"

VALID_DECISION = """
@prefix prec: <https://w3id.org/precedent/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@base <https://archive.example.org/id/> .

<record/MFA-2014-03> a prec:Record ;
    prec:identifier "MFA-2014-03" ; rdfs:label "Executive Committee, 12 March 2014" ;
    prec:recordType "minutes" ; prec:accessLevel "public" ; prec:date "2014-03-12"^^xsd:date .
<passage/MFA-2014-03~p1> a prec:Passage ;
    prec:inRecord <record/MFA-2014-03> ; prec:quote "Exports of dual-use goods require a licence." ;
    prec:startOffset 120 ; prec:endOffset 164 ; prec:sequence 1 .
<meeting/MFA-2014-03> a prec:Meeting ;
    rdfs:label "Executive Committee meeting" ; prec:date "2014-03-12"^^xsd:date ;
    prec:heldBy <organisation/Executive-Committee> ; prec:recordedIn <record/MFA-2014-03> ;
    prec:hasAttendance <attendance/MFA-2014-03~Elena-Marsh> ;
    prec:derivedFrom <passage/MFA-2014-03~p1> .
<attendance/MFA-2014-03~Elena-Marsh> a prec:Attendance ;
    prec:attendee <person/Elena-Marsh> ; prec:attendanceStatus "present" .
<decision/MFA-2014-03~D1> a prec:Decision ;
    rdfs:label "Licensing of dual-use exports" ;
    prec:text "Exports of dual-use goods require a licence." ;
    prec:date "2014-03-12"^^xsd:date ; prec:decidedAt <meeting/MFA-2014-03> ;
    prec:decisionMethod "consensus" ;
    prec:derivedFrom <passage/MFA-2014-03~p1> ;
    prec:consideredOption <option/MFA-2014-03~D1~o1> ; prec:chosenOption <option/MFA-2014-03~D1~o1> ;
    prec:hasExpectedOutcome <outcome/MFA-2014-03~D1~e1> ;
    prec:hasCommitment <commitment/MFA-2014-03~D1~c1> ;
    prec:hasVote <vote/MFA-2014-03~D1~v> .
<option/MFA-2014-03~D1~o1> a prec:Option ; rdfs:label "Licensing requirement" ;
    prec:hasPro <argument/MFA-2014-03~D1~o1~a1> .
<argument/MFA-2014-03~D1~o1~a1> a prec:Argument ; prec:argumentText "Targets what matters" .
<outcome/MFA-2014-03~D1~e1> a prec:ExpectedOutcome ; rdfs:label "Exports cut by 80 per cent" ;
    prec:outcomeStatus "pending" ; prec:targetValue 80.0 .
<commitment/MFA-2014-03~D1~c1> a prec:Commitment ; rdfs:label "Publish the control list" ;
    prec:owner <organisation/Ministry-of-Foreign-Affairs> ; prec:deadline "2014-04-01"^^xsd:date ;
    prec:budgetAmount 250000.00 ; prec:budgetCurrency "EUR" ; prec:commitmentStatus "done" .
<vote/MFA-2014-03~D1~v> a prec:Vote ; prec:votesFor 5 ; prec:votesAgainst 1 ; prec:result "carried" ;
    prec:hasBallot <ballot/MFA-2014-03~D1~v~Elena-Marsh> .
<ballot/MFA-2014-03~D1~v~Elena-Marsh> a prec:Ballot ;
    prec:voter <person/Elena-Marsh> ; prec:voteCast "for" .
"""

DECISION = URIRef(ID + "decision/MFA-2014-03~D1")
OUTCOME = URIRef(ID + "outcome/MFA-2014-03~D1~e1")
PASSAGE = URIRef(ID + "passage/MFA-2014-03~p1")
BALLOT = URIRef(ID + "ballot/MFA-2014-03~D1~v~Elena-Marsh")
COMMITMENT = URIRef(ID + "commitment/MFA-2014-03~D1~c1")
RECORD = URIRef(ID + "record/MFA-2014-03")


@pytest.fixture
def graph() -> Graph:
    return Graph().parse(data=VALID_DECISION, format="turtle")


def errors_about(violations: list[Violation], focus: URIRef, prop: URIRef | None) -> list[Violation]:
    return [
        v
        for v in violations
        if v.is_error and v.focus == str(focus) and (v.path == (str(prop) if prop else None))
    ]


def test_a_sound_decision_graph_conforms(graph):
    assert validate(graph) == []


def test_a_document_is_validated_through_its_graph(graph):
    document = Document(
        identifier="MFA-2014-03",
        title="t",
        source_format="markdown",
        access_level="public",
        graph=graph,
        content_hash="0" * 64,
        reader="test",
        reader_version="1",
    )
    assert validate(document) == []


def test_a_decision_without_a_date_is_reported_with_the_field_named(graph):
    graph.remove((DECISION, PREC.date, None))
    found = errors_about(validate(graph), DECISION, PREC.date)
    assert len(found) == 1
    assert "prec:date" in found[0].message and "Decision" in found[0].message
    assert "prec:date" in str(found[0]) and str(DECISION) in str(found[0])


def test_a_decision_date_that_is_not_an_xsd_date_is_reported(graph):
    graph.set((DECISION, PREC.date, Literal("12 March 2014")))
    assert errors_about(validate(graph), DECISION, PREC.date)


def test_an_unknown_outcome_status_is_reported_with_the_allowed_values(graph):
    graph.set((OUTCOME, PREC.outcomeStatus, Literal("great-success")))
    found = errors_about(validate(graph), OUTCOME, PREC.outcomeStatus)
    assert len(found) == 1
    assert "prec:outcomeStatus" in found[0].message
    assert "partially-met" in found[0].message
    assert found[0].value == "great-success"


def test_a_decision_needs_either_a_decider_or_a_meeting(graph):
    graph.remove((DECISION, PREC.decidedAt, None))
    found = errors_about(validate(graph), DECISION, None)
    assert len(found) == 1
    assert "prec:decidedBy" in found[0].message and "prec:decidedAt" in found[0].message
    graph.add((DECISION, PREC.decidedBy, URIRef(ID + "person/Elena-Marsh")))
    assert validate(graph) == []


def test_a_decision_without_its_source_passage_is_reported(graph):
    graph.remove((DECISION, PREC.derivedFrom, None))
    found = errors_about(validate(graph), DECISION, PREC.derivedFrom)
    assert found and "prec:Passage" in found[0].message


def test_a_passage_that_ends_before_it_starts_is_reported(graph):
    graph.set((PASSAGE, PREC.startOffset, Literal(500)))
    found = errors_about(validate(graph), PASSAGE, PREC.startOffset)
    assert any("prec:endOffset" in v.message for v in found)


def test_passage_offsets_must_be_integers(graph):
    graph.set((PASSAGE, PREC.endOffset, Literal("164")))
    found = errors_about(validate(graph), PASSAGE, PREC.endOffset)
    assert found and "xsd:integer" in found[0].message


def test_a_ballot_with_an_unknown_vote_is_reported(graph):
    graph.set((BALLOT, PREC.voteCast, Literal("yes")))
    found = errors_about(validate(graph), BALLOT, PREC.voteCast)
    assert found and "for, against, abstain, absent" in found[0].message


def test_a_record_needs_an_allowed_record_type_and_an_access_level(graph):
    graph.set((RECORD, PREC.recordType, Literal("novel")))
    graph.remove((RECORD, PREC.accessLevel, None))
    violations = validate(graph)
    assert errors_about(violations, RECORD, PREC.recordType)
    assert errors_about(violations, RECORD, PREC.accessLevel)


def test_a_meeting_needs_its_body_and_its_record(graph):
    meeting = URIRef(ID + "meeting/MFA-2014-03")
    graph.remove((meeting, PREC.heldBy, None))
    graph.remove((meeting, PREC.recordedIn, None))
    violations = validate(graph)
    assert "prec:heldBy" in errors_about(violations, meeting, PREC.heldBy)[0].message
    assert "prec:recordedIn" in errors_about(violations, meeting, PREC.recordedIn)[0].message


def test_a_commitment_without_owner_is_only_a_warning(graph):
    graph.remove((COMMITMENT, PREC.owner, None))
    assert validate(graph) == [], "a warning alone must not refuse the document"
    violations = validate(graph, include_warnings=True)
    assert [v.severity for v in violations] == ["warning"]
    assert not violations[0].is_error and "prec:owner" in violations[0].message


def test_a_bad_currency_code_and_an_option_without_label_are_both_reported(graph):
    graph.set((COMMITMENT, PREC.budgetCurrency, Literal("euros")))
    option = URIRef(ID + "option/MFA-2014-03~D1~o1")
    graph.remove((option, RDFS.label, None))
    violations = validate(graph)
    assert "ISO 4217" in errors_about(violations, COMMITMENT, PREC.budgetCurrency)[0].message
    assert errors_about(violations, option, RDFS.label)


def test_confidence_outside_zero_to_one_is_reported(graph):
    graph.add(
        (
            DECISION,
            PREC.confidence,
            Literal("1.5", datatype=URIRef("http://www.w3.org/2001/XMLSchema#decimal")),
        )
    )
    assert errors_about(validate(graph), DECISION, PREC.confidence)


def test_an_observed_outcome_is_checked_like_any_outcome(graph):
    observed = URIRef(ID + "outcome/MFA-2014-03~D1~x1")
    graph.add((observed, RDF.type, PREC.ObservedOutcome))
    graph.add((observed, PREC.observes, OUTCOME))
    found = errors_about(validate(graph), observed, PREC.outcomeStatus)
    assert found, "an observed outcome without a status must be reported"


def test_validating_a_typical_document_takes_milliseconds(graph):
    """About 200 triples (four decisions with meetings, passages and votes) validate in well under 250 ms."""
    import time

    def renamed(term, copy: int):
        return URIRef(f"{term}-{copy}") if isinstance(term, URIRef) and term.startswith(ID) else term

    big = Graph()
    for copy in range(4):
        for s, p, o in graph:
            big.add((renamed(s, copy), p, renamed(o, copy)))
    assert 200 <= len(big) <= 300
    assert validate(big) == []
    started = time.perf_counter()
    for _ in range(5):
        validate(big)
    per_document_ms = (time.perf_counter() - started) / 5 * 1000
    print(f"validate: {len(big)} triples in {per_document_ms:.1f} ms")
    assert per_document_ms < 250


def test_an_unknown_review_status_is_reported_on_the_fact_that_carries_it(graph):
    graph.add((DECISION, PREC.reviewStatus, Literal("maybe")))
    found = errors_about(validate(graph), DECISION, PREC.reviewStatus)
    assert len(found) == 1 and found[0].value == "maybe" and "corrected" in found[0].message


def test_a_fact_derived_from_something_that_is_not_a_passage_is_reported(graph):
    option = URIRef(ID + "option/MFA-2014-03~D1~o1")
    graph.add((option, PREC.derivedFrom, RECORD))
    found = errors_about(validate(graph), option, PREC.derivedFrom)
    assert len(found) == 1 and found[0].value == str(RECORD)
