"""Quality step (placeholder until the quality work lands): records an empty report."""

from __future__ import annotations

from pipelines.context import PublishContext


def quality_step(ctx: PublishContext) -> None:
    """Evaluate the extract's quality and block publication on critical failures."""
    ctx.quality = {"dimensions": {}, "checks": []}
