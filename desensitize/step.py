"""Desensitization step (placeholder until the masking work lands): fails closed.

Until real operators exist, every column with a policy other than `publish` is dropped, and a spec
with free text or k-anonymity is blocked: nothing personal can leave through this placeholder.
"""

from __future__ import annotations

from pipelines.context import PublishContext
from pipelines.errors import GateBlocked


def desensitize_step(ctx: PublishContext) -> None:
    """Mask every column as its policy says; block when that cannot be done safely."""
    if ctx.spec.privacy.k_anonymity:
        raise GateBlocked(f"{ctx.spec.id}: k-anonymity is not implemented yet; publication blocked")
    for f in ctx.spec.fields:
        if f.policy is not None and f.policy.operator != "publish":
            ctx.con.execute(f'ALTER TABLE "{ctx.table}" DROP COLUMN "{f.name}"')
            ctx.masking.append({"column": f.name, "operator": "drop", "cells": ctx.source_rows})
