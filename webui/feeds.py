"""Atom 1.0 feeds (RFC 4287) of a topic's, organisation's, person's or administration's decisions:
``/feeds/{kind}/{slug}.atom``, newest first, so people can follow a subject without searching again.

An entry is updated when the minutes it comes from were (re-)ingested, so a corrected decision shows
up again as changed. Feeds read at the requester's level like every page: a feed reader without a
session sees public decisions only. The XML is built with ElementTree, never by pasting strings.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from typing import Any

from flask import Blueprint, Response, request

from archive import briefing as briefs
from archive import subjects

from .briefing import link, subject

blueprint = Blueprint("feeds", __name__)

ATOM = "http://www.w3.org/2005/Atom"
FEED_KINDS = ("topic", "organisation", "person", "administration")
#: Entries per feed: readers poll often, and the page links to the full list.
MAX_ENTRIES = 50


def _timestamp(value: str | None, fallback: dt.date | None) -> str:
    """An RFC 3339 date-time (Atom's ``updated``): the ingest time, else the decision's date."""
    if value:
        try:
            moment = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
            if moment.tzinfo is None:
                moment = moment.replace(tzinfo=dt.UTC)
            return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        except ValueError:
            pass
    day = fallback or dt.date(1970, 1, 1)
    return f"{day.isoformat()}T00:00:00Z"


def _add(parent: ET.Element, name: str, text: str | None = None, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{name}", attributes)
    if text is not None:
        element.text = text
    return element


@blueprint.route("/feeds/<kind>/<slug>.atom")
def feed(kind: str, slug: str) -> Any:
    view, iri = subject(kind, slug, FEED_KINDS)
    title = subjects.label(view, iri) or slug
    lines = briefs.decisions(view, kind, iri, dt.date.today())
    lines = sorted(lines, key=lambda d: (d.date or dt.date.min, d.title), reverse=True)[:MAX_ENTRIES]
    ingested = {row.identifier: row.time for row in view.documents()}
    root = request.url_root.rstrip("/")
    ET.register_namespace("", ATOM)
    atom = ET.Element(f"{{{ATOM}}}feed")
    _add(atom, "id", iri)
    _add(atom, "title", f"Decisions: {title}")
    _add(atom, "subtitle", f"New and changed decisions on the {kind} {title}, as Precedent records them.")
    _add(atom, "link", rel="self", type="application/atom+xml", href=root + request.path)
    _add(atom, "link", rel="alternate", type="text/html", href=root + link(iri))
    _add(_add(atom, "author"), "name", "Precedent")
    _add(atom, "generator", "Precedent")
    stamps = []
    for line in lines:
        updated = _timestamp(ingested.get(line.citation.record_identifier or ""), line.date)
        stamps.append(updated)
        entry = _add(atom, "entry")
        _add(entry, "id", line.iri)
        _add(entry, "title", f"{line.identifier}: {line.label}" if line.identifier else line.label)
        _add(entry, "link", rel="alternate", type="text/html", href=root + link(line.iri))
        _add(entry, "updated", updated)
        if line.date:
            _add(entry, "published", f"{line.date.isoformat()}T00:00:00Z")
        deciders = ", ".join(line.deciders.values())
        summary = f"{line.standing.value.capitalize()}. Decided {line.date or 'on an unrecorded date'}"
        summary += f" by {deciders}." if deciders else "."
        if line.text:
            summary += f" {line.text}"
        _add(entry, "summary", summary, type="text")
        for name in line.deciders.values():
            _add(entry, "category", term=name)
    # the feed's own ``updated`` must come before its entries (RFC 4287 allows any order; readers like it)
    feed_updated = _add(atom, "updated", max(stamps) if stamps else _timestamp(None, dt.date.today()))
    atom.remove(feed_updated)
    atom.insert(3, feed_updated)
    body = ET.tostring(atom, encoding="utf-8", xml_declaration=True)
    return Response(body, mimetype="application/atom+xml")


__all__ = ["FEED_KINDS", "blueprint"]
