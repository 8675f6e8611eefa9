"""Derive text-index records from a stored graph, so that indexing at write time and ``reindex`` agree.

One record per ``prec:Decision``, ``prec:Meeting`` and ``prec:Record`` of a document graph (read from
that graph alone), and one per ``prec:Person``/``prec:Organisation`` read from the level's whole store,
since actors are shared across documents. A record's whole text (``prec:fullText``, every word of the
source) is indexed as ``passage`` records of about ``PASSAGE_CHARS`` characters each, so that BM25 scores
a 30 KB set of minutes paragraph by paragraph (one long field would bury every word in it) and a hit
shows the passage it matched; the record itself keeps its opening. Without a whole text (older readers,
imported RDF) the record holds the passages facts cite. Every text is cleaned of the source's markup
(``textindex.clean``) so snippets show words, not Markdown or JSON.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

import pyoxigraph as ox
from rdflib import RDF, RDFS, SKOS, Literal, URIRef
from rdflib.term import Node

from ontology import GLOSSARY_TTL, PREC

from .store import GraphStore
from .terms import from_ox, nt_term
from .textindex import IndexRecord
from .textindex.clean import readable
from .triples import TripleSet

ORGANISATION_CLASSES = frozenset(
    PREC[name]
    for name in (
        "Organisation",
        "PublicBody",
        "Government",
        "NationalGovernment",
        "ForeignGovernment",
        "SubnationalGovernment",
        "LocalGovernment",
        "RegionalGovernment",
        "Ministry",
        "Agency",
        "Legislature",
        "InternationalOrganisation",
        "CivilSocietyBody",
        "Body",
    )
)
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?")
#: About this many characters of a record's whole text per passage record.
PASSAGE_CHARS = 1200
#: The record's own index text: its opening, this long (the passages hold every word).
OPENING_CHARS = 1500
_SENTENCE_END = re.compile(r"(?<=[.;:!?])\s+(?=[\"“(]?[A-Z0-9])")

# An actor is described once per level, in its entity graph (``descriptions.py``), so the union default
# graph states each fact once and the memberships (another entity graph) join without multiplying rows.
ACTOR_QUERY = """
PREFIX prec: <https://w3id.org/precedent/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT DISTINCT ?actor ?what ?value WHERE {{
  VALUES ?actor {{ {actors} }}
  {{ ?actor a ?value . BIND("type" AS ?what) }}
  UNION {{ ?actor rdfs:label ?value . BIND("label" AS ?what) }}
  UNION {{ ?actor prec:alias ?value . BIND("alias" AS ?what) }}
  UNION {{ ?membership prec:member ?actor ; prec:post/rdfs:label ?value . BIND("post" AS ?what) }}
  UNION {{ ?membership prec:member ?actor ; prec:roleLabel ?value . BIND("post" AS ?what) }}
}}
"""
ACTOR_CHUNK = 200


@lru_cache(maxsize=1)
def glossary_labels() -> dict[str, str]:
    """Topic concept IRI → its English ``skos:prefLabel``, read once from ``ontology/glossary.ttl``."""
    if not GLOSSARY_TTL.exists():
        return {}
    # parsed by pyoxigraph, in file order as rdflib's graph gave them: rdflib's Turtle parser took about
    # a second of the writer's process for these 30 KB, once per ingest
    pref_label = str(SKOS.prefLabel)
    labels: dict[str, str] = {}
    for triple in ox.parse(path=GLOSSARY_TTL, format=ox.RdfFormat.TURTLE):
        label = triple.object
        if triple.predicate.value != pref_label or not isinstance(label, ox.Literal):
            continue
        concept = str(from_ox(triple.subject))
        # English (or untagged) labels win over other languages
        if label.language in (None, "en") or concept not in labels:
            labels[concept] = label.value
    return labels


def _slug(iri: Node) -> str:
    return str(iri).rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1]


class _Reader:
    """Small helpers over one document graph (deterministic: values sorted)."""

    def __init__(self, graph: TripleSet) -> None:
        self.g = graph

    def values(self, subject: Node, predicate: URIRef) -> list[Node]:
        return sorted(self.g.objects(subject, predicate), key=str)

    def text(self, subject: Node, predicate: URIRef) -> list[str]:
        return [str(v) for v in self.values(subject, predicate) if isinstance(v, Literal)]

    def first(self, subject: Node, predicate: URIRef) -> str | None:
        found = self.text(subject, predicate)
        return found[0] if found else None

    def label(self, node: Node) -> str:
        return self.first(node, RDFS.label) or self.first(node, SKOS.prefLabel) or _slug(node)

    def is_person(self, node: Node) -> bool:
        return (node, RDF.type, PREC.Person) in self.g

    def is_organisation(self, node: Node) -> bool:
        return any(t in ORGANISATION_CLASSES for t in self.g.objects(node, RDF.type))

    def date(self, subject: Node) -> str | None:
        for value in self.text(subject, PREC.date):
            match = _DATE.match(value)
            if match:
                return match.group(0)
        return None

    def quotes(self, subject: Node) -> list[str]:
        return [
            q for passage in self.values(subject, PREC.derivedFrom) for q in self.text(passage, PREC.quote)
        ]

    def topics(self, subject: Node) -> list[str]:
        labels = glossary_labels()
        return [
            labels.get(str(t)) or self.first(t, SKOS.prefLabel) or _slug(t)
            for t in self.values(subject, PREC.hasTopic)
        ]


@lru_cache(maxsize=8)
def _readable_whole(full_text: str) -> str:
    """A record's whole text made readable once for its record and its passages (tens of KB each)."""
    return readable(full_text)


