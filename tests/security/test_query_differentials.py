"""The checker reads what the engine runs: escapes, comments, strings and IRIs that parsers read
differently can neither hide a SERVICE from the checker nor turn bad text into a server error."""

from __future__ import annotations

import json

import pyoxigraph as ox
import pytest
from rdflib import Graph

from archive.errors import QueryRefused, QuerySyntaxError
from archive.query_guard import check_query
from archive.query_text import canonical_text
from tests.security.live import Browser, Listener

pytestmark = pytest.mark.slow  # live servers and processes; still run in CI

#: SERVICE hidden in ways one parser or another reads as a comment or a string. ``{url}`` is a listener,
#: ``{g}`` a graph pattern.
SERVICE_ATTACKS = {
    # the reported bypass: rdflib expands \u000A inside a comment, Oxigraph does not
    "escape in comment opens a string": (
        'SELECT * WHERE { # \\u000A BIND("""\nSERVICE <{url}> {g}\n# """ AS ?x)\n}'
    ),
    "\\U form in comment": 'SELECT * WHERE { # \\U0000000A BIND("""\nSERVICE <{url}> {g}\n# """ AS ?x)\n}',
    # rdflib ends a comment at LF only, Oxigraph (and the spec) at CR too
    "CR ends a comment": "SELECT * WHERE { ?s ?p ?o # note\rSERVICE <{url}> {g}\n}",
    "escaped CR in comment": "SELECT * WHERE { ?s ?p ?o # note \\u000D SERVICE <{url}> { ?a ?b ?c }\n}",
    "keyword spelt with an escape": "SELECT * WHERE { SERV\\u0049CE <{url}> {g} }",
    "keyword spelt with \\U": "SELECT * WHERE { \\U00000053ERVICE <{url}> {g} }",
    "lower case": "select * where { service <{url}> {g} }",
    "SERVICE SILENT": "SELECT * WHERE { SERVICE SILENT <{url}> {g} }",
    "variable endpoint": "SELECT * WHERE { BIND(<{url}> AS ?e) SERVICE ?e {g} }",
    "IRI written with escapes": "SELECT * WHERE { SERVICE <http\\u003A//127.0.0.1\\u003A{port}/sparql> {g} }",
    "in a sub-query": "SELECT * WHERE { { SELECT * WHERE { SERVICE <{url}> {g} } } }",
    "in OPTIONAL after a dot": "SELECT * WHERE { ?s ?p ?o .SERVICE <{url}> {g} }",
    "in an ASK": "ASK { SERVICE <{url}> {g} }",
    "in a CONSTRUCT": "CONSTRUCT { ?s ?p ?o } WHERE { SERVICE <{url}> {g} }",
    "escape that writes a backslash": 'SELECT * WHERE { BIND("\\u005Cu0022" AS ?x) SERVICE <{url}> {g} }',
    "long string closed by an escape": (
        'SELECT * WHERE { BIND("""a\\u0022\\u0022\\u0022 AS ?x) SERVICE <{url}> {g} #""" AS ?y) }'
    ),
    "apostrophe string and escaped quote": "SELECT * WHERE { BIND('it\\'s' AS ?x) SERVICE <{url}> {g} }",
}


def _attack(template: str, listener: Listener) -> str:
    return (
        template.replace("{url}", listener.url)
        .replace("{port}", str(listener.port))
        .replace("{g}", "{ ?s ?p ?o }")
    )


@pytest.fixture()
def listener():
    target = Listener()
    yield target
    target.close()


@pytest.mark.parametrize("name", sorted(SERVICE_ATTACKS))
def test_service_in_any_disguise_never_reaches_its_target_through_the_live_server(server, listener, name):
    query = _attack(SERVICE_ATTACKS[name], listener)
    answer = Browser().sparql(server, query)
    assert answer.status != 500, answer.text
    if answer.status == 200:  # accepted only when every reading says the SERVICE is inside a string
        assert listener.url not in json.dumps(json.loads(answer.body)["head"])
    else:
        assert answer.status == 400 and answer.text.strip(), answer.text
    assert listener.connections == 0, f"{name}: the SERVICE target was called"


