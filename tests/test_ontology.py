"""The ontology, glossary, shapes and competency queries: complete, consistent and in step."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pyoxigraph
import pytest
from rdflib import OWL, RDF, RDFS, Graph, URIRef
from rdflib.namespace import SH, SKOS
from rdflib.plugins.sparql import prepareQuery

from archive.reasoning import hermit_verdict
from ontology import (
    GLOSSARY,
    GLOSSARY_TTL,
    ONTOLOGY_IRI,
    ONTOLOGY_TTL,
    PREC,
    SHAPES_TTL,
    competency_queries,
)

DCTERMS = "http://purl.org/dc/terms/"
INTERNALS = Path(__file__).resolve().parents[1] / "docs" / "internals.md"
#: Vocabularies whose terms may be used without being declared in precedent.ttl.
BUILT_IN = (
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "http://www.w3.org/2000/01/rdf-schema#",
    "http://www.w3.org/2002/07/owl#",
    "http://www.w3.org/2001/XMLSchema#",
    "http://www.w3.org/2004/02/skos/core#",
    "http://www.w3.org/ns/shacl#",
)
JAVA = shutil.which("java")


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ONTOLOGY_TTL, format="turtle")


@pytest.fixture(scope="module")
def glossary() -> Graph:
    return Graph().parse(GLOSSARY_TTL, format="turtle")


def prec_terms(graph: Graph) -> set[URIRef]:
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)
    return {
        s
        for kind in kinds
        for s in graph.subjects(RDF.type, kind)
        if isinstance(s, URIRef) and s.startswith(str(PREC))
    }


# --- the ontology itself ----------------------------------------------------------------------


def test_ontology_header_carries_version_licence_and_prefix(ontology):
    header = URIRef(ONTOLOGY_IRI)
    assert (header, RDF.type, OWL.Ontology) in ontology
    assert ontology.value(header, OWL.versionIRI) == URIRef(ONTOLOGY_IRI + "/1.0.0")
    assert str(ontology.value(header, OWL.versionInfo)) == "1.0.0"
    assert ontology.value(header, URIRef(DCTERMS + "license")) == URIRef(
        "https://creativecommons.org/licenses/by/4.0/"
    )
    for field in ("title", "description", "creator", "created", "modified"):
        assert ontology.value(header, URIRef(DCTERMS + field)) is not None, field
    prefix = ontology.value(header, URIRef("http://purl.org/vocab/vann/preferredNamespacePrefix"))
    assert str(prefix) == "prec"


def test_every_term_of_the_shared_contract_is_defined(ontology):
    section = INTERNALS.read_text(encoding="utf-8").split("## 2.")[0]
    named = {PREC[name] for name in re.findall(r"prec:([A-Za-z]+)", section)}
    assert len(named) > 100
    missing = sorted(str(term) for term in named - prec_terms(ontology))
    assert missing == []


def test_every_term_has_an_english_label_a_definition_and_is_defined_by_the_ontology(ontology):
    terms = prec_terms(ontology)
    assert len(terms) > 140
    for term in terms:
        labels = [label for label in ontology.objects(term, RDFS.label) if label.language == "en"]
        assert labels, f"{term} has no English rdfs:label"
        assert ontology.value(term, SKOS.definition), f"{term} has no skos:definition"
        assert ontology.value(term, RDFS.isDefinedBy) == URIRef(ONTOLOGY_IRI), term


def test_precedent_links_come_in_inverse_pairs_below_precedent_link(ontology):
    pairs = {
        "cites": "citedBy",
        "follows": "followedBy",
        "amends": "amendedBy",
        "supersedes": "supersededBy",
        "reverses": "reversedBy",
        "implements": "implementedBy",
    }
    for forward, inverse in pairs.items():
        assert (PREC[forward], OWL.inverseOf, PREC[inverse]) in ontology
        assert (PREC[forward], RDFS.subPropertyOf, PREC.precedentLink) in ontology
        assert (PREC[inverse], RDFS.subPropertyOf, PREC.precedentFor) in ontology
    assert (PREC.precedentLink, RDFS.subPropertyOf, URIRef(DCTERMS + "references")) in ontology


def test_class_hierarchy_has_no_cycles_and_people_are_not_organisations(ontology):
    for term in prec_terms(ontology):
        ancestors = set(ontology.transitive_objects(term, RDFS.subClassOf)) - {term}
        assert term not in {
            a for ancestor in ancestors for a in ontology.transitive_objects(ancestor, RDFS.subClassOf)
        }
    assert (PREC.Person, OWL.disjointWith, PREC.Organisation) in ontology


def test_aligned_external_terms_are_declared_so_offline_tools_know_them(ontology):
    declared = set(ontology.subjects(RDF.type, None))
    for predicate in (RDFS.subClassOf, RDFS.subPropertyOf):
        for subject, target in ontology.subject_objects(predicate):
            if isinstance(target, URIRef) and not target.startswith(str(PREC)):
                assert target in declared, f"{subject} is aligned to undeclared {target}"


# --- owlready2 and HermiT -----------------------------------------------------------------------

INSTANCE_DATA = """
@prefix prec: <https://w3id.org/precedent/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix gl: <https://w3id.org/precedent/glossary/> .
@base <https://archive.example.org/id/> .

