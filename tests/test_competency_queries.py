"""The competency questions (ontology/queries/cq*.rq) answered from the sample corpus.

All samples are read with the real reader and resolver and loaded into an in-memory Oxigraph store,
one named graph per document, one per shared entity (as the writer lays them out) plus the glossary,
and queried with the union of graphs as the default graph, as the archive does. Where an answer can be
counted from the Markdown itself it is; the rest are the answers a reader of the minutes would give.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from pathlib import Path

import pyoxigraph as ox
import pytest
import yaml

from archive import descriptions
from archive.terms import OxConverter
from ingest.document import Document
from ingest.minutes import markdown
from ingest.resolve import Resolver
from ontology import GLOSSARY, GLOSSARY_TTL, QUERIES_DIR, IriMinter

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = sorted((ROOT / "samples").glob("*.md"))
PUBLIC = "public"


def read_corpus() -> list[Document]:
    minter = IriMinter()
    resolver = Resolver(minter)
    documents = []
    for path in SAMPLES:
        (document,) = markdown.read(path, minter=minter, resolver=resolver)
        assert isinstance(document, Document), document
        documents.append(document)
    return documents


def build_store(documents: list[Document]) -> ox.Store:
    """One graph per document and one per shared entity, as the archive's writer lays them out."""
    store = ox.Store()
    minter = IriMinter()
    entities: dict[str, set] = {}
    for document in documents:
        own, described = descriptions.split(list(document.graph))
        for entity, triples in described.items():
            entities.setdefault(entity, set()).update(triples)
        graph = ox.NamedNode(minter.graph(document.identifier))
        store.extend(OxConverter().quads(graph.value, own))
    for entity, triples in entities.items():
        store.extend(OxConverter().quads(descriptions.entity_graph_iri(minter, entity), triples))
    store.load(GLOSSARY_TTL.read_bytes(), format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode(str(GLOSSARY)))
    return store


@pytest.fixture(scope="module")
def corpus() -> list[Document]:
    return read_corpus()


@pytest.fixture(scope="module")
def store(corpus) -> ox.Store:
    return build_store(corpus)


@pytest.fixture(scope="module")
def public_store(corpus) -> ox.Store:
    return build_store([d for d in corpus if d.access_level == PUBLIC])


def query_text(query: str, **bindings: str) -> str:
    """The text of ``{query}-*.rq`` with its ``VALUES`` parameters replaced by ``bindings``."""
    (path,) = QUERIES_DIR.glob(f"{query}-*.rq")
    text = path.read_text(encoding="utf-8")
    if not bindings:
        return text
    clauses = list(re.finditer(r"VALUES\s*(\?\w+|\((?:\s*\?\w+)+\s*\))\s*\{[^}]*\}", text))
    for clause in clauses:
        names = re.findall(r"\?(\w+)", clause.group(1))
        if set(names) <= set(bindings) and names:
            values = " ".join(bindings[n] for n in names)
            row = values if len(names) == 1 else f"({values})"
            return text[: clause.start()] + f"VALUES {clause.group(1)} {{ {row} }}" + text[clause.end():]
    raise AssertionError(f"{path.name} has no VALUES clause for {sorted(bindings)}")


def run(store: ox.Store, query: str, **bindings: str) -> list[dict[str, object]]:
    results = store.query(query_text(query, **bindings), use_default_graph_as_union=True)
    variables = [v.value for v in results.variables]
    rows = []
    for solution in results:
        rows.append({v: (solution[v].value if solution[v] is not None else None) for v in variables})
    return rows


