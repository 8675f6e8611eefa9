"""What each kind of entity page shows: one function per kind that gathers its facts through the
named queries in ``archive.pages`` and shapes them for its template."""

from __future__ import annotations

import datetime as dt
from collections import OrderedDict
from typing import Any

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from archive import pages, subjects
from archive.contracts import ReadView
from ontology import GLOSSARY_TTL, PREC, PREFIXES

from .decision_page import Neighbourhood

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
    """A decision's page: what, who, when, why, the options and votes, outcomes, precedents and sources,
    all read from one query of the decision's neighbourhood (``decision_page.Neighbourhood``)."""
    return decision_from(Neighbourhood(view, iri), view, iri)


def decision_if_found(view: ReadView, iri: str) -> dict[str, Any] | None:
    """``decision``, or ``None`` when nothing is said about ``iri`` at the view's level: its one query
    answers ``pages.EXISTS`` too."""
    found = Neighbourhood(view, iri)
    return decision_from(found, view, iri) if found.found else None


def decision_from(found: Neighbourhood, view: ReadView, iri: str) -> dict[str, Any]:
    summary = found.summary()
    if summary:
        context = found.context()
        for part in ("body", "meeting", "administration"):
            summary[part] = context.get(part)
            label = found.label(summary[part])
            summary[f"{part}Label"] = None if label is None else Literal(label)
        summary["motionText"] = context.get("motionText")
    options: OrderedDict[str, dict[str, Any]] = OrderedDict()
    for row in found.options():
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
            bucket = option["pros"] if str(row["stance"]) == "pro" else option["cons"]
            criterion = row["criterion"]
            for label in labels(view, criterion) if criterion is not None else [None]:
                entry = {"text": str(row["argument"]), "criterion": label}
                if entry not in bucket:
                    bucket.append(entry)
    votes: OrderedDict[str, dict[str, Any]] = OrderedDict()
    for row in found.votes():
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
    outcomes = found.outcomes()
    links = []
    superseded_by: dict[str, str] | None = None
    reversed_by: dict[str, str] | None = None
    for row in found.links():
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
        "topics": [
            {
                "iri": str(row["topic"]),
                "label": text(row["topicLabel"])
                or glossary_label(str(row["topic"]))
                or local_name(row["topic"]),
            }
            for row in found.topics()
        ],
        "options": list(options.values()),
        "votes": list(votes.values()),
        "commitments": found.commitments(),
        "expected": [row for row in outcomes if not _true(row["observed"])],
        "observed": [row for row in outcomes if _true(row["observed"])],
        "links": links,
        "passages": [_passage(row) for row in found.passages()],
    }


# ---------------------------------------------------------------- person and body pages (issue #12)
RECORD_ROLES = {
    "author": "Wrote",
    "recipient": "Received",
    "participant": "Took part in",
    "mentions": "Mentioned in",
}


def actor(view: ReadView, iri: str) -> dict[str, Any]:
    """A person's or body's page: names, posts, documents, meetings and decisions, each part one query."""
    facts = pages.run(view, pages.PROPERTIES, this=iri)

    def values(name: str) -> list[Any]:
        return [f for f in facts if str(f["property"]) == name]

    labels = [str(f["value"]) for f in values(str(RDFS.label))]
    types = sorted({local_name(f["value"]) for f in values(str(RDF.type))})
    is_person = "prec:Person" in types
    aliases = {str(f["value"]) for f in values(str(PREC.alias)) + values(str(SKOS.altLabel))}
    context = {
        "title": labels[0] if labels else local_name(iri),
        "types": types,
        "is_person": is_person,
        "aliases": sorted(aliases - set(labels[:1])),
        "parents": {str(f["value"]): text(f["valueLabel"]) for f in values(str(PREC.subOrganisationOf))},
        "roles": actor_posts(view, iri, is_person),
        "documents": actor_documents(view, iri),
        "decisions": actor_decisions(view, iri, None if is_person else _body_decided(view, iri)),
        "decided_total": _count(pages.run(view, pages.ACTOR_DECIDED_COUNT, this=iri), "decisions"),
        "voted_total": _count(pages.run(view, pages.ACTOR_VOTED_COUNT, this=iri), "ballots"),
        "commitments": pages.run(view, pages.ACTOR_OWES, this=iri),
        "meetings": actor_meetings(view, iri, is_person),
    }
    if not is_person:
        context["members"] = subjects.members(view, iri)
        context["decisions_by_topic"] = decisions_by_topic(view, iri)
    return context


