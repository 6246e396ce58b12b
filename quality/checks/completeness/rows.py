"""`completeness.rows`: The extract has at least `quality.min_rows` data rows."""

from __future__ import annotations

from typing import Any

from pipelines.core.spec.model import CatalogSpec
from pipelines.core.vocab import Dimension
from quality.check import RunEnv, TableCheck, expectation
from quality.model import Outcome, PlannedCheck, Severity


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

    def expectations(self, p: PlannedCheck, spec: CatalogSpec) -> list[dict[str, Any]] | str:
        return [expectation("expect_table_row_count_to_be_between", p, min_value=spec.quality.min_rows, max_value=None)]
