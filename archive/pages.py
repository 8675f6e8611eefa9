"""The named SPARQL queries behind the web UI's entity pages, and the one way to run them.

Each query is a module constant whose subject is the variable ``?this`` (projected, as Oxigraph's
substitutions require). Every query is ``DISTINCT`` because the default graph is the union of the
documents' graphs, and a label stated by several documents would otherwise repeat a row.

``run`` binds ``?this`` (and any other named parameter) as an RDF term through the engine's
substitutions, never by pasting user text into the query, and runs it on the store of the
``View``'s level, which physically holds nothing above that level.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from .terms import PlainTerm
from .view import cacheable

if TYPE_CHECKING:
    from .contracts import ReadView

PREFIXES = """PREFIX prec: <https://w3id.org/precedent/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""

# An absolute IRI with none of the characters SPARQL forbids inside <...>.
_IRI = re.compile(r'^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>"{}|\\^`]*$')

#: The decision page reads what ``DECISION`` to ``SOURCE_PASSAGES`` below give from one query,
#: ``DECISION_NEIGHBOURHOOD``; they stay as the reference ``tests/test_decision_page.py`` holds it to
#: (same rows, same order) and for other callers (``SOURCE_PASSAGES``, ``TOPICS``: meeting and record pages).
#: What was decided, when, how and why. Who decided it, where and under which administration come from
#: ``DECISION_CONTEXT``: Oxigraph's planning time grows steeply with the OPTIONALs of one query (13 of
#: them took 0.7 ms to parse and plan, an empty store's answer included; 9 and 4 take 0.2 ms together).
DECISION = (
    PREFIXES
    + """
SELECT DISTINCT ?this ?label ?identifier ?text ?date ?rationale ?method ?lapsesOn ?review ?confidence
WHERE {
  ?this a prec:Decision .
  OPTIONAL { ?this rdfs:label ?label }
  OPTIONAL { ?this prec:identifier ?identifier }
  OPTIONAL { ?this prec:text ?text }
  OPTIONAL { ?this prec:date ?date }
  OPTIONAL { ?this prec:rationale ?rationale }
  OPTIONAL { ?this prec:decisionMethod ?method }
  OPTIONAL { ?this prec:lapsesOn ?lapsesOn }
  OPTIONAL { ?this prec:reviewStatus ?review }
  OPTIONAL { ?this prec:confidence ?confidence }
}
LIMIT 1
"""
)

#: The body that took a decision, its meeting, its administration and the motion's text. Their labels
#: come from ``LABELS``: a body or an administration is labelled in every document that names it.
DECISION_CONTEXT = (
    PREFIXES
    + """
SELECT DISTINCT ?this ?body ?meeting ?administration ?motionText WHERE {
  OPTIONAL { ?this prec:decidedBy ?body }
  OPTIONAL { ?this prec:decidedAt ?meeting }
  OPTIONAL { ?this prec:duringAdministration ?administration }
  OPTIONAL { ?this prec:onMotion/prec:text ?motionText }
}
LIMIT 1
"""
)

#: The labels of a shared entity (a criterion, a body): kept by ``View.select`` until the store changes,
#: since such an entity is labelled in many documents and the union graph reads every copy.
LABELS = cacheable(
    PREFIXES
    + """
SELECT DISTINCT ?this ?label WHERE { ?this rdfs:label ?label }
ORDER BY ?label
"""
)

#: Whether anything at all is said about ``?this`` at the level (an entity page's "does it exist").
EXISTS = "SELECT ?this WHERE { ?this ?p ?o } LIMIT 1"

#: Topics of any entity (decision, record), with the glossary label when the glossary is loaded.
TOPICS = (
    PREFIXES
    + """
SELECT DISTINCT ?this ?topic ?topicLabel WHERE {
  ?this prec:hasTopic ?topic .
  OPTIONAL { ?topic skos:prefLabel ?topicLabel }
}
ORDER BY ?topicLabel ?topic
"""
)

#: Options considered, which one was chosen, and the arguments for and against each. The criterion an
#: argument concerns comes as an IRI, labelled through ``LABELS``: a criterion ("cost") is labelled in
#: every document that names it, and reading its label through the union graph inside this query
#: de-duplicated ~250 copies per argument (3.4 of 3.6 ms per decision page on 300 generated minutes,
#: growing with the archive).
DECISION_OPTIONS = (
    PREFIXES
    + """
SELECT DISTINCT ?this ?option ?label ?description ?chosen ?rejection ?stance ?argument ?criterion WHERE {
  ?this prec:consideredOption|prec:chosenOption ?option .
  OPTIONAL { ?option rdfs:label ?label }
  OPTIONAL { ?option prec:description ?description }
  OPTIONAL { ?option prec:rejectionReason ?rejection }
  BIND(EXISTS { ?this prec:chosenOption ?option } AS ?chosen)
  OPTIONAL {
    { ?option prec:hasPro ?arg BIND("pro" AS ?stance) } UNION { ?option prec:hasCon ?arg BIND("con"
        AS ?stance) }
    OPTIONAL { ?arg prec:argumentText ?argument }
    OPTIONAL { ?arg prec:concernsCriterion ?criterion }
  }
}
ORDER BY ?option ?stance ?argument
"""
)