<record/R1> a prec:Record ; prec:identifier "R1" ; rdfs:label "Minutes" ; prec:recordType "minutes" ;
    prec:accessLevel "public" ; prec:hasTopic gl:sanctions ; prec:author <organisation/MFA> .
<passage/R1~p1> a prec:Passage ; prec:inRecord <record/R1> ; prec:quote "Licences required." ;
    prec:startOffset 10 ; prec:endOffset 28 .
<organisation/MFA> a prec:Ministry ; rdfs:label "Ministry of Foreign Affairs" .
<organisation/EXCO> a prec:Body ; prec:subOrganisationOf <organisation/MFA> .
<person/Elena-Marsh> a prec:Person ; rdfs:label "Elena Marsh" ; prec:hasMembership <membership/m1> .
<membership/m1> prec:organisation <organisation/MFA> ; prec:post <post/Minister> ;
    prec:startDate "2013-01-15"^^xsd:date .
<meeting/R1> a prec:Meeting ; prec:heldBy <organisation/EXCO> ; prec:chair <person/Elena-Marsh> ;
    prec:recordedIn <record/R1> ; prec:date "2014-03-12"^^xsd:date ;
    prec:hasAttendance <attendance/R1~Elena-Marsh> .
<attendance/R1~Elena-Marsh> prec:attendee <person/Elena-Marsh> ; prec:attendanceStatus "present" .
<decision/R1~D1> a prec:Decision ; prec:decidedAt <meeting/R1> ; prec:decidedBy <organisation/EXCO> ;
    prec:date "2014-03-12"^^xsd:date ; prec:text "Licences required." ; prec:derivedFrom <passage/R1~p1> ;
    prec:consideredOption <option/R1~D1~o1> ; prec:chosenOption <option/R1~D1~o2> ;
    prec:hasVote <vote/R1~D1~v> ; prec:hasExpectedOutcome <outcome/R1~D1~e1> ;
    prec:hasCommitment <commitment/R1~D1~c1> ; prec:supersedes <decision/R0~D1> ;
    prec:confidence 0.9 .
<option/R1~D1~o1> rdfs:label "Protest only" ; prec:hasCon <argument/R1~D1~o1~a1> .
<argument/R1~D1~o1~a1> prec:argumentText "Out of step with partners" ;
    prec:concernsCriterion <criterion/cohesion> .
<vote/R1~D1~v> prec:votesFor 5 ; prec:hasBallot <ballot/R1~D1~v~Elena-Marsh> .
<ballot/R1~D1~v~Elena-Marsh> prec:voter <person/Elena-Marsh> ; prec:voteCast "for" .
<outcome/R1~D1~e1> prec:targetValue 80.0 ; prec:outcomeStatus "pending" .
<outcome/R1~D1~x1> a prec:ObservedOutcome ; prec:observes <outcome/R1~D1~e1> ; prec:observedValue 60.0 .
<commitment/R1~D1~c1> prec:owner <organisation/MFA> ; prec:budgetAmount 250000.00 ;
    prec:deadline "2014-04-01"^^xsd:date .
