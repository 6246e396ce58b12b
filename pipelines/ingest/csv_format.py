"""CSV → DuckDB table of VARCHAR columns, with the header parsed by us and rows checked strictly.

Two ways to read: `read_csv` copies every column as it is (the `raw` table `opendata scan` and the
refusals work on); `read_csv_kept` builds the publication's working table in the same statement
that parses the file, keeping only the declared columns, renamed, trimmed and with blanks as NULL.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from pathlib import Path

import duckdb

from pipelines.core.errors import InputError
from pipelines.ingest.encoding import utf8_copy
from pipelines.core.sql import quote_ident
from pipelines.ingest.names import check_header, kept_columns

LONGEST = "_longest"  # per-row byte length of the longest cell, dropped once the size check is done

_LINE = re.compile(r"Line:\s*(\d+)")
# DuckDB error texts → our words. DuckDB's own message quotes the offending line, which may hold
# personal data, so it is never shown.
_REASONS = [
    (re.compile(r"Invalid unicode", re.I), "bytes that are not valid UTF-8 text"),
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


def checked_header(path: Path, source: Path) -> tuple[list[str], str]:
    """The header of UTF-8 `source` (the extract `path`, or its UTF-8 copy) and its delimiter.

    Refuses an empty file, a blank first line and blank or duplicate names. Raises
    UnicodeDecodeError when the first line is not UTF-8.
    """
    if path.stat().st_size == 0:
        raise InputError(f"{path}: the file is empty")
    header, delimiter = _header(source, "utf-8-sig")
    if not any(header):
        raise InputError(f"{path}: the file is empty (no header row)")
    check_header(path, header)
    return header, delimiter


def _reader_sql(header: list[str], max_line_bytes: int) -> str:
    """The read_csv call: every column VARCHAR, strict rows; the file and delimiter are parameters."""
    columns = "{" + ", ".join(f"'{h.replace(chr(39), chr(39) * 2)}': 'VARCHAR'" for h in header) + "}"
    return (
        f"read_csv(?, columns={columns}, header=true, auto_detect=false, strict_mode=true, delim=?, "
        f"quote='\"', escape='\"', max_line_size={int(max_line_bytes)}, parallel=true)"
    )


def _run(con: duckdb.DuckDBPyConnection, path: Path, sql: str, params: list[object]) -> None:
    try:
        con.execute(sql, params)
    except duckdb.Error as exc:
        raise InputError(_describe(path, str(exc))) from None


def read_csv(con: duckdb.DuckDBPyConnection, path: Path, encoding: str, table: str, max_line_bytes: int) -> list[str]:
    """Load `path` into `table` (all VARCHAR, plus `_row`); return the header."""
    copy: Path | None = None
    source = path
    if encoding == "gb18030":
        copy = source = utf8_copy(path, encoding)
    try:
        header, delimiter = checked_header(path, source)
        sql = (
            f"CREATE OR REPLACE TABLE {quote_ident(table)} AS "
            f"SELECT row_number() OVER () AS _row, * FROM {_reader_sql(header, max_line_bytes)}"
        )
        _run(con, path, sql, [str(source), delimiter])
    finally:
        if copy is not None:
            copy.unlink(missing_ok=True)
    return header


def read_csv_kept(
    con: duckdb.DuckDBPyConnection, path: Path, header: list[str], delimiter: str, table: str,
    keep: Sequence[tuple[str, str]], max_line_bytes: int,
) -> None:
    """Build `table` straight from the UTF-8 file `path`: `_row` (still NULL), the kept columns, `_longest`.

    `keep` pairs an extract column with its release name. Kept values are trimmed, blanks NULL.
    `_row` is left NULL so that no window function runs here: `row_number() OVER ()` would make
    DuckDB parse the file on one thread (`number_rows` fills it afterwards). `_longest` holds the
    byte length of the row's longest cell over *every* column, kept or not (strlen is free; the
    characters are only counted when some cell has more bytes than the limit allows characters).
    """
    kept = kept_columns(keep)
    longest = f"coalesce(greatest({', '.join(f'strlen({quote_ident(h)})' for h in header)}), 0) AS {LONGEST}"
    sql = (
        f"CREATE OR REPLACE TABLE {quote_ident(table)} AS "
        f"SELECT NULL::BIGINT AS _row, {kept}, {longest} FROM {_reader_sql(header, max_line_bytes)}"
    )
    _run(con, path, sql, [str(path), delimiter])


def number_rows(con: duckdb.DuckDBPyConnection, table: str) -> None:
    """Set `_row` to each row's 1-based position in the file.

    A table built by one parallel `CREATE TABLE AS` keeps the file's order (the working database
    preserves insertion order), and a row id is a row's position in a table nothing was deleted
    from; so this one cheap update numbers the rows as `row_number() OVER ()` would have.
    """
    con.execute(f"UPDATE {quote_ident(table)} SET _row = rowid + 1")


def _describe(path: Path, message: str) -> str:
    line = _LINE.search(message)
    where = f"line {line.group(1)}: " if line else ""
    for pattern, template in _REASONS:
        m = pattern.search(message)
        if m:
            return f"{path}: {where}{template.format(*m.groups())}"
    return f"{path}: {where}the CSV cannot be parsed"
