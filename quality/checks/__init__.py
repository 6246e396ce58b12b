"""The built-in checks, one module each, grouped by quality dimension.

`ALL` is the one list of them, in report order (dimension order of DESIGN.md §3, then as listed).
Adding a check is one new module under its dimension's folder and one entry here.
"""

from __future__ import annotations

from quality.check import Check
from quality.checks.accuracy.allowed_values import InSet
from quality.checks.accuracy.bank_card import BankCard
from quality.checks.accuracy.credit_code import CreditCode
from quality.checks.accuracy.id_consistency import IdConsistency
from quality.checks.accuracy.pattern import Pattern
from quality.checks.accuracy.phone import Phone
from quality.checks.accuracy.range import Range
from quality.checks.accuracy.resident_id import ResidentId
from quality.checks.accuracy.unique import Unique
from quality.checks.accuracy.value_type import TypeCheck
from quality.checks.authenticity.manifest import ManifestPresent
from quality.checks.authenticity.provider import ManifestProvider
from quality.checks.authenticity.rows import ManifestRows
from quality.checks.authenticity.sha256 import ManifestSha256
from quality.checks.completeness.columns import DeclaredColumns
from quality.checks.completeness.required import Required
from quality.checks.completeness.rows import RowCount
from quality.checks.timeliness.future import Future
from quality.checks.timeliness.overdue import Overdue
from quality.checks.timeliness.window import Window
from quality.checks.usability.column_names import ColumnNames
from quality.checks.usability.encoding import Encoding
from quality.checks.usability.format import CellFormat

ALL: list[type[Check]] = [
    ManifestPresent,
    ManifestSha256,
    ManifestRows,
    ManifestProvider,
    Required,
    DeclaredColumns,
    RowCount,
    TypeCheck,
    ResidentId,
    CreditCode,
    BankCard,
    Phone,
    InSet,
    Range,
    Pattern,
    Unique,
    IdConsistency,
    Window,
    Future,
    Overdue,
    Encoding,
    CellFormat,
    ColumnNames,
]