"""

def run_hermit(graph: Graph, tmp_path: Path) -> str:
    """Run HermiT on ``graph`` in a killable subprocess (the same path as ``precedent check --reasoner``)."""
    return hermit_verdict(graph, timeout=180)


@pytest.mark.skipif(JAVA is None, reason="HermiT needs Java (Debian package default-jre-headless)")
def test_hermit_proves_the_ontology_with_instance_data_consistent(ontology, tmp_path):
    graph = Graph()
    graph += ontology
    graph.parse(data=INSTANCE_DATA, format="turtle")
    assert run_hermit(graph, tmp_path) == "CONSISTENT"


@pytest.mark.skipif(JAVA is None, reason="HermiT needs Java (Debian package default-jre-headless)")
def test_hermit_finds_a_person_who_is_also_an_organisation_inconsistent(ontology, tmp_path):
    graph = Graph()
    graph += ontology
    graph.parse(data=INSTANCE_DATA, format="turtle")
    # Person and Organisation are disjoint: the reasoner must notice, or it is not reasoning.
    graph.add((URIRef("https://archive.example.org/id/person/Elena-Marsh"), RDF.type, PREC.Organisation))
    assert run_hermit(graph, tmp_path) == "INCONSISTENT"


# --- the glossary -----------------------------------------------------------------------------


def concepts(glossary: Graph) -> set[URIRef]:
    return set(glossary.subjects(RDF.type, SKOS.Concept))


def test_glossary_has_at_least_sixty_concepts_each_with_label_and_definition(glossary):
    found = concepts(glossary)
    assert len(found) >= 60
    for concept in found:
        assert concept.startswith(str(GLOSSARY))
        assert re.fullmatch(r"[a-z]+(-[a-z]+)*", concept[len(str(GLOSSARY)) :]), concept
        labels = [label for label in glossary.objects(concept, SKOS.prefLabel) if label.language == "en"]
        assert labels, concept
        assert glossary.value(concept, SKOS.definition), concept
        assert (concept, SKOS.inScheme, GLOSSARY.scheme) in glossary


def test_glossary_has_the_slugs_other_components_rely_on(glossary):
    for slug in (
        "trade-policy",
        "monetary-policy",
        "sanctions",
        "border-management",
        "water-management",
        "public-health",
        "climate-adaptation",
        "fisheries",
        "consular-affairs",
        "treaty-negotiation",
        "arbitration",
        "peace-settlement",
        "municipal-planning",
        "budget",
    ):
        assert (GLOSSARY[slug], RDF.type, SKOS.Concept) in glossary, slug


def test_glossary_hierarchy_is_acyclic_with_consistent_narrower_and_top_concepts(glossary):
    for concept in concepts(glossary):
        seen, frontier = set(), {concept}
        while frontier:
            step = {b for c in frontier for b in glossary.objects(c, SKOS.broader)}
            assert concept not in step, f"{concept} is its own ancestor"
            frontier = step - seen
            seen |= step
        for broader in glossary.objects(concept, SKOS.broader):
            assert (broader, SKOS.narrower, concept) in glossary
    tops = set(glossary.objects(GLOSSARY.scheme, SKOS.hasTopConcept))
    assert len(tops) >= 5
    assert tops == {c for c in concepts(glossary) if glossary.value(c, SKOS.broader) is None}


# --- shapes and queries use only defined terms ---------------------------------------------------


def check_term_is_known(term: URIRef, ontology: Graph, glossary: Graph, where: str) -> None:
    if term.startswith(str(PREC)):
        assert term in prec_terms(ontology), f"{where}: {term} is not defined in precedent.ttl"
    elif term.startswith(str(GLOSSARY)):
        assert (term, RDF.type, SKOS.Concept) in glossary, f"{where}: {term} is not a glossary concept"
    elif not str(term).startswith(BUILT_IN):
        assert (term, RDF.type, None) in ontology, f"{where}: {term} is not declared in precedent.ttl"


def test_shapes_use_only_defined_classes_and_properties(ontology, glossary):
    shapes = Graph().parse(SHAPES_TTL, format="turtle")
    used = set()
    for predicate in (SH.targetClass, SH.path, SH["class"], SH.lessThanOrEquals, SH.targetObjectsOf):
        used |= {o for o in shapes.objects(None, predicate) if isinstance(o, URIRef)}
    assert PREC.Decision in used and PREC.outcomeStatus in used
    for term in used:
        check_term_is_known(term, ontology, glossary, "shapes.ttl")


def iris_in(node, found: set[URIRef]) -> set[URIRef]:
    """Every IRI in a parsed query's algebra (triples, paths, VALUES, expressions)."""
    if isinstance(node, URIRef):
        found.add(node)
    elif isinstance(node, dict):
        for value in node.values():
            iris_in(value, found)
    elif isinstance(node, (list, tuple, set)):
        for value in node:
            iris_in(value, found)
    elif hasattr(node, "args") or hasattr(node, "arg"):
        for value in vars(node).values():
            iris_in(value, found)
    return found


