"""What a publication stage declares about itself, so the runner, the flows and the audit log need no list of their own.

Each stage module (`pipelines/ingest/step.py`, `quality/step.py`, `desensitize/step.py`,
`pipelines/tag/step.py`, `pipelines/release/step.py`) defines `STAGE = Stage(...)`; the runner's
`pipelines.runner.steps.STAGES` names those modules in order. Adding a stage is one new module and
one entry in that list.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pipelines.core.context import PublishContext


def no_summary(ctx: PublishContext) -> dict[str, Any]:
    """The summary of a stage whose audit entry needs nothing but its duration."""
    return {}


@dataclass(frozen=True)
class Stage:
    """One step of a publication, as the runner, the Prefect flow and the audit log see it."""

    name: str  # the step name: progress bar, `steps_done`/`stopped_at` of a refusal
    run: Callable[[PublishContext], None]  # reads what earlier stages left in the context, adds its own
    event: str  # the audit-log event of a finished run of this stage
    # The audit details of a finished run: counts, hashes and names only, never a cell value.
    summary: Callable[[PublishContext], dict[str, Any]] = no_summary
    does_io: bool = False  # reads or writes files: retried on transient I/O faults
