"""An administration as people need it: who led it, when, which government's term it was, the terms
before and after it, its decisions by topic, what it changed of its predecessors' decisions and what
its successors changed of its own. Named queries over a ``View`` (``?this`` bound by the engine).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from . import pages, summaries
from .standing import to_date
from .view import cacheable

#: The terms of one government (``?this``), to find the one before and the one after. Bound to the
#: government, not reached from the administration: that join took 5 s in Oxigraph 0.5, this one 30 ms.
#: Each property is its own branch: with ``VALUES ?p { … } ?other ?p ?o`` the engine began from the
#: VALUES and scanned every label in the store (150-290 ms at 300 generated documents, on every
#: administration page, warm or cold), against 1-10 ms this way (issue #12).
TERMS = (
    pages.PREFIXES
    + """
SELECT DISTINCT ?this ?other ?p ?o WHERE {
  ?other prec:ofGovernment ?this .
  { ?other rdfs:label ?o . BIND(rdfs:label AS ?p) }
  UNION { ?other prec:startDate ?o . BIND(prec:startDate AS ?p) }
}
LIMIT 400
"""
)

#: Each of its decisions' topics (a decision may have several). This and ``ACROSS`` are kept per store
#: snapshot (``cacheable``), like the other page queries: 50-80 ms each on every request at 3,000 documents.
DECISION_TOPICS = cacheable(
    pages.PREFIXES
    + """
SELECT DISTINCT ?this ?decision ?topic ?topicLabel WHERE {
  ?decision prec:duringAdministration ?this ; prec:hasTopic ?topic .
  OPTIONAL { ?topic skos:prefLabel ?topicLabel }
}
LIMIT 20000
"""
)

#: Supersede / reverse / amend links that cross into another administration, both ways.
ACROSS = cacheable(
    pages.PREFIXES
    + """
SELECT DISTINCT ?this ?direction ?link ?later ?laterIdentifier ?laterLabel ?laterDate
       ?earlier ?earlierIdentifier
       ?earlierLabel ?earlierDate ?other ?otherLabel WHERE {
  VALUES ?link { prec:supersedes prec:reverses prec:amends }
  { ?later prec:duringAdministration ?this . ?later ?link ?earlier .
    ?earlier prec:duringAdministration ?other . BIND("predecessors" AS ?direction) }
  UNION
  { ?earlier prec:duringAdministration ?this . ?later ?link ?earlier .
    ?later prec:duringAdministration ?other . BIND("successors" AS ?direction) }
  FILTER(?other != ?this)
  OPTIONAL { ?later prec:identifier ?laterIdentifier } OPTIONAL { ?later rdfs:label ?laterLabel }
  OPTIONAL { ?later prec:date ?laterDate }
  OPTIONAL { ?earlier prec:identifier ?earlierIdentifier } OPTIONAL { ?earlier rdfs:label ?earlierLabel }
  OPTIONAL { ?earlier prec:date ?earlierDate }
  OPTIONAL { ?other rdfs:label ?otherLabel }
}
ORDER BY ?laterDate ?laterIdentifier
LIMIT 2000
"""
)


@dataclass
class Term:
    """An administration's own facts."""

    iri: str
    label: str
    head: str | None = None
    head_label: str | None = None
    government: str | None = None
    government_label: str | None = None
    start: Any = None
    end: Any = None
    before: dict[str, str] | None = None
    after: dict[str, str] | None = None
    across: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    topics: dict[str, set[str]] = field(default_factory=dict)
    topic_labels: dict[str, str] = field(default_factory=dict)


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


def term(view: Any, iri: str) -> Term:
    """The administration ``iri`` as the view's level sees it."""
    # Its own facts through PROPERTIES: one query joining five optional facts and their labels ran for
    # minutes in Oxigraph 0.5 (the nested OPTIONALs over the union of graphs), this one takes a millisecond.
    values: dict[str, Any] = {}
    labels: dict[str, Any] = {}
    for fact in pages.run(view, pages.PROPERTIES, this=iri):
        name = str(fact["property"]).rsplit("#", 1)[-1]
        values.setdefault(name, fact["value"])
        if fact["valueLabel"] is not None:
            labels.setdefault(name, fact["valueLabel"])
    found = Term(
        iri=iri,
        label=_text(values.get("label")) or iri.rsplit("/", 1)[-1].replace("-", " "),
        head=_text(values.get("headedBy")),
        head_label=_text(labels.get("headedBy")),
        government=_text(values.get("ofGovernment")),
        government_label=_text(labels.get("ofGovernment")),
        start=to_date(values.get("startDate")),
        end=to_date(values.get("endDate")),
    )
    terms: dict[str, dict[str, Any]] = {}
    if found.government:
        for row in pages.run(view, TERMS, this=found.government):
            entry = terms.setdefault(
                str(row["other"]), {"iri": str(row["other"]), "label": str(row["other"]), "start": None}
            )
            if str(row["p"]).endswith("#label"):
                entry["label"] = str(row["o"])
            else:
                entry["start"] = to_date(row["o"])
    dated = sorted((t for t in terms.values() if t["start"]), key=lambda t: t["start"])
    index = next((i for i, t in enumerate(dated) if t["iri"] == iri), None)
    if index is not None:
        found.before = dated[index - 1] if index > 0 else None
        found.after = dated[index + 1] if index + 1 < len(dated) else None
    found.across = {"predecessors": [], "successors": []}
    for row in pages.run(view, ACROSS, this=iri):
        entry = {
            "relation": str(row["link"]).rsplit("#", 1)[-1],
            "later": str(row["later"]),
            "laterTitle": _text(row["laterIdentifier"]) or _text(row["laterLabel"]) or str(row["later"]),
            "laterLabel": _text(row["laterLabel"]),
            "laterDate": to_date(row["laterDate"]),
            "earlier": str(row["earlier"]),
            "earlierTitle": _text(row["earlierIdentifier"])
            or _text(row["earlierLabel"])
            or str(row["earlier"]),
            "earlierLabel": _text(row["earlierLabel"]),
            "earlierDate": to_date(row["earlierDate"]),
            "other": str(row["other"]),
            "otherLabel": _text(row["otherLabel"]) or str(row["other"]),
        }
        bucket = found.across[str(row["direction"])]
        if entry not in bucket:
            bucket.append(entry)
    for row in decision_topics(view, iri):
        found.topics.setdefault(str(row["topic"]), set()).add(str(row["decision"]))
        if row["topicLabel"] is not None:
            found.topic_labels[str(row["topic"])] = str(row["topicLabel"])
    return found


def decision_topics(view: Any, iri: str) -> list[dict[str, Any]]:
    """``DECISION_TOPICS``'s rows: from the administration's page summary when its level has one (a
    decision during an administration is stated by a document naming it, so the writer refreshes the
    summary whenever they change), else from the engine (47 ms on the first request at 3,000 documents)."""
    found = summaries.entity_rows(view, iri, "administration", "decision_topics")
    return found if found is not None else pages.run(view, DECISION_TOPICS, this=iri)


__all__ = ["DECISION_TOPICS", "Term", "decision_topics", "term"]
