"""Catalog spec model, loader and validator."""

from pipelines.core.spec.loader import SpecProblem, load_spec, parse_spec, spec_files
from pipelines.core.spec.model import CatalogSpec, FieldSpec, Policy

__all__ = ["CatalogSpec", "FieldSpec", "Policy", "SpecProblem", "load_spec", "parse_spec", "spec_files"]
