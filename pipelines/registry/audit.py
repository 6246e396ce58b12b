"""The audit log (placeholder until the lifecycle work lands: a hash-chained, append-only table)."""

from __future__ import annotations

from pipelines.context import PublishContext
from pipelines.errors import OpendataError


def record_refusal(ctx: PublishContext, error: OpendataError) -> None:
    """Audit a publication refused for bad input or a closed gate."""
