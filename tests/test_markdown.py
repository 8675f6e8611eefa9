"""The Markdown minutes reader on the sample corpus and on broken files (docs/minutes-format.md)."""

from __future__ import annotations

import hashlib
import re
import time
from collections import Counter
from pathlib import Path

import pytest
import yaml
from rdflib import RDF, RDFS, Graph, URIRef
from rdflib.namespace import SKOS

from ingest.document import Document, ProposedFact, ReaderError
from ingest.minutes import markdown
from ingest.resolve import Resolver
from ingest.validate import validate
from ontology import GLOSSARY_TTL, PREC, IriMinter

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = sorted((ROOT / "samples").glob("*.md"))
EXAMPLE = ROOT / "samples" / "2016-02-16-afa-brd.md"

FACT_CLASSES = (PREC.Meeting, PREC.Attendance, PREC.Decision, PREC.Option, PREC.Argument, PREC.Vote,
                PREC.Ballot, PREC.Commitment, PREC.ExpectedOutcome, PREC.ObservedOutcome)


def read_one(path: Path, **kwargs) -> Document | ReaderError:
    results = list(markdown.read(path, minter=kwargs.pop("minter", IriMinter()), **kwargs))
    assert len(results) == 1, "a Markdown file yields exactly one Document or one ReaderError"
    return results[0]


def read_ok(path: Path, **kwargs) -> Document:
    result = read_one(path, **kwargs)
    assert isinstance(result, Document), f"{path.name}: {result}"
    return result


def read_error(path: Path, **kwargs) -> ReaderError:
    result = read_one(path, **kwargs)
    assert isinstance(result, ReaderError), f"{path.name} was accepted but should be refused"
    return result


def count_in_sections(text: str) -> Counter:
    """Count what the Markdown says, by its headings and bullets, independently of the reader."""
    counts: Counter = Counter()
    section = ""
    body = text.split("\n---\n", 1)[1]
    for line in body.splitlines():
        if line.startswith("### "):
            section = line[4:].strip().lower()
            counts[f"section:{section}"] += 1
        elif line.startswith("## "):
            section = ""
        elif line.startswith("#### Option"):
            counts["options"] += 1
        elif line.startswith("- ") and section:
            if section == "options":
                counts["arguments"] += line.startswith(("- Pro:", "- Con:"))
            else:
                counts[section] += 1
    return counts


def front_matter(text: str) -> dict:
    return yaml.safe_load(text.split("---\n", 2)[1])


def of_type(graph: Graph, cls: URIRef) -> set:
    return set(graph.subjects(RDF.type, cls))


# -- the sample corpus ------------------------------------------------------------------------------

def test_corpus_has_thirty_files_of_sensible_length_and_the_agreed_levels():
    assert len(SAMPLES) == 30
    levels = Counter()
    for path in SAMPLES:
        text = path.read_text(encoding="utf-8")
        assert 60 <= len(text.splitlines()) <= 150, path.name
        levels[front_matter(text).get("access_level", "public")] += 1
    assert levels == {"public": 26, "internal": 2, "restricted": 2}


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name)
def test_sample_reads_with_counts_matching_its_markdown(path: Path):
    text = path.read_text(encoding="utf-8")
    document = read_ok(path)
    graph = document.graph
    expected = count_in_sections(text)
    fm = front_matter(text)
    assert document.identifier == fm["identifier"]
    assert document.access_level == fm.get("access_level", "public")
    assert len(of_type(graph, PREC.Decision)) == expected["section:decision"]
    assert len(of_type(graph, PREC.Option)) == expected["options"]
    assert len(of_type(graph, PREC.Argument)) == expected["arguments"]
    assert len(of_type(graph, PREC.Ballot)) == expected["decision"]  # bullets under Decision are ballots
    assert len(of_type(graph, PREC.Commitment)) == expected["commitments"]
    assert len(of_type(graph, PREC.ExpectedOutcome)) == expected["expected outcomes"]
    assert len(of_type(graph, PREC.ObservedOutcome)) == expected["observed outcomes"]
    links = [p for p in ("cites", "amends", "supersedes", "reverses", "implements", "follows")
             for _ in graph.triples((None, PREC[p], None))]
    assert len(links) == expected["precedents"]
    people = sum(len(fm.get(key) or []) for key in ("attendees", "apologies", "absent"))
    assert len(of_type(graph, PREC.Attendance)) == people
    assert len(of_type(graph, PREC.AgendaItem)) == len(re.findall(r"^## ", text, re.MULTILINE))


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name)
def test_every_fact_points_to_a_passage_whose_quote_is_the_exact_text(path: Path):
    text = path.read_bytes().decode("utf-8")
    graph = read_ok(path).graph
    passages = of_type(graph, PREC.Passage)
    sequences = sorted(int(graph.value(p, PREC.sequence)) for p in passages)
    assert sequences == list(range(1, len(passages) + 1))
    for passage in passages:
        start, end = int(graph.value(passage, PREC.startOffset)), int(graph.value(passage, PREC.endOffset))
        assert text[start:end] == str(graph.value(passage, PREC.quote))
        record = URIRef(IriMinter().entity("record", path_identifier(text)))
        assert graph.value(passage, PREC.inRecord) == record
    for cls in FACT_CLASSES:
        for fact in of_type(graph, cls):
            sources = list(graph.objects(fact, PREC.derivedFrom))
            assert len(sources) == 1 and sources[0] in passages, f"{fact} has no passage"


