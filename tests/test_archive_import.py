"""Raw RDF import: every supported syntax into one named graph, and bad RDF refused whole with line/column."""

from __future__ import annotations

import json

import pytest

from archive import ImportRefused
from archive.textindex import SearchRequest
from tests import archive_fixtures as fixtures

archive = fixtures.archive
engine = fixtures.engine

GRAPH = "https://archive.example.org/id/graph/imported"
TURTLE = """@prefix prec: <https://w3id.org/precedent/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
<https://example.org/d/1> a prec:Decision ; rdfs:label "Imported harbour decision" ;
    prec:text "The harbour dues are frozen." .
"""
SAMPLES = {
    "data.ttl": TURTLE,
    "data.nt": "<https://example.org/d/1> <http://www.w3.org/2000/01/rdf-schema#label> "
    '"Imported harbour decision" .\n',
    "data.nq": "<https://example.org/d/1> <http://www.w3.org/2000/01/rdf-schema#label> "
    '"Imported harbour decision" '
    "<https://example.org/other-graph> .\n",
    "data.trig": "<https://example.org/g> { <https://example.org/d/1> "
    '<http://www.w3.org/2000/01/rdf-schema#label> "Imported harbour decision" . }\n',
    "data.rdf": '<?xml version="1.0"?>\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
    'xmlns:rdfs="http://www.w3.org/2000/01/rdf-schema#"><rdf:Description '
    'rdf:about="https://example.org/d/1"><rdfs:label>Imported harbour decision</rdfs:label>'
    "</rdf:Description></rdf:RDF>\n",
    "data.jsonld": json.dumps(
        {
            "@context": {"label": "http://www.w3.org/2000/01/rdf-schema#label"},
            "@id": "https://example.org/d/1",
            "label": "Imported harbour decision",
        }
    ),
}


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_import_every_syntax_into_the_named_graph(archive, tmp_path, name):
    path = tmp_path / name
    path.write_text(SAMPLES[name])
    with archive.writer("editor") as writer:
        result = writer.import_rdf(path, GRAPH, "internal")
        again = writer.import_rdf(path, GRAPH, "internal")
    assert result.status == "stored" and again.status == "unchanged"
    assert archive.view("internal").graph_iris() == {GRAPH}
    assert archive.view("public").graph_iris() == set()
    rows = archive.view("internal").query(
        "SELECT ?l WHERE { GRAPH ?g { <https://example.org/d/1> "
        "<http://www.w3.org/2000/01/rdf-schema#label> ?l } }"
    )
    assert [str(r[0]) for r in rows.rows] == ["Imported harbour decision"]


def test_imported_decisions_are_searchable(archive, tmp_path):
    path = tmp_path / "d.ttl"
    path.write_text(TURTLE)
    with archive.writer("editor") as writer:
        writer.import_rdf(path, GRAPH, "public")
    hits = archive.view("public").search(SearchRequest(text="harbour dues")).hits
    assert [h.title for h in hits] == ["Imported harbour decision"]
    assert archive.ledger.document(GRAPH).decisions == 1


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        (
            "bad.ttl",
            TURTLE + '<https://example.org/d/2> <http://x.org/p> "unterminated .\n',
            r"line 5, column \d+",
        ),
        (
            "bad.nt",
            "<https://a> <https://b> <https://c> .\n<https://a> <https://b> .\n",
            r"line 2, column \d+",
        ),
        ("bad.rdf", '<?xml version="1.0"?>\n<!DOCTYPE rdf [<!ENTITY x "boom">]>\n<rdf:RDF/>', "DOCTYPE"),
        (
            "bad.jsonld",
            json.dumps({"@context": "https://schema.org/", "@id": "https://a", "name": "x"}),
            "remote contexts",
        ),
        ("bad.jsonld", '{"@id": "https://a",\n "x": }', r"line 2, column \d+"),
    ],
)
def test_bad_rdf_is_refused_whole_with_its_position(archive, tmp_path, name, text, message):
    path = tmp_path / name
    path.write_text(text)
    with archive.writer("editor") as writer, pytest.raises(ImportRefused, match=message):
        writer.import_rdf(path, GRAPH, "public")
    assert archive.ledger.document(GRAPH) is None
    assert archive.view("restricted").graph_iris() == set()


def test_import_refuses_a_bad_graph_iri_and_a_documents_graph(archive, tmp_path):
    from tests.archive_fixtures import simple_document

    path = tmp_path / "d.ttl"
    path.write_text(TURTLE)
    with archive.writer("editor") as writer:
        writer.put(simple_document("MIN-1"))
        with pytest.raises(ImportRefused, match="not a valid absolute IRI"):
            writer.import_rdf(path, "not an iri", "public")
        with pytest.raises(ImportRefused, match="belongs to 'MIN-1'"):
            writer.import_rdf(path, archive.minter.graph("MIN-1"), "public")
    assert archive.check().ok
