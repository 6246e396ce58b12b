"""时效性 timeliness: the data is as recent as its declared update frequency promises.

The window is `update_frequency.window_days` (+ `timeliness.grace_days`), counted back from the
extract date (the manifest's `extracted_at`, else when the extract was obtained). `irregular`
datasets have no window, so neither window check is planned for them.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from pipelines.core.spec.model import CatalogSpec, FieldSpec
from pipelines.core.vocab import Dimension
from quality.model import Outcome, PlannedCheck, Severity
from quality.registry import Check, Ref, RowCheck, RunEnv, TableCheck, register
from quality.sqlparts import date_sql, lit, q


def window_days(spec: CatalogSpec) -> int | None:
    """Days the newest record may be old: the frequency's window plus the grace days."""
    days = spec.update_frequency.window_days
    if days is None:
        return None
    return days + (spec.timeliness.grace_days if spec.timeliness else 0)


def _column(spec: CatalogSpec) -> FieldSpec | None:
    return spec.field(spec.timeliness.column) if spec.timeliness else None


def _as_date(value: Any) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    return value if isinstance(value, date) else None


@register
class Window(Check):
    """The newest date in `timeliness.column` lies inside the update window."""

    key = "timeliness.window"
    dimension = Dimension.TIMELINESS
    severity = Severity.ERROR
    title = "更新时效 newest record inside the update window"
    template = "newest record {newest}; records since {limit} expected ({days}-day window before {extract_date})"

    def plan(self, spec: CatalogSpec) -> list[PlannedCheck]:
        f = _column(spec)
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
        newest = _as_date(values["newest"])
        f = env.spec.field(p.column or "")
        shown = "none parses" if newest is None else ("(personal, not shown)" if f.pii else newest.isoformat())
        failed = newest is None or newest < limit
        return Outcome(
            int(failed), 1,
            details={"newest": shown, "limit": limit.isoformat(), "days": days, "extract_date": env.extract_date.isoformat()},
        )


@register
class Future(RowCheck):
    """Record dates after the extract date (by more than a day) are typing or clock errors."""

    key = "timeliness.future"
    dimension = Dimension.TIMELINESS
    severity = Severity.WARNING
    title = "日期合理 no record dated after the extract"
    template = "{failed} of {total} records are dated after the extract date {extract_date}"

    def plan(self, spec: CatalogSpec) -> list[PlannedCheck]:
        f = _column(spec)
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


@register
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
