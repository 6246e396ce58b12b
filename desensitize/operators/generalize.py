"""`generalize`: coarser values — dates to year or year-month, ages to bands, addresses to districts,
numbers (e.g. revenue, a commercial secret) to ranges."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from pipelines.core.vocab import FieldType, FindingKind

from desensitize.operators.base import ColumnInput, ColumnPlan, MaskEnv, Operator, OperatorParams
from desensitize.operators.sqlexpr import (
    as_date,
    as_number,
    city_of,
    district_of,
    fuzhou_district,
    fixed_band,
    magnitude_band,
)

Level = Literal["year", "year_month", "age_band", "range", "district", "city"]
_DATE_LEVELS = ("year", "year_month")
_NUMBER_LEVELS = ("age_band", "range")


class GeneralizeParams(OperatorParams):
    """Parameters of `generalize`; without `to`, the level follows the column's pii and type."""

    to: Level | None = Field(
        None,
        description="year | year_month (dates), age_band | range (numbers), district | city (addresses); "
        "default: birth_date → year, other dates → year_month, address → district, numbers → range.",
    )
    width: float | None = Field(
        None, gt=0, description="Band width for age_band (default 5) and range (default: 1-2-5 bands of any scale)."
    )

    @model_validator(mode="after")
    def _width_fits(self) -> GeneralizeParams:
        if self.width is not None and self.to not in _NUMBER_LEVELS:
            raise ValueError("width applies only to `to: age_band` or `to: range`")
        return self


def resolved_level(params: GeneralizeParams, column: ColumnInput) -> str | None:
    """The level `generalize` applies to this column, or None when none can be chosen."""
    if params.to is not None:
        return params.to
    if column.pii is FindingKind.BIRTH_DATE:
        return "year"
    if column.type in (FieldType.DATE, FieldType.DATETIME):
        return "year_month"
    if column.pii is FindingKind.ADDRESS:
        return "district"
    if column.type in (FieldType.INTEGER, FieldType.NUMBER) or column.pii is FindingKind.COMMERCIAL_SECRET:
        return "range"
    return None


class GeneralizeOperator(Operator):
    """Replace each value by its coarser class (output is text: `2020`, `2020-03`, `30-34`, `1000-2000`, `鼓楼区`).

    A value that cannot be read at the requested level (an unparseable date, a non-number) becomes
    null rather than passing through unchanged: generalization fails closed. Number ranges read
    `lo-hi` with lo inclusive and hi exclusive; age bands are inclusive (`30-34`).
    """

    key = "generalize"
    Params = GeneralizeParams
    keeps_individual = False  # coarsened: an age band or a district no longer singles a person out

    def check_column(self, params: OperatorParams, column: ColumnInput) -> str | None:
        """A plain text column needs an explicit `to`."""
        assert isinstance(params, GeneralizeParams)
        if resolved_level(params, column) is None:
            return "policy generalize needs `to:` (year, year_month, age_band, range, district, city) for this column"
        return None

    def plan(self, params: OperatorParams, column: ColumnInput, env: MaskEnv) -> ColumnPlan:
        """The SQL of the chosen level."""
        assert isinstance(params, GeneralizeParams)
        level = resolved_level(params, column)
        v = column.ref
        record: dict[str, object] = {"to": level}
        if level in _DATE_LEVELS:
            pattern = "%Y" if level == "year" else "%Y-%m"
            # Values already coarse (2020, 2020-03) are cut to the level rather than parsed as dates.
            expr = (
                f"CASE WHEN regexp_matches({v}, '^[0-9]{{4}}(-[0-9]{{2}})?$') THEN left({v}, {4 if level == 'year' else 7}) "
                f"ELSE strftime({env.precompute(as_date(v, column.format))}, '{pattern}') END"
            )
        elif level == "age_band":
            width = params.width or 5
            record["width"] = width
            expr = fixed_band(env.precompute(as_number(v)), width, inclusive_upper=float(width).is_integer())
        elif level == "range":
            x = env.precompute(as_number(v))
            if params.width is not None:
                record["width"] = params.width
                expr = fixed_band(x, params.width)
            else:
                record["bands"] = "1-2-5"
                expr = magnitude_band(x)
        elif level == "district":
            expr = district_of(v, env.precompute(fuzhou_district(v)))
        else:
            expr = city_of(v)
        return ColumnPlan(
            expr=f"CASE WHEN {v} IS NULL THEN NULL ELSE {expr} END",
            params_record=record,
            out_type=FieldType.STRING,
        )
