"""The write-ahead journal: what one write will do, on disk before any store is touched.

One file per document, ``journal/<sha256 of identifier>.nq``: a first comment line
``# precedent-journal {json}`` with the write's metadata, then the document's quads (unfiltered). The
file appears by an atomic rename, so it is either whole or absent; ``Archive.open`` replays any left.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
from rdflib.term import Node

from .errors import ArchiveError
from .terms import RdfTriple, from_ox, to_ox

MARK = "# precedent-journal "


@dataclass
class JournalEntry:
    """One pending write: ``action`` is ``put`` or ``remove``; ``graphs`` maps graph IRI → triples."""

    action: str
    identifier: str
    level: str
    row: dict[str, object] | None
    entities: list[str]
    changed_entities: list[str]
    previous_level: str | None = None
    actors: list[str] = field(default_factory=list)
    graphs: dict[str, list[RdfTriple]] = field(default_factory=dict)


def entry_path(journal_dir: Path, identifier: str) -> Path:
    return journal_dir / (hashlib.sha256(identifier.encode("utf-8")).hexdigest() + ".nq")


def write_entry(journal_dir: Path, entry: JournalEntry) -> Path:
    journal_dir.mkdir(parents=True, exist_ok=True)
    meta = {k: v for k, v in entry.__dict__.items() if k != "graphs"}
    path = entry_path(journal_dir, entry.identifier)
    tmp = path.with_suffix(".tmp")
    with tmp.open("w", encoding="utf-8") as out:
        out.write(MARK + json.dumps(meta, ensure_ascii=True) + "\n")
        for graph_iri, triples in entry.graphs.items():
            g = ox.NamedNode(graph_iri)
            for s, p, o in triples:
                try:
                    quad = ox.Quad(to_ox(s), to_ox(p), to_ox(o), g)
                except (ValueError, TypeError) as exc:
                    tmp.unlink()
                    raise ArchiveError(
                        f"document {entry.identifier!r}: cannot store the triple ({s!s} {p!s} {o!s}): {exc}; "
                        "nothing of this document was stored"
                    ) from None
                out.write(f"{quad} .\n")
    # No fsync: the entry must survive the writer process dying (the page cache does that); surviving a
    # power cut would need fsync here *and* in RocksDB's log, which pyoxigraph does not sync per write.
    os.replace(tmp, path)
    return path


def read_entry(path: Path) -> JournalEntry:
    with path.open("rb") as handle:
        first = handle.readline().decode("utf-8")
        if not first.startswith(MARK):
            raise ValueError(f"{path}: not a Precedent journal file")
        meta = json.loads(first[len(MARK) :])
        entry = JournalEntry(**meta)
        for quad in ox.parse(handle, ox.RdfFormat.N_QUADS):
            entry.graphs.setdefault(quad.graph_name.value, []).append(
                (_node(quad.subject), _node(quad.predicate), _node(quad.object))
            )
    return entry


def _node(term: object) -> Node:
    node = from_ox(term)
    assert node is not None
    return node


def pending_entries(journal_dir: Path) -> Iterator[Path]:
    if journal_dir.exists():
        for tmp in journal_dir.glob("*.tmp"):  # a journal write that never completed: nothing was applied
            tmp.unlink()
        yield from sorted(journal_dir.glob("*.nq"), key=lambda p: p.stat().st_mtime)


def finish(path: Path) -> None:
    path.unlink(missing_ok=True)


def graphs_of(graphs: Iterable[tuple[str, Iterable[RdfTriple]]]) -> dict[str, list[RdfTriple]]:
    return {g: list(t) for g, t in graphs}