def path_identifier(text: str) -> str:
    return front_matter(text)["identifier"]


def test_passages_quote_the_right_words():
    text = EXAMPLE.read_text(encoding="utf-8")
    graph = read_ok(EXAMPLE).graph
    minter = IriMinter()

    def quote_of(iri: str) -> str:
        return str(graph.value(graph.value(URIRef(iri), PREC.derivedFrom), PREC.quote))

    decision = quote_of(minter.entity("decision", "AFA-BRD-2016-02/D1"))
    assert decision.startswith("### Decision\nid: AFA-BRD-2016-02/D1")
    assert decision.endswith("before the offshore trawlers")
    ballot = quote_of(minter.entity("ballot", "AFA-BRD-2016-02/D1/v/Rosa-Delgado"))
    assert ballot == ("- Rosa Delgado: against; dissent: a cut of this size falls on the inshore fleet "
                      "before the offshore trawlers")
    attendance = quote_of(minter.entity("attendance", "AFA-BRD-2016-02/Thomas-Penhale"))
    assert attendance.startswith("name: Thomas Penhale") and attendance.endswith("status: remote")
    commitment = quote_of(minter.entity("commitment", "AFA-BRD-2016-02/D1/c1"))
    assert commitment.splitlines()[0] == "- Set up a compensation scheme for vessels under 12 metres"
    assert commitment.splitlines()[-1].strip() == "status: done"
    assert text.count(commitment) == 1


def test_example_decision_is_mapped_in_full():
    graph = read_ok(EXAMPLE).graph
    minter = IriMinter()
    d = URIRef(minter.entity("decision", "AFA-BRD-2016-02/D1"))
    chosen = graph.value(d, PREC.chosenOption)
    assert str(graph.value(chosen, RDFS.label)) == \
        "Option B: Cut the catch to 35,000 tonnes with compensation"
    assert len(list(graph.objects(d, PREC.consideredOption))) == 3
    assert str(graph.value(d, PREC.decisionMethod)) == "vote"
    vote = graph.value(d, PREC.hasVote)
    assert (int(graph.value(vote, PREC.votesFor)), int(graph.value(vote, PREC.votesAgainst))) == (3, 1)
    assert str(graph.value(vote, PREC.result)) == "carried"
    assert graph.value(d, PREC.supersedes) == URIRef(minter.entity("decision", "AFA-BRD-2014-02/D1"))
    budget = graph.value(URIRef(minter.entity("commitment", "AFA-BRD-2016-02/D1/c1")), PREC.budgetAmount)
    assert budget.toPython() == 4500000
    observed = URIRef(minter.entity("outcome", "AFA-BRD-2014-02/D1/x-AFA-BRD-2016-02-1"))
    earlier = URIRef(minter.entity("decision", "AFA-BRD-2014-02/D1"))
    assert (earlier, PREC.hasObservedOutcome, observed) in graph
    assert graph.value(observed, PREC.observes) == URIRef(minter.entity("outcome", "AFA-BRD-2014-02/D1/e1"))
    assert str(graph.value(observed, PREC.outcomeStatus)) == "not-met"
    option_a = URIRef(minter.entity("option", "AFA-BRD-2016-02/D1/o1"))
    assert str(graph.value(option_a, PREC.rejectionReason)) == "Inconsistent with the scientific advice."
    record = URIRef(minter.entity("record", "AFA-BRD-2016-02"))
    assert str(graph.value(record, PREC.recordType)) == "minutes"
    assert str(graph.value(record, PREC.readerName)) == markdown.READER_NAME


