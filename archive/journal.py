"""The write-ahead journal: what one write will do, on disk before any store is touched.

One file per write: ``journal/<sha256 of identifier>.nq`` for a single write (a removal), or
``journal/batch-<time>-<pid>.nq`` for a batch of puts. A first comment line ``# precedent-journal
{json}`` holds the metadata (for a batch, one part per document, each listing its graph IRIs), then
the quads (unfiltered, blank nodes already scoped to their graph). The file appears by an atomic
rename, so it is either whole or absent; ``Archive.open`` replays any left.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import os
import time
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

import pyoxigraph as ox

from .terms import GraphText, Quads, RdfTriple, graph_scope

MARK = "# precedent-journal "

_sequence = itertools.count()


@dataclass
class JournalEntry:
    """One pending write: ``action`` is ``put``, ``remove`` or ``batch`` (whose ``parts`` are puts).

    ``graphs`` maps graph IRI → that graph's quads (``GraphText`` from the writer, ``Quads`` on
    replay). ``source`` (memory only, never journalled) may hold
    the same graphs as the rdflib triples they came from, which saves converting them back.
    ``described`` (a put): what the document says about each shared entity, as N-Triples (kept in the
    ledger, see ``descriptions.py``); ``described_entities`` (a batch or removal): the entities whose
    entity graphs the write rebuilds, before and after it.
    """

    action: str
    identifier: str
    level: str
    row: dict[str, object] | None
    entities: list[str]
    changed_entities: list[str]
    previous_level: str | None = None
    actors: list[str] = field(default_factory=list)
    graphs: dict[str, Quads | GraphText] = field(default_factory=dict)
    parts: list[JournalEntry] = field(default_factory=list)
    described: dict[str, str] = field(default_factory=dict)
    described_entities: list[str] = field(default_factory=list)
    source: dict[str, list[RdfTriple]] | None = field(default=None, repr=False, compare=False)
    #: what ``apply.derive`` took from the document when the writer accepted it (memory only, like ``source``)
    derived: object | None = field(default=None, repr=False, compare=False)

    def meta(self) -> dict[str, object]:
        meta = {k: v for k, v in self.__dict__.items() if k not in ("graphs", "parts", "source", "derived")}
        meta["graph_names"] = list(self.graphs)
        meta["parts"] = [part.meta() for part in self.parts]
        return meta

    def write_quads(self, out: BinaryIO) -> None:
        """Every graph's quads as N-Quads, the parts' after the entry's own."""
        for quads in self.graphs.values():
            if isinstance(quads, GraphText):
                out.write(quads.text.encode("utf-8"))
            elif quads:
                ox.serialize(quads, out, format=ox.RdfFormat.N_QUADS)
        for part in self.parts:
            part.write_quads(out)


def entry_path(journal_dir: Path, identifier: str) -> Path:
    return journal_dir / (hashlib.sha256(identifier.encode("utf-8")).hexdigest() + ".nq")


def batch_identifier() -> str:
    """A name for a new batch entry, unique in this archive and ordered by time."""
    return f"batch-{time.time_ns():020d}-{os.getpid()}-{next(_sequence)}"


def write_entry(journal_dir: Path, entry: JournalEntry) -> Path:
    journal_dir.mkdir(parents=True, exist_ok=True)
    if entry.action == "batch":
        path = journal_dir / f"{entry.identifier}.nq"
    else:
        path = entry_path(journal_dir, entry.identifier)
    tmp = path.with_suffix(".tmp")
    with tmp.open("wb") as out:
        out.write((MARK + json.dumps(entry.meta(), ensure_ascii=True) + "\n").encode("ascii"))
        entry.write_quads(out)
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
        by_graph: dict[str, Quads] = defaultdict(Quads)
        for quad in ox.parse(handle, ox.RdfFormat.N_QUADS):
            by_graph[quad.graph_name.value].append(quad)
    if "graph_names" not in meta:  # written before batching: graph order from the file, blank nodes unscoped
        return _legacy_entry(meta, by_graph)
    return _entry(meta, by_graph)


def _entry(meta: dict, by_graph: dict[str, Quads]) -> JournalEntry:
    names = meta.pop("graph_names")
    parts = meta.pop("parts", [])
    entry = JournalEntry(**meta)
    entry.graphs = {g: by_graph.get(g, Quads()) for g in names}
    entry.parts = [_entry(part, by_graph) for part in parts]
    return entry


def _legacy_entry(meta: dict, by_graph: dict[str, Quads]) -> JournalEntry:
    entry = JournalEntry(**meta)
    for graph_iri, quads in by_graph.items():
        scope = graph_scope(graph_iri)
        entry.graphs[graph_iri] = Quads(
            ox.Quad(_scoped(q.subject, scope), q.predicate, _scoped(q.object, scope), q.graph_name)
            for q in quads
        )
    return entry


def _scoped(term: object, scope: str) -> object:
    return ox.BlankNode(scope + term.value) if isinstance(term, ox.BlankNode) else term


def pending_entries(journal_dir: Path) -> Iterator[Path]:
    if journal_dir.exists():
        for tmp in journal_dir.glob("*.tmp"):  # a journal write that never completed: nothing was applied
            tmp.unlink()
        yield from sorted(journal_dir.glob("*.nq"), key=lambda p: (p.stat().st_mtime_ns, p.name))


def finish(path: Path) -> None:
    path.unlink(missing_ok=True)


def graphs_of(graphs: Iterable[tuple[str, Iterable[RdfTriple]]]) -> dict[str, list[RdfTriple]]:
    return {g: list(t) for g, t in graphs}
