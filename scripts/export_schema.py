"""Write schemas/catalog_spec.schema.json from the pydantic model (run after changing the model)."""

from __future__ import annotations

import json
from pathlib import Path

from pipelines.core.spec.schema import spec_json_schema

if __name__ == "__main__":
    out = Path(__file__).resolve().parent.parent / "schemas" / "catalog_spec.schema.json"
    out.write_text(json.dumps(spec_json_schema(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(out)
