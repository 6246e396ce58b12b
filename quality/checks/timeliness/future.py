"""`timeliness.future`: Record dates after the extract date (by more than a day) are typing or clock errors."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from pipelines.core.spec.model import CatalogSpec
from pipelines.core.sql import quote_ident as q
from pipelines.core.vocab import Dimension
from quality.check import Ref, RowCheck, RunEnv
from quality.checks.timeliness.common import column
from quality.model import Outcome, PlannedCheck, Severity
from quality.sqlparts import date_sql


class Future(RowCheck):
    """Record dates after the extract date (by more than a day) are typing or clock errors."""

    key = "timeliness.future"
    dimension = Dimension.TIMELINESS
    severity = Severity.WARNING
    title = "日期合理 no record dated after the extract"
    template = "{failed} of {total} records are dated after the extract date {extract_date}"

    def plan(self, spec: CatalogSpec) -> list[PlannedCheck]:
        f = column(spec)
        return [self.planned(f.name)] if f is not None else []

    def _date(self, p: PlannedCheck, env: RunEnv) -> str:
        f = env.spec.field(p.column or "")
        return f"CAST({date_sql(q(f.name), f)} AS DATE)"

    def eval_sql(self, p: PlannedCheck, env: RunEnv, ref: Ref) -> str:
        return f"{self._date(p, env)} IS NOT NULL"

    def fail_sql(self, p: PlannedCheck, env: RunEnv, ref: Ref) -> str:
        # One day of slack: an extract taken in UTC+8 just after midnight carries "tomorrow".
        allowed = (env.extract_date + timedelta(days=1)).isoformat()
        return f"{self._date(p, env)} > DATE '{allowed}'"

    def outcome(self, p: PlannedCheck, env: RunEnv, values: dict[str, Any]) -> Outcome:
        out = super().outcome(p, env, values)
        out.details = {"extract_date": env.extract_date.isoformat()}
        return out

    def expectations(self, p: PlannedCheck, spec: CatalogSpec) -> list[dict[str, Any]] | str:
        return "depends on the extract date"
