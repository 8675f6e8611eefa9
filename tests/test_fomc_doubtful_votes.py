"""A vote list the meeting's own record cannot explain goes to the review queue, not into the graph.

Built from the real minutes of December 11-12, 2012 (a tune-half meeting), with one controlled change
each: a voter whom the file never names (as a name misread in the list would be), or more voters than
the Committee has votes. The decision is stored either way; only its tally waits for an editor.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import RDF

from ingest.document import Document
from ingest.plaintext import text as text_reader
from ingest.resolve import Resolver
from ingest.validate import validate
from ontology import PREC, IriMinter

MINUTES = (
    Path(__file__).resolve().parents[2]
    / "shared/data/fomc-other-years/MeetingDate=2012-12-11-2012-12-12_UploadedOn=20130103.txt"
)
VOTERS = "Voting for this action: Ben Bernanke, William C. Dudley, Elizabeth Duke,"
MINTER = IriMinter()


def _read(tmp_path: Path, text: str) -> Document:
    path = tmp_path / MINUTES.name
    path.write_text(text, encoding="utf-8")
    [document] = list(text_reader.read(path, minter=MINTER, resolver=Resolver(MINTER)))
    assert isinstance(document, Document)
    assert validate(document.graph) == []
    return document


def _policy_decision(document: Document):
    graph = document.graph
    [decision] = [
        d
        for d in graph.subjects(RDF.type, PREC.Decision)
        if str(graph.value(d, PREC.text)).startswith(
            "At the conclusion of the discussion, the Committee voted"
        )
    ]
    return decision


@pytest.fixture(scope="module")
def source() -> str:
    if not MINUTES.is_file():
        pytest.skip(f"{MINUTES} is not here")
    text = MINUTES.read_text("utf-8")
    assert text.count(VOTERS) == 1
    return text


def test_a_vote_the_roster_explains_is_stored(tmp_path: Path, source: str) -> None:
    document = _read(tmp_path, source)
    vote = document.graph.value(_policy_decision(document), PREC.hasVote)
    assert vote is not None
    assert int(document.graph.value(vote, PREC.votesFor)) == 11
    assert not [p for p in document.proposed if p.summary.startswith("Vote?")]


@pytest.mark.parametrize(
    ("change", "why", "tally"),
    [
        # a voter whom the PRESENT block never names, in place of a member
        ("Elizabeth Duke,", "voter-not-on-the-roster", "11 for, 1 against"),
        # thirteen voters for a Committee of twelve votes
        ("Elizabeth Duke, Richard W. Fisher, Charles I. Plosser,", "too-many-voters", "13 for, 1 against"),
    ],
)
def test_a_vote_the_roster_cannot_explain_waits_for_an_editor(
    tmp_path: Path, source: str, change: str, why: str, tally: str
) -> None:
    replacement = change.replace("Elizabeth Duke", "Walter Q. Ormsby") if why.startswith("voter") else change
    text = source.replace(VOTERS, VOTERS.replace("Elizabeth Duke,", replacement))
    document = _read(tmp_path, text)
    decision = _policy_decision(document)
    assert document.graph.value(decision, PREC.hasVote) is None  # the decision stays, its tally does not
    # the list's own vote; the swap lines' "All but one member approved" counts its voters from this list
    # and is doubted with it
    [proposal] = [p for p in document.proposed if "Voting for this action" in p.passage_text]
    assert proposal.rule.endswith(why)
    assert proposal.confidence < 0.6
    assert proposal.summary.startswith(f"Vote? {tally}")
    assert (decision, PREC.hasVote, None) in proposal.triples
