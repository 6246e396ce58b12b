"""`accuracy.range`: Numeric values lie within [minimum, maximum]."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from pipelines.core.spec.model import CatalogSpec
from pipelines.core.sql import quote_ident as q
from pipelines.core.vocab import Dimension
from quality.check import Ref, RowCheck, RunEnv, expectation
from quality.checks.accuracy.common import CFG
from quality.model import Outcome, PlannedCheck, Severity


class RangeParams(BaseModel):
    """Inclusive numeric bounds; either may be absent."""

    model_config = CFG
    minimum: float | None = None
    maximum: float | None = None


class Range(RowCheck):
    """Numeric values lie within [minimum, maximum]."""

    key = "accuracy.range"
    dimension = Dimension.ACCURACY
    severity = Severity.ERROR
    title = "取值范围 value within range"
    template = "{failed} of {total} numbers outside [{lo}, {hi}]"
    Params = RangeParams

    def plan(self, spec: CatalogSpec) -> list[PlannedCheck]:
        return [
            self.planned(f.name, RangeParams(minimum=f.minimum, maximum=f.maximum))
            for f in spec.fields
            if f.minimum is not None or f.maximum is not None
        ]

    @staticmethod
    def _value(p: PlannedCheck) -> str:
        return f"TRY_CAST({q(p.column or '')} AS DOUBLE)"

    def eval_sql(self, p: PlannedCheck, env: RunEnv, ref: Ref) -> str:
        return f"coalesce(isfinite({self._value(p)}), false)"

    def fail_sql(self, p: PlannedCheck, env: RunEnv, ref: Ref) -> str:
        assert isinstance(p.params, RangeParams)
        v, parts = self._value(p), []
        if p.params.minimum is not None:
            parts.append(f"{v} < {float(p.params.minimum)!r}")
        if p.params.maximum is not None:
            parts.append(f"{v} > {float(p.params.maximum)!r}")
        return f"(isfinite({v}) AND ({' OR '.join(parts)}))"

    def outcome(self, p: PlannedCheck, env: RunEnv, values: dict[str, Any]) -> Outcome:
        out = super().outcome(p, env, values)
        assert isinstance(p.params, RangeParams)
        out.details = {"lo": "−∞" if p.params.minimum is None else f"{p.params.minimum:g}",
                       "hi": "∞" if p.params.maximum is None else f"{p.params.maximum:g}"}
        return out

    def expectations(self, p: PlannedCheck, spec: CatalogSpec) -> list[dict[str, Any]] | str:
        assert isinstance(p.params, RangeParams)
        return [expectation("expect_column_values_to_be_between", p, column=p.column, min_value=p.params.minimum, max_value=p.params.maximum)]
