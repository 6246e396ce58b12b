"""data.xlsx: the release for people who open it in Excel — Chinese headers, text kept as text.

data.csv stays the machine-readable file (开放办法 §2): its header row is the stable English field
names that datapackage.json describes and scripts rely on. A spreadsheet, though, guesses the type of
every CSV cell: identifiers become numbers (a pseudonym 8580375118732e28 turned into 8.58e+40, a
16-digit code lost its last digit, 0591 lost its zero) and readers see `approval_date` instead of
批准日期. The workbook has the fields' Chinese labels as headers, and every cell typed by the release
schema: text columns are text cells (number format @), numbers are numbers, dates are dates, so no
spreadsheet has anything to guess. A second sheet lists name, label, type and description per field.

Excel holds at most 1,048,576 rows and a workbook is slow to open beyond about 100,000, so releases
above `MAX_ROWS` get no workbook (the README says so); they are for programs, not Excel.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb

from pipelines.release.xlsx import Style, XlsxWriter
from pipelines.core.vocab import FieldType

MAX_ROWS = 100_000
BATCH = 10_000
_STYLES: dict[FieldType, Style] = {
    FieldType.STRING: "text", FieldType.DATE: "date", FieldType.DATETIME: "datetime",
    FieldType.INTEGER: "general", FieldType.NUMBER: "general", FieldType.BOOLEAN: "general",
}
_EXACT_DIGITS = 10**15  # Excel keeps 15 significant digits: larger integers are written as text


@dataclass(frozen=True)
class Column:
    """One release column as the workbook shows it."""

    name: str
    label: str
    type: FieldType
    description: str | None = None


def _rows(result: duckdb.DuckDBPyConnection) -> Iterator[list[Any]]:
    while batch := result.fetchmany(BATCH):
        for row in batch:
            yield [str(v) if isinstance(v, int) and not isinstance(v, bool) and abs(v) >= _EXACT_DIGITS else v for v in row]


def write_workbook(con: duckdb.DuckDBPyConnection, select_sql: str, columns: list[Column], rows: int, path: Path) -> bool:
    """Write the query result to `path` as an xlsx workbook; False (nothing written) above MAX_ROWS rows."""
    if rows > MAX_ROWS:
        return False
    with XlsxWriter(path) as book:
        book.sheet("数据 data", [c.label for c in columns], _rows(con.execute(select_sql)), [_STYLES[c.type] for c in columns])
        book.sheet(
            "字段说明 fields", ["字段名 name", "名称 label", "类型 type", "说明 description"],
            ([c.name, c.label, c.type.value, c.description or ""] for c in columns), ["text"] * 4,
        )
    return True
