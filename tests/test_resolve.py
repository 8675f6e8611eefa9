"""Actor and place resolution: aliases, honorifics, name forms, posts, ISO 3166 places and governments."""

from __future__ import annotations

import pytest
from rdflib import RDF, RDFS, Literal, URIRef

from ingest.resolve import Resolver
from ingest.resolve_names import parse_name
from ontology import PREC, IriMinter


@pytest.fixture
def resolver() -> Resolver:
    return Resolver(IriMinter())


def test_organisation_aliases_resolve_to_one_canonical_iri(resolver: Resolver) -> None:
    groups = [
        ("MFA", "Foreign Ministry", "Ministry of Foreign Affairs", "the Ministry of Foreign Affairs"),
        ("State Department", "Department of State", "U.S. Department of State"),
        ("NSC", "National Security Council", "the National Security Council"),
        ("FOMC", "Federal Open Market Committee"),
        ("UN", "U.N.", "United Nations"),
    ]
    iris = []
    for names in groups:
        found = {resolver.organisation(name) for name in names}
        assert len(found) == 1, names
        iris.append(found.pop())
    assert len(set(iris)) == len(groups)
    state, nsc = iris[1], iris[2]
    assert (state, RDF.type, PREC.Ministry) in resolver.graph
    assert (nsc, RDF.type, PREC.Body) in resolver.graph
    assert (state, RDFS.label, Literal("Department of State")) in resolver.graph
    assert (state, PREC.alias, Literal("State Department")) in resolver.graph
    assert str(nsc) == IriMinter().entity("organisation", "National Security Council")


def test_unknown_organisation_gets_its_own_iri_case_insensitively(resolver: Resolver) -> None:
    first = resolver.organisation("Inter-Allied Food Council", kind="body")
    assert resolver.organisation("the inter-allied food council") == first
    assert (first, RDF.type, PREC.Body) in resolver.graph
    assert (first, RDFS.label, Literal("Inter-Allied Food Council")) in resolver.graph


@pytest.mark.parametrize(
    "variant",
    [
        "Robert Lansing",
        "Mr. Lansing",
        "Secretary Lansing",
        "Secretary of State Lansing",
        "LANSING, Robert",
        "Lansing, Robert",
        "R. Lansing",
        "ROBERT LANSING",
        "Dr. Robert Lansing",
    ],
)
def test_honorifics_and_name_forms_give_one_person(resolver: Resolver, variant: str) -> None:
    lansing = resolver.person("Lansing, Robert", "Secretary of State")
    assert resolver.person(variant) == lansing
    assert str(lansing).endswith("/person/robert-lansing")


def test_accents_and_titles_fold_to_the_same_key() -> None:
    assert parse_name("Mr. Jacques Stæmpfli").key == parse_name("Jacques Staempfli").key
    assert parse_name("Sir Alexander Cockburn").key == "alexander cockburn"
    assert parse_name("his excellency the Baron d’Itajubá").key == "d'itajuba"
    assert parse_name("Baker, Newton D.").label == "Newton D. Baker"
    assert parse_name("Martin Luther King, Jr.").key == "martin luther king jr"
    assert parse_name("Mr.") is None
    # An office alone is not a person; a surname that is also a title is, after "Mr.".
    assert parse_name("The President") is None and parse_name("Mr. Secretary") is None
    assert parse_name("Mr. King").key == "king"


def test_surname_alone_is_not_merged_when_ambiguous(resolver: Resolver) -> None:
    newton = resolver.person("Baker, Newton D.", "Secretary of War")
    ray = resolver.person("Baker, Ray Stannard", "Director of the Press Bureau")
    assert newton != ray
    assert resolver.person("N. D. Baker") == newton
    assert resolver.person("Ray S. Baker") == ray
    just_baker = resolver.person("Mr. Baker")
    assert just_baker not in (newton, ray)


def test_same_name_with_conflicting_posts_is_two_people(resolver: Resolver) -> None:
    british = resolver.person("John Smith", "British Ambassador at Washington")
    american = resolver.person("John Smith", "American Minister in Peking")
    assert british != american
    # A post that names no country conflicts with nothing: the first John Smith.
    assert resolver.person("John Smith", "plenipotentiary") == british
    # The same country again is the same person, with a second membership.
    assert resolver.person("Smith, John", "British Secretary of State for Foreign Affairs") == british
    memberships = set(resolver.graph.objects(british, PREC.hasMembership))
    labels = {str(resolver.graph.value(m, PREC.roleLabel)) for m in memberships}
    assert labels == {
        "British Ambassador at Washington",
        "plenipotentiary",
        "British Secretary of State for Foreign Affairs",
    }


