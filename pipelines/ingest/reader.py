"""Load any supported extract into a DuckDB table and apply the refusals every format shares."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import duckdb

from pipelines.core.errors import InputError
from pipelines.core.hashing import sha256_file
from pipelines.ingest import csv_format
from pipelines.ingest import encoding as enc
from pipelines.core.sql import quote_ident
from pipelines.ingest.names import kept_columns
from pipelines.ingest.sniff import check_format
from pipelines.core.spec.model import Source
from pipelines.core.vocab import SourceFormat

_SUFFIXES = {
    ".csv": SourceFormat.CSV, ".txt": SourceFormat.CSV, ".tsv": SourceFormat.CSV,
    ".xlsx": SourceFormat.XLSX, ".xlsm": SourceFormat.XLSX,
    ".json": SourceFormat.JSON, ".jsonl": SourceFormat.JSON, ".ndjson": SourceFormat.JSON,
    ".parquet": SourceFormat.PARQUET, ".pq": SourceFormat.PARQUET,
}
RAW = "raw"  # where the whole extract is loaded when it is not read straight into the kept columns


@dataclass(frozen=True)
class LoadedExtract:
    """An extract now held in a DuckDB table: `_row` plus one VARCHAR column per header name.

    When loaded with `keep`, the table holds `_row` plus the kept columns under their new names.
    """

    path: Path
    table: str
    header: list[str]
    format: SourceFormat
    encoding: str | None
    sha256: str
    size: int
    rows: int


def source_format(path: Path, declared: SourceFormat | None) -> SourceFormat:
    """The declared format, else the one the suffix names."""
    if declared is not None:
        return declared
    found = _SUFFIXES.get(path.suffix.lower())
    if found is None:
        raise InputError(f"{path}: unknown extract format {path.suffix!r}; declare source.format (csv, xlsx, json, parquet)")
    return found


def _max_line_bytes(source: Source) -> int:
    # Bytes per line allowed: a cell may use up to 4 UTF-8 bytes per character, plus other cells.
    return max(source.max_field_chars * 4 * 2, 1 << 21)


def load_extract(
    con: duckdb.DuckDBPyConnection, path: Path, source: Source, table: str = RAW,
    keep: Sequence[tuple[str, str]] | None = None,
) -> LoadedExtract:
    """Read `path` into `table`, refusing empty, header-only, ragged or oversized input.

    Without `keep`, `table` holds every column as it is. With `keep` (extract column, new name)
    pairs, it holds only those columns, renamed, trimmed, blanks as NULL; an extract that lacks a
    kept column is refused, after the refusals above (the order a full load reports them in).
    """
    if keep is not None and table == RAW:
        raise ValueError(f"kept columns go into a table other than {RAW!r}, which holds the whole extract")
    if path.is_dir():
        raise InputError(f"{path}: is a folder: give one extract file")
    if not path.is_file():
        raise InputError(f"{path}: extract not found; check the file name and folder")
    fmt = source_format(path, source.format)
    check_format(path, fmt)
    info: enc.TextInfo | None = None
    if keep is not None and fmt is SourceFormat.CSV and source.encoding in ("auto", "utf-8"):
        fast = _load_utf8_csv(con, path, source, table, keep)
        if isinstance(fast, LoadedExtract):
            return fast
        info = fast  # not for the one-pass read: the full load goes on with the encoding already found
    loaded = _load_whole(con, path, source, fmt, RAW if keep is not None else table, info)
    if keep is None:
        return loaded
    _check_kept(path, loaded.header, keep)
    select = kept_columns(keep)
    # No ORDER BY: `raw` is already in file order (insertion order is preserved), and a sort of the
    # whole extract costs more than the copy; the release writer orders by `_row` itself.
    con.execute(f"CREATE OR REPLACE TABLE {quote_ident(table)} AS SELECT _row, {select} FROM {RAW}")
    con.execute(f"DROP TABLE {RAW}")
    return LoadedExtract(path, table, loaded.header, fmt, loaded.encoding, loaded.sha256, loaded.size, loaded.rows)


def _load_whole(
    con: duckdb.DuckDBPyConnection, path: Path, source: Source, fmt: SourceFormat, table: str,
    info: enc.TextInfo | None = None,
) -> LoadedExtract:
    """Every column into `table`, after the encoding was detected (unless `info` gives it) and the file hashed."""
    text_encoding: str | None = None
    if fmt in (SourceFormat.CSV, SourceFormat.JSON):
        info = info or enc.detect(path, source.encoding)
        sha, size, text_encoding = info.sha256, info.size, info.encoding
    else:
        sha, size = sha256_file(path)
    if fmt is SourceFormat.CSV:
        header = csv_format.read_csv(con, path, text_encoding or "utf-8", table, _max_line_bytes(source))
    elif fmt is SourceFormat.XLSX:
        from pipelines.ingest.excel_format import read_xlsx  # in-function: each format's reader is imported only for its files

        header = read_xlsx(con, path, source.sheet, table)
    elif fmt is SourceFormat.JSON:
        from pipelines.ingest.json_format import read_json  # in-function: each format's reader is imported only for its files

        header = read_json(con, path, text_encoding or "utf-8", table)
    else:
        from pipelines.ingest.parquet_format import read_parquet  # in-function: each format's reader is imported only for its files

        header = read_parquet(con, path, table)
    rows = _row_count(con, path, table)
    _check_cell_sizes(con, path, table, header, source.max_field_chars)
    return LoadedExtract(path, table, header, fmt, text_encoding, sha, size, rows)


def _load_utf8_csv(
    con: duckdb.DuckDBPyConnection, path: Path, source: Source, table: str, keep: Sequence[tuple[str, str]]
) -> LoadedExtract | enc.TextInfo:
    """The one-pass read of a CSV expected to be UTF-8; when it must go the full way instead (GBK,
    or refusals that a full load reports first), what the encoding check found, so it runs once.

    DuckDB checks every cell's UTF-8 as it parses (it reads every column here, for `_longest`), and
    the header is decoded strictly, so the separate decoding pass is not needed; the file is hashed
    on a thread meanwhile. On any refusal, the encoding is checked the old way first, so a file
    that is not UTF-8 is reported as such, exactly as the full load reports it.
    """
    sha256 = enc.sha256_in_background(path)
    try:
        header, delimiter = csv_format.checked_header(path, path)
        _check_kept(path, header, keep)
        csv_format.read_csv_kept(con, path, header, delimiter, table, keep, _max_line_bytes(source))
        rows = _row_count(con, path, table)
    except (InputError, UnicodeDecodeError) as exc:
        # Refuses bytes no candidate decodes, as a full load does first; the file is already hashed.
        info = enc.detect(path, source.encoding, hashed=sha256())
        if info.encoding == "gb18030" or isinstance(exc, (_MissingColumns, UnicodeDecodeError)):
            return info  # the full load transcodes it, or reports its refusals before the missing columns
        raise
    longest = int(con.execute(f"SELECT max({csv_format.LONGEST}) FROM {quote_ident(table)}").fetchall()[0][0])
    if longest > source.max_field_chars:
        # Some cell has more bytes than the limit allows characters: count characters on the
        # values as they are in the file (rare; it reads the file once more).
        _load_whole(con, path, source, SourceFormat.CSV, RAW)
        con.execute(f"DROP TABLE {RAW}")
    con.execute(f"ALTER TABLE {quote_ident(table)} DROP COLUMN {csv_format.LONGEST}")
    csv_format.number_rows(con, table)
    sha, size = sha256()
    return LoadedExtract(path, table, header, SourceFormat.CSV, "utf-8-sig" if enc.has_bom(path) else "utf-8", sha, size, rows)


class _MissingColumns(InputError):
    """Kept columns the header lacks."""


def _check_kept(path: Path, header: list[str], keep: Sequence[tuple[str, str]]) -> None:
    missing = [src for src, _ in keep if src not in header]
    if not missing:
        return
    declared = {src for src, _ in keep}
    if declared & set(header):
        # Line 1 names declared columns, so it is the header row: its names are column names, not data.
        details = [f"the extract has: {', '.join(header)}"]
    else:
        # No declared name on line 1: it may be a data row (the header row is missing) or another
        # file altogether, so it is described, never quoted.
        details = [
            f"line 1 has {len(header)} field(s) and none is a declared column: if line 1 is data, "
            "add the header row; otherwise check --input and source.path (line 1 is not shown: it may hold data)"
        ]
    raise _MissingColumns(f"{path}: declared columns missing from the extract: {', '.join(missing)}", details=details)


def _row_count(con: duckdb.DuckDBPyConnection, path: Path, table: str) -> int:
    rows = int(con.execute(f"SELECT count(*) FROM {quote_ident(table)}").fetchone()[0])  # type: ignore[index]
    if rows == 0:
        raise InputError(f"{path}: the extract has a header but no data rows")
    return rows


def _check_cell_sizes(con: duckdb.DuckDBPyConnection, path: Path, table: str, header: list[str], limit: int) -> None:
    # One scan computes every column's longest value; only on a hit do we look for the row.
    longest = con.execute(
        "SELECT " + ", ".join(f"max(length({quote_ident(h)}))" for h in header) + f" FROM {quote_ident(table)}"
    ).fetchone()
    for h, n in zip(header, longest or ()):
        if n is not None and n > limit:
            row = con.execute(
                f"SELECT min(_row) FROM {quote_ident(table)} WHERE length({quote_ident(h)}) > ?", [limit]
            ).fetchone()[0]  # type: ignore[index]
            raise InputError(
                f"{path}: row {row}, column {h!r}: a value of {n} characters is over the limit of {limit} "
                "(source.max_field_chars)"
            )
