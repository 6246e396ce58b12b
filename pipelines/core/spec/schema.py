"""The JSON Schema of the catalog spec, for editors (yaml-language-server) and CI."""

from __future__ import annotations

from typing import Any

from pipelines.core.spec.model import CatalogSpec


def spec_json_schema() -> dict[str, Any]:
    """JSON Schema of `CatalogSpec` as validated on load."""
    schema = CatalogSpec.model_json_schema(mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "Catalog spec (开放目录条目)"
    return schema
