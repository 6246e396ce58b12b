"""What stages hand to later stages and to the release metadata, read the same way everywhere."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any


@dataclass(frozen=True)
class PastRelease:
    """One earlier release of the dataset and the scores its quality report recorded (the trend)."""

    version: str
    published_at: datetime
    status: str
    overall: float | None
    grade: str | None
    dimensions: dict[str, float | None]


def failed_checks(quality: dict[str, Any]) -> dict[str, int]:
    """How many checks failed, by severity (counts only: the report itself is quality.json)."""
    counts: dict[str, int] = {}
    for check in quality.get("checks") or []:
        if isinstance(check, dict) and (check.get("failed") or 0) > 0:
            severity = str(check.get("severity", "unknown"))
            counts[severity] = counts.get(severity, 0) + 1
    return counts
