"""The publication steps, in order. `flows.py` wraps each as a Prefect task; tests call them directly.

Adding a stage means adding one entry here; the flow, the CLI and the tests pick it up.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module

from pipelines.context import PublishContext

Step = Callable[[PublishContext], None]

# (name, "module:function"), resolved lazily so `opendata --help` stays fast.
PUBLISH_STEPS: list[tuple[str, str]] = [
    ("ingest", "pipelines.ingest.step:ingest_step"),
    ("quality", "quality.step:quality_step"),
    ("desensitize", "desensitize.step:desensitize_step"),
    ("tag", "pipelines.tagging:tag_step"),
    ("release", "pipelines.release.step:release_step"),
]


def resolve(target: str) -> Step:
    """Import `module:function`."""
    module, _, name = target.partition(":")
    return getattr(import_module(module), name)  # type: ignore[no-any-return]


def run_steps(ctx: PublishContext, steps: list[tuple[str, str]] | None = None) -> PublishContext:
    """Run every step in order without Prefect (the plain engine)."""
    for _, target in steps or PUBLISH_STEPS:
        resolve(target)(ctx)
    return ctx
