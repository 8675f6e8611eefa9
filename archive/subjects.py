"""What a briefing, a timeline or a feed is about: a topic, an organisation, an administration, a place
or a person, and the named queries that find that subject's decisions and what hangs off them.

Each kind has one fixed graph pattern that binds ``?decision`` from ``?this`` (the subject's IRI,
bound by the engine, never pasted). The queries below are templates over those fixed patterns only:
the kind is checked against ``SUBJECT_PATTERNS`` before a query is built, so no user text reaches them.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from rdflib import Graph, URIRef
from rdflib.namespace import SKOS

from ontology import GLOSSARY, GLOSSARY_TTL

from . import pages
from .errors import ArchiveError

#: How each kind of subject reaches its decisions (no zero-length ``*`` paths: the engine binds ``?this``
#: after evaluating, and ``?x prec:subOrganisationOf* ?this`` matched every node, 15 s on the FOMC).
#: An organisation's are those it decided itself (its sub-organisations' cost 1.5 s more on the FOMC, for the same engine reason); a place's are those
#: of the bodies with jurisdiction in it or in a place within it.
SUBJECT_PATTERNS: dict[str, str] = {
    "topic": "?decision prec:hasTopic ?this .",
    "organisation": "?decision prec:decidedBy ?this .",
    "administration": "?decision prec:duringAdministration ?this .",
    "place": (
        "?decision prec:decidedBy ?decider . "
        "{ ?decider prec:jurisdiction ?this } UNION { ?decider prec:jurisdiction/prec:withinPlace+ ?this } "
        "UNION { ?decider prec:subOrganisationOf+/prec:jurisdiction ?this } "
        "UNION { ?decider prec:subOrganisationOf+/prec:jurisdiction/prec:withinPlace+ ?this }"
    ),
    "person": (
        "{ ?decision prec:decidedBy ?this } UNION { ?decision prec:hasCommitment/prec:owner ?this } "
        "UNION { ?decision (prec:hasVote|prec:onMotion/prec:hasVote)/prec:hasBallot/prec:voter ?this } "
        "UNION { ?decision prec:onMotion/(prec:movedBy|prec:secondedBy) ?this }"
    ),
}

#: The kinds a briefing can be made for (a person has a feed, not a briefing).
BRIEFING_KINDS = ("topic", "organisation", "administration", "place")


class UnknownSubject(ArchiveError):
    """The kind is not one a briefing, timeline or feed can be made for."""


def _subject(kind: str) -> str:
    try:
        return SUBJECT_PATTERNS[kind]
    except KeyError:
        raise UnknownSubject(
            f"no briefing for {kind!r}: choose one of {', '.join(SUBJECT_PATTERNS)}"
        ) from None


# Flat OPTIONALs only, and the deciders and administrations in queries of their own: nested OPTIONALs
# after the sub-select took 15-22 s for the FOMC's 1,269 decisions in Oxigraph 0.5; these take ~0.1 s.
_DECISIONS = """
SELECT DISTINCT ?this ?decision ?identifier ?label ?date ?lapsesOn ?text WHERE {
  { SELECT DISTINCT ?this ?decision WHERE { %s ?decision a prec:Decision . } }
  OPTIONAL { ?decision prec:identifier ?identifier }
  OPTIONAL { ?decision rdfs:label ?label }
  OPTIONAL { ?decision prec:date ?date }
  OPTIONAL { ?decision prec:lapsesOn ?lapsesOn }
  OPTIONAL { ?decision prec:text ?text }
}
ORDER BY ?date ?identifier
LIMIT 5000
"""

_DECIDERS = """
SELECT DISTINCT ?this ?decision ?decider ?deciderLabel WHERE {
  { SELECT DISTINCT ?this ?decision WHERE { %s ?decision a prec:Decision . } }
  ?decision prec:decidedBy ?decider .
  OPTIONAL { ?decider rdfs:label ?deciderLabel }
}
LIMIT 20000
"""

_ADMINISTRATIONS = """
SELECT DISTINCT ?this ?decision ?administration ?administrationLabel WHERE {
  { SELECT DISTINCT ?this ?decision WHERE { %s ?decision a prec:Decision . } }
  ?decision prec:duringAdministration ?administration .
  OPTIONAL { ?administration rdfs:label ?administrationLabel }
}
LIMIT 20000
"""

#: The passage each decision was read from, for citations. (Its commitments', options' and outcomes' own
#: passages, joined by a UNION here, did not finish within minutes on the FOMC: they cite the decision's.)
_PASSAGES = """
SELECT DISTINCT ?this ?fact ?passage ?sequence ?quote ?record ?recordIdentifier WHERE {
  { SELECT DISTINCT ?this ?decision WHERE { %s ?decision a prec:Decision . } }
  ?decision prec:derivedFrom ?passage .
  BIND(?decision AS ?fact)
  ?passage prec:inRecord ?record .
  OPTIONAL { ?passage prec:sequence ?sequence }
  OPTIONAL { ?passage prec:quote ?quote }
  OPTIONAL { ?record prec:identifier ?recordIdentifier }
}
LIMIT 20000
"""

_COMMITMENTS = """
SELECT DISTINCT ?this ?decision ?commitment ?label ?owner ?ownerLabel ?deadline ?status ?amount
       ?currency WHERE {
  { SELECT DISTINCT ?this ?decision WHERE { %s ?decision a prec:Decision . } }
  ?decision prec:hasCommitment ?commitment .
  OPTIONAL { ?commitment rdfs:label ?label }
  OPTIONAL { ?commitment prec:owner ?owner OPTIONAL { ?owner rdfs:label ?ownerLabel } }
  OPTIONAL { ?commitment prec:deadline ?deadline }
  OPTIONAL { ?commitment prec:commitmentStatus ?status }
  OPTIONAL { ?commitment prec:budgetAmount ?amount }
  OPTIONAL { ?commitment prec:budgetCurrency ?currency }
}
LIMIT 5000
"""

_OPTIONS = """
SELECT DISTINCT ?this ?decision ?option ?label ?description ?chosen ?rejection WHERE {
  { SELECT DISTINCT ?this ?decision WHERE { %s ?decision a prec:Decision . } }
  ?decision prec:consideredOption|prec:chosenOption ?option .
  OPTIONAL { ?option rdfs:label ?label }
  OPTIONAL { ?option prec:description ?description }
  OPTIONAL { ?option prec:rejectionReason ?rejection }
  BIND(EXISTS { ?decision prec:chosenOption ?option } AS ?chosen)
}
LIMIT 5000
"""

_OUTCOMES = """
SELECT DISTINCT ?this ?decision ?outcome ?observed ?label ?indicator ?target ?value ?status ?observedOn
       ?expectation WHERE {
  { SELECT DISTINCT ?this ?decision WHERE { %s ?decision a prec:Decision . } }
  { ?decision prec:hasExpectedOutcome ?outcome BIND(false AS ?observed) }
  UNION { ?decision prec:hasObservedOutcome ?outcome BIND(true AS ?observed) }
  OPTIONAL { ?outcome rdfs:label ?label }
  OPTIONAL { ?outcome prec:indicator ?indicator }
  OPTIONAL { ?outcome prec:targetValue ?target }
  OPTIONAL { ?outcome prec:observedValue ?value }
  OPTIONAL { ?outcome prec:outcomeStatus ?status }
  OPTIONAL { ?outcome prec:observedOn ?observedOn }
  OPTIONAL { ?outcome prec:observes ?expectation }
}
LIMIT 5000
"""

#: Votes with at least one vote against (by count or ballot), and who voted against and why.
_SPLIT_VOTES = """
SELECT DISTINCT ?this ?decision ?vote ?for ?against ?abstaining ?result ?dissenter ?dissenterLabel
       ?reason WHERE {
  { SELECT DISTINCT ?this ?decision WHERE { %s ?decision a prec:Decision . } }
  ?decision prec:hasVote|prec:onMotion/prec:hasVote ?vote .
  OPTIONAL { ?vote prec:votesFor ?for }
  OPTIONAL { ?vote prec:votesAgainst ?against }
  OPTIONAL { ?vote prec:votesAbstaining ?abstaining }
  OPTIONAL { ?vote prec:result ?result }
  FILTER (COALESCE(?against, 0) > 0 || EXISTS { ?vote prec:hasBallot/prec:voteCast "against" })
  OPTIONAL { ?vote prec:hasBallot ?ballot . ?ballot prec:voteCast "against" ; prec:voter ?dissenter .
             OPTIONAL { ?dissenter rdfs:label ?dissenterLabel }
             OPTIONAL { ?ballot prec:dissentReason ?reason } }
}
LIMIT 5000
"""

_QUERIES = {
    "decisions": _DECISIONS,
    "deciders": _DECIDERS,
    "administrations": _ADMINISTRATIONS,
    "passages": _PASSAGES,
    "commitments": _COMMITMENTS,
    "options": _OPTIONS,
    "outcomes": _OUTCOMES,
    "split_votes": _SPLIT_VOTES,
}

#: A subject's own name: its label, or a topic's preferred label.
_LABEL = """
SELECT DISTINCT ?this ?label ?prefLabel WHERE {
  OPTIONAL { ?this rdfs:label ?label } OPTIONAL { ?this skos:prefLabel ?prefLabel }
}
LIMIT 5
"""

#: Whether anything at the view's level names the subject (a page that would be empty is a 404).
_KNOWN = "SELECT ?this WHERE { { ?this ?p ?o } UNION { ?s ?p ?this } } LIMIT 1"


def rows(view: Any, name: str, kind: str, iri: str) -> list[dict[str, Any]]:
    """Run the named subject query ``name`` for the subject ``kind``/``iri`` at the view's level."""
    query = pages.PREFIXES + _QUERIES[name] % _subject(kind)
    return pages.run(view, query, this=iri)


