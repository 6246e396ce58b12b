"""`opendata scan`'s composition: load an extract the way publication does, then classify its columns.

The manifest beside the extract is read here too: the draft takes its provider and extraction date,
and says when it does not match the extract's bytes and rows.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from desensitize.scan import ScanResult, scan_table
from pipelines.core.manifest import manifest_facts
from pipelines.core.spec.model import Source
from pipelines.ingest import load_extract


def scan_extract(path: Path) -> ScanResult:
    """Read `path` like publication does (in memory), classify every column and read its manifest."""
    con = duckdb.connect()
    try:
        loaded = load_extract(con, path, Source(path=str(path)))
        result = scan_table(con, loaded.table, loaded.header, path, loaded.format.value, loaded.rows)
        result.manifest = manifest_facts(path, loaded.sha256, loaded.rows)
        return result
    finally:
        con.close()