#: The vote on the decision (directly or on its motion), with each member's ballot. Recused members
#: (a declared interest: they took no part) are counted apart from those who abstained.
DECISION_VOTE = (
    PREFIXES
    + """
SELECT DISTINCT ?this ?vote ?for ?against ?abstaining ?absent ?recused ?result ?voter ?voterLabel ?cast
       ?dissent WHERE {
  ?this prec:hasVote|prec:onMotion/prec:hasVote ?vote .
  OPTIONAL { ?vote prec:votesFor ?for }
  OPTIONAL { ?vote prec:votesAgainst ?against }
  OPTIONAL { ?vote prec:votesAbstaining ?abstaining }
  OPTIONAL { ?vote prec:votesAbsent ?absent }
  OPTIONAL { ?vote prec:votesRecused ?recused }
  OPTIONAL { ?vote prec:result ?result }
  OPTIONAL { ?vote prec:hasBallot ?ballot .
             OPTIONAL { ?ballot prec:voter ?voter OPTIONAL { ?voter rdfs:label ?voterLabel } }
             OPTIONAL { ?ballot prec:voteCast ?cast }
             OPTIONAL { ?ballot prec:dissentReason ?dissent } }
}
ORDER BY ?vote ?cast ?voterLabel
"""
)

#: Commitments: who must do what, by when, with what budget, and where it stands.
DECISION_COMMITMENTS = (
    PREFIXES
    + """
SELECT DISTINCT ?this ?commitment ?label ?owner ?ownerLabel ?deadline ?amount ?currency ?status WHERE {
  ?this prec:hasCommitment ?commitment .
  OPTIONAL { ?commitment rdfs:label ?label }
  OPTIONAL { ?commitment prec:owner ?owner OPTIONAL { ?owner rdfs:label ?ownerLabel } }
  OPTIONAL { ?commitment prec:deadline ?deadline }
  OPTIONAL { ?commitment prec:budgetAmount ?amount }
  OPTIONAL { ?commitment prec:budgetCurrency ?currency }
  OPTIONAL { ?commitment prec:commitmentStatus ?status }
}
ORDER BY ?deadline ?label
"""
)

#: Expected outcomes and what was observed against them.
DECISION_OUTCOMES = (
    PREFIXES
    + """
SELECT DISTINCT ?this ?outcome ?observed ?label ?indicator ?target ?value ?status ?observedOn
       ?expectation WHERE {
  { ?this prec:hasExpectedOutcome ?outcome BIND(false AS ?observed) }
  UNION
  { ?this prec:hasObservedOutcome ?outcome BIND(true AS ?observed) }
  OPTIONAL { ?outcome rdfs:label ?label }
  OPTIONAL { ?outcome prec:indicator ?indicator }
  OPTIONAL { ?outcome prec:targetValue ?target }
  OPTIONAL { ?outcome prec:observedValue ?value }
  OPTIONAL { ?outcome prec:outcomeStatus ?status }
  OPTIONAL { ?outcome prec:observedOn ?observedOn }
  OPTIONAL { ?outcome prec:observes ?expectation }
}
ORDER BY ?observed ?label
"""
)

#: Precedent links both ways; only forward links are stored, so "cited by" is ``^prec:cites``.
#: For each linked decision: whether something supersedes or reverses it, and when it lapses.
DECISION_LINKS = (
    PREFIXES
    + """
SELECT DISTINCT ?this ?link ?direction ?other ?otherLabel ?otherIdentifier ?otherDate ?supersededBy
       ?reversedBy ?lapsesOn
WHERE {
  VALUES ?link { prec:cites prec:follows prec:amends prec:supersedes prec:reverses prec:implements }
  { ?this ?link ?other BIND("out" AS ?direction) } UNION { ?other ?link ?this BIND("in" AS ?direction) }
  FILTER(?other != ?this)
  OPTIONAL { ?other rdfs:label ?otherLabel }
  OPTIONAL { ?other prec:identifier ?otherIdentifier }
  OPTIONAL { ?other prec:date ?otherDate }
  OPTIONAL { ?other prec:lapsesOn ?lapsesOn }
  OPTIONAL { ?supersededBy prec:supersedes ?other }
  OPTIONAL { ?reversedBy prec:reverses ?other }
}
ORDER BY ?link ?direction ?otherDate
"""
)

