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

from . import pages, summaries
from .administration import DECISION_TOPICS
from .errors import ArchiveError
from .standing import CHANGES_QUERY, Change, changes_of
from .view import cacheable

#: How each kind of subject reaches its decisions. No zero-length ``*`` paths: the engine binds
#: ``?this`` after evaluating them, and ``?x prec:subOrganisationOf* ?this`` matched every node (15 s
#: on the FOMC).
#: An organisation's are those it decided itself (``rows`` adds its sub-organisations' one by one); a
#: place's are those of the bodies with jurisdiction in it or in a place within it (``bodies_in``).
SUBJECT_PATTERNS: dict[str, str] = {
    "topic": "?decision prec:hasTopic ?this .",
    "organisation": "?decision prec:decidedBy ?this .",
    "administration": "?decision prec:duringAdministration ?this .",
    # a place's decisions are gathered body by body (``rows``): its own pattern is the bodies'
    "place": "?decision prec:decidedBy ?this .",
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


# Flat OPTIONALs only; deciders and administrations in queries of their own, and the labels of shared
# entities (people, bodies) looked up one by one (``labels``): nested OPTIONALs after the sub-select took
# 15-22 s for the FOMC's 1,269 decisions in Oxigraph 0.5, and joining ``rdfs:label`` to 33 dissenters
# 1.05 s (the engine scans every label), against ~0.07 s and ~1 ms a label this way.
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

#: The same without ``prec:text``: a subject page shows no decision text, and the FOMC's directives are
#: long (the text column was most of the bytes the page's first request read). The dates come as plain
#: strings (``standing.to_date`` reads either): turning 1,635 typed dates into rdflib's Python dates
#: was a tenth of the FOMC page's first request.
#:
#: The type is checked after the sub-select, not inside it: with ``?this`` bound by substitution, Oxigraph
#: plans the sub-select before knowing it and began from ``?decision a prec:Decision``, every decision of
#: the level (at 3,000 generated documents 70-100 ms for a body's 86 decisions or a topic's 197, against
#: 10-20 ms this way; the FOMC, most of the real data's decisions, 150 -> 120 ms).
_DECISION_LINES = """
SELECT DISTINCT ?this ?decision ?identifier ?label (STR(?on) AS ?date) (STR(?lapses) AS ?lapsesOn) WHERE {
  { SELECT DISTINCT ?this ?decision WHERE { %s } }
  ?decision a prec:Decision .
  OPTIONAL { ?decision prec:identifier ?identifier }
  OPTIONAL { ?decision rdfs:label ?label }
  OPTIONAL { ?decision prec:date ?on }
  OPTIONAL { ?decision prec:lapsesOn ?lapses }
}
ORDER BY ?on ?identifier
LIMIT 5000
"""

_DECIDERS = """
SELECT DISTINCT ?this ?decision ?decider WHERE {
  { SELECT DISTINCT ?this ?decision WHERE { %s ?decision a prec:Decision . } }
  ?decision prec:decidedBy ?decider .
}
LIMIT 20000
"""

#: The deciders of a body's decisions other than the body: it decided each one (its pattern says so).
_CO_DECIDERS = """
SELECT DISTINCT ?this ?decision ?decider WHERE {
  { SELECT DISTINCT ?this ?decision WHERE { %s ?decision a prec:Decision . } }
  ?decision prec:decidedBy ?decider .
  FILTER(?decider != ?this)
}
LIMIT 20000
"""

#: What a subject page shows beside its decisions' lines, in one query instead of three (other deciders,
#: administrations, considered options; each had its own sub-select over the subject's decisions: on
#: the FOMC's first request three times 20-30 ms for no rows). Each row is one of the three, told apart
#: by which of ``?decider``, ``?administration`` or ``?option`` is bound.
#:
#: A body's (or a place's bodies') sub-select skips ``?decision a prec:Decision``: the rows are matched
#: to the decision lines (which check it) by IRI, and anything else a body "decided" is dropped there;
#: a topic's or an administration's keeps it, since records and meetings carry topics too.
_PAGE_EXTRAS = """
SELECT DISTINCT ?this ?decision ?decider ?administration ?option ?label ?description ?chosen ?rejection
WHERE {
  { SELECT DISTINCT ?this ?decision WHERE { %s } }
  { ?decision prec:decidedBy ?decider }
  UNION { ?decision prec:duringAdministration ?administration }
  UNION {
    ?decision prec:consideredOption|prec:chosenOption ?option .
    OPTIONAL { ?option rdfs:label ?label }
    OPTIONAL { ?option prec:description ?description }
    OPTIONAL { ?option prec:rejectionReason ?rejection }
    BIND(EXISTS { ?decision prec:chosenOption ?option } AS ?chosen)
  }
  FILTER(!BOUND(?decider) || ?decider != ?this)
}
LIMIT 45000
"""

_ADMINISTRATIONS = """
SELECT DISTINCT ?this ?decision ?administration WHERE {
  { SELECT DISTINCT ?this ?decision WHERE { %s ?decision a prec:Decision . } }
  ?decision prec:duringAdministration ?administration .
}
LIMIT 20000
"""

#: The passage each decision was read from, for citations. (One UNION with the facts' passages below did
#: not finish within minutes on the FOMC; two queries take 0.5 s.)
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

#: The passages of each decision's commitments, options and outcomes (their own citations).
_FACT_PASSAGES = """
SELECT DISTINCT ?this ?fact ?passage ?sequence ?quote ?record ?recordIdentifier WHERE {
  { SELECT DISTINCT ?this ?decision WHERE { %s ?decision a prec:Decision . } }
  ?decision prec:hasCommitment|prec:consideredOption|prec:hasExpectedOutcome|prec:hasObservedOutcome ?fact .
  ?fact prec:derivedFrom ?passage .
  ?passage prec:inRecord ?record .
  OPTIONAL { ?passage prec:sequence ?sequence }
  OPTIONAL { ?passage prec:quote ?quote }
  OPTIONAL { ?record prec:identifier ?recordIdentifier }
}
LIMIT 20000
"""

_COMMITMENTS = """
SELECT DISTINCT ?this ?decision ?commitment ?label ?owner ?deadline ?status ?amount ?currency WHERE {
  { SELECT DISTINCT ?this ?decision WHERE { %s ?decision a prec:Decision . } }
  ?decision prec:hasCommitment ?commitment .
  OPTIONAL { ?commitment rdfs:label ?label }
  OPTIONAL { ?commitment prec:owner ?owner }
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

#: Every vote on the subject's decisions, with its counts (split or not is decided in code).
_VOTES = """
SELECT DISTINCT ?this ?decision ?vote ?for ?against ?abstaining ?result WHERE {
  { SELECT DISTINCT ?this ?decision WHERE { %s ?decision a prec:Decision . } }
  ?decision prec:hasVote|prec:onMotion/prec:hasVote ?vote .
  OPTIONAL { ?vote prec:votesFor ?for }
  OPTIONAL { ?vote prec:votesAgainst ?against }
  OPTIONAL { ?vote prec:votesAbstaining ?abstaining }
  OPTIONAL { ?vote prec:result ?result }
}
LIMIT 20000
"""

#: The members who voted against, and why.
_DISSENTS = """
SELECT DISTINCT ?this ?decision ?vote ?dissenter ?reason WHERE {
  { SELECT DISTINCT ?this ?decision WHERE { %s ?decision a prec:Decision . } }
  ?decision prec:hasVote|prec:onMotion/prec:hasVote ?vote .
  ?vote prec:hasBallot ?ballot .
  ?ballot prec:voteCast "against" ; prec:voter ?dissenter .
  OPTIONAL { ?ballot prec:dissentReason ?reason }
}
LIMIT 20000
"""

_QUERIES = {
    "decisions": _DECISIONS,
    "decision_lines": _DECISION_LINES,
    "deciders": _DECIDERS,
    "co_deciders": _CO_DECIDERS,
    "administrations": _ADMINISTRATIONS,
    "passages": _PASSAGES,
    "fact_passages": _FACT_PASSAGES,
    "commitments": _COMMITMENTS,
    "options": _OPTIONS,
    # Typed in a sub-select of its own, for the reason given at ``_DECISION_LINES`` (a topic's at 3,000
    # generated documents 93 -> 38 ms); checked after this sub-select instead, the engine took 1.5 s.
    "page_extras": _PAGE_EXTRAS.replace(
        "WHERE { %s }",
        "WHERE { { SELECT DISTINCT ?this ?decision WHERE { %s } } ?decision a prec:Decision . }",
    ),
    "body_page_extras": _PAGE_EXTRAS,
    "outcomes": _OUTCOMES,
    "votes": _VOTES,
    "dissents": _DISSENTS,
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


_PARTS = "SELECT DISTINCT ?this ?part WHERE { ?part prec:subOrganisationOf ?this } LIMIT 500"
#: How many organisations one organisation's pages gather (itself and its parts, breadth first).
MAX_PARTS = 100


# Every standing-changing link of the level (``standing.changes``) is read by each subject page twice
# (its pack and its timeline): kept until the store changes, like the page's own queries (~45 ms a
# read at 300 generated documents). Marked here because ``standing`` sits below ``view``.
cacheable(CHANGES_QUERY)


#: Every standing-changing link of the level on IRIs alone (``CHANGES_QUERY`` without the later
#: decision's date, identifier and label): at 3,000 generated documents 28 ms of engine work for 1,535
#: links, against 75-110 ms with those three looked up for every link (120-310 ms on a first request).
_LINKS = cacheable(
    pages.PREFIXES
    + """
SELECT DISTINCT ?earlier ?link ?later WHERE {
  VALUES ?link { prec:supersedes prec:reverses prec:amends }
  ?later ?link ?earlier .
  FILTER(?later != ?earlier)
}
"""
)

#: The date, identifier and label of a batch of later decisions, as ``CHANGES_QUERY`` joins them.
_LATER = """
SELECT ?later (STR(?on) AS ?laterDate) ?laterIdentifier ?laterLabel WHERE {
  VALUES ?later { %s }
  OPTIONAL { ?later prec:date ?on }
  OPTIONAL { ?later prec:identifier ?laterIdentifier }
  OPTIONAL { ?later rdfs:label ?laterLabel }
}
"""


def changes_for(view: Any, decisions: Any) -> dict[str, list[Change]]:
    """``standing.changes`` as far as a page on ``decisions`` (IRIs) reads it: every link to one of them
    (their standings) and every link on a chain of replacements back from one of them (what each
    replaced, ``briefing._chain``), each with its later decision's date, identifier and label.

    The same ``Change``s, for those decisions, as the level's whole table, whose later decisions'
    facts cost the first request for a subject page 120-310 ms at 3,000 generated documents.
    """
    subject = set(decisions)
    links = pages.run(view, _LINKS)
    replaced: dict[str, list[str]] = {}
    needed: set[str] = set()
    for row in links:
        replaced.setdefault(str(row["later"]), []).append(str(row["earlier"]))
        if str(row["earlier"]) in subject:
            needed.add(str(row["later"]))
    seen: set[str] = set()
    todo = [iri for iri in subject if iri in replaced]
    while todo:  # back along the chains: what a subject decision replaced, what that replaced, ...
        later = todo.pop()
        if later not in seen:
            seen.add(later)
            needed.add(later)
            todo.extend(earlier for earlier in replaced[later] if earlier in replaced)
    facts: dict[str, list[dict[str, Any]]] = {}
    ordered = sorted(needed)
    for start in range(0, len(ordered), LABEL_BATCH):
        values = " ".join(pages.term(iri).n3() for iri in ordered[start : start + LABEL_BATCH])
        for row in pages.run(view, cacheable(pages.PREFIXES + _LATER % values)):
            facts.setdefault(str(row["later"]), []).append(row)
    return changes_of(
        {**row, **fact}
        for row in links
        if str(row["later"]) in needed
        for fact in facts.get(str(row["later"]), [{}])
    )


def family(view: Any, iri: str) -> list[str]:
    """An organisation and its sub-organisations at any depth, walked one bound lookup at a time."""
    found, todo = [iri], [iri]
    while todo and len(found) < MAX_PARTS:
        for row in pages.run(view, cacheable(pages.PREFIXES + _PARTS), this=todo.pop(0)):
            part = str(row["part"])
            if part not in found:
                found.append(part)
                todo.append(part)
    return found[:MAX_PARTS]


_WITHIN = "SELECT DISTINCT ?this ?part WHERE { ?part prec:withinPlace ?this } LIMIT 500"
_BODIES_IN = "SELECT DISTINCT ?this ?body WHERE { ?body prec:jurisdiction ?this } LIMIT 500"


def bodies_in(view: Any, place: str) -> list[str]:
    """The bodies with jurisdiction in ``place`` or a place within it, and their sub-organisations."""
    places, todo = [place], [place]
    while todo and len(places) < MAX_PARTS:
        for row in pages.run(view, pages.PREFIXES + _WITHIN, this=todo.pop(0)):
            if str(row["part"]) not in places:
                places.append(str(row["part"]))
                todo.append(str(row["part"]))
    bodies: list[str] = []
    for where in places:
        for row in pages.run(view, pages.PREFIXES + _BODIES_IN, this=where):
            for member in family(view, str(row["body"])):
                if member not in bodies:
                    bodies.append(member)
    return bodies[:MAX_PARTS]


def rows(view: Any, name: str, kind: str, iri: str) -> list[dict[str, Any]]:
    """Run the named subject query ``name`` for the subject ``kind``/``iri`` at the view's level.

    An organisation's rows are its own and its sub-organisations' (a ministry's pages show its
    agencies' boards), gathered organisation by organisation for the engine reason given above.
    """
    # Cached until the level's store changes: the rows depend only on the subject, never on
    # ``as_of`` (applied afterwards), and a body such as the FOMC has thousands of them (issue #12).
    query = cacheable(pages.PREFIXES + _QUERIES[name] % _subject(kind))
    if kind not in ("organisation", "place"):
        return summary_rows(view, kind, iri, name, query)
    members = family(view, iri) if kind == "organisation" else bodies_in(view, iri)
    if len(members) == 1:
        if kind == "organisation":
            found = _summarised(view, kind, iri, name)
            if found is not None:
                return found
        return pages.run(view, query, this=members[0])
    # Every member in one query, bound inside the sub-select (each an index look-up, as one body is):
    # a place's page asked 4 queries for each of its 8 bodies, 20-40 ms each even when empty, 1-2 s
    # on the first request. The IRIs come from the store and are checked by ``pages.term``.
    values = "VALUES ?this { " + " ".join(pages.term(member).n3() for member in members) + " } "
    return pages.run(view, cacheable(pages.PREFIXES + _QUERIES[name] % (values + _subject(kind))))


#: The rows the writer keeps in a subject's page summary (``archive.summaries``), by kind: each named
#: query exactly as the page runs it. A body's are its own (a body with sub-organisations asks the
#: engine, since its pages gather its parts' rows too); topics and places have none (a topic is not
#: described by the documents that use it, so no write would tell the writer to refresh it).
SUMMARISED: dict[str, dict[str, str]] = {
    "organisation": {
        "decision_lines": pages.PREFIXES + _DECISION_LINES % SUBJECT_PATTERNS["organisation"],
        "body_page_extras": pages.PREFIXES + _QUERIES["body_page_extras"] % SUBJECT_PATTERNS["organisation"],
        "members": pages.BODY_ATTENDANCE,
        "topics": pages.BODY_TOPICS,
    },
    "administration": {
        "decision_lines": pages.PREFIXES + _DECISION_LINES % SUBJECT_PATTERNS["administration"],
        "page_extras": pages.PREFIXES + _QUERIES["page_extras"] % SUBJECT_PATTERNS["administration"],
        "decision_topics": DECISION_TOPICS,
    },
}


def _summarised(view: Any, kind: str, iri: str, name: str) -> list[dict[str, Any]] | None:
    """The rows of ``name`` from the subject's page summary at the view's level, if it has one."""
    return summaries.entity_rows(view, iri, kind, name) if name in SUMMARISED.get(kind, {}) else None


def summary_rows(view: Any, kind: str, iri: str, name: str, query: str) -> list[dict[str, Any]]:
    """``pages.run(view, query, this=iri)``, from the subject's page summary when it has one."""
    found = _summarised(view, kind, iri, name)
    return found if found is not None else pages.run(view, query, this=iri)


def members(view: Any, iri: str) -> list[dict[str, Any]]:
    """``pages.BODY_ATTENDEES``'s rows for a body: who sat at its meetings, how often, first and last.

    From the body's page summary when it has one (each person's count and dates on IRIs), named here:
    a person's names are their own entity graph's and change with documents that may not name the body.
    """
    counted = _summarised(view, "organisation", iri, "members")
    if counted is None:
        return pages.run(view, pages.BODY_ATTENDEES, this=iri)
    names = all_labels(view, [str(row["person"]) for row in counted])
    found = [
        {**row, "personLabel": name} for row in counted for name in names.get(str(row["person"]), [None])
    ]
    # as ``ORDER BY ?from ?personLabel`` orders them: an unnamed person before the named
    found.sort(key=lambda row: (row["first"] or "", row["personLabel"] is not None, row["personLabel"] or ""))
    return found[:_ATTENDEES_LIMIT]


#: ``pages.BODY_ATTENDEES``'s ``LIMIT``.
_ATTENDEES_LIMIT = 2000


def deciders(view: Any, kind: str, iri: str, decisions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Who decided each of the subject's ``decisions`` (its rows from ``rows``): ``decision``, ``decider``.

    A body's (or a place's bodies') decisions are found through ``prec:decidedBy ?this``, so ``?this``
    decided every one of them: only the other deciders are asked for. Asking for all returned the
    FOMC deciding each of its 1,635 decisions, a third of the rows its page's first request read.
    """
    if kind not in ("organisation", "place"):
        return rows(view, "deciders", kind, iri)
    own = [{"decision": row["decision"], "decider": row["this"]} for row in decisions]
    return own + rows(view, "co_deciders", kind, iri)


def page_extras(
    view: Any, kind: str, iri: str, decisions: list[dict[str, Any]]
) -> dict[str, list[dict[str, Any]]]:
    """The ``deciders``, ``administrations`` and ``options`` rows of the subject's ``decisions`` (its
    ``decision_lines`` rows), as ``deciders`` and ``rows(..., "administrations"/"options", ...)`` give
    them, read in one query (``_PAGE_EXTRAS``). Rows of IRIs not among ``decisions`` may be included:
    callers match rows to their decision lines by IRI.
    """
    bodies = kind in ("organisation", "place")
    found = rows(view, "body_page_extras" if bodies else "page_extras", kind, iri)
    # A body decided each of its decisions (its pattern says so): only the others are asked for.
    own = [{"decision": row["decision"], "decider": row["this"]} for row in decisions] if bodies else []
    extras: dict[str, list[dict[str, Any]]] = {"deciders": own, "administrations": [], "options": []}
    for row in found:
        if row.get("decider") is not None:
            extras["deciders"].append(row)
        elif row.get("administration") is not None:
            extras["administrations"].append(row)
        elif row.get("option") is not None:
            extras["options"].append(row)
    return extras


def label(view: Any, iri: str) -> str | None:
    """The subject's label at the view's level, else the glossary's (for topics)."""
    for row in pages.run(view, pages.PREFIXES + _LABEL, this=iri):
        for name in ("prefLabel", "label"):
            if row.get(name) is not None:
                return str(row[name])
    found = _glossary().value(URIRef(iri), SKOS.prefLabel)
    return str(found) if found is not None else None


#: The label of each of a batch of IRIs (bound by ``VALUES``, each an index look-up on the subject), the
#: least one when an entity has several, so the answer does not depend on the engine's order.
_LABELS = """
SELECT ?this (MIN(?label) AS ?name) WHERE {
  VALUES ?this { %s }
  ?this rdfs:label ?label
}
GROUP BY ?this
"""
#: IRIs per ``_LABELS`` query.
LABEL_BATCH = 200


def labels(view: Any, iris: Any) -> dict[str, str]:
    """The ``rdfs:label`` of each IRI, looked up in batches bound to the IRIs (never a scan of labels).

    One query per IRI cost ~1 ms each warm but 107 ms for a topic's 113 deciders on the first request
    at 3,000 generated documents; joining labels to a pattern instead scans every label (see above).
    """
    found: dict[str, str] = {}
    ordered = sorted(set(iris))
    for start in range(0, len(ordered), LABEL_BATCH):
        values = " ".join(pages.term(iri).n3() for iri in ordered[start : start + LABEL_BATCH])
        for row in pages.run(view, cacheable(pages.PREFIXES + _LABELS % values)):
            if row.get("name") is not None:
                found[str(row["this"])] = str(row["name"])
    return found


#: Every label of each of a batch of IRIs (a person named two ways is listed under both, as a join on
#: ``rdfs:label`` lists them).
_ALL_LABELS = """
SELECT ?this ?label WHERE {
  VALUES ?this { %s }
  ?this rdfs:label ?label
}
"""


def all_labels(view: Any, iris: Any) -> dict[str, list[str]]:
    """Every ``rdfs:label`` of each IRI, looked up in batches bound to the IRIs, as ``labels`` does."""
    found: dict[str, list[str]] = {}
    ordered = sorted(set(iris))
    for start in range(0, len(ordered), LABEL_BATCH):
        values = " ".join(pages.term(iri).n3() for iri in ordered[start : start + LABEL_BATCH])
        for row in pages.run(view, cacheable(pages.PREFIXES + _ALL_LABELS % values)):
            if row.get("label") is not None:
                found.setdefault(str(row["this"]), []).append(str(row["label"]))
    return found


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


__all__ = [
    "BRIEFING_KINDS",
    "SUBJECT_PATTERNS",
    "UnknownSubject",
    "known",
    "label",
    "labels",
    "rows",
    "subject_iri",
]
