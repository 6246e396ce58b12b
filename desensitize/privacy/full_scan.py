"""Every row, not a sample: count the cells holding identifiers in the columns published as they are.

The column sample (1,000 rows) decides what a column *is* and runs the costly name and free-text
work; it cannot prove that the other rows hold nothing personal. A resident ID pasted into row
38,112 of a column the spec publishes unmasked is published raw unless something reads that row.
So the fast detectors of `desensitize.detect.sql_rules` (ID and credit-code checksums, mobile,
bank card with Luhn, plate, e-mail) run over every row of those columns in DuckDB.

Columns are evaluated in groups of `COLUMNS_PER_SCAN`, one table scan per group, so the query size
(and DuckDB's planning and memory) grows linearly with the number of columns instead of one
statement holding every column's expressions. Results are counts per column and kind, never values.
"""

from __future__ import annotations

from collections.abc import Sequence

import duckdb

from pipelines.vocab import FindingKind

from desensitize.detect.sql_rules import SQL_RULES

COLUMNS_PER_SCAN = 32


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def count_identifiers(
    con: duckdb.DuckDBPyConnection, table: str, columns: Sequence[str]
) -> dict[str, dict[FindingKind, int]]:
    """For each column, the number of rows holding each identifier kind (kinds with 0 rows left out)."""
    found: dict[str, dict[FindingKind, int]] = {}
    for start in range(0, len(columns), COLUMNS_PER_SCAN):
        group = list(columns[start : start + COLUMNS_PER_SCAN])
        aggregates: list[str] = []
        owners: list[tuple[str, FindingKind]] = []
        for column in group:
            cell = f"CAST({_quote(column)} AS VARCHAR)"
            for rule in SQL_RULES:
                aggregates.append(f"count(*) FILTER (WHERE {rule.predicate(cell)})")
                owners.append((column, rule.kind))
        row = con.execute(f"SELECT {', '.join(aggregates)} FROM {_quote(table)}").fetchone() or ()
        for (column, kind), n in zip(owners, row):
            if n:
                found.setdefault(column, {})
                found[column][kind] = found[column].get(kind, 0) + int(n)
    return found
