"""What each kind of entity page shows: one function per kind that gathers its facts through the
named queries in ``archive.pages`` and shapes them for its template."""

from __future__ import annotations

import datetime as dt
from collections import OrderedDict
from typing import Any

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from archive import pages
from archive.contracts import ReadView
from ontology import GLOSSARY_TTL, PREC, PREFIXES

#: Precedent links: forward wording, backward wording.
LINK_WORDS = {
    "cites": ("cites", "cited by"),
    "follows": ("follows", "followed by"),
    "amends": ("amends", "amended by"),
    "supersedes": ("supersedes", "superseded by"),
    "reverses": ("reverses", "reversed by"),
    "implements": ("implements", "implemented by"),
}


def text(value: Any) -> str | None:
    return None if value is None else str(value)


def local_name(iri: Any) -> str:
    value = str(iri)
    for prefix, namespace in PREFIXES.items():
        if value.startswith(namespace) and len(value) > len(namespace):
            return f"{prefix}:{value[len(namespace) :]}"
    return value.rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1] or value


def standing(superseded_by: Any, reversed_by: Any, lapses_on: Any, today: dt.date | None = None) -> str:
    """Whether a decision is still in force, from what later decisions did to it and its lapse date."""
    if reversed_by is not None:
        return "reversed"
    if superseded_by is not None:
        return "superseded"
    if lapses_on is not None:
        try:
            if dt.date.fromisoformat(str(lapses_on)[:10]) < (today or dt.date.today()):
                return "lapsed"
        except ValueError:
            pass
    return "in force"


def decision(view: ReadView, iri: str) -> dict[str, Any]:
    summary = _first(pages.run(view, pages.DECISION, this=iri))
    options: OrderedDict[str, dict[str, Any]] = OrderedDict()
    for row in pages.run(view, pages.DECISION_OPTIONS, this=iri):
        option = options.setdefault(
            str(row["option"]),
            {
                "iri": str(row["option"]),
                "label": text(row["label"]) or local_name(row["option"]),
                "description": text(row["description"]),
                "chosen": _true(row["chosen"]),
                "rejection": text(row["rejection"]),
                "pros": [],
                "cons": [],
            },
        )
        if row["argument"] is not None:
            entry = {"text": str(row["argument"]), "criterion": text(row["criterionLabel"])}
            bucket = option["pros"] if str(row["stance"]) == "pro" else option["cons"]
            if entry not in bucket:
                bucket.append(entry)
    votes: OrderedDict[str, dict[str, Any]] = OrderedDict()
    for row in pages.run(view, pages.DECISION_VOTE, this=iri):
        vote = votes.setdefault(
            str(row["vote"]),
            {
                "for": text(row["for"]),
                "against": text(row["against"]),
                "abstaining": text(row["abstaining"]),
                "absent": text(row["absent"]),
                "recused": text(row["recused"]),
                "result": text(row["result"]),
                "ballots": [],
            },
        )
        if row["voter"] is not None:
            ballot = {
                "voter": str(row["voter"]),
                "label": text(row["voterLabel"]) or local_name(row["voter"]),
                "cast": text(row["cast"]),
                "dissent": text(row["dissent"]),
            }
            if ballot not in vote["ballots"]:
                vote["ballots"].append(ballot)
    outcomes = pages.run(view, pages.DECISION_OUTCOMES, this=iri)
    links = []
    superseded_by: dict[str, str] | None = None
    reversed_by: dict[str, str] | None = None
    for row in pages.run(view, pages.DECISION_LINKS, this=iri):
        name = local_name(row["link"]).split(":", 1)[-1]
        forward, backward = LINK_WORDS.get(name, (name, f"{name} (inverse)"))
        link = {
            "relation": forward if str(row["direction"]) == "out" else backward,
            "iri": str(row["other"]),
            "label": text(row["otherLabel"]) or local_name(row["other"]),
            "identifier": text(row["otherIdentifier"]),
            "date": text(row["otherDate"]),
            "standing": standing(row["supersededBy"], row["reversedBy"], row["lapsesOn"]),
        }
        if link not in links:
            links.append(link)
        if str(row["direction"]) == "in" and name in ("supersedes", "reverses"):
            later = {"iri": str(row["other"]), "label": link["identifier"] or link["label"]}
            if name == "supersedes":
                superseded_by = later
            else:
                reversed_by = later
    return {
        "summary": summary,
        "title": text(summary.get("label")) or text(summary.get("identifier")) or local_name(iri),
        "standing": standing(superseded_by, reversed_by, summary.get("lapsesOn")),
        "standing_by": reversed_by or superseded_by,
        "topics": topics(view, iri),
        "options": list(options.values()),
        "votes": list(votes.values()),
        "commitments": pages.run(view, pages.DECISION_COMMITMENTS, this=iri),
        "expected": [row for row in outcomes if not _true(row["observed"])],
        "observed": [row for row in outcomes if _true(row["observed"])],
        "links": links,
        "passages": passages(view, iri),
    }