#: Everything a decision's page shows, as statements ``?s ?p ?o`` in one query: the decision's own; those
#: of its options, arguments, votes, ballots, outcomes, commitments and passages (less their types,
#: sources and offsets, which the page does not show: 30 % of the rows); the labels of voters, owners,
#: records, topics, the deciding body, the meeting and the administration; and the decisions that link
#: to it (the six precedent links). A criterion's label stays with ``LABELS``: a criterion is labelled in
#: hundreds of documents, and the union graph would read every copy.
#: ``webui.decision_page`` reads the statements into the rows the queries above give. Oxigraph's fixed
#: cost per query (parsing and planning: 1.6 of the 2.7 ms the ten queries took per page on 300 generated
#: minutes) is paid once. Each branch starts from ``?this`` through fixed properties: a ``VALUES ?p``
#: joined after a bound subject, a property path, or a union of two starts joined to ``?s ?p ?o`` made
#: the engine scan every statement of a property first (85-150 ms).
#: Pieces of the two queries below: the six precedent links (``DECISION_LINKS``) as a ``VALUES`` list;
#: what the decision page does not show of the things around a decision (30 % of their statements);
#: a linked decision's label, identifier, date and lapse date; what supersedes or reverses it.
_PIECES = {
    "links": "prec:cites prec:follows prec:amends prec:supersedes prec:reverses prec:implements",
    "not shown": "FILTER(?p NOT IN (rdf:type, prec:derivedFrom, prec:startOffset, prec:endOffset))",
    "shown": """{ ?s rdfs:label ?o BIND(rdfs:label AS ?p) }
          UNION { ?s prec:identifier ?o BIND(prec:identifier AS ?p) }
          UNION { ?s prec:date ?o BIND(prec:date AS ?p) }
          UNION { ?s prec:lapsesOn ?o BIND(prec:lapsesOn AS ?p) }""",
    "later": """{ ?s prec:supersedes ?o BIND(prec:supersedes AS ?p) }
          UNION { ?s prec:reverses ?o BIND(prec:reverses AS ?p) }""",
}
DECISION_NEIGHBOURHOOD = (
    PREFIXES
    + f"""
SELECT DISTINCT ?this ?s ?p ?o WHERE {{
  {{ ?this ?p ?o BIND(?this AS ?s) }}
  UNION {{ VALUES ?via {{ prec:consideredOption prec:chosenOption prec:hasExpectedOutcome
                        prec:hasObservedOutcome prec:hasCommitment prec:derivedFrom prec:onMotion
                        prec:hasVote }}
          ?this ?via ?s . ?s ?p ?o {_PIECES["not shown"]} }}
  UNION {{ VALUES ?via {{ prec:consideredOption prec:chosenOption }}
          VALUES ?stance {{ prec:hasPro prec:hasCon }}
          ?this ?via ?option . ?option ?stance ?s . ?s ?p ?o {_PIECES["not shown"]} }}
  UNION {{ ?this prec:onMotion ?motion . ?motion prec:hasVote ?s . ?s ?p ?o {_PIECES["not shown"]} }}
  UNION {{ ?this prec:hasVote ?vote . ?vote prec:hasBallot ?s . ?s ?p ?o {_PIECES["not shown"]} }}
  UNION {{ ?this prec:onMotion ?motion . ?motion prec:hasVote ?vote . ?vote prec:hasBallot ?s .
          ?s ?p ?o {_PIECES["not shown"]} }}
  UNION {{ ?this prec:hasVote ?vote . ?vote prec:hasBallot ?ballot . ?ballot prec:voter ?s .
          ?s rdfs:label ?o BIND(rdfs:label AS ?p) }}
  UNION {{ ?this prec:onMotion ?motion . ?motion prec:hasVote ?vote . ?vote prec:hasBallot ?ballot .
          ?ballot prec:voter ?s . ?s rdfs:label ?o BIND(rdfs:label AS ?p) }}
  UNION {{ ?this prec:hasCommitment ?commitment . ?commitment prec:owner ?s .
          ?s rdfs:label ?o BIND(rdfs:label AS ?p) }}
  UNION {{ ?this prec:derivedFrom ?passage . ?passage prec:inRecord ?s .
          ?s rdfs:label ?o BIND(rdfs:label AS ?p) }}
  UNION {{ ?this prec:derivedFrom ?passage . ?passage prec:inRecord ?s .
          ?s prec:identifier ?o BIND(prec:identifier AS ?p) }}
  UNION {{ VALUES ?via {{ prec:decidedBy prec:decidedAt prec:duringAdministration }}
          ?this ?via ?s . ?s rdfs:label ?o BIND(rdfs:label AS ?p) }}
  UNION {{ ?this prec:hasTopic ?s . ?s skos:prefLabel ?o BIND(skos:prefLabel AS ?p) }}
  UNION {{ VALUES ?p {{ {_PIECES["links"]} }} ?s ?p ?this BIND(?this AS ?o) }}
}}
"""
)

