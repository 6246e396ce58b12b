"""`accuracy.enum`: Values are members of the field's `enum`."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from pipelines.core.spec.model import CatalogSpec
from pipelines.core.sql import quote_ident as q
from pipelines.core.sql import quote_literal as lit
from pipelines.core.vocab import Dimension
from quality.check import Ref, RowCheck, RunEnv, expectation
from quality.checks.accuracy.common import CFG
from quality.model import Outcome, PlannedCheck, Severity


class EnumParams(BaseModel):
    """The allowed values."""

    model_config = CFG
    values: tuple[str, ...]


class InSet(RowCheck):
    """Values are members of the field's `enum`."""

    key = "accuracy.enum"
    dimension = Dimension.ACCURACY
    severity = Severity.ERROR
    title = "值域 value in the allowed set"
    template = "{failed} of {total} values are outside the {size} allowed values"
    Params = EnumParams

    def plan(self, spec: CatalogSpec) -> list[PlannedCheck]:
        return [self.planned(f.name, EnumParams(values=tuple(f.enum))) for f in spec.fields if f.enum]

    def fail_sql(self, p: PlannedCheck, env: RunEnv, ref: Ref) -> str:
        assert isinstance(p.params, EnumParams)
        return f"{q(p.column or '')} NOT IN ({', '.join(lit(v) for v in p.params.values)})"

    def outcome(self, p: PlannedCheck, env: RunEnv, values: dict[str, Any]) -> Outcome:
        out = super().outcome(p, env, values)
        assert isinstance(p.params, EnumParams)
        out.details = {"size": len(p.params.values)}
        return out

    def expectations(self, p: PlannedCheck, spec: CatalogSpec) -> list[dict[str, Any]] | str:
        assert isinstance(p.params, EnumParams)
        return [expectation("expect_column_values_to_be_in_set", p, column=p.column, value_set=list(p.params.values))]
