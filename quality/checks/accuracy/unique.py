"""`accuracy.unique`: No value of a `unique` field repeats; each repeat after the first occurrence is a failure."""

from __future__ import annotations

from typing import Any

from pipelines.core.spec.model import CatalogSpec
from pipelines.core.sql import quote_ident as q
from pipelines.core.vocab import Dimension
from quality.check import Check, Ref, RunEnv, expectation
from quality.model import MAX_EXAMPLES, Outcome, PlannedCheck, Severity


def distinct(env: RunEnv, c: str, total: int) -> int:
    """Distinct values among the `total` non-null cells of column `c`, in queries of their own.

    Not in the shared scan: there a DISTINCT aggregate cost a quarter of the whole scan at 10M
    rows (about 4 of 15 s), four times what the same count costs alone. The distinct 64-bit
    hashes are counted first (fixed-size keys, about half the time of the strings): equal values
    hash alike, so as many hashes as cells means no value repeats; only otherwise (a repeat, or
    a hash collision) are the values themselves counted.
    """
    hashes = env.con.execute(f"SELECT count(DISTINCT hash({c})) FROM {env.table} WHERE {c} IS NOT NULL").fetchall()
    if int(hashes[0][0]) == total:
        return total
    return int(env.con.execute(f"SELECT count(DISTINCT {c}) FROM {env.table}").fetchall()[0][0])


class Unique(Check):
    """No value of a `unique` field repeats; each repeat after the first occurrence is a failure."""

    key = "accuracy.unique"
    dimension = Dimension.ACCURACY
    severity = Severity.ERROR
    title = "唯一性 no duplicate values"
    template = "{failed} of {total} values repeat an earlier row ({groups} values occur more than once)"

    def plan(self, spec: CatalogSpec) -> list[PlannedCheck]:
        return [self.planned(f.name) for f in spec.fields if f.unique]

    def aggregates(self, p: PlannedCheck, env: RunEnv, ref: Ref) -> dict[str, str]:
        return {"total": f"count({q(p.column or '')})"}

    def outcome(self, p: PlannedCheck, env: RunEnv, values: dict[str, Any]) -> Outcome:
        total = int(values["total"] or 0)
        failed = total - (distinct(env, q(p.column or ""), total) if total else 0)
        if failed == 0:
            return Outcome(0, total, details={"groups": 0})
        c = q(p.column or "")
        # Only on failure: one windowed pass numbers each value's occurrences; the second
        # occurrences count the repeated values, every later one is a failing row.
        groups, rows = env.con.execute(
            f"SELECT count(*) FILTER (WHERE k = 2), min(_row, {MAX_EXAMPLES}) FILTER (WHERE k > 1) FROM "
            f"(SELECT _row, row_number() OVER (PARTITION BY {c} ORDER BY _row) AS k FROM {env.table} WHERE {c} IS NOT NULL)"
        ).fetchone() or (0, [])
        return Outcome(failed, total, sorted(rows or []), details={"groups": int(groups or 0)})

    def expectations(self, p: PlannedCheck, spec: CatalogSpec) -> list[dict[str, Any]] | str:
        return [expectation("expect_column_values_to_be_unique", p,
                            "GE counts every row of a repeated value; opendata counts the repeats after the first", column=p.column)]