def test_membership_links_post_and_known_organisation(resolver: Resolver) -> None:
    polk = resolver.person("Polk, Frank Lyon", "Counselor for the Department of State")
    graph = resolver.graph
    membership = graph.value(polk, PREC.hasMembership)
    assert graph.value(membership, PREC.member) == polk
    assert graph.value(membership, PREC.organisation) == resolver.organisation("State Department")
    post = graph.value(membership, PREC.post)
    assert (post, RDF.type, PREC.Post) in graph
    assert str(graph.value(post, RDFS.label)) == "Counselor for the Department of State"


def test_bavaria_and_quebec_are_subnational_governments_of_the_right_country(resolver: Resolver) -> None:
    graph = resolver.graph
    bavaria = resolver.subnational("Bavaria")
    assert bavaria is not None and (bavaria, RDF.type, PREC.RegionalGovernment) in graph
    region = graph.value(bavaria, PREC.jurisdiction)
    assert str(graph.value(region, PREC.isoCode)) == "DE-BY"
    assert (region, RDF.type, PREC.Place) in graph
    assert str(graph.value(graph.value(region, PREC.withinPlace), PREC.isoCode)) == "DE"
    assert resolver.place("Bavaria") == resolver.place("Bayern") == resolver.place("DE-BY") == region

    quebec = resolver.organisation("Government of Quebec")
    assert quebec == resolver.subnational("Quebec") == resolver.organisation("Province of Quebec")
    assert (quebec, RDF.type, PREC.RegionalGovernment) in graph
    province = graph.value(quebec, PREC.jurisdiction)
    assert str(graph.value(province, PREC.isoCode)) == "CA-QC"
    assert str(graph.value(graph.value(province, PREC.withinPlace), PREC.isoCode)) == "CA"
    assert str(graph.value(quebec, RDFS.label)) == "Government of Quebec"


def test_city_subdivision_is_a_local_government(resolver: Resolver) -> None:
    london = resolver.subnational("GB-LND")
    assert london is not None and (london, RDF.type, PREC.LocalGovernment) in resolver.graph


def test_national_governments_by_name_code_or_demonym() -> None:
    resolver = Resolver(IriMinter(), home_country="US")
    france = resolver.national_government("France")
    assert france == resolver.national_government("FR") == resolver.organisation("the French Government")
    assert (france, RDF.type, PREC.ForeignGovernment) in resolver.graph
    home = resolver.national_government("United States")
    assert (home, RDF.type, PREC.NationalGovernment) in resolver.graph
    assert str(resolver.graph.value(resolver.graph.value(france, PREC.jurisdiction), PREC.isoCode)) == "FR"


def test_places_by_common_short_and_historical_names(resolver: Resolver) -> None:
    code = {
        name: str(resolver.graph.value(resolver.place(name), PREC.isoCode))
        for name in ("Russia", "Great Britain", "Persia", "Bolivia", "Georgia", "US-GA", "DEU")
    }
    assert code == {
        "Russia": "RU",
        "Great Britain": "GB",
        "Persia": "IR",
        "Bolivia": "BO",
        "Georgia": "GE",
        "US-GA": "US-GA",
        "DEU": "DE",
    }
    # The country wins by name; the US state is still reachable as a subdivision.
    georgia_state = resolver.subnational("Georgia", "US")
    assert (
        str(resolver.graph.value(resolver.graph.value(georgia_state, PREC.jurisdiction), PREC.isoCode))
        == "US-GA"
    )


def test_unresolved_mentions_are_recorded_not_dropped(resolver: Resolver) -> None:
    assert resolver.place("Atlantis") is None
    assert resolver.subnational("Nowhere Province") is None
    assert resolver.national_government("Ruritania") is None
    assert resolver.person("Mr.") is None
    assert resolver.unresolved == ["Atlantis", "Nowhere Province", "Ruritania", "Mr."]


def test_triples_for_copies_the_actor_with_memberships_and_places_only(resolver: Resolver) -> None:
    lansing = resolver.person("Lansing, Robert", "Secretary of State")
    other = resolver.person("Wilson, Woodrow", "President of the United States")
    bavaria = resolver.subnational("Bavaria")
    graph = resolver.triples_for([lansing, bavaria])
    assert (lansing, RDF.type, PREC.Person) in graph
    membership = graph.value(lansing, PREC.hasMembership)
    assert graph.value(membership, PREC.roleLabel) == Literal("Secretary of State")
    assert (graph.value(membership, PREC.post), RDF.type, PREC.Post) in graph
    assert (URIRef(IriMinter().entity("place", "DE")), PREC.isoCode, Literal("DE")) in graph
    assert not any(True for _ in graph.triples((other, None, None)))


def test_iris_are_deterministic_across_resolvers() -> None:
    def run() -> list[str]:
        r = Resolver(IriMinter("https://example.org/id/"))
        found = [
            r.person("Lansing, Robert", "Secretary of State"),
            r.organisation("MFA"),
            r.subnational("Bavaria"),
            r.place("Quebec"),
        ]
        return [str(iri) for iri in found]

    assert run() == run()
    assert run()[0] == "https://example.org/id/person/robert-lansing"