def test_document_identity_is_the_file_bytes():
    document = read_ok(EXAMPLE)
    data = EXAMPLE.read_bytes()
    assert document.content_hash == hashlib.sha256(data).hexdigest()
    assert document.original == data and document.original_hash == document.content_hash


def test_iris_are_the_same_on_every_read_with_or_without_a_resolver():
    first, second = read_ok(EXAMPLE).graph, read_ok(EXAMPLE).graph
    assert set(first) == set(second)
    minter = IriMinter()
    resolved_once = read_ok(EXAMPLE, minter=minter, resolver=Resolver(minter)).graph
    resolved_again = read_ok(EXAMPLE, minter=minter, resolver=Resolver(minter)).graph
    assert set(resolved_once) == set(resolved_again)


def test_shared_resolver_gives_one_person_one_iri_across_documents():
    minter = IriMinter()
    resolver = Resolver(minter)
    graphs = [read_ok(path, minter=minter, resolver=resolver).graph for path in SAMPLES]
    voss = {person for graph in graphs for person, label in graph.subject_objects(RDFS.label)
            if (person, RDF.type, PREC.Person) in graph and "Voss" in str(label)}
    assert len(voss) == 1


def test_level_argument_overrides_the_front_matter():
    document = read_ok(EXAMPLE, level="restricted")
    record = URIRef(IriMinter().entity("record", "AFA-BRD-2016-02"))
    assert document.access_level == "restricted"
    assert str(document.graph.value(record, PREC.accessLevel)) == "restricted"


def test_sample_topics_are_glossary_concepts():
    glossary = Graph().parse(GLOSSARY_TTL)
    concepts = {str(c) for c in glossary.subjects(RDF.type, SKOS.Concept)}
    for path in SAMPLES:
        graph = read_ok(path).graph
        for topic in set(graph.objects(None, PREC.hasTopic)):
            assert str(topic) in concepts, f"{path.name}: {topic} is not in the glossary"


def test_format_documentation_example_is_a_readable_sample():
    doc = (ROOT / "docs" / "minutes-format.md").read_text(encoding="utf-8")
    example = doc.split("````markdown\n", 1)[1].rsplit("````", 1)[0]
    assert example == EXAMPLE.read_text(encoding="utf-8")


def test_known_decisions_accepts_the_corpus_in_date_order():
    known: set[str] = set()
    for path in SAMPLES:
        graph = read_ok(path, known_decisions=known.__contains__).graph
        known |= {str(graph.value(d, PREC.identifier)) for d in of_type(graph, PREC.Decision)}
    assert len(known) == 33


# -- refused files: file:line and the field ---------------------------------------------------------

def broken(tmp_path: Path, old: str, new: str, source: Path = EXAMPLE) -> tuple[Path, str]:
    text = source.read_text(encoding="utf-8")
    assert old in text, f"test setup: {old!r} not in {source.name}"
    text = text.replace(old, new, 1)
    path = tmp_path / source.name
    path.write_text(text, encoding="utf-8")
    return path, text


def line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


def assert_refused(path: Path, line: int, field: str | None, *words: str, **kwargs) -> None:
    error = read_error(path, **kwargs)
    assert error.location == f"{path}:{line}", error
    if field:
        assert f"field '{field}'" in error.problem, error
    for word in words:
        assert word in error.problem, error


def assert_in_doubt(path: Path, line: int, field: str | None, *words: str, **kwargs) -> Document:
    """The file is stored, its record marked uncertain, the problem named as precisely as a refusal
    (``file:line``, the field) on the record and in the review queue."""
    document = read_ok(path, **kwargs)
    record = next(document.graph.subjects(RDF.type, PREC.Record))
    assert float(document.graph.value(record, PREC.confidence)) < 1
    comment = str(document.graph.value(record, RDFS.comment))
    note = next((n for n in comment.splitlines() if n.startswith(f"{path}:{line}: ")), None)
    assert note is not None, comment
    if field:
        assert f"field '{field}'" in note, note
    for word in words:
        assert word in note, note
    assert validate(document) == []
    return document


def unreadable_item(document: Document, path: Path, line: int) -> ProposedFact:
    """The review-queue entry of the agenda item that could not be read at ``path:line``."""
    [proposal] = [p for p in document.proposed if p.rule == "markdown:unreadable-part"]
    assert f"{path}:{line}: " in proposal.summary and proposal.confidence < 0.5
    return proposal


def test_malformed_yaml_names_the_yaml_line(tmp_path):
    path, text = broken(tmp_path, "time: \"09:30\"", "time: [09:30")
    assert_refused(path, line_of(text, "place:"), None, "malformed YAML front matter")


