"""The FRUS reader on the forms of volumes the project has not seen, written as their TEI sets them out.

The data README (``../shared/data/README.md`` §3) describes them: modern volumes with
``frus:doc-dateTime-min``, a ``list[@type='participants']`` headed "Present:", the National Security
Council's list of acts ("The National Security Council:" then "a. Noted …", "b. Agreed that …", then
"(NSC Action No. 1074)"), "Summary of Conclusions" of a group's meeting; the later Paris volumes with
the date only in the head ("Thursday, March 20th [Wednesday, March 19th], 1919"), "(It was so
decided.)", lettered conclusions after "it was agreed:—", a tally "by 3 votes to 1" and a named
dissent. Each volume is read by the real reader and SHACL-validated; the assertions are what a person
reading these lines would record.
"""

from __future__ import annotations

import pytest
from rdflib import RDF, RDFS, URIRef
from rdflib.graph import Graph

from ingest import frus
from ingest.document import Document
from ingest.frus.rules import head_names_body, is_meeting_head, meeting_body
from ingest.resolve import Resolver
from ingest.validate import validate
from ontology import PREC, IriMinter

MINTER = IriMinter()

NSC = """<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0" xmlns:frus="http://history.state.gov/frus/ns/1.0"
 xml:id="frus1952-54v02p1">
<teiHeader><fileDesc><titleStmt><title type="complete">Foreign Relations of the United States, 1952–1954,
 National Security Affairs, Volume II, Part 1</title></titleStmt>
<publicationStmt><idno type="frus">frus1952-54v02p1</idno></publicationStmt>
<sourceDesc><p/></sourceDesc></fileDesc></teiHeader>
<text><front><div xml:id="persons"><list>
 <item><persName xml:id="p_DJF1">Dulles, John Foster</persName>, Secretary of State</item>
 <item><persName xml:id="p_EDD1">Eisenhower, Dwight D.</persName>, President of the United States</item>
 <item><persName xml:id="p_WCE1">Wilson, Charles E.</persName>, Secretary of Defense</item>
 <item><persName xml:id="p_HGM1">Humphrey, George M.</persName>, Secretary of the Treasury</item>
 <item><persName xml:id="p_CRC1">Cutler, Robert</persName>, Special Assistant to the President</item>
</list></div></front>
<body><div type="chapter">
<div type="document" xml:id="d101" n="101" subtype="historical-document"
  frus:doc-dateTime-min="1954-03-25T10:00:00-05:00" frus:doc-dateTime-max="1954-03-25T23:59:59-05:00">
 <head>Memorandum of Discussion at the 190th Meeting of the National Security Council, Thursday,
  March 25, 1954<note n="1" type="source">Eisenhower Library, Whitman file. Top Secret.</note></head>
 <list type="participants"><head>Present:</head>
  <item><persName corresp="#p_EDD1">The President</persName>, presiding</item>
  <item><persName corresp="#p_DJF1">John Foster Dulles</persName>, Secretary of State</item>
  <item><persName corresp="#p_WCE1">Charles E. Wilson</persName>, Secretary of Defense</item>
  <item><persName corresp="#p_HGM1">George M. Humphrey</persName>, Secretary of the Treasury</item>
  <item><persName corresp="#p_CRC1">Robert Cutler</persName>, Special Assistant to the President</item>
 </list>
 <p>There followed a general discussion of the situation in Indochina.</p>
 <p><hi rend="italic">The National Security Council:</hi></p>
 <list><item>a. Noted and discussed an oral briefing by the Director of Central Intelligence.</item>
  <item>b. Agreed that the Planning Board should prepare a report on the military situation.</item></list>
 <p>(<hi rend="italic">NSC Action No. 1074</hi>)</p>
 <p>The Council adopted the statement of policy in NSC 5405, as amended, by 4 votes to 1, Secretary
  Humphrey dissenting.</p>
 <p>The President said he wished the matter handled quietly.</p>
</div>
<div type="document" xml:id="d104" n="104" subtype="historical-document"
  frus:doc-dateTime-min="1954-04-01T10:00:00-05:00">
 <head>Memorandum of Discussion at the 191st Meeting of the National Security Council, Thursday,
  April 1, 1954</head>
 <p>1. Indochina</p>
 <p>Mr. Cutler briefed the Council on the military situation.</p>
 <p><hi rend="italic">The National Security Council:</hi> a. Noted and discussed the report. b. Agreed
  that the Secretary of State should consult the leaders of Congress. c. Deferred action on NSC 5405.
  (NSC Action No. 1080)</p>
 <p>The President said the Council had agreed to nothing further.</p>
</div>
<div type="document" xml:id="d102" n="102" subtype="historical-document"
  frus:doc-dateTime-min="1961-05-01T10:00:00-05:00">
 <head>Summary of Conclusions of a Meeting of the Special Group, Washington, May 1, 1961</head>
 <list type="participants"><head>Participants:</head>
  <item>Mr. Bundy</item><item>Mr. Gilpatric</item><item>Mr. Johnson</item><item>Mr. McCone</item></list>
 <p>1. The Group approved the proposal, Mr. Gilpatric dissenting.</p>
 <p>2. It was agreed that the Agency would report again next week.</p>
 <p>3. The Group decided unanimously to defer the matter of the radio station.</p>
</div>
<div type="document" xml:id="d103" n="103" subtype="historical-document"
  frus:doc-dateTime-min="1961-05-02T10:00:00-05:00">
 <head>Memorandum of Conversation, Washington, May 2, 1961</head>
 <list type="participants"><head>Participants:</head>
  <item>The Secretary</item><item>Ambassador Alphand</item></list>
 <p>The Secretary said it was agreed that the talks would resume in June.</p>
</div>
</div></body></text></TEI>
"""

