"""The decision page's one query of a decision's neighbourhood gives every section exactly the rows, in
the same order, that the page's former named queries give (``webui.decision_page``), at every level."""

from __future__ import annotations

from typing import Any

import pytest
from rdflib import Literal

from archive import pages
from webui.decision_page import Neighbourhood, order

pytest_plugins = ["tests.conftest_web"]

ALL_DECISIONS = pages.PREFIXES + "SELECT DISTINCT ?d WHERE { ?d a prec:Decision } ORDER BY ?d"

#: Each section of ``Neighbourhood`` and the named query whose rows it must give.
SECTIONS = {
    "topics": pages.TOPICS,
    "options": pages.DECISION_OPTIONS,
    "votes": pages.DECISION_VOTE,
    "outcomes": pages.DECISION_OUTCOMES,
    "commitments": pages.DECISION_COMMITMENTS,
    "links": pages.DECISION_LINKS,
    "passages": pages.SOURCE_PASSAGES,
}


def shown(value: Any) -> str | None:
    """A term as a page prints it (a boolean as SPARQL writes it)."""
    if value is None:
        return None
    return str(value).lower() if isinstance(value, bool) else str(value)


def as_shown(rows: list[dict[str, Any]], names: list[str]) -> list[dict[str, str | None]]:
    return [{name: shown(row.get(name)) for name in names} for row in rows]


def decisions(web_archive, level: str) -> list[str]:  # type: ignore[no-untyped-def]
    return [str(row["d"]) for row in web_archive.view(level).select(ALL_DECISIONS)]


def assert_sections_match(view, iris: list[str]) -> dict[str, int]:  # type: ignore[no-untyped-def]
    """Every decision's sections against the named queries' rows; how many rows each section compared."""
    compared = {name: 0 for name in SECTIONS}
    for iri in iris:
        found = Neighbourhood(view, iri)
        assert found.found
        expected_summary = pages.run(view, pages.DECISION, this=iri)[0]
        names = list(expected_summary)
        assert as_shown([found.summary()], names) == as_shown([expected_summary], names)
        expected_context = pages.run(view, pages.DECISION_CONTEXT, this=iri)[0]
        names = list(expected_context)
        assert as_shown([found.context()], names) == as_shown([expected_context], names)
        for part in ("body", "meeting", "administration"):
            iri_of_part = expected_context.get(part)
            if iri_of_part is not None:
                labels = pages.run(view, pages.LABELS, this=iri_of_part)
                assert found.label(str(iri_of_part)) == (str(labels[0]["label"]) if labels else None)
        for section, query in SECTIONS.items():
            rows = getattr(found, section)()
            expected = pages.run(view, query, this=iri)
            names = [name for name in pages.projected(query) if name != "this"]
            assert as_shown(rows, names) == as_shown(expected, names), (iri, section)
            compared[section] += len(expected)
    return compared


@pytest.mark.parametrize("level", ["public", "restricted"])
def test_every_section_has_the_named_querys_rows_in_its_order(web_archive, level):
    iris = decisions(web_archive, level)
    assert len(iris) >= 10
    compared = assert_sections_match(web_archive.view(level), iris)
    # the sample minutes exercise every section
    assert all(compared.values()), compared


def test_typed_values_stay_rdflib_literals_and_text_is_plain(web_archive):
    view = web_archive.view("public")
    rows = pages.run_plain(view, pages.DECISION_NEIGHBOURHOOD, this=decisions(web_archive, "public")[0])
    assert rows and all(type(row["s"]) is str and type(row["p"]) is str for row in rows)
    dates = [row["o"] for row in rows if row["p"].endswith("#date")]
    assert dates and all(isinstance(d, Literal) and d.datatype is not None for d in dates)


def test_a_restricted_decision_has_no_neighbourhood_at_public(web_archive):
    restricted_only = set(decisions(web_archive, "restricted")) - set(decisions(web_archive, "public"))
    assert restricted_only
    for iri in restricted_only:
        found = Neighbourhood(web_archive.view("public"), iri)
        assert not found.found and found.summary() == {} and found.options() == []


def test_sparql_order_puts_unbound_first_and_numbers_by_value():
    values = [Literal(10), None, "b", Literal(9), "a"]
    assert sorted(values, key=order) == [None, Literal(9), Literal(10), "a", "b"]
    assert sorted([True, False], key=order) == [False, True]
