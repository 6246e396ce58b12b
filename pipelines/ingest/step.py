"""The ingest step: load the extract, map its columns to the spec's release names, clean blanks."""

from __future__ import annotations

from datetime import datetime, timezone

from pipelines.context import ROW, PublishContext
from pipelines.errors import InputError
from pipelines.ingest.manifest import extracted_at, read_manifest
from pipelines.ingest.names import quote_ident
from pipelines.ingest.reader import load_extract


def ingest_step(ctx: PublishContext) -> None:
    """Fill `ctx.table` with the extract's declared columns, renamed, trimmed, blanks as NULL."""
    loaded = load_extract(ctx.con, ctx.extract, ctx.spec.source, table="raw")
    declared = [f.source_column for f in ctx.spec.fields]
    missing = [c for c in declared if c not in loaded.header]
    if missing:
        raise InputError(
            f"{ctx.extract}: declared columns missing from the extract: {', '.join(missing)}",
            details=[f"the extract has: {', '.join(loaded.header)}"],
        )
    ctx.undeclared_columns = [h for h in loaded.header if h not in declared]
    if ctx.undeclared_columns:
        # Columns the spec does not declare are never published: an unknown column may be personal.
        ctx.warnings.append(
            f"{len(ctx.undeclared_columns)} extract column(s) not in the spec and not published: "
            + ", ".join(ctx.undeclared_columns)
        )
    select = ", ".join(
        f"NULLIF(trim({quote_ident(f.source_column)}), '') AS {quote_ident(f.name)}" for f in ctx.spec.fields
    )
    # No ORDER BY: `raw` is already in file order (insertion order is preserved), and a sort of the
    # whole extract costs more than the copy; the release writer orders by `_row` itself.
    ctx.con.execute(f"CREATE OR REPLACE TABLE {quote_ident(ctx.table)} AS SELECT {ROW}, {select} FROM raw")
    ctx.con.execute("DROP TABLE raw")
    ctx.source_sha256 = loaded.sha256
    ctx.source_bytes = loaded.size
    ctx.source_rows = loaded.rows
    ctx.source_columns = loaded.header
    ctx.source_encoding = loaded.encoding
    ctx.manifest, ctx.manifest_problem = read_manifest(ctx.extract)
    ctx.obtained_at = extracted_at(ctx.manifest) or datetime.fromtimestamp(ctx.extract.stat().st_mtime, timezone.utc)
