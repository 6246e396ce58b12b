"""`redact`: every non-null value becomes one fixed text."""

from __future__ import annotations

from pydantic import Field

from desensitize.operators.base import (
    ColumnInput,
    ColumnPlan,
    MaskEnv,
    Operator,
    OperatorParams,
    string_type_unless,
)
from pipelines.core.sql import quote_literal as literal


class RedactParams(OperatorParams):
    """Parameters of `redact`."""

    text: str = Field("***", min_length=1, max_length=64, description='Replacement text, e.g. "***" or "[已脱敏]".')


class RedactOperator(Operator):
    """Replace each non-null value with `text`; nulls stay null (absence is not personal)."""

    key = "redact"
    keeps_individual = False
    Params = RedactParams

    def plan(self, params: OperatorParams, column: ColumnInput, env: MaskEnv) -> ColumnPlan:
        """A constant for every non-null value."""
        assert isinstance(params, RedactParams)
        return ColumnPlan(
            expr=f"CASE WHEN {column.ref} IS NULL THEN NULL ELSE {literal(params.text)} END",
            params_record={"text": params.text},
            out_type=string_type_unless(column, keeps=False),
        )
