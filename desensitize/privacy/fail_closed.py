"""Fail closed: a column detected as personal, or holding free text, must have a policy in the spec.

Detection runs on the working table before anything is masked. A detected personal column (any
kind but the public company credit code; commercial secrets count) whose field has no `policy`
blocks publication, and so does a free-text column whose policy does not scan or remove it. A
spec publishes a detected column on purpose only with `policy: publish` and a written `reason`
(enforced when the spec is loaded). The messages name columns, kinds, rules and counts, never values.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pipelines.core.errors import GateBlocked
from pipelines.core.vocab import FindingKind

from desensitize.detect.columns import detect_columns
from desensitize.operators.defaults import default_policy

if TYPE_CHECKING:
    from pipelines.core.context import PublishContext

# Policies that leave nothing of a free text unscanned: scanned, removed, replaced, or published on purpose.
TEXT_SAFE_POLICIES = frozenset({"scan_text", "drop", "redact", "publish"})
# Evidence keys shown in messages and records; anything else a detector adds is left out, so a
# value can never slip through a key we did not anticipate.
_EVIDENCE_TEXT_KEYS = ("rule", "rules", "recognizer", "header_rule", "value_rule", "header_disagrees")


def safe_evidence(evidence: dict[str, Any]) -> dict[str, Any]:
    """The counts and rule names of a detection's evidence (numbers, booleans, rule identifiers)."""
    out: dict[str, Any] = {}
    for key, value in evidence.items():
        if isinstance(value, bool | int | float):
            out[key] = value
        elif key in _EVIDENCE_TEXT_KEYS and isinstance(value, str) and len(value) <= 80:
            out[key] = value
        elif key in _EVIDENCE_TEXT_KEYS and isinstance(value, list | tuple) and all(isinstance(v, str) for v in value):
            out[key] = [v for v in value if len(v) <= 80]
        elif isinstance(value, dict) and all(isinstance(v, int | float) for v in value.values()):
            # e.g. {"resident_id": 980} counts per rule or kind
            out[key] = {str(k): v for k, v in value.items() if len(str(k)) <= 40}
    return out


def _describe(evidence: dict[str, Any]) -> str:
    parts = [f"{k} {v}" for k, v in evidence.items() if not isinstance(v, dict | list)]
    parts += [f"{k} {', '.join(map(str, v))}" for k, v in evidence.items() if isinstance(v, list)]
    return "; ".join(parts)


def _suggestion(kind: FindingKind, header: str) -> str:
    policy = default_policy(kind, header) or {"operator": "publish"}
    op = policy["operator"]
    extra = "".join(f", {k}: {v}" for k, v in policy.items() if k != "operator")
    written = f"policy: {op}" if not extra else f"policy: {{operator: {op}{extra}}}"
    return (
        f"add `pii: {kind.value}` and `{written}` (or drop, redact, partial_mask, pseudonymize, generalize), "
        "or `policy: publish` with a `reason:` if the values are public on purpose"
    )


def check_detections(ctx: PublishContext, sample_size: int = 1000) -> list[dict[str, Any]]:
    """Detect every column's kind; GateBlocked naming each undeclared personal or free-text column.

    Returns the detections as records (column, kind, confidence, free_text, evidence) for provenance.
    """
    spec = ctx.spec
    present = set(ctx.columns())
    columns = {f.name: f.source_column for f in spec.fields if f.name in present}
    detections = detect_columns(ctx.con, ctx.table, columns, sample_size=sample_size)
    records: list[dict[str, Any]] = []
    problems: list[str] = []
    blocked: list[str] = []
    for d in detections:
        field = spec.field(d.column)
        evidence = safe_evidence(dict(d.evidence or {}))
        records.append(
            {
                "column": d.column,
                "kind": d.kind.value if d.kind is not None else None,
                "confidence": round(float(d.confidence), 4),
                "free_text": bool(d.free_text),
                "evidence": evidence,
                "declared_pii": field.pii.value if field.pii is not None else None,
                "policy": field.policy.operator if field.policy is not None else None,
            }
        )
        where = f"column {d.column} ({field.source_column})"
        if (d.kind is not None and not d.kind.is_public and field.policy is None) or (
            d.free_text and (field.policy is None or field.policy.operator not in TEXT_SAFE_POLICIES)
        ):
            blocked.append(d.column)
        if d.kind is not None and not d.kind.is_public and field.policy is None:
            problems.append(
                f"{where}: detected {d.kind.value} ({d.kind.label}), confidence {d.confidence:.2f}"
                + (f" [{_describe(evidence)}]" if evidence else "")
                + f" — {_suggestion(d.kind, field.source_column)}"
            )
        elif d.free_text and (field.policy is None or field.policy.operator not in TEXT_SAFE_POLICIES):
            current = f"policy {field.policy.operator}" if field.policy is not None else "no policy"
            problems.append(
                f"{where}: free text (may name people, phones or IDs inside sentences) with {current}"
                + (f" [{_describe(evidence)}]" if evidence else "")
                + " — add `policy: scan_text` (or drop/redact it)"
            )
    if problems:
        raise GateBlocked(
            f"{spec.id}: {len(problems)} column(s) hold personal data or free text the spec does not cover "
            f"({', '.join(blocked)}); nothing was published",
            details=problems,
        )
    return records
