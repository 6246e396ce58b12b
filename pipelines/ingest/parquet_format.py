"""Parquet → DuckDB, every column cast to text (types are re-applied from the spec at release)."""

from __future__ import annotations

from pathlib import Path

import duckdb

from pipelines.core.errors import InputError
from pipelines.core.sql import quote_ident
from pipelines.ingest.names import check_header


def read_parquet(con: duckdb.DuckDBPyConnection, path: Path, table: str) -> list[str]:
    """Load `path` into `table` (all VARCHAR, plus `_row`); return the header."""
    if path.stat().st_size == 0:
        raise InputError(f"{path}: the file is empty")
    try:
        header = list(con.sql("SELECT * FROM read_parquet(?)", params=[str(path)]).columns)
    except duckdb.Error:
        raise InputError(f"{path}: not a readable Parquet file") from None
    check_header(path, header)
    casts = ", ".join(f"CAST({quote_ident(h)} AS VARCHAR) AS {quote_ident(h)}" for h in header)
    con.execute(
        f"CREATE OR REPLACE TABLE {quote_ident(table)} AS SELECT row_number() OVER () AS _row, {casts} FROM read_parquet(?)",
        [str(path)],
    )
    return header