def test_there_are_thirteen_competency_questions_and_six_analytical_queries():
    names = [query.name for query in competency_queries()]
    assert len([n for n in names if n.startswith("cq")]) == 13
    assert len([n for n in names if n.startswith("analytics-")]) == 6
    assert [n for n in names if n.startswith("cq")][0] == "cq01-decisions-on-topic"


@pytest.mark.parametrize("query", competency_queries(), ids=lambda q: q.name)
def test_query_has_a_header_parses_and_uses_only_defined_terms(query, ontology, glossary):
    assert query.title and query.comment
    assert query.user in {"new staff", "researcher", "incoming administration"}
    parsed = prepareQuery(query.text)
    used = {
        iri
        for iri in iris_in(parsed.algebra, set())
        if not str(iri).startswith("http://www.w3.org/2001/XMLSchema#")
    }
    assert any(iri.startswith(str(PREC)) for iri in used)
    for term in used:
        check_term_is_known(term, ontology, glossary, query.name + ".rq")
    pyoxigraph.Store().query(query.text)  # Oxigraph, the engine that runs it, accepts it too


# --- queries give the right answers on a small archive -----------------------------------------

ARCHIVE = """
@prefix prec: <https://w3id.org/precedent/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix gl: <https://w3id.org/precedent/glossary/> .
@base <https://archive.example.org/id/> .

<record/MOE-MB-2015-06> prec:hasTopic gl:water-management .
<passage/p1> prec:inRecord <record/MOE-MB-2015-06> .
<decision/W1> a prec:Decision ; prec:identifier "MOE-MB-2015-06/D1" ; rdfs:label "Water sharing 2015" ;
    prec:date "2015-06-09"^^xsd:date ; prec:derivedFrom <passage/p1> .
<decision/W2> a prec:Decision ; prec:identifier "MOE-MB-2017-01/D1" ; rdfs:label "Drought levy" ;
    prec:date "2017-01-10"^^xsd:date ; prec:hasTopic gl:water-supply ; prec:lapsesOn "2019-12-31"^^xsd:date .
<decision/W3> a prec:Decision ; prec:identifier "MOE-MB-2019-05/D1" ; rdfs:label "Water sharing 2019" ;
    prec:date "2019-05-14"^^xsd:date ; prec:hasTopic gl:water-management ; prec:supersedes <decision/W1> .
<decision/W4> a prec:Decision ; prec:identifier "MOE-MB-2021-03/D1" ; rdfs:label "Water sharing 2021" ;
    prec:date "2021-03-02"^^xsd:date ; prec:hasTopic gl:water-management ; prec:amends <decision/W3> .

<decision/W3> prec:hasVote <vote/W3> .
<vote/W3> a prec:Vote ; prec:votesFor 4 ; prec:votesAgainst 1 ; prec:result "carried" ;
    prec:hasBallot <ballot/W3-a>, <ballot/W3-b> .
<ballot/W3-a> prec:voter <person/A> ; prec:voteCast "for" .
<ballot/W3-b> prec:voter <person/B> ; prec:voteCast "against" ; prec:dissentReason "Too costly" .
<person/B> rdfs:label "Jonas Berg" .

<decision/W3> prec:hasExpectedOutcome <outcome/W3-e1>, <outcome/W3-e2> .
<outcome/W3-e1> a prec:ExpectedOutcome ; prec:targetValue 80.0 ; prec:outcomeStatus "pending" .
<outcome/W3-e2> a prec:ExpectedOutcome ; prec:targetValue 10.0 ; prec:outcomeStatus "pending" .
<outcome/W3-x1> a prec:ObservedOutcome ; prec:observes <outcome/W3-e1> ; prec:observedValue 55.0 ;
    prec:outcomeStatus "partially-met" ; prec:observedOn "2020-06-01"^^xsd:date .
<outcome/W3-x2> a prec:ObservedOutcome ; prec:observes <outcome/W3-e2> ; prec:observedValue 12.0 ;
    prec:outcomeStatus "met" ; prec:observedOn "2020-06-01"^^xsd:date .
"""


