"""Read catalog spec files into `CatalogSpec` objects, with problems as `FILE:LINE: message`."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml
from pydantic import ValidationError
from pydantic_core import ErrorDetails

from pipelines.core.errors import SpecError
from pipelines.core.spec.model import POLICY_CHECK, CatalogSpec, PolicyCheck
from pipelines.core.spec.yaml_lines import Location, YamlDocument, error_line


@dataclass(frozen=True)
class SpecProblem:
    """One problem in one spec file."""

    path: Path
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


def format_location(loc: Location) -> str:
    """A key path as written in messages: fields[3].policy."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _pydantic_message(err: ErrorDetails) -> str:
    msg = str(err["msg"]).removeprefix("Value error, ")
    if err["type"] == "enum":
        expected = err.get("ctx", {}).get("expected", "")
        msg = f"{err['input']!r} is not one of {expected}"
    elif err["type"] == "extra_forbidden":
        msg = "unknown key (check its spelling)"
    elif err["type"] == "missing":
        msg = "required key is missing"
    return msg


def parse_spec(path: Path, policy_check: PolicyCheck | None = None) -> tuple[CatalogSpec | None, list[SpecProblem]]:
    """Parse one spec file; return the spec (None if invalid) and every problem found.

    `policy_check` validates each masking policy's operator and parameters (the masking package's
    validator, handed in by `pipelines.runner.specs`); without it policies are checked in shape only.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return None, [SpecProblem(path, 1, f"cannot read spec: {exc.__class__.__name__}: {exc}")]
    try:
        doc = YamlDocument(text)
    except yaml.YAMLError as exc:
        line = error_line(exc)
        return None, [SpecProblem(path, line, f"not valid YAML: {getattr(exc, 'problem', exc)}")]
    if not isinstance(doc.data, dict):
        return None, [SpecProblem(path, 1, "a catalog spec must be a YAML mapping")]
    try:
        spec = CatalogSpec.model_validate(doc.data, context={"defer_cross_field": True, POLICY_CHECK: policy_check})
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            loc = tuple(p for p in err["loc"] if not (isinstance(p, str) and p.startswith("function-")))
            where = format_location(loc)
            message = _pydantic_message(err)
            problems.append(SpecProblem(path, doc.line_of(loc), f"{where}: {message}" if where else message))
        return None, problems
    problems = [
        SpecProblem(path, doc.line_of(loc), f"{format_location(loc)}: {message}")
        for loc, message in spec.cross_field_problems()
    ]
    return (None if problems else spec), problems


def load_spec(path: Path | str, policy_check: PolicyCheck | None = None) -> CatalogSpec:
    """Load a valid spec or raise `SpecError` listing every problem (policies: see `parse_spec`)."""
    path = Path(path)
    if not path.is_file():
        # One line naming the path: a missing file is not a list of spec problems.
        what = "is a folder: give one spec file" if path.is_dir() else "no such spec file; check the path"
        raise SpecError(f"{path}: {what}")
    spec, problems = parse_spec(path, policy_check)
    if spec is None:
        raise SpecError(f"{path}: invalid catalog spec", details=[str(p) for p in problems])
    return spec


def spec_files(paths: list[Path]) -> list[Path]:
    """Expand folders into their *.yaml / *.yml files, sorted."""
    out: list[Path] = []
    for p in paths:
        if p.is_dir():
            out += sorted([*p.glob("*.yaml"), *p.glob("*.yml")])
        else:
            out.append(p)
    return out