def test_a_missing_date_keeps_the_file_undated_with_its_decisions_for_review(tmp_path):
    path, _ = broken(tmp_path, "date: 2016-02-16\n", "")
    document = assert_in_doubt(path, 2, "date", "missing")
    graph = document.graph
    assert of_type(graph, PREC.Decision) == set()
    assert (None, PREC.date, None) not in graph and (None, PREC.startTime, None) not in graph
    whole = read_ok(EXAMPLE).graph
    for cls in (PREC.Attendance, PREC.AgendaItem, PREC.Person, PREC.ObservedOutcome):
        assert of_type(graph, cls) == of_type(whole, cls)
    [proposal] = document.proposed
    decision = URIRef(IriMinter().entity("decision", "AFA-BRD-2016-02/D1"))
    assert proposal.confidence == 0.5 and "2016-02-16" in proposal.summary
    assert str(proposal.triples.value(decision, PREC.date)) == "2016-02-16"  # the file name's, offered
    assert len(list(proposal.triples.subjects(RDF.type, PREC.Ballot))) == 4
    assert proposal.passage_text.startswith("### Decision\nid: AFA-BRD-2016-02/D1")


@pytest.mark.parametrize("written", ["16/02/2016", "2016-13-45", "sometime in February"])
def test_an_unreadable_date_is_named_and_the_decisions_wait_without_one(tmp_path, written):
    path, text = broken(tmp_path, "date: 2016-02-16", f"date: {written}")
    path = path.rename(tmp_path / "afa-board.md")  # no date in the file name either
    line = line_of(text, f"date: {written}")
    document = assert_in_doubt(path, line, "date", repr(written), "write YYYY-MM-DD")
    [proposal] = document.proposed
    assert proposal.confidence < 0.5 and "needs a date" in proposal.summary
    assert (None, PREC.date, None) not in proposal.triples


@pytest.mark.parametrize("written", ["16 February 2016", "16th February, 2016", "Tuesday, February 16, 2016"])
def test_a_date_written_with_the_months_name_is_read(tmp_path, written):
    path, _ = broken(tmp_path, "date: 2016-02-16", f'date: "{written}"')
    graph = read_ok(path).graph
    meeting = next(graph.subjects(RDF.type, PREC.Meeting))
    assert str(graph.value(meeting, PREC.date)) == "2016-02-16"


def test_attendee_without_a_name_is_refused(tmp_path):
    path, text = broken(tmp_path, "  - name: Stellan Voss\n    post: Chief Scientist",
                        "  - post: Chief Scientist")
    line = line_of(text, "  - post: Chief Scientist")
    assert_refused(path, line, "attendees[2].name", "must have a name")


def test_an_unknown_chosen_option_puts_its_item_in_doubt(tmp_path):
    path, text = broken(tmp_path, "chosen: B", "chosen: D")
    line = line_of(text, "chosen: D")
    document = assert_in_doubt(path, line, "chosen", "'D'", "A, B, C")
    assert of_type(document.graph, PREC.Decision) == set()
    proposal = unreadable_item(document, path, line)
    # what was read before the bad line waits with it: the decision, its options, its text
    assert len(of_type(proposal.triples, PREC.Option)) == 3
    assert proposal.passage_text.startswith("## 1. Northern Banks cod")
    assert "chosen: D" in proposal.passage_text


def test_precedent_to_an_unknown_decision_is_in_doubt_when_the_archive_is_asked(tmp_path):
    path, text = broken(tmp_path, "- supersedes: AFA-BRD-2014-02/D1", "- supersedes: AFA-BRD-2010-01/D9")
    line = line_of(text, "- supersedes: AFA-BRD-2010-01/D9")
    assert_in_doubt(path, line, "supersedes", "AFA-BRD-2010-01/D9", known_decisions=lambda i: False)
    # the same file is read without a doubt when the archive knows the decision, or when nobody asks
    for kwargs in ({"known_decisions": lambda i: i != "AFA-BRD-2010-01/D8"}, {}):
        document = read_ok(path, **kwargs)
        assert document.proposed == [] and (None, PREC.confidence, None) not in document.graph


