"""k-anonymity over the whole extract when its rows are masked in partitions.

Class sizes are global: a class of 3 may have one record in each of three partitions. So each
partition reports the histogram of its masked quasi-identifier values (class → count), the
coordinator sums them and runs the same k-anonymity search as a single-process run (on a table
expanded from the summed histogram: the search only ever counts classes and distinct values, so
its decisions are the same), and each partition then applies the outcome: the generalization level
of every quasi-identifier and the classes that survive.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb

from desensitize.privacy.ladders import Ladder, ladder_for
from desensitize.step import k_anonymity_report
from pipelines.core.context import ROW, PublishContext
from pipelines.core.results import MaskRecord
from pipelines.core.sql import quote_ident, quote_literal
from pipelines.core.spec.model import CatalogSpec

WHOLE = "_kanon_whole"


@dataclass
class KPlan:
    """What every partition does for k-anonymity: rungs to climb per column, classes to keep."""
    quasi_identifiers: list[str]
    steps: dict[str, int] = field(default_factory=dict)  # column → number of ladder rungs applied
    keep: str | None = None  # Parquet file of the surviving classes (generalized values)

    def as_dict(self) -> dict[str, Any]:
        """A plain dict, to hand to workers."""
        return {"quasi_identifiers": self.quasi_identifiers, "steps": self.steps, "keep": self.keep}


def present_quasi_identifiers(spec: CatalogSpec, columns: list[str]) -> list[str]:
    """The spec's quasi-identifiers still in the masked table (a dropped one no longer identifies)."""
    return [c for c in spec.quasi_identifier_names if c in columns]


def write_histogram(con: duckdb.DuckDBPyConnection, table: str, qis: list[str], path: Path) -> None:
    """Class → record count of the masked quasi-identifiers (NULL is a value of its own, as in GROUP BY)."""
    cols = ", ".join(quote_ident(c) for c in qis)
    con.execute(f"COPY (SELECT {cols}, count(*) AS _n FROM {quote_ident(table)} GROUP BY ALL) TO {quote_literal(str(path))} (FORMAT parquet)")


def plan_whole(
    ctx: PublishContext, records: list[MaskRecord], columns: list[str], rows: int, histograms: list[Path], folder: Path
) -> tuple[KPlan | None, dict[str, Any]]:
    """Run the k-anonymity search over the summed histograms: (plan for the partitions, report).

    The report is the one a single-process run puts into provenance; `records` (the merged masking
    records) are marked with the levels reached, as a single-process run marks them. Raises
    GateBlocked when k cannot be met within max_suppression: the whole release is blocked.
    """
    qis = present_quasi_identifiers(ctx.spec, columns)
    con = ctx.con
    # A table of the quasi-identifiers and nothing else, one row per record, rebuilt from the counts.
    q = ", ".join(quote_ident(c) for c in qis)
    if qis and histograms:
        listing = ", ".join(quote_literal(str(h)) for h in histograms)
        con.execute(
            f"CREATE OR REPLACE TABLE {WHOLE} AS SELECT row_number() OVER () AS {ROW}, {q} FROM ("
            f"  SELECT {q}, unnest(range(n)) FROM (SELECT {q}, sum(_n)::BIGINT AS n FROM read_parquet([{listing}]) GROUP BY ALL)"
            ")"
        )
    else:
        con.execute(f"CREATE OR REPLACE TABLE {WHOLE} AS SELECT NULL::BIGINT AS {ROW}" + "".join(f", NULL::VARCHAR AS {quote_ident(c)}" for c in qis) + " LIMIT 0")
    whole = PublishContext(spec=ctx.spec, spec_path=ctx.spec_path, extract=ctx.extract, home=ctx.home, con=con, table=WHOLE)
    try:
        report = k_anonymity_report(whole, records)
        report["rows_in"] = rows  # equal whenever classes were counted; the real count otherwise
        if not ctx.spec.privacy.k_anonymity or not qis:
            return None, report
        plan = KPlan(quasi_identifiers=qis)
        ladders = {lad.column: lad for lad in ladders_for(ctx.spec, records, qis)}
        for c, level in report.get("levels", {}).items():
            plan.steps[c] = 0 if level == "as published" else ladders[c].names().index(level) + 1
        keep = folder / "keep.parquet"
        con.execute(f"COPY (SELECT DISTINCT {', '.join(quote_ident(c) for c in qis)} FROM {WHOLE}) TO {quote_literal(str(keep))} (FORMAT parquet)")
        plan.keep = str(keep)
        return plan, report
    finally:
        con.execute(f"DROP TABLE IF EXISTS {WHOLE}")


def ladders_for(spec: CatalogSpec, records: list[MaskRecord], qis: list[str]) -> list[Ladder]:
    """The generalization ladder of each quasi-identifier, as the desensitize step builds them."""
    by_col = {r.column: r for r in records}
    out = []
    for c in qis:
        f = spec.field(c)
        rec = by_col.get(c)
        out.append(ladder_for(c, f.type, f.pii, f.label, f.format, operator=rec.operator if rec else None, params=rec.params if rec else None))
    return out


def apply_plan(con: duckdb.DuckDBPyConnection, table: str, spec: CatalogSpec, records: list[MaskRecord], plan: dict[str, Any]) -> None:
    """Generalize one partition's quasi-identifiers to the planned levels; drop rows of classes that do not survive."""
    qis: list[str] = plan["quasi_identifiers"]
    t = quote_ident(table)
    for ladder in ladders_for(spec, records, qis):
        c = quote_ident(ladder.column)
        for _, rung in ladder.rungs[: plan["steps"].get(ladder.column, 0)]:
            con.execute(f"UPDATE {t} SET {c} = {rung(c)}")
    match = " AND ".join(f"k.{quote_ident(c)} IS NOT DISTINCT FROM w.{quote_ident(c)}" for c in qis)
    con.execute(f"DELETE FROM {t} w WHERE NOT EXISTS (SELECT 1 FROM read_parquet({quote_literal(str(Path(plan['keep'])))}) k WHERE {match})")
