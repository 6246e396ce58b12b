"""`publish`: leave a detected column as it is, on purpose, with a written reason (checked at spec load)."""

from __future__ import annotations

from desensitize.operators.base import ColumnInput, ColumnPlan, MaskEnv, Operator, OperatorParams


class PublishOperator(Operator):
    """Publish the values unchanged (e.g. an institution's public phone); the reason goes to provenance."""

    key = "publish"
    # Left unchanged on purpose, with a written reason (e.g. a licensed doctor's public name): not personal data to hide.
    keeps_individual = False
    changes_value = False

    def plan(self, params: OperatorParams, column: ColumnInput, env: MaskEnv) -> ColumnPlan:
        """The original value."""
        return ColumnPlan(expr=column.ref)
