"""Search page and /api/search over the sample minutes: hits, snippets, facets, dates, sort, pages, errors."""

from __future__ import annotations

pytest_plugins = ["tests.conftest_web"]


def test_api_search_finds_decisions_with_highlighted_snippets(client):
    data = client.get("/api/search?q=catch").get_json()
    assert data["query"] == "catch" and data["total"] >= 1
    kinds = {hit["kind"] for hit in data["hits"]}
    assert "decision" in kinds
    hit = next(h for h in data["hits"] if h["kind"] == "decision")
    assert set(hit) >= {"iri", "kind", "title", "date", "document", "snippet", "body"}
    assert hit["iri"].startswith("https://archive.example.org/id/decision/")
    assert "<mark>" in " ".join(h["snippet"] for h in data["hits"])
    assert set(data["facets"]) <= {
        "organisation",
        "actor",
        "topic",
        "administration",
        "year",
        "document_type",
        "outcome_status",
        "standing",
    }
    assert {"explanation", "grouped", "as_of"} <= set(data)
    assert all({"also", "more", "standing"} <= set(h) for h in data["hits"])


def test_facets_combine_and_narrow_the_results(client):
    everything = client.get("/api/search?q=").get_json()
    topics = {f["value"]: f["count"] for f in everything["facets"]["topic"]}
    assert "Fisheries" in topics
    fisheries = client.get("/api/search?facet=topic:Fisheries&per_page=100").get_json()
    assert fisheries["total"] == topics["Fisheries"]
    years = {f["value"] for f in fisheries["facets"]["year"]}
    year = sorted(years)[0]
    both = client.get(f"/api/search?facet=topic:Fisheries&facet=year:{year}&per_page=100").get_json()
    assert 0 < both["total"] <= fisheries["total"]
    assert all(hit["date"] is None or hit["date"].startswith(year) for hit in both["hits"])


def test_search_page_shows_hits_facets_and_toggle_links(client):
    page = client.get("/search?q=catch&facet=topic:Fisheries").get_data(as_text=True)
    assert "result" in page and "<mark>" in page
    assert 'aria-current="true"' in page  # the active facet value
    assert "facet=topic%3AFisheries" in page  # links keep the active facet
    assert 'href="/id/decision/' in page


def test_date_range_and_sort_by_date(client):
    data = client.get("/api/search?q=&from=2016&to=2016-12-31&sort=date&per_page=100").get_json()
    dates = [hit["date"] for hit in data["hits"] if hit["date"]]
    assert dates and all(d.startswith("2016") for d in dates)
    assert dates == sorted(dates, reverse=True)


def test_pagination_gives_different_hits(client):
    first = client.get("/api/search?q=&per_page=5&page=1").get_json()
    second = client.get("/api/search?q=&per_page=5&page=2").get_json()
    assert first["total"] > 5
    assert {h["iri"] for h in first["hits"]}.isdisjoint({h["iri"] for h in second["hits"]})
    page = client.get("/search?q=&per_page=5").get_data(as_text=True)
    assert 'rel="next"' in page


def test_no_results_page_offers_suggestions(client):
    response = client.get("/search?q=catch+zzzyxqv")
    text = response.get_data(as_text=True)
    assert response.status_code == 200
    data = client.get("/api/search?q=catch+zzzyxqv").get_json()
    assert data["total"] == 0 or data["relaxed"]
    assert "catch" in data["suggestions"]
    assert "No results" in text or "No record holds every word" in text
    for suggestion in data["suggestions"]:
        assert f">{suggestion}</a>" in text
    nothing = client.get("/search?q=zzzyxqv").get_data(as_text=True)
    assert "No results" in nothing and "Nothing matches" in nothing


def test_bad_parameters_are_refused_naming_the_parameter(client):
    for query, name in [
        ("facet=colour:red", "facet"),
        ("page=0", "page"),
        ("page=abc", "page"),
        ("sort=random", "sort"),
        ("from=yesterday", "from"),
        ("kind=planet", "kind"),
        ("as_of=2017", "as_of"),
        ("standing=repealed", "standing"),
        ("group=2", "group"),
    ]:
        api = client.get(f"/api/search?q=x&{query}")
        assert api.status_code == 400, query
        assert f"parameter {name!r}" in api.get_json()["message"]
        html = client.get(f"/search?q=x&{query}")
        assert html.status_code == 400 and f"parameter &#39;{name}&#39;" in html.get_data(as_text=True)


def test_snippet_html_other_than_mark_is_neutralised(app):
    from webui import safe_snippet

    assert (
        str(safe_snippet("a <mark>b</mark> <script>x</script>"))
        == "a <mark>b</mark> &lt;script>x&lt;/script>"
    )


def test_a_question_is_explained_and_grouped_one_document_per_place(client):
    data = client.get(
        "/api/search?q=What+did+the+fisheries+board+decide+about+the+cod+catch+in+2016%3F"
    ).get_json()
    assert data["grouped"]
    documents = [hit["document"] for hit in data["hits"]]
    assert len(documents) == len(set(documents))
    assert documents[0] == "AFA-BRD-2016-02"
    assert "2016 → 2016-01-01..2016-12-31" in data["explanation"]
    assert "decide → prefer decisions" in data["explanation"]
    top = data["hits"][0]
    assert top["kind"] == "decision" and all(other["document"] == "AFA-BRD-2016-02" for other in top["also"])
    more = client.get("/api/search?q=cod+catch&document=AFA-BRD-2016-02&per_page=50").get_json()
    assert not more["grouped"] and {h["document"] for h in more["hits"]} == {"AFA-BRD-2016-02"}
    page = client.get("/search?q=What+did+the+fisheries+board+decide+about+the+cod+catch+in+2016%3F")
    text = page.get_data(as_text=True)
    assert "Read as:" in text and "prefer decisions" in text


