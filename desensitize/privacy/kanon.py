"""k-anonymity: generalize quasi-identifiers step by step, then suppress the rows of small classes.

The search is Datafly's (Sweeney 1998): while more records sit in classes smaller than k than the
spec allows to suppress, generalize the quasi-identifier with the most distinct values one rung
up its ladder; then suppress the rows of the classes still smaller than k. Class sizes are
computed in DuckDB with GROUP BY over a side table holding each quasi-identifier at its current
rung, so a step recomputes only the column it generalizes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from pipelines.core.errors import GateBlocked

from pipelines.core.sql import quote_ident as ident
from desensitize.privacy.ladders import Ladder

if TYPE_CHECKING:
    import duckdb

_WORK = "_kanon_levels"


@dataclass
class KAnonymityResult:
    """What k-anonymity did and the risk left (counts and shares only, never values)."""

    k: int
    quasi_identifiers: list[str]
    rows_in: int
    suppressed_rows: int
    suppression_rate: float
    max_risk: float  # highest 1/class size after suppression
    max_risk_before: float  # the same on the masked data before generalization
    records_at_risk_share: float  # share of records in classes < k before generalization and suppression
    classes: int
    smallest_class: int
    generalizations: list[dict[str, Any]] = field(default_factory=list)
    levels: dict[str, str] = field(default_factory=dict)  # column → final level name ("as published" if none)

    def report(self) -> dict[str, Any]:
        """The JSON-ready report that goes into provenance."""
        return {
            "k": self.k,
            "quasi_identifiers": self.quasi_identifiers,
            "rows_in": self.rows_in,
            "suppressed_rows": self.suppressed_rows,
            "suppression_rate": round(self.suppression_rate, 6),
            "max_risk": round(self.max_risk, 6),
            "max_risk_before": round(self.max_risk_before, 6),
            "records_at_risk_share": round(self.records_at_risk_share, 6),
            "classes": self.classes,
            "smallest_class": self.smallest_class,
            "generalizations": self.generalizations,
            "levels": self.levels,
        }


def _class_stats(con: duckdb.DuckDBPyConnection, qis: list[str], k: int) -> tuple[int, int, int]:
    """(records in classes smaller than k, number of classes, smallest class size)."""
    group = ", ".join(ident(c) for c in qis)
    row = con.execute(
        f"WITH c AS (SELECT count(*) AS n FROM {_WORK} GROUP BY {group}) "
        f"SELECT coalesce(sum(n) FILTER (WHERE n < {k}), 0), count(*), coalesce(min(n), 0) FROM c"
    ).fetchone()
    assert row is not None
    return int(row[0]), int(row[1]), int(row[2])


def _distinct_counts(con: duckdb.DuckDBPyConnection, qis: list[str]) -> dict[str, int]:
    sel = ", ".join(f"count(DISTINCT {ident(c)})" for c in qis)
    row = con.execute(f"SELECT {sel} FROM {_WORK}").fetchone()
    assert row is not None
    return {c: int(n) for c, n in zip(qis, row)}


def enforce_k_anonymity(
    con: duckdb.DuckDBPyConnection,
    table: str,
    ladders: list[Ladder],
    k: int,
    max_suppression: float,
    dataset: str = "dataset",
) -> KAnonymityResult:
    """Make `table` k-anonymous over the ladders' columns, in place; GateBlocked if k needs more suppression than allowed."""
    qis = [lad.column for lad in ladders]
    by_col = {lad.column: lad for lad in ladders}
    t = ident(table)
    n_rows = int(con.execute(f"SELECT count(*) FROM {t}").fetchone()[0])  # type: ignore[index]
    con.execute(f"CREATE OR REPLACE TEMP TABLE {_WORK} AS SELECT _row, {', '.join(ident(c) for c in qis)} FROM {t}")
    try:
        at_risk, classes, smallest = _class_stats(con, qis, k)
        result = KAnonymityResult(
            k=k,
            quasi_identifiers=qis,
            rows_in=n_rows,
            suppressed_rows=0,
            suppression_rate=0.0,
            max_risk=0.0,
            max_risk_before=1.0 / smallest if smallest else 0.0,
            records_at_risk_share=at_risk / n_rows if n_rows else 0.0,
            classes=classes,
            smallest_class=smallest,
            levels={c: "as published" for c in qis},
        )
        level = {c: 0 for c in qis}
        allowed = max_suppression * n_rows
        distinct = _distinct_counts(con, qis)
        while at_risk > allowed:
            open_qis = [c for c in qis if level[c] < len(by_col[c].rungs)]
            if not open_qis:
                break
            # Datafly: generalize the attribute with the most distinct values.
            col = max(open_qis, key=lambda c: (distinct[c], -qis.index(c)))
            before = distinct[col]
            # Climb until the column actually gets coarser (a rung may be a no-op for values
            # already at that level, e.g. year_month on values masked to year).
            while level[col] < len(by_col[col].rungs):
                name, rung = by_col[col].rungs[level[col]]
                level[col] += 1
                c = ident(col)
                con.execute(f"UPDATE {_WORK} SET {c} = {rung(c)}")
                distinct[col] = _distinct_counts(con, [col])[col]
                if distinct[col] < before:
                    break
            result.levels[col] = name
            at_risk, classes, smallest = _class_stats(con, qis, k)
            result.generalizations.append(
                {"column": col, "level": name, "distinct_before": before, "distinct_after": distinct[col],
                 "records_at_risk_after": at_risk}
            )
        if at_risk > allowed:
            rate = at_risk / n_rows
            reached = ", ".join(f"{c}: {result.levels[c]}" for c in qis)
            raise GateBlocked(
                f"{dataset}: k-anonymity k={k} over quasi-identifiers ({', '.join(qis)}) cannot be met within "
                f"max_suppression {max_suppression:.1%}: {rate:.1%} of records ({at_risk} of {n_rows}) remain in "
                f"classes smaller than {k} even after generalizing to ({reached})",
                details=[
                    "raise privacy.max_suppression, drop or generalize a quasi-identifier in its policy, "
                    "lower k, or publish as authorized-open with a smaller extract"
                ],
            )
        _materialize(con, table, qis, k)
        kept = int(con.execute(f"SELECT count(*) FROM {t}").fetchone()[0])  # type: ignore[index]
        final_classes, final_smallest = con.execute(
            f"WITH c AS (SELECT count(*) AS n FROM {t} GROUP BY {', '.join(ident(c) for c in qis)}) "
            "SELECT count(*), coalesce(min(n), 0) FROM c"
        ).fetchone()  # type: ignore[misc]
        result.suppressed_rows = n_rows - kept
        result.suppression_rate = result.suppressed_rows / n_rows if n_rows else 0.0
        result.classes = int(final_classes)
        result.smallest_class = int(final_smallest)
        result.max_risk = 1.0 / result.smallest_class if result.smallest_class else 0.0
        return result
    finally:
        con.execute(f"DROP TABLE IF EXISTS {_WORK}")


def _materialize(con: duckdb.DuckDBPyConnection, table: str, qis: list[str], k: int) -> None:
    """Replace the table's quasi-identifiers by their generalized values and drop rows of classes < k."""
    t = ident(table)
    cols = [r[0] for r in con.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name = ? ORDER BY ordinal_position", [table]
    ).fetchall()]
    select = ", ".join(f"g.{ident(c)} AS {ident(c)}" if c in qis else f"w.{ident(c)}" for c in cols)
    con.execute(
        f"CREATE OR REPLACE TABLE {t} AS SELECT {select} FROM ("
        f"  SELECT *, count(*) OVER (PARTITION BY {', '.join(ident(c) for c in qis)}) AS _class_n FROM {_WORK}"
        f") g JOIN {t} w USING (_row) WHERE g._class_n >= {k}"  # unordered: the release writer sorts once
    )
