"""Nothing above a user's clearance leaks through any route, and the usual web protections are on."""

from __future__ import annotations

from urllib.parse import quote

import pytest

from tests.conftest_web import RESTRICTED_DECISION, RESTRICTED_ID, SECRET_WORD, login

pytest_plugins = ["tests.conftest_web"]

DECISION_PATH = "/id/decision/" + RESTRICTED_DECISION.replace("/", "~")
GRAPH_IRI = "https://archive.example.org/id/graph/" + RESTRICTED_ID
PUBLIC_CITED = "/id/decision/AFA-BRD-2016-02~D1"


def _anonymous_responses(client) -> dict[str, str]:
    q = quote
    urls = {
        "search": f"/search?q={SECRET_WORD}",
        "api": f"/api/search?q={SECRET_WORD}",
        "browse facets": "/api/search?q=&per_page=100",
        "entity": DECISION_PATH,
        "entity turtle": DECISION_PATH + "?format=ttl",
        "record": f"/id/record/{RESTRICTED_ID}",
        "cited decision": PUBLIC_CITED,
        "cited decision rdf": PUBLIC_CITED + "?format=nt",
        "sparql graph ?g": "/sparql?query=" + q("SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }") + "&format=csv",
        "sparql text": "/sparql?query="
        + q(f'SELECT ?s WHERE {{ ?s ?p ?o FILTER(CONTAINS(STR(?o), "{SECRET_WORD}")) }}'),
        "workbench": "/sparql?query=" + q("SELECT * WHERE { ?s ?p ?o } LIMIT 5000"),
        "healthz": "/healthz",
    }
    return {
        name: client.get(
            url,
            headers={"Accept": "text/html"} if name in ("search", "entity", "record", "workbench") else {},
        )
        for name, url in urls.items()
    }


#: Strings only the restricted document contains (the searched word itself is echoed back, so not that).
LEAKS = (
    RESTRICTED_ID,
    f"Covert {SECRET_WORD}",
    f"Directorate of {SECRET_WORD}",
    f"{SECRET_WORD} Oversight",
    f"Ingrid {SECRET_WORD}",
    "covert " + SECRET_WORD,
    "implemented by",
)


def test_anonymous_user_cannot_see_a_restricted_decision_anywhere(client):
    responses = _anonymous_responses(client)
    for name, response in responses.items():
        body = response.get_data(as_text=True)
        for leak in LEAKS:
            assert leak not in body, (name, leak)
    assert responses["api"].get_json()["total"] == 0
    assert SECRET_WORD not in responses["browse facets"].get_data(as_text=True)
    assert SECRET_WORD not in responses["sparql graph ?g"].get_data(as_text=True)


def test_restricted_entity_is_the_same_404_as_a_missing_one(client):
    hidden = client.get(DECISION_PATH)
    missing = client.get("/id/decision/NO-SUCH-1~D1")
    assert hidden.status_code == missing.status_code == 404
    assert hidden.get_data(as_text=True) == missing.get_data(as_text=True)
    assert client.get(DECISION_PATH, headers={"Accept": "text/turtle"}).status_code == 404


def test_sparql_naming_a_restricted_graph_answers_as_if_it_did_not_exist(client):
    missing_iri = GRAPH_IRI + "-no-such-graph"
    for query in (
        "SELECT * FROM <{g}> WHERE {{ ?s ?p ?o }}",
        "SELECT * WHERE {{ GRAPH <{g}> {{ ?s ?p ?o }} }}",
    ):
        hidden = client.get(
            "/sparql?query=" + quote(query.format(g=GRAPH_IRI)), headers={"Accept": "text/csv"}
        )
        missing = client.get(
            "/sparql?query=" + quote(query.format(g=missing_iri)), headers={"Accept": "text/csv"}
        )
        assert hidden.status_code == missing.status_code == 200
        assert hidden.get_data() == missing.get_data()
        assert len(hidden.get_data().splitlines()) == 1  # the header row only
    response = client.get(
        "/sparql?query=" + quote("ASK { ?s ?p ?o }") + "&default-graph-uri=" + quote(GRAPH_IRI),
        headers={"Accept": "application/sparql-results+json"},
    )
    assert response.status_code == 200 and response.get_json()["boolean"] is False


