"""The records the quality stage passes around: severities, planned checks and their results.

A *planned* check is what the suite generates from a spec before any data is read (a check key, a
column, validated parameters and a severity). A *result* is what evaluating it found: counts, the
row numbers of the first failures and their masked examples. Results never hold a raw cell value.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from pydantic import BaseModel, ConfigDict

from pipelines.core.vocab import Dimension

MAX_EXAMPLES = 10  # first failing rows kept per check


class Severity(str, Enum):
    """What a failed check does to publication."""

    CRITICAL = "critical"  # blocks, and cannot be accepted
    ERROR = "error"  # blocks unless the spec accepts it with a reason (quality.accept)
    WARNING = "warning"  # reported only


class NoParams(BaseModel):
    """Parameters of a check that takes none."""

    model_config = ConfigDict(extra="forbid", frozen=True)


@dataclass(frozen=True)
class PlannedCheck:
    """One check the suite will run: registry key, release column (or None) and its parameters."""

    key: str
    column: str | None
    params: BaseModel
    severity: Severity
    dimension: Dimension


@dataclass
class Outcome:
    """What evaluating one planned check found, before masking and scoring."""

    failed: int
    total: int
    rows: list[int] = field(default_factory=list)
    # Facts safe to publish (counts, dates of non-personal columns, thresholds), shown in the note.
    details: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def skipped(cls, why: str) -> Outcome:
        """Nothing to evaluate (e.g. no manifest to compare, no update window)."""
        return cls(0, 0, details={"skipped": why})


@dataclass
class CheckResult:
    """A planned check with its outcome, masked examples and the note readers see."""

    planned: PlannedCheck
    outcome: Outcome
    title: str
    note: str
    examples: list[dict[str, Any]] = field(default_factory=list)  # {"row": n, "value": masked}
    accepted: str | None = None  # the spec's reason, when an error check is accepted

    @property
    def failed(self) -> int:
        """Items that failed."""
        return self.outcome.failed

    @property
    def total(self) -> int:
        """Items evaluated."""
        return self.outcome.total

    @property
    def ratio(self) -> float | None:
        """Share of evaluated items that conform; None when nothing was evaluated."""
        return None if self.total == 0 else (self.total - self.failed) / self.total

    @property
    def blocking(self) -> bool:
        """A failure that closes the gate: critical, or error not accepted by the spec."""
        if self.failed == 0:
            return False
        if self.planned.severity is Severity.CRITICAL:
            return True
        return self.planned.severity is Severity.ERROR and self.accepted is None
