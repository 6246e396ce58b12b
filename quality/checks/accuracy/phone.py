"""`accuracy.phone`: Mobile (1[3-9] + 9 digits) or landline numbers, allowing +86, spaces, dashes."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from pipelines.core.spec.model import CatalogSpec
from pipelines.core.sql import quote_ident as q
from pipelines.core.vocab import Dimension, FindingKind
from quality import identifiers as ids
from quality.check import Ref, RowCheck, RunEnv, expectation
from quality.checks.accuracy.common import CFG
from quality.model import Outcome, PlannedCheck, Severity


class PhoneParams(BaseModel):
    """Which phone format a column holds."""

    model_config = CFG
    landline: bool = False


class Phone(RowCheck):
    """Mobile (1[3-9] + 9 digits) or landline numbers, allowing +86, spaces, dashes."""

    key = "accuracy.phone"
    dimension = Dimension.ACCURACY
    severity = Severity.ERROR
    title = "电话号码 phone format"
    template = "{failed} of {total} {what} numbers are malformed"
    Params = PhoneParams

    def plan(self, spec: CatalogSpec) -> list[PlannedCheck]:
        out = []
        for f in spec.fields:
            if f.pii in (FindingKind.MOBILE_PHONE, FindingKind.LANDLINE_PHONE):
                out.append(self.planned(f.name, PhoneParams(landline=f.pii is FindingKind.LANDLINE_PHONE)))
        return out

    def fail_sql(self, p: PlannedCheck, env: RunEnv, ref: Ref) -> str:
        assert isinstance(p.params, PhoneParams)
        return f"NOT {ids.phone_sql(q(p.column or ''), p.params.landline)}"

    def outcome(self, p: PlannedCheck, env: RunEnv, values: dict[str, Any]) -> Outcome:
        out = super().outcome(p, env, values)
        assert isinstance(p.params, PhoneParams)
        out.details = {"what": "landline" if p.params.landline else "mobile"}
        return out

    def expectations(self, p: PlannedCheck, spec: CatalogSpec) -> list[dict[str, Any]] | str:
        assert isinstance(p.params, PhoneParams)
        regex = ids.LANDLINE_RE if p.params.landline else ids.MOBILE_RE
        return [expectation("expect_column_values_to_match_regex", p, column=p.column, regex=f"^(?:{regex})$")]
