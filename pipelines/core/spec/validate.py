"""`opendata catalog validate`: schema, cross-field rules, source files present, ids unique."""

from __future__ import annotations

from pathlib import Path

from pipelines.core.spec.loader import SpecProblem, parse_spec, spec_files
from pipelines.core.spec.model import CatalogSpec, PolicyCheck
from pipelines.core.spec.placeholders import placeholder_problems


def validate_paths(
    paths: list[Path], policy_check: PolicyCheck | None = None
) -> tuple[list[tuple[Path, CatalogSpec]], list[SpecProblem]]:
    """Validate every spec under `paths`; return the valid specs and all problems (policies: see `parse_spec`)."""
    valid: list[tuple[Path, CatalogSpec]] = []
    problems: list[SpecProblem] = []
    files = spec_files(paths)
    for missing in (p for p in paths if not p.exists()):
        problems.append(SpecProblem(missing, 1, "no such file or folder"))
    seen_ids: dict[str, Path] = {}
    for path in files:
        if not path.exists():
            continue
        spec, found = parse_spec(path, policy_check)
        problems += found
        # A draft's 待填写 values are schema-valid but must be written by a person before review.
        unwritten = placeholder_problems(path)
        problems += unwritten
        if spec is None or unwritten:
            continue
        line_of_source = _line_of(path, "source")
        source = spec.source_path(path)
        if not source.is_file():
            problems.append(SpecProblem(path, line_of_source, f"source.path: extract {spec.source.path!r} not found"))
            continue
        if spec.id in seen_ids:
            problems.append(SpecProblem(path, _line_of(path, "id"), f"id: {spec.id!r} is already used by {seen_ids[spec.id]}"))
            continue
        seen_ids[spec.id] = path
        valid.append((path, spec))
    if not files and not problems:
        problems.append(SpecProblem(paths[0] if paths else Path("."), 1, "no catalog spec files found"))
    return valid, problems


def _line_of(path: Path, key: str) -> int:
    from pipelines.core.spec.yaml_lines import YamlDocument  # in-function: only a problem needs the line map

    return YamlDocument(path.read_text(encoding="utf-8")).line_of((key,))