def test_precedent_within_the_same_file_needs_no_archive(tmp_path):
    source = ROOT / "samples" / "2018-07-10-moe-mb.md"
    path, _ = broken(tmp_path, "- follows: MOE-MB-2015-06/D1", "- follows: MOE-MB-2018-07/D1", source)
    # the archive is told it knows nothing of this meeting: only the file itself can vouch for D1
    graph = read_ok(path, known_decisions=lambda i: not i.startswith("MOE-MB-2018-07")).graph
    minter = IriMinter()
    assert (URIRef(minter.entity("decision", "MOE-MB-2018-07/D2")), PREC.follows,
            URIRef(minter.entity("decision", "MOE-MB-2018-07/D1"))) in graph


def test_observed_outcome_of_an_unknown_decision_is_in_doubt(tmp_path):
    path, text = broken(tmp_path, "  decision: AFA-BRD-2014-02/D1", "  decision: AFA-BRD-1999-01/D1")
    assert_in_doubt(path, line_of(text, "decision: AFA-BRD-1999"), "decision", "neither in this file",
                   known_decisions=lambda i: i != "AFA-BRD-1999-01/D1")


def test_bad_budget_is_named_in_doubt(tmp_path):
    path, text = broken(tmp_path, "budget: 4.5 million EUR", "budget: 4.5 million")
    assert_in_doubt(path, line_of(text, "budget: 4.5 million\n"), "budget", "ISO 4217")


def test_bad_deadline_is_named_in_doubt(tmp_path):
    path, text = broken(tmp_path, "deadline: 2016-09-30", "deadline: 2016-13-30")
    assert_in_doubt(path, line_of(text, "deadline: 2016-13-30"), "deadline", "write YYYY-MM-DD")


def test_an_unknown_section_keeps_its_item_as_text_and_the_other_items_read(tmp_path):
    path, text = broken(tmp_path, "### Rationale", "### Reasons")
    line = line_of(text, "### Reasons")
    document = assert_in_doubt(path, line, None, "unknown section", "rationale")
    proposal = unreadable_item(document, path, line)
    assert "### Reasons" in proposal.passage_text and len(proposal.triples) == 0  # nothing could be read
    assert "Agenda item 'Northern Banks cod: total allowable catch for 2016–2018'" in proposal.summary
    graph = document.graph
    agenda = URIRef(IriMinter().entity("agenda-item", "AFA-BRD-2016-02/i1"))
    assert str(graph.value(graph.value(agenda, PREC.derivedFrom), PREC.quote)) == proposal.passage_text
    assert of_type(graph, PREC.AgendaItem) == of_type(read_ok(EXAMPLE).graph, PREC.AgendaItem)
    other = URIRef(IriMinter().entity("agenda-item", "AFA-BRD-2016-02/i2"))
    assert str(graph.value(other, PREC.discussion)).startswith("The Board noted the date of its next meeting")


def test_decision_without_text_is_in_doubt(tmp_path):
    source_text = EXAMPLE.read_text(encoding="utf-8")
    block = source_text[source_text.index("text: The Board sets"):source_text.index("chosen: B")]
    path, text = broken(tmp_path, block, "")
    assert_in_doubt(path, line_of(text, "### Decision"), "text", "what was decided")


def test_alias_bomb_is_refused_before_expansion(tmp_path):
    bomb = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for n in range(1, 9):
        bomb.append(f"{chr(97 + n)}: &{chr(97 + n)} [" + ",".join([f"*{chr(96 + n)}"] * 9) + "]")
    path = tmp_path / "bomb.md"
    path.write_text("---\nidentifier: X\n" + "\n".join(bomb) + "\n---\n\n## 1. Item\n", encoding="utf-8")
    assert_refused(path, 4, None, "aliases", "not allowed")


def test_file_without_front_matter_is_refused(tmp_path):
    path = tmp_path / "plain.md"
    path.write_text("# Minutes\n\n## 1. Item\n", encoding="utf-8")
    assert_refused(path, 1, None, "front matter")


def test_oversized_file_is_refused_without_parsing(tmp_path):
    path = tmp_path / "huge.md"
    path.write_bytes(b"---\n" + b"x" * (markdown.MAX_FILE_BYTES + 1))
    error = read_error(path)
    assert error.location == str(path) and "limited to" in error.problem


def test_invalid_utf8_is_refused_with_its_line(tmp_path):
    path = tmp_path / "latin1.md"
    path.write_bytes(EXAMPLE.read_bytes().replace(b"Quay Road", "Quäy Road".encode("latin-1")))
    assert_refused(path, line_of(EXAMPLE.read_text(encoding="utf-8"), "Quay Road"), None, "UTF-8")


def test_deeply_nested_yaml_is_refused_not_crashed(tmp_path):
    path = tmp_path / "nested.md"
    path.write_text("---\nidentifier: X\ntitle: " + "[" * 20000 + "\n---\n", encoding="utf-8")
    assert_refused(path, 3, None, "nesting deeper than")