def actor(view: ReadView, iri: str) -> dict[str, Any]:
    # Read through PROPERTIES: an actor is restated in every document naming it, so one query
    # joining its label, types, aliases and parents would multiply rows across those graphs.
    facts = pages.run(view, pages.PROPERTIES, this=iri)

    def values(name: str) -> list[Any]:
        return [f for f in facts if str(f["property"]) == name]

    labels = [str(f["value"]) for f in values(str(RDFS.label))]
    return {
        "title": labels[0] if labels else local_name(iri),
        "types": sorted({local_name(f["value"]) for f in values(str(RDF.type))}),
        "aliases": sorted({str(f["value"]) for f in values(str(PREC.alias))}),
        "parents": {str(f["value"]): text(f["valueLabel"]) for f in values(str(PREC.subOrganisationOf))},
        "roles": roles(view, iri),
        "decisions": pages.run(view, pages.ACTOR_DECISIONS, this=iri),
        "meetings": pages.run(view, pages.ACTOR_MEETINGS, this=iri),
    }


def roles(view: ReadView, iri: str) -> list[dict[str, Any]]:
    """Posts and memberships over time, oldest first (undated last)."""
    found = []
    for row in pages.run(view, pages.ACTOR_MEMBERSHIPS, this=iri):
        values: dict[str, Any] = {}
        labels: dict[str, Any] = {}
        for fact in pages.run(view, pages.PROPERTIES, this=row["membership"]):
            name = str(fact["property"]).rsplit("#", 1)[-1]
            values.setdefault(name, fact["value"])
            if fact["valueLabel"] is not None:
                labels.setdefault(name, fact["valueLabel"])
        found.append(
            {
                "person": values.get("member"),
                "personLabel": labels.get("member"),
                "organisation": values.get("organisation"),
                "organisationLabel": labels.get("organisation"),
                "postLabel": labels.get("post"),
                "role": values.get("roleLabel"),
                "start": values.get("startDate"),
                "end": values.get("endDate"),
            }
        )
    return sorted(
        found, key=lambda r: (r["start"] is None, str(r["start"] or ""), str(r["organisationLabel"]))
    )


def topic(view: ReadView, iri: str) -> dict[str, Any]:
    summary = _first(pages.run(view, pages.TOPIC, this=iri))
    label = text(summary.get("label")) or glossary_label(iri) or local_name(iri)
    timeline = []
    for row in pages.run(view, pages.TOPIC_TIMELINE, this=iri):
        if any(entry["iri"] == str(row["decision"]) for entry in timeline):
            continue
        timeline.append(
            {
                "iri": str(row["decision"]),
                "label": text(row["label"]) or local_name(row["decision"]),
                "date": text(row["date"]),
                "identifier": text(row["identifier"]),
                "body": text(row["body"]),
                "bodyLabel": text(row["bodyLabel"]),
                "standing": standing(row["supersededBy"], row["reversedBy"], row["lapsesOn"]),
            }
        )
    return {
        "title": label,
        "definition": text(summary.get("definition")) or glossary_definition(iri),
        "timeline": timeline,
    }