#: For a decision with precedent links (most have none: asked only then), the statements about each
#: decision it links to or from that its page shows: label, identifier, date, lapse date, and whatever
#: supersedes or reverses it. Read with ``DECISION_NEIGHBOURHOOD``'s statements.
DECISION_LINKED = (
    PREFIXES
    + f"""
SELECT DISTINCT ?this ?s ?p ?o WHERE {{
  {{ VALUES ?link {{ {_PIECES["links"]} }} ?this ?link ?s .
          {_PIECES["shown"]} }}
  UNION {{ VALUES ?link {{ {_PIECES["links"]} }} ?s ?link ?this .
          {_PIECES["shown"]} }}
  UNION {{ VALUES ?link {{ {_PIECES["links"]} }} ?this ?link ?o .
          {_PIECES["later"]} }}
  UNION {{ VALUES ?link {{ {_PIECES["links"]} }} ?o ?link ?this .
          {_PIECES["later"]} }}
}}
"""
)

#: The passages a fact was derived from, with the record they belong to.
SOURCE_PASSAGES = (
    PREFIXES
    + """
SELECT DISTINCT ?this ?passage ?quote ?sequence ?page ?elementId ?record ?recordLabel
       ?recordIdentifier WHERE {
  ?this prec:derivedFrom ?passage .
  OPTIONAL { ?passage prec:quote ?quote }
  OPTIONAL { ?passage prec:sequence ?sequence }
  OPTIONAL { ?passage prec:page ?page }
  OPTIONAL { ?passage prec:elementId ?elementId }
  OPTIONAL { ?passage prec:inRecord ?record
             OPTIONAL { ?record rdfs:label ?recordLabel }
             OPTIONAL { ?record prec:identifier ?recordIdentifier } }
}
ORDER BY ?sequence
"""
)

# ---------------------------------------------------------------------------------------------------
# Person and body pages (issue #12). Each actor is described once per level (its entity graph), so
# these queries may join labels freely. Where every part of a join is a document's own fact (a ballot,
# its vote and decision; an attendance and its meeting) the join runs inside ``GRAPH ?document``, which
# spares the union graph's de-duplication of every triple pattern. Every query starts from ``?this``
# through one fixed property (an index look-up on object → subject); a property path or a UNION that
# begins with an unbound subject made Oxigraph walk every decision first (206 s for Robert Lansing's
# page on the real data).
# So each part a decision can play is its own query, and the page merges them. The actor queries are
# ``cacheable``: ``View.select`` keeps their answers until the level's store changes.

#: Posts and memberships a person held, with their dates.
PERSON_POSTS = cacheable(
    PREFIXES
    + """
SELECT DISTINCT ?this ?membership ?organisation ?organisationLabel ?post ?postLabel ?role ?start ?end WHERE {
  ?membership prec:member ?this .
  OPTIONAL { ?membership prec:organisation ?organisation
             OPTIONAL { ?organisation rdfs:label ?organisationLabel } }
  OPTIONAL { ?membership prec:post ?post OPTIONAL { ?post rdfs:label ?postLabel } }
  OPTIONAL { ?membership prec:roleLabel ?role }
  OPTIONAL { ?membership prec:startDate ?start }
  OPTIONAL { ?membership prec:endDate ?end }
}
ORDER BY ?start ?organisationLabel
LIMIT 1000
"""
)

#: Posts held in a body (its memberships), with who held them and when.
BODY_POSTS = cacheable(
    PREFIXES
    + """
SELECT DISTINCT ?this ?membership ?person ?personLabel ?post ?postLabel ?role ?start ?end WHERE {
  ?membership prec:organisation ?this .
  ?membership prec:member ?person .
  OPTIONAL { ?person rdfs:label ?personLabel }
  OPTIONAL { ?membership prec:post ?post OPTIONAL { ?post rdfs:label ?postLabel } }
  OPTIONAL { ?membership prec:roleLabel ?role }
  OPTIONAL { ?membership prec:startDate ?start }
  OPTIONAL { ?membership prec:endDate ?end }
}
ORDER BY DESC(?start) ?personLabel
LIMIT 300
"""
)

#: Records an actor wrote, received, took part in or is mentioned in: the newest 500 (Seward received
#: 842 despatches in one volume). Dates come as plain strings: turning 800 typed dates into Python
#: dates cost more than the query.
ACTOR_RECORDS = cacheable(
    PREFIXES
    + """
SELECT DISTINCT ?this ?record ?role ?label (STR(?when) AS ?date) WHERE {
  VALUES ?role { prec:author prec:recipient prec:participant prec:mentions }
  GRAPH ?document {
    ?record ?role ?this .
    OPTIONAL { ?record rdfs:label ?label }
    OPTIONAL { ?record prec:date ?when }
  }
}
ORDER BY DESC(?when) ?record
LIMIT 500
"""
)

