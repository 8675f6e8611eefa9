"""Actor resolution across the archive: one IRI per real person and body, with editors' merges and splits.

The name rules (``ingest.resolve_names``), the matching rules (``ingest.resolve_archive``), the writer
applying merges to every document it stores (``archive.actors``) and, on the real FRUS volume of
1864, "Seward" and "Seward Mr." as one person and no letter heading as a person.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import RDFS, SKOS, Literal, URIRef

from archive import Archive
from ingest.resolve_archive import Actor, match_actors
from ingest.resolve_names import parse_name
from ontology import PREC
from precedent.cli import main
from precedent.resolving import resolve_actors
from tests import archive_fixtures as fixtures
from tests.archive_fixtures import DocumentSpec, make_document, person_iri

archive = fixtures.archive
engine = fixtures.engine

COMMITTEE = "https://archive.example.org/id/organisation/Transport-Committee"


@pytest.mark.parametrize(
    "text",
    [
        "Judd to Mr. Seward",
        "de Soulé to Mr. Harvey",
        "Ching and Li Hung-chang",
        "Messrs. Lansing and White",
        "Present: Mr. Lansing Mr. White",
    ],
)
def test_headings_lists_and_attendance_lines_are_never_a_person(text):
    assert parse_name(text) is None


@pytest.mark.parametrize(
    "a, b",
    [
        ("Seward Mr.", "Mr. Seward"),
        ("Lansing, Robert", "Robert Lansing"),
        ("Geo. L. Berry", "George L. Berry"),
        ("Irving [Irwin] H. Hoover", "Irwin H. Hoover"),
        ("Zakrajsek", "Zakrajšek"),
    ],
)
def test_titles_order_abbreviations_and_corrections_are_normalised(a, b):
    assert parse_name(a).key == parse_name(b).key


def person(iri: str, name: str, bodies=(), years=(), documents: int = 1, sources=()) -> Actor:
    return Actor(iri, "person", {name}, set(), set(bodies), set(years), set(sources), documents)


def test_a_surname_joins_the_full_name_it_fits_in_the_same_body_and_years():
    actors = [
        person("p/bernanke", "Bernanke", bodies={"fomc"}, years={2008}),
        person("p/ben-bernanke", "Ben Bernanke", bodies={"fomc"}, years={2007, 2008}),
    ]
    (match,) = match_actors(actors)
    assert (match.alias, match.canonical, match.certain) == ("p/bernanke", "p/ben-bernanke", True)


def test_a_surname_and_bare_initials_or_no_shared_context_go_to_an_editor():
    seward = [
        person("p/seward", "Seward", sources={"frus1864"}, years={1864}, documents=300),
        person("p/f-w-seward", "F. W. Seward", sources={"frus1864"}, years={1864}, documents=4),
    ]
    (match,) = match_actors(seward)
    assert not match.certain
    elsewhere = [
        person("p/briand", "Briand", bodies={"a"}, years={1919}),
        person("p/aristide-briand", "Aristide Briand", bodies={"b"}, years={1919}),
    ]
    (match,) = match_actors(elsewhere)
    assert not match.certain


def test_different_forenames_several_fits_and_rejected_pairs_are_not_merged():
    bakers = [
        person("p/newton-d-baker", "Newton D. Baker", bodies={"war"}, years={1918}),
        person("p/ray-stannard-baker", "Ray Stannard Baker", bodies={"war"}, years={1918}),
        person("p/baker", "Baker", bodies={"war"}, years={1918}),
    ]
    assert match_actors(bakers) == []  # "Baker" fits both, and both share its context
    pair = [
        person("p/bernanke", "Bernanke", bodies={"fomc"}, years={2008}),
        person("p/ben-bernanke", "Ben Bernanke", bodies={"fomc"}, years={2008}),
    ]
    assert match_actors(pair, rejected=[("p/bernanke", "p/ben-bernanke")]) == []


def test_organisations_are_never_merged_with_persons():
    actors = [
        person("p/johnson", "Johnson", bodies={"x"}, years={1919}),
        Actor("o/johnson", "organisation", {"Johnson"}, set(), {"x"}, {1919}),
        Actor("o/johnson-2", "organisation", {"Johnson"}, set(), set(), set()),
    ]
    matches = match_actors(actors)
    assert [(m.alias, m.canonical) for m in matches] == [("o/johnson-2", "o/johnson")]


def minutes(identifier: str, attendee: str, level: str = "public"):
    return make_document(DocumentSpec(identifier, level=level, attendees=(attendee, "Ben Okafor")))


def iris_named(archive: Archive, name: str, level: str = "public") -> set[str]:
    query = (
        "SELECT DISTINCT ?a WHERE { ?a <http://www.w3.org/2000/01/rdf-schema#label>|"
        f"<http://www.w3.org/2004/02/skos/core#altLabel> {Literal(name).n3()} }}"
    )
    return {str(r["a"]) for r in archive.store(level).select(query)}


def test_the_archive_merges_a_surname_into_the_full_name_and_the_merge_survives_reingest(archive):
    with archive.writer("editor") as writer:
        writer.put(minutes("MIN-1", "Ana Rivera"))
        writer.put(minutes("MIN-2", "Rivera"))
    assert len(iris_named(archive, "Rivera") | iris_named(archive, "Ana Rivera")) == 2
    report = resolve_actors(archive, "resolver")
    assert report.merged == 1
    ana = str(person_iri("Ana Rivera"))
    assert iris_named(archive, "Rivera") == iris_named(archive, "Ana Rivera") == {ana}
    store = archive.store("public")
    assert (URIRef(ana), SKOS.altLabel, Literal("Rivera")) in set(
        store.triples(archive.entity_graph_iri(ana))
    )
    assert archive.entity_graph_iri(str(person_iri("Rivera"))) not in store.graph_iris()
    # reading MIN-2 again mints "Rivera" again; the writer maps it to Ana Rivera
    changed = minutes("MIN-2", "Rivera")
    changed.graph.add((person_iri("Rivera"), PREC.alias, Literal("Cllr Rivera")))
    changed.content_hash = fixtures.content_hash(changed.graph)
    with archive.writer("editor") as writer:
        assert writer.put(changed).status == "stored"
    assert iris_named(archive, "Rivera") == {ana}
    assert archive.check().ok


def test_an_editor_split_keeps_two_actors_apart_from_then_on(archive):
    with archive.writer("editor") as writer:
        writer.put(minutes("MIN-1", "Ana Rivera"))
        writer.put(minutes("MIN-2", "Rivera"))
    resolve_actors(archive, "resolver")
    rivera, ana = str(person_iri("Rivera")), str(person_iri("Ana Rivera"))
    with archive.writer("editor") as writer:
        to_read_again = writer.decide_actors(rivera, ana, "rejected")
    assert to_read_again == ["MIN-1", "MIN-2"]
    with archive.writer("editor") as writer:  # reading the documents again, as the split asks
        writer.put(minutes("MIN-1", "Ana Rivera", level="internal"))
        writer.put(minutes("MIN-2", "Rivera", level="internal"))
    resolve_actors(archive, "resolver")  # finds the pair again, and leaves it as the editor decided
    assert iris_named(archive, "Rivera", "internal") == {rivera}
    assert iris_named(archive, "Ana Rivera", "internal") == {ana}
    assert archive.ledger.actor_merge(rivera).status == "rejected"


def test_an_uncertain_pair_waits_for_an_editor_who_can_merge_it(archive):
    with archive.writer("editor") as writer:
        writer.put(minutes("MIN-1", "Ana Rivera"))
        writer.put(
            make_document(
                DocumentSpec("MIN-2", body="Harbour Board", date="1990-01-01", attendees=("Rivera",))
            )
        )
    report = resolve_actors(archive, "resolver")
    assert (report.merged, report.proposed) == (0, 1)
    (proposed,) = archive.ledger.actor_merges("proposed")
    assert proposed.alias == str(person_iri("Rivera"))
    with archive.writer("editor") as writer:
        writer.decide_actors(proposed.alias, proposed.canonical, "merged")
    assert iris_named(archive, "Rivera") == {str(person_iri("Ana Rivera"))}
    assert archive.check().ok


@pytest.mark.slow
def test_on_the_1864_volume_seward_is_one_person_and_no_heading_is_a_person(tmp_path):
    volume = fixtures.shared_data_dir() / "frus" / "frus1864p4.xml"
    if not volume.is_file():
        pytest.skip("the shared FRUS data is not here")
    data = tmp_path / "data"
    result = CliRunner().invoke(main, ["--data", str(data), "ingest", str(volume)])
    assert result.exit_code == 0, result.output
    with Archive.open(fixtures.make_config(Path(data))) as opened:
        store = opened.store("public")
        labels = {
            str(r["l"])
            for r in store.select(
                f"SELECT ?l WHERE {{ ?p a <{PREC.Person}> ; <{RDFS.label}>|<{SKOS.altLabel}> ?l }}"
            )
        }
        assert not [label for label in labels if " to Mr." in label or " to " in label]
        assert iris_named(opened, "Seward") and iris_named(opened, "Seward") == (
            iris_named(opened, "Seward") | iris_named(opened, "Seward Mr.")
        )
        assert "Seward Mr." not in labels


def test_editors_merge_a_proposed_pair_on_the_web_and_never_see_a_pair_above_their_level(tmp_path):
    from tests.conftest_web import PASSWORD, csrf_from, login
    from webui import create_app

    archive = Archive.open(fixtures.make_config(tmp_path / "data"))
    with archive.writer("editor") as writer:
        writer.put(minutes("MIN-1", "Ana Rivera"))
        writer.put(
            make_document(
                DocumentSpec("MIN-2", body="Harbour Board", date="1990-01-01", attendees=("Rivera",))
            )
        )
        writer.put(make_document(DocumentSpec("SEC-1", level="restricted", attendees=("Zed Quill",))))
        writer.put(
            make_document(
                DocumentSpec(
                    "SEC-2", level="restricted", body="Harbour Board", date="1990-01-01", attendees=("Quill",)
                )
            )
        )
    resolve_actors(archive, "resolver")
    assert len(archive.ledger.actor_merges("proposed")) == 2
    app = create_app(archive, {"TESTING": True, "SECRET_KEY": "actor-review-tests-0123456789abcdef"})
    app.extensions["precedent.accounts"].add_user("pub", PASSWORD, "editor", "public")
    client = app.test_client()
    login(client, "pub")
    page = client.get("/review/actors").get_data(as_text=True)
    assert "Ana Rivera" in page and "Quill" not in page
    token = csrf_from(page)
    hidden = client.post(
        "/review/actors/decide",
        data={"alias": str(person_iri("Quill")), "action": "merge", "csrf_token": token},
        follow_redirects=True,
    ).get_data(as_text=True)
    assert "There is no such pair" in hidden and "Quill" not in hidden
    assert archive.ledger.actor_merge(str(person_iri("Quill"))).status == "proposed"
    client.post(
        "/review/actors/decide",
        data={"alias": str(person_iri("Rivera")), "action": "merge", "csrf_token": token},
    )
    assert archive.ledger.actor_merge(str(person_iri("Rivera"))).status == "merged"
    assert iris_named(archive, "Rivera") == {str(person_iri("Ana Rivera"))}
    archive.close()
