"""`usability.format`: Free-form text cells hold no control characters or embedded line breaks."""

from __future__ import annotations

from typing import Any

from pipelines.core.spec.model import CatalogSpec
from pipelines.core.sql import quote_ident as q
from pipelines.core.vocab import Dimension, FieldType, FindingKind
from quality.check import Ref, RowCheck, RunEnv, expectation
from quality.checks.usability.common import CONTROL_RE
from quality.model import PlannedCheck, Severity


FORMATTED_KINDS = (
    FindingKind.RESIDENT_ID, FindingKind.MOBILE_PHONE, FindingKind.LANDLINE_PHONE,
    FindingKind.BANK_CARD, FindingKind.COMPANY_CREDIT_CODE,
)


class CellFormat(RowCheck):
    """Free-form text cells hold no control characters or embedded line breaks.

    Planned for string columns without an enum, a pattern or an identifier kind; typed and
    formatted columns reject control characters through their own accuracy checks.
    """

    key = "usability.format"
    dimension = Dimension.USABILITY
    severity = Severity.WARNING
    title = "格式 no control characters or line breaks in cells"
    template = "{failed} of {total} cells contain control characters or line breaks"

    def plan(self, spec: CatalogSpec) -> list[PlannedCheck]:
        return [
            self.planned(f.name)
            for f in spec.fields
            if f.type is FieldType.STRING and not f.enum and not f.pattern and f.pii not in FORMATTED_KINDS
        ]

    def fail_sql(self, p: PlannedCheck, env: RunEnv, ref: Ref) -> str:
        return f"regexp_matches({q(p.column or '')}, '{CONTROL_RE}')"

    def expectations(self, p: PlannedCheck, spec: CatalogSpec) -> list[dict[str, Any]] | str:
        return [expectation("expect_column_values_to_not_match_regex", p, column=p.column, regex=CONTROL_RE)]
