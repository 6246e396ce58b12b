"""`completeness.columns`: Every column the spec declares (`fields[].source_column`) is in the extract's header."""

from __future__ import annotations

from typing import Any

from pipelines.core.spec.model import CatalogSpec
from pipelines.core.vocab import Dimension
from quality.check import RunEnv, TableCheck, expectation
from quality.model import Outcome, PlannedCheck, Severity


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

    def expectations(self, p: PlannedCheck, spec: CatalogSpec) -> list[dict[str, Any]] | str:
        return [expectation("expect_table_columns_to_match_set", p, column_set=[f.name for f in spec.fields], exact_match=True)]
