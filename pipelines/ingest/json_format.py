"""JSON (an array of objects, or JSON Lines) → DuckDB, every value as text."""

from __future__ import annotations

from pathlib import Path

import duckdb

from pipelines.core.errors import InputError
from pipelines.ingest.encoding import utf8_copy
from pipelines.core.sql import quote_ident
from pipelines.ingest.names import check_header


def read_json(con: duckdb.DuckDBPyConnection, path: Path, encoding: str, table: str) -> list[str]:
    """Load `path` into `table` (all VARCHAR, plus `_row`); return the keys as the header."""
    if path.stat().st_size == 0:
        raise InputError(f"{path}: the file is empty")
    copy: Path | None = None
    source = path
    if encoding == "gb18030":
        copy = source = utf8_copy(path, encoding)
    try:
        fmt = "newline_delimited" if path.suffix.lower() in (".jsonl", ".ndjson") else "auto"
        try:
            rel = con.sql(
                f"SELECT * FROM read_json(?, format='{fmt}', records=true, sample_size=-1, "
                "maximum_object_size=67108864)",
                params=[str(source)],
            )
            header = list(rel.columns)
        except duckdb.Error as exc:
            raise InputError(f"{path}: not a JSON array of objects or JSON Lines ({_short(exc)})") from None
        if header == ["json"]:
            raise InputError(f"{path}: the JSON holds no objects with named fields")
        check_header(path, header)
        casts = ", ".join(
            f"CASE WHEN {quote_ident(h)} IS NULL THEN NULL ELSE "
            f"CAST({quote_ident(h)} AS VARCHAR) END AS {quote_ident(h)}"
            for h in header
        )
        try:
            con.execute(
                f"CREATE OR REPLACE TABLE {quote_ident(table)} AS SELECT row_number() OVER () AS _row, {casts} FROM "
                f"read_json(?, format='{fmt}', records=true, sample_size=-1, maximum_object_size=67108864)",
                [str(source)],
            )
        except duckdb.Error as exc:
            raise InputError(f"{path}: the JSON cannot be read ({_short(exc)})") from None
    finally:
        if copy is not None:
            copy.unlink(missing_ok=True)
    return header


def _short(exc: Exception) -> str:
    # Keep DuckDB's first sentence and its position, never the quoted input.
    first = str(exc).splitlines()[0]
    return first.split(":", 1)[-1].strip()[:160] if "'" not in first and '"' not in first else "malformed JSON"