def meeting(view: ReadView, iri: str) -> dict[str, Any]:
    summary = _first(pages.run(view, pages.MEETING, this=iri))
    return {
        "summary": summary,
        "title": text(summary.get("label")) or local_name(iri),
        "attendance": pages.run(view, pages.MEETING_ATTENDANCE, this=iri),
        "agenda": pages.run(view, pages.MEETING_AGENDA, this=iri),
        "passages": passages(view, iri),
    }


def record(view: ReadView, iri: str) -> dict[str, Any]:
    summary = _first(pages.run(view, pages.RECORD, this=iri))
    ordered: OrderedDict[str, dict[str, Any]] = OrderedDict()
    for row in pages.run(view, pages.RECORD_PASSAGES, this=iri):
        passage = ordered.setdefault(
            str(row["passage"]),
            {
                "iri": str(row["passage"]),
                "slug": str(row["passage"]).rsplit("/", 1)[-1],
                "sequence": text(row["sequence"]),
                "quote": text(row["quote"]) or "",
                "page": text(row["page"]),
                "elementId": text(row["elementId"]),
                "facts": [],
            },
        )
        if row["fact"] is not None:
            fact = {
                "iri": str(row["fact"]),
                "type": local_name(row["factType"]).split(":", 1)[-1],
                "label": text(row["factLabel"]) or local_name(row["fact"]),
            }
            if fact not in passage["facts"]:
                passage["facts"].append(fact)
    actors = pages.run(view, pages.RECORD_ACTORS, this=iri)
    return {
        "summary": summary,
        "title": text(summary.get("label")) or text(summary.get("identifier")) or local_name(iri),
        "topics": topics(view, iri),
        "actors": [dict(row, role=local_name(row["role"]).split(":", 1)[-1]) for row in actors],
        "passages": list(ordered.values()),
    }


def generic(view: ReadView, iri: str, graph: Graph) -> dict[str, Any]:
    label = graph.value(URIRef(iri), RDFS.label)
    types = sorted(local_name(t) for t in graph.objects(URIRef(iri), RDF.type))
    return {
        "title": str(label) if label is not None else local_name(iri),
        "types": types,
        "properties": pages.run(view, pages.PROPERTIES, this=iri),
        "incoming": pages.run(view, pages.INCOMING, this=iri),
        "passages": passages(view, iri),
    }


def topics(view: ReadView, iri: str) -> list[dict[str, Any]]:
    return [
        {
            "iri": str(row["topic"]),
            "label": text(row["topicLabel"]) or glossary_label(str(row["topic"])) or local_name(row["topic"]),
        }
        for row in pages.run(view, pages.TOPICS, this=iri)
    ]


def passages(view: ReadView, iri: str) -> list[dict[str, Any]]:
    result = []
    for row in pages.run(view, pages.SOURCE_PASSAGES, this=iri):
        result.append(
            {
                "iri": str(row["passage"]),
                "slug": str(row["passage"]).rsplit("/", 1)[-1],
                "quote": text(row["quote"]),
                "sequence": text(row["sequence"]),
                "page": text(row["page"]),
                "record": text(row["record"]),
                "recordLabel": text(row["recordLabel"]),
                "recordIdentifier": text(row["recordIdentifier"]),
            }
        )
    return result


_GLOSSARY: Graph | None = None


def _glossary() -> Graph:
    # The glossary is a small file shipped with the ontology; parsed once per process.
    global _GLOSSARY
    if _GLOSSARY is None:
        graph = Graph()
        if GLOSSARY_TTL.is_file():
            graph.parse(GLOSSARY_TTL, format="turtle")
        _GLOSSARY = graph
    return _GLOSSARY


def glossary_label(iri: str) -> str | None:
    value = _glossary().value(URIRef(iri), SKOS.prefLabel)
    return str(value) if value is not None else None


def glossary_definition(iri: str) -> str | None:
    value = _glossary().value(URIRef(iri), SKOS.definition)
    return str(value) if value is not None else None


def _first(rows: list[dict[str, Any]]) -> dict[str, Any]:
    return rows[0] if rows else {}


def _true(value: Any) -> bool:
    return isinstance(value, Literal) and value.toPython() is True or str(value).lower() == "true"


__all__ = ["decision", "actor", "topic", "meeting", "record", "generic", "standing", "PREC"]
