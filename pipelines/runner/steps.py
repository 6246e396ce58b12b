"""The publication steps, in order. `flows.py` wraps each as a Prefect task; tests call them directly.

Adding a stage means adding one entry here; the flow, the CLI and the tests pick it up.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from importlib import import_module

from pipelines.core.context import PublishContext
from pipelines.core.errors import OpendataError

Step = Callable[[PublishContext], None]

# (name, "module:function"), resolved lazily so `opendata --help` stays fast.
PUBLISH_STEPS: list[tuple[str, str]] = [
    ("ingest", "pipelines.ingest.step:ingest_step"),
    ("quality", "quality.step:quality_step"),
    ("desensitize", "desensitize.step:desensitize_step"),
    ("tag", "pipelines.tag.step:tag_step"),
    ("release", "pipelines.release.step:release_step"),
]


def resolve(target: str) -> Step:
    """Import `module:function`."""
    module, _, name = target.partition(":")
    return getattr(import_module(module), name)  # type: ignore[no-any-return]


def run_step(ctx: PublishContext, name: str, target: str) -> None:
    """Run one step and note it in `ctx.events` (the audit log records them at release)."""
    started = time.monotonic()
    resolve(target)(ctx)
    ctx.events.append({"event": name, "seconds": round(time.monotonic() - started, 3)})


def record_refusal(ctx: PublishContext, error: OpendataError) -> None:
    """Audit a publication that stopped on bad input or a closed gate (its message has no values)."""
    from pipelines.store.audit import record_refusal as audit_refusal

    audit_refusal(ctx, error)