def test_the_reported_bypass_becomes_a_plain_string_in_the_text_that_runs():
    query = 'SELECT * WHERE { # \\u000A BIND("""\nSERVICE <http://127.0.0.1:9/> { ?s ?p ?o }\n# """ AS ?x)\n}'
    checked = check_query(query)
    assert "#" not in checked.text.split('"')[0]  # the comment is gone
    assert "\\u" not in checked.text  # no escape is left for any parser to expand
    solutions = list(ox.Store().query(checked.text))
    assert solutions[0]["x"].value == "\nSERVICE <http://127.0.0.1:9/> { ?s ?p ?o }\n# "


@pytest.mark.parametrize(
    ("query", "says"),
    [
        ('SELECT * WHERE { BIND("\\U0011FFFF" AS ?x) }', "not a Unicode code point"),
        ('SELECT * WHERE { BIND("\\uD800" AS ?x) }', "surrogate"),
        ('SELECT * WHERE { BIND("\\uD83D\\uDE00" AS ?x) }', "surrogate"),
        ('SELECT * WHERE { BIND("\\U0041" AS ?x) }', "read differently"),
        ('SELECT * WHERE { BIND("\\u005Cu0041" AS ?x) }', "read differently"),
        ('SELECT * WHERE { BIND("\\q" AS ?x) }', "not a string escape"),
        ('SELECT * WHERE { BIND("open AS ?x) }', "not closed"),
        ('SELECT * WHERE { BIND("""open AS ?x) }', "never closed"),
        ("SELECT * WHERE { ?s ?p ?o } \\", "backslash"),
        ("SELECT * FROM <relative> WHERE { ?s ?p ?o }", "absolute IRI"),
    ],
)
def test_escapes_no_parser_can_read_alike_are_refused_with_a_reason(query, says):
    with pytest.raises((QuerySyntaxError, QueryRefused), match=says):
        check_query(query)


#: Text the parsers read alike once rewritten, and the value of ?x the SPARQL specification gives it:
#: rdflib reading the checked text, and Oxigraph running it, must both give that value.
AGREEING = [
    ('SELECT ?x WHERE { BIND("caf\\u00E9" AS ?x) }', "café"),
    ('SELECT ?x WHERE { BIND("\\U0001F600" AS ?x) }', "\U0001f600"),
    ('SELECT ?x WHERE { BIND("\\u00110000" AS ?x) }', "\x110000"),  # \u takes four digits
    ("SELECT ?x WHERE { BIND('''it's \"quoted\"''' AS ?x) }", 'it\'s "quoted"'),
    ('SELECT ?x WHERE { BIND("""two\nlines""" AS ?x) }', "two\nlines"),
    ('SELECT ?x WHERE { BIND("tab\\there" AS ?x) } # comment with "quote and \'apostrophe', "tab\there"),
    ('SELECT ?x WHERE {\r\n # Windows line ends\r\n BIND("# not a comment" AS ?x) }', "# not a comment"),
    ("SELECT ?x WHERE { BIND(<http://example.org/a#b\\u0041> AS ?x) }", "http://example.org/a#bA"),
    ("PREFIX ex: <http://example.org/> SELECT ?x WHERE { BIND(ex:a\\#b AS ?x) }", "http://example.org/a#b"),
    ("PREFIX ex: <http://example.org/> SELECT ?x WHERE { BIND(ex:it\\'s AS ?x) }", "http://example.org/it's"),
    ('SELECT ?x WHERE { BIND("civil service" AS ?x) }', "civil service"),
    ('SELECT ?x WHERE { BIND("a""b" AS ?y) BIND(1 AS ?x) }', None),
    ('SELECT ?x WHERE { BIND("it\'s" AS ?x) }', "it's"),
    ("SELECT ?x WHERE { BIND(1 < 2 AS ?x) }", "true"),
    ('SELECT ?x WHERE { BIND("\\u0023 not a comment" AS ?x) }', "# not a comment"),
]


