"""Entity pages: every IRI minted under the archive's base dereferences here, as HTML for people and
as RDF by ``Accept`` (or ``?format=``) for programs.

An entity the reader's level cannot see answers exactly like one that does not exist (404), so a
page never confirms that a restricted decision exists.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, abort, current_app, render_template
from rdflib import Graph, URIRef

from archive import pages
from archive.contracts import ReadView
from ontology import ENTITY_KINDS, GLOSSARY, PREC, PREFIXES, slugify

from . import entity_pages, subject_pages
from .auth import current_view
from .negotiation import RDF_FORMATS, UnknownFormat, choose

blueprint = Blueprint("entities", __name__)

_TOPIC_USED = pages.PREFIXES + "SELECT ?this ?subject WHERE { ?subject prec:hasTopic ?this } LIMIT 1"
_TOPIC_CONSTRUCT = (
    pages.PREFIXES + "CONSTRUCT { ?subject prec:hasTopic ?this } WHERE { ?subject prec:hasTopic ?this }"
)

_BUILDERS = {
    "decision": ("entity_decision.html", entity_pages.decision),
    "person": ("entity_actor.html", subject_pages.actor),
    "organisation": ("entity_actor.html", subject_pages.actor),
    "topic": ("entity_topic.html", subject_pages.topic),
    "administration": ("entity_administration.html", subject_pages.administration),
    "place": ("entity_place.html", subject_pages.place),
    "meeting": ("entity_meeting.html", entity_pages.meeting),
    "record": ("entity_record.html", entity_pages.record),
}


def entity_iri(kind: str, slug: str) -> str | None:
    """The IRI a page path names, or ``None`` for a path no IRI could have."""
    try:
        if slugify(slug) != slug:
            return None
    except ValueError:
        return None
    if kind == "topic":
        return f"{GLOSSARY}{slug}"
    if kind not in ENTITY_KINDS:
        return None
    return f"{current_app.config['BASE_IRI']}{kind}/{slug}"


@blueprint.route("/id/<kind>/<slug>")
def entity(kind: str, slug: str) -> Any:
    iri = entity_iri(kind, slug)
    if iri is None:
        abort(404, "there is no such entity")
    try:
        wanted = choose(RDF_FORMATS, html=True)
    except UnknownFormat as error:
        abort(400, str(error))
    view = current_view()
    template, build = _BUILDERS.get(kind, ("entity_generic.html", None))
    if wanted is None and kind == "decision":
        # The decision page's one query of the decision's neighbourhood also says whether it exists here.
        context = entity_pages.decision_if_found(view, iri)
        if context is None:
            abort(404, "there is no such entity")
        return render_template(template, kind=kind, slug=slug, iri=iri, formats=RDF_FORMATS, **context)
    if wanted is None and build is not None:
        # A page with its own builder reads its facts through named queries: it needs to know only that
        # the entity exists at this level, not its description as an rdflib graph (CONSTRUCT, two graphs
        # with every prefix bound: about 3 ms of a decision page's 14).
        if not exists(view, kind, iri):
            abort(404, "there is no such entity")
        return render_template(
            template, kind=kind, slug=slug, iri=iri, formats=RDF_FORMATS, **build(view, iri)
        )
    graph = describe(view, kind, iri)
    if graph is None:
        # The same answer whether it does not exist or is above the reader's level.
        abort(404, "there is no such entity")
    if wanted is not None:
        body = graph.serialize(format=wanted.rdflib_name)
        response = Response(body, mimetype=wanted.media_type)
        response.headers["Content-Disposition"] = f'inline; filename="{kind}-{slug}.{wanted.suffix}"'
        return response
    context = build(view, iri) if build is not None else entity_pages.generic(view, iri, graph)
    return render_template(template, kind=kind, slug=slug, iri=iri, formats=RDF_FORMATS, **context)


def exists(view: ReadView, kind: str, iri: str) -> bool:
    """Whether ``describe`` would find something to show: ``iri`` is a subject at this level (or, for a
    glossary topic, something at this level uses it)."""
    if pages.ask(view, pages.EXISTS, this=iri):
        return True
    return kind == "topic" and pages.ask(view, _TOPIC_USED, this=iri)


def describe(view: ReadView, kind: str, iri: str) -> Graph | None:
    """The entity's description for the reader's level, or ``None`` when there is nothing to show."""
    described = view.describe(iri)
    graph = Graph()
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    for triple in described:
        graph.add(triple)
    if kind == "topic" and len(graph) == 0 and pages.ask(view, _TOPIC_USED, this=iri):
        # A glossary topic may be known only through the records and decisions that use it.
        for triple in pages.construct(view, _TOPIC_CONSTRUCT, this=iri):
            graph.add(triple)
    if len(graph) == 0 or not any(graph.triples((URIRef(iri), None, None))) and kind != "topic":
        return None
    return graph


__all__ = ["blueprint", "entity_iri", "PREC"]