PARIS = """<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="frus1919Parisv11">
<teiHeader><fileDesc><titleStmt><title type="complete">The Paris Peace Conference, 1919, Volume XI</title>
</titleStmt><publicationStmt><idno type="frus">frus1919Parisv11</idno></publicationStmt>
<sourceDesc><p/></sourceDesc></fileDesc></teiHeader>
<text><body><div type="chapter">
<div type="document" xml:id="d50" n="50">
 <head>Minutes of the Daily Meetings of the Commissioners Plenipotentiary, Thursday, March 20th
  [Wednesday, March 19th], 1919</head>
 <list type="participants"><head>Present:</head>
  <item>Mr. Lansing</item><item>Mr. White</item><item>General Bliss</item><item>Colonel House</item>
  <item>Mr. Grew (Secretary)</item></list>
 <p>1. General Bliss read a letter from General Pershing regarding the transport of troops. It was
  decided to refer the matter to the Shipping Board.</p>
 <p>2. Mr. White proposed that the staff of the Commission be reduced. (It was so decided.)</p>
 <p>3. The Commissioners approved, by a majority of three to one, Colonel House dissenting, the
  recommendation that the Adriatic question be reserved.</p>
 <p>4. Mr. Lansing read a telegram from Rome. The Commissioners took note of it.</p>
</div>
<div type="document" xml:id="d51" n="51">
 <head>Notes of a Meeting Held at President Wilson’s House in the Place des États-Unis, Paris, on
  Tuesday, April 22, 1919, at 11 a.m.</head>
 <p>Present: President Wilson; M. Clemenceau; Mr. Lloyd George; Baron Sonnino.</p>
 <p>1. The Council of Four agreed that the Japanese claims should be heard on the following day.</p>
 <p>2. After a short discussion it was agreed:—</p>
 <p>(a) that the Belgian delegates should be invited;</p>
 <p>(b) that the text of the articles should be circulated.</p>
 <p>3. The proposal to admit the press was rejected by 3 votes to 1.</p>
 <p>4. M. Clemenceau said that he would consult Marshal Foch.</p>
 <p>5. The following resolution was adopted:</p>
 <quote><p>The Allied and Associated Powers agree that the blockade shall be lifted.</p>
  <p>The Supreme Economic Council is charged with the arrangements.</p></quote>
 <p>6. M. Clemenceau then read a note from Marshal Foch.</p>
</div>
</div></body></text></TEI>
"""


