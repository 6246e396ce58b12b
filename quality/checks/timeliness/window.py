"""`timeliness.window`: The newest date in `timeliness.column` lies inside the update window."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from pipelines.core.spec.model import CatalogSpec
from pipelines.core.sql import quote_ident as q
from pipelines.core.sql import quote_literal as lit
from pipelines.core.vocab import Dimension
from quality.check import Check, Ref, RunEnv
from quality.checks.timeliness.common import column, window_days
from quality.model import Outcome, PlannedCheck, Severity
from quality.sqlparts import date_sql


def as_date(value: Any) -> date | None:
    """A DuckDB date or timestamp result as a date."""
    if isinstance(value, datetime):
        return value.date()
    return value if isinstance(value, date) else None


class Window(Check):
    """The newest date in `timeliness.column` lies inside the update window."""

    key = "timeliness.window"
    dimension = Dimension.TIMELINESS
    severity = Severity.ERROR
    title = "更新时效 newest record inside the update window"
    template = "newest record {newest}; records since {limit} expected ({days}-day window before {extract_date})"

    def plan(self, spec: CatalogSpec) -> list[PlannedCheck]:
        f = column(spec)
        return [self.planned(f.name)] if f is not None and window_days(spec) is not None else []

    def probes(self, p: PlannedCheck, spec: CatalogSpec) -> list[str]:
        fmt = spec.field(p.column or "").format
        return [f"try_strptime('', {lit(fmt)})"] if fmt else []

    def aggregates(self, p: PlannedCheck, env: RunEnv, ref: Ref) -> dict[str, str]:
        f = env.spec.field(p.column or "")
        return {"newest": f"max({date_sql(q(f.name), f)})"}

    def outcome(self, p: PlannedCheck, env: RunEnv, values: dict[str, Any]) -> Outcome:
        days = window_days(env.spec) or 0
        limit = env.extract_date - timedelta(days=days)
        newest = as_date(values["newest"])
        f = env.spec.field(p.column or "")
        shown = "none parses" if newest is None else ("(personal, not shown)" if f.pii else newest.isoformat())
        failed = newest is None or newest < limit
        return Outcome(
            int(failed), 1,
            details={"newest": shown, "limit": limit.isoformat(), "days": days, "extract_date": env.extract_date.isoformat()},
        )

    def expectations(self, p: PlannedCheck, spec: CatalogSpec) -> list[dict[str, Any]] | str:
        return "depends on the extract date and the update frequency"
