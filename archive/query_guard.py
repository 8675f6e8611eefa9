"""Check a user's SPARQL on its parsed algebra before it runs: queries only, no SERVICE, no fetching.

The text checked is the text that runs: ``archive.query_text.canonical_text`` first rewrites the query
so that rdflib (the checker) and Oxigraph or a remote server (the engine) tokenize it alike (escapes
expanded once, comments removed, strings in one escaped form), and ``CheckedQuery.text`` is that
rewrite; see ``docs/security.md``. rdflib parses it into algebra (it never evaluates or fetches here).
What is refused: every update form (including ``LOAD``) and ``SERVICE``, seen either in rdflib's
algebra or as a live keyword by the rewrite's own tokenizer. Dataset IRIs must be absolute IRIs.

Graph IRIs (``FROM``, ``FROM NAMED``, ``GRAPH <iri>``,
the protocol's ``default-graph-uri``/``named-graph-uri``) are allowed: the level's store physically holds
only the graphs the level may see, so a graph of a higher level answers exactly like a graph that does
not exist — empty. Refusing it instead would tell a reader which graph IRIs exist above their level,
unless unknown graphs were refused too, which breaks the SPARQL 1.1 Protocol (its tests query a
default graph that no store holds and expect an answer).
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

import pyoxigraph as ox
from pyparsing import ParseException
from rdflib.plugins.sparql.algebra import translateQuery
from rdflib.plugins.sparql.parser import parseQuery, parseUpdate
from rdflib.plugins.sparql.parserutils import CompValue

from .errors import QueryRefused, QuerySyntaxError
from .query_text import canonical_text

MAX_QUERY_CHARS = 100_000
#: Graphs a request may name (FROM, FROM NAMED and the protocol's parameters, each kind).
MAX_DATASET_GRAPHS = 1000


@dataclass(frozen=True)
class CheckedQuery:
    """A query that passed the checks, with the dataset it asks for (``None`` = the level's union graph)."""

    text: str
    form: str
    default_graph: list[str] | None
    named_graphs: list[str] | None


def _walk(node: object) -> Iterator[CompValue]:
    if isinstance(node, CompValue):
        yield node
        for value in node.values():
            yield from _walk(value)
    elif isinstance(node, dict):
        for value in node.values():
            yield from _walk(value)
    elif isinstance(node, (list, tuple)):
        for value in node:
            yield from _walk(value)


def _syntax_error(text: str, exc: ParseException) -> QuerySyntaxError:
    line = text.splitlines()[exc.lineno - 1] if 0 < exc.lineno <= len(text.splitlines()) else ""
    return QuerySyntaxError(
        f"SPARQL syntax error at line {exc.lineno}, column {exc.col}: {exc.msg}"
        + (f" — near: {line.strip()[:80]}" if line.strip() else "")
    )


#: Parsing with rdflib costs 15–80 ms, more than most queries take to run, and the same texts come back
#: (examples, permalinks, programs polling): the verdict depends on the text alone, so it is remembered.
#: Refusals are not cached (exceptions are never stored), so a refused text is parsed each time.
@lru_cache(maxsize=512)
def _checked_text(text: str) -> tuple[str, str, tuple[str, ...], tuple[str, ...]]:
    """The text to run, the query form and its own FROM / FROM NAMED graphs, once ``text`` passed."""
    if len(text) > MAX_QUERY_CHARS:
        raise QueryRefused(f"the query is {len(text)} characters long; the limit is {MAX_QUERY_CHARS}")
    canonical, service = canonical_text(text)
    if service:
        raise QueryRefused("SERVICE is not allowed (federated queries are not run here)")
    # rdflib's SPARQL grammar (pyparsing) keeps parse state in shared objects: two server threads parsing
    # at once corrupt each other's results, so parsing is one at a time.
    with _PARSER_LOCK:
        return (canonical, *_check_text(canonical))


_PARSER_LOCK = threading.Lock()


def _check_text(text: str) -> tuple[str, tuple[str, ...], tuple[str, ...]]:
    try:
        parsed = parseQuery(text)
    except RecursionError:
        raise QueryRefused("the query is nested too deeply to check; simplify it") from None
    except ValueError as exc:  # rdflib's own decoding of what it read; never a server error
        raise QuerySyntaxError(f"SPARQL error: {exc}") from None
    except ParseException as exc:
        try:
            parseUpdate(text)
        except ParseException:
            raise _syntax_error(text, exc) from None
        raise QueryRefused(
            "updates (INSERT, DELETE, LOAD, CLEAR, DROP, CREATE…) are not allowed here: "
            "this endpoint is read-only"
        ) from None
    try:
        query = translateQuery(parsed)
    except RecursionError:
        raise QueryRefused("the query is nested too deeply to check; simplify it") from None
    except Exception as exc:  # rdflib raises plain Exceptions for undefined prefixes and the like
        raise QuerySyntaxError(f"SPARQL error: {exc}") from None
    named: list[str] = []
    default: list[str] = []
    for node in _walk(query.algebra):
        if node.name == "ServiceGraphPattern":
            raise QueryRefused(
                "SERVICE is not allowed (federated query to "
                f"{node['term'] if 'term' in node else 'a variable endpoint'})"
            )
        if node.name == "DatasetClause":
            if "default" in node:
                default.append(str(node["default"]))
            if "named" in node:
                named.append(str(node["named"]))
    return query.algebra.name, tuple(default), tuple(named)


def query_form(text: str) -> str:
    """The algebra name of a checked query's form: ``SelectQuery``, ``ConstructQuery``, ``AskQuery``…"""
    return _checked_text(text)[1]


def _dataset_iris(iris: Iterable[str], where: str) -> list[str]:
    """``iris`` as strings, each an absolute IRI the engine accepts, else a 400 naming ``where``."""
    error = QuerySyntaxError if where.startswith("FROM") else QueryRefused  # query text or parameter
    checked: list[str] = []
    for iri in iris:
        iri = str(iri)
        try:
            ox.NamedNode(iri)
        except ValueError as exc:
            raise error(f"{where} {iri[:200]!r} is not an absolute IRI ({exc})") from None
        checked.append(iri)
        if len(checked) > MAX_DATASET_GRAPHS:
            raise QueryRefused(f"more than {MAX_DATASET_GRAPHS} graphs in {where}")
    return checked


def check_query(
    text: str,
    default_graph_uris: Iterable[str] = (),
    named_graph_uris: Iterable[str] = (),
) -> CheckedQuery:
    """Parse and check ``text``; raise ``QueryRefused`` or ``QuerySyntaxError`` saying why."""
    canonical, form, query_default, query_named = _checked_text(text)
    default = _dataset_iris(query_default, "FROM")
    named = _dataset_iris(query_named, "FROM NAMED")
    protocol_default = _dataset_iris(default_graph_uris, "default-graph-uri")
    protocol_named = _dataset_iris(named_graph_uris, "named-graph-uri")
    # The protocol's dataset overrides the query's own (SPARQL 1.1 Protocol §2.1.4)
    if protocol_default or protocol_named:
        default, named = protocol_default, protocol_named
    dataset_given = bool(default or named)
    return CheckedQuery(
        text=canonical,
        form=form,
        default_graph=default if dataset_given else None,
        named_graphs=named if dataset_given else None,
    )
