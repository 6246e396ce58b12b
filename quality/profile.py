"""Column profile for the report's charts: null rates of every column, value distributions of a few.

Null counts come from the shared scan. Distributions are drawn only for columns that are not
personal (`pii` unset) and have few distinct values; values held by fewer than `MIN_COUNT` rows are
folded into one "other" bar, so a rare value cannot single out a record.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import duckdb

from pipelines.core.spec.model import CatalogSpec
from pipelines.core.sql import quote_ident as q

MAX_DISTINCT = 20  # columns with more distinct values get no distribution chart
TOP = 10
MIN_COUNT = 5
MAX_LABEL = 32


@dataclass
class ColumnProfile:
    """What the report shows about one release column."""

    column: str
    label: str
    type: str
    pii: str | None
    rows: int
    nulls: int
    top: list[tuple[str, int]] | None = None  # (value, rows), most frequent first
    other: int = 0  # rows in values folded away (rare or beyond the top)
    notes: list[str] = field(default_factory=list)

    @property
    def null_rate(self) -> float:
        """Share of rows with no value."""
        return 0.0 if self.rows == 0 else self.nulls / self.rows


def aggregates(spec: CatalogSpec) -> dict[str, str]:
    """Aggregates for the shared scan: non-null counts, and distinct estimates of chart candidates."""
    out: dict[str, str] = {}
    for i, f in enumerate(spec.fields):
        out[f"_p{i}_n"] = f"count({q(f.name)})"
        if f.pii is None:
            out[f"_p{i}_d"] = f"approx_count_distinct({q(f.name)})"
    return out


def build(spec: CatalogSpec, con: duckdb.DuckDBPyConnection, table: str, rows: int, values: dict[str, Any]) -> list[ColumnProfile]:
    """Profiles of every column; distributions queried only for the few eligible columns."""
    out: list[ColumnProfile] = []
    for i, f in enumerate(spec.fields):
        prof = ColumnProfile(f.name, f.label, f.type.value, f.pii.value if f.pii else None, rows, rows - int(values[f"_p{i}_n"] or 0))
        distinct = values.get(f"_p{i}_d")
        if f.pii is None and distinct is not None and 0 < int(distinct) <= MAX_DISTINCT * 2:
            _distribution(con, table, prof)
        out.append(prof)
    return out


def _distribution(con: duckdb.DuckDBPyConnection, table: str, prof: ColumnProfile) -> None:
    # approx_count_distinct is an estimate, so the exact count decides.
    counts = con.execute(
        f"SELECT {q(prof.column)} AS v, count(*) AS n FROM {q(table)} WHERE {q(prof.column)} IS NOT NULL "
        f"GROUP BY v ORDER BY n DESC, v LIMIT {MAX_DISTINCT + 1}"
    ).fetchall()
    if len(counts) > MAX_DISTINCT:
        return
    shown = [(str(v)[:MAX_LABEL], int(n)) for v, n in counts if n >= MIN_COUNT][:TOP]
    prof.top = shown
    prof.other = sum(int(n) for _, n in counts) - sum(n for _, n in shown)
    if len(shown) < len(counts):
        prof.notes.append(
            f"{len(counts) - len(shown)} values held by fewer than {MIN_COUNT} rows or beyond the top {TOP} are folded into 其他"
        )
