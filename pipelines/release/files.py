"""Write the data files of a release: Parquet, and CSV with a BOM so Excel shows Chinese."""

from __future__ import annotations

import codecs
from pathlib import Path

import duckdb
import pyarrow.csv as pacsv

from pipelines.core.hashing import sha256_file
from pipelines.core.sql import quote_literal

BOM = codecs.BOM_UTF8


def write_parquet(con: duckdb.DuckDBPyConnection, select_sql: str, path: Path) -> None:
    """COPY the query result to Parquet (zstd), streaming inside DuckDB."""
    con.execute(f"COPY ({select_sql}) TO {quote_literal(str(path))} (FORMAT parquet, COMPRESSION zstd)")


def write_csv_with_bom(con: duckdb.DuckDBPyConnection, select_sql: str, path: Path) -> None:
    """Stream the query result as UTF-8 CSV with a BOM, batch by batch (constant memory)."""
    reader = con.sql(select_sql).to_arrow_reader(100_000)
    with path.open("wb") as fh:
        fh.write(BOM)
        options = pacsv.WriteOptions(include_header=True, quoting_style="needed")
        with pacsv.CSVWriter(fh, reader.schema, write_options=options) as writer:
            for batch in reader:
                writer.write_batch(batch)


def parquet_select(path: Path) -> str:
    """A query reading back a Parquet file, in file order (a single-file scan keeps its row order)."""
    return f"SELECT * FROM read_parquet({quote_literal(str(path))})"


def file_digest(path: Path) -> dict[str, object]:
    """sha256 and size of a written file, for the registry, the catalog and audit."""
    sha, _ = sha256_file(path)
    return {"sha256": sha, "bytes": path.stat().st_size}