def _join(parts: Iterable[str | None]) -> str:
    return readable("\n".join(p.strip() for p in parts if p and p.strip()))


def _unique(values: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(v for v in values if v))


def _typed(graph: TripleSet, cls: URIRef) -> list[URIRef]:
    # blank-node entities have no stable IRI for a search hit to link to
    return sorted(s for s in graph.subjects(RDF.type, cls) if isinstance(s, URIRef))


def document_records(graph: TripleSet, identifier: str) -> list[IndexRecord]:
    """The index records of one document's stored graph(s)."""
    r = _Reader(graph)
    records = []
    for rec in _typed(graph, PREC.Record):
        records.append(_record_record(r, rec, identifier))
        records += _passage_records(r, rec, identifier, records[-1])
    document_type = _unique(
        t for rec in graph.subjects(RDF.type, PREC.Record) for t in r.text(rec, PREC.recordType)
    )
    for meeting in _typed(graph, PREC.Meeting):
        records.append(_meeting_record(r, meeting, identifier, document_type))
    for decision in _typed(graph, PREC.Decision):
        records.append(_decision_record(r, decision, identifier, document_type))
    return records


def _actors(r: _Reader, nodes: Iterable[Node]) -> tuple[list[str], list[str]]:
    persons, organisations = [], []
    for node in nodes:
        if r.is_person(node):
            persons.append(r.label(node))
        elif r.is_organisation(node):
            organisations.append(r.label(node))
    return _unique(persons), _unique(organisations)


def _record_record(r: _Reader, record: Node, identifier: str) -> IndexRecord:
    passages = sorted(
        r.g.subjects(PREC.inRecord, record), key=lambda p: (int(r.first(p, PREC.sequence) or 0), str(p))
    )
    full_text = r.first(record, PREC.fullText)
    # With a whole text, its passage records hold every word and the record its opening; without
    # one (older readers, imported RDF) the record holds the quotes facts cite.
    quotes = (
        [opening(_readable_whole(full_text))]
        if full_text
        else [q for p in passages for q in r.text(p, PREC.quote)]
    )
    people = [
        n
        for prop in (PREC.author, PREC.recipient, PREC.participant, PREC.mentions)
        for n in r.values(record, prop)
    ]
    persons, organisations = _actors(r, people)
    return IndexRecord(
        iri=str(record),
        kind="record",
        title=r.label(record),
        text=_join([r.first(record, PREC.sourceNote)] + quotes),
        date=r.date(record),
        document=identifier,
        body=None,
        facets={
            "actor": persons,
            "organisation": organisations,
            "topic": r.topics(record),
            "document_type": r.text(record, PREC.recordType),
        },
    )


