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
    }


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
