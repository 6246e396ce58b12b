"""The ingest step: load the extract, map its columns to the spec's release names, clean blanks."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pipelines.core import clock
from pipelines.core.clock import SHANGHAI
from pipelines.core.context import PublishContext
from pipelines.core.stage import Stage
from pipelines.core.manifest import extracted_at, read_manifest
from pipelines.ingest.reader import load_extract


def ingest_step(ctx: PublishContext) -> None:
    """Fill `ctx.table` with the extract's declared columns, renamed, trimmed, blanks as NULL.

    The reader builds the working table in the statement that reads the extract (for a UTF-8 CSV),
    so the extract is parsed once and never copied; it refuses an extract lacking a declared column.
    """
    keep = [(f.source_column, f.name) for f in ctx.spec.fields]
    loaded = load_extract(ctx.con, ctx.extract, ctx.spec.source, table=ctx.table, keep=keep)
    declared = {src for src, _ in keep}
    ctx.undeclared_columns = [h for h in loaded.header if h not in declared]
    if ctx.undeclared_columns:
        # Columns the spec does not declare are never published: an unknown column may be personal.
        ctx.warnings.append(
            f"{len(ctx.undeclared_columns)} extract column(s) not in the spec and not published: "
            + ", ".join(ctx.undeclared_columns)
        )
    ctx.source_sha256 = loaded.sha256
    ctx.source_bytes = loaded.size
    ctx.source_rows = loaded.rows
    ctx.source_columns = loaded.header
    ctx.source_encoding = loaded.encoding
    ctx.manifest, ctx.manifest_problem = read_manifest(ctx.extract)
    obtained = extracted_at(ctx.manifest) or datetime.fromtimestamp(ctx.extract.stat().st_mtime, SHANGHAI)
    ctx.obtained_at = clock.local(obtained)  # a manifest written in UTC is shown in Shanghai time like the rest


def ingest_summary(ctx: PublishContext) -> dict[str, Any]:
    """The audit details of an ingest: the extract's name, hash and shape, never a value."""
    return {
        "source_file": ctx.extract.name,
        "source_sha256": ctx.source_sha256,
        "source_bytes": ctx.source_bytes,
        "rows": ctx.source_rows,
        "columns": len(ctx.source_columns),
        "encoding": ctx.source_encoding,
        "undeclared_columns_dropped": len(ctx.undeclared_columns),
        "manifest": ctx.manifest is not None,
        "manifest_problem": ctx.manifest_problem,
    }


STAGE = Stage(name="ingest", run=ingest_step, event="ingest", summary=ingest_summary, does_io=True)