def _read(tmp_path_factory, name: str, text: str) -> dict[str, Document]:
    path = tmp_path_factory.mktemp("frus") / f"{name}.xml"
    path.write_text(text, encoding="utf-8")
    docs = list(frus.read(path, minter=MINTER, resolver=Resolver(MINTER)))
    assert all(isinstance(d, Document) for d in docs), docs
    for doc in docs:
        assert validate(doc.graph) == [], doc.identifier
    return {d.identifier.rsplit("/", 1)[1]: d for d in docs}


@pytest.fixture(scope="module")
def nsc(tmp_path_factory) -> dict[str, Document]:
    return _read(tmp_path_factory, "frus1952-54v02p1", NSC)


@pytest.fixture(scope="module")
def paris(tmp_path_factory) -> dict[str, Document]:
    return _read(tmp_path_factory, "frus1919Parisv11", PARIS)


def _label(graph: Graph, node) -> str:
    return str(graph.value(node, RDFS.label))


def _decisions(doc: Document) -> dict[str, URIRef]:
    graph = doc.graph
    return {str(graph.value(d, PREC.text)): d for d in graph.subjects(RDF.type, PREC.Decision)}


def _held_by(doc: Document) -> str | None:
    graph = doc.graph
    meeting = next(graph.subjects(RDF.type, PREC.Meeting), None)
    body = graph.value(meeting, PREC.heldBy) if meeting is not None else None
    return _label(graph, body) if body is not None else None


def _vote(graph: Graph, decision: URIRef) -> tuple[tuple[int, int], str, dict[str, str]]:
    vote = graph.value(decision, PREC.hasVote)
    assert vote is not None
    ballots = {
        _label(graph, graph.value(b, PREC.voter)).split()[-1]: str(graph.value(b, PREC.voteCast))
        for b in graph.objects(vote, PREC.hasBallot)
    }
    counts = (int(graph.value(vote, PREC.votesFor)), int(graph.value(vote, PREC.votesAgainst)))
    return counts, str(graph.value(vote, PREC.result)), ballots


def test_nsc_memorandum_of_discussion_lists_its_acts_under_the_council(nsc) -> None:
    doc = nsc["d101"]
    graph = doc.graph
    assert _held_by(doc) == "National Security Council"
    assert not doc.proposed
    meeting = next(graph.subjects(RDF.type, PREC.Meeting))
    assert str(graph.value(meeting, PREC.date)) == "1954-03-25"
    attended = {
        _label(graph, graph.value(a, PREC.attendee)): str(graph.value(a, PREC.inCapacity))
        for a in graph.subjects(RDF.type, PREC.Attendance)
    }
    assert attended["John Foster Dulles"] == "Secretary of State" and len(attended) == 5
    assert _label(graph, graph.value(meeting, PREC.chair)) == "Dwight D. Eisenhower"
    decided = _decisions(doc)
    # "a. Noted and discussed" settles nothing; the bare "(NSC Action No. 1074)" numbers the acts.
    assert set(decided) == {
        "The National Security Council: Agreed that the Planning Board should prepare a report on the "
        "military situation.",
        "The Council adopted the statement of policy in NSC 5405, as amended, by 4 votes to 1, Secretary "
        "Humphrey dissenting.",
    }
    for decision in decided.values():
        assert _label(graph, graph.value(decision, PREC.decidedBy)) == "National Security Council"
    adopted = decided[next(t for t in decided if t.startswith("The Council adopted"))]
    counts, result, ballots = _vote(graph, adopted)
    assert (counts, result, ballots.get("Humphrey")) == ((4, 1), "carried", "against")


def test_a_list_of_acts_run_on_in_one_paragraph(nsc) -> None:
    decided = _decisions(nsc["d104"])
    assert set(decided) == {
        "The National Security Council: Agreed that the Secretary of State should consult the leaders "
        "of Congress.",
        "The National Security Council: Deferred action on NSC 5405.",
    }


