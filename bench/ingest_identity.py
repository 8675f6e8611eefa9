"""What an ingest stored, saved to compare two versions of the ingest pipeline.

Run it once with each version of the code on PYTHONPATH (main's, then a branch's), on the same files,
then compare the two snapshots:

    PYTHONHASHSEED=0 PYTHONPATH=MAIN_SOURCE python -m bench.ingest_identity snapshot --out a.json.gz PATH...
    PYTHONHASHSEED=0 PYTHONPATH=$PWD python -m bench.ingest_identity snapshot --out b.json.gz PATH...
    python -m bench.ingest_identity compare main.json.gz this.json.gz

A snapshot ingests the files into a fresh data directory as ``precedent ingest`` does
(``precedent.ingesting.ingest``, reader processes beside the writer) and records, for every level, the
store's quads (as N-Quads lines, blank-node labels replaced by ``_:b``: readers mint them at random), the
text index's stored records, and every ledger table (the review queue included) without its times.
The same hash seed on both sides matters: the FOMC reader's output depends on it.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sqlite3
import sys
import tempfile
from collections import Counter
from pathlib import Path

_BLANK = re.compile(r"_:[A-Za-z0-9_]+")
#: Ledger columns that say when, not what.
_ROOT = str(Path(__file__).resolve().parents[1])
_TIMES = {"time", "decided_at", "at", "created", "updated"}


def snapshot(paths: list[Path], workers: int | None) -> dict[str, object]:
    """Ingest ``paths`` into a fresh archive and return what it holds."""
    import pyoxigraph as ox
    import tantivy

    from archive import Archive, ArchiveConfig
    from precedent.ingesting import ingest

    with tempfile.TemporaryDirectory(prefix="ingest-identity-") as tmp:
        data = Path(tmp) / "data"
        archive = Archive.open(ArchiveConfig(data_dir=data))
        try:
            # absolute paths: the ledger keeps each document's source path as given
            report = ingest(archive, [path.resolve() for path in paths], workers=workers)
            levels = list(archive.config.levels)
            engine = archive.config.text_engine
        finally:
            archive.close()
        out: dict[str, object] = {
            "report": {
                k: v for k, v in report.as_dict().items() if k not in ("seconds", "documents_per_second")
            }
        }
        for level in levels:
            store = ox.Store.read_only(str(data / "levels" / level / "store"))
            lines = ox.serialize(store, format=ox.RdfFormat.N_QUADS).decode("utf-8").splitlines()
            out[f"store {level}"] = sorted(_BLANK.sub("_:b", line) for line in lines)
            if engine == "tantivy":
                out[f"index {level}"] = _index_records(tantivy, data / "levels" / level / f"index-{engine}")
        out["ledger"] = _ledger(data / "ledger.sqlite")
        return out


def _index_records(tantivy: object, path: Path) -> list[str]:
    from archive.textindex.tantivy import _schema

    index = tantivy.Index(_schema(), str(path), reuse=True)  # type: ignore[attr-defined]
    searcher = index.searcher()
    total = searcher.num_docs
    if not total:
        return []
    hits = searcher.search(tantivy.Query.all_query(), limit=total).hits  # type: ignore[attr-defined]
    records = []
    for _, address in hits:
        fields = searcher.doc(address).to_dict()
        records.append(
            json.dumps({k: sorted(map(str, v)) for k, v in sorted(fields.items())}, sort_keys=True)
        )
    return sorted(records)


def _ledger(path: Path) -> dict[str, list[str]]:
    db = sqlite3.connect(path)
    try:
        tables = [
            r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        ]
        out: dict[str, list[str]] = {}
        for table in tables:
            cursor = db.execute(f'SELECT * FROM "{table}"')  # names from sqlite_master itself
            columns = [c[0] for c in cursor.description]
            keep = [i for i, c in enumerate(columns) if c not in _TIMES]
            out[table] = sorted(
                json.dumps({columns[i]: _here(row[i]) for i in keep}, sort_keys=True, default=str)
                for row in cursor
            )
        return out
    finally:
        db.close()


def _here(value: object) -> object:
    """A path inside this code's checkout (the ontology files) said the same way for every checkout."""
    if isinstance(value, str) and value.startswith(_ROOT):
        return "<checkout>" + value[len(_ROOT) :]
    return value


def compare(a: dict[str, object], b: dict[str, object]) -> list[str]:
    """What differs between two snapshots, one line per part (empty when they are identical)."""
    problems: list[str] = []
    for part in sorted(set(a) | set(b)):
        left, right = a.get(part), b.get(part)
        if part == "ledger" and isinstance(left, dict) and isinstance(right, dict):
            for table in sorted(set(left) | set(right)):
                problems += _differ(f"ledger {table}", left.get(table, []), right.get(table, []))
        elif isinstance(left, list) and isinstance(right, list):
            problems += _differ(part, left, right)
        elif left != right:
            problems.append(f"{part}: {left!r} != {right!r}")
    return problems


def _differ(part: str, left: list[str], right: list[str]) -> list[str]:
    if left == right:
        return []
    only_left = Counter(left) - Counter(right)
    only_right = Counter(right) - Counter(left)
    sample = [f"  - {line[:300]}" for line in list(only_left)[:3]] + [
        f"  + {line[:300]}" for line in list(only_right)[:3]
    ]
    counts = f"{sum(only_left.values())} only in the first, {sum(only_right.values())} only in the second"
    return [f"{part}: {counts}", *sample]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    take = sub.add_parser("snapshot", help="ingest the files into a fresh archive and save what it holds")
    take.add_argument("--out", type=Path, required=True)
    take.add_argument(
        "--workers", type=int, default=None, help="reader processes (default: as precedent ingest)"
    )
    take.add_argument("paths", nargs="+", type=Path)
    check = sub.add_parser("compare", help="compare two snapshots")
    check.add_argument("first", type=Path)
    check.add_argument("second", type=Path)
    args = parser.parse_args(argv)
    if args.command == "snapshot":
        with gzip.open(args.out, "wt", encoding="utf-8") as out:
            json.dump(snapshot(args.paths, args.workers), out)
        return 0
    with (
        gzip.open(args.first, "rt", encoding="utf-8") as f,
        gzip.open(args.second, "rt", encoding="utf-8") as g,
    ):
        problems = compare(json.load(f), json.load(g))
    for line in problems:
        print(line)
    differing = sum(1 for line in problems if not line.startswith("  "))
    print("identical" if not problems else f"{differing} parts differ")
    return 0 if not problems else 1


if __name__ == "__main__":
    sys.exit(main())
