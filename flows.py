"""Prefect flows: thin wrappers that run the package steps as tasks, and their schedules.

- `publish_dataset`: ingest → quality → desensitize → tag → release, one task each.
- `publish_all`: every publishable catalog spec, in parallel; one blocked dataset stops no other.
- `withdraw_release`, `republish_dataset`: the commission's lifecycle commands as flows.
- `deployments()`: one scheduled deployment per publishable spec; `python flows.py serve` serves them.

Privacy: extract data lives only in the working DuckDB inside the PublishContext, which the tasks of
`pipelines.runner.prefect_tasks` receive quoted and never return or persist, so no value reaches
Prefect's storage, API or logs. Flow parameters are paths and ids only.

Retries: only tasks of stages that declare `does_io` (ingest, release) retry, with backoff, and only on
OSError or DuckDB's IOException. A spec or data error (OpendataError) fails at once: retrying cannot
change the answer.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE
from prefect.runtime import flow_run
from prefect.task_runners import ThreadPoolTaskRunner

from pipelines.core.clock import TIMEZONE
from pipelines.core.context import PublishContext
from pipelines.core.errors import OpendataError
from pipelines.core.home import Home
from pipelines.lifecycle.republish import republish
from pipelines.lifecycle.withdraw import withdraw_release as withdraw_and_catalog
from pipelines.core.vocab import UpdateFrequency
from pipelines.runner.prefect_tasks import run_stage_task
from pipelines.runner.progress import step_progress
from pipelines.runner.publish import outcome, plan_all, publication, require_valid, run_plain
from pipelines.runner.steps import publish_stages, record_refusal
from pipelines.runner.key_check import refuse_without_key
from pipelines.runner.unchanged import Unchanged, refuse_if_spec_unchanged, refuse_if_unchanged

if TYPE_CHECKING:
    from prefect.deployments.runner import RunnerDeployment
    from prefect.schedules import Schedule

# Datasets published at once by publish_all: each holds its own working database (in memory, or for a
# large extract in a temporary file, with up to OPENDATA_MEMORY_LIMIT of buffers, 1 GB by default),
# and a large free-text column adds helper processes, so the default stays small; OPENDATA_PARALLEL raises it.
PARALLEL = int(os.environ.get("OPENDATA_PARALLEL", "0")) or min(2, os.cpu_count() or 1)


@flow(name="publish-dataset", persist_result=False, log_prints=False)
def publish_dataset(
    spec_path: str,
    input_path: str | None = None,
    home: str | None = None,
    replaces: str | None = None,
    actor: str = "prefect",
    show_progress: bool = True,
    force: bool = False,
) -> str:
    """Ingest → quality → desensitize → tag → release for one catalog spec; returns the release folder.

    When the newest release already holds this extract under this spec and code (and not `force`),
    nothing is published: the attempt is audited, logged, and that release's folder returned; the
    run still completes (a scheduled run on unchanged data is not a failure).
    """
    with publication(Path(spec_path), Path(input_path) if input_path else None, home) as ctx:
        ctx.flow_run_id = str(flow_run.id) if flow_run.id else None
        ctx.replaces, ctx.actor = replaces, actor
        try:
            refuse_if_unchanged(ctx.spec.id, ctx.spec_path, ctx.extract, ctx.home, force=force, replaces=replaces,
                                flow_run_id=ctx.flow_run_id)
        except Unchanged as same:
            get_run_logger().info("%s", same.message)
            return str(same.same.folder)
        _run(ctx, show_progress)
        get_run_logger().info("published %s %s", ctx.spec.id, ctx.version)
        return str(ctx.release_dir)


def _run(ctx: PublishContext, show_progress: bool) -> None:
    stages = publish_stages()
    try:
        if show_progress:
            with step_progress(ctx.spec.id, [s.name for s in stages]) as advance:
                for stage in stages:
                    run_stage_task(ctx, stage)
                    advance(stage.name)
        else:
            for stage in stages:
                run_stage_task(ctx, stage)
    except OpendataError as exc:
        record_refusal(ctx, exc)
        raise


# -- every dataset at once ---------------------------------------------------------------------


@task(name="publish-one", cache_policy=NO_CACHE, persist_result=False, log_prints=False)
def _publish_one(dataset_id: str, spec_path: str, home: str | None, force: bool = False) -> dict[str, Any]:
    try:
        # Checked here too, so that publish-all can report the dataset as unchanged, not published.
        if not force:
            _check_unchanged(spec_path, home)
        folder = publish_dataset(spec_path, None, home, show_progress=False, force=force)
    except Unchanged as same:
        return outcome(dataset_id, spec_path, "unchanged", release=str(same.same.folder), error=same)
    except OpendataError as exc:
        return outcome(dataset_id, spec_path, "blocked" if exc.exit_code == 2 else "error", error=exc)
    return outcome(dataset_id, spec_path, "published", release=folder)


def _check_unchanged(spec_path: str, home: str | None) -> None:
    refuse_if_spec_unchanged(Path(spec_path), None, home, force=False, replaces=None)


@flow(name="publish-all", persist_result=False, log_prints=False, task_runner=ThreadPoolTaskRunner(max_workers=PARALLEL))  # type: ignore[arg-type]
def publish_all(catalog: str = "catalog_specs", home: str | None = None, force: bool = False) -> list[dict[str, Any]]:
    """Publish every valid, not not-open spec under `catalog` on its own extract, in parallel.

    Each dataset is a `publish-dataset` subflow run; a dataset that is blocked or erroneous is
    reported in its outcome and the others go on. Invalid specs are reported as errors, per file;
    not-open specs as skipped. Outcomes: see `pipelines.runner.publish.outcome`.
    """
    todo, results = plan_all(Path(catalog))
    futures = [_publish_one.submit(spec.id, str(path), home, force) for path, spec in todo]
    results += [f.result() for f in futures]
    bad = [r["dataset_id"] for r in results if r["status"] in ("blocked", "error")]
    if bad:
        get_run_logger().warning("%d dataset(s) not published: %s", len(bad), ", ".join(bad))
    return results


# -- lifecycle ---------------------------------------------------------------------------------


class CommandFailed(OpendataError):
    """A lifecycle command finished its main work but not all of it (e.g. the catalog was not rebuilt)."""


@flow(name="withdraw-release", persist_result=False, log_prints=True)
def withdraw_release(dataset_id: str, version: str, reason: str, field: str | None = None, home: str | None = None) -> int:
    """Withdraw a release at once: moved to quarantine, never deleted (开放办法 §17)."""
    report = withdraw_and_catalog(Home.resolve(home), dataset_id, version, reason, field)
    for line in report.notes():
        print(line)
    print(report.outcome())
    if report.catalog_error:
        raise CommandFailed("withdraw ended with exit code 1")
    return 0


@flow(name="republish-dataset", persist_result=False, log_prints=True)
def republish_dataset(dataset_id: str, home: str | None = None) -> int:
    """Desensitize the stored extract again under the current spec and publish a replacing version.

    The publication runs inside this flow (the plain runner), so the release records this flow run.
    """
    print(republish(Home.resolve(home), dataset_id, publish=run_plain))
    return 0


# -- schedules ---------------------------------------------------------------------------------

# 更新频度 → cron in Fuzhou time. Publication runs at 02:00, after departments' nightly extracts.
CRON: dict[UpdateFrequency, str | None] = {
    UpdateFrequency.REALTIME: None,  # an interval, below
    UpdateFrequency.DAILY: "0 2 * * *",
    UpdateFrequency.WEEKLY: "0 2 * * 1",
    UpdateFrequency.MONTHLY: "0 2 1 * *",
    UpdateFrequency.QUARTERLY: "0 2 1 1,4,7,10 *",
    UpdateFrequency.SEMIANNUAL: "0 2 1 1,7 *",
    UpdateFrequency.YEARLY: "0 2 1 1 *",
    UpdateFrequency.IRREGULAR: None,  # published on demand: no schedule
}
REALTIME_INTERVAL = timedelta(minutes=15)


def schedule_for(frequency: UpdateFrequency) -> Schedule | None:
    """The Prefect schedule for an update frequency, in Asia/Shanghai time; None for irregular."""
    from prefect.schedules import Cron, Interval  # in-function: only deployments need schedules

    if frequency is UpdateFrequency.REALTIME:
        return Interval(REALTIME_INTERVAL, timezone=TIMEZONE)
    cron = CRON[frequency]
    return Cron(cron, timezone=TIMEZONE) if cron else None


def deployments(catalog: str | Path = "catalog_specs", home: str | None = None, *, by_module: bool = False) -> list[RunnerDeployment]:
    """One `publish-dataset` deployment per valid, publishable spec, scheduled by its update_frequency.

    Invalid specs raise SpecError (fix them first: `opendata catalog validate`). `by_module` makes
    the entrypoint `flows.publish_dataset` (the installed module) rather than this file's path, so
    workers on other machines that have the package installed can run it.
    """
    from prefect.deployments.runner import EntrypointType, RunnerDeployment  # in-function: the deployment machinery is slow to import; publications never need it

    todo, known = plan_all(Path(catalog))
    require_valid(known)
    out = []
    for path, spec in todo:
        schedule = schedule_for(spec.update_frequency)
        parameters: dict[str, Any] = {"spec_path": str(path), "actor": "schedule"}
        if home:
            parameters["home"] = str(Path(home).resolve())
        deployment = publish_dataset.to_deployment(
            name=spec.id,
            schedules=[schedule] if schedule else None,
            parameters=parameters,
            description=f"{spec.title} — {spec.provider.department}; 更新频度 {spec.update_frequency.label}",
            tags=["publish", spec.update_frequency.value, spec.open_type.value],
            entrypoint_type=EntrypointType.MODULE_PATH if by_module else EntrypointType.FILE_PATH,
        )
        assert isinstance(deployment, RunnerDeployment)  # called outside an event loop: not a coroutine
        out.append(deployment)
    return out


def lifecycle_deployments(*, by_module: bool = False) -> list[RunnerDeployment]:
    """Unscheduled deployments the commission triggers from the UI: withdraw and republish."""
    from prefect.deployments.runner import EntrypointType, RunnerDeployment  # in-function: the deployment machinery is slow to import; publications never need it

    kind = EntrypointType.MODULE_PATH if by_module else EntrypointType.FILE_PATH
    out = [
        withdraw_release.to_deployment(name="withdraw", tags=["lifecycle"], entrypoint_type=kind),
        republish_dataset.to_deployment(name="republish", tags=["lifecycle"], entrypoint_type=kind),
    ]
    return [d for d in out if isinstance(d, RunnerDeployment)]  # outside an event loop none is a coroutine


def serve(catalog: str | Path = "catalog_specs", home: str | None = None) -> None:
    """Serve every deployment from this process until interrupted (runs go to PREFECT_API_URL)."""
    from prefect import serve as prefect_serve  # in-function: only `python flows.py serve` needs it

    refuse_without_key(catalog, home)
    prefect_serve(*deployments(catalog, home), *lifecycle_deployments())


def deploy_to_pool(pool: str, catalog: str | Path = "catalog_specs", home: str | None = None) -> list[str]:
    """Register every deployment with the work pool `pool`; its workers run them. Returns their ids.

    Workers must have this package installed and see the catalog and home at the same paths.
    """
    from prefect import deploy  # in-function: only `python flows.py deploy` needs it

    ids = deploy(
        *deployments(catalog, home, by_module=True), *lifecycle_deployments(by_module=True),
        work_pool_name=pool, build=False, push=False, print_next_steps_message=False, ignore_warnings=True,
    )
    assert isinstance(ids, list)  # called outside an event loop: not a coroutine
    return [str(i) for i in ids]


USAGE = """usage:
  python flows.py serve [CATALOG] [--home DIR]        serve every deployment from this process
  python flows.py deploy POOL [CATALOG] [--home DIR]  register them with a work pool for its workers
  python flows.py SPEC [--home DIR]                   publish one spec once"""


def main(argv: Sequence[str]) -> int:
    """The command line of this file (see USAGE)."""
    args = list(argv)
    home = None
    if "--home" in args:
        i = args.index("--home")
        home = args[i + 1]
        del args[i : i + 2]
    if args[:1] == ["serve"] and len(args) <= 2:
        try:
            serve(args[1] if len(args) > 1 else "catalog_specs", home)
        except OpendataError as exc:
            print(f"error: {exc.render()}", file=sys.stderr)
            return exc.exit_code or 1
        return 0
    if args[:1] == ["deploy"] and len(args) in (2, 3):
        for deployment_id in deploy_to_pool(args[1], args[2] if len(args) > 2 else "catalog_specs", home):
            print(deployment_id)
        return 0
    if len(args) != 1 or args[0] in ("serve", "deploy", "-h", "--help"):
        print(USAGE)
        return 1
    try:
        print(publish_dataset(args[0], None, home))
    except OpendataError as exc:
        print(f"{'blocked' if exc.exit_code == 2 else 'error'}: {exc.render()}", file=sys.stderr)
        return exc.exit_code
    return 0


if __name__ == "__main__":  # pragma: no cover
    # Run through the importable module, not `__main__`: deployments record where their flow
    # lives, and a worker must find it as `flows.publish_dataset`.
    import flows as module

    sys.exit(module.main(sys.argv[1:]))
