"""Actor resolution across the archive, run after each ingest: match (ingest) and record (archive).

The matching rules are ``ingest.resolve_archive``; what the archive knows of each actor and how a merge
is applied are ``archive.actors`` and ``Writer.decide_actors``. Certain pairs are merged at once;
uncertain ones are proposed to editors (``precedent review actors``, the web review page); pairs an
editor merged or split are left as they decided.
"""

from __future__ import annotations

from dataclasses import dataclass

from archive import Archive
from archive.actors import actor_records
from ingest.resolve_archive import Actor, match_actors


@dataclass
class ResolutionReport:
    """What one resolution pass did."""

    merged: int = 0
    proposed: int = 0


def resolve_actors(archive: Archive, user: str) -> ResolutionReport:
    """Merge the actors that are certainly the same; propose the uncertain pairs to editors."""
    ledger = archive.ledger
    decided = {m.alias: m for m in ledger.actor_merges() if m.status in ("merged", "rejected")}
    rejected = [(m.alias, m.canonical) for m in decided.values() if m.status == "rejected"]
    actors = [
        Actor(r.iri, r.kind, r.labels, r.aliases, r.bodies, r.years, r.sources, r.documents)
        for r in actor_records(archive)
        if r.iri not in decided or decided[r.iri].status == "rejected"
    ]
    report = ResolutionReport()
    merged: list[str] = []
    with archive.writer(user) as writer:
        for match in match_actors(actors, rejected):
            if match.alias in decided:
                continue
            status = "merged" if match.certain else "proposed"
            known = ledger.actor_merge(match.alias)
            if known is not None and known.status == status and known.canonical == match.canonical:
                continue
            writer.decide_actors(
                match.alias, match.canonical, status, match.score, match.reason, rewrite=False
            )
            if status == "merged":
                merged.append(match.alias)
                report.merged += 1
            else:
                report.proposed += 1
        # one pass over the documents naming any merged alias, in the writer's batches
        writer.rewrite_naming(merged)
    return report
