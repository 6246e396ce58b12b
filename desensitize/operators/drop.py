"""`drop`: the column is not published at all."""

from __future__ import annotations

from desensitize.operators.base import ColumnInput, ColumnPlan, MaskEnv, Operator, OperatorParams


class DropOperator(Operator):
    """Remove the column from the release (the default for bank accounts and supplier lists)."""

    key = "drop"
    keeps_individual = False

    def plan(self, params: OperatorParams, column: ColumnInput, env: MaskEnv) -> ColumnPlan:
        """No expression: the step leaves the column out of the masked table."""
        return ColumnPlan(expr=None)
