"""Placeholders a person must still replace: values starting with `待填写` that `scan --draft-spec` wrote.

A draft is schema-valid on purpose (so it can be checked and tried), but a placeholder must never
reach the public catalog: `catalog validate` reports each one and `publish` refuses the spec.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from pipelines.core.errors import SpecError
from pipelines.core.spec.loader import SpecProblem, format_location
from pipelines.core.spec.yaml_lines import Location, YamlDocument

PLACEHOLDER = "待填写"


def _strings(data: Any, loc: Location = ()) -> Iterator[tuple[Location, str]]:
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _strings(value, (*loc, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _strings(value, (*loc, i))
    elif isinstance(data, str):
        yield loc, data


def placeholder_problems(path: Path) -> list[SpecProblem]:
    """One problem per value of the spec at `path` that still holds a placeholder, at its line."""
    try:
        doc = YamlDocument(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return []  # the loader reports an unreadable spec
    return [
        SpecProblem(path, doc.line_of(loc), f"{format_location(loc)}: still a placeholder ({value.strip()}); write the real value")
        for loc, value in _strings(doc.data)
        if PLACEHOLDER in value
    ]


def refuse_placeholders(path: Path) -> None:
    """Raise SpecError (exit 1) naming each placeholder as FILE:LINE when the spec at `path` holds any."""
    problems = placeholder_problems(path)
    if problems:
        raise SpecError(
            f"{path}: {len(problems)} value(s) still read {PLACEHOLDER}; fill them in before publishing",
            details=[str(p) for p in problems],
        )
