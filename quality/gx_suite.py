"""The spec's checks as a Great Expectations 1.x expectation suite, and an optional GE run.

Publication runs every check in DuckDB SQL (see `scripts/bench_quality.py`: GE on pandas is far
slower on a million rows, and GE 1.x has no dependable DuckDB source). Analysts who use GE still get
the same rules: `expectation_suite()` writes them as GE suite JSON — without importing GE, which
alone takes seconds — and `validate_with_gx()` runs that suite on a bounded sample and builds GE's
Data Docs when asked (`opendata quality --gx-docs DIR`).

The frame GE sees is the working table as text, except integer/number columns, which are numeric so
that ranges can be expressed; checks GE cannot express (checksums beyond the shape, cross-column
consistency, manifest, freshness, encoding) are listed under `meta.not_expressed`.
"""

from __future__ import annotations

import os
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pipelines.core.sql import quote_ident as q
from quality import registry
from quality.checks.accuracy.value_type import NUMERIC
from quality.model import PlannedCheck
from quality.suite import Suite

if TYPE_CHECKING:
    import duckdb
    import pandas as pd

SAMPLE_ROWS = 100_000  # rows GE validates when asked; the SQL checks always see every row

def _gx_version() -> str:
    try:
        return metadata.version("great_expectations")
    except metadata.PackageNotFoundError:
        return "unknown"


def _expectations(suite: Suite, p: PlannedCheck) -> list[dict[str, Any]] | str:
    """GE expectations for one planned check (each check gives its own), or why GE cannot express it."""
    return registry.get(p.key).expectations(p, suite.spec)


def expectation_suite(suite: Suite) -> dict[str, Any]:
    """The suite as GE 1.x JSON (`ExpectationSuite(**suite)` loads it)."""
    expectations: list[dict[str, Any]] = []
    not_expressed: list[dict[str, Any]] = []
    for p in suite.checks:
        got = _expectations(suite, p)
        if isinstance(got, str):
            not_expressed.append({"check": p.key, "column": p.column, "why": got})
        else:
            expectations.extend(got)
    return {
        "name": f"opendata.{suite.spec.id}",
        "expectations": expectations,
        "meta": {
            "generated_by": "opendata quality (quality/gx_suite.py)",
            "great_expectations_version": _gx_version(),
            "frame": "release columns before masking; text, except integer/number columns as numbers",
            "not_expressed": not_expressed,
        },
        "notes": None,
    }


def gx_frame(con: duckdb.DuckDBPyConnection, table: str, suite: Suite, sample_rows: int | None = SAMPLE_ROWS) -> pd.DataFrame:
    """The frame GE validates: every release column, numeric ones cast; a reservoir sample if bounded."""
    cols = []
    for f in suite.spec.fields:
        c = q(f.name)
        cols.append(f"TRY_CAST({c} AS DOUBLE) AS {c}" if f.type in NUMERIC else c)
    sample = f" USING SAMPLE {int(sample_rows)} ROWS" if sample_rows else ""
    return con.execute(f"SELECT {', '.join(cols)} FROM {q(table)}{sample}").df()


def validate_with_gx(
    frame: pd.DataFrame, suite_json: dict[str, Any], *, docs_dir: Path | None = None, sampled: bool = False
) -> tuple[list[dict[str, Any]], Path | None]:
    """Validate `frame` with GE; return per-expectation counts and the Data Docs index, if built.

    Results are requested without unexpected values (`partial_unexpected_count` 0), so neither the
    returned counts nor the Data Docs pages hold a cell value.
    """
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")  # no usage reporting from a publication host
    import great_expectations as gx  # in-function: GE takes seconds to import; only --gx-docs runs it
    from great_expectations.data_context.types.base import ProgressBarsConfig  # in-function: as above

    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False)
    exps = [e for e in suite_json["expectations"] if not (sampled and e["type"] == "expect_table_row_count_to_be_between")]
    suite = context.suites.add(gx.ExpectationSuite(name=suite_json["name"], expectations=exps, meta=suite_json["meta"]))
    batch = context.data_sources.add_pandas("opendata").add_dataframe_asset("extract").add_batch_definition_whole_dataframe("all")
    vd = context.validation_definitions.add(gx.ValidationDefinition(name="quality", data=batch, suite=suite))
    result_format = {"result_format": "SUMMARY", "partial_unexpected_count": 0, "include_unexpected_rows": False}
    actions: list[gx.checkpoint.actions.ValidationAction] = []
    if docs_dir is not None:
        context.variables.data_docs_sites = {}  # drop the default site under a temporary folder
        context.add_data_docs_site(
            "opendata",
            {
                "class_name": "SiteBuilder",
                "store_backend": {"class_name": "TupleFilesystemStoreBackend", "base_directory": str(docs_dir.resolve())},
                "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"},
            },
        )
        actions.append(gx.checkpoint.UpdateDataDocsAction(name="data_docs", site_names=["opendata"]))
    checkpoint = context.checkpoints.add(
        gx.Checkpoint(name="opendata", validation_definitions=[vd], actions=actions, result_format=result_format)
    )
    run = checkpoint.run(batch_parameters={"dataframe": frame})
    out: list[dict[str, Any]] = []
    for vr in run.run_results.values():
        for r in vr.results:
            cfg = r.expectation_config
            if cfg is None:  # GE leaves it out only for results it did not produce from a configuration
                continue
            out.append({
                "type": cfg.type,
                "check": (cfg.meta or {}).get("check"),
                "column": cfg.kwargs.get("column"),
                "success": bool(r.success),
                "unexpected": r.result.get("unexpected_count"),
                "elements": r.result.get("element_count"),
            })
    index = docs_dir.resolve() / "index.html" if docs_dir is not None else None
    return out, index
