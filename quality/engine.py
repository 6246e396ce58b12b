"""Run a suite on the working table: one DuckDB scan for every check and the column profile.

Each check contributes per-row boolean projections and aggregates; they are prefixed per check
(`_q<i>_<name>`) and evaluated together, so the table is read once for up to `AGGREGATES_PER_SCAN`
aggregates (every ordinary spec), and once per such group for a very wide extract.
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


# Aggregates evaluated by one scan. A spec of a few dozen columns fits one scan, as before; a wide
# extract is read once per group instead of in one statement whose size (and DuckDB's memory for
# planning it: 22 GB for 5,000 columns) grows with columns × checks.
AGGREGATES_PER_SCAN = 512


def _groups(suite: Suite, env: RunEnv) -> list[tuple[list[int], dict[str, str]]]:
    """Checks (by index) and profile aggregates, in scan-sized groups, in the order of one scan."""
    groups: list[tuple[list[int], dict[str, str]]] = [([], {})]
    size = 0

    def room(n: int) -> None:
        nonlocal size
        if size and size + n > AGGREGATES_PER_SCAN:
            groups.append(([], {}))
            size = 0
        size += n

    for i, p in enumerate(suite.checks):
        room(max(1, len(registry.get(p.key).aggregates(p, env, lambda local: local))))
        groups[-1][0].append(i)
    for alias, sql in profile.aggregates(suite.spec).items():
        room(1)
        groups[-1][1][alias] = sql
    return groups


def _scan_sql(suite: Suite, env: RunEnv, indices: list[int] | None = None, extra: dict[str, str] | None = None) -> tuple[str, dict[str, tuple[int, str]]]:
    """One scan's SQL for the checks `indices` (default all) and the profile aggregates `extra` (default all)."""
    layers: list[list[str]] = []  # derived values, innermost first
    projections: list[str] = []
    # Aliases start with "_", which no release column name can (spec NAME_PATTERN), so they never clash.
    aggregates: list[str] = ["count(*) AS _n_rows"]
    owners: dict[str, tuple[int, str]] = {}  # alias -> (check index, local name)
    for i in range(len(suite.checks)) if indices is None else indices:
        p = suite.checks[i]
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
    extra = profile.aggregates(suite.spec) if extra is None else extra
    aggregates += [f"{sql} AS {alias}" for alias, sql in extra.items()]
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
    values: dict[str, Any] = {}
    owners: dict[str, tuple[int, str]] = {}
    for indices, extra in _groups(suite, env):
        sql, owned = _scan_sql(suite, env, indices, extra)
        cur = env.con.execute(sql)
        names = [d[0] for d in cur.description or []]
        values.update(zip(names, cur.fetchone() or ()))
        owners.update(owned)
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
