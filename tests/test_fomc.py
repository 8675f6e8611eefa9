"""Every FOMC minutes file: attendance and recorded votes as the text itself states them.

The expected names are pulled out of the source IN THE TEST with plain string operations (split
on honorifics, commas and "and"), independently of the reader's regular expressions.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib import RDF

from ingest.plaintext import text as text_reader
from ingest.document import Document
from ingest.heuristics import decode_source
from ingest.resolve import Resolver
from ontology import PREC, IriMinter

from .minutes_fixtures import data_dir, label

MINTER = IriMinter()
HONORIFICS = ("Messrs.", "Mses.", "Mrs.", "Mr.", "Ms.")


def _fomc_files() -> list[Path]:
    folder = Path(__file__).resolve().parents[2] / "shared" / "data" / "fomc"
    return sorted(folder.glob("*.txt")) if folder.is_dir() else []


FILES = _fomc_files()
IDS = [f.name[12:22] for f in FILES]


@pytest.fixture(scope="module")
def documents() -> dict[str, tuple[str, Document]]:
    folder = data_dir("fomc")
    resolver = Resolver(MINTER)
    out = {}
    for path in sorted(folder.glob("*.txt")):
        [document] = list(text_reader.read(path, minter=MINTER, resolver=resolver))
        out[path.name] = (decode_source(path.read_bytes()), document)
    return out


def names_in(fragment: str) -> list[str]:
    """Surnames in "Messrs. A, B, and C, Ms. D": the capitalised words after the honorifics."""
    for honorific in HONORIFICS:
        fragment = fragment.replace(honorific, ",")
    names = []
    for part in fragment.replace(" and ", ",").split(","):
        part = part.strip().rstrip("0123456789¹²³").strip()
        if part and part[0].isupper() and part not in names:
            names.append(part)
    return names


def vote_sentences(text: str) -> list[dict[str, list[str]]]:
    """For each "Votes/Voting for this action:" the names for, against and absent, by string splitting."""
    votes = []
    for marker in re.finditer(r"Vot(?:es|ing) for th(?:is|ese) actions?:", text):
        rest = text[marker.end() :]
        for_part = rest[: rest.index("Vot")].rstrip(" .")
        against_at = rest.index("against th")
        against_part = rest[rest.index(":", against_at) + 1 :][:300]
        for honorific in HONORIFICS:
            against_part = against_part.replace(honorific, ",")
        against_part = against_part.split(".")[0].split("Absent")[0].split(" dissented")[0]
        against = [] if against_part.strip().startswith("None") else names_in(against_part)
        absent = []
        if rest[:600].find("Absent and not voting:") != -1:
            absent_part = rest[rest.index("Absent and not voting:") + 22 :][:60]
            absent = names_in(absent_part.replace("Mr.", ",").replace("Ms.", ",").split(".")[0])[:1]
        votes.append(
            {"for": names_in(for_part), "against": sorted(set(against) - {"None"}), "absent": absent}
        )
    return votes


def members_block(text: str) -> list[str]:
    """Names between "PRESENT:" and "Alternate Members": the members and the alternates."""
    start = re.search(r"present:", text, re.I).end()
    end = text.index("Alternate Members")
    block = text[start:end]
    block = block.replace("Vice Chairman", ",").replace("Chairman", ",")
    return names_in(block)


def ballots(document: Document) -> list[dict[str, set[str]]]:
    g = document.graph
    out = []
    for vote in g.subjects(RDF.type, PREC.Vote):
        cast: dict[str, set[str]] = {}
        for ballot in g.objects(vote, PREC.hasBallot):
            cast.setdefault(str(g.value(ballot, PREC.voteCast)), set()).add(
                label(g, g.value(ballot, PREC.voter))
            )
        out.append(cast)
    return out


@pytest.mark.parametrize("path", FILES, ids=IDS)
def test_file_reads_without_error_into_one_fomc_meeting(documents, path):
    text, document = documents[path.name]
    assert isinstance(document, Document)
    g = document.graph
    meeting = next(g.subjects(RDF.type, PREC.Meeting))
    assert label(g, g.value(meeting, PREC.heldBy)) == "Federal Open Market Committee"
    body = g.value(meeting, PREC.heldBy)
    assert label(g, g.value(body, PREC.subOrganisationOf)) == "Federal Reserve System"
    assert str(g.value(meeting, PREC.date)) == re.search(r"-(\d{4}-\d{2}-\d{2})_", path.name).group(1)
    assert document.identifier == path.stem


@pytest.mark.parametrize("path", FILES, ids=IDS)
def test_members_and_alternates_are_present(documents, path):
    text, document = documents[path.name]
    g = document.graph
    present = {
        label(g, g.value(a, PREC.attendee))
        for a in g.subjects(RDF.type, PREC.Attendance)
        if str(g.value(a, PREC.attendanceStatus)) == "present"
    }
    expected = set(members_block(text))
    assert expected and present == expected
    chair = g.value(next(g.subjects(RDF.type, PREC.Meeting)), PREC.chair)
    assert label(g, chair) == "Bernanke"


@pytest.mark.parametrize("path", FILES, ids=IDS)
def test_staff_attendance_has_posts(documents, path):
    text, document = documents[path.name]
    g = document.graph
    staff = [
        a
        for a in g.subjects(RDF.type, PREC.Attendance)
        if str(g.value(a, PREC.attendanceStatus)) == "also-present"
    ]
    assert len(staff) >= 20
    assert all(g.value(a, PREC.inCapacity) for a in staff)
    secretary = re.search(r"(?:Mr|Ms)\. (\w+), Secretary and Economist", text).group(1)
    capacities = {label(g, g.value(a, PREC.attendee)): str(g.value(a, PREC.inCapacity)) for a in staff}
    assert capacities[secretary] == "Secretary and Economist"


@pytest.mark.parametrize("path", FILES, ids=IDS)
def test_votes_match_the_voting_sentences(documents, path):
    text, document = documents[path.name]
    expected = vote_sentences(text)
    found = [cast for cast in ballots(document) if "for" in cast]
    assert len(found) == len(expected)
    for want in expected:
        match = [cast for cast in found if cast.get("for", set()) == set(want["for"])]
        assert match, f"no vote with for = {want['for']}"
        assert match[0].get("against", set()) == set(want["against"])
        assert match[0].get("absent", set()) == set(want["absent"])


@pytest.mark.parametrize("path", FILES, ids=IDS)
def test_dissenters_are_named_with_their_reasons(documents, path):
    text, document = documents[path.name]
    g = document.graph
    dissenters = set()
    for found in re.finditer(r"((?:Mr|Ms|Messrs)\. [A-Z][a-z]+(?: and [A-Z][a-z]+)?) dissented", text):
        dissenters.update(names_in(found.group(1)))
    reasons = {label(g, g.value(b, PREC.voter)): str(r) for b, r in g.subject_objects(PREC.dissentReason)}
    assert set(reasons) == dissenters
    for name, reason in reasons.items():
        assert "dissented" in reason and name in reason


@pytest.mark.parametrize("path", FILES, ids=IDS)
def test_policy_directive_is_a_voted_decision(documents, path):
    text, document = documents[path.name]
    g = document.graph
    voted = [d for d in g.subjects(RDF.type, PREC.Decision) if g.value(d, PREC.hasVote) is not None]
    assert voted
    if "voted to authorize and direct" in text:
        directive = [d for d in voted if "authorize and direct" in str(g.value(d, PREC.text))]
        assert directive, "the domestic policy directive decision carries the vote"
        assert "Federal Reserve Bank of New York" in str(g.value(directive[0], PREC.text))


def test_fomc_document_conforms_to_the_shapes(documents):
    from ingest.validate import validate

    _, document = documents[FILES[-1].name]
    assert validate(document) == []
    assert all(0 < p.confidence < 0.6 for p in document.proposed)
