"""``/ontology``: documentation generated from the ontology file itself, and the file by ``Accept``."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, render_template

from ontology import ONTOLOGY_IRI, PREFIXES

from . import vocabulary
from .negotiation import RDF_FORMATS, UnknownFormat, choose

blueprint = Blueprint("ontology_page", __name__)


@blueprint.route("/ontology")
def ontology() -> Any:
    try:
        wanted = choose(RDF_FORMATS, html=True)
    except UnknownFormat as error:
        return Response(str(error) + "\n", status=400, mimetype="text/plain")
    graph = vocabulary.ontology_graph()
    if wanted is not None:
        response = Response(graph.serialize(format=wanted.rdflib_name), mimetype=wanted.media_type)
        response.headers["Content-Disposition"] = f'inline; filename="precedent.{wanted.suffix}"'
        return response
    terms = vocabulary.terms()
    return render_template(
        "ontology.html",
        header=vocabulary.header(),
        iri=ONTOLOGY_IRI,
        prefixes=PREFIXES,
        classes=[t for t in terms if t.kind == "class"],
        properties=[t for t in terms if t.kind != "class"],
        shapes=vocabulary.shapes(),
        formats=RDF_FORMATS,
    )
