"""The errors a user of the archive can cause, each with a message a person can act on."""

from __future__ import annotations


class ArchiveError(Exception):
    """Base class of every error the archive raises on purpose."""


class LevelError(ArchiveError, ValueError):
    """A clearance level name that this archive does not have."""


class QueryRefused(ArchiveError):
    """A SPARQL request the archive will not run (update, SERVICE, a graph outside the level); HTTP 400."""


class QuerySyntaxError(ArchiveError):
    """A SPARQL request that does not parse; the message carries line and column; HTTP 400."""


class QueryTimeout(ArchiveError):
    """A query that ran past its wall-clock limit and was stopped; HTTP 503."""


class ImportRefused(ArchiveError, ValueError):
    """Raw RDF that cannot be imported (bad syntax with line/column, DOCTYPE, remote @context)."""


class RestoreRefused(ArchiveError, ValueError):
    """A dump that cannot be restored here (non-empty data directory, missing or foreign ledger sidecar)."""


class WriterBusy(ArchiveError):
    """Another writer holds the archive's writer lock for longer than we were willing to wait."""
