"""Write a release folder atomically: everything goes to a temporary folder renamed into place.

A crash at any point leaves either no release or a whole one; the temporary folder sits beside its
destination (same file system, so the rename is atomic) under a dot-name no reader lists.
"""

from __future__ import annotations

import os
import shutil
from datetime import datetime
from pathlib import Path

from pipelines.core.context import ROW, PublishContext
from pipelines.core.sql import quote_ident
from pipelines.release import files, metadata, workbook
from pipelines.release.typing_sql import cast_expression
from pipelines.core.clock import SHANGHAI
from pipelines.core.versions import writer_pid_file
from pipelines.release.version import reserve_version
from pipelines.core.vocab import FieldType

RELEASE_FILES = ("data.parquet", "data.csv", "data.xlsx", "quality.json", "quality.html", "README.md", "datapackage.json", "provenance.json")


def _release_columns(ctx: PublishContext) -> list[tuple[str, str, FieldType]]:
    """(name, SQL expression, type) for every column still in the working table."""
    present = set(ctx.columns())
    changed = {m.column: m.type for m in ctx.masking if m.type}
    out = []
    for f in ctx.spec.fields:
        if f.name not in present:
            continue
        release_type = FieldType(changed[f.name]) if f.name in changed else f.type
        out.append((f.name, cast_expression(f, release_type), release_type))
    return out


def write_release_folder(ctx: PublishContext, tmp: Path) -> int:
    """Write every file of the release into `tmp`; return the number of rows published."""
    spec = ctx.spec
    columns = _release_columns(ctx)
    select = (
        "SELECT " + ", ".join(f"{expr} AS {quote_ident(name)}" for name, expr, _ in columns)
        + f" FROM {quote_ident(ctx.table)} ORDER BY {ROW}"
    )
    files.write_parquet(ctx.con, select, tmp / "data.parquet")
    # The CSV streams from the Parquet just written (a single-file scan keeps its order): the only sort
    # of the whole table happens once, above.
    files.write_csv_with_bom(ctx.con, files.csv_select(ctx.con, tmp / "data.parquet"), tmp / "data.csv")
    rows = ctx.row_count()
    labels = {f.name: f for f in spec.fields}
    # For people who open the release in Excel: Chinese headers, every cell typed (see workbook.py).
    sheet_columns = [workbook.Column(name, labels[name].label, ftype, labels[name].description) for name, _, ftype in columns]
    if workbook.write_workbook(ctx.con, files.parquet_select(tmp / "data.parquet"), sheet_columns, rows, tmp / "data.xlsx"):
        ctx.release_files["data.xlsx"] = files.file_digest(tmp / "data.xlsx")  # the README lists it
    metadata.dump_json(tmp / "quality.json", ctx.quality.report if ctx.quality else {"dimensions": {}, "checks": []})
    (tmp / "quality.html").write_text(ctx.quality.html if ctx.quality and ctx.quality.html else _empty_quality_html(spec.title), encoding="utf-8")
    (tmp / "README.md").write_text(metadata.readme(ctx, rows), encoding="utf-8")
    for name in ("data.csv", "data.parquet", "quality.json", "quality.html", "README.md"):
        ctx.release_files[name] = files.file_digest(tmp / name)
    created = datetime.now(SHANGHAI)
    schema_fields = [
        metadata.schema_field(name, labels[name].label, ftype, labels[name].description) for name, _, ftype in columns
    ]
    metadata.dump_json(tmp / "datapackage.json", metadata.datapackage(ctx, schema_fields, created))
    ctx.release_files["datapackage.json"] = files.file_digest(tmp / "datapackage.json")
    prov = metadata.provenance(ctx, created)
    prov["rows_published"] = rows
    metadata.dump_json(tmp / "provenance.json", prov)
    ctx.release_files["provenance.json"] = files.file_digest(tmp / "provenance.json")
    return rows


def _empty_quality_html(title: str) -> str:
    return f"<!doctype html><meta charset='utf-8'><title>{title}</title><p>No quality report was produced.</p>"


def publish_folder(ctx: PublishContext) -> tuple[Path, int]:
    """Write the release and rename it into `releases/<id>/<version>`; return (folder, rows)."""
    ctx.home.ensure()
    ctx.version, tmp = reserve_version(ctx.home, ctx.spec.id)
    final = ctx.home.release_dir(ctx.spec.id, ctx.version)
    try:
        rows = write_release_folder(ctx, tmp)
        os.rename(tmp, final)  # same folder, so atomic: readers see no release or a whole one
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    finally:
        writer_pid_file(tmp).unlink(missing_ok=True)
    return final, rows
