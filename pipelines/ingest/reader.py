"""Load any supported extract into a DuckDB table and apply the refusals every format shares."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import duckdb

from pipelines.errors import InputError
from pipelines.ingest import encoding as enc
from pipelines.ingest.names import quote_ident
from pipelines.spec.model import Source
from pipelines.vocab import SourceFormat

_SUFFIXES = {
    ".csv": SourceFormat.CSV, ".txt": SourceFormat.CSV, ".tsv": SourceFormat.CSV,
    ".xlsx": SourceFormat.XLSX, ".xlsm": SourceFormat.XLSX,
    ".json": SourceFormat.JSON, ".jsonl": SourceFormat.JSON, ".ndjson": SourceFormat.JSON,
    ".parquet": SourceFormat.PARQUET, ".pq": SourceFormat.PARQUET,
}


@dataclass(frozen=True)
class LoadedExtract:
    """An extract now held in a DuckDB table: `_row` plus one VARCHAR column per header name."""

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


def load_extract(con: duckdb.DuckDBPyConnection, path: Path, source: Source, table: str = "raw") -> LoadedExtract:
    """Read `path` into `table`, refusing empty, header-only, ragged or oversized input."""
    if not path.is_file():
        raise InputError(f"{path}: extract not found")
    fmt = source_format(path, source.format)
    text_encoding: str | None = None
    if fmt in (SourceFormat.CSV, SourceFormat.JSON):
        info = enc.detect(path, source.encoding)
        sha, size, text_encoding = info.sha256, info.size, info.encoding
    else:
        sha, size = enc.sha256_of(path)
    # Bytes per line allowed: a cell may use up to 4 UTF-8 bytes per character, plus other cells.
    max_line = max(source.max_field_chars * 4 * 2, 1 << 21)
    if fmt is SourceFormat.CSV:
        from pipelines.ingest.csv_format import read_csv

        header = read_csv(con, path, text_encoding or "utf-8", table, max_line)
    elif fmt is SourceFormat.XLSX:
        from pipelines.ingest.excel_format import read_xlsx

        header = read_xlsx(con, path, source.sheet, table)
    elif fmt is SourceFormat.JSON:
        from pipelines.ingest.json_format import read_json

        header = read_json(con, path, text_encoding or "utf-8", table)
    else:
        from pipelines.ingest.parquet_format import read_parquet

        header = read_parquet(con, path, table)
    rows = int(con.execute(f"SELECT count(*) FROM {quote_ident(table)}").fetchone()[0])  # type: ignore[index]
    if rows == 0:
        raise InputError(f"{path}: the extract has a header but no data rows")
    _check_cell_sizes(con, path, table, header, source.max_field_chars)
    return LoadedExtract(path, table, header, fmt, text_encoding, sha, size, rows)


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
