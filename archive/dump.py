"""Dump an archive to N-Quads plus a ledger sidecar, restore it into an empty data directory, rebuild indexes.

The dump holds every graph of the top-level store (which holds everything); lower stores and all text
indexes are derived again on restore, by the same level filter and the same record derivation. The
sidecar holds the ledger's tables — documents, entity owners, review decisions — and the accounts
(names, roles, levels and password *hashes*), so people can sign in to the restored archive. What a dump
does not hold is listed in ``NOT_KEPT`` (and written into the sidecar and printed by ``precedent dump``).
Both files are created 0600: they hold everything the archive holds.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox
from rdflib import URIRef

from . import clearance
from .accounts import Accounts
from .apply import rebuild_descriptions, stored_document
from .batch import IndexBatch
from .config import ArchiveConfig
from .descriptions import is_entity_graph
from .errors import RestoreRefused
from .indexing import ORGANISATION_CLASSES, document_records
from .private_files import private_open
from .summaries import is_summary_graph
from .terms import RdfTriple, from_ox, nt_term, to_ox

if TYPE_CHECKING:
    from .archive import Archive

log = logging.getLogger(__name__)
Progress = Callable[[int, int], None]

ACTORS_QUERY = (
    "SELECT DISTINCT ?actor WHERE {{ VALUES ?type {{ {types} }} ?actor a ?type . FILTER(isIRI(?actor)) }}"
)


#: What a dump does not carry, and what to do about each.
NOT_KEPT = (
    "original source files (data/originals: copy that folder beside the dump to keep them)",
    "text indexes (rebuilt from the graphs on restore)",
    "sign-in sessions (everyone signs in again) and sign-in and query throttling counters",
    "the writer's journal of unfinished writes (only finished writes are dumped)",
)


def sidecar_path(path: Path) -> Path:
    return path.with_name(path.name + ".ledger.json")


@dataclass
class DumpSummary:
    """What ``Archive.dump`` wrote."""

    quads: int
    graphs: int
    documents: int
    accounts: int = 0
    review_decisions: int = 0

    def __str__(self) -> str:
        return (
            f"{self.quads} quads in {self.graphs} graphs, {self.documents} documents in the ledger, "
            f"{self.review_decisions} review decisions, {self.accounts} accounts (password hashes only)"
        )


def dump_archive(archive: Archive, path: Path) -> DumpSummary:
    """Write every quad of the top store to ``path`` (N-Quads) and the ledger to ``<path>.ledger.json``.

    Page summaries (``archive.summaries``) are left out: they are derived from the rest, and restore
    rebuilds them with the entity graphs.
    """
    top = archive.store(archive.levels.top)
    count = 0
    graphs: set[str] = set()
    tmp = path.with_name(path.name + ".tmp")
    with private_open(tmp) as out:
        for s, p, o, g in top.quads():
            if is_summary_graph(archive.minter, g):
                continue  # derived rows, rebuilt with the entity graphs on restore
            out.write(f"{ox.Quad(to_ox(s), to_ox(p), to_ox(o), ox.NamedNode(g))} .\n")
            count += 1
            graphs.add(g)
    tmp.replace(path)
    tables = archive.ledger.export()
    accounts = _accounts(archive).export()
    meta = {
        "format": "precedent-ledger",
        "version": 1,
        "levels": list(archive.levels.names),
        "base_iri": archive.config.base_iri,
        "tables": tables,
        "accounts": accounts,
        "not_kept": list(NOT_KEPT),
    }
    with private_open(sidecar_path(path)) as out:
        out.write(json.dumps(meta, indent=1, sort_keys=True))
    return DumpSummary(
        quads=count,
        graphs=len(graphs),
        documents=len(tables["documents"]),
        accounts=len(accounts),
        review_decisions=len(tables.get("review", [])),
    )


def _accounts(archive: Archive) -> Accounts:
    return Accounts(archive.config.data_dir / "ledger.sqlite", archive.levels.names)


def _read_quads(path: Path) -> dict[str, list[RdfTriple]]:
    graphs: dict[str, list[RdfTriple]] = {}
    try:
        with path.open("rb") as handle:
            for quad in ox.parse(handle, ox.RdfFormat.N_QUADS):
                if not isinstance(quad.graph_name, ox.NamedNode):
                    raise RestoreRefused(
                        f"{path}: a quad in the default graph; a Precedent dump has only named graphs"
                    )
                graphs.setdefault(quad.graph_name.value, []).append(
                    (from_ox(quad.subject), from_ox(quad.predicate), from_ox(quad.object))
                )
    except SyntaxError as exc:
        raise RestoreRefused(f"{path}: line {exc.lineno}, column {exc.offset}: {exc.msg}") from None
    return graphs


def restore_archive(
    cls: type[Archive], path: Path, config: ArchiveConfig, progress: Progress | None
) -> Archive:
    data_dir = config.data_dir
    if data_dir.exists() and any(data_dir.iterdir()):
        raise RestoreRefused(f"restore needs an empty data directory; {data_dir} is not empty")
    sidecar = sidecar_path(path)
    if not sidecar.is_file():
        raise RestoreRefused(f"{sidecar} is missing: a dump is the .nq file plus its .ledger.json sidecar")
    meta = json.loads(sidecar.read_text(encoding="utf-8"))
    if meta.get("format") != "precedent-ledger":
        raise RestoreRefused(f"{sidecar}: not a Precedent ledger sidecar")
    if list(meta.get("levels", [])) != list(config.levels):
        raise RestoreRefused(
            f"{sidecar}: the dump has levels {meta.get('levels')}, the configuration {config.levels}"
        )
    graphs = _read_quads(path)
    archive = cls.open(config)
    archive.ledger.import_tables(meta["tables"])
    _accounts(archive).import_rows(meta.get("accounts", []))
    rows = archive.ledger.documents()
    with archive.writer("restore"):
        known: set[str] = set()
        for done, row in enumerate(rows, 1):
            names = [row.graph, archive.reviewed_graph_iri(row.identifier)]
            known.update(names)
            doc_graphs = {g: graphs.get(g, []) for g in names}
            owners = archive.ledger.owner_ranks(
                clearance.iris_in(t for ts in doc_graphs.values() for t in ts)
            )
            for level in clearance.levels_receiving(archive.levels, row.level):
                rank = archive.levels.rank(level)
                archive.store(level).replace_graphs(
                    {g: clearance.visible(ts, owners, rank) for g, ts in doc_graphs.items()}
                )
            if progress:
                progress(done, len(rows))
        # entity graphs are derived from the ledger, like the lower levels' stores
        rebuild_descriptions(archive, archive.ledger.described_entities())
        known.update(g for g in graphs if is_entity_graph(archive.minter, g))
        for graph_iri in sorted(set(graphs) - known):
            log.warning("restore: graph %s has no ledger row; kept at the top level only", graph_iri)
            archive.store(archive.levels.top).replace_graphs({graph_iri: graphs[graph_iri]})
        reindex_archive(archive, progress)
    return archive


def reindex_archive(archive: Archive, progress: Progress | None = None) -> int:
    """Rebuild every level's text index from its store; returns the number of records written."""
    levels = archive.levels
    work = [
        (level, row)
        for level in levels
        for row in archive.ledger.documents(status="stored", levels=levels.at_or_below(level))
    ]
    written = 0
    types = " ".join(
        nt_term(URIRef(c))
        for c in sorted({*ORGANISATION_CLASSES, URIRef("https://w3id.org/precedent/ontology#Person")})
    )
    for level in levels:
        archive.index(level).clear()
    batch = IndexBatch(archive)
    for done, (level, row) in enumerate(work, 1):
        records = document_records(stored_document(archive, level, row), row.identifier)
        if records:
            batch.replace(level, row.identifier, records)
            written += len(records)
        if progress:
            progress(done, len(work))
    for level in levels:
        actors = [str(r["actor"]) for r in archive.store(level).select(ACTORS_QUERY.format(types=types))]
        batch.touch_actors(level, actors)
        written += len(actors)
    batch.flush()
    return written