def test_a_groups_summary_of_conclusions_is_a_meeting_with_a_named_dissent(nsc) -> None:
    doc = nsc["d102"]
    graph = doc.graph
    assert _held_by(doc) == "Special Group"
    decided = _decisions(doc)
    assert len(decided) == 3
    approved = decided["The Group approved the proposal, Mr. Gilpatric dissenting."]
    counts, result, ballots = _vote(graph, approved)
    assert counts == (3, 1) and result == "carried"
    assert ballots == {"Bundy": "for", "Johnson": "for", "McCone": "for", "Gilpatric": "against"}
    deferred = decided["The Group decided unanimously to defer the matter of the radio station."]
    assert str(graph.value(deferred, PREC.decisionMethod)) == "consensus"
    assert str(graph.value(deferred, PREC.result)) == "adopted"


def test_a_memorandum_of_conversation_only_proposes_what_it_reports(nsc) -> None:
    doc = nsc["d103"]
    assert not _decisions(doc) and not any(doc.graph.subjects(RDF.type, PREC.Meeting))
    assert [p.rule for p in doc.proposed] == ["passive-agreed"]


def test_later_commissioners_minutes_dated_in_the_head_with_a_secretary_who_does_not_vote(paris) -> None:
    doc = paris["d50"]
    graph = doc.graph
    meeting = next(graph.subjects(RDF.type, PREC.Meeting))
    # "Thursday, March 20th [Wednesday, March 19th]": the editors' bracketed correction is the date
    assert str(graph.value(meeting, PREC.date)) == "1919-03-19"
    capacities = {
        _label(graph, graph.value(a, PREC.attendee)): graph.value(a, PREC.inCapacity)
        for a in graph.subjects(RDF.type, PREC.Attendance)
    }
    assert {k.split()[-1] for k in capacities} == {"Lansing", "White", "Bliss", "House", "Grew"}
    assert str(capacities[next(k for k in capacities if k.endswith("Grew"))]) == "Secretary"
    decided = _decisions(doc)
    assert len(decided) == 3  # "took note of it" settles nothing
    so_decided = decided[
        "Mr. White proposed that the staff of the Commission be reduced. (It was so decided.)"
    ]
    motion = graph.value(so_decided, PREC.onMotion)
    assert _label(graph, graph.value(motion, PREC.movedBy)).endswith("White")
    reserved = next(d for t, d in decided.items() if t.startswith("The Commissioners approved"))
    counts, result, ballots = _vote(graph, reserved)
    assert (counts, result) == ((3, 1), "carried")
    assert ballots == {"Lansing": "for", "White": "for", "Bliss": "for", "House": "against"}


def test_lettered_conclusions_are_one_decision_and_a_rejected_proposal_failed(paris) -> None:
    doc = paris["d51"]
    graph = doc.graph
    assert _held_by(doc) == "Council of Four"
    decided = _decisions(doc)
    assert (
        "After a short discussion it was agreed:— (a) that the Belgian delegates should be invited; "
        "(b) that the text of the articles should be circulated." in decided
    )
    rejected = decided["The proposal to admit the press was rejected by 3 votes to 1."]
    vote = graph.value(rejected, PREC.hasVote)
    assert (int(graph.value(vote, PREC.votesFor)), int(graph.value(vote, PREC.votesAgainst))) == (1, 3)
    assert str(graph.value(vote, PREC.result)) == "defeated"
    assert str(graph.value(rejected, PREC.result)) == "defeated"
    assert (
        "The following resolution was adopted: The Allied and Associated Powers agree that the blockade "
        "shall be lifted. The Supreme Economic Council is charged with the arrangements." in decided
    )
    assert len(decided) == 4  # "M. Clemenceau said that he would consult …" is no decision


