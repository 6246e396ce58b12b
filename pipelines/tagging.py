"""Open-type tagging (placeholder until the lifecycle work lands): takes the spec's open type."""

from __future__ import annotations

from pipelines.context import PublishContext
from pipelines.errors import GateBlocked
from pipelines.vocab import OpenType


def tag_step(ctx: PublishContext) -> None:
    """Tag the release general, authorized (with conditions) or refuse it as not-open."""
    if ctx.spec.open_type is OpenType.NOT_OPEN:
        raise GateBlocked(f"{ctx.spec.id}: open_type is not-open ({ctx.spec.not_open_reason}); not published")
    ctx.open_type = ctx.spec.open_type
    ctx.tag = {"open_type": ctx.open_type.value, "label": ctx.open_type.label, "conditions": ctx.spec.open_conditions}