#: Meetings a person attended (with status and capacity) or chaired.
ACTOR_ATTENDED = cacheable(
    PREFIXES
    + """
SELECT DISTINCT ?this ?meeting ?label ?date ?status ?capacity WHERE {
  GRAPH ?document {
    { ?attendance prec:attendee ?this . ?meeting prec:hasAttendance ?attendance .
      OPTIONAL { ?attendance prec:attendanceStatus ?status }
      OPTIONAL { ?attendance prec:inCapacity ?capacity } }
    UNION { ?meeting prec:chair ?this . BIND("chair" AS ?capacity) }
    OPTIONAL { ?meeting rdfs:label ?label }
    OPTIONAL { ?meeting prec:date ?date }
  }
}
ORDER BY DESC(?date) ?meeting
LIMIT 2000
"""
)

#: Meetings a body held.
BODY_MEETINGS = cacheable(
    PREFIXES
    + """
SELECT DISTINCT ?this ?meeting ?label ?date WHERE {
  ?meeting prec:heldBy ?this .
  OPTIONAL { ?meeting rdfs:label ?label }
  OPTIONAL { ?meeting prec:date ?date }
}
ORDER BY DESC(?date) ?meeting
LIMIT 300
"""
)

#: The newest decisions an actor (a body, or a person deciding alone) took; ``ACTOR_DECIDED_COUNT``
#: says how many there are in all (the FOMC took 1,269: listing them all cost 230 ms).
ACTOR_DECIDED = cacheable(
    PREFIXES
    + """
SELECT ?this ?decision ?label (STR(?when) AS ?date) ?identifier WHERE {
  { SELECT ?this ?decision ?when
    WHERE { ?decision prec:decidedBy ?this . OPTIONAL { ?decision prec:date ?when } }
    ORDER BY DESC(?when) ?decision LIMIT 300 }
  OPTIONAL { ?decision rdfs:label ?label }
  OPTIONAL { ?decision prec:identifier ?identifier }
}
ORDER BY DESC(?when) ?decision
"""
)

ACTOR_DECIDED_COUNT = cacheable(
    PREFIXES
    + """
SELECT ?this (COUNT(DISTINCT ?decision) AS ?decisions) WHERE { ?decision prec:decidedBy ?this } GROUP BY ?this
"""
)

#: A body's decisions (decided by it, or taken at its meetings without a recorded decider) counted per
#: topic, with the first and last date: the page links each topic to its timeline.
BODY_TOPICS = cacheable(
    PREFIXES
    + """
SELECT ?this ?topic (COUNT(DISTINCT ?decision) AS ?decisions) (MIN(?date) AS ?first) (MAX(?date) AS ?last)
WHERE {
  { ?decision prec:decidedBy ?this }
  UNION { ?meeting prec:heldBy ?this . ?decision prec:decidedAt ?meeting .
          FILTER NOT EXISTS { ?decision prec:decidedBy ?someone } }
  OPTIONAL { ?decision prec:hasTopic ?topic }
  OPTIONAL { ?decision prec:date ?date }
}
GROUP BY ?this ?topic
ORDER BY DESC(?decisions)
LIMIT 200
"""
)

#: Decisions a person voted on, with how they voted (and why, for a dissent). A ballot, its vote, the
#: motion and the decision are stated in one document's graph, so the join runs inside it (a councillor
#: with 752 votes: 63 ms against 133 ms over the union graph). The newest 200 are chosen first, on
#: IRIs and dates alone, and only those are given their cast, reason, label and identifier: the first
#: request for a councillor's page spent 200-320 ms here fetching those for every ballot before the
#: sort, against 90-150 ms this way (the same rows; issue #12).
ACTOR_VOTED = cacheable(
    PREFIXES
    + """
SELECT ?this ?decision ?label (STR(?when) AS ?date) ?identifier ?cast ?dissent WHERE {
  { SELECT DISTINCT ?this ?ballot ?decision ?when WHERE {
      GRAPH ?document {
        ?ballot prec:voter ?this .
        ?vote prec:hasBallot ?ballot .
        { ?decision prec:hasVote ?vote }
        UNION { ?motion prec:hasVote ?vote . ?decision prec:onMotion ?motion }
        OPTIONAL { ?decision prec:date ?when }
      }
    } ORDER BY DESC(?when) ?decision LIMIT 200 }
  OPTIONAL { ?ballot prec:voteCast ?cast }
  OPTIONAL { ?ballot prec:dissentReason ?dissent }
  OPTIONAL { ?decision rdfs:label ?label }
  OPTIONAL { ?decision prec:identifier ?identifier }
}
ORDER BY DESC(?when) ?decision
"""
)

