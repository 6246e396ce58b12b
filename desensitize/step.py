"""The desensitize step: fail closed on undeclared personal data, mask every column, enforce k-anonymity.

Order, and why:
1. Policies are resolved against their columns (a spec error stops the run before data is read).
2. Every column is classified; an undeclared personal or free-text column blocks publication. Meanwhile a large
   free-text column's first texts are already masked, in memory, by helper processes (`begin_early`): this check
   is seconds of one core at a million rows. What they masked is dropped if the check blocks, and masked again if
   it finds a name column the spec did not declare (its names are looked for in the text too).
3. The pseudonym key is loaded if a policy needs it (blocked, with how to set one, if none is set).
4. All policies are applied in one DuckDB statement (`operators.apply`); free text is scanned in
   Arrow batches; rows selected by `suppress_record` are removed.
5. k-anonymity generalizes and suppresses over the spec's quasi-identifiers.
Results go to `ctx.masking` (one record per column: operator, parameters, counts) and
`ctx.privacy` (k-anonymity report, detections, individual level) — counts only, never values.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from pipelines.core.context import PublishContext
from pipelines.core.errors import GateBlocked
from pipelines.core.results import MaskRecord
from pipelines.core.stage import Stage
from pipelines.core.vocab import FieldType, FindingKind

from desensitize import keys
from desensitize.individual import is_personal, leaves_individual
from desensitize.operators.apply import NO_POLICY, ColumnPolicy, apply_policies, begin_early, resolve_policies
from desensitize.operators.base import MaskEnv
from pipelines.core.sql import quote_ident as ident
from desensitize.privacy.fail_closed import check_detections
from desensitize.privacy.kanon import enforce_k_anonymity
from desensitize.privacy.ladders import ladder_for

def desensitize_step(ctx: PublishContext) -> None:
    """Mask every column as its policy says; block when that cannot be done safely."""
    spec = ctx.spec
    policies = resolve_policies(spec)
    env = MaskEnv(con=ctx.con, table=ctx.table)
    declared: list[str] | None = None  # the declared name columns, where free text is scanned for names
    if any(p.key == "scan_text" for p in policies):
        # Their names now, so free text can begin to be masked in helper processes while every column is checked
        # (`begin_early`); begun again from the start if the check finds another name column.
        declared = _name_columns(policies, {})
        env.known_names = _known_names(ctx, declared)
        begin_early(env, policies)
    try:
        done = _check_and_mask(ctx, env, policies, declared)
    finally:
        env.close_head_starts()
        env.known_names = []
    ctx.masking.extend(done.records)

    ctx.privacy = {
        **k_anonymity_report(ctx, done.records),
        "individual_level": False,
        "individual_columns": [],
        "detections": done.detections,
        "rows_suppressed_by_policy": done.rows_suppressed,
    }
    individual = _individual_columns(policies, done.records, done.detected)
    ctx.privacy["individual_level"] = bool(individual)
    ctx.privacy["individual_columns"] = individual


class _Checked(NamedTuple):
    """What steps 2–4 leave: the masking records, the detections' records, the kind detected per column, and the
    rows the policies removed."""

    records: list[MaskRecord]
    detections: list[dict[str, Any]]
    detected: dict[str, str]
    rows_suppressed: int


def _check_and_mask(
    ctx: PublishContext, env: MaskEnv, policies: list[ColumnPolicy], declared: list[str] | None
) -> _Checked:
    """Steps 2–4: classify every column (blocking on undeclared personal data), load the key, mask. `declared`: the
    name columns whose names `env` holds for the text scan (None: no text is scanned)."""
    spec = ctx.spec
    detections = check_detections(ctx)
    detected = {d["column"]: d["kind"] for d in detections if d["kind"]}

    if any(p.operator is not None and p.operator.needs_key for p in policies):
        try:
            key = keys.load_key(ctx.home.root)  # blocked before any value is changed
        except GateBlocked as exc:
            raise GateBlocked(f"{spec.id}: {exc.message}", details=exc.details) from None
        if keys.key_id(key) == keys.DEV_KEY_ID:
            ctx.warnings.append(
                f"pseudonyms and fakes use the public development key ({keys.ENV_DEV_KEY}=1): "
                f"they protect nothing; set {keys.ENV_KEY} or {keys.ENV_KEY_FILE} for a real release"
            )
        env.key_loader = lambda: key  # noqa: E731 - the key stays in this closure, never in a record

    if declared is not None:
        found = _name_columns(policies, detected)
        if found != declared:  # a name column found, not declared: its names count too
            env.known_names = _known_names(ctx, found)
    rows_in = ctx.row_count()
    records = apply_policies(env, policies)
    return _Checked(records, detections, detected, rows_in - ctx.row_count())


def _name_columns(policies: list[ColumnPolicy], detected: dict[str, str]) -> list[str]:
    """The person-name columns, declared or detected, whose names the text scan looks for."""
    # Only structured name columns: a free-text column (scan_text) may be declared `pii: person_name`
    # because it mentions people, but its whole values are sentences, not names.
    return [
        p.column.name for p in policies
        if p.key != "scan_text"
        and (p.column.pii is FindingKind.PERSON_NAME or detected.get(p.column.name) == FindingKind.PERSON_NAME.value)
    ]


def _known_names(ctx: PublishContext, cols: list[str]) -> list[str]:
    """Distinct values of the columns `cols`: in memory, for the text scan."""
    if not cols:
        return []
    union = " UNION ".join(
        f"SELECT DISTINCT {ident(c)} AS v FROM {ident(ctx.table)} WHERE {ident(c)} IS NOT NULL" for c in cols
    )
    return [r[0] for r in ctx.con.execute(union).fetchall()]


def k_anonymity_report(ctx: PublishContext, records: list[MaskRecord]) -> dict[str, Any]:
    """Run k-anonymity when the spec asks for it; mark generalized columns' new type in their records."""
    spec = ctx.spec
    k = spec.privacy.k_anonymity
    present = set(ctx.columns())
    qis = [c for c in spec.quasi_identifier_names if c in present]
    rows_in = ctx.row_count()
    if not k or not qis:
        return {
            "k": k,
            "quasi_identifiers": qis,
            "rows_in": rows_in,
            "suppressed_rows": 0,
            "suppression_rate": 0.0,
            "max_risk": None,
            "records_at_risk_share": None,
            "generalizations": [],
        }
    by_col = {r.column: r for r in records}
    ladders = []
    for c in qis:
        f = spec.field(c)
        rec = by_col.get(c)
        ladders.append(
            ladder_for(c, f.type, f.pii, f.label, f.format,
                       operator=rec.operator if rec else None, params=rec.params if rec else None)
        )
    result = enforce_k_anonymity(ctx.con, ctx.table, ladders, k, spec.privacy.max_suppression, dataset=spec.id)
    for c, level in result.levels.items():
        if level != "as published":
            as_text = spec.field(c).type is not FieldType.STRING
            by_col[c].generalized(level, FieldType.STRING.value if as_text else None)
    report = result.report()
    report["dropped_quasi_identifiers"] = [c for c in spec.quasi_identifier_names if c not in present]
    return report


