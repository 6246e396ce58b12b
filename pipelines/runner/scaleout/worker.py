"""The two passes a worker runs on one partition. Plain functions of JSON-able arguments.

Arguments and results are paths, the spec as a dict, and masking records (operators, parameters,
counts): never a cell value, so they may pass through Dask and Prefect. The rows themselves move
only as Parquet files in the private scratch folder.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pipelines.core.context import ROW, PublishContext
from pipelines.core.home import Home
from pipelines.core.results import MaskRecord
from pipelines.core.sql import quote_ident, quote_literal
from pipelines.runner.publish import run_guarded, working_database
from pipelines.runner.scaleout.kanon import apply_plan, present_quasi_identifiers, write_histogram
from pipelines.core.spec.model import CatalogSpec
from pipelines.runner.specs import spec_from_dict
from pipelines.runner.steps import stage

DESENSITIZE = "desensitize"  # the stage a worker runs on its partition


def spec_from(data: dict[str, Any]) -> CatalogSpec:
    """The spec a worker was sent (validated again: a worker trusts nothing it is handed)."""
    return spec_from_dict(data)


def _without_k_anonymity(spec: CatalogSpec) -> CatalogSpec:
    # Pass 1 masks only: k-anonymity needs class sizes over the whole extract, planned centrally.
    return spec.model_copy(update={"privacy": spec.privacy.model_copy(update={"k_anonymity": None})})


def mask_partition(spec: dict[str, Any], spec_path: str, home: str, source: str, out_dir: str, index: int) -> dict[str, Any]:
    """Pass 1: run the desensitize step on one partition; write the masked rows and the class histogram."""
    full = spec_from(spec)
    con = working_database()
    try:
        con.execute(f"CREATE TABLE work AS SELECT * FROM read_parquet({quote_literal(str(source))}) ORDER BY {ROW}")
        ctx = PublishContext(
            spec=_without_k_anonymity(full), spec_path=Path(spec_path), extract=Path(source), home=Home.resolve(home), con=con,
        )
        rows_in = ctx.row_count()
        run_guarded(ctx, stage(DESENSITIZE))
        columns = ctx.columns()
        masked = Path(out_dir) / f"masked-{index:04d}.parquet"
        con.execute(f"COPY (SELECT * FROM work ORDER BY {ROW}) TO {quote_literal(str(masked))} (FORMAT parquet)")
        histogram = None
        qis = present_quasi_identifiers(full, columns)
        if full.privacy.k_anonymity and qis:
            histogram = Path(out_dir) / f"classes-{index:04d}.parquet"
            write_histogram(con, "work", qis, histogram)
        return {
            "index": index,
            "rows_in": rows_in,
            "rows_out": ctx.row_count(),
            "columns": columns,
            "masking": [m.as_json() for m in ctx.masking],
            "privacy": {k: v for k, v in ctx.privacy.items() if k in ("individual_columns", "rows_suppressed_by_policy")},
            "warnings": ctx.warnings,
            "masked": str(masked),
            "histogram": str(histogram) if histogram else None,
        }
    finally:
        con.close()


def finish_partition(spec: dict[str, Any], masked: str, records: list[dict[str, Any]], plan: dict[str, Any], out_dir: str, index: int) -> str:
    """Pass 2: generalize to the planned levels and drop the rows of classes below k; return the file."""
    con = working_database()
    try:
        con.execute(f"CREATE TABLE work AS SELECT * FROM read_parquet({quote_literal(str(masked))}) ORDER BY {ROW}")
        apply_plan(con, "work", spec_from(spec), [MaskRecord.from_json(r) for r in records], plan)
        final = Path(out_dir) / f"final-{index:04d}.parquet"
        con.execute(f"COPY (SELECT * FROM {quote_ident('work')} ORDER BY {ROW}) TO {quote_literal(str(final))} (FORMAT parquet)")
        return str(final)
    finally:
        con.close()
