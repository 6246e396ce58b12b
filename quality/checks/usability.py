"""可用性 usability: the extract is machine-readable as delivered (开放办法 §2, §24).

These are warnings: the toolkit repairs all three on the way to the release (UTF-8 output,
snake_case release names, a CSV writer that quotes), but they tell the department what to fix.
"""

from __future__ import annotations

import re
from typing import Any

from pipelines.core.spec.model import CatalogSpec
from pipelines.core.vocab import Dimension, FieldType, FindingKind
from quality.model import Outcome, PlannedCheck, Severity
from quality.registry import Ref, RowCheck, RunEnv, TableCheck, register
from quality.sqlparts import q


@register
class Encoding(TableCheck):
    """Text extracts are UTF-8 (with or without BOM), not GBK/GB18030."""

    key = "usability.encoding"
    dimension = Dimension.USABILITY
    severity = Severity.WARNING
    title = "编码 UTF-8 text"
    template = "the extract is {encoding}"

    def outcome(self, p: PlannedCheck, env: RunEnv, values: dict[str, Any]) -> Outcome:
        enc = env.ctx.source_encoding
        if enc is None:
            return Outcome.skipped("binary format (xlsx or parquet) carries its own encoding")
        return Outcome(int(enc not in ("utf-8", "utf-8-sig")), 1, details={"encoding": enc.upper()})


# Control characters (tabs and line breaks included) break naive CSV readers and spreadsheets.
CONTROL_RE = r"[\x00-\x1f\x7f]"


# Columns whose values another check already holds to a format: a control character there fails
# that check, so scanning them again would only cost time (about 0.15 s per column per 1M rows).
_FORMATTED_KINDS = (
    FindingKind.RESIDENT_ID, FindingKind.MOBILE_PHONE, FindingKind.LANDLINE_PHONE,
    FindingKind.BANK_CARD, FindingKind.COMPANY_CREDIT_CODE,
)


@register
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
            if f.type is FieldType.STRING and not f.enum and not f.pattern and f.pii not in _FORMATTED_KINDS
        ]

    def fail_sql(self, p: PlannedCheck, env: RunEnv, ref: Ref) -> str:
        return f"regexp_matches({q(p.column or '')}, '{CONTROL_RE}')"


_PLACEHOLDER = re.compile(r"^(column|col|unnamed|field|var|列|字段|未命名)[\s_:：-]*\d*$", re.I)
_DATA_LIKE = re.compile(r"\d{6,}|@")  # an ID, phone or e-mail as a "name": the header row is missing
_CONTROL = re.compile(CONTROL_RE)
MAX_NAME = 64


def column_name_problem(name: str) -> str | None:
    """Why an extract column name is not a usable name, or None."""
    if _CONTROL.search(name):
        return "control character"
    if _DATA_LIKE.search(name):
        return "looks like a data value"
    if _PLACEHOLDER.match(name) or name.strip().isdigit():
        return "placeholder name"
    if len(name) > MAX_NAME:
        return "longer than 64 characters"
    return None


@register
class ColumnNames(TableCheck):
    """The extract's header names are real names: not placeholders, numbers or data values."""

    key = "usability.column_names"
    dimension = Dimension.USABILITY
    severity = Severity.WARNING
    title = "列名 well-formed column names"
    template = "{failed} of {total} header names are not usable ({problems})"

    def outcome(self, p: PlannedCheck, env: RunEnv, values: dict[str, Any]) -> Outcome:
        names = env.ctx.source_columns
        found = [(i + 1, column_name_problem(n)) for i, n in enumerate(names)]
        bad = [(i, why) for i, why in found if why]
        # Positions, not the names themselves: a data-like "name" may be a personal value.
        problems = ", ".join(f"column {i}: {why}" for i, why in bad[:10])
        return Outcome(len(bad), len(names), details={"problems": problems or "none"})
