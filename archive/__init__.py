"""Everything stateful in Precedent: stores per clearance level, the one writer, ledger, originals, views.

See ``docs/internals.md`` §4 for the contract; ``Archive.open(config)`` is the way in.
"""

from .archive import Archive
from .check import CheckReport, LevelCheck
from .config import ArchiveConfig
from .errors import (
    ArchiveError,
    ImportRefused,
    LevelError,
    QueryRefused,
    QuerySyntaxError,
    QueryTimeout,
    RestoreRefused,
    WriterBusy,
)
from .ledger import DocumentRow, Ledger
from .levels import Levels
from .results import QueryResult
from .review import ReviewItem, ReviewQueue
from .view import DocumentView, PassageView, View
from .writer import PutResult, Writer

__all__ = [
    "Archive",
    "ArchiveConfig",
    "ArchiveError",
    "CheckReport",
    "DocumentRow",
    "DocumentView",
    "ImportRefused",
    "Ledger",
    "LevelCheck",
    "LevelError",
    "Levels",
    "PassageView",
    "PutResult",
    "QueryRefused",
    "QueryResult",
    "QuerySyntaxError",
    "QueryTimeout",
    "RestoreRefused",
    "ReviewItem",
    "ReviewQueue",
    "View",
    "Writer",
    "WriterBusy",
]