#: How many decisions a person voted on in all (the page lists the newest 200: a councillor's 750 took
#: 350 ms to fetch, convert and render, most of it after the query).
ACTOR_VOTED_COUNT = cacheable(
    PREFIXES
    + """
SELECT ?this (COUNT(DISTINCT ?ballot) AS ?ballots) WHERE { ?ballot prec:voter ?this } GROUP BY ?this
"""
)

#: Decisions on motions a person moved or seconded (joined inside the document's graph, as above).
ACTOR_MOVED = cacheable(
    PREFIXES
    + """
SELECT DISTINCT ?this ?decision ?label ?date ?identifier ?part WHERE {
  GRAPH ?document {
    { ?motion prec:movedBy ?this . ?decision prec:onMotion ?motion . BIND("moved" AS ?part) }
    UNION { ?motion prec:secondedBy ?this . ?decision prec:onMotion ?motion . BIND("seconded" AS ?part) }
    OPTIONAL { ?decision rdfs:label ?label }
    OPTIONAL { ?decision prec:date ?date }
    OPTIONAL { ?decision prec:identifier ?identifier }
  }
}
ORDER BY DESC(?date) ?decision
LIMIT 5000
"""
)

#: Commitments an actor owes, and the decisions that made them.
ACTOR_OWES = cacheable(
    PREFIXES
    + """
SELECT DISTINCT ?this ?decision ?label ?date ?identifier ?commitment ?commitmentLabel ?deadline ?status
WHERE {
  ?commitment prec:owner ?this .
  ?decision prec:hasCommitment ?commitment .
  OPTIONAL { ?commitment rdfs:label ?commitmentLabel }
  OPTIONAL { ?commitment prec:deadline ?deadline }
  OPTIONAL { ?commitment prec:commitmentStatus ?status }
  OPTIONAL { ?decision rdfs:label ?label }
  OPTIONAL { ?decision prec:date ?date }
  OPTIONAL { ?decision prec:identifier ?identifier }
}
ORDER BY ?deadline ?decision
LIMIT 2000
"""
)

#: Who sat at a body's meetings: each person listed in the attendance of its dated meetings (present,
#: absent or excused: a member either way), how many meetings, first and last date. Joined inside the
#: meeting's document graph (a meeting and its attendance are stated there only), counted on IRIs and
#: named afterwards: 83 ms for the FOMC's ~11,700 attendances, against 475 ms over the union graph and
#: 243 ms with an optional attendance status filtered per row.
BODY_ATTENDEES = cacheable(
    PREFIXES
    + """
SELECT ?this ?person ?personLabel ?meetings (STR(?from) AS ?first) (STR(?to) AS ?last) WHERE {
  { SELECT ?this ?person (COUNT(?meeting) AS ?meetings) (MIN(?date) AS ?from) (MAX(?date) AS ?to)
    WHERE {
      GRAPH ?document {
        ?meeting prec:heldBy ?this ; prec:date ?date ; prec:hasAttendance ?attendance .
        ?attendance prec:attendee ?person .
      }
    } GROUP BY ?this ?person }
  OPTIONAL { ?person rdfs:label ?personLabel }
}
ORDER BY ?from ?personLabel
LIMIT 2000
"""
)


#: ``BODY_ATTENDEES`` without the names: each person's meetings, first and last date, on IRIs only. The
#: writer keeps these rows in a body's page summary (``archive.summaries``) and a page names the people
#: when it shows them (names live in the people's own entity graphs, which change on their own).
BODY_ATTENDANCE = (
    PREFIXES
    + """
SELECT ?this ?person (COUNT(*) AS ?meetings) (STR(MIN(?date)) AS ?first) (STR(MAX(?date)) AS ?last)
WHERE {
  GRAPH ?document {
    ?meeting prec:heldBy ?this ; prec:date ?date ; prec:hasAttendance ?attendance .
    ?attendance prec:attendee ?person .
  }
}
GROUP BY ?this ?person
ORDER BY ?first ?person
"""
)


#: Every decision on a topic, oldest first, with what has happened to it since. Kept per store snapshot
#: like the actor queries: 100 ms on every topic page at 3,000 generated documents, warm or cold.
TOPIC_TIMELINE = cacheable(
    PREFIXES
    + """
SELECT DISTINCT ?this ?decision ?label ?date ?identifier ?body ?bodyLabel ?supersededBy ?reversedBy
       ?lapsesOn WHERE {
  ?decision prec:hasTopic ?this ; a prec:Decision .
  OPTIONAL { ?decision rdfs:label ?label }
  OPTIONAL { ?decision prec:date ?date }
  OPTIONAL { ?decision prec:identifier ?identifier }
  OPTIONAL { ?decision prec:decidedBy ?body OPTIONAL { ?body rdfs:label ?bodyLabel } }
  OPTIONAL { ?supersededBy prec:supersedes ?decision }
  OPTIONAL { ?reversedBy prec:reverses ?decision }
  OPTIONAL { ?decision prec:lapsesOn ?lapsesOn }
}
ORDER BY ?date ?label
LIMIT 1000
"""
)