@pytest.mark.parametrize(
    ("head", "body"),
    [
        (
            "Summary of Conclusions of the Senior Review Group Meeting, Washington, May 1, 1972",
            "Senior Review Group",
        ),
        (
            "Summary of Conclusions of a Meeting of the Special Group, Washington, May 1, 1961",
            "Special Group",
        ),
        (
            "Minutes of a National Security Council Meeting, Washington, June 3, 1970",
            "National Security Council",
        ),
        ("Minutes of Cabinet Meeting, Washington, May 1, 1955", "Cabinet"),
        (
            "Summary Record of the 517th Meeting of the National Security Council, Washington, "
            "September 12, 1963",
            "National Security Council",
        ),
    ],
)
def test_modern_meeting_heads_name_their_body(head: str, body: str) -> None:
    assert is_meeting_head(head) and head_names_body(head)
    assert meeting_body(head) == body


COUNCIL_OF_TEN = """<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0" xmlns:frus="http://history.state.gov/frus/ns/1.0"
 xml:id="frus1919Parisv03">
<teiHeader><fileDesc><titleStmt><title type="complete">Papers relating to the foreign relations of the
 United States, The Paris Peace Conference, 1919, Volume III</title></titleStmt>
<publicationStmt><idno type="frus">frus1919Parisv03</idno></publicationStmt>
<sourceDesc><p/></sourceDesc></fileDesc></teiHeader>
<text><body><div type="chapter">
<div type="document" xml:id="d40" n="40">
 <head>Notes of a Conversation Held in M. Pichon’s Room at the Quai d’Orsay, Paris, on Tuesday,
  January 21, 1919, at 10:30 a.m.</head>
 <list type="participants">
  <head>Present</head>
  <item>America, United States of</item>
  <item>President Wilson.</item>
  <item>Mr. R. Lansing.</item>
  <item>Secretaries</item>
  <item>Mr. A. H. Frazier.</item>
  <item>British Empire</item>
  <item>The Rt. Hon. D. Lloyd George, M. P.</item>
  <item>The Rt. Hon. A. J. Balfour, O. M., M. P.</item>
  <item>Secretaries</item>
  <item>Lt. Col. Sir M. P. A. Hankey, K. C. B.</item>
  <item>France</item>
  <item>M. Clemenceau.</item>
  <item>M. Pichon.</item>
  <item>Interpreter: Professor P. J. Mantoux.</item>
 </list>
 <p>1. M. Clemenceau said that the first question was the procedure.</p>
 <p>(It was agreed that the question should be referred to the Foreign Ministers.)</p>
 <p>The meeting then adjourned.</p>
</div></div></body></text></TEI>
"""


def test_a_delegations_participants_list_names_persons_not_its_headings(tmp_path_factory) -> None:
    # The later Paris volumes list participants by delegation: a country ("British Empire", "America,
    # United States of", "France") or a part of a delegation ("Secretaries") heads the names below it,
    # and "Interpreter: Professor P. J. Mantoux" gives the interpreter, not a person named "Interpreter".
    [doc] = _read(tmp_path_factory, "frus1919Parisv03", COUNCIL_OF_TEN).values()
    graph = doc.graph
    attendees = {
        _label(graph, graph.value(a, PREC.attendee)) for a in graph.subjects(RDF.type, PREC.Attendance)
    }
    surnames = {name.split()[-1] for name in attendees}
    assert surnames == {
        "Wilson",
        "Lansing",
        "Frazier",
        "George",
        "Balfour",
        "Hankey",
        "Clemenceau",
        "Pichon",
        "Mantoux",
    }
    assert not attendees & {
        "British Empire",
        "France",
        "Secretaries",
        "Interpreter",
        "America, United States of",
    }
    assert list(_decisions(doc)) == [
        "(It was agreed that the question should be referred to the Foreign Ministers.)"
    ]