def _individual_columns(
    policies: list[ColumnPolicy], records: list[MaskRecord], detected: dict[str, str]
) -> list[str]:
    """Personal columns still published value-per-person (pseudonymized, partly masked, faked, unmasked)."""
    out = []
    for p in policies:
        kind = p.column.pii
        if kind is None and p.column.name in detected:
            kind = FindingKind(detected[p.column.name])
        if not is_personal(kind):
            continue
        if leaves_individual(None if p.key == NO_POLICY else p.key, masked=True):
            out.append(p.column.name)
    return out


# Keys of a masking record that describe what was done; anything else (a sample, a value) stays out.
_MASK_KEYS = ("column", "operator", "kind", "rule", "recognizer", "type")


def mask_summary(ctx: PublishContext) -> dict[str, Any]:
    """The audit details of masking: per column what was done and how often; privacy facts as numbers."""
    columns = []
    for record in (r.as_json() for r in ctx.masking):
        kept = {k: record[k] for k in _MASK_KEYS if k in record and isinstance(record[k], (str, type(None)))}
        kept |= {k: v for k, v in record.items() if isinstance(v, (int, float)) and not isinstance(v, bool)}
        columns.append(kept)
    privacy = {k: v for k, v in ctx.privacy.items() if isinstance(v, (bool, int, float))}
    return {"columns": columns, "privacy": privacy}


STAGE = Stage(name="desensitize", run=desensitize_step, event="mask", summary=mask_summary)
