"""YAML from untrusted sources: safe types only, no aliases, a size limit, errors with a line number.

Minutes front matter is written by people outside our control, so it is loaded with PyYAML's safe
constructors and any alias (``*name``) is refused: aliases are how a few hundred bytes expand into
gigabytes ("billion laughs"), and no honest front matter needs them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml

#: Front matter larger than this is refused before parsing.
MAX_YAML_CHARS = 1_000_000
#: Deeper nesting is refused: PyYAML composes nodes recursively, and honest front matter is shallow.
MAX_DEPTH = 32


class Refused(yaml.YAMLError):
    """A construct we do not accept (an alias, too deep a nesting), raised before it is built."""

    def __init__(self, problem: str, mark: yaml.Mark) -> None:
        super().__init__(problem)
        self.problem_mark = mark
        self.problem = problem


class NoAliasLoader(yaml.SafeLoader):
    """PyYAML's SafeLoader that raises on the first alias event and on nesting deeper than ``MAX_DEPTH``."""

    _depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:  # PyYAML hook
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent):
            raise Refused("aliases (*name) are not allowed", event.start_mark)
        if self._depth >= MAX_DEPTH:
            raise Refused(f"nesting deeper than {MAX_DEPTH} levels is not allowed", event.start_mark)
        self._depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1

    def construct_yaml_timestamp(self, node: yaml.ScalarNode) -> Any:  # PyYAML hook
        # "2016-13-45" looks like a timestamp but is no date: keep the text, for the reader to judge,
        # rather than let PyYAML's ValueError escape as a crash.
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError:
            return self.construct_scalar(node)


NoAliasLoader.add_constructor("tag:yaml.org,2002:timestamp", NoAliasLoader.construct_yaml_timestamp)


@dataclass
class YamlProblem(Exception):
    """Malformed YAML: ``line`` is 0-based within the YAML text, ``problem`` says what is wrong."""

    line: int
    problem: str


def load(text: str) -> tuple[Any, yaml.Node | None]:
    """Parse one YAML document; return the plain data and its node tree (node marks give positions).

    Raises ``YamlProblem`` for oversized input, aliases and syntax errors.
    """
    if len(text) > MAX_YAML_CHARS:
        raise YamlProblem(0, f"YAML block is larger than {MAX_YAML_CHARS} characters")
    loader = NoAliasLoader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        problem = getattr(error, "problem", None) or str(error)
        raise YamlProblem(mark.line if mark else 0, str(problem)) from None
    finally:
        loader.dispose()
    return data, node


def mapping_child(node: yaml.Node | None, key: str) -> yaml.Node | None:
    """The value node under ``key`` in a mapping node, or ``None``."""
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.value == key:
                return value_node
    return None
