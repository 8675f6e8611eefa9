"""City of London (Ontario) meeting records: every motion, mover, seconder and vote row is in the graph."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest
from rdflib import RDF, URIRef

from ingest import council
from ingest.document import Document, ReaderError
from ingest.resolve import Resolver
from ontology import PREC, IriMinter

from .minutes_fixtures import label

MINTER = IriMinter()
FOLDER = Path(__file__).resolve().parents[2] / "shared" / "data" / "london-council"
FILES = sorted(FOLDER.glob("*.json")) if FOLDER.is_dir() else []
ROW_WAY = {"Yeas:": "for", "Nays:": "against", "Absent:": "absent", "Absent": "absent"}


@pytest.fixture(scope="module")
def documents() -> dict[str, Document]:
    if not FOLDER.is_dir():
        pytest.skip(f"real test data not found at {FOLDER} (expected ../shared/data beside the checkout)")
    resolver = Resolver(MINTER)
    out = {}
    for path in FILES:
        [document] = list(council.read(path, minter=MINTER, resolver=resolver))
        out[path.name] = document
    return out


def motions_in(record: dict) -> list[dict]:
    """The Motion objects in reading order: each item's content, then its nested items."""
    found = []

    def walk(items: dict) -> None:
        for item in items.values():
            found.extend(p for p in item.get("content", []) if p.get("__class__") == "Motion")
            walk(item.get("items") or {})

    walk(record["items"])
    return found


def short(name: str) -> str:
    name = " ".join(name.replace("\u00a0", " ").split(" (")[0].split())
    for title in ("Deputy Mayor ", "Mayor ", "Deputy "):
        if name.startswith(title):
            name = name[len(title) :]
    return name


def surname(name: str | None) -> str | None:
    """The last word: labels may drop initials ("M. Butlin" is labelled "Butlin") and the
    resolver joins "S. Datars Bere" with "S. Datars-Bere"."""
    return re.split(r"[\s.\-]+", name.strip(" ."))[-1] if name else None


def who(mover: dict | None) -> str | None:
    text = (mover or {}).get("string", "")
    for prefix in ("Motion made by ", "Moved by ", "Seconded by "):
        if text.startswith(prefix):
            return short(text[len(prefix) :])
    return None


@pytest.mark.parametrize("path", FILES, ids=[f.stem[:40] for f in FILES])
def test_every_motion_vote_row_mover_and_seconder_is_in_the_graph(documents, path):
    record = json.loads(path.read_text(encoding="utf-8"))
    document = documents[path.name]
    assert isinstance(document, Document) and document.identifier == path.stem
    g = document.graph
    motions = motions_in(record)
    assert len(list(g.subjects(RDF.type, PREC.Motion))) == len(motions)
    for number, motion in enumerate(motions, start=1):
        node = URIRef(MINTER.entity("motion", f"{path.stem}/m{number}"))
        moved, seconded = g.value(node, PREC.movedBy), g.value(node, PREC.secondedBy)
        assert surname(label(g, moved) if moved else None) == surname(who(motion["moved_by"]))
        assert surname(label(g, seconded) if seconded else None) == surname(who(motion["seconded_by"]))
        texts = [p["string"] for p in motion["motion_texts"]]
        if texts:
            assert str(g.value(node, PREC.text)).startswith(" ".join(texts[0].replace("\u00a0", " ").split()))
        expected = Counter()
        for row in motion["vote"]["rows"]:
            if row["vote"] in ROW_WAY:
                expected[ROW_WAY[row["vote"]]] += len([v for v in row["voters"] if v != "None"])
        vote = g.value(node, PREC.hasVote)
        got = (
            Counter(str(g.value(b, PREC.voteCast)) for b in g.objects(vote, PREC.hasBallot))
            if vote
            else Counter()
        )
        got.pop("abstain", None)
        assert got == expected, f"motion {number}"
        if vote is not None:
            assert int(g.value(vote, PREC.votesFor)) == expected["for"]
            assert int(g.value(vote, PREC.votesAgainst)) == expected["against"]
        assert str(g.value(node, PREC.result) or "") == motion["result"]["string"].strip()


