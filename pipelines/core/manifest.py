"""The extract manifest a department sends beside its extract: `<file>.manifest.json`."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from pipelines.core.clock import SHANGHAI


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


@dataclass(frozen=True)
class ManifestFacts:
    """What a draft spec can take from the manifest beside an extract, and whether it vouches for it."""

    file: str
    provider: str | None
    extracted_on: date | None
    problems: list[str]

    @property
    def vouches(self) -> bool:
        """True when the manifest's sha256 and row count match the extract."""
        return not self.problems


def manifest_facts(extract: Path, sha256: str, rows: int) -> ManifestFacts | None:
    """Provider and extraction date from `extract`'s manifest, checked against its bytes and rows.

    None when there is no manifest. The date is the day in Shanghai time, as releases show it.
    """
    manifest, problem = read_manifest(extract)
    name = manifest_path(extract).name
    if manifest is None:
        return None if problem and problem.startswith("no manifest") else ManifestFacts(name, None, None, [problem or ""])
    provider = manifest.get("provider")
    provider = provider.strip() if isinstance(provider, str) and len(provider.strip()) >= 2 else None
    when = extracted_at(manifest)
    problems = []
    claimed = manifest.get("sha256")
    if not isinstance(claimed, str) or claimed.strip().lower() != sha256.lower():
        problems.append("its sha256 is not the extract's")
    if str(manifest.get("rows", "")).strip() != str(rows):
        problems.append(f"its row count is not the extract's {rows}")
    return ManifestFacts(name, provider, when.astimezone(SHANGHAI).date() if when else None, problems)
