"""Actor resolution across the archive: merged actors, applied by the writer to every document it stores.

Readers resolve names within one file (``ingest/resolve.py``); two files may still name one person
with two IRIs ("Bernanke" in a vote, "Ben Bernanke" in the attendance of another meeting). The
archive keeps, in the ledger's ``actor_merge`` table, which actor IRI is the same as which: merged
(automatically when certain, or by an editor), proposed (uncertain: waiting in the review queue) or
rejected (an editor split them: never merged again). The writer rewrites every document it stores
through the merged pairs, so a merge survives re-ingest: the reader mints the alias IRI again and the
writer maps it again. The alias's own names become ``skos:altLabel`` of the actor it joins.

``actor_records`` gives the matching step (``ingest/resolve_archive.py``) what the archive knows of
each actor: names, the bodies it sat in or acted for, and the years it appears. ``resolve_actors`` is
the pass run after every ingest that stored something — ``precedent ingest``, a web upload and the
server's ``/api/ingest`` alike — with the matcher handed in, since the archive never imports ``ingest``.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Sequence
from contextlib import nullcontext
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from rdflib import RDFS, SKOS, URIRef

from ontology import PREC

from .terms import RdfTriple

if TYPE_CHECKING:
    from .archive import Archive
    from .ledger import Ledger
    from .writer import Writer

#: Names of an alias that become alternative names of the actor it is merged into.
_NAME_PREDICATES = {RDFS.label, PREC.alias, SKOS.altLabel}


def merge_map(ledger: Ledger) -> dict[str, str]:
    """alias IRI → the IRI it finally resolves to (chains followed, cycles cut)."""
    direct = {m.alias: m.canonical for m in ledger.actor_merges("merged")}
    resolved: dict[str, str] = {}
    for alias in direct:
        seen = {alias}
        target = direct[alias]
        while target in direct and target not in seen:
            seen.add(target)
            target = direct[target]
        if target != alias:
            resolved[alias] = target
    return resolved


def apply_merges(triples: list[RdfTriple], merges: dict[str, str]) -> list[RdfTriple]:
    """The triples with every merged alias replaced by its actor; the alias's names become altLabels."""
    if not merges:
        return triples
    out: list[RdfTriple] = []
    for s, p, o in triples:
        alias_subject = isinstance(s, URIRef) and str(s) in merges
        if alias_subject:
            s = URIRef(merges[str(s)])
            if p in _NAME_PREDICATES:
                p = SKOS.altLabel
        if isinstance(o, URIRef) and str(o) in merges:
            o = URIRef(merges[str(o)])
        out.append((s, p, o))
    return out


@dataclass
class ActorRecord:
    """What the archive knows of one person or organisation, for matching it with others."""

    iri: str
    kind: str  # "person" | "organisation"
    labels: set[str] = field(default_factory=set)
    aliases: set[str] = field(default_factory=set)
    bodies: set[str] = field(default_factory=set)  # IRIs of bodies it sat in, acted for or was a member of
    years: set[int] = field(default_factory=set)
    sources: set[str] = field(default_factory=set)  # hashes of the original files that name it
    documents: int = 0  # how many documents name it


ACTOR_NAMES = """
PREFIX prec: <https://w3id.org/precedent/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?actor ?kind ?name ?what WHERE {
  { ?actor a prec:Person . BIND("person" AS ?kind) }
  UNION { ?actor a prec:Organisation . BIND("organisation" AS ?kind) }
  UNION { ?actor a prec:Body . BIND("organisation" AS ?kind) }
  { ?actor rdfs:label ?name . BIND("label" AS ?what) }
  UNION { ?actor skos:altLabel|prec:alias ?name . BIND("alias" AS ?what) }
}
"""
#: Where a person appears: the body of each meeting attended, each membership, each vote and motion.
ACTOR_CONTEXT = """
PREFIX prec: <https://w3id.org/precedent/ontology#>
SELECT ?actor ?body ?date WHERE {
  { ?attendance prec:attendee ?actor . ?meeting prec:hasAttendance ?attendance .
    OPTIONAL { ?meeting prec:heldBy ?body } OPTIONAL { ?meeting prec:date ?date } }
  UNION { ?membership prec:member ?actor . ?membership prec:organisation ?body }
  UNION { ?ballot prec:voter ?actor . ?vote prec:hasBallot ?ballot .
          { ?decision prec:hasVote ?vote }
          UNION { ?motion prec:hasVote ?vote . ?decision prec:onMotion ?motion }
          OPTIONAL { ?decision prec:decidedBy ?body } OPTIONAL { ?decision prec:date ?date } }
  UNION { ?motion prec:movedBy|prec:secondedBy ?actor . ?decision prec:onMotion ?motion .
          OPTIONAL { ?decision prec:decidedBy ?body } OPTIONAL { ?decision prec:date ?date } }
  UNION { ?record prec:author|prec:recipient|prec:participant ?actor . OPTIONAL { ?record prec:date ?date } }
}
"""


