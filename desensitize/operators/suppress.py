"""`suppress_record`: remove whole rows whose value in this column would single a person out."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field, field_validator, model_validator

from pipelines.core.spec.model import regex_compiles

from desensitize.operators.base import ColumnInput, ColumnPlan, MaskEnv, Operator, OperatorParams
from pipelines.core.sql import quote_ident as ident
from pipelines.core.sql import quote_literal as literal


class SuppressParams(OperatorParams):
    """Which rows go: `when` not_null (default), in (`values`), matches (`pattern`), or rare (`min_count`)."""

    when: Literal["not_null", "in", "matches", "rare"] = Field(
        "not_null",
        description="not_null: rows where the column has a value; in: value is one of `values`; "
        "matches: value matches the regular expression `pattern`; rare: value occurs in fewer than `min_count` rows.",
    )
    values: list[str] | None = Field(None, min_length=1, description="For when: in.")
    pattern: str | None = Field(None, min_length=1, description="For when: matches (RE2 syntax, searched anywhere in the value).")
    min_count: int | None = Field(None, ge=2, description="For when: rare.")

    _compiles = field_validator("pattern")(lambda cls, value: regex_compiles(value))

    @model_validator(mode="after")
    def _needs_its_argument(self) -> SuppressParams:
        needed = {"in": "values", "matches": "pattern", "rare": "min_count"}.get(self.when)
        for arg in ("values", "pattern", "min_count"):
            given = getattr(self, arg) is not None
            if arg == needed and not given:
                raise ValueError(f"when: {self.when} requires `{arg}`")
            if arg != needed and given:
                raise ValueError(f"`{arg}` does not apply to when: {self.when}")
        return self


class SuppressRecordOperator(Operator):
    """Remove the rows the condition selects; the column's remaining values are published as they are.

    Typical uses: drop the rows of minors (`when: matches` on an age band), of rare categories
    (`when: rare, min_count: 5` on an occupation), or every row carrying an optional identifier
    (`when: not_null`). A null value never triggers suppression.
    """

    key = "suppress_record"
    Params = SuppressParams

    @classmethod
    def whole_table_reason(cls, params: dict[str, Any], person_name_columns: list[str]) -> str | None:
        """`when: rare` counts each value over the whole table."""
        return "suppress_record when rare counts each value over the whole table" if params.get("when") == "rare" else None

    def plan(self, params: OperatorParams, column: ColumnInput, env: MaskEnv) -> ColumnPlan:
        """A row condition over the original values; the value expression is the column itself."""
        assert isinstance(params, SuppressParams)
        v = column.ref
        record: dict[str, object] = {"when": params.when}
        if params.when == "not_null":
            cond = f"{v} IS NOT NULL"
        elif params.when == "in":
            assert params.values is not None
            cond = f"{v} IN ({', '.join(literal(x) for x in params.values)})"
            record["values"] = len(params.values)  # how many listed values, not the values themselves
        elif params.when == "matches":
            assert params.pattern is not None
            cond = f"regexp_matches({v}, {literal(params.pattern)})"
            record["pattern"] = params.pattern
        else:
            assert params.min_count is not None
            tmp = env.temp_table(column.name, "rare")
            col = ident(column.name)
            env.con.execute(
                f"CREATE TEMP TABLE {ident(tmp)} AS SELECT t.{col} AS v FROM {ident(env.table)} t "
                f"WHERE t.{col} IS NOT NULL GROUP BY 1 HAVING count(*) < {params.min_count}"
            )
            cond = f"{v} IN (SELECT v FROM {ident(tmp)})"
            record["min_count"] = params.min_count
        return ColumnPlan(expr=v, params_record=record, suppress_when=f"coalesce({cond}, false)")
