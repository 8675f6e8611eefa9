"""The SPARQL 1.1 Protocol endpoint (queries only) and, for browsers, the workbench.

GET ``?query=``, POST form-encoded, POST ``application/sparql-query``; ``default-graph-uri`` and
``named-graph-uri``; results by ``Accept`` (or ``?format=``). Everything runs through the reader's
``View``, which refuses updates, ``SERVICE`` and graphs above the reader's level.
"""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import unquote_to_bytes

from flask import Blueprint, Response, current_app, g, render_template, request
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF

from archive.errors import QueryRefused, QuerySyntaxError, QueryTimeout
from archive.results import QueryResult

from . import vocabulary
from .auth import current_view
from .fair_use import OverBudget, client_key
from .negotiation import RDF_FORMATS, RESULT_FORMATS, UnknownFormat, by_key, choose

log = logging.getLogger(__name__)
blueprint = Blueprint("sparql", __name__)

SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
FORMATS_NS = Namespace("http://www.w3.org/ns/formats/")
_FORMAT_IRIS = {
    "json": "SPARQL_Results_JSON",
    "xml": "SPARQL_Results_XML",
    "csv": "SPARQL_Results_CSV",
    "tsv": "SPARQL_Results_TSV",
    "ttl": "Turtle",
    "nt": "N-Triples",
    "jsonld": "JSON-LD",
    "rdf": "RDF_XML",
}
READ_ONLY = (
    "this endpoint is read-only: SPARQL Update is not accepted here "
    "(editors add documents through the upload page or `precedent ingest`)"
)