def test_healthz_counts_only_levels_the_caller_may_see(client, app):
    anonymous = client.get("/healthz").get_json()
    assert list(anonymous["levels"]) == ["public"]
    login(client, "rita")
    cleared = client.get("/healthz").get_json()
    assert set(cleared["levels"]) == {"public", "internal", "restricted"}
    assert (
        cleared["levels"]["restricted"]["counts"]["documents"]
        > anonymous["levels"]["public"]["counts"]["documents"]
    )


def test_a_cleared_reader_sees_the_restricted_decision_and_its_link(client):
    login(client, "rita")
    page = client.get(DECISION_PATH).get_data(as_text=True)
    assert SECRET_WORD in page and "implements" in page
    assert "implemented by" in client.get(PUBLIC_CITED).get_data(as_text=True)
    assert client.get(f"/api/search?q={SECRET_WORD}").get_json()["total"] >= 1
    assert client.get("/api/search?q=", headers={}).get_json()["total"] > 0


def test_internal_reader_does_not_see_restricted(client):
    login(client, "ivy")
    assert client.get(DECISION_PATH).status_code == 404
    assert client.get(f"/api/search?q={SECRET_WORD}").get_json()["total"] == 0


def test_responses_are_private_and_hardened(client):
    response = client.get("/")
    assert response.headers["Cache-Control"] == "private, no-store"
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    login(client, "rita")
    assert client.get(DECISION_PATH).headers["Cache-Control"] == "private, no-store"


def test_session_cookie_is_httponly_and_samesite(client):
    page = client.get("/login")
    cookie = page.headers.get("Set-Cookie", "")
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_wrong_password_and_unknown_name_look_the_same(client):
    from tests.conftest_web import csrf_from

    token = csrf_from(client.get("/login").get_data(as_text=True))
    wrong = client.post("/login", data={"name": "rita", "password": "nope-nope", "csrf_token": token})
    unknown = client.post("/login", data={"name": "nobody", "password": "nope-nope", "csrf_token": token})
    assert wrong.status_code == unknown.status_code == 401
    assert "do not match" in wrong.get_data(as_text=True)


def test_forms_without_csrf_token_are_refused(client):
    response = client.post("/login", data={"name": "rita", "password": "correct horse battery"})
    assert response.status_code == 400 and "security token" in response.get_data(as_text=True)


def test_open_redirect_after_login_is_ignored(client):
    from tests.conftest_web import PASSWORD, csrf_from

    token = csrf_from(client.get("/login").get_data(as_text=True))
    response = client.post(
        "/login", data={"name": "rita", "password": PASSWORD, "csrf_token": token, "next": "//evil.example/"}
    )
    assert response.status_code == 302 and response.headers["Location"] in ("/", "/search")


def test_secret_key_is_required_outside_testing(web_archive, monkeypatch):
    from webui import create_app

    monkeypatch.delenv("PRECEDENT_SECRET_KEY", raising=False)
    with pytest.raises(RuntimeError, match="PRECEDENT_SECRET_KEY"):
        create_app(web_archive, {})
    app = create_app(web_archive, {"SECRET_KEY": "x" * 40})
    assert app.config["SESSION_COOKIE_SECURE"] is True


def test_accounts_hash_passwords_and_check_roles(tmp_path):
    from archive.accounts import AccountError, Accounts

    accounts = Accounts(tmp_path / "ledger.sqlite", ("public", "internal"))
    accounts.add_user("ana", "long enough pass", "editor", "internal")
    raw = (tmp_path / "ledger.sqlite").read_bytes()
    assert b"long enough pass" not in raw and b"scrypt$" in raw
    assert accounts.verify("ana", "long enough pass").level == "internal"
    assert accounts.verify("ana", "wrong password") is None
    for bad in (
        ("bad name!", "long enough pass", "reader", "public"),
        ("bo", "short", "reader", "public"),
        ("bo", "long enough pass", "king", "public"),
        ("bo", "long enough pass", "reader", "secret"),
    ):
        with pytest.raises(AccountError):
            accounts.add_user(*bad)
