"""Catalog spec model, loader and validator."""

from pipelines.spec.loader import SpecProblem, load_spec, parse_spec, spec_files
from pipelines.spec.model import CatalogSpec, FieldSpec, Policy

__all__ = ["CatalogSpec", "FieldSpec", "Policy", "SpecProblem", "load_spec", "parse_spec", "spec_files"]