@pytest.mark.parametrize("path", FILES, ids=[f.stem[:40] for f in FILES])
def test_passed_motions_are_decisions_of_the_body(documents, path):
    record = json.loads(path.read_text(encoding="utf-8"))
    g = documents[path.name].graph
    passed = [m for m in motions_in(record) if m["result"]["string"].startswith("Motion Passed")]
    decisions = list(g.subjects(RDF.type, PREC.Decision))
    assert len(decisions) == len(passed)
    meeting = next(g.subjects(RDF.type, PREC.Meeting))
    body = g.value(meeting, PREC.heldBy)
    for decision in decisions:
        assert g.value(decision, PREC.onMotion) is not None
        assert g.value(decision, PREC.decidedBy) == body
        assert str(g.value(decision, PREC.confidence)) == "1.00"
        assert str(g.value(decision, PREC.date)) == record["datetime"][:10]
    city = g.value(body, PREC.subOrganisationOf)
    assert (city, RDF.type, PREC.LocalGovernment) in g
    assert str(g.value(g.value(city, PREC.jurisdiction), PREC.isoCode)) == "CA-ON"


@pytest.mark.parametrize("path", FILES, ids=[f.stem[:40] for f in FILES])
def test_attendance_lists_become_attendances(documents, path):
    record = json.loads(path.read_text(encoding="utf-8"))
    g = documents[path.name].graph
    got = Counter(
        (surname(label(g, g.value(a, PREC.attendee))), str(g.value(a, PREC.attendanceStatus)))
        for a in g.subjects(RDF.type, PREC.Attendance)
    )
    expected, seen = Counter(), set()
    for key, status in (
        ("present", "present"),
        ("also_present", "also-present"),
        ("remote_attendance", "remote"),
        ("absent", "absent"),
    ):
        for name in record.get(key) or []:
            name = short(name)
            if name not in seen:  # someone listed twice keeps the first list's status
                expected[(surname(name), status)] += 1
                seen.add(name)
    assert got == expected


def test_mayor_title_and_plain_name_are_one_person(documents):
    g = documents["2025-01-21 2nd Meeting of City Council.json"].graph
    morgans = {b for b in g.subjects(RDF.type, PREC.Person) if "Morgan" in label(g, b)}
    assert len(morgans) == 1


def test_passages_quote_the_json_text(documents):
    path = FILES[0]
    text = path.read_text(encoding="utf-8")
    g = documents[path.name].graph
    passages = list(g.subjects(RDF.type, PREC.Passage))
    assert passages
    for passage in passages:
        start, end = int(g.value(passage, PREC.startOffset)), int(g.value(passage, PREC.endOffset))
        assert text[start:end] == str(g.value(passage, PREC.quote))


@pytest.mark.parametrize(
    "content, where",
    [
        ('{"title": "x"', ":1"),
        ('{"title": "1st Meeting of Council", "datetime": "2025-01-01 10:00:00"}', ":items"),
        ('{"title": "1st Meeting of Council", "datetime": "soon", "items": {}}', ":datetime"),
    ],
)
def test_bad_record_is_refused_with_the_field_named(tmp_path, content, where):
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    [error] = list(council.read(path, minter=MINTER))
    assert isinstance(error, ReaderError)
    assert error.location.endswith(where), error


def test_council_document_conforms_to_the_shapes(documents):
    from ingest.validate import validate

    assert validate(documents[FILES[4].name]) == []


def test_malformed_item_content_is_refused_not_half_stored(tmp_path):
    path = tmp_path / "odd.json"
    path.write_text(
        '{"title": "1st Meeting of Council", "datetime": "2025-01-01 10:00:00", '
        '"items": {"1": {"title": "x", "content": 7}}}',
        encoding="utf-8",
    )
    [error] = list(council.read(path, minter=MINTER))
    assert isinstance(error, ReaderError) and error.location.startswith(str(path))
