"""`opendata scan`'s composition: load an extract the way publication does, then classify its columns."""

from __future__ import annotations

from pathlib import Path

import duckdb

from desensitize.scan import ScanResult, scan_table
from pipelines.core.spec.model import Source
from pipelines.ingest import load_extract


def scan_extract(path: Path) -> ScanResult:
    """Read `path` like publication does (in memory) and classify every column."""
    con = duckdb.connect()
    try:
        loaded = load_extract(con, path, Source(path=str(path)))
        return scan_table(con, loaded.table, loaded.header, path, loaded.format.value, loaded.rows)
    finally:
        con.close()
