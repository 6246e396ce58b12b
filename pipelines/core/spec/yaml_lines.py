"""Load YAML while remembering the line of every key, so problems can be reported as FILE:LINE."""

from __future__ import annotations

import re
from typing import Any

import yaml

Location = tuple[str | int, ...]

# Chinese puts no space between Han characters, nor beside full-width punctuation (、，。；：（）《》“”).
_PUNCT = "\u3000-\u303f\uff00-\uffef\u2018-\u201d"
_CJK = "\u3400-\u9fff\uf900-\ufaff" + _PUNCT
_CJK_FOLD = re.compile(f"(?<=[{_CJK}]) (?=[{_CJK}])|(?<=[{_PUNCT}]) | (?=[{_PUNCT}])")


def error_line(exc: yaml.YAMLError) -> int:
    """The 1-based line a YAML parse error points at (1 when the parser gives none)."""
    mark = getattr(exc, "problem_mark", None)
    return mark.line + 1 if mark is not None else 1


class _SpecLoader(yaml.SafeLoader):
    """SafeLoader whose folded blocks (`>`) join Chinese lines without a space.

    YAML folds a line break into a space, which is right for English and wrong for Chinese:
    `家庭人口、⏎月保障金额` would publish as `家庭人口、 月保障金额`. Specs are written by people who wrap
    long Chinese prose, so a fold between two Chinese characters joins them directly (as browsers do).
    """

    def construct_scalar(self, node: yaml.Node) -> Any:
        value = super().construct_scalar(node)
        if isinstance(node, yaml.ScalarNode) and node.style == ">" and isinstance(value, str):
            value = _CJK_FOLD.sub("", value)
        return value


class YamlDocument:
    """A parsed YAML mapping and the 1-based line of each key path in it."""

    def __init__(self, text: str) -> None:
        self.lines: dict[Location, int] = {}
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        self.data: Any = yaml.load(text, Loader=_SpecLoader) if node is not None else None  # noqa: S506 (a SafeLoader)
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
