"""完整性 completeness: required values present, declared columns present, enough rows."""

from __future__ import annotations

from typing import Any

from pipelines.core.spec.model import CatalogSpec
from pipelines.core.vocab import Dimension
from quality.model import Outcome, PlannedCheck, Severity
from quality.registry import Ref, RowCheck, RunEnv, TableCheck, register
from quality.sqlparts import q


@register
class Required(RowCheck):
    """A `required` field is neither null nor blank (ingest already turned blanks into NULL)."""

    key = "completeness.required"
    dimension = Dimension.COMPLETENESS
    severity = Severity.ERROR
    title = "必填项 required value present"
    template = "{failed} of {total} rows have no value"

    def plan(self, spec: CatalogSpec) -> list[PlannedCheck]:
        return [self.planned(f.name) for f in spec.fields if f.required]

    def fail_sql(self, p: PlannedCheck, env: RunEnv, ref: Ref) -> str:
        return f"{q(p.column or '')} IS NULL"

    def eval_sql(self, p: PlannedCheck, env: RunEnv, ref: Ref) -> str:
        return "true"


@register
class DeclaredColumns(TableCheck):
    """Every column the spec declares (`fields[].source_column`) is in the extract's header."""

    key = "completeness.columns"
    dimension = Dimension.COMPLETENESS
    severity = Severity.ERROR
    title = "数据项 declared columns present"
    template = "{failed} of {total} declared columns missing"

    def outcome(self, p: PlannedCheck, env: RunEnv, values: dict[str, Any]) -> Outcome:
        header = set(env.ctx.source_columns)
        declared = [f.source_column for f in env.spec.fields]
        # Ingest refuses an extract that lacks a declared column; counted here so the score
        # states it, and so that a future lenient ingest cannot skip it silently.
        missing = [c for c in declared if header and c not in header]
        return Outcome(len(missing), len(declared))


@register
class RowCount(TableCheck):
    """The extract has at least `quality.min_rows` data rows."""

    key = "completeness.rows"
    dimension = Dimension.COMPLETENESS
    severity = Severity.ERROR
    title = "记录数 enough rows"
    template = "{rows} rows, at least {min_rows} expected"

    def outcome(self, p: PlannedCheck, env: RunEnv, values: dict[str, Any]) -> Outcome:
        rows, least = env.ctx.source_rows, env.spec.quality.min_rows
        return Outcome(0 if rows >= least else 1, 1, details={"rows": rows, "min_rows": least})
