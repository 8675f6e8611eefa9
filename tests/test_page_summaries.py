"""Page summaries: the rows a body's or an administration's page reads, kept by the writer with the
entity's graphs at each level (``archive.summaries``), exact after every kind of write.

Each test compares the summary with what the engine gives for the same named query on the same
level's store (the rows the page read before summaries), on a real embedded archive.
"""

from __future__ import annotations

import datetime as dt

import pytest
from rdflib import RDF, RDFS, Literal, URIRef

from archive import Archive, briefing, pages, subjects, summaries
from ontology import PREC
from tests import archive_fixtures as fixtures
from tests.archive_fixtures import DecisionSpec, DocumentSpec, make_document

BODY = fixtures.MINTER.entity("organisation", "Transport Committee")
TERM = fixtures.MINTER.entity("administration", "Rivera administration 2018-2022")
AS_OF = dt.date(2030, 1, 1)


@pytest.fixture
def archive(tmp_path):
    opened = Archive.open(fixtures.make_config(tmp_path / "data"))
    yield opened
    opened.close()


def minutes(identifier: str, level: str = "public", date: str = "2020-03-14", **kwargs):
    """A body's minutes whose decisions fall in one administration's term."""
    decisions = kwargs.pop("decisions", None) or [
        DecisionSpec(f"Decision {n} of {identifier}", f"Text {n}.", options=("Tram", "Bus")) for n in (1, 2)
    ]
    document = make_document(
        DocumentSpec(identifier=identifier, level=level, date=date, decisions=decisions, **kwargs)
    )
    term = URIRef(TERM)
    document.graph.add((term, RDF.type, PREC.Administration))
    document.graph.add((term, RDFS.label, Literal("Rivera administration 2018-2022")))
    for n in range(1, len(decisions) + 1):
        document.graph.add((fixtures.decision_iri(identifier, n), PREC.duringAdministration, term))
    document.content_hash = fixtures.content_hash(document.graph)
    return document


def engine_rows(archive: Archive, level: str, kind: str, iri: str) -> dict[str, list[dict[str, str | None]]]:
    """What each summarised query gives on the level's store now, as the summary keeps it."""
    store = archive.store(level)
    return summaries.compute(store, iri, subjects.SUMMARISED[kind])


def kept(archive: Archive, level: str, kind: str, iri: str) -> dict[str, list[dict[str, str | None]]] | None:
    graph = summaries.graph_of(iri, kind)
    assert graph is not None
    view = archive.view(level)
    found = {name: summaries.rows(view, graph, name) for name in subjects.SUMMARISED[kind]}
    return None if all(rows is None for rows in found.values()) else found  # type: ignore[return-value]


def assert_exact(archive: Archive) -> None:
    """At every level, each summary equals the engine's rows; no summary where the engine finds none."""
    for level in archive.levels:
        for kind, iri in (("organisation", BODY), ("administration", TERM)):
            expected = engine_rows(archive, level, kind, iri)
            if not any(expected.values()):
                assert kept(archive, level, kind, iri) is None, (level, kind)
                continue
            assert kept(archive, level, kind, iri) == expected, (level, kind)


def as_text(rows: list[dict[str, object]]) -> list[tuple[str | None, ...]]:
    """A body's members as the page shows them (who, how often, first and last)."""
    names = ("person", "personLabel", "meetings", "first", "last")
    return [tuple(None if row[n] is None else str(row[n]) for n in names) for row in rows]


def decision_lines(archive: Archive, level: str) -> list[str]:
    return [
        str(row["decision"])
        for row in subjects.rows(archive.view(level), "decision_lines", "organisation", BODY)
    ]


def test_a_summary_holds_exactly_the_rows_the_page_queries_give(archive):
    with archive.writer("editor") as writer:
        writer.put(minutes("MIN-1", attendees=("Ana Rivera", "Ben Okafor")))
        writer.put(minutes("MIN-2", date="2021-05-01", attendees=("Ana Rivera", "Carla Nunes")))
    assert_exact(archive)
    kept_rows = kept(archive, "public", "organisation", BODY)
    assert kept_rows is not None and len(kept_rows["decision_lines"]) == 4
    term_rows = kept(archive, "public", "administration", TERM)
    assert term_rows is not None and len(term_rows["decision_topics"]) == 4
    members = {row["person"]: row for row in kept_rows["members"]}
    ana = members[str(fixtures.person_iri("Ana Rivera"))]
    assert (ana["meetings"], ana["first"], ana["last"]) == ("2", "2020-03-14", "2021-05-01")
    # and what the page shows from it is what the engine's own queries show
    view = archive.view("public")
    assert as_text(subjects.members(view, BODY)) == as_text(pages.run(view, pages.BODY_ATTENDEES, this=BODY))
    summary_pack = briefing.build(view, "organisation", BODY, AS_OF, page=True)
    full_pack = briefing.build(view, "organisation", BODY, AS_OF)
    assert [(d.iri, d.title, d.date, d.standing.value) for d in summary_pack.decisions] == [
        (d.iri, d.title, d.date, d.standing.value) for d in full_pack.decisions
    ]