class ProtocolError(Exception):
    """A request that breaks the SPARQL Protocol; the message tells the client what to change."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.status = status


def _plain(message: str, status: int) -> Response:
    response = Response(message.rstrip() + "\n", status=status, mimetype="text/plain")
    response.headers["Allow"] = "GET, POST"
    return response


def _media_type() -> tuple[str, dict[str, str]]:
    return request.mimetype, request.mimetype_params


def _one(values: list[str], what: str) -> str | None:
    if len(values) > 1:
        raise ProtocolError(
            f"{len(values)} '{what}' parameters were sent; send exactly one query per request"
        )
    return values[0] if values else None


def read_operation() -> tuple[str | None, list[str], list[str]]:
    """The query text and the protocol dataset of this request, or ``ProtocolError`` saying what is wrong."""
    url = _decoded(request.query_string)
    default_graphs = url.get("default-graph-uri", [])
    named_graphs = url.get("named-graph-uri", [])
    if "update" in url:
        raise ProtocolError(READ_ONLY)
    if request.method == "GET":
        return _one(url.get("query", []), "query"), default_graphs, named_graphs
    mimetype, params = _media_type()
    charset = params.get("charset", "utf-8").lower()
    if charset not in ("utf-8", "utf8"):
        raise ProtocolError(f"the request body must be UTF-8; charset={params['charset']} is not accepted")
    if mimetype == "application/x-www-form-urlencoded":
        form = _decoded(request.get_data(cache=True))
        if "update" in form:
            raise ProtocolError(READ_ONLY)
        queries = url.get("query", []) + form.get("query", [])
        return (
            _one(queries, "query"),
            default_graphs + form.get("default-graph-uri", []),
            named_graphs + form.get("named-graph-uri", []),
        )
    if mimetype == "application/sparql-query":
        if "query" in url:
            raise ProtocolError(
                "a direct POST carries the query in its body; do not also send 'query' in the URL"
            )
        return _utf8(request.get_data(cache=True), "request body"), default_graphs, named_graphs
    if mimetype == "application/sparql-update":
        raise ProtocolError(READ_ONLY)
    if not mimetype:
        raise ProtocolError(
            "a POST needs a Content-Type: application/x-www-form-urlencoded (query=...) "
            "or application/sparql-query (the query as the body)"
        )
    raise ProtocolError(
        f"Content-Type {mimetype} is not a SPARQL query request; use "
        "application/x-www-form-urlencoded or application/sparql-query"
    )


def _decoded(raw: bytes) -> dict[str, list[str]]:
    # Percent-decode to bytes first, so that non-UTF-8 input is refused instead of silently replaced.
    try:
        text = raw.decode("ascii")
    except UnicodeDecodeError as error:
        raise ProtocolError("the parameters must be percent-encoded UTF-8") from error
    pairs: dict[str, list[str]] = {}
    for part in text.split("&"):
        if not part:
            continue
        key, _, value = part.partition("=")
        name = _utf8(unquote_to_bytes(key.replace("+", " ")), "parameter name")
        pairs.setdefault(name, []).append(_utf8(unquote_to_bytes(value.replace("+", " ")), name))
    return pairs


def _utf8(data: bytes | str, where: str) -> str:
    if isinstance(data, str):
        return data
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ProtocolError(f"{where} is not valid UTF-8 (byte {error.start})") from error


@blueprint.route("/sparql", methods=["GET", "POST", "PUT", "DELETE", "PATCH"])
def endpoint() -> Any:
    if request.method not in ("GET", "POST"):
        return _plain(f"{request.method} is not a SPARQL query method: use GET or POST", 400)
    try:
        text, default_graphs, named_graphs = read_operation()
    except ProtocolError as error:
        return _plain(str(error), error.status)
    browser = request.method == "GET" and choose_html()
    if text is None:
        if request.method == "POST":
            return _plain(
                "no query was sent: give the query in 'query=' or as an application/sparql-query body", 400
            )
        if browser:
            return workbench(None)
        return service_description()
    if not text.strip():
        return _plain("the query is empty", 400)
    if browser:
        return workbench(text, default_graphs, named_graphs)
    try:
        result = run_query(text, default_graphs, named_graphs)
    except OverBudget as error:
        response = _plain(f"too many queries: {error}", error.status)
        response.headers["Retry-After"] = str(error.retry_after)
        return response
    except QuerySyntaxError as error:
        return _plain(f"syntax error: {error}", 400)
    except QueryRefused as error:
        return _plain(f"query refused: {error}", 400)
    except QueryTimeout as error:
        response = _plain(f"query stopped: {error}", 503)
        if "busy" in str(error):  # it waited for a worker and none came free: worth trying again soon
            response.headers["Retry-After"] = "5"
        return response
    return serialized(result)


def run_query(text: str, default_graphs: list[str], named_graphs: list[str]) -> Any:
    """The user's query, run within the asking client's fair-use budget (``webui.fair_use``)."""
    account = g.get("account")
    key = client_key(account.name if account is not None else None, request.remote_addr)
    with current_app.extensions["precedent.fair_use"].admit(key):
        return current_view().query(
            text, default_graph_uris=tuple(default_graphs), named_graph_uris=tuple(named_graphs)
        )


def choose_html() -> bool:
    if request.args.get("format"):
        return False
    best = request.accept_mimetypes.best_match(
        ["text/html"] + [f.media_type for f in RESULT_FORMATS + RDF_FORMATS]
    )
    # Only clients that name text/html (browsers) get the page; "*/*" (curl, libraries) gets results.
    named = any(value in ("text/html", "application/xhtml+xml") for value, _ in request.accept_mimetypes)
    return best == "text/html" and named


def serialized(result: QueryResult) -> Response:
    formats = RDF_FORMATS if result.kind == "graph" else RESULT_FORMATS
    try:
        wanted = choose(formats)
    except UnknownFormat as error:
        return _plain(
            f"{error} for a {'graph' if result.kind == 'graph' else 'table or boolean'} result", 400
        )
    assert wanted is not None
    response = Response(result.serialize(wanted.media_type), mimetype=wanted.media_type)
    if wanted.media_type.startswith("text/") and "charset" not in response.content_type:
        response.content_type = f"{wanted.media_type}; charset=utf-8"
    if request.args.get("format"):
        response.headers["Content-Disposition"] = f'attachment; filename="query-result.{wanted.suffix}"'
    if result.truncated:
        # the same statement for either cap; the second header says which one cut the answer
        response.headers["X-Precedent-Truncated"] = "true"
        response.headers["X-Precedent-Truncated-At"] = getattr(result, "truncated_at", None) or "rows"
    return response


def service_description() -> Response:
    """The SPARQL Service Description of this endpoint, in the RDF format the client accepts."""
    try:
        wanted = choose(RDF_FORMATS) or RDF_FORMATS[0]
    except UnknownFormat as error:
        return _plain(str(error), 400)
    graph = Graph()
    graph.bind("sd", SD)
    graph.bind("formats", FORMATS_NS)
    service = URIRef(request.base_url)
    graph.add((service, RDF.type, SD.Service))
    graph.add((service, SD.endpoint, service))
    graph.add((service, SD.supportedLanguage, SD.SPARQL11Query))
    graph.add((service, SD.feature, SD.UnionDefaultGraph))
    for fmt in RESULT_FORMATS + RDF_FORMATS:
        graph.add((service, SD.resultFormat, FORMATS_NS[_FORMAT_IRIS[fmt.key]]))
    dataset = URIRef(request.base_url + "#dataset")
    graph.add((service, SD.defaultDataset, dataset))
    graph.add((dataset, RDF.type, SD.Dataset))
    default_graph = URIRef(request.base_url + "#default-graph")
    graph.add((dataset, SD.defaultGraph, default_graph))
    graph.add((default_graph, RDF.type, SD.Graph))
    graph.add(
        (
            service,
            URIRef("http://www.w3.org/2000/01/rdf-schema#comment"),
            Literal(
                "Precedent's read-only SPARQL 1.1 Query endpoint; the default graph is the union of "
                "the documents your access level may see."
            ),
        )
    )
    return Response(graph.serialize(format=wanted.rdflib_name), mimetype=wanted.media_type)


def workbench(
    text: str | None, default_graphs: list[str] | None = None, named_graphs: list[str] | None = None
) -> Any:
    """The workbench page; with a query (a permalink) it is filled in and run."""
    result = error = None
    status = 200
    retry_after = None
    if text is not None:
        try:
            result = run_query(text, default_graphs or [], named_graphs or [])
        except OverBudget as problem:
            error, status, retry_after = str(problem), problem.status, problem.retry_after
        except (QuerySyntaxError, QueryRefused) as problem:
            error, status = str(problem), 400
        except QueryTimeout as problem:
            error, status = str(problem), 503
    columns: list[str] = []
    if result is not None:
        columns = ["subject", "predicate", "object"] if result.kind == "graph" else list(result.variables)
    formats = () if result is None else (RDF_FORMATS if result.kind == "graph" else RESULT_FORMATS)
    page = render_template(
        "workbench.html",
        query=text,
        result=result,
        error=error,
        columns=columns,
        formats=formats,
        examples=vocabulary.examples(),
        completions=vocabulary.completions(),
        base_iri=current_app.config["BASE_IRI"],
        default_graphs=default_graphs or [],
        named_graphs=named_graphs or [],
    )
    headers = {"Retry-After": str(retry_after)} if retry_after else {}
    return page, status, headers


__all__ = ["blueprint", "by_key"]
