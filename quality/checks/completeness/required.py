"""`completeness.required`: A `required` field is neither null nor blank (ingest already turned blanks into NULL)."""

from __future__ import annotations

from typing import Any

from pipelines.core.spec.model import CatalogSpec
from pipelines.core.sql import quote_ident as q
from pipelines.core.vocab import Dimension
from quality.check import Ref, RowCheck, RunEnv, expectation
from quality.model import PlannedCheck, Severity


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

    def expectations(self, p: PlannedCheck, spec: CatalogSpec) -> list[dict[str, Any]] | str:
        return [expectation("expect_column_values_to_not_be_null", p, column=p.column)]