#: rdflib keeps the backslash of a prefixed name's escape (``ex:a\\#b``): a wrong IRI, not a different
#: structure, so only the engine's value is compared for these.
RDFLIB_MISREADS_NAME_ESCAPES = ("ex:a\\#b", "ex:it\\'s")


@pytest.mark.parametrize(("query", "value"), AGREEING)
def test_checker_and_engine_read_tricky_text_alike(query, value):
    try:
        checked = check_query(query)
    except (QuerySyntaxError, QueryRefused):
        assert value is None  # refused only where the text is not a query
        return
    assert value is not None, checked.text
    engine = [s[0].value for s in ox.Store().query(checked.text)]
    assert engine == [value], checked.text
    if not any(name in query for name in RDFLIB_MISREADS_NAME_ESCAPES):
        assert [str(row[0]) for row in Graph().query(checked.text)] == [value], checked.text


def test_the_rewrite_is_stable_and_keeps_a_variable_called_service():
    text, service = canonical_text("SELECT ?service WHERE { ?service ?p 'x' }")
    assert not service and canonical_text(text) == (text, False)


@pytest.mark.parametrize(
    ("query", "extra"),
    [
        ('SELECT * WHERE { BIND("\\U0011FFFF" AS ?x) }', ""),
        ('SELECT * WHERE { BIND("\\uDFFF" AS ?x) }', ""),
        ("ASK { ?s ?p ?o }", "&default-graph-uri=not%20an%20iri"),
        ("ASK { ?s ?p ?o }", "&named-graph-uri=relative/graph"),
        ("ASK { ?s ?p ?o }", "&default-graph-uri=http://example.org/a%3Eb"),
        ("ASK { ?s ?p ?o }", "&default-graph-uri="),
        ("SELECT * FROM <relative> WHERE { ?s ?p ?o }", ""),
        ("SELECT * WHERE { GRAPH <relative> { ?s ?p ?o } }", ""),
        ("SELECT * WHERE { ?s ?p ?o } LIMIT 99999999999999999999999", ""),
        ("SELECT * WHERE " + "{" * 3000 + "}" * 3000, ""),
        ("SELECT * WHERE { ?s ?p ?o }", "&query=ASK%7B%7D"),
        ("INSERT DATA { <http://a> <http://b> <http://c> }", ""),
        ("LOAD <http://127.0.0.1:9/>", ""),
        ("SELECT * WHERE { ?s ?p ?o }", "&format=exe"),
        ('SELECT * WHERE { ?s ?p "\\u0000" }', ""),
        ("SELECT * WHERE { ?s ?p <http://x/\\u0000> }", ""),
        ("SELECT (<http://x>(1) AS ?x) WHERE {}", ""),
        ("x" * 100_001, ""),
    ],
)
def test_bad_query_text_and_protocol_parameters_are_400_with_a_message(server, query, extra):
    answer = Browser().sparql(server, query, extra=extra)
    assert answer.status in (200, 400), (answer.status, answer.text[:500])
    if answer.status == 400:
        assert len(answer.text.strip()) > 10


@pytest.mark.parametrize(
    "path",
    [
        "/sparql?query=%FF",
        "/sparql?query=%ZZ",
        "/sparql?query=SELECT%20*%20WHERE%20%7B%7D&update=DROP%20ALL",
        "/sparql?query=",
        "/sparql?query=%20",
        "/sparql?default-graph-uri=%C0%AF&query=ASK%7B%7D",
    ],
)
def test_malformed_protocol_requests_are_400(server, path):
    answer = Browser().get(server, path, headers={"Accept": "application/sparql-results+json"})
    assert answer.status == 400 and answer.text.strip(), (answer.status, answer.text[:300])


def test_a_bad_query_is_400_in_the_workbench_too(server):
    answer = Browser().sparql(server, 'SELECT * WHERE { BIND("\\U0011FFFF" AS ?x) }', accept="text/html")
    assert answer.status == 400 and "not a Unicode code point" in answer.text
