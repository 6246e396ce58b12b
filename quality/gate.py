"""The publication gate: critical failures, and error failures the spec does not accept, block.

Acceptance (`quality.accept` in the spec: check key + column + reason) is matched when results are
built; here the blocking results are listed and, if any, publication stops with exit code 2. The
message names each check, column and count — never a value.
"""

from __future__ import annotations

from pipelines.core.errors import GateBlocked
from quality.model import CheckResult


def blocking(results: list[CheckResult]) -> list[CheckResult]:
    """Results that close the gate."""
    return [r for r in results if r.blocking]


def describe(r: CheckResult) -> str:
    """One line naming a failed check, its column and counts."""
    where = f" column {r.planned.column}" if r.planned.column else ""
    return f"{r.planned.key}{where}: {r.failed} of {r.total} failed ({r.planned.severity.value}) — {r.note}"


def enforce(dataset_id: str, results: list[CheckResult]) -> None:
    """Raise GateBlocked when any result blocks publication."""
    closed = blocking(results)
    if not closed:
        return
    raise GateBlocked(
        f"{dataset_id}: quality gate closed by {len(closed)} check(s); nothing was published",
        details=[describe(r) for r in closed]
        + ["an error check may be accepted in the spec's quality.accept with a reason; critical checks cannot"],
    )
