"""A subject's decisions over time, in one lane per administration, with the supersede / amend /
reverse links between them: the data behind the timeline on topic, body and administration pages.

Pages show it as a plain list (no JavaScript needed) and hand ``Timeline.as_json()`` to the bundled
drawing script. Decisions without an administration share one lane per deciding body, so that the
real FOMC or council records, which name no administration, still get lanes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from .briefing import DecisionLine
from .standing import Change

NO_LANE = "No administration recorded"


@dataclass
class Lane:
    """One swimlane: an administration (or a body, for records that name none)."""

    key: str
    label: str
    decisions: list[DecisionLine] = field(default_factory=list)


@dataclass
class Link:
    """A later decision that supersedes, amends or reverses an earlier one, both on the timeline."""

    later: str
    earlier: str
    relation: str


@dataclass
class Timeline:
    """Lanes in order of their first decision, and the links to draw between their decisions."""

    lanes: list[Lane]
    links: list[Link]
    as_of: dt.date

    def as_json(self, path_of: Any = str) -> dict[str, Any]:
        """Plain data for the drawing script; ``path_of`` turns an IRI into the page to link to."""
        return {
            "asOf": self.as_of.isoformat(),
            "lanes": [
                {
                    "key": lane.key,
                    "label": lane.label,
                    "decisions": [
                        {
                            "id": d.iri,
                            "href": path_of(d.iri),
                            "identifier": d.identifier,
                            "label": d.label,
                            "date": d.date.isoformat() if d.date else None,
                            "standing": d.standing.value,
                        }
                        for d in lane.decisions
                    ],
                }
                for lane in self.lanes
            ],
            "links": [{"from": k.later, "to": k.earlier, "relation": k.relation} for k in self.links],
        }


def timeline(decisions: list[DecisionLine], links: dict[str, list[Change]], as_of: dt.date) -> Timeline:
    """Lay out ``decisions`` (with standings on ``as_of``) and the links among them."""
    lanes: dict[str, Lane] = {}
    for line in sorted(decisions, key=lambda d: (d.date or dt.date.max, d.title)):
        if line.administration:
            key, label = line.administration, line.administration_label or line.administration
        elif line.deciders:
            key, label = sorted(line.deciders.items())[0]
        else:
            key, label = NO_LANE, NO_LANE
        lanes.setdefault(key, Lane(key, label)).decisions.append(line)
    shown = {d.iri for d in decisions}
    drawn = [
        Link(change.later, earlier, change.relation)
        for earlier, changes in sorted(links.items())
        if earlier in shown
        for change in changes
        if change.later in shown
    ]
    return Timeline(list(lanes.values()), drawn, as_of)


__all__ = ["NO_LANE", "Lane", "Link", "Timeline", "timeline"]
