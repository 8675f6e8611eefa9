"""Where an archive lives and how it behaves: one dataclass, filled from code or the environment."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path

from ontology import DEFAULT_BASE_IRI, IriMinter

TEXT_ENGINES = ("tantivy", "whoosh")
STORE_KINDS = ("oxigraph", "sparql")
DEFAULT_LEVELS = ("public", "internal", "restricted")


@dataclass(frozen=True)
class ArchiveConfig:
    """Settings of one archive: data directory, IRI base, clearance levels (low → high), engines, limits.

    With ``store="sparql"`` the three URL templates name a remote SPARQL 1.1 dataset per level; each
    contains ``{level}`` (for example ``http://fuseki:3030/precedent-{level}/query``).
    """

    data_dir: Path = Path("data")
    base_iri: str = DEFAULT_BASE_IRI
    levels: tuple[str, ...] = DEFAULT_LEVELS
    text_engine: str = "tantivy"
    store: str = "oxigraph"
    sparql_query_url: str | None = None
    sparql_update_url: str | None = None
    sparql_gsp_url: str | None = None
    query_timeout: float = 10.0
    max_rows: int = 10000
    #: Bytes of result terms a user query may return (about the size of its SPARQL JSON); past it the
    #: answer is cut, like at ``max_rows``, and says so. 2,000 rows of 160 KB were a 313 MiB response.
    max_result_bytes: int = 32 * 1024 * 1024
    #: Address-space cap of a user query's worker process, in MiB (0 = no cap).
    query_memory_mb: int = 4096
    #: Seconds a writer waits for another writer's lock before giving up.
    writer_wait: float = 60.0
    extra: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "data_dir", Path(self.data_dir))
        object.__setattr__(self, "levels", tuple(self.levels))
        if not self.levels or len(set(self.levels)) != len(self.levels):
            raise ValueError(f"levels must be distinct and non-empty, got {self.levels!r}")
        for level in self.levels:
            if not level.isidentifier():
                raise ValueError(f"level name {level!r} must be a plain word (letters, digits, _)")
        if self.text_engine not in TEXT_ENGINES:
            raise ValueError(
                f"text_engine {self.text_engine!r} unknown; use one of {', '.join(TEXT_ENGINES)}"
            )
        if self.store not in STORE_KINDS:
            raise ValueError(f"store {self.store!r} unknown; use one of {', '.join(STORE_KINDS)}")
        if self.store == "sparql":
            for name in ("sparql_query_url", "sparql_update_url"):
                url = getattr(self, name)
                if not url or "{level}" not in url:
                    raise ValueError(f"store 'sparql' needs {name} with '{{level}}' in it, got {url!r}")
        if self.query_timeout <= 0 or self.max_rows <= 0 or self.max_result_bytes <= 0:
            raise ValueError("query_timeout, max_rows and max_result_bytes must be positive")
        IriMinter(self.base_iri)  # validates the base

    @property
    def minter(self) -> IriMinter:
        return IriMinter(self.base_iri)

    def check_level(self, level: str) -> str:
        """``level`` if this archive has it, else ``LevelError`` listing the valid levels."""
        from .levels import Levels

        return Levels(self.levels).validate(level)

    def with_(self, **changes: object) -> ArchiveConfig:
        return replace(self, **changes)

    @classmethod
    def from_env(cls, **overrides: object) -> ArchiveConfig:
        """Read ``PRECEDENT_*`` variables; keyword arguments (e.g. from CLI options) win over them."""
        env = os.environ
        values: dict[str, object] = {}
        if "PRECEDENT_DATA" in env:
            values["data_dir"] = Path(env["PRECEDENT_DATA"])
        if "PRECEDENT_BASE_IRI" in env:
            values["base_iri"] = env["PRECEDENT_BASE_IRI"]
        if "PRECEDENT_LEVELS" in env:
            values["levels"] = tuple(p.strip() for p in env["PRECEDENT_LEVELS"].split(",") if p.strip())
        if "PRECEDENT_TEXT_ENGINE" in env:
            values["text_engine"] = env["PRECEDENT_TEXT_ENGINE"]
        if "PRECEDENT_STORE" in env:
            values["store"] = env["PRECEDENT_STORE"]
        for key in ("QUERY", "UPDATE", "GSP"):
            if f"PRECEDENT_SPARQL_{key}_URL" in env:
                values[f"sparql_{key.lower()}_url"] = env[f"PRECEDENT_SPARQL_{key}_URL"]
        if "PRECEDENT_QUERY_TIMEOUT" in env:
            values["query_timeout"] = float(env["PRECEDENT_QUERY_TIMEOUT"])
        if "PRECEDENT_MAX_ROWS" in env:
            values["max_rows"] = int(env["PRECEDENT_MAX_ROWS"])
        if "PRECEDENT_MAX_RESULT_BYTES" in env:
            values["max_result_bytes"] = int(env["PRECEDENT_MAX_RESULT_BYTES"])
        if "PRECEDENT_QUERY_MEMORY_MB" in env:
            values["query_memory_mb"] = int(env["PRECEDENT_QUERY_MEMORY_MB"])
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)  # type: ignore[arg-type]
