"""The Prefect flow of a partitioned publication: masking on a Dask cluster, the rest here.

    from pipelines.runner.scaleout.flow import publish_partitioned, dask_runner
    publish_partitioned.with_options(task_runner=dask_runner("tcp://scheduler:8786"))(
        "catalog_specs/x.yaml", partitions=16, scratch="/shared/opendata-scratch")

Without an address (and without `$OPENDATA_DASK_ADDRESS`) the runner starts a local cluster of
`$OPENDATA_DASK_WORKERS` (default 2) worker processes. The ingest, quality, tag and release steps
run as tasks in the flow's own process (they need its working database); each partition's two
passes are tasks on the Dask workers, taking and returning only paths, the spec and counts.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from prefect import Task, flow, task
from prefect.client.schemas.objects import State, TaskRun
from prefect.cache_policies import NO_CACHE
from prefect.runtime import flow_run
from prefect_dask import DaskTaskRunner

from pipelines.core.errors import OpendataError
from pipelines.runner.prefect_tasks import RETRY_DELAYS, is_transient, run_stage_task
from pipelines.runner.publish import publication
from pipelines.runner.scaleout.run import run_steps
from pipelines.runner.steps import record_refusal


def dask_runner(address: str | None = None, n_workers: int | None = None) -> DaskTaskRunner:
    """A Dask task runner on the cluster at `address`, else on a new local cluster of worker processes."""
    address = address or os.environ.get("OPENDATA_DASK_ADDRESS") or None
    if address:
        return DaskTaskRunner(address=address)
    workers = n_workers or int(os.environ.get("OPENDATA_DASK_WORKERS", "2"))
    return DaskTaskRunner(cluster_kwargs={"n_workers": workers, "processes": True, "threads_per_worker": 1})


def _retry_io(task_obj: Task[..., Any], task_run: TaskRun, state: State[Any]) -> bool:
    return is_transient(state.result(raise_on_failure=False))


def prefect_mapper(fn: Callable[..., Any], calls: list[dict[str, Any]]) -> list[Any]:
    """Submit one task per call to the flow's task runner (the Dask cluster); results in order."""
    as_task = task(
        name=fn.__name__.replace("_", "-"),
        cache_policy=NO_CACHE,
        persist_result=False,
        retries=len(RETRY_DELAYS),
        retry_delay_seconds=list(RETRY_DELAYS),
        retry_condition_fn=_retry_io,
        log_prints=False,
    )(fn)
    futures = [as_task.submit(**kw) for kw in calls]
    return [f.result() for f in futures]


@flow(name="publish-partitioned", persist_result=False, log_prints=False, task_runner=dask_runner())  # type: ignore[arg-type]
def publish_partitioned(
    spec_path: str,
    input_path: str | None = None,
    home: str | None = None,
    partitions: int = 4,
    scratch: str | None = None,
    replaces: str | None = None,
    actor: str = "prefect",
) -> str:
    """Publish one spec with its masking split into `partitions` row ranges; returns the release folder.

    The release equals the one `publish-dataset` writes (k-anonymity is planned over the whole).
    `scratch` must be a folder every worker can read and write (default `$OPENDATA_SCRATCH`, else
    the OS temp folder, which only a local cluster shares).
    """
    with publication(Path(spec_path), Path(input_path) if input_path else None, home) as ctx:
        ctx.flow_run_id = str(flow_run.id) if flow_run.id else None
        ctx.replaces, ctx.actor = replaces, actor
        try:
            run_steps(ctx, partitions, prefect_mapper, scratch, run_stage_task)
        except OpendataError as exc:
            record_refusal(ctx, exc)
            raise
        return str(ctx.release_dir)