COMMISSION = """<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="frus1919Parisv01">
<teiHeader><fileDesc><titleStmt><title type="complete">Papers Relating to the Foreign Relations of the
 United States, The Paris Peace Conference, 1919, Volume I</title></titleStmt>
<publicationStmt><idno type="frus">frus1919Parisv01</idno></publicationStmt>
<sourceDesc><p/></sourceDesc></fileDesc></teiHeader>
<text><body><div type="chapter" xml:id="ch1">
<div type="document" xml:id="d165" n="165">
 <head>Form of Credentials Issued to Commissioners Plenipotentiary</head>
 <p>Woodrow Wilson, President of the United States of America, To All to Whom These Presents Shall
  Come, Greeting:</p>
 <p>Know ye, That reposing special trust and confidence in the integrity and ability of the Honorable
  Robert Lansing, I do appoint them jointly and severally to be Commissioners Plenipotentiary.</p>
 <p>In testimony whereof, I have caused the seal of the United States to be hereunto affixed.</p>
 <p><seg type="margin">[seal]</seg> Given under my hand at the City of Washington, this thirtieth day
  of November, in the year of our Lord one thousand nine hundred and eighteen, and of the
  Independence of the United States of America the one hundred and forty-third.</p>
 <closer><signed>Woodrow Wilson</signed></closer>
 <postscript><p>By the President: Robert Lansing, Secretary of State.</p></postscript>
</div>
<div type="document" xml:id="d166" n="166">
 <head>Form of Commission of Individual Commissioners Plenipotentiary</head>
 <p>Woodrow Wilson,</p>
 <p>President of the United States of America,</p>
 <p>To all who shall see these presents, greeting:</p>
 <p>Know Ye, that reposing special trust and confidence in the Integrity and Ability of Robert Lansing,
  of New York, I do appoint him as a Commissioner Plenipotentiary of the United States of America To
  Negotiate Peace, and do authorize and empower him to execute and fulfill the duties of that Office
  according to law, and to have and to hold the said Office with all the powers thereunto of right
  appertaining unto him the said Robert Lansing during the pleasure of the President of the United
  States.</p>
 <p>In testimony whereof, I have caused these Letters to be made Patent.</p>
 <p>Given under my hand at the City of Washington, the thirtieth day of November, in the year of our
  Lord one thousand nine hundred and eighteen.</p>
 <closer><signed>Woodrow Wilson</signed></closer>
</div>
<div type="document" xml:id="d167" n="167">
 <head>The Secretary of State to the Ambassador in France</head>
 <p>Washington, November 30, 1918.</p>
 <p>The President has appointed you a Commissioner. I have caused your commission to be sent.</p>
</div>
</div></body></text></TEI>
"""


def test_an_instrument_records_each_act_of_its_issuer(tmp_path_factory) -> None:
    """A commission's first-person acts are decisions of the issuer's office, each joined act its own
    (Paris vol. I, d165 and d166); a letter that reports an appointment records none."""
    docs = _read(tmp_path_factory, "frus1919Parisv01", COMMISSION)
    acts = {}
    for doc_id in ("d165", "d166"):
        graph = docs[doc_id].graph
        for decision in graph.subjects(RDF.type, PREC.Decision):
            issuer = graph.value(decision, PREC.decidedBy)
            acts[str(graph.value(decision, PREC.text))] = (
                _label(graph, issuer),
                str(graph.value(decision, PREC.decisionMethod)),
                str(graph.value(decision, PREC.date)),
            )
    office = ("President of the United States of America", "executive", "1918-11-30")
    assert acts == {
        "I do appoint them jointly and severally to be Commissioners Plenipotentiary": office,
        "I do appoint him as a Commissioner Plenipotentiary of the United States of America To "
        "Negotiate Peace": office,
        "do authorize and empower him to execute and fulfill the duties of that Office according to law, "
        "and to have and to hold the said Office with all the powers thereunto of right appertaining unto "
        "him the said Robert Lansing during the pleasure of the President of the United States": office,
    }
    assert not list(docs["d167"].graph.subjects(RDF.type, PREC.Decision))


def test_an_instrument_is_dated_by_its_attestation_clause(tmp_path_factory) -> None:
    """A commission has no dateline: its date is in the long "Given under my hand at …, this … day of …"
    clause near its end (Paris vol. I, d165), which counts although it is no short footer line."""
    doc = _read(tmp_path_factory, "frus1919Parisv01", COMMISSION)["d165"]
    dates = {str(o) for o in doc.graph.objects(None, PREC.date)}
    assert dates == {"1918-11-30"}
