"""Catalog specs as publication reads them: the spec model plus the masking registry's policy check.

The spec model (`pipelines.core.spec`) is the foundation and must not import the masking package;
this module, above both, hands `desensitize.operators.validate_policy` to the loader, so an unknown
operator or a wrong parameter is reported as FILE:LINE like any other spec problem.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from desensitize.operators import validate_policy
from pipelines.core.spec import loader, validate
from pipelines.core.spec.loader import SpecProblem
from pipelines.core.spec.model import POLICY_CHECK, CatalogSpec


def parse_spec(path: Path) -> tuple[CatalogSpec | None, list[SpecProblem]]:
    """Parse one spec file, policies checked by the operator registry; (spec or None, problems)."""
    return loader.parse_spec(path, validate_policy)


def load_spec(path: Path | str) -> CatalogSpec:
    """Load a valid spec, policies checked, or raise `SpecError` listing every problem."""
    return loader.load_spec(path, validate_policy)


def validate_paths(paths: list[Path]) -> tuple[list[tuple[Path, CatalogSpec]], list[SpecProblem]]:
    """Validate every spec under `paths`, policies checked; (valid specs, problems)."""
    return validate.validate_paths(paths, validate_policy)


def spec_from_dict(data: dict[str, Any]) -> CatalogSpec:
    """A spec handed over as a dict (to a worker), validated again with its policies."""
    return CatalogSpec.model_validate(data, context={POLICY_CHECK: validate_policy})
