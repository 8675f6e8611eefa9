"""The ordered clearance levels of an archive (default ``public < internal < restricted``)."""

from __future__ import annotations

from dataclasses import dataclass

from .errors import LevelError


@dataclass(frozen=True)
class Levels:
    """The levels of one archive, lowest first; a reader at a level sees it and every level below."""

    names: tuple[str, ...]

    def validate(self, level: str) -> str:
        if level not in self.names:
            raise LevelError(f"unknown access level {level!r}; valid levels are: {', '.join(self.names)}")
        return level

    def rank(self, level: str) -> int:
        return self.names.index(self.validate(level))

    def at_or_below(self, level: str) -> tuple[str, ...]:
        return self.names[: self.rank(level) + 1]

    def at_or_above(self, level: str) -> tuple[str, ...]:
        return self.names[self.rank(level) :]

    @property
    def top(self) -> str:
        return self.names[-1]

    @property
    def lowest(self) -> str:
        return self.names[0]

    def __iter__(self):
        return iter(self.names)
