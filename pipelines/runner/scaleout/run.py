"""The partitioned desensitize step and a partitioned publication, over any executor.

An executor is a `Mapper`: it calls a function once per keyword-argument dict, possibly in other
processes or on other machines, and returns the results in order. `in_process` runs them here;
`dask_mapper(client)` uses a `distributed.Client`; the Prefect flow (flow.py) submits tasks to a
Dask task runner.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from desensitize.privacy.fail_closed import check_detections
from pipelines.core.context import PublishContext
from pipelines.core.errors import OpendataError
from pipelines.core.stage import Stage
from pipelines.runner.publish import guarded, publication, run_guarded
from pipelines.runner.scaleout.kanon import plan_whole
from pipelines.runner.scaleout.merge import merge_reports
from pipelines.runner.scaleout.partitions import gather, scratch_folder, write_partitions
from pipelines.runner.scaleout.safety import whole_table_policies
from pipelines.runner.scaleout.worker import DESENSITIZE, finish_partition, mask_partition
from pipelines.runner.steps import finished, publish_stages, record_refusal, stage

Mapper = Callable[[Callable[..., Any], list[dict[str, Any]]], list[Any]]
StepRunner = Callable[[PublishContext, Stage], None]
log = logging.getLogger(__name__)


def in_process(fn: Callable[..., Any], calls: list[dict[str, Any]]) -> list[Any]:
    """Run every call here, one after another (tests, and the fallback)."""
    return [fn(**kw) for kw in calls]


def dask_mapper(client: Any) -> Mapper:
    """A Mapper over a `distributed.Client` (workers need the same code and the scratch folder)."""
    def run(fn: Callable[..., Any], calls: list[dict[str, Any]]) -> list[Any]:
        futures = [client.submit(fn, pure=False, **kw) for kw in calls]
        return list(client.gather(futures))

    return run


def desensitize_partitioned(ctx: PublishContext, partitions: int, mapper: Mapper = in_process, scratch: Path | str | None = None) -> None:
    """Do to `ctx` what the desensitize step does, masking `partitions` row ranges through `mapper`."""
    started = time.monotonic()
    problems = whole_table_policies(ctx.spec)
    if partitions < 2 or problems or ctx.row_count() < 2:
        if problems:
            log.warning("%s: masking the whole table in one process: %s", ctx.spec.id, "; ".join(problems))
        masking = stage(DESENSITIZE)
        masking.run(ctx)
        finished(ctx, masking, started)
        return

    # Fail closed on the whole table, before a single row is handed to a worker.
    detections = check_detections(ctx)
    spec = ctx.spec.model_dump(mode="json")
    with scratch_folder(scratch) as folder:
        parts = write_partitions(ctx.con, ctx.table, partitions, folder)
        common = {"spec": spec, "out_dir": str(folder)}
        calls = [{**common, "spec_path": str(ctx.spec_path), "home": str(ctx.home.root), "source": str(p), "index": i} for i, p in enumerate(parts)]
        reports = list(mapper(mask_partition, calls))
        merged = merge_reports(sorted(reports, key=lambda r: r["index"]))
        histograms = [Path(r["histogram"]) for r in reports if r["histogram"]]
        plan, report = plan_whole(ctx, merged.records, merged.columns, merged.rows_out, histograms, folder)
        if plan is None:
            finals = [Path(r["masked"]) for r in reports]
        else:
            records = [m.as_json() for m in merged.records]  # JSON-able: workers may be other processes or machines
            calls = [{**common, "masked": r["masked"], "records": records, "plan": plan.as_dict(), "index": r["index"]} for r in reports]
            finals = [Path(f) for f in mapper(finish_partition, calls)]
        gather(ctx.con, ctx.table, finals)
    ctx.masking.extend(merged.records)
    ctx.warnings += [w for w in merged.warnings if w not in ctx.warnings]
    ctx.privacy = {
        **report,
        "individual_level": bool(merged.individual_columns),
        "individual_columns": merged.individual_columns,
        "detections": detections,
        "rows_suppressed_by_policy": merged.rows_suppressed_by_policy,
    }
    finished(ctx, stage(DESENSITIZE), started)


def run_partitioned(
    spec_path: Path,
    extract: Path | None = None,
    home: Path | str | None = None,
    *,
    partitions: int = 4,
    mapper: Mapper = in_process,
    scratch: Path | str | None = None,
    actor: str = "cli",
) -> Path:
    """Publish like `run_plain`, with the desensitize step partitioned; return the release folder."""
    with publication(spec_path, extract, home) as ctx:
        ctx.actor = actor
        try:
            run_steps(ctx, partitions, mapper, scratch, run_guarded)
        except OpendataError as exc:
            record_refusal(ctx, exc)
            raise
        assert ctx.release_dir is not None
        return ctx.release_dir


def run_steps(ctx: PublishContext, partitions: int, mapper: Mapper, scratch: Path | str | None, run: StepRunner) -> None:
    """Every publication step in order, the desensitize step partitioned, the others run by `run`."""
    for s in publish_stages():
        if s.name == DESENSITIZE:
            guarded(ctx, s.name, lambda: desensitize_partitioned(ctx, partitions, mapper, scratch))
        else:
            run(ctx, s)