@pytest.fixture(scope="module")
def archive() -> pyoxigraph.Store:
    store = pyoxigraph.Store()
    graph = pyoxigraph.NamedNode("https://archive.example.org/id/graph/test")
    store.load(ARCHIVE.encode("utf-8"), pyoxigraph.RdfFormat.TURTLE, to_graph=graph)
    # A later document repeats facts of an earlier one, as real documents do; queries must not
    # count them twice.
    store.load(
        ARCHIVE.encode("utf-8"),
        pyoxigraph.RdfFormat.TURTLE,
        to_graph=pyoxigraph.NamedNode("https://archive.example.org/id/graph/repeat"),
    )
    store.load(
        GLOSSARY_TTL.read_bytes(),
        pyoxigraph.RdfFormat.TURTLE,
        to_graph=pyoxigraph.NamedNode("https://archive.example.org/id/graph/glossary"),
    )
    return store


def run(store: pyoxigraph.Store, name: str, **replace: str) -> list[dict[str, str]]:
    text = next(q.text for q in competency_queries() if q.name == name)
    for old, new in replace.items():
        assert old in text
        text = text.replace(old, new)
    solutions = store.query(text, use_default_graph_as_union=True)
    names = [v.value for v in solutions.variables]
    return [{n: row[n].value for n in names if row[n] is not None} for row in solutions]


def test_in_force_query_drops_superseded_and_lapsed_decisions(archive):
    in_2018 = run(archive, "cq09-in-force-on-date", **{"2020-01-01": "2018-01-01"})
    assert sorted(r["identifier"] for r in in_2018) == ["MOE-MB-2015-06/D1", "MOE-MB-2017-01/D1"]
    in_2020 = run(archive, "cq09-in-force-on-date")
    assert [r["identifier"] for r in in_2020] == ["MOE-MB-2019-05/D1"]


def test_supersession_chain_walks_back_through_amendments_with_depth(archive):
    rows = run(archive, "cq10-supersession-chain", **{"AFA-BRD-2023-02/D1": "MOE-MB-2021-03/D1"})
    assert [(r["identifier"], r["depth"]) for r in rows] == [
        ("MOE-MB-2019-05/D1", "1"),
        ("MOE-MB-2015-06/D1", "2"),
    ]
    assert rows[1]["link"].endswith("#supersedes")


def test_non_unanimous_vote_names_the_dissenter_and_reason(archive):
    rows = run(archive, "cq07-non-unanimous-votes")
    assert [(r["dissenterName"], r["dissentReason"], r["title"]) for r in rows] == [
        ("Jonas Berg", "Too costly", "Water sharing 2019")
    ]


def test_outcome_shortfall_reports_only_the_outcome_below_target(archive):
    rows = run(archive, "cq13-outcome-shortfalls")
    assert [(r["expected"].rsplit("/", 1)[1], float(r["observedValue"]), r["status"]) for r in rows] == [
        ("W3-e1", 55.0, "partially-met")
    ]


def test_topic_query_includes_narrower_topics_and_record_topics(archive):
    rows = run(archive, "cq01-decisions-on-topic", **{"gl:sanctions": "gl:water-management"})
    assert [r["identifier"] for r in rows] == [
        "MOE-MB-2021-03/D1",
        "MOE-MB-2019-05/D1",
        "MOE-MB-2017-01/D1",
        "MOE-MB-2015-06/D1",
    ]


def test_loaded_query_text_is_the_file_text():
    query = next(q for q in competency_queries() if q.name == "cq12-open-commitments")
    assert query.user == "incoming administration"
    assert "90 days" in query.title
    assert query.text.startswith("# title:")


def test_member_vote_counts_are_not_inflated_by_facts_repeated_across_documents(archive):
    rows = {r["name"]: r for r in run(archive, "analytics-votes-by-member") if "name" in r}
    berg = rows["Jonas Berg"]
    assert (berg["ballots"], berg["against"], berg["onLosingSide"]) == ("1", "1", "1")
