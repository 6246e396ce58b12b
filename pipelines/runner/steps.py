"""The publication stages, in order, and running one of them. `flows.py` wraps each as a Prefect task.

Each stage module declares its `STAGE` (name, audit event, summary, whether it does I/O: see
`pipelines.core.stage`). Adding a stage means one new module and one entry in `STAGES`; the plain
runner, the Prefect flow, the partitioned runner and the audit log pick it up.
"""

from __future__ import annotations

import time
from importlib import import_module

from pipelines.core.context import PublishContext
from pipelines.core.errors import OpendataError
from pipelines.core.context import StepEvent
from pipelines.core.stage import Stage
from pipelines.store import audit

# Stage modules in publication order, imported when a publication runs, so `opendata --help` stays fast.
STAGES: list[str] = [
    "pipelines.ingest.step",
    "quality.step",
    "desensitize.step",
    "pipelines.tag.step",
    "pipelines.release.step",
]


def publish_stages() -> list[Stage]:
    """Every stage, in order (read from its module each time, so a test may replace one)."""
    return [import_module(module).STAGE for module in STAGES]


def stage(name: str) -> Stage:
    """The stage called `name`."""
    for s in publish_stages():
        if s.name == name:
            return s
    raise KeyError(name)


def finished(ctx: PublishContext, s: Stage, started: float) -> None:
    """Note in `ctx.events` that `s` finished (the audit log records the events at release or refusal)."""
    details = {"seconds": round(time.monotonic() - started, 3), **s.summary(ctx)}
    ctx.events.append(StepEvent(step=s.name, event=s.event, details=details))


def run_stage(ctx: PublishContext, s: Stage) -> None:
    """Run one stage and note it in `ctx.events`."""
    started = time.monotonic()
    s.run(ctx)
    finished(ctx, s, started)


def record_refusal(ctx: PublishContext, error: OpendataError) -> None:
    """Audit a publication that stopped on bad input or a closed gate, with the stages it finished.

    The error message is the user-facing one, which by contract carries no cell value.
    """
    done = [e.step for e in ctx.events]
    remaining = [s.name for s in publish_stages() if s.name not in done]
    details = {
        "error": type(error).__name__,
        "exit_code": error.exit_code,
        "message": error.message,
        "details": error.details[:20],
        "steps_done": done,
        "stopped_at": remaining[0] if remaining else None,
        "spec_file": ctx.spec_path.name,
        "source_file": ctx.extract.name,
        "source_sha256": ctx.source_sha256 or None,
        "flow_run_id": ctx.flow_run_id,
        "replaces": ctx.replaces,
    }
    audit.record_refusal(ctx.home, ctx.spec.id, ctx.version, ctx.events, details)
