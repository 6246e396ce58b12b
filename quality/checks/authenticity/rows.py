"""`authenticity.rows`: The row count in the manifest is the number of data rows read from the extract."""

from __future__ import annotations

from typing import Any

from pipelines.core.vocab import Dimension
from quality.check import RunEnv, TableCheck
from quality.checks.authenticity.common import rows_value
from quality.model import Outcome, PlannedCheck, Severity


class ManifestRows(TableCheck):
    """The row count in the manifest is the number of data rows read from the extract."""

    key = "authenticity.rows"
    dimension = Dimension.AUTHENTICITY
    severity = Severity.CRITICAL
    title = "记录数 row count matches"
    template = "manifest says {claimed} rows, the extract has {actual}"

    def outcome(self, p: PlannedCheck, env: RunEnv, values: dict[str, Any]) -> Outcome:
        claimed = rows_value((env.ctx.manifest or {}).get("rows"))
        if claimed is None:
            return Outcome.skipped("no row count in the manifest")
        actual = env.ctx.source_rows
        return Outcome(0 if claimed == actual else 1, 1, details={"claimed": claimed, "actual": actual})