def _passage_records(r: _Reader, record: Node, identifier: str, whole: IndexRecord) -> list[IndexRecord]:
    """The record's whole text cut into passages at paragraph and sentence ends, one index record each.

    A passage is found by its words and dated like its record; it carries only the record's document
    type, so the person, body and topic facets keep counting decisions, meetings and records.
    """
    full_text = r.first(record, PREC.fullText)
    if not full_text:
        return []
    facets = {"document_type": whole.facets.get("document_type", [])}
    return [
        IndexRecord(
            iri=f"{record}#passage-{number}",
            kind="passage",
            title=whole.title,
            text=chunk,
            date=whole.date,
            document=identifier,
            body=None,
            facets=facets,
        )
        for number, chunk in enumerate(passages_of(_readable_whole(full_text)), 1)
    ]


def passages_of(text: str, size: int = PASSAGE_CHARS) -> list[str]:
    """``text`` in pieces of about ``size`` characters, cut at paragraph ends, else at sentence ends."""
    pieces: list[str] = []
    for paragraph in (p.strip() for p in re.split(r"\n\s*\n|\n", text)):
        if not paragraph:
            continue
        sentences = _SENTENCE_END.split(paragraph) if len(paragraph) > size else [paragraph]
        for sentence in sentences:
            while len(sentence) > 2 * size:  # no sentence end for a long stretch: cut at a space
                cut = sentence.rfind(" ", size // 2, size) if " " in sentence[size // 2 : size] else size
                pieces.append(sentence[:cut].strip())
                sentence = sentence[cut:].strip()
            pieces.append(sentence)
    chunks: list[str] = []
    current = ""
    for piece in pieces:
        if current and len(current) + len(piece) + 1 > size:
            chunks.append(current)
            current = piece
        else:
            current = f"{current} {piece}" if current else piece
    if current:
        chunks.append(current)
    return chunks


def opening(text: str, limit: int = OPENING_CHARS) -> str:
    """The first ``limit`` characters of ``text``, cut at a word boundary."""
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    return text[: cut if cut > limit // 2 else limit]


def _meeting_people(r: _Reader, meeting: Node) -> list[Node]:
    people = [a for att in r.values(meeting, PREC.hasAttendance) for a in r.values(att, PREC.attendee)]
    return people + r.values(meeting, PREC.chair)


def _meeting_record(r: _Reader, meeting: Node, identifier: str, document_type: list[str]) -> IndexRecord:
    items = sorted(
        r.values(meeting, PREC.hasAgendaItem), key=lambda i: (int(r.first(i, PREC.sequence) or 0), str(i))
    )
    bodies = r.values(meeting, PREC.heldBy)
    persons, organisations = _actors(r, _meeting_people(r, meeting) + bodies)
    decisions = [d for i in items for d in r.values(i, PREC.hasDecision)]
    return IndexRecord(
        iri=str(meeting),
        kind="meeting",
        title=r.label(meeting),
        text=_join(
            [r.first(meeting, PREC.placeName)]
            + [t for i in items for t in [r.label(i)] + r.text(i, PREC.discussion)]
            + r.quotes(meeting)
        ),
        date=r.date(meeting),
        document=identifier,
        body=r.label(bodies[0]) if bodies else None,
        facets={
            "actor": persons,
            "organisation": _unique(organisations + [r.label(b) for b in bodies]),
            "topic": _unique(t for d in decisions for t in r.topics(d)),
            "administration": [r.label(a) for a in r.values(meeting, PREC.duringAdministration)],
            "document_type": document_type,
        },
    )


def _decision_record(r: _Reader, decision: Node, identifier: str, document_type: list[str]) -> IndexRecord:
    meetings = r.values(decision, PREC.decidedAt)
    deciders = r.values(decision, PREC.decidedBy)
    bodies = deciders or [b for m in meetings for b in r.values(m, PREC.heldBy)]
    options = r.values(decision, PREC.consideredOption) + r.values(decision, PREC.chosenOption)
    options = list(dict.fromkeys(options))
    arguments = [a for o in options for prop in (PREC.hasPro, PREC.hasCon) for a in r.values(o, prop)]
    text = _join(
        r.text(decision, PREC.text)
        + r.text(decision, PREC.rationale)
        + [
            t
            for o in options
            for t in [r.label(o)] + r.text(o, PREC.description) + r.text(o, PREC.rejectionReason)
        ]
        + [t for a in arguments for t in r.text(a, PREC.argumentText)]
        + r.quotes(decision)
    )
    persons, organisations = _actors(
        r, [p for m in meetings for p in _meeting_people(r, m)] + deciders + bodies
    )
    administrations = r.values(decision, PREC.duringAdministration) or [
        a for m in meetings for a in r.values(m, PREC.duringAdministration)
    ]
    outcomes = r.values(decision, PREC.hasExpectedOutcome) + r.values(decision, PREC.hasObservedOutcome)
    date = r.date(decision) or next((d for m in meetings if (d := r.date(m))), None)
    return IndexRecord(
        iri=str(decision),
        kind="decision",
        title=r.first(decision, RDFS.label) or r.first(decision, PREC.identifier) or _slug(decision),
        text=text,
        date=date,
        document=identifier,
        body=r.label(bodies[0]) if bodies else None,
        facets={
            "actor": persons,
            "organisation": organisations,
            "topic": r.topics(decision),
            "administration": _unique(r.label(a) for a in administrations),
            "document_type": document_type,
            "outcome_status": _unique(s for o in outcomes for s in r.text(o, PREC.outcomeStatus)),
        },
    )


def touched_actors(graph: TripleSet, minter_base: str) -> set[str]:
    """IRIs of persons and organisations a document graph names (typed there, or minted as such)."""
    actors: set[str] = set()
    person_prefix, org_prefix = f"{minter_base}person/", f"{minter_base}organisation/"
    for node in graph.iris():
        if node.startswith((person_prefix, org_prefix)):
            actors.add(str(node))
    for cls in {PREC.Person} | ORGANISATION_CLASSES:
        actors.update(str(s) for s in graph.subjects(RDF.type, cls) if isinstance(s, URIRef))
    return actors


def actor_records(store: GraphStore, iris: Iterable[str]) -> dict[str, IndexRecord | None]:
    """Records of persons and organisations as the level's store knows them (``None``: it knows nothing)."""
    iris = sorted(set(iris))
    found: dict[str, dict[str, list[str]]] = {
        iri: {"type": [], "label": [], "alias": [], "post": []} for iri in iris
    }
    for start in range(0, len(iris), ACTOR_CHUNK):
        values = " ".join(nt_term(URIRef(iri)) for iri in iris[start : start + ACTOR_CHUNK])
        # IRIs and strings as ``str``: no rdflib term made for them (0.1 s of the writer's process for the
        # FRUS folder's three levels)
        for row in store.select_plain(ACTOR_QUERY.format(actors=values)):
            if "actor" in row and "what" in row and "value" in row and str(row["actor"]) in found:
                found[str(row["actor"])][str(row["what"])].append(str(row["value"]))
    return {iri: _actor_record(iri, by_what) for iri, by_what in found.items()}


def _actor_record(iri: str, by_what: dict[str, list[str]]) -> IndexRecord | None:
    types = set(by_what["type"])
    if str(PREC.Person) in types:
        kind = "person"
    elif types & {str(c) for c in ORGANISATION_CLASSES}:
        kind = "organisation"
    else:
        return None
    labels = sorted(set(by_what["label"]))
    aliases = sorted(set(by_what["alias"]) - set(labels))
    posts = sorted(set(by_what["post"]))
    return IndexRecord(
        iri=iri,
        kind=kind,
        title=labels[0] if labels else _slug(URIRef(iri)),
        text=_join(labels + aliases + posts),
        date=None,
        document=None,
        body=None,
        facets={"organisation": labels} if kind == "organisation" else {"actor": labels},
    )
