"""Prefect flows: thin wrappers that run the package steps as tasks, in order.

Raw extract data lives only in the working DuckDB inside the PublishContext; tasks persist no
results and take no cache keys from their inputs, so no value reaches Prefect's storage or logs.
"""

from __future__ import annotations

from pathlib import Path

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE
from prefect.runtime import flow_run
from prefect.utilities.annotations import quote

from pipelines.context import PublishContext
from pipelines.errors import OpendataError
from pipelines.publish import publication
from pipelines.progress import step_progress
from pipelines.steps import PUBLISH_STEPS, record_refusal, run_step

# Steps that only move bytes may hit passing I/O faults; data and spec errors are never retried.
IO_STEPS = {"ingest", "release"}


def _step_task(name: str, target: str):  # type: ignore[no-untyped-def]
    retries = 2 if name in IO_STEPS else 0

    def run(ctx: PublishContext) -> None:
        run_step(ctx, name, target)

    return task(
        run,
        name=name,
        cache_policy=NO_CACHE,
        persist_result=False,
        retries=retries,
        retry_delay_seconds=[1, 4] if retries else 0,
        retry_condition_fn=_retry_only_io if retries else None,
        log_prints=False,
    )


def _retry_only_io(task_obj, task_run, state) -> bool:  # type: ignore[no-untyped-def]
    try:
        state.result()
    except OpendataError:
        return False  # bad input or a closed gate: retrying cannot help
    except OSError:
        return True
    except Exception:
        return False
    return False


@flow(name="publish-dataset", persist_result=False)
def publish_dataset(spec_path: str, input_path: str | None = None, home: str | None = None, replaces: str | None = None) -> str:
    """Ingest → quality → desensitize → tag → release for one catalog spec; returns the release folder."""
    with publication(Path(spec_path), Path(input_path) if input_path else None, home) as ctx:
        ctx.flow_run_id = str(flow_run.id) if flow_run.id else None
        ctx.replaces = replaces
        _run(ctx)
        get_run_logger().info("published %s %s", ctx.spec.id, ctx.version)
        return str(ctx.release_dir)


def _run(ctx: PublishContext) -> None:
    try:
        with step_progress(ctx.spec.id, [name for name, _ in PUBLISH_STEPS]) as advance:
            for name, target in PUBLISH_STEPS:
                # quote(): Prefect must not walk into the context (it holds the working database).
                _step_task(name, target)(quote(ctx))
                advance(name)
    except OpendataError as exc:
        record_refusal(ctx, exc)
        raise


if __name__ == "__main__":  # pragma: no cover
    import sys

    print(publish_dataset(sys.argv[1]))
