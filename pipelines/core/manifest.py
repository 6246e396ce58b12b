"""The extract manifest a department sends beside its extract: `<file>.manifest.json`."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any


def manifest_path(extract: Path) -> Path:
    """Where the manifest of `extract` is expected."""
    return extract.with_name(extract.name + ".manifest.json")


def read_manifest(extract: Path) -> tuple[dict[str, Any] | None, str | None]:
    """The manifest as a dict, or (None, why it is missing or unreadable)."""
    path = manifest_path(extract)
    if not path.is_file():
        return None, f"no manifest {path.name} beside the extract"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        return None, f"{path.name} is not valid JSON ({exc.__class__.__name__})"
    if not isinstance(data, dict):
        return None, f"{path.name} must be a JSON object"
    return data, None


def extracted_at(manifest: dict[str, Any] | None) -> datetime | None:
    """The manifest's `extracted_at` as an aware datetime, if it parses."""
    if not manifest or not isinstance(manifest.get("extracted_at"), str):
        return None
    try:
        return datetime.fromisoformat(manifest["extracted_at"])
    except ValueError:
        return None
