"""Every row, not a sample: count the cells holding identifiers in the columns published as they are.

The column sample (1,000 rows) decides what a column *is* and runs the costly name and free-text
work; it cannot prove that the other rows hold nothing personal. A resident ID pasted into row
38,112 of a column the spec publishes unmasked is published raw unless something reads that row.
So the fast detectors of `desensitize.detect.sql_rules` (ID and credit-code checksums, mobile,
bank card with Luhn, plate, e-mail) run over every row of those columns in DuckDB.

The columns are unpivoted into (column, value) rows and each detector is written once, so the SQL
does not grow with the number of columns (writing every detector per column took 9 s to plan for
250 columns of 3 rows); groups of `COLUMNS_PER_SCAN` columns bound the UNPIVOT list, one table scan
per group. Results are counts per column and kind, never values.
"""

from __future__ import annotations

from collections.abc import Sequence

import duckdb

from pipelines.core.sql import quote_ident
from pipelines.core.vocab import FindingKind

from desensitize.detect.sql_rules import SQL_RULES

COLUMNS_PER_SCAN = 256


def count_identifiers(
    con: duckdb.DuckDBPyConnection, table: str, columns: Sequence[str]
) -> dict[str, dict[FindingKind, int]]:
    """For each column, the number of rows holding each identifier kind (kinds with 0 rows left out)."""
    found: dict[str, dict[FindingKind, int]] = {}
    counts = ", ".join(f"count(*) FILTER (WHERE {rule.predicate('v')})" for rule in SQL_RULES)
    for start in range(0, len(columns), COLUMNS_PER_SCAN):
        group = list(columns[start : start + COLUMNS_PER_SCAN])
        # One (column, value) row per non-null cell: each detector is written once, whatever the
        # number of columns, so planning stays small and the work grows with the cells scanned.
        listed = ", ".join(quote_ident(c) for c in group)
        cast = ", ".join(f"CAST({quote_ident(c)} AS VARCHAR) AS {quote_ident(c)}" for c in group)
        cells = f"UNPIVOT (SELECT {cast} FROM {quote_ident(table)}) ON {listed} INTO NAME c VALUE v"  # NULLs left out
        for column, *ns in con.execute(f"SELECT c, {counts} FROM ({cells}) GROUP BY c").fetchall():
            for rule, n in zip(SQL_RULES, ns):
                if n:
                    found.setdefault(column, {})
                    found[column][rule.kind] = found[column].get(rule.kind, 0) + int(n)
    return found
