"""XLSX → DuckDB through python-calamine (a Rust reader, much faster than openpyxl)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from pipelines.core.errors import InputError
from pipelines.core.sql import quote_ident
from pipelines.ingest.names import check_header


def _text(value: Any) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # Excel stores every number as a float; 5.0 was typed as 5
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    return str(value)


def read_xlsx(con: duckdb.DuckDBPyConnection, path: Path, sheet: str | None, table: str) -> list[str]:
    """Load one worksheet into `table` (all VARCHAR, plus `_row`); return the header."""
    from python_calamine import CalamineWorkbook  # in-function: only xlsx extracts need it

    try:
        workbook = CalamineWorkbook.from_path(str(path))
        name = sheet or workbook.sheet_names[0]
        if name not in workbook.sheet_names:
            raise InputError(f"{path}: no worksheet named {name!r} (sheets: {', '.join(workbook.sheet_names)})")
        rows = workbook.get_sheet_by_name(name).to_python(skip_empty_area=True)
    except InputError:
        raise
    except Exception as exc:  # calamine raises its own error types for zip and XML damage
        raise InputError(f"{path}: the workbook cannot be read ({exc.__class__.__name__})") from None
    if not rows or not any(v not in (None, "") for v in rows[0]):
        raise InputError(f"{path}: the worksheet is empty")
    header = [(_text(v) or "").strip() for v in rows[0]]
    while header and not header[-1]:
        header.pop()
    check_header(path, header)
    width = len(header)
    columns: list[list[str | None]] = [[] for _ in range(width)]
    for number, row in enumerate(rows[1:], start=2):
        if len(row) > width and any(v not in (None, "") for v in row[width:]):
            raise InputError(f"{path}: sheet {name!r} row {number}: values beyond the last named column")
        for i in range(width):
            columns[i].append(_text(row[i]) if i < len(row) else None)
    arrow = pa.table({h: pa.array(c, type=pa.string()) for h, c in zip(header, columns)})
    con.register("_xlsx_arrow", arrow)
    try:
        con.execute(f"CREATE OR REPLACE TABLE {quote_ident(table)} AS SELECT row_number() OVER () AS _row, * FROM _xlsx_arrow")
    finally:
        con.unregister("_xlsx_arrow")
    return header
