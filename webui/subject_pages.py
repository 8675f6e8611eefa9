"""Topic, body (organisation), administration, place and person pages as of a date: what each page
adds for an incoming administration — standing on ``?as_of=``, rejected options, the timeline, the
briefing pack and the Atom feed — on top of what ``entity_pages`` already shows.

Each builder has the entity page's signature ``(view, iri) -> context`` and reads ``as_of`` from the
request; everything comes through the reader's ``View``.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any
from urllib.parse import urlencode

from flask import request, url_for

from archive import briefing as briefs
from archive import subjects
from archive.administration import term
from archive.standing import STANDINGS
from archive.timeline import Lane, Timeline, timeline

from . import entity_pages
from .briefing import link, requested_as_of
from .briefing_formats import FORMATS


def _slug(iri: str) -> str:
    return iri.rstrip("/").rsplit("/", 1)[-1]


#: How many rows a long section of a subject page lists at once (issue #12: a body such as the
#: FOMC has thousands of decisions; the page lists the newest and links to the next page).
PAGE_SIZE = 100


def page_of(
    items: list[Any], name: str, newest_last: bool = False, size: int | None = None
) -> dict[str, Any]:
    """One page of a long section, newest first, chosen by the ``<name>_page`` query parameter.

    ``items`` is the whole section (so ``total`` stays exact); ``newest_last`` says the list runs
    oldest first (a timeline lane), in which case page 1 is its last ``size`` items, still in order.
    """
    size = size or PAGE_SIZE
    param = f"{name}_page"
    pages = max(1, -(-len(items) // size))
    asked = request.args.get(param, default=1, type=int) or 1
    page = min(max(asked, 1), pages)
    if newest_last:
        end = len(items) - (page - 1) * size
        shown = items[max(0, end - size) : end]
    else:
        shown = items[(page - 1) * size : page * size]

    def to(number: int) -> str:
        args = request.args.to_dict()
        args[param] = str(number)
        return f"{request.path}?{urlencode(args)}"

    return {
        "shown": shown,
        "total": len(items),
        "page": page,
        "pages": pages,
        "next": to(page + 1) if page < pages else None,
        "previous": to(page - 1) if page > 1 else None,
    }


def subject_context(view: Any, kind: str, iri: str, as_of: dt.date | None = None) -> dict[str, Any]:
    """The as-of sections every subject page shares; the full pack is one link away."""
    as_of = as_of or requested_as_of()
    pack = briefs.build(view, kind, iri, as_of, page=True)  # what the page shows, no more
    laid_out = timeline(pack.decisions, pack.links, as_of)
    lanes = [(lane, page_of(lane.decisions, "decisions", newest_last=True)) for lane in laid_out.lanes]
    # The chart draws what the lists show: this page of each lane, and the links between those.
    drawn = {d.iri for _, shown in lanes for d in shown["shown"]}
    charted = Timeline(
        [Lane(lane.key, lane.label, shown["shown"]) for lane, shown in lanes],
        [k for k in laid_out.links if k.later in drawn and k.earlier in drawn],
        as_of,
    )
    slug = _slug(iri)
    return {
        "subject": {
            "in_force": page_of(pack.in_force, "decisions"),
            "no_longer": page_of(pack.no_longer, "decisions"),
            # newest first, as the pack orders them (an administration at 3,000 generated documents
            # listed ~1,000 rejected options, 245 kB of its page)
            "rejected": page_of(pack.rejected, "rejected"),
            "lanes": lanes,
            "kind": kind,
            "as_of": as_of,
            "today": as_of == dt.date.today(),
            "pack": pack,
            "counts": Counter(d.standing.value for d in pack.decisions),
            "standings": STANDINGS,
            "timeline": laid_out,
            "timeline_json": charted.as_json(link),
            "briefing": {
                f: url_for("briefing.briefing", kind=kind, slug=slug, as_of=as_of, format=f) for f in FORMATS
            },
            "feed": url_for("feeds.feed", kind=kind, slug=slug) if kind != "place" else None,
            "commitments": _commitments_link(kind, iri, as_of) if kind in ("topic", "organisation") else None,
        }
    }


def topic(view: Any, iri: str) -> dict[str, Any]:
    # The heading only: the subject sections lay out the topic's decisions (``entity_pages.topic``'s own
    # list of them is not shown, and cost 80-110 ms on a first request at 3,000 generated documents).
    context = entity_pages.topic_heading(view, iri)
    context.update(subject_context(view, "topic", iri))
    return context


def actor(view: Any, iri: str) -> dict[str, Any]:
    """Organisations get the subject sections; persons get their feed link."""
    context = entity_pages.actor(view, iri)
    kinds = context.get("types", [])
    if any(t.endswith(":Person") for t in kinds):
        context["feed_link"] = url_for("feeds.feed", kind="person", slug=_slug(iri))
    else:
        context.update(subject_context(view, "organisation", iri))
        context["feed_link"] = context["subject"]["feed"]
        # A body's long lists run to thousands of rows: the page shows one page of each.
        context["section_pages"] = {
            "members": page_of(context["members"], "members", newest_last=True),
            "roles": page_of(context["roles"], "posts", newest_last=True),
            "meetings": page_of(context["meetings"], "meetings"),
            "decisions": page_of(context["decisions"], "decisions"),
        }
    return context


def administration(view: Any, iri: str) -> dict[str, Any]:
    context = subject_context(view, "administration", iri)
    facts = term(view, iri)
    pack = context["subject"]["pack"]
    by_iri = {d.iri: d for d in pack.decisions}
    by_topic: list[dict[str, Any]] = []
    for topic_iri, decided in facts.topics.items():
        label = (
            facts.topic_labels.get(topic_iri) or entity_pages.glossary_label(topic_iri) or _slug(topic_iri)
        )
        lines = sorted(
            (by_iri[d] for d in decided if d in by_iri), key=lambda d: (d.date or dt.date.min, d.title)
        )
        if lines:
            by_topic.append({"iri": topic_iri, "label": label, "decisions": lines})
    untopical = [d for d in pack.decisions if not any(d.iri in s for s in facts.topics.values())]
    if untopical:
        by_topic.append({"iri": None, "label": "Without a topic", "decisions": untopical})
    bodies: Counter[str] = Counter()
    names: dict[str, str] = {}
    for d in pack.decisions:
        for decider, name in d.deciders.items():
            bodies[decider] += 1
            names[decider] = name
    by_topic.sort(key=lambda t: (t["iri"] is None, t["label"]))
    context.update(
        title=facts.label,
        term=facts,
        by_topic=by_topic,
        by_topic_page=topic_page(by_topic),
        bodies=[
            (iri_, names[iri_], n) for iri_, n in sorted(bodies.items(), key=lambda t: (-t[1], names[t[0]]))
        ],
        feed_link=context["subject"]["feed"],
    )
    return context


def topic_page(by_topic: list[dict[str, Any]]) -> dict[str, Any]:
    """One page (``by_topic_page``) of an administration's decisions by topic: ``PAGE_SIZE`` entries of
    the topics in order, each topic's decisions oldest first, a topic split over pages heading each
    (an administration at 3,000 generated documents listed ~1,000 entries, a 650 kB page).
    """
    entries = [(topic, line) for topic in by_topic for line in topic["decisions"]]
    page = page_of(entries, "by_topic")
    groups: list[dict[str, Any]] = []
    for topic, line in page["shown"]:
        if not groups or groups[-1]["topic"] is not topic:
            groups.append({"topic": topic, "decisions": []})
        groups[-1]["decisions"].append(line)
    page["groups"] = groups
    return page


def place(view: Any, iri: str) -> dict[str, Any]:
    context = subject_context(view, "place", iri)
    context["title"] = subjects.label(view, iri) or _slug(iri)
    return context


__all__ = ["actor", "administration", "page_of", "place", "subject_context", "topic", "topic_page"]


def _commitments_link(kind: str, iri: str, as_of: dt.date) -> str:
    """The commitments page filtered to this topic or body, as of the page's date."""
    if kind == "topic":
        return url_for("briefing.commitments_page", topic=iri, as_of=as_of)
    return url_for("briefing.commitments_page", body=iri, as_of=as_of)