def literal(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def date(value: str) -> str:
    return f'"{value}"^^<http://www.w3.org/2001/XMLSchema#date>'


# -- facts counted from the Markdown, without the reader ---------------------------------------------

def corpus_facts() -> list[dict]:
    """Per decision: id, date, administration, topics, dissenters; per observed outcome: decision, status."""
    decisions = []
    for path in SAMPLES:
        text = path.read_text(encoding="utf-8")
        front = yaml.safe_load(text.split("---\n", 2)[1])
        section, current = "", None
        observed_for = None
        for line in text.split("\n---\n", 1)[1].splitlines():
            if line.startswith("#"):
                section = line.strip("# ").lower() if line.startswith("### ") else ""
                continue
            if section == "decision" and line.startswith("id: "):
                current = {"id": line[4:].strip(), "date": str(front["date"]), "file": path.name,
                           "level": front.get("access_level", PUBLIC),
                           "administration": front["administration"]["name"], "topics": list(front["topics"]),
                           "against": set(), "observed": []}
                decisions.append(current)
            elif section == "decision" and line.startswith("topics: ") and current:
                current["topics"] = [t.strip() for t in line[8:].split(",")]
            elif section == "decision" and ": against" in line and current:
                current["against"].add(line[2:line.index(": against")])
            elif section == "observed outcomes":
                field = line.strip()
                if field.startswith("decision: "):
                    observed_for = field[10:]
                elif field.startswith("status: "):
                    decisions.append({"observes": observed_for, "status": field[8:]})
    return decisions


FACTS = corpus_facts()
DECISIONS = [f for f in FACTS if "id" in f]


def ids(rows: list[dict], key: str = "identifier") -> list[str]:
    return [str(row[key]) for row in rows]


# -- the questions ----------------------------------------------------------------------------------

def test_corpus_decisions_counted_from_markdown():
    assert len(DECISIONS) == 33


def test_cq01_decisions_on_a_topic_newest_first(store):
    rows = run(store, "cq01", topic="gl:sanctions")
    assert ids(rows) == ["MFA-EXCO-2022-09/D1", "MFA-EXCO-2018-05/D1", "MFA-EXCO-2014-03/D1"]
    assert {row["bodyName"] for row in rows} == {"Foreign Affairs Executive Committee"}
    fisheries = {d["id"] for d in DECISIONS if "fisheries" in d["topics"]}
    assert set(ids(run(store, "cq01", topic="gl:fisheries"))) == fisheries
    assert len(fisheries) == 7


def test_cq01_includes_narrower_topics_through_the_glossary(store):
    sanctions = GLOSSARY["sanctions"]
    broader = [row["b"] for row in run_raw(
        store, f"SELECT ?b WHERE {{ <{sanctions}> <http://www.w3.org/2004/02/skos/core#broader> ?b }}")]
    if not broader:
        pytest.skip("the glossary gives gl:sanctions no broader concept")
    found = set(ids(run(store, "cq01", topic=f"<{broader[0]}>")))
    assert {"MFA-EXCO-2022-09/D1", "MFA-EXCO-2018-05/D1", "MFA-EXCO-2014-03/D1"} <= found


def run_raw(store: ox.Store, text: str) -> list[dict]:
    results = store.query(text, use_default_graph_as_union=True)
    variables = [v.value for v in results.variables]
    return [{v: s[v].value for v in variables} for s in results]


def test_cq02_options_arguments_and_the_chosen_one(store):
    rows = run(store, "cq02", id=literal("MFA-EXCO-2014-03/D1"))
    assert len(rows) == 8  # one row per argument: A 1+1, B 2+1, C 1+2
    chosen = {row["optionLabel"] for row in rows if row["chosen"] == "true"}
    assert chosen == {"Option B: Licensing requirement for dual-use exports to Tesland"}
    assert {row["optionLabel"][:8] for row in rows} == {"Option A", "Option B", "Option C"}
    assert {row["criterion"] for row in rows if row["stance"] == "con"} >= {"legality", "cost"}
    reasons = {row["optionLabel"][:8]: row["rejectionReason"] for row in rows}
    assert reasons["Option A"] == "Would signal that the incursion carries no cost."
    assert all(row["rationale"].startswith("A licensing requirement hits what matters") for row in rows)


def test_cq03_who_attended_the_meeting_of_a_decision(store):
    rows = run(store, "cq03", id=literal("MFA-EXCO-2014-03/D1"))
    assert {row["name"]: row["status"] for row in rows} == {
        "Elena Marsh": "present", "Tobias Wren": "present", "Priya Nandakumar": "present",
        "Oliver Strand": "present", "Camille Dufresne": "present", "Gregor Lindqvist": "also-present"}
    capacities = {row["name"]: (row["capacity"], row["organisationName"]) for row in rows}
    assert capacities["Gregor Lindqvist"] == ("Minister of Finance", "Ministry of Finance")


def test_cq04_the_passage_that_records_a_decision(store):
    (row,) = run(store, "cq04", id=literal("MFA-EXCO-2014-03/D1"))
    text = (ROOT / "samples" / "2014-03-12-mfa-exco.md").read_bytes().decode("utf-8")
    assert text[int(row["startOffset"]):int(row["endOffset"])] == row["quote"]
    assert row["quote"].startswith("### Decision\nid: MFA-EXCO-2014-03/D1")
    assert (row["recordIdentifier"], row["recordType"], row["accessLevel"]) == \
        ("MFA-EXCO-2014-03", "minutes", "public")


def test_cq05_decisions_per_administration_and_topic(store):
    expected = Counter((d["administration"], topic) for d in DECISIONS for topic in d["topics"])
    rows = run(store, "cq05")
    got = {(row["administrationName"], row["topic"].rsplit("/", 1)[-1]): int(row["decisions"])
           for row in rows}
    assert got == dict(expected)
    assert got[("Halloran administration", "fisheries")] == 3
    assert got[("Castellan administration", "climate-adaptation")] == 6


def test_cq06_who_sits_with_a_person_most_often(store):
    rows = run(store, "cq06", name=literal("Elena Marsh"))
    shared = {row["otherName"]: int(row["sharedMeetings"]) for row in rows}
    assert rows[0]["otherName"] == "Priya Nandakumar" and shared["Priya Nandakumar"] == 2
    assert shared == {"Priya Nandakumar": 2, "Tobias Wren": 1, "Oliver Strand": 1, "Camille Dufresne": 1,
                      "Gregor Lindqvist": 1, "Eirik Solberg": 1, "Mairead Kinsella": 1, "Lars Aamodt": 1}


def test_cq07_non_unanimous_votes_and_dissenters(store):
    expected = {(d["id"], name) for d in DECISIONS for name in d["against"]}
    assert len(expected) == 10
    rows = run(store, "cq07")
    minter = IriMinter()
    got = {(row["decision"].rsplit("/", 1)[-1].replace("~", "/"), row["dissenterName"]) for row in rows}
    assert got == expected
    # a vote with an abstention but nobody against is not a dissent
    assert minter.entity("decision", "MOF-BB-2014-11/D1") not in {row["decision"] for row in rows}
    berg = [row for row in rows if row["dissenterName"] == "Lukas Berg"]
    assert berg[0]["dissentReason"].startswith("the withdrawal of Tesland's irregular units")
    assert (berg[0]["for"], berg[0]["against"], berg[0]["abstaining"]) == ("3", "1", "1")


def test_cq08_decisions_involving_a_subnational_government_and_a_national_ministry(store):
    rows = run(store, "cq08")
    decisions = {row["decision"].rsplit("/", 1)[-1].replace("~", "/") for row in rows}
    assert decisions == {"MOF-BB-2015-10/D1", "MOE-MB-2015-06/D1", "WPE-2017-04/D1", "MOE-MB-2021-05/D1"}
    pairs = {(row["subnationalName"], row["ministryName"]) for row in rows}
    assert ("City of Port Caldwell", "Ministry of Finance") in pairs


@pytest.mark.parametrize(("topic", "as_of", "expected"), [
    ("water-management", "2020-01-01",
     {"MOE-MB-2018-07/D1", "MOE-MB-2018-07/D2", "WPE-2017-04/D1", "MOF-BB-2015-10/D1", "MOE-MB-2015-06/D1"}),
    ("fisheries", "2024-01-01", {"AFA-BRD-2023-02/D1", "JC-2019-10/D1", "JC-2015-11/D1"}),
    ("sanctions", "2016-01-01", {"MFA-EXCO-2014-03/D1"}),
    ("sanctions", "2020-01-01", {"MFA-EXCO-2018-05/D1"}),     # 2014 reversed in 2018
    ("sanctions", "2023-01-01", {"MFA-EXCO-2022-09/D1"}),     # 2018 reversed in 2022
    ("public-health", "2021-06-01", {"MOF-BB-2020-04/D1", "BCA-MC-2020-03/D1", "MFA-EXCO-2020-06/D1",
                                     "MOE-MB-2021-05/D1"}),
    ("public-health", "2022-06-01", {"BCA-MC-2020-03/D1", "MFA-EXCO-2020-06/D1", "MOE-MB-2021-05/D1"}),
])
def test_cq09_decisions_in_force_on_a_date(store, topic, as_of, expected):
    rows = run(store, "cq09", topic=f"gl:{topic}", asOf=date(as_of))
    assert set(ids(rows)) == expected


def test_cq09_a_public_reader_does_not_see_the_restricted_reversal(public_store):
    rows = run(public_store, "cq09", topic="gl:sanctions", asOf=date("2023-01-01"))
    assert set(ids(rows)) == {"MFA-EXCO-2018-05/D1"}


def test_cq10_supersession_chain_back_to_the_first_decision(store):
    rows = run(store, "cq10", id=literal("AFA-BRD-2023-02/D1"))
    chain = [(row["identifier"], int(row["depth"]), row["link"].rsplit("#", 1)[-1], row["laterIdentifier"])
             for row in rows]
    assert chain == [("AFA-BRD-2019-03/D1", 1, "supersedes", "AFA-BRD-2023-02/D1"),
                     ("AFA-BRD-2016-02/D1", 2, "supersedes", "AFA-BRD-2019-03/D1"),
                     ("AFA-BRD-2014-02/D1", 3, "supersedes", "AFA-BRD-2016-02/D1")]
    amended = run(store, "cq10", id=literal("MOF-BB-2017-11/D1"))
    assert [(row["identifier"], row["link"].rsplit("#", 1)[-1]) for row in amended] == \
        [("MOF-BB-2015-10/D1", "amends")]


def test_cq11_options_rejected_before_on_a_topic(store):
    rows = run(store, "cq11", topic="gl:sanctions")
    got = {(row["decision"].rsplit("/", 1)[-1].replace("~", "/"), row["optionLabel"][:8]) for row in rows}
    assert got == {("MFA-EXCO-2014-03/D1", "Option A"), ("MFA-EXCO-2014-03/D1", "Option C"),
                   ("MFA-EXCO-2018-05/D1", "Option A"), ("MFA-EXCO-2022-09/D1", "Option A")}
    embargo = next(row for row in rows if row["optionLabel"].startswith("Option C: Full trade embargo"))
    assert "Doubtful legality without a regional mandate" in embargo["argumentsAgainst"]


def test_cq12_open_commitments_overdue_or_due_within_ninety_days(store):
    as_of = dt.date(2026, 1, 15)
    rows = run(store, "cq12", asOf=date(as_of.isoformat()))
    got = {(row["decisionIdentifier"], row["what"], row["overdue"]) for row in rows}
    assert got == {
        ("WPE-2017-04/D1", "Build the Greyfell reservoir", "true"),
        ("MOE-MB-2021-05/D1", "Publish the national coastal risk map", "true"),
        ("MOF-BB-2024-10/D1", "Grants for local adaptation plans", "true"),
        ("BCA-MC-2023-06/D1", "Install ten e-gates at the ferry terminal", "true"),
        ("WPE-2025-03/D1", "Support the five municipalities without an adaptation plan", "true"),
        ("MOF-BB-2024-10/D1", "Publish the rules of the co-finance window", "false"),
        ("MFA-EXCO-2025-06/D1", "Adjustment support scheme for small processors", "false"),
        ("MOF-BB-2024-10/D1", "Open the co-finance window for local adaptation works", "false"),
        ("AFA-BRD-2023-02/D1", "Evaluate the harvest control rule after three seasons", "false"),
    }
    greyfell = next(row for row in rows if row["what"] == "Build the Greyfell reservoir")
    assert (float(greyfell["budgetAmount"]), greyfell["budgetCurrency"]) == (36_000_000, "EUR")
    assert greyfell["ownerName"] == "Province of Westmarch"
    assert [row["deadline"] for row in rows] == sorted(row["deadline"] for row in rows)


def test_cq13_outcomes_that_fell_short(store):
    short = {f["observes"] for f in FACTS if f.get("status") in ("not-met", "partially-met")}
    met = {f["observes"] for f in FACTS if f.get("status") == "met"}
    assert len(short) == 11 and met == {"MFA-EXCO-2014-03/D1", "AFA-BRD-2019-03/D1"}
    rows = run(store, "cq13")
    assert set(ids(rows, "decisionIdentifier")) == short
    greyfell = next(row for row in rows if row["decisionIdentifier"] == "WPE-2017-04/D1")
    assert (float(greyfell["target"]), float(greyfell["observedValue"])) == (95, 41)
    assert greyfell["status"] == "not-met"


def test_every_competency_query_is_covered_here():
    names = {path.name.split("-", 1)[0] for path in QUERIES_DIR.glob("cq*.rq")}
    tested = {name.split("_")[1] for name in globals() if re.match(r"test_cq\d\d_", name)}
    assert names <= tested, f"competency queries without a test: {sorted(names - tested)}"