def test_long_lines_are_read_in_linear_time(tmp_path):
    # lazy patterns followed by optional spaces backtrack quadratically; 300k spaces would take minutes
    spaces = " " * 300_000
    path, _ = broken(tmp_path, "- Pro: Fastest recovery of the stock",
                     f"- Pro: Fastest{spaces}recovery [criterion:{spaces}")
    text = path.read_text(encoding="utf-8").replace("- Stellan Voss: for",
                                                    f"- Stellan Voss: for; dissent:{spaces}x")
    text = text.replace("chosen: B", f"chosen: B\nnote{spaces}x")
    path.write_text(text, encoding="utf-8")
    started = time.perf_counter()
    document = read_ok(path)
    assert "expected a 'key: value' line" in document.proposed[0].summary
    assert time.perf_counter() - started < 2.0


def test_a_repeated_section_is_in_doubt_rather_than_overwritten(tmp_path):
    path, text = broken(tmp_path, "### Expected outcomes",
                        "### Commitments\n- Another task\n\n### Expected outcomes")
    second = text.index("### Commitments", text.index("### Commitments") + 1)
    assert_in_doubt(path, text[:second].count("\n") + 1, None, "appears twice")


def test_options_written_as_bullets_are_in_doubt(tmp_path):
    path, text = broken(tmp_path, "### Options\n", "### Options\n- Option D: do nothing\n")
    assert_in_doubt(path, line_of(text, "- Option D"), None, "#### Option A: title")


def test_a_person_listed_twice_is_refused(tmp_path):
    path, text = broken(tmp_path, "  - name: Jorunn Ekdahl", "  - name: Rosa Delgado")
    assert_refused(path, line_of(text, "  - name: Rosa Delgado\n    post: Board Member for Processors"),
                   "apologies[1].name", "already listed in attendees[3]")


def test_windows_line_endings_give_the_same_facts_and_exact_quotes(tmp_path):
    path = tmp_path / "crlf.md"
    path.write_bytes(EXAMPLE.read_bytes().replace(b"\n", b"\r\n"))
    text = path.read_bytes().decode("utf-8")
    graph, plain = read_ok(path).graph, read_ok(EXAMPLE).graph
    for cls in FACT_CLASSES:
        assert of_type(graph, cls) == of_type(plain, cls)
    for passage in of_type(graph, PREC.Passage):
        start, end = int(graph.value(passage, PREC.startOffset)), int(graph.value(passage, PREC.endOffset))
        assert text[start:end] == str(graph.value(passage, PREC.quote))


def test_a_name_the_resolver_cannot_parse_is_kept_and_reported(tmp_path):
    path, _ = broken(tmp_path, "  - name: Jorunn Ekdahl", "  - name: the Minister")
    minter = IriMinter()
    document = read_ok(path, minter=minter, resolver=Resolver(minter))
    record = URIRef(minter.entity("record", "AFA-BRD-2016-02"))
    assert document.unresolved_mentions == ["the Minister"]
    assert [str(m) for m in document.graph.objects(record, PREC.unresolvedMention)] == ["the Minister"]
    attendance = URIRef(minter.entity("attendance", "AFA-BRD-2016-02/the-Minister"))
    assert str(document.graph.value(attendance, PREC.attendanceStatus)) == "apologies"


def test_a_decision_topic_that_is_not_a_slug_is_in_doubt(tmp_path):
    source = ROOT / "samples" / "2014-03-12-mfa-exco.md"
    path, text = broken(tmp_path, "topics: consular-affairs", "topics: Consular Affairs", source)
    assert_in_doubt(path, line_of(text, "topics: Consular Affairs"), "topics", "glossary slug")


@pytest.mark.parametrize("split", ["tune", "check"])
def test_the_stored_facts_meet_the_goals_on_the_gold_standard(split):
    """tests/gold/samples was written by reading the sample files, not by running this reader."""
    from bench.accuracy import GOALS, evaluate
    from bench.gold import gold_documents

    golds = [g for g in gold_documents(sources=("samples",)) if g.split == split]
    assert len(golds) >= 3
    report = evaluate(golds)
    assert report.refused == []
    for goal, target in GOALS.items():
        value = report.score("samples", split, goal)
        errors = [e for t in report.tallies.values() for e in t.errors]
        assert value is not None and value >= target, (goal, errors)
    for kind in ("date", "body", "decision results", "ballots"):
        tally = report.tallies[("samples", split, kind)]
        assert tally.recall == tally.precision == 1.0, (kind, tally.errors)


