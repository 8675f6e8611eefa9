"""The data directory is private: 0700 for directories, 0600 for files, whatever the umask says.

The ledger holds password hashes, the stores and indexes hold restricted documents, and dumps hold all
of it; under the common umask 022 they were world-readable. Opening an archive therefore sets the
process's umask to 077 (every file the stores, indexes, ledger and journal create from then on is
0600, every directory 0700) and closes the data directory itself and the ledger's files to other users,
so an archive created before this rule is private too. Files written to other places (dumps) are
created 0600 explicitly by ``private_open``.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import IO

PRIVATE_UMASK = 0o077


def make_private(data_dir: Path) -> None:
    """Create ``data_dir`` if needed and keep everything in it to its owner."""
    os.umask(PRIVATE_UMASK)
    data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    data_dir.chmod(0o700)
    for name in ("ledger.sqlite", "ledger.sqlite-wal", "ledger.sqlite-shm"):
        path = data_dir / name
        if path.exists():
            path.chmod(0o600)


def private_open(path: Path, mode: str = "w") -> IO:
    """Open ``path`` for writing as a 0600 file (created so, and narrowed if it existed)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.fchmod(fd, 0o600)
    return os.fdopen(fd, mode, encoding=None if "b" in mode else "utf-8")