#: A topic's own label and definition (from the glossary, when it is in the store).
TOPIC = (
    PREFIXES
    + """
SELECT DISTINCT ?this ?label ?definition WHERE {
  OPTIONAL { ?this skos:prefLabel ?label }
  OPTIONAL { ?this skos:definition ?definition }
}
LIMIT 1
"""
)

#: A meeting: body, date, place, chair, the record it is minuted in, administration.
MEETING = (
    PREFIXES
    + """
SELECT DISTINCT ?this ?label ?date ?startTime ?place ?body ?bodyLabel ?chair ?chairLabel ?record ?recordLabel
       ?administration ?administrationLabel WHERE {
  ?this a prec:Meeting .
  OPTIONAL { ?this rdfs:label ?label }
  OPTIONAL { ?this prec:date ?date }
  OPTIONAL { ?this prec:startTime ?startTime }
  OPTIONAL { ?this prec:placeName ?place }
  OPTIONAL { ?this prec:heldBy ?body OPTIONAL { ?body rdfs:label ?bodyLabel } }
  OPTIONAL { ?this prec:chair ?chair OPTIONAL { ?chair rdfs:label ?chairLabel } }
  OPTIONAL { ?this prec:recordedIn ?record OPTIONAL { ?record rdfs:label ?recordLabel } }
  OPTIONAL { ?this prec:duringAdministration ?administration
             OPTIONAL { ?administration rdfs:label ?administrationLabel } }
}
LIMIT 1
"""
)

#: Who attended a meeting, how, and in what post.
MEETING_ATTENDANCE = (
    PREFIXES
    + """
SELECT DISTINCT ?this ?person ?personLabel ?status ?capacity ?onBehalfOf ?onBehalfOfLabel WHERE {
  ?this prec:hasAttendance ?attendance .
  ?attendance prec:attendee ?person .
  OPTIONAL { ?person rdfs:label ?personLabel }
  OPTIONAL { ?attendance prec:attendanceStatus ?status }
  OPTIONAL { ?attendance prec:inCapacity ?capacity }
  OPTIONAL { ?attendance prec:onBehalfOf ?onBehalfOf OPTIONAL { ?onBehalfOf rdfs:label ?onBehalfOfLabel } }
}
ORDER BY ?status ?personLabel
"""
)

#: The agenda of a meeting and the decisions taken under each item (and decisions without an item).
MEETING_AGENDA = (
    PREFIXES
    + """
SELECT DISTINCT ?this ?item ?itemLabel ?sequence ?discussion ?decision ?decisionLabel WHERE {
  { ?this prec:hasAgendaItem ?item .
    OPTIONAL { ?item rdfs:label ?itemLabel }
    OPTIONAL { ?item prec:sequence ?sequence }
    OPTIONAL { ?item prec:discussion ?discussion }
    OPTIONAL { ?item prec:hasDecision ?decision OPTIONAL { ?decision rdfs:label ?decisionLabel } } }
  UNION
  { ?decision prec:decidedAt ?this .
    FILTER NOT EXISTS { ?this prec:hasAgendaItem/prec:hasDecision ?decision }
    OPTIONAL { ?decision rdfs:label ?decisionLabel } }
}
ORDER BY ?sequence ?decisionLabel
"""
)

#: A record's metadata.
RECORD = (
    PREFIXES
    + """
SELECT DISTINCT ?this ?label ?identifier ?date ?recordType ?accessLevel ?sourceNote ?place ?partOf
       ?url ?sourceFormat
WHERE {
  ?this a prec:Record .
  OPTIONAL { ?this rdfs:label ?label }
  OPTIONAL { ?this prec:identifier ?identifier }
  OPTIONAL { ?this prec:date ?date }
  OPTIONAL { ?this prec:recordType ?recordType }
  OPTIONAL { ?this prec:accessLevel ?accessLevel }
  OPTIONAL { ?this prec:sourceNote ?sourceNote }
  OPTIONAL { ?this prec:placeName ?place }
  OPTIONAL { ?this prec:partOf ?partOf }
  OPTIONAL { ?this prec:url ?url }
  OPTIONAL { ?this prec:sourceFormat ?sourceFormat }
}
LIMIT 1
"""
)

#: The people and bodies a record names, by role.
RECORD_ACTORS = (
    PREFIXES
    + """
SELECT DISTINCT ?this ?role ?actor ?actorLabel WHERE {
  VALUES ?role { prec:author prec:recipient prec:participant prec:mentions }
  ?this ?role ?actor .
  OPTIONAL { ?actor rdfs:label ?actorLabel }
}
ORDER BY ?role ?actorLabel
"""
)

