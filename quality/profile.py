"""Column profile for the report's charts: null rates of every column, value distributions of a few.

Null counts come from the shared scan. Distributions are drawn only for columns published as they
are (no `pii`, no `policy`) that have few distinct values; values held by fewer than `MIN_COUNT` rows
are folded into one "other" bar, so a rare value cannot single out a record.

Why not at all, rather than after masking, for a column with a policy (personal, `scan_text` free
text, dropped, generalized ...): quality runs on the extract *before* masking, so its values are the
raw ones, and a sentence repeated often enough to chart may name a person. The release itself shows
what masking made of such a column; its distribution of masked values would tell a reader nothing
about the extract's quality that the null rate and the checks do not.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import duckdb

from pipelines.core.spec.model import CatalogSpec, FieldSpec
from pipelines.core.sql import quote_ident as q
from quality.display import shows_label

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


def charted(f: FieldSpec) -> bool:
    """Whether a column may get a value distribution: only one published as it is (see the module notes)."""
    return f.pii is None and f.policy is None


def aggregates(spec: CatalogSpec) -> dict[str, str]:
    """Aggregates for the shared scan: non-null counts, and distinct estimates of chart candidates."""
    out: dict[str, str] = {}
    for i, f in enumerate(spec.fields):
        out[f"_p{i}_n"] = f"count({q(f.name)})"
        if charted(f):
            out[f"_p{i}_d"] = f"approx_count_distinct({q(f.name)})"
    return out


COLUMNS_PER_QUERY = 256  # distributions of this many columns come from one query


def build(spec: CatalogSpec, con: duckdb.DuckDBPyConnection, table: str, rows: int, values: dict[str, Any]) -> list[ColumnProfile]:
    """Profiles of every column; distributions queried only for the few eligible columns."""
    out: list[ColumnProfile] = []
    eligible: list[ColumnProfile] = []
    for i, f in enumerate(spec.fields):
        prof = ColumnProfile(f.name, f.label, f.type.value, f.pii.value if f.pii else None, rows, rows - int(values[f"_p{i}_n"] or 0))
        distinct = values.get(f"_p{i}_d")
        if charted(f) and distinct is not None and 0 < int(distinct) <= MAX_DISTINCT * 2:
            eligible.append(prof)
        out.append(prof)
    for start in range(0, len(eligible), COLUMNS_PER_QUERY):
        _distributions(con, table, eligible[start : start + COLUMNS_PER_QUERY])
    return out


def _distributions(con: duckdb.DuckDBPyConnection, table: str, profs: list[ColumnProfile]) -> None:
    # approx_count_distinct is an estimate, so the exact count decides. One query for many columns
    # (unpivoted to column, value rows), not one per column: a query per column made a wide extract's
    # cost grow with columns × table width.
    cast = ", ".join(f"CAST({q(p.column)} AS VARCHAR) AS {q(p.column)}" for p in profs)
    cells = f"UNPIVOT (SELECT {cast} FROM {q(table)}) ON {', '.join(q(p.column) for p in profs)} INTO NAME c VALUE v"
    counted = (
        f"SELECT c, v, count(*) AS n, row_number() OVER (PARTITION BY c ORDER BY count(*) DESC, v) AS k "
        f"FROM ({cells}) GROUP BY c, v"
    )
    by_column: dict[str, list[tuple[Any, int]]] = {}
    for c, v, n, _ in con.execute(f"SELECT * FROM ({counted}) WHERE k <= {MAX_DISTINCT + 1} ORDER BY c, k").fetchall():
        by_column.setdefault(c, []).append((v, int(n)))
    for prof in profs:
        _distribution(prof, by_column.get(prof.column, []))


def _distribution(prof: ColumnProfile, counts: list[tuple[Any, int]]) -> None:
    if len(counts) > MAX_DISTINCT:
        return
    # A frequent value that looks like an identifier (a long digit run, an @) is folded away too:
    # `opendata quality` writes its report even for an extract the privacy gate would block.
    hidden = sum(1 for v, n in counts if n >= MIN_COUNT and not shows_label(str(v)))
    shown = [(str(v)[:MAX_LABEL], int(n)) for v, n in counts if n >= MIN_COUNT and shows_label(str(v))][:TOP]
    prof.top = shown
    prof.other = sum(int(n) for _, n in counts) - sum(n for _, n in shown)
    if len(shown) < len(counts):
        prof.notes.append(
            f"{len(counts) - len(shown)} values held by fewer than {MIN_COUNT} rows or beyond the top {TOP} are folded into 其他"
            + (f" ({hidden} shaped like an identifier)" if hidden else "")
        )