def actor_records(archive: Archive) -> list[ActorRecord]:
    """Every person and organisation in the top store, with its names and context (for matching)."""
    store = archive.store(archive.levels.top)
    records: dict[str, ActorRecord] = {}
    for row in store.select(ACTOR_NAMES):
        if not isinstance(row.get("actor"), URIRef):
            continue
        record = records.setdefault(str(row["actor"]), ActorRecord(str(row["actor"]), str(row["kind"])))
        if str(row["kind"]) == "person":
            record.kind = "person"  # a person typed as an organisation somewhere is still a person
        (record.labels if str(row["what"]) == "label" else record.aliases).add(str(row["name"]))
    for row in store.select(ACTOR_CONTEXT):
        known = records.get(str(row.get("actor")))
        if known is None:
            continue
        record = known
        if isinstance(row.get("body"), URIRef):
            record.bodies.add(str(row["body"]))
        date = str(row.get("date") or "")
        if date[:4].isdigit():
            record.years.add(int(date[:4]))
    iris = sorted(records)
    for start in range(0, len(iris), 500):
        chunk = iris[start : start + 500]
        sql = (
            "SELECT e.entity, d.original_hash, COUNT(*) FROM entity_owner e JOIN documents d "
            f"ON d.identifier = e.identifier WHERE e.entity IN ({','.join('?' * len(chunk))}) "
            "GROUP BY e.entity, d.original_hash"
        )
        for entity, original, count in archive.ledger.db.execute(sql, chunk):
            records[entity].documents += count
            if original:
                records[entity].sources.add(original)
    return sorted(records.values(), key=lambda r: r.iri)


class ActorMatch(Protocol):
    """One pair the matcher found (``ingest.resolve_archive.Match`` satisfies it)."""

    @property
    def alias(self) -> str: ...
    @property
    def canonical(self) -> str: ...
    @property
    def certain(self) -> bool: ...
    @property
    def score(self) -> float: ...
    @property
    def reason(self) -> str: ...


#: The matching step: every actor record and the pairs editors rejected → the pairs that are one actor.
Matcher = Callable[[Sequence[ActorRecord], Sequence[tuple[str, str]]], Iterable[ActorMatch]]


@dataclass
class ResolutionReport:
    """What one resolution pass did."""

    merged: int = 0
    proposed: int = 0


def resolve_actors(
    archive: Archive,
    user: str,
    match: Matcher,
    focus: Collection[str] | None = None,
    writer: Writer | None = None,
) -> ResolutionReport:
    """Merge the actors ``match`` finds certainly the same; propose the uncertain pairs to editors.

    Pairs an editor merged or split are left as they decided: a merged alias is no longer an actor of
    its own, and a rejected pair is handed to the matcher so that it is never proposed again.
    With ``focus`` (the actors a few new documents name, for an upload), only pairs with one of them
    are acted on: an upload does not wait for merges among actors it did not touch (the next
    ``precedent ingest`` makes those). ``writer``: the session that stored the documents, still open
    (its buffer is written first), so that the pass's rewrites join that session's last commit.
    """
    if writer is not None:
        writer.write_buffer()  # the actors are read from the store
    ledger = archive.ledger
    decided = {m.alias: m for m in ledger.actor_merges() if m.status in ("merged", "rejected")}
    rejected = [(m.alias, m.canonical) for m in decided.values() if m.status == "rejected"]
    records = [
        r for r in actor_records(archive) if r.iri not in decided or decided[r.iri].status == "rejected"
    ]
    report = ResolutionReport()
    merged: list[str] = []
    with archive.writer(user) if writer is None else nullcontext(writer) as writer:
        for found in match(records, rejected):
            if found.alias in decided:
                continue
            if focus is not None and found.alias not in focus and found.canonical not in focus:
                continue
            status = "merged" if found.certain else "proposed"
            known = ledger.actor_merge(found.alias)
            if known is not None and known.status == status and known.canonical == found.canonical:
                continue
            writer.decide_actors(
                found.alias, found.canonical, status, found.score, found.reason, rewrite=False
            )
            if status == "merged":
                merged.append(found.alias)
                report.merged += 1
            else:
                report.proposed += 1
        # one pass over the documents naming any merged alias, in the writer's batches
        writer.rewrite_naming(merged)
    return report
