"""A vote list with more voters than the Committee has votes goes to the review queue, not the graph.

Built from the real minutes of December 11-12, 2012 (a tune-half meeting), with one controlled change
each. The decision is stored either way; only a doubtful tally waits for an editor. A voter whom the
file's attendance does not name (a name spelt otherwise) leaves the count right: that tally is stored.
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


@pytest.mark.parametrize(
    "voters",
    [
        "Elizabeth Duke,",  # as the minutes have it
        "Walter Q. Ormsby,",  # a voter the attendance never names, in place of a member: the count holds
    ],
)
def test_a_list_of_the_committees_size_is_stored(tmp_path: Path, source: str, voters: str) -> None:
    document = _read(tmp_path, source.replace(VOTERS, VOTERS.replace("Elizabeth Duke,", voters)))
    vote = document.graph.value(_policy_decision(document), PREC.hasVote)
    assert vote is not None
    assert int(document.graph.value(vote, PREC.votesFor)) == 11
    assert int(document.graph.value(vote, PREC.votesAgainst)) == 1
    assert not [p for p in document.proposed if p.summary.startswith("Vote?")]


def test_more_voters_than_votes_waits_for_an_editor(tmp_path: Path, source: str) -> None:
    more = "Elizabeth Duke, Richard W. Fisher, Charles I. Plosser,"  # two non-voting presidents run in
    document = _read(tmp_path, source.replace(VOTERS, VOTERS.replace("Elizabeth Duke,", more)))
    decision = _policy_decision(document)
    assert document.graph.value(decision, PREC.hasVote) is None  # the decision stays, its tally does not
    # the list's own vote; the swap lines' "All but one member approved" counts its voters from this list
    # and is doubted with it
    [proposal] = [p for p in document.proposed if "Voting for this action" in p.passage_text]
    assert proposal.rule.endswith("too-many-voters")
    assert proposal.confidence < 0.6
    assert proposal.summary.startswith("Vote? 13 for, 1 against")
    assert (decision, PREC.hasVote, None) in proposal.triples