def _count(rows: list[dict[str, Any]], name: str) -> int:
    return int(str(rows[0][name])) if rows and rows[0].get(name) is not None else 0


def actor_posts(view: ReadView, iri: str, is_person: bool = True) -> list[dict[str, Any]]:
    """Posts and memberships over time, oldest first (undated last)."""
    found = []
    seen: set[tuple[Any, ...]] = set()  # a list's ``in`` compared every pair: 300 rows, 45,000 dicts
    for row in pages.run(view, pages.PERSON_POSTS if is_person else pages.BODY_POSTS, this=iri):
        entry = {
            name: row.get(name)
            for name in (
                "membership",
                "person",
                "personLabel",
                "organisation",
                "organisationLabel",
                "post",
                "postLabel",
                "role",
                "start",
                "end",
            )
        }
        key = tuple(entry.values())
        if key not in seen:
            seen.add(key)
            found.append(entry)
    return sorted(
        found, key=lambda r: (r["start"] is None, str(r["start"] or ""), str(r["organisationLabel"] or ""))
    )


def actor_documents(view: ReadView, iri: str) -> list[dict[str, Any]]:
    """Records the actor wrote, received, took part in or is mentioned in, grouped by that part."""
    groups: OrderedDict[str, list[dict[str, Any]]] = OrderedDict((role, []) for role in RECORD_ROLES)
    for row in pages.run(view, pages.ACTOR_RECORDS, this=iri):
        role = local_name(row["role"]).split(":", 1)[-1]
        entry = {
            "iri": str(row["record"]),
            "label": text(row["label"]) or local_name(row["record"]),
            "date": text(row["date"]),
        }
        if entry not in groups.setdefault(role, []):
            groups[role].append(entry)
    return [
        {"role": role, "heading": RECORD_ROLES.get(role, role), "records": records}
        for role, records in groups.items()
        if records
    ]


def actor_meetings(view: ReadView, iri: str, is_person: bool = True) -> list[dict[str, Any]]:
    """Meetings attended or chaired (a person) or held (a body), newest first."""
    rows: list[dict[str, Any]]
    if is_person:
        rows = list(pages.run(view, pages.ACTOR_ATTENDED, this=iri))
    else:
        rows = [{**row, "capacity": "held"} for row in pages.run(view, pages.BODY_MEETINGS, this=iri)]
    meetings: OrderedDict[str, dict[str, Any]] = OrderedDict()
    for row in rows:
        entry = meetings.setdefault(
            str(row["meeting"]),
            {
                "meeting": str(row["meeting"]),
                "label": text(row["label"]),
                "date": text(row["date"]),
                "parts": [],
            },
        )
        part = text(row.get("capacity")) or text(row.get("status")) or "attended"
        if part not in entry["parts"]:
            entry["parts"].append(part)
    return sorted(meetings.values(), key=lambda m: m["date"] or "", reverse=True)


def _body_decided(view: ReadView, iri: str) -> list[dict[str, Any]] | None:
    """``ACTOR_DECIDED``'s rows for a body without parts, from the decision lines its subject sections read.

    A body page reads one row per decision for its standings and timeline (``subjects.rows``, kept per
    store snapshot); asking again for the newest 300 cost the FOMC's first request 45-50 ms of sorting
    its 1,635 decisions in the engine. Same rows, same order (date newest first, then IRI). A body
    with sub-organisations has their decisions in those lines too, so it keeps its own query (``None``).
    """
    if subjects.family(view, iri) != [iri]:
        return None
    newest: OrderedDict[str, dict[str, Any]] = OrderedDict()
    for row in subjects.rows(view, "decision_lines", "organisation", iri):
        newest.setdefault(str(row["decision"]), row)
    ordered = sorted(newest.values(), key=lambda r: str(r["decision"]))
    # stable: by IRI within a date; undated last, as ``DESC(?when)`` puts them
    ordered.sort(key=lambda r: str(r.get("date") or ""), reverse=True)
    return ordered[:ACTOR_DECIDED_LIMIT]


