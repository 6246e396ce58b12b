"""Apply the spec's policies to the working table in one SQL pass, and record what changed per column."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from pipelines.core.errors import SpecError
from pipelines.core.results import MaskRecord

from desensitize.operators.base import ColumnInput, ColumnPlan, MaskEnv, Operator, OperatorParams
from pipelines.core.sql import quote_ident as ident
from desensitize.operators.registry import get_operator

if TYPE_CHECKING:
    from pipelines.core.spec.model import CatalogSpec

NO_POLICY = "none"
# Up to this many masked columns, the change flags are dropped one ALTER at a time (no copy of a
# long table); beyond it, the table is copied once without them (see `apply_policies`).
DROP_ONE_BY_ONE = 64


@dataclass(frozen=True)
class ColumnPolicy:
    """One spec field with its operator and validated parameters (operator None: published as is)."""

    column: ColumnInput
    key: str
    operator: Operator | None
    params: OperatorParams | None
    reason: str | None = None


def resolve_policies(spec: CatalogSpec) -> list[ColumnPolicy]:
    """Every field's policy, validated against its column; SpecError (before any data is read) if one cannot apply."""
    out: list[ColumnPolicy] = []
    problems: list[str] = []
    bad: list[str] = []
    for f in spec.fields:
        col = ColumnInput(name=f.name, type=f.type, pii=f.pii, format=f.format, label=f.label)
        if f.policy is None:
            out.append(ColumnPolicy(col, NO_POLICY, None, None))
            continue
        op = get_operator(f.policy.operator)
        params = op.parse(f.policy.params)
        problem = op.check_column(params, col)
        if problem:
            problems.append(f"fields.{f.name}: {problem}")
            bad.append(f.name)
        out.append(ColumnPolicy(col, op.key, op, params, f.policy.reason))
    if problems:
        raise SpecError(f"{spec.id}: policies that cannot apply to their columns ({', '.join(bad)})", details=problems)
    return out


def _bound(sql: str, params: dict[str, Any]) -> dict[str, Any]:
    # DuckDB refuses named parameters the statement does not use.
    return {k: v for k, v in params.items() if f"${k}" in sql}


def begin_early(env: MaskEnv, policies: list[ColumnPolicy]) -> None:
    """Let the first operator with slow work begin it now (`Operator.head_start`), while the step checks the
    extract; one only: each would start helper processes of its own on the same cores."""
    for p in policies:
        if p.operator is not None and p.params is not None:
            begun = p.operator.head_start(p.params, p.column, env)
            if begun is not None:
                env.head_starts[p.column.name] = begun
                return


def apply_policies(env: MaskEnv, policies: list[ColumnPolicy]) -> list[MaskRecord]:
    """Mask `env.table` in place (drop, mask, suppress rows) and return one record per column.

    Records hold the operator, its resolved parameters (never key material), cells changed, rows
    suppressed, per-kind detection counts for free text, and `type: string` where the masked values
    no longer fit the declared type.
    """
    con, table = env.con, env.table
    plans: list[tuple[ColumnPolicy, ColumnPlan]] = []
    for p in policies:
        if p.operator is None or p.params is None:
            plans.append((p, ColumnPlan(expr=p.column.ref)))
        else:
            plans.append((p, p.operator.plan(p.params, p.column, env)))

    kept = [(p, plan) for p, plan in plans if plan.expr is not None]
    # Each masked value beside its original (`__orig_i`), so one pass both masks and counts changed cells:
    # no second join of the masked table to the original (a 10M × 10M hash join that spills).
    inner = ", ".join(
        ["t._row"]
        + [f"{plan.expr} AS {ident(p.column.name)}" for p, plan in kept]
        + [f'{p.column.ref} AS "__orig_{i}"' for i, (p, _) in enumerate(kept)]
    )
    flags = [f'(m.{ident(p.column.name)} IS DISTINCT FROM m."__orig_{i}") AS "__chg_{i}"' for i, (p, _) in enumerate(kept)]
    select = ", ".join(["m._row"] + [f"m.{ident(p.column.name)}" for p, _ in kept] + flags)
    joins = " ".join(f"LEFT JOIN {ident(j.table)} {j.alias} ON {j.on}" for _, plan in plans for j in plan.joins)
    conditions = [plan.suppress_when for _, plan in plans if plan.suppress_when]
    where = f"WHERE NOT ({' OR '.join(conditions)})" if conditions else ""
    sql_params: dict[str, Any] = {}
    for _, plan in plans:
        sql_params.update(plan.sql_params)

    masked = "_masked"
    t = ident(table)
    source = t
    if env.precomputed:
        pre = ", ".join(f'{expr} AS "__pre_{i}"' for i, expr in enumerate(env.precomputed))
        source = f"(SELECT t.*, {pre} FROM {t} t)"
    # No ORDER BY: rows leave the joins in any order, and the release writer is the one place that
    # sorts by `_row` (each sort of a 10M-row table spills to disk; four of them cost more than masking).
    sql = f"CREATE OR REPLACE TABLE {masked} AS SELECT {select} FROM (SELECT {inner} FROM {source} t {joins} {where}) m"
    con.execute(sql, _bound(sql, sql_params))

    # Counts only: per column, cells whose published value differs from the extract's, and rows removed.
    changed_sql = ", ".join(f'count(*) FILTER (WHERE "__chg_{i}")' for i in range(len(kept)))
    changed = con.execute(f"SELECT {changed_sql or '0'} FROM {masked}").fetchone() or ()
    if len(kept) <= DROP_ONE_BY_ONE:
        for i in range(len(kept)):
            con.execute(f'ALTER TABLE {masked} DROP COLUMN "__chg_{i}"')
    else:
        # Each ALTER rewrites the catalog entry of every column of the table, so N drops on a wide
        # table cost N² (1,000 columns: 5 s); one copy without the flags is linear in the columns.
        kept_list = ", ".join(["_row"] + [ident(p.column.name) for p, _ in kept])
        con.execute(f"CREATE OR REPLACE TABLE {masked} AS SELECT {kept_list} FROM {masked}")
    dropped = [p for p, plan in plans if plan.expr is None]
    stats_sql = ", ".join(
        [f"count(t.{ident(p.column.name)})" for p in dropped]
        + [f"count(*) FILTER (WHERE {plan.suppress_when})" for _, plan in plans if plan.suppress_when]
    )
    stats = list(con.execute(f"SELECT {stats_sql} FROM {t} t").fetchone() or ()) if stats_sql else []
    dropped_cells = dict(zip((p.column.name for p in dropped), stats[: len(dropped)]))
    suppressed = iter(stats[len(dropped):])
    changed_by_col = dict(zip((p.column.name for p, _ in kept), changed))

    con.execute(f"DROP TABLE {t}")
    con.execute(f"ALTER TABLE {masked} RENAME TO {t}")
    for name in env.temp_tables:
        con.execute(f"DROP TABLE IF EXISTS {ident(name)}")
    env.temp_tables.clear()
    env.precomputed.clear()

    records: list[MaskRecord] = []
    for p, plan in plans:
        name = p.column.name
        records.append(MaskRecord(
            column=name,
            operator=p.key,
            params=plan.params_record,
            cells_changed=int(dropped_cells[name] if plan.expr is None else changed_by_col[name]),
            rows_suppressed=int(next(suppressed)) if plan.suppress_when else 0,
            detections=plan.detections,
            reason=p.reason or None,
            type=plan.out_type.value if plan.out_type is not None and plan.out_type is not p.column.type else None,
        ))
    return records