def test_every_word_of_a_record_is_searchable_and_snippets_carry_no_markup(client):
    # "freezing plant" is in the discussion only, not in any decision, option or fact.
    data = client.get("/api/search?q=freezing+plant&group=0&per_page=50").get_json()
    assert "AFA-BRD-2014-02" in {hit["document"] for hit in data["hits"]}
    snippets = " ".join(hit["snippet"] for hit in data["hits"])
    assert "<mark>freezing</mark>" in snippets
    everything = client.get("/api/search?q=Northern+Banks+cod&group=0&per_page=100").get_json()
    for hit in everything["hits"]:
        for markup in ("###", "identifier:", "\\n", "\\u00a0", "access_level"):
            assert markup not in hit["snippet"], (hit["iri"], hit["snippet"])


def test_standing_as_of_a_date_filters_and_counts_decisions(client):
    def ask(as_of: str, standing: str = "") -> dict:
        query = f"/api/search?q=&facet=topic:Fisheries&kind=decision&as_of={as_of}&per_page=100"
        return client.get(query + (f"&standing={standing}" if standing else "")).get_json()

    d2014, d2016, d2019 = (
        f"https://archive.example.org/id/decision/{i}"
        for i in ("AFA-BRD-2014-02~D1", "AFA-BRD-2016-02~D1", "AFA-BRD-2019-03~D1")
    )
    in_2017 = {h["iri"]: h["standing"] for h in ask("2017-01-01")["hits"]}
    assert in_2017[d2014] == "superseded" and in_2017[d2016] == "in force" and in_2017[d2019] == "pending"
    assert ask("2017-01-01")["as_of"] == "2017-01-01"
    in_force_2017 = {h["iri"] for h in ask("2017-01-01", "in force")["hits"]}
    assert d2016 in in_force_2017 and d2014 not in in_force_2017
    in_force_2020 = {h["iri"] for h in ask("2020-01-01", "in force")["hits"]}
    assert d2019 in in_force_2020 and d2016 not in in_force_2020
    counts = {f["value"]: f["count"] for f in ask("2020-01-01")["facets"]["standing"]}
    assert counts["superseded"] >= 2 and counts["in force"] >= 1
    page = client.get("/search?q=&facet=topic:Fisheries&kind=decision&as_of=2017-01-01").get_data(
        as_text=True
    )
    assert "Standing on 2017-01-01" in page and "superseded on 2017-01-01" in page


def test_query_strings_are_what_urlencode_gives_for_the_changed_state():
    from urllib.parse import parse_qsl, urlencode

    from werkzeug.datastructures import MultiDict

    from webui.search import parse

    args = MultiDict(
        [
            ("q", "water & ‘rights’ 100%"),
            ("facet", "topic:Water supply"),
            ("facet", "actor:Ana María=López"),
            ("kind", "decision"),
            ("from", "2014"),
            ("sort", "date"),
            ("page", "3"),
            ("group", "0"),
            ("as_of", "2017-01-01"),
            ("standing", "in force"),
        ]
    )
    params = parse(args, 20)
    changes = [
        {},
        {"page": 1},
        {"page": 4},
        {"facets": [("topic", "Water supply")], "page": 1},
        {"facets": [], "page": 1},
        {"document": "doc 7/a", "page": 1},
        {"q": "a+b", "page": 1},
        {"standing": [], "page": 1},
        {"standing": ["in force", "lapsed"], "page": 1},
    ]
    for change in changes:
        state = {
            "q": params.text,
            "facet": [f"{n}:{v}" for n, v in change.get("facets", params.facets)],
            "kind": params.kinds,
            "from": params.date_from,
            "to": params.date_to,
            "sort": params.sort,
            "page": change.get("page", params.page),
            "group": "0",
            "document": change.get("document", params.document),
            "as_of": params.as_of,
            "standing": change.get("standing", params.standing),
        }
        state["q"] = change.get("q", state["q"])
        expected = urlencode(
            [
                (k, v)
                for k, values in state.items()
                for v in (values if isinstance(values, list) else [values])
                if v not in (None, "") and not (k == "page" and v == 1)
            ]
        )
        assert params.query_string(**change) == expected
    assert ("facet", "actor:Ana María=López") in parse_qsl(params.toggle("topic", "Water supply"))
    assert ("facet", "topic:Water supply") not in parse_qsl(params.toggle("topic", "Water supply"))
    # A facet link is the same state with that facet switched, back on page 1, however it is built.
    for pair in [("topic", "Water supply"), ("topic", "Ports & <harbours>"), ("year", "2014")]:
        switched = (
            [f for f in params.facets if f != pair] if pair in params.facets else params.facets + [pair]
        )
        assert params.toggle(*pair) == params.query_string(facets=switched, page=1)
    plain = parse(MultiDict([("q", "levy")]), 20)
    assert plain.toggle("topic", "Water") == plain.query_string(facets=[("topic", "Water")], page=1)
    assert parse(MultiDict([]), 20).toggle("year", "2014") == "facet=year%3A2014"


def test_markup_built_in_python_escapes_as_the_templates_do():
    from markupsafe import escape

    from webui.search import _text

    for value in ["plain", "Ports & <harbours>", 'O\'Connor said "no"', "&amp; already", "", "‘x’ > y"]:
        assert _text(value) == str(escape(value))
