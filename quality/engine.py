"""Run a suite on the working table: one DuckDB scan for every check and the column profile.

Each check contributes per-row boolean projections and aggregates; they are prefixed per check
(`_q<i>_<name>`) and evaluated together, so the table is read once whatever the number of checks.
A uniqueness check counts its distinct values in a query of its own (cheaper than in the shared
scan); only checks that failed make further, bounded queries (duplicates), and the examples of all
checks are fetched in one query per column, by row number, then masked before they leave this module.
"""

from __future__ import annotations

from typing import Any

from pipelines.core.spec.model import FieldSpec
from quality import display, profile, registry
from quality.model import CheckResult, Outcome, PlannedCheck
from quality.profile import ColumnProfile
from quality.check import RunEnv
from pipelines.core.sql import quote_ident as q
from quality.suite import Suite


def _scan_sql(suite: Suite, env: RunEnv) -> tuple[str, dict[str, tuple[int, str]]]:
    layers: list[list[str]] = []  # derived values, innermost first
    projections: list[str] = []
    # Aliases start with "_", which no release column name can (spec NAME_PATTERN), so they never clash.
    aggregates: list[str] = ["count(*) AS _n_rows"]
    owners: dict[str, tuple[int, str]] = {}  # alias -> (check index, local name)
    for i, p in enumerate(suite.checks):
        check = registry.get(p.key)

        def ref(local: str, i: int = i) -> str:
            return f"_q{i}_{local}"

        for depth, layer in enumerate(check.derived(p, env, ref)):
            while len(layers) <= depth:
                layers.append([])
            layers[depth] += [f"{sql} AS {ref(name)}" for name, sql in layer.items()]
        projections += [f"{sql} AS {ref(name)}" for name, sql in check.projections(p, env, ref).items()]
        for name, sql in check.aggregates(p, env, ref).items():
            alias = f"_q{i}_agg_{name}"
            aggregates.append(f"{sql} AS {alias}")
            owners[alias] = (i, name)
    aggregates += [f"{sql} AS {alias}" for alias, sql in profile.aggregates(suite.spec).items()]
    source = env.table
    for level in [*layers, projections]:
        if level:
            source = f"(SELECT *, {', '.join(level)} FROM {source})"
    return f"SELECT {', '.join(aggregates)} FROM {source}", owners


def _note(template: str, outcome: Outcome) -> str:
    if "skipped" in outcome.details:
        return f"not evaluated: {outcome.details['skipped']}"
    try:
        return template.format(failed=outcome.failed, total=outcome.total, **outcome.details)
    except (KeyError, IndexError, ValueError):
        return f"{outcome.failed} of {outcome.total} failed"


def _examples(env: RunEnv, results: list[CheckResult]) -> None:
    """Attach masked values of the first failing rows, one query per column."""
    by_column: dict[str, set[int]] = {}
    for r in results:
        if r.planned.column and r.outcome.rows:
            by_column.setdefault(r.planned.column, set()).update(r.outcome.rows)
    values: dict[str, dict[int, str | None]] = {}
    for column, rows in by_column.items():
        fetched = env.con.execute(
            f"SELECT _row, {q(column)} FROM {env.table} WHERE _row IN ({', '.join(str(int(n)) for n in sorted(rows))})"
        ).fetchall()
        f: FieldSpec = env.spec.field(column)
        values[column] = {int(n): display.mask(v, f) for n, v in fetched}
    for r in results:
        if r.planned.column in values:
            shown = values[r.planned.column]
            r.examples = [{"row": n, "value": shown.get(n)} for n in r.outcome.rows]
        elif r.outcome.rows:
            r.examples = [{"row": n, "value": None} for n in r.outcome.rows]


def run_suite(suite: Suite, env: RunEnv) -> tuple[list[CheckResult], list[ColumnProfile], int]:
    """Evaluate every planned check; return results, column profiles and the row count."""
    sql, owners = _scan_sql(suite, env)
    cur = env.con.execute(sql)
    names = [d[0] for d in cur.description or []]
    row = cur.fetchone() or ()
    values: dict[str, Any] = dict(zip(names, row))
    per_check: list[dict[str, Any]] = [{} for _ in suite.checks]
    for alias, (i, name) in owners.items():
        per_check[i][name] = values[alias]
    results: list[CheckResult] = []
    for p, vals in zip(suite.checks, per_check):
        results.append(_result(suite, env, p, vals))
    _examples(env, results)
    rows = int(values["_n_rows"])
    return results, profile.build(suite.spec, env.con, env.ctx.table, rows, values), rows


def _result(suite: Suite, env: RunEnv, p: PlannedCheck, vals: dict[str, Any]) -> CheckResult:
    check = registry.get(p.key)
    outcome = check.outcome(p, env, vals)
    accepted = suite.accepted(p)
    return CheckResult(
        planned=p,
        outcome=outcome,
        title=check.title,
        note=_note(check.template, outcome),
        accepted=accepted.reason if accepted is not None and outcome.failed else None,
    )