#: The whole text of a record, passage by passage, and the facts drawn from each passage.
RECORD_PASSAGES = (
    PREFIXES
    + """
SELECT DISTINCT ?this ?passage ?sequence ?quote ?page ?elementId ?fact ?factType ?factLabel WHERE {
  ?passage prec:inRecord ?this .
  OPTIONAL { ?passage prec:sequence ?sequence }
  OPTIONAL { ?passage prec:quote ?quote }
  OPTIONAL { ?passage prec:page ?page }
  OPTIONAL { ?passage prec:elementId ?elementId }
  OPTIONAL { ?fact prec:derivedFrom ?passage ; a ?factType .
             FILTER(?factType IN (prec:Decision, prec:Meeting, prec:Commitment, prec:ObservedOutcome,
                                  prec:ExpectedOutcome, prec:Option))
             OPTIONAL { ?fact rdfs:label ?factLabel } }
}
ORDER BY ?sequence ?passage
LIMIT 5000
"""
)

#: Every statement about an entity, with labels for linked resources (the generic page).
PROPERTIES = (
    PREFIXES
    + """
SELECT DISTINCT ?this ?property ?value ?valueLabel WHERE {
  ?this ?property ?value .
  OPTIONAL { ?value rdfs:label ?valueLabel }
}
ORDER BY ?property ?value
LIMIT 2000
"""
)

#: Statements that point at the entity.
INCOMING = (
    PREFIXES
    + """
SELECT DISTINCT ?this ?subject ?subjectLabel ?property WHERE {
  ?subject ?property ?this .
  OPTIONAL { ?subject rdfs:label ?subjectLabel }
}
ORDER BY ?property ?subject
LIMIT 500
"""
)


def term(value: Any) -> Node:
    """An rdflib term for a binding; plain strings must be absolute IRIs (checked)."""
    if isinstance(value, (URIRef, Literal, BNode)):
        if isinstance(value, URIRef) and not _IRI.match(str(value)):
            raise ValueError(f"not a usable IRI: {str(value)!r}")
        return value
    if isinstance(value, str):
        if not _IRI.match(value):
            raise ValueError(f"not a usable IRI: {value!r}")
        return URIRef(value)
    return Literal(value)


def run(view: ReadView, query: str, **parameters: Any) -> list[dict[str, Node | None]]:
    """Execute a named SELECT for ``view``'s level; rows are ``{variable: rdflib term or None}``.

    These queries are ours, not the user's, so they run in-process on the level's own store with
    the parameters bound by the engine (Oxigraph substitutions): no worker process per page
    section, and still nothing above the view's level, because that store holds nothing above it.
    """
    bindings = {name: term(value) for name, value in parameters.items()}
    variables = _projected(query)
    return [
        {name: to_rdflib(row.get(name)) for name in variables or row} for row in view.select(query, bindings)
    ]


def run_plain(view: ReadView, query: str, **parameters: Any) -> list[dict[str, PlainTerm]]:
    """``run`` with IRIs and strings as ``str`` and only other literals as rdflib terms
    (``View.select_plain``): for a page that reads many rows and shows their text."""
    return view.select_plain(query, {name: term(value) for name, value in parameters.items()})


def ask(view: ReadView, query: str, **parameters: Any) -> bool:
    """Whether a named ``SELECT ... LIMIT 1`` existence query finds anything."""
    return bool(run(view, query, **parameters))


def construct(view: ReadView, query: str, **parameters: Any) -> list[tuple[Node, Node, Node]]:
    """The triples of a named CONSTRUCT for ``view``'s level (in-process, parameters bound)."""
    return view.construct(query, {name: term(value) for name, value in parameters.items()})


def projected(query: str) -> tuple[str, ...]:
    """The variables a named query projects (its outer ``SELECT``), in order."""
    return _projected(query)


@lru_cache(maxsize=256)
def _projected(query: str) -> tuple[str, ...]:
    # the queries are module constants: each is read once, not on every page
    match = re.search(r"SELECT\s+(?:DISTINCT\s+|REDUCED\s+)?(.*?)\s*WHERE", query, re.S | re.I)
    if match is None or match.group(1).strip() == "*":
        return ()
    return tuple(re.findall(r"(?:AS\s+)?\?(\w+)\)?(?=\s|$)", match.group(1)))


def to_rdflib(value: Any) -> Node | None:
    """rdflib term for an rdflib, pyoxigraph or plain value."""
    if value is None or isinstance(value, (URIRef, Literal, BNode)):
        return value
    kind = type(value).__name__
    if kind == "NamedNode":
        return URIRef(value.value)
    if kind == "BlankNode":
        return BNode(value.value)
    if kind == "Literal":
        if getattr(value, "language", None):
            return Literal(value.value, lang=value.language)
        datatype = getattr(value, "datatype", None)
        return Literal(value.value, datatype=URIRef(datatype.value) if datatype is not None else None)
    return Literal(value)
