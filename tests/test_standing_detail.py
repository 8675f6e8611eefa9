"""``standing_detail`` (pages, briefings): the shared rule's value, and the decision or date behind it."""

from __future__ import annotations

import datetime as dt

import pytest

from archive.standing import Change, as_of_date, standing_detail

D = dt.date.fromisoformat


def test_a_decision_with_no_later_change_is_in_force():
    assert standing_detail(D("2016-02-16"), None, [], D("2017-01-01")).value == "in force"


def test_a_decision_dated_after_the_as_of_date_or_undated_is_pending():
    assert standing_detail(D("2019-03-12"), None, [], D("2017-01-01")).value == "pending"
    assert standing_detail(None, None, [], D("2017-01-01")).value == "pending"


def test_supersession_counts_only_from_the_later_decisions_date_and_names_it():
    later = Change("supersedes", "urn:later", D("2019-03-12"), "AFA-BRD-2019-03/D1")
    assert standing_detail(D("2016-02-16"), None, [later], D("2017-01-01")).value == "in force"
    after = standing_detail(D("2016-02-16"), None, [later], D("2020-01-01"))
    assert (after.value, after.since, after.by) == ("superseded", D("2019-03-12"), later)


def test_reversal_outranks_supersession_which_outranks_lapse():
    changes = [Change("supersedes", "urn:a", D("2019-01-01")), Change("reverses", "urn:b", D("2019-06-01"))]
    assert standing_detail(D("2015-01-01"), None, changes, D("2020-01-01")).by.later == "urn:b"
    lapsing = standing_detail(
        D("2020-01-01"), D("2021-12-31"), [Change("supersedes", "urn:a", D("2023-01-01"))], D("2024-01-01")
    )
    assert lapsing.value == "superseded"
    assert standing_detail(D("2020-01-01"), D("2021-12-31"), [], D("2022-01-01")).since == D("2021-12-31")


def test_an_amended_decision_stays_in_force_and_says_by_what():
    amendment = Change("amends", "urn:a", D("2018-05-22"), "X/D1")
    found = standing_detail(D("2016-01-01"), None, [amendment], D("2019-01-01"))
    assert found.value == "amended" and found.in_force and found.by == amendment


def test_an_undated_later_decision_changes_nothing():
    assert (
        standing_detail(D("2016-01-01"), None, [Change("reverses", "urn:a", None)], D("2030-01-01")).value
        == "in force"
    )


def test_as_of_defaults_to_today_and_refuses_other_text():
    assert as_of_date(None, today=D("2026-01-02")) == D("2026-01-02")
    assert as_of_date("2017-01-01") == D("2017-01-01")
    with pytest.raises(ValueError, match="not a date"):
        as_of_date("1 January 2017")
