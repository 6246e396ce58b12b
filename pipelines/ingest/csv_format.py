"""CSV → DuckDB table of VARCHAR columns, with the header parsed by us and rows checked strictly."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import duckdb

from pipelines.errors import InputError
from pipelines.ingest.encoding import utf8_copy
from pipelines.ingest.names import check_header, quote_ident

_LINE = re.compile(r"Line:\s*(\d+)")
# DuckDB error texts → our words. DuckDB's own message quotes the offending line, which may hold
# personal data, so it is never shown.
_REASONS = [
    (re.compile(r"Expected Number of Columns:\s*(\d+)\s*Found:\s*(\d+)"), "expected {0} fields, found {1} (ragged row)"),
    (re.compile(r"unterminated quote", re.I), "a quoted value is never closed"),
    (re.compile(r"Maximum line size", re.I), "the row is longer than the size limit"),
    (re.compile(r"unquoted value|quote", re.I), "a quote character in an unquoted value"),
]


def _header(path: Path, encoding: str) -> tuple[list[str], str]:
    with path.open("r", encoding=encoding, newline="") as fh:
        first = fh.readline()
    delimiter = "\t" if first.count("\t") > first.count(",") else ","
    row = next(csv.reader(io.StringIO(first), delimiter=delimiter), [])
    return [c.strip() for c in row], delimiter


def read_csv(con: duckdb.DuckDBPyConnection, path: Path, encoding: str, table: str, max_line_bytes: int) -> list[str]:
    """Load `path` into `table` (all VARCHAR, plus `_row`); return the header."""
    if path.stat().st_size == 0:
        raise InputError(f"{path}: the file is empty")
    copy: Path | None = None
    source = path
    if encoding == "gb18030":
        copy = source = utf8_copy(path, encoding)
    try:
        header, delimiter = _header(source, "utf-8-sig")
        if not any(header):
            raise InputError(f"{path}: the file is empty (no header row)")
        check_header(path, header)
        columns = "{" + ", ".join(f"'{h.replace(chr(39), chr(39) * 2)}': 'VARCHAR'" for h in header) + "}"
        sql = (
            f"CREATE OR REPLACE TABLE {quote_ident(table)} AS "
            f"SELECT row_number() OVER () AS _row, * FROM read_csv(?, columns={columns}, header=true, "
            f"auto_detect=false, strict_mode=true, delim=?, quote='\"', escape='\"', "
            f"max_line_size={int(max_line_bytes)}, parallel=true)"
        )
        try:
            con.execute(sql, [str(source), delimiter])
        except duckdb.Error as exc:
            raise InputError(_describe(path, str(exc))) from None
    finally:
        if copy is not None:
            copy.unlink(missing_ok=True)
    return header


def _describe(path: Path, message: str) -> str:
    line = _LINE.search(message)
    where = f"line {line.group(1)}: " if line else ""
    for pattern, template in _REASONS:
        m = pattern.search(message)
        if m:
            return f"{path}: {where}{template.format(*m.groups())}"
    return f"{path}: {where}the CSV cannot be parsed"
