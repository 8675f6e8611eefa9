"""The generation of a level's store: how a long-lived read-only query worker knows its snapshot is stale.

A read-only RocksDB handle sees the store as it was when opened. Two signals say "reopen":

* ``levels/<level>/generation``, a counter the archive writer bumps after each committed batch
  (``bump``; written atomically so a reader never sees half a number);
* the store's own write-ahead log and manifest (``store_stamp``): every committed transaction appends
  to the log and every flush, compaction or bulk load rewrites the manifest, so their names, sizes and
  modification times change with any write, even one made by a writer that never bumps the counter.

``snapshot_key`` combines both; it costs one small file read and a few ``stat`` calls (the directory is
listed again only when it changed).
"""

from __future__ import annotations

import os
import time
from pathlib import Path

GENERATION_FILE = "generation"


def read(level_dir: Path) -> int:
    """The level's current generation; 0 when it was never bumped (or the file is unreadable)."""
    try:
        return int((Path(level_dir) / GENERATION_FILE).read_text(encoding="ascii").strip() or 0)
    except (OSError, ValueError):
        return 0


def bump(level_dir: Path) -> int:
    """Advance the level's generation after a committed write batch; returns the new number.

    Call this from the writer's commit point, once per batch, after the store has the batch.
    Only the archive's single writer calls it, so read-increment-replace needs no lock.
    """
    level_dir = Path(level_dir)
    level_dir.mkdir(parents=True, exist_ok=True)
    new = read(level_dir) + 1
    temporary = level_dir / f".{GENERATION_FILE}.{os.getpid()}.tmp"
    temporary.write_text(f"{new}\n", encoding="ascii")
    os.replace(temporary, level_dir / GENERATION_FILE)  # atomic: readers see the old number or the new
    return new


def _is_snapshot_file(name: str) -> bool:
    # "000123.log" is a write-ahead log; "LOG" and "LOG.old.*" are RocksDB's diagnostic logs, not data
    return name == "CURRENT" or name.startswith("MANIFEST-") or (name.endswith(".log") and name[0].isdigit())


#: A directory listing is reused only while the directory is unchanged *and* was listed this long after
#: its last change: file system timestamps are coarse (a clock tick), so a file created in the same tick
#: as an earlier listing could leave the directory's mtime as it was. Nanoseconds.
SETTLED_NS = 2_000_000_000


def _snapshot_names(store_dir: Path, directory: os.stat_result, listings: dict[str, tuple]) -> list[str]:
    """The log and manifest files' names; listed again only when the directory has changed since."""
    key = str(store_dir)
    seen = listings.get(key)
    if seen is not None and seen[0] == (directory.st_ino, directory.st_mtime_ns):
        return seen[1]
    listed_at = time.time_ns()
    with os.scandir(store_dir) as scan:
        names = sorted(entry.name for entry in scan if _is_snapshot_file(entry.name))
    if listed_at - directory.st_mtime_ns > SETTLED_NS:
        listings[key] = ((directory.st_ino, directory.st_mtime_ns), names)
    return names


# by store directory: the directory's (inode, mtime) and its log and manifest files' names. A store holds
# hundreds of table files (564 on the real archive): listing it took ~0.35 ms a call, and a decision page
# asks five times, a search page and every user query once. Never more entries than stores.
_LISTINGS: dict[str, tuple] = {}


def store_stamp(store_dir: Path) -> tuple:
    """Name, size and mtime of the store's log and manifest files: changes whenever the store does."""
    try:
        directory = os.stat(store_dir)
        names = _snapshot_names(store_dir, directory, _LISTINGS)
    except FileNotFoundError:
        return ()
    entries = []
    for name in names:
        try:
            stat = os.stat(os.path.join(store_dir, name))
        except FileNotFoundError:  # removed by the writer between listing and stat
            continue
        entries.append((name, stat.st_size, stat.st_mtime_ns))
    return tuple(entries)


def snapshot_key(store_dir: Path) -> tuple:
    """What a worker compares before each query; the store lives in ``levels/<level>/store``."""
    store_dir = Path(store_dir)
    return (read(store_dir.parent), store_stamp(store_dir))
