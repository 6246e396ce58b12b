"""`accuracy.type`: Values parse as the field's declared type (integer, number, boolean, date, datetime)."""

from __future__ import annotations

from typing import Any

from pipelines.core.spec.model import CatalogSpec, FieldSpec
from pipelines.core.sql import quote_ident as q
from pipelines.core.sql import quote_literal as lit
from pipelines.core.vocab import Dimension, FieldType
from quality.check import Ref, RowCheck, RunEnv, expectation
from quality.model import Outcome, PlannedCheck, Severity
from quality.sqlparts import parses_sql


def _field(env: RunEnv, p: PlannedCheck) -> FieldSpec:
    return env.spec.field(p.column or "")


NUMERIC = (FieldType.INTEGER, FieldType.NUMBER)  # numeric in the GE frame (quality.gx_suite.gx_frame)
TYPE_REGEX = {
    FieldType.BOOLEAN: r"(?i)^(?:true|false|t|f|yes|no|y|n|1|0|是|否)$",
    FieldType.DATE: r"^\d{4}-\d{1,2}-\d{1,2}$",
    FieldType.DATETIME: r"^\d{4}-\d{1,2}-\d{1,2}(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:[+-]\d{2}:?\d{2}|Z)?)?$",
}


class TypeCheck(RowCheck):
    """Values parse as the field's declared type (integer, number, boolean, date, datetime)."""

    key = "accuracy.type"
    dimension = Dimension.ACCURACY
    severity = Severity.ERROR
    title = "类型 value parses as its type"
    template = "{failed} of {total} values are not a valid {type}{format_note}"

    def plan(self, spec: CatalogSpec) -> list[PlannedCheck]:
        return [self.planned(f.name) for f in spec.fields if f.type is not FieldType.STRING]

    def probes(self, p: PlannedCheck, spec: CatalogSpec) -> list[str]:
        f = spec.field(p.column or "")
        return [f"try_strptime('', {lit(f.format)})"] if f.format else []

    def fail_sql(self, p: PlannedCheck, env: RunEnv, ref: Ref) -> str:
        return f"NOT {parses_sql(q(p.column or ''), _field(env, p))}"

    def outcome(self, p: PlannedCheck, env: RunEnv, values: dict[str, Any]) -> Outcome:
        out = super().outcome(p, env, values)
        f = _field(env, p)
        out.details = {"type": f.type.value, "format_note": f" (format {f.format})" if f.format else ""}
        return out

    def expectations(self, p: PlannedCheck, spec: CatalogSpec) -> list[dict[str, Any]] | str:
        f = spec.field(p.column or "")
        if f.type in NUMERIC:
            return "numeric columns are numbers in the GE frame; values that do not parse are null there"
        if f.format:
            return [expectation("expect_column_values_to_match_strftime_format", p, column=p.column, strftime_format=f.format)]
        return [expectation("expect_column_values_to_match_regex", p, "shape only; calendar validity is checked in SQL",
                            column=p.column, regex=TYPE_REGEX[f.type])]
