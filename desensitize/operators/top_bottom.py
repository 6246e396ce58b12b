"""`top_bottom_code`: values beyond a bound are replaced by the bound (outliers identify people and firms)."""

from __future__ import annotations

from typing import Any

from pydantic import Field, model_validator

from pipelines.core.vocab import FieldType

from desensitize.operators.base import ColumnInput, ColumnPlan, MaskEnv, Operator, OperatorParams
from pipelines.core.sql import quote_ident as ident
from desensitize.operators.sqlexpr import as_number, number_text


class TopBottomParams(OperatorParams):
    """Bounds as values (`lower`, `upper`) or as quantiles of the column (`lower_quantile`, `upper_quantile`)."""

    lower: float | None = Field(None, description="Values below become this.")
    upper: float | None = Field(None, description="Values above become this.")
    lower_quantile: float | None = Field(None, gt=0, lt=1, description="Lower bound as a quantile, e.g. 0.01.")
    upper_quantile: float | None = Field(None, gt=0, lt=1, description="Upper bound as a quantile, e.g. 0.99.")
    label: bool = Field(False, description="Write coded values as text `≤lo` / `≥hi` instead of the bound itself.")

    @model_validator(mode="after")
    def _one_way_per_side(self) -> TopBottomParams:
        if self.lower is not None and self.lower_quantile is not None:
            raise ValueError("give lower or lower_quantile, not both")
        if self.upper is not None and self.upper_quantile is not None:
            raise ValueError("give upper or upper_quantile, not both")
        if all(x is None for x in (self.lower, self.upper, self.lower_quantile, self.upper_quantile)):
            raise ValueError("give at least one bound: lower, upper, lower_quantile or upper_quantile")
        if self.lower is not None and self.upper is not None and self.lower > self.upper:
            raise ValueError("lower is above upper")
        if self.lower_quantile is not None and self.upper_quantile is not None and self.lower_quantile >= self.upper_quantile:
            raise ValueError("lower_quantile must be below upper_quantile")
        return self


class TopBottomCodeOperator(Operator):
    """Clamp numbers into [lower, upper]; values that are not numbers become null (fail closed).

    Quantile bounds are computed in DuckDB over the column; for integer columns they are rounded
    inwards so the coded value is still an integer. Only the bounds are recorded, never a value
    that was coded.
    """

    key = "top_bottom_code"
    Params = TopBottomParams
    keeps_individual = True

    @classmethod
    def whole_table_reason(cls, params: dict[str, Any], person_name_columns: list[str]) -> str | None:
        """Quantile bounds are computed over the whole table."""
        if "lower_quantile" in params or "upper_quantile" in params:
            return "top_bottom_code with quantiles computes its bounds over the whole table"
        return None

    def plan(self, params: OperatorParams, column: ColumnInput, env: MaskEnv) -> ColumnPlan:
        """Compute quantile bounds (one aggregate query), then a CASE expression."""
        assert isinstance(params, TopBottomParams)
        lo, hi = params.lower, params.upper
        if params.lower_quantile is not None or params.upper_quantile is not None:
            x = as_number("t." + ident(column.name))
            q = env.con.execute(
                f"SELECT quantile_cont({x}, ?), quantile_cont({x}, ?) FROM {ident(env.table)} t",
                [params.lower_quantile or 0.0, params.upper_quantile or 1.0],
            ).fetchone()
            assert q is not None
            if params.lower_quantile is not None and q[0] is not None:
                lo = float(q[0])
            if params.upper_quantile is not None and q[1] is not None:
                hi = float(q[1])
        integer = column.type is FieldType.INTEGER
        if integer:
            lo = None if lo is None else float(-(-lo // 1))  # ceil: inside the range
            hi = None if hi is None else float(hi // 1)
        x = env.precompute(as_number(column.ref))
        cases = []
        if lo is not None:
            text = f"'≤' || {number_text(repr(lo))}" if params.label else number_text(repr(lo))
            cases.append(f"WHEN {x} < {lo!r} THEN {text}")
        if hi is not None:
            text = f"'≥' || {number_text(repr(hi))}" if params.label else number_text(repr(hi))
            cases.append(f"WHEN {x} > {hi!r} THEN {text}")
        expr = (
            f"CASE WHEN {column.ref} IS NULL THEN NULL WHEN {x} IS NULL THEN NULL {' '.join(cases)} "
            f"ELSE {column.ref} END"
        )
        record: dict[str, object] = {"lower": lo, "upper": hi, "label": params.label}
        if params.lower_quantile is not None:
            record["lower_quantile"] = params.lower_quantile
        if params.upper_quantile is not None:
            record["upper_quantile"] = params.upper_quantile
        return ColumnPlan(
            expr=expr,
            params_record=record,
            out_type=FieldType.STRING if params.label and column.type is not FieldType.STRING else None,
        )

