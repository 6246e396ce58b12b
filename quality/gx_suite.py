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

from pipelines.core.vocab import FieldType
from quality import identifiers as ids
from quality.checks.usability import CONTROL_RE
from quality.model import PlannedCheck, Severity
from quality.sqlparts import q
from quality.suite import Suite

if TYPE_CHECKING:
    import duckdb
    import pandas as pd

SAMPLE_ROWS = 100_000  # rows GE validates when asked; the SQL checks always see every row
NUMERIC = (FieldType.INTEGER, FieldType.NUMBER)

_TYPE_REGEX = {
    FieldType.BOOLEAN: r"(?i)^(?:true|false|t|f|yes|no|y|n|1|0|是|否)$",
    FieldType.DATE: r"^\d{4}-\d{1,2}-\d{1,2}$",
    FieldType.DATETIME: r"^\d{4}-\d{1,2}-\d{1,2}(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:[+-]\d{2}:?\d{2}|Z)?)?$",
}
_SHAPES = {
    "accuracy.resident_id": r"^[0-9]{17}[0-9Xx]$",
    "accuracy.credit_code": r"^[0-9A-HJ-NPQRTUWXYa-hj-npqrtuwxy]{18}$",
    "accuracy.bank_card": r"^(?:[0-9][ -]?){15,18}[0-9]$",
}


def _gx_version() -> str:
    try:
        return metadata.version("great_expectations")
    except metadata.PackageNotFoundError:
        return "unknown"


def _exp(kind: str, p: PlannedCheck, note: str | None = None, **kwargs: Any) -> dict[str, Any]:
    meta: dict[str, Any] = {"check": p.key, "column": p.column, "severity": p.severity.value}
    if note:
        meta["note"] = note
    return {
        "type": kind,
        "kwargs": kwargs,
        "meta": meta,
        # GE 1.x knows critical / warning / info; our error blocks too, so it maps to critical.
        "severity": "warning" if p.severity is Severity.WARNING else "critical",
    }


def _expectations(suite: Suite, p: PlannedCheck) -> list[dict[str, Any]] | str:
    """GE expectations for one planned check, or why GE cannot express it."""
    spec, col = suite.spec, p.column
    params = p.params.model_dump()
    if p.key == "completeness.required":
        return [_exp("expect_column_values_to_not_be_null", p, column=col)]
    if p.key == "completeness.columns":
        return [_exp("expect_table_columns_to_match_set", p, column_set=[f.name for f in spec.fields], exact_match=True)]
    if p.key == "completeness.rows":
        return [_exp("expect_table_row_count_to_be_between", p, min_value=spec.quality.min_rows, max_value=None)]
    if p.key == "accuracy.type":
        f = spec.field(col or "")
        if f.type in NUMERIC:
            return "numeric columns are numbers in the GE frame; values that do not parse are null there"
        if f.format:
            return [_exp("expect_column_values_to_match_strftime_format", p, column=col, strftime_format=f.format)]
        return [_exp("expect_column_values_to_match_regex", p, "shape only; calendar validity is checked in SQL",
                     column=col, regex=_TYPE_REGEX[f.type])]
    if p.key in _SHAPES:
        return [_exp("expect_column_values_to_match_regex", p, "shape only; the checksum is checked in SQL",
                     column=col, regex=_SHAPES[p.key])]
    if p.key == "accuracy.phone":
        return [_exp("expect_column_values_to_match_regex", p, column=col, regex=f"^(?:{ids.LANDLINE_RE if params['landline'] else ids.MOBILE_RE})$")]
    if p.key == "accuracy.enum":
        return [_exp("expect_column_values_to_be_in_set", p, column=col, value_set=list(params["values"]))]
    if p.key == "accuracy.range":
        return [_exp("expect_column_values_to_be_between", p, column=col, min_value=params["minimum"], max_value=params["maximum"])]
    if p.key == "accuracy.pattern":
        return [_exp("expect_column_values_to_match_regex", p, column=col, regex=f"^(?:{params['regex']})$")]
    if p.key == "accuracy.unique":
        return [_exp("expect_column_values_to_be_unique", p,
                     "GE counts every row of a repeated value; opendata counts the repeats after the first", column=col)]
    if p.key == "usability.format":
        return [_exp("expect_column_values_to_not_match_regex", p, column=col, regex=CONTROL_RE)]
    return {
        "accuracy.id_consistency": "compares two columns digit by digit",
        "timeliness.window": "depends on the extract date and the update frequency",
        "timeliness.future": "depends on the extract date",
        "timeliness.overdue": "depends on the release registry",
        "usability.encoding": "a property of the file, not of the values",
        "usability.column_names": "a property of the extract header",
    }.get(p.key, "about the extract file and its manifest, not the values")


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
    import great_expectations as gx
    from great_expectations.data_context.types.base import ProgressBarsConfig

    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False)
    exps = [e for e in suite_json["expectations"] if not (sampled and e["type"] == "expect_table_row_count_to_be_between")]
    suite = context.suites.add(gx.ExpectationSuite(name=suite_json["name"], expectations=exps, meta=suite_json["meta"]))
    batch = context.data_sources.add_pandas("opendata").add_dataframe_asset("extract").add_batch_definition_whole_dataframe("all")
    vd = context.validation_definitions.add(gx.ValidationDefinition(name="quality", data=batch, suite=suite))
    result_format = {"result_format": "SUMMARY", "partial_unexpected_count": 0, "include_unexpected_rows": False}
    actions = []
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
