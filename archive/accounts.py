"""People who may sign in to the web UI: their role, their clearance level, and a hashed password.

Accounts live in the archive's SQLite ledger (table ``accounts``), beside the documents they ingest.
Passwords are stored only as salted scrypt hashes; ``verify`` takes the same time whether or not
the name exists, so the sign-in form does not reveal which names are accounts.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from .private_files import make_private

ROLES = ("reader", "editor", "admin")

# scrypt cost: n=2**14, r=8, p=1 needs 16 MiB and ~50 ms — enough to slow guessing, fine per sign-in.
_SCRYPT_N, _SCRYPT_R, _SCRYPT_P = 2**14, 8, 1
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$")
_MIN_PASSWORD = 8

_SCHEMA = """
CREATE TABLE IF NOT EXISTS accounts (
    name TEXT PRIMARY KEY,
    password_hash TEXT NOT NULL,
    role TEXT NOT NULL,
    level TEXT NOT NULL,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
)
"""


class AccountError(ValueError):
    """An account request that cannot be honoured (bad name, weak password, unknown role or level)."""


@dataclass(frozen=True)
class Account:
    """A signed-in person: who they are, what they may do (role) and what they may read (level)."""

    name: str
    role: str
    level: str

    @property
    def can_ingest(self) -> bool:
        return self.role in ("editor", "admin")

    @property
    def can_review(self) -> bool:
        return self.role in ("editor", "admin")


def hash_password(password: str) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(
        password.encode("utf-8"),
        salt=salt,
        n=_SCRYPT_N,
        r=_SCRYPT_R,
        p=_SCRYPT_P,
        maxmem=64 * 1024 * 1024,
        dklen=32,
    )
    return f"scrypt${_SCRYPT_N}${_SCRYPT_R}${_SCRYPT_P}${salt.hex()}${digest.hex()}"


def check_password(password: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != "scrypt":
            return False
        computed = hashlib.scrypt(
            password.encode("utf-8"),
            salt=bytes.fromhex(salt),
            n=int(n),
            r=int(r),
            p=int(p),
            maxmem=64 * 1024 * 1024,
            dklen=len(digest) // 2,
        )
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(computed.hex(), digest)


# Compared against when the name is unknown, so a miss costs as much as a wrong password.
_DUMMY_HASH = hash_password(secrets.token_hex(16))


class Accounts:
    """The accounts table of one ledger file; every call opens its own connection (thread-safe)."""

    def __init__(self, ledger_path: Path, levels: Sequence[str] | None = None) -> None:
        self.path = Path(ledger_path)
        self.levels = tuple(levels) if levels else None
        make_private(self.path.parent)  # the ledger's folder is the data directory: hashes stay private
        with self._connect() as connection:
            connection.execute(_SCHEMA)
        self.path.chmod(0o600)

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        connection = sqlite3.connect(self.path, timeout=30)
        try:
            with connection:
                yield connection
        finally:
            connection.close()

    def _check(self, name: str, password: str | None, role: str, level: str) -> None:
        if not _NAME.match(name):
            raise AccountError(f"account name {name!r}: use 1–64 letters, digits, '.', '_', '@' or '-'")
        if password is not None and len(password) < _MIN_PASSWORD:
            raise AccountError(f"password for {name!r} is too short: use at least {_MIN_PASSWORD} characters")
        if role not in ROLES:
            raise AccountError(f"role {role!r} is unknown: use one of {', '.join(ROLES)}")
        if self.levels is not None and level not in self.levels:
            raise AccountError(f"level {level!r} is unknown: use one of {', '.join(self.levels)}")

    def add_user(self, name: str, password: str, role: str = "reader", level: str = "public") -> Account:
        """Create an account, or replace the password, role and level of an existing one."""
        self._check(name, password, role, level)
        with self._connect() as connection:
            connection.execute(
                "INSERT INTO accounts (name, password_hash, role, level) VALUES (?, ?, ?, ?) "
                "ON CONFLICT(name) DO UPDATE SET password_hash=excluded.password_hash, "
                "role=excluded.role, level=excluded.level",
                (name, hash_password(password), role, level),
            )
        return Account(name, role, level)

    def verify(self, name: str, password: str) -> Account | None:
        """The account when ``password`` is right for ``name``, else ``None``."""
        with self._connect() as connection:
            row = connection.execute(
                "SELECT password_hash, role, level FROM accounts WHERE name = ?", (name,)
            ).fetchone()
        if row is None:
            check_password(password, _DUMMY_HASH)
            return None
        if not check_password(password, row[0]):
            return None
        return Account(name, row[1], row[2])

    def get(self, name: str) -> Account | None:
        with self._connect() as connection:
            row = connection.execute("SELECT role, level FROM accounts WHERE name = ?", (name,)).fetchone()
        return Account(name, row[0], row[1]) if row else None

    def remove(self, name: str) -> bool:
        with self._connect() as connection:
            return connection.execute("DELETE FROM accounts WHERE name = ?", (name,)).rowcount > 0

    def export(self) -> list[dict[str, str]]:
        """Every account with its password *hash* (never a password), for ``precedent dump``."""
        with self._connect() as connection:
            rows = connection.execute(
                "SELECT name, password_hash, role, level, created_at FROM accounts ORDER BY name"
            ).fetchall()
        return [
            dict(zip(("name", "password_hash", "role", "level", "created_at"), row, strict=True))
            for row in rows
        ]

    def import_rows(self, rows: Sequence[dict[str, str]]) -> int:
        """Put back accounts from ``export`` as they were (same hashes); returns how many."""
        for row in rows:
            self._check(row["name"], None, row["role"], row["level"])
            if not str(row["password_hash"]).startswith("scrypt$"):
                raise AccountError(f"account {row['name']!r}: the password hash is not a scrypt hash")
        with self._connect() as connection:
            connection.executemany(
                "INSERT OR REPLACE INTO accounts (name, password_hash, role, level, created_at) "
                "VALUES (?, ?, ?, ?, ?)",
                [
                    (r["name"], r["password_hash"], r["role"], r["level"], r.get("created_at") or "")
                    for r in rows
                ],
            )
        return len(rows)

    def all(self) -> list[Account]:
        with self._connect() as connection:
            rows = connection.execute("SELECT name, role, level FROM accounts ORDER BY name").fetchall()
        return [Account(*row) for row in rows]