def label(view: Any, iri: str) -> str | None:
    """The subject's label at the view's level, else the glossary's (for topics)."""
    for row in pages.run(view, pages.PREFIXES + _LABEL, this=iri):
        for name in ("prefLabel", "label"):
            if row.get(name) is not None:
                return str(row[name])
    found = _glossary().value(URIRef(iri), SKOS.prefLabel)
    return str(found) if found is not None else None


def known(view: Any, iri: str) -> bool:
    """Whether the view's level holds any triple naming ``iri``."""
    return bool(pages.run(view, pages.PREFIXES + _KNOWN, this=iri))


def subject_iri(base_iri: str, kind: str, slug: str) -> str:
    """The IRI of a subject page path: topics live in the glossary, the rest under the archive's base."""
    _subject(kind)
    return f"{GLOSSARY}{slug}" if kind == "topic" else f"{base_iri}{kind}/{slug}"


@lru_cache(maxsize=1)
def _glossary() -> Graph:
    # a small file shipped with the ontology: parsed once per process, never written
    graph = Graph()
    if GLOSSARY_TTL.is_file():
        graph.parse(GLOSSARY_TTL, format="turtle")
    return graph


__all__ = ["BRIEFING_KINDS", "SUBJECT_PATTERNS", "UnknownSubject", "known", "label", "rows", "subject_iri"]