# -- a doubtful file through `precedent ingest`: stored, marked uncertain, its doubts in the review queue ----

def precedent(data: Path, *args: str):  # type: ignore[no-untyped-def]
    from click.testing import CliRunner

    from precedent.cli import main

    return CliRunner().invoke(main, ["--data", str(data), *args])


def sparql_rows(data: Path, query: str) -> list[list[str]]:
    import csv
    import io

    result = precedent(data, "sparql", "--level", "restricted", "--format", "csv", query)
    assert result.exit_code == 0, result.output
    return list(csv.reader(io.StringIO(result.output)))[1:]


def review_list(data: Path) -> list[dict]:
    import json

    result = precedent(data, "review", "list", "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


EARLIER = ROOT / "samples" / "2014-02-18-afa-brd.md"  # holds AFA-BRD-2014-02/D1, which the example cites


def archive_with_earlier_minutes(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    result = precedent(data, "ingest", str(EARLIER))
    assert result.exit_code == 0 and review_list(data) == [], result.output
    return data


PREFIX = ("PREFIX prec: <https://w3id.org/precedent/ontology#> "
          "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> ")


def test_an_undated_file_is_stored_uncertain_and_an_editor_can_date_its_decision(tmp_path):
    path, _ = broken(tmp_path, "date: 2016-02-16\n", "")
    data = archive_with_earlier_minutes(tmp_path)
    ingested = precedent(data, "ingest", str(path))
    assert ingested.exit_code == 0 and "1 stored, 0 unchanged, 0 refused" in ingested.output, ingested.output
    [[confidence, note]] = sparql_rows(data, PREFIX + "SELECT ?c ?note WHERE { ?r a prec:Record ; "
                                                      "prec:identifier 'AFA-BRD-2016-02' ; "
                                                      "prec:confidence ?c ; rdfs:comment ?note }")
    assert float(confidence) == 0.5 and f"{path}:2: field 'date': missing" in note
    assert sparql_rows(data, PREFIX + "SELECT ?d WHERE { ?d a prec:Decision ; prec:decidedAt/prec:recordedIn/"
                                      "prec:identifier 'AFA-BRD-2016-02' }") == []
    [item] = review_list(data)
    assert (item["identifier"], item["rule"]) == ("AFA-BRD-2016-02", "markdown:undated")
    assert item["confidence"] == 0.5
    assert "2016-02-16" in item["summary"] and "Rosa Delgado: against" in item["passage_text"]
    accepted = precedent(data, "review", "accept", item["key"][:16], "--user", "ed")
    assert accepted.exit_code == 0, accepted.output
    [decided] = sparql_rows(data, PREFIX + "SELECT ?date (COUNT(?b) AS ?ballots) WHERE { "
                                           "?d prec:identifier 'AFA-BRD-2016-02/D1' ; prec:date ?date ; "
                                           "prec:hasVote/prec:hasBallot ?b } GROUP BY ?date")
    assert decided == ["2016-02-16", "4"]


def test_a_file_without_its_body_is_held_by_the_body_its_title_names_in_doubt(tmp_path):
    block = "body:\n  name: Fisheries Agency Board\n  organisation: Aldermere Fisheries Agency\n"
    path, _ = broken(tmp_path, block, "")
    data = archive_with_earlier_minutes(tmp_path)
    assert precedent(data, "ingest", str(path)).exit_code == 0
    [[body, confidence]] = sparql_rows(data, PREFIX + "SELECT DISTINCT ?body ?c WHERE { ?m prec:recordedIn/"
                                                      "prec:identifier 'AFA-BRD-2016-02' ; "
                                                      "prec:heldBy/rdfs:label ?body ; prec:confidence ?c }")
    assert (body, float(confidence)) == ("Fisheries Agency Board", 0.5)
    [[note]] = sparql_rows(data, PREFIX + "SELECT ?note WHERE { ?r prec:identifier 'AFA-BRD-2016-02' ; "
                                          "rdfs:comment ?note }")
    assert f"{path}:2: field 'body': missing" in note
    # the decision stands (its meeting and date are sure); who decided it waits for an editor
    assert sparql_rows(data, PREFIX + "SELECT ?by WHERE { ?d prec:identifier 'AFA-BRD-2016-02/D1' ; "
                                      "prec:decidedAt ?m OPTIONAL { ?d prec:decidedBy ?by } }") == [[""]]
    [item] = review_list(data)
    assert item["rule"] == "markdown:body-from-title" and "Fisheries Agency Board" in item["summary"]


def test_an_unreadable_section_through_ingest_keeps_the_file_and_queues_the_item(tmp_path):
    path, text = broken(tmp_path, "### Rationale", "### Reasons")
    data = archive_with_earlier_minutes(tmp_path)
    assert precedent(data, "ingest", str(path)).exit_code == 0
    [item] = review_list(data)
    assert f"{path}:{line_of(text, '### Reasons')}: unknown section" in item["summary"]
    assert "### Reasons" in item["passage_text"]
    assert sparql_rows(data, PREFIX + "SELECT (COUNT(?i) AS ?n) WHERE { ?m prec:recordedIn/prec:identifier "
                                      "'AFA-BRD-2016-02' ; prec:hasAgendaItem ?i }") == [["2"]]


def test_a_yaml_bomb_is_still_refused_by_ingest_and_nothing_is_stored(tmp_path):
    bomb = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for n in range(1, 9):
        bomb.append(f"{chr(97 + n)}: &{chr(97 + n)} [" + ",".join([f"*{chr(96 + n)}"] * 9) + "]")
    path = tmp_path / "bomb.md"
    path.write_text("---\nidentifier: X\n" + "\n".join(bomb) + "\n---\n\n## 1. Item\n", encoding="utf-8")
    data = tmp_path / "data"
    result = precedent(data, "ingest", str(path))
    assert result.exit_code != 0 and f"{path}:4" in result.output and "aliases" in result.output
    assert sparql_rows(data, PREFIX + "SELECT ?r WHERE { ?r a prec:Record }") == []
    assert review_list(data) == []


def test_a_link_to_minutes_not_yet_ingested_waits_in_review_and_is_kept_once_accepted(tmp_path):
    data = tmp_path / "data"
    assert precedent(data, "ingest", str(EXAMPLE)).exit_code == 0  # before the 2014 minutes it cites
    items = review_list(data)
    assert {item["rule"] for item in items} == {"markdown:unknown-decision"} and len(items) == 2
    link = next(item for item in items if "supersedes" in item["passage_text"])
    assert "'AFA-BRD-2014-02/D1'" in link["summary"]
    supersedes = PREFIX + "ASK { ?d prec:identifier 'AFA-BRD-2016-02/D1' ; prec:supersedes ?earlier }"
    assert sparql_rows(data, supersedes) == [["false"]]
    # the decision itself is stored: only the link to the unknown decision waits
    assert sparql_rows(data, PREFIX + "ASK { ?d prec:identifier 'AFA-BRD-2016-02/D1' }") == [["true"]]
    assert precedent(data, "ingest", str(EARLIER)).exit_code == 0
    assert precedent(data, "review", "accept", link["key"][:16], "--user", "ed").exit_code == 0
    assert sparql_rows(data, supersedes) == [["true"]]


def test_decisions_after_an_unreadable_item_keep_their_identifiers(tmp_path):
    source = ROOT / "samples" / "2014-03-12-mfa-exco.md"
    text = source.read_text(encoding="utf-8")
    text = text.replace("id: MFA-EXCO-2014-03/D1\n", "").replace("id: MFA-EXCO-2014-03/D2\n", "")
    numbered = tmp_path / "numbered" / source.name  # the same minutes, identifiers left to the reader
    numbered.parent.mkdir()
    numbered.write_text(text, encoding="utf-8")
    path, _ = broken(tmp_path, "### Decision\n", "### Decision\n- not a ballot\n", numbered)
    whole, graph = read_ok(numbered).graph, read_ok(path).graph
    first, second = (URIRef(IriMinter().entity("decision", f"MFA-EXCO-2014-03/D{n}")) for n in (1, 2))
    assert of_type(whole, PREC.Decision) == {first, second}
    assert of_type(graph, PREC.Decision) == {second}


def test_a_file_with_nothing_but_an_identifier_is_no_minutes_and_is_refused(tmp_path):
    path = tmp_path / "empty.md"
    path.write_text("---\nidentifier: X-1\ndate: soon\n---\n\nSome text.\n", encoding="utf-8")
    assert_refused(path, 1, None, "no recognisable minutes")
    path.write_text("---\nidentifier: X-1\ndate: soon\n---\n\n## 1. An item\n", encoding="utf-8")
    document = assert_in_doubt(path, 3, "date", "'soon'")
    assert document.title == "X-1" and len(of_type(document.graph, PREC.AgendaItem)) == 1