def test_reingest_keeps_the_summary_exact(archive):
    with archive.writer("editor") as writer:
        writer.put(minutes("MIN-1"))
        writer.put(minutes("MIN-2", date="2021-05-01"))
    changed = minutes(
        "MIN-1",
        date="2019-01-10",
        attendees=("Dana Ito",),
        decisions=[DecisionSpec("A different decision", "Other text.")],
    )
    with archive.writer("editor") as writer:
        writer.put(changed)
    assert_exact(archive)
    lines = subjects.rows(archive.view("public"), "decision_lines", "organisation", BODY)
    assert [row["label"] for row in lines] == [
        "A different decision",
        "Decision 1 of MIN-2",
        "Decision 2 of MIN-2",
    ]
    people = {row["personLabel"] for row in subjects.members(archive.view("public"), BODY)}
    assert "Dana Ito" in people


def test_removal_keeps_the_summary_exact_and_drops_it_with_the_last_document(archive):
    with archive.writer("editor") as writer:
        writer.put(minutes("MIN-1"))
        writer.put(minutes("MIN-2", date="2021-05-01"))
        writer.remove("MIN-1")
    assert_exact(archive)
    assert len(decision_lines(archive, "public")) == 2
    with archive.writer("editor") as writer:
        writer.remove("MIN-2")
    for level in archive.levels:
        for kind, iri in (("organisation", BODY), ("administration", TERM)):
            assert summaries.graph_of(iri, kind) not in archive.store(level).graph_iris()
    assert archive.check().ok


def test_a_level_change_moves_the_documents_rows_between_the_levels_summaries(archive):
    with archive.writer("editor") as writer:
        writer.put(minutes("MIN-1"))
        writer.put(minutes("MIN-2", date="2021-05-01"))
    assert len(decision_lines(archive, "public")) == 4
    with archive.writer("editor") as writer:
        writer.put(minutes("MIN-2", level="internal", date="2021-05-01"))
    assert_exact(archive)
    assert len(decision_lines(archive, "public")) == 2
    assert len(decision_lines(archive, "internal")) == 4
    with archive.writer("editor") as writer:
        writer.put(minutes("MIN-1", level="restricted"))
        writer.put(minutes("MIN-2", level="restricted", date="2021-05-01"))
    assert_exact(archive)
    assert decision_lines(archive, "internal") == []
    assert summaries.graph_of(BODY, "organisation") not in archive.store("public").graph_iris()


def test_no_summary_counts_or_names_anything_above_its_level(archive, tmp_path):
    """Two levels: the public summary, and the page built from it, know nothing of an internal meeting."""
    from webui import create_app

    secret = "Operation Quillfeather"
    with archive.writer("editor") as writer:
        writer.put(minutes("PUB-1", attendees=("Ana Rivera",)))
        writer.put(
            minutes(
                "INT-1",
                level="internal",
                date="2021-05-01",
                attendees=("Ines Secreta",),
                decisions=[DecisionSpec(secret, "Covert work.", options=("Covert", "Open"))],
            )
        )
    assert_exact(archive)
    public_store = archive.store("public")
    for kind, iri in (("organisation", BODY), ("administration", TERM)):
        graph = summaries.graph_of(iri, kind)
        text = " ".join(str(o) for _, _, o in public_store.triples(graph))
        assert text and secret not in text and "INT-1" not in text and "Ines-Secreta" not in text
        internal = " ".join(str(o) for _, _, o in archive.store("internal").triples(graph))
        assert secret in internal and ("Ines-Secreta" in internal) == (kind == "organisation")
    public_pack = briefing.build(archive.view("public"), "organisation", BODY, AS_OF, page=True)
    internal_pack = briefing.build(archive.view("internal"), "organisation", BODY, AS_OF, page=True)
    assert len(public_pack.decisions) == 2 and len(internal_pack.decisions) == 3
    public_decisions = {str(fixtures.decision_iri("PUB-1", n)) for n in (1, 2)}
    assert public_pack.rejected and {o.decision.iri for o in public_pack.rejected} <= public_decisions
    assert str(fixtures.decision_iri("INT-1", 1)) in {o.decision.iri for o in internal_pack.rejected}
    client = create_app(
        archive, {"TESTING": True, "SECRET_KEY": "page-summaries-0123456789abcdef"}
    ).test_client()
    for path in (
        "/id/organisation/Transport-Committee",
        "/id/administration/Rivera-administration-2018-2022",
    ):
        page = client.get(path).get_data(as_text=True)
        assert "Decision 1 of PUB-1" in page, path
        assert secret not in page and "Ines Secreta" not in page and "INT-1" not in page, path


