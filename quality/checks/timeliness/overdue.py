"""`timeliness.overdue`: This publication comes within the update window of the dataset's last published release."""

from __future__ import annotations

from typing import Any

from pipelines.core.spec.model import CatalogSpec
from pipelines.core.vocab import Dimension
from quality.check import RunEnv, TableCheck
from quality.checks.timeliness.common import window_days
from quality.model import Outcome, PlannedCheck, Severity


class Overdue(TableCheck):
    """This publication comes within the update window of the dataset's last published release."""

    key = "timeliness.overdue"
    dimension = Dimension.TIMELINESS
    severity = Severity.WARNING
    title = "按期更新 published on schedule"
    template = "last release {last}, {age} days ago; due within {days} days"

    def plan(self, spec: CatalogSpec) -> list[PlannedCheck]:
        return [self.planned(None)] if window_days(spec) is not None else []

    def outcome(self, p: PlannedCheck, env: RunEnv, values: dict[str, Any]) -> Outcome:
        if env.last_release_at is None:
            return Outcome.skipped("no earlier release of this dataset")
        days = window_days(env.spec) or 0
        age = (env.now - env.last_release_at).days
        return Outcome(
            int(age > days), 1, details={"last": env.last_release_at.date().isoformat(), "age": age, "days": days}
        )

    def expectations(self, p: PlannedCheck, spec: CatalogSpec) -> list[dict[str, Any]] | str:
        return "depends on the release registry"
