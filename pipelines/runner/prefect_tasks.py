"""Publication stages as Prefect tasks: retried only if the stage does I/O, only on I/O faults.

Privacy: the context is passed to tasks wrapped in `quote()` (Prefect neither walks nor records
it), tasks return nothing, results are never persisted and caching is off, so no value reaches
Prefect's storage, API or logs. Used by the flows of flows.py and by the partitioned flow.
"""

from __future__ import annotations

from typing import Any

import duckdb
from prefect import Task, task
from prefect.cache_policies import NO_CACHE
from prefect.client.schemas.objects import State, TaskRun
from prefect.utilities.annotations import quote

from pipelines.core.context import PublishContext
from pipelines.core.errors import OpendataError
from pipelines.core.stage import Stage
from pipelines.runner.publish import run_guarded

# Backoff between attempts (seconds); Prefect adds up to 50 % jitter so parallel runs spread out.
RETRY_DELAYS: list[float] = [1.0, 4.0, 16.0]
TRANSIENT: tuple[type[BaseException], ...] = (OSError, duckdb.IOException)


def is_transient(error: BaseException | None) -> bool:
    """True for an I/O fault worth another attempt; never for a spec, data or gate error."""
    return isinstance(error, TRANSIENT) and not isinstance(error, OpendataError)


def _retry_only_io(task_obj: Task[..., Any], task_run: TaskRun, state: State[Any]) -> bool:
    return is_transient(state.result(raise_on_failure=False))


def stage_task(stage: Stage) -> Any:
    """The Prefect task for one publication stage (retried only if it does I/O, only on I/O faults)."""
    io = stage.does_io

    def run(ctx: PublishContext) -> None:
        run_guarded(ctx, stage)

    if not io:
        return task(name=stage.name, cache_policy=NO_CACHE, persist_result=False, retries=0, log_prints=False)(run)
    return task(
        name=stage.name,
        cache_policy=NO_CACHE,
        persist_result=False,
        retries=len(RETRY_DELAYS),
        retry_delay_seconds=list(RETRY_DELAYS),
        retry_jitter_factor=0.5,
        retry_condition_fn=_retry_only_io,
        log_prints=False,
    )(run)


def run_stage_task(ctx: PublishContext, stage: Stage) -> None:
    """Run one stage as a Prefect task of the current flow, the context quoted (never recorded)."""
    stage_task(stage)(quote(ctx))