def test_a_page_reads_the_same_from_its_summary_as_from_the_engine(archive):
    """The body and administration pages' HTML with their summaries and with the summaries dropped."""
    from webui import create_app

    with archive.writer("editor") as writer:
        for n, date in enumerate(("2019-02-01", "2020-03-14", "2021-05-01", "2021-05-01")):
            writer.put(minutes(f"MIN-{n}", date=date, attendees=("Ana Rivera", f"Member {n}")))
    client = create_app(
        archive, {"TESTING": True, "SECRET_KEY": "page-summaries-0123456789abcdef"}
    ).test_client()
    paths = [
        "/id/organisation/Transport-Committee",
        "/id/organisation/Transport-Committee?as_of=2020-06-01",
        "/id/administration/Rivera-administration-2018-2022",
    ]
    with_summaries = [client.get(path).get_data(as_text=True) for path in paths]
    assert "Member 3" in with_summaries[0]
    for level in archive.levels:
        archive.store(level).drop_graphs(
            [summaries.graph_of(BODY, "organisation"), summaries.graph_of(TERM, "administration")]
        )
    assert kept(archive, "public", "organisation", BODY) is None
    assert [client.get(path).get_data(as_text=True) for path in paths] == with_summaries


def test_an_administrations_decisions_by_topic_are_listed_a_page_at_a_time(archive, monkeypatch):
    """A long term lists one page of its decisions by topic, says how many there are in all, and
    ``?by_topic_page=N`` lists the rest (an administration at 3,000 generated documents listed ~1,000)."""
    from webui import create_app, subject_pages

    monkeypatch.setattr(subject_pages, "PAGE_SIZE", 3)
    with archive.writer("editor") as writer:
        for n, date in enumerate(("2019-02-01", "2020-03-14", "2021-05-01", "2022-01-20")):
            writer.put(minutes(f"MIN-{n}", date=date))
    client = create_app(
        archive, {"TESTING": True, "SECRET_KEY": "page-summaries-0123456789abcdef"}
    ).test_client()
    path = "/id/administration/Rivera-administration-2018-2022"

    def by_topic(page: str) -> str:
        return page.split('id="by-topic-heading"')[1].split("</section>")[0]

    first = by_topic(client.get(path).get_data(as_text=True))
    assert "3 of 8 decisions by topic shown (page 1 of 3)" in first
    assert f'<a href="{path}?by_topic_page=2" rel="next">next</a>' in first
    assert "Decision 1 of MIN-0" in first and "Decision 1 of MIN-3" not in first
    last = by_topic(client.get(f"{path}?by_topic_page=3").get_data(as_text=True))
    assert "2 of 8 decisions by topic shown (page 3 of 3)" in last and 'rel="prev">previous</a>' in last
    assert "Decision 2 of MIN-3" in last and "Decision 1 of MIN-0" not in last
    assert client.get(f"{path}?by_topic_page=x").status_code == 200
    rejected = (
        client.get(path).get_data(as_text=True).split('id="rejected-heading"')[1].split("</section>")[0]
    )
    assert "3 of 16 rejected options shown (page 1 of 6)" in rejected
    assert f'<a href="{path}?rejected_page=2" rel="next">older</a>' in rejected


def test_taken_up_compares_only_options_naming_a_rare_enough_word_and_finds_the_same():
    """``_sharing_two_thirds`` (candidates by the rarest words) against every chosen option counted."""
    import random

    from archive.briefing import _sharing_two_thirds

    rng = random.Random(12)
    vocabulary = [f"w{n}" for n in range(12)]
    chosen = [(None, set(rng.sample(vocabulary, rng.randint(1, 6)))) for _ in range(300)]
    sharing: dict[str, list[int]] = {}
    for index, (_, words) in enumerate(chosen):
        for word in words:
            sharing.setdefault(word, []).append(index)
    for _ in range(500):
        words = set(rng.sample(vocabulary, rng.randint(0, 7)))
        every = [
            i
            for i, (_, named) in enumerate(chosen)
            if len(words) >= 2 and len(words & named) * 3 >= len(words) * 2
        ]
        assert _sharing_two_thirds(words, chosen, sharing) == every  # type: ignore[arg-type]
