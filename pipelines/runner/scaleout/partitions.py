"""Split the working table into row-range partitions on disk, and gather them back in row order.

Partitions live in a private scratch folder (mode 0700, deleted when the run ends) outside the home
directory: before masking they hold raw rows. For workers on other machines the scratch folder must
be on storage they all mount (`OPENDATA_SCRATCH`).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from pipelines.core.context import ROW
from pipelines.core.sql import quote_ident, quote_literal


@contextmanager
def scratch_folder(parent: Path | str | None = None) -> Iterator[Path]:
    """A new private folder under `parent` (default `$OPENDATA_SCRATCH`, else the OS temp folder)."""
    base = parent or os.environ.get("OPENDATA_SCRATCH") or None
    if base is not None:
        Path(base).mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix="opendata-scaleout-", dir=base))  # mkdtemp: mode 0700
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def row_ranges(con: duckdb.DuckDBPyConnection, table: str, partitions: int) -> list[tuple[int, int]]:
    """Up to `partitions` contiguous, non-empty (first, last) `_row` ranges of about equal row counts."""
    rows = int(con.execute(f"SELECT count(*) FROM {quote_ident(table)}").fetchone()[0])  # type: ignore[index]
    if rows == 0:
        return []
    n = max(1, min(partitions, rows))
    # Boundaries by rank, not by value: `_row` may have gaps (rows removed by earlier steps).
    bounds = con.execute(
        f"SELECT min({ROW}), max({ROW}) FROM (SELECT {ROW}, ntile({n}) OVER (ORDER BY {ROW}) AS part "
        f"FROM {quote_ident(table)}) GROUP BY part ORDER BY part"
    ).fetchall()
    return [(int(lo), int(hi)) for lo, hi in bounds]


def write_partitions(con: duckdb.DuckDBPyConnection, table: str, partitions: int, folder: Path) -> list[Path]:
    """Write the table as one Parquet file per row range; return the files in row order."""
    files = []
    for i, (lo, hi) in enumerate(row_ranges(con, table, partitions)):
        path = folder / f"in-{i:04d}.parquet"
        con.execute(
            f"COPY (SELECT * FROM {quote_ident(table)} WHERE {ROW} BETWEEN {lo} AND {hi} ORDER BY {ROW}) "
            f"TO {quote_literal(str(path))} (FORMAT parquet)"
        )
        files.append(path)
    return files


def gather(con: duckdb.DuckDBPyConnection, table: str, files: list[Path]) -> None:
    """Replace the table by the union of the partition files, in row order."""
    listing = ", ".join(quote_literal(str(p)) for p in files)
    con.execute(f"CREATE OR REPLACE TABLE {quote_ident(table)} AS SELECT * FROM read_parquet([{listing}]) ORDER BY {ROW}")
