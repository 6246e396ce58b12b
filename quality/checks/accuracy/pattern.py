"""`accuracy.pattern`: Values match the field's `pattern` in full."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from pipelines.core.spec.model import CatalogSpec
from pipelines.core.sql import quote_ident as q
from pipelines.core.sql import quote_literal as lit
from pipelines.core.vocab import Dimension
from quality.check import Ref, RowCheck, RunEnv, expectation
from quality.checks.accuracy.common import CFG
from quality.model import PlannedCheck, Severity


class PatternParams(BaseModel):
    """A regular expression (RE2 syntax, matched against the whole value)."""

    model_config = CFG
    regex: str


class Pattern(RowCheck):
    """Values match the field's `pattern` in full."""

    key = "accuracy.pattern"
    dimension = Dimension.ACCURACY
    severity = Severity.ERROR
    title = "格式 value matches the pattern"
    template = "{failed} of {total} values do not match the pattern"
    Params = PatternParams

    def plan(self, spec: CatalogSpec) -> list[PlannedCheck]:
        return [self.planned(f.name, PatternParams(regex=f.pattern)) for f in spec.fields if f.pattern]

    def probes(self, p: PlannedCheck, spec: CatalogSpec) -> list[str]:
        assert isinstance(p.params, PatternParams)
        return [f"regexp_full_match('', {lit(p.params.regex)})"]

    def fail_sql(self, p: PlannedCheck, env: RunEnv, ref: Ref) -> str:
        assert isinstance(p.params, PatternParams)
        return f"NOT regexp_full_match({q(p.column or '')}, {lit(p.params.regex)})"

    def expectations(self, p: PlannedCheck, spec: CatalogSpec) -> list[dict[str, Any]] | str:
        assert isinstance(p.params, PatternParams)
        return [expectation("expect_column_values_to_match_regex", p, column=p.column, regex=f"^(?:{p.params.regex})$")]