#: How many of a body's decisions ``ACTOR_DECIDED`` lists (its ``LIMIT``).
ACTOR_DECIDED_LIMIT = 300


def actor_decisions(
    view: ReadView, iri: str, decided: list[dict[str, Any]] | None = None
) -> list[dict[str, Any]]:
    """Decisions the actor decided, moved or seconded, voted on (with the vote) or owes, newest first.

    ``decided``: the ``ACTOR_DECIDED`` rows when already known (a body's, ``_body_decided``).
    """
    decisions: OrderedDict[str, dict[str, Any]] = OrderedDict()

    def add(row: dict[str, Any], part: str) -> None:
        entry = decisions.setdefault(
            str(row["decision"]),
            {
                "decision": str(row["decision"]),
                "label": text(row["label"]),
                "identifier": text(row["identifier"]),
                "date": text(row["date"]),
                "parts": [],
            },
        )
        if part not in entry["parts"]:
            entry["parts"].append(part)

    for row in pages.run(view, pages.ACTOR_DECIDED, this=iri) if decided is None else decided:
        add(row, "decided")
    for row in pages.run(view, pages.ACTOR_MOVED, this=iri):
        add(row, str(row["part"]))
    for row in pages.run(view, pages.ACTOR_VOTED, this=iri):
        cast = text(row["cast"])
        add(row, f"voted {cast}" if cast else "voted")
        if row["dissent"] is not None:
            add(row, f"dissent: {row['dissent']}")
    for row in pages.run(view, pages.ACTOR_OWES, this=iri):
        add(row, "owes a commitment")
    return sorted(decisions.values(), key=lambda d: d["date"] or "", reverse=True)


def decisions_by_topic(view: ReadView, iri: str) -> list[dict[str, Any]]:
    """A body's decisions counted per topic (largest first), each topic linking to its timeline."""
    groups = []
    for row in subjects.summary_rows(view, "organisation", iri, "topics", pages.BODY_TOPICS):
        topic_iri = text(row["topic"])
        groups.append(
            {
                "iri": topic_iri,
                "label": (glossary_label(topic_iri) or local_name(topic_iri)) if topic_iri else "(no topic)",
                "decisions": int(str(row["decisions"])),
                "first": text(row["first"]),
                "last": text(row["last"]),
            }
        )
    return groups


def topic_heading(view: ReadView, iri: str) -> dict[str, Any]:
    """A topic's title and definition (what its page shows above the subject sections)."""
    summary = _first(pages.run(view, pages.TOPIC, this=iri))
    label = text(summary.get("label")) or glossary_label(iri) or local_name(iri)
    return {"title": label, "definition": text(summary.get("definition")) or glossary_definition(iri)}


def topic(view: ReadView, iri: str) -> dict[str, Any]:
    """A topic's heading and every decision on it, oldest first, with its standing today."""
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
    return {**topic_heading(view, iri), "timeline": timeline}


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


def labels(view: ReadView, iri: Any) -> list[str | None]:
    """The labels of a shared entity (cached until the store changes); ``[None]`` when it has none."""
    found: list[str | None] = [str(row["label"]) for row in pages.run(view, pages.LABELS, this=iri)]
    return found or [None]


def topics(view: ReadView, iri: str) -> list[dict[str, Any]]:
    return [
        {
            "iri": str(row["topic"]),
            "label": text(row["topicLabel"]) or glossary_label(str(row["topic"])) or local_name(row["topic"]),
        }
        for row in pages.run(view, pages.TOPICS, this=iri)
    ]


def passages(view: ReadView, iri: str) -> list[dict[str, Any]]:
    return [_passage(row) for row in pages.run(view, pages.SOURCE_PASSAGES, this=iri)]


def _passage(row: dict[str, Any]) -> dict[str, Any]:
    """One ``SOURCE_PASSAGES`` row as the passage quotes show it."""
    return {
        "iri": str(row["passage"]),
        "slug": str(row["passage"]).rsplit("/", 1)[-1],
        "quote": text(row["quote"]),
        "sequence": text(row["sequence"]),
        "page": text(row["page"]),
        "record": text(row["record"]),
        "recordLabel": text(row["recordLabel"]),
        "recordIdentifier": text(row["recordIdentifier"]),
    }


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
