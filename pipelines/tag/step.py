"""Open-type tagging (开放办法 §5–§8): general-open, authorized-open with conditions, or not-open.

The tag comes from the spec's `open_type`, checked against what masking left:

- not-open (§5) is never published: the step raises GateBlocked, so nothing reaches `releases/`;
- personal data still at individual level after masking (a pseudonymized ID, a partly masked name,
  a row per person) may be authorized-open at most; a spec that says general is blocked with a
  message saying what to change.

The masking step reports its finding as `ctx.privacy["individual_level"]` (and, when it can, the
columns in `ctx.privacy["individual_columns"]`). When masking did not report it, the spec decides,
conservatively: `ctx.individual_by_spec`, the personal columns whose policy keeps them individual by
the masking operators' own properties (`desensitize.individual`), which the runner hands in. Without
even that, every personal column counts as individual level.
"""

from __future__ import annotations

from typing import Any

from pipelines.core.context import PublishContext
from pipelines.core.errors import GateBlocked
from pipelines.core.results import Tag
from pipelines.core.stage import Stage
from pipelines.core.spec.model import CatalogSpec
from pipelines.core.vocab import OpenType


def personal_fields(spec: CatalogSpec) -> list[str]:
    """Every personal column: the answer when neither masking nor the runner said more."""
    return [f.name for f in spec.fields if f.pii is not None and f.pii.is_personal]


def individual_level(ctx: PublishContext) -> tuple[bool, list[str], str]:
    """(still individual level?, the columns when known, where the answer came from)."""
    if "individual_level" in ctx.privacy:
        columns = ctx.privacy.get("individual_columns") or []
        return bool(ctx.privacy["individual_level"]), [str(c) for c in columns], "masking"
    columns = ctx.individual_by_spec if ctx.individual_by_spec is not None else personal_fields(ctx.spec)
    return bool(columns), list(columns), "spec"


def not_open_message(spec: CatalogSpec) -> GateBlocked:
    """The refusal of a not-open dataset, naming its §5 reason."""
    reason = spec.not_open_reason
    why = f"{reason.value} ({reason.label})" if reason else "no reason given"
    return GateBlocked(
        f"{spec.id}: open_type is not-open (不予开放, 开放办法 §5: {why}); nothing was written to releases/",
        details=[
            "data that can be opened after desensitization must be opened (§5): if masking removes what "
            "makes it not-open, change open_type to authorized (with open_conditions) or general"
        ],
    )


def tag_step(ctx: PublishContext) -> None:
    """Tag the release general, authorized (with conditions), or refuse it as not-open."""
    spec = ctx.spec
    if spec.open_type is OpenType.NOT_OPEN:
        raise not_open_message(spec)
    individual, columns, basis = individual_level(ctx)
    if individual and spec.open_type is OpenType.GENERAL:
        named = f" (columns: {', '.join(columns)})" if columns else ""
        source = "the masking step found" if basis == "masking" else "the spec's policies leave"
        raise GateBlocked(
            f"{spec.id}: the spec says open_type general (普遍开放), but {source} personal data at individual "
            f"level{named}; such data can be authorized-open (授权开放) at most (开放办法 §6, §8)",
            details=[
                "either change open_type to authorized and write open_conditions (who may apply, for what use),",
                "or mask those columns so no person can be singled out (policy drop, generalize or redact, or "
                "aggregate the data) and publish again",
            ],
        )
    ctx.open_type = spec.open_type
    ctx.tag = Tag(
        open_type=spec.open_type,
        conditions=spec.open_conditions if spec.open_type is OpenType.AUTHORIZED else None,
        individual_level=individual,
        individual_columns=columns,
        basis=basis,
    )


def tag_summary(ctx: PublishContext) -> dict[str, Any]:
    """The audit details of tagging: the open type, whether individual-level, and on what basis."""
    tag = ctx.tag.as_json() if ctx.tag else {}
    return {k: v for k, v in tag.items() if k in ("open_type", "individual_level", "basis")}


STAGE = Stage(name="tag", run=tag_step, event="tag", summary=tag_summary)
