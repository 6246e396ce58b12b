"""Load YAML while remembering the line of every key, so problems can be reported as FILE:LINE."""

from __future__ import annotations

from typing import Any

import yaml

Location = tuple[str | int, ...]


class YamlDocument:
    """A parsed YAML mapping and the 1-based line of each key path in it."""

    def __init__(self, text: str) -> None:
        self.lines: dict[Location, int] = {}
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        self.data: Any = yaml.safe_load(text) if node is not None else None
        if node is not None:
            self._walk(node, ())

    def _walk(self, node: yaml.Node, path: Location) -> None:
        self.lines.setdefault(path, node.start_mark.line + 1)
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                child = (*path, key_node.value)
                self.lines[child] = key_node.start_mark.line + 1
                self._walk(value_node, child)
                self.lines[child] = key_node.start_mark.line + 1
        elif isinstance(node, yaml.SequenceNode):
            for i, item in enumerate(node.value):
                self._walk(item, (*path, i))

    def line_of(self, loc: Location) -> int:
        """The line of the deepest known prefix of `loc` (a missing key points at its parent)."""
        for end in range(len(loc), -1, -1):
            line = self.lines.get(tuple(loc[:end]))
            if line is not None:
                return line
        return 1
