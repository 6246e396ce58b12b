"""The Prefect flows against Prefect's test harness: run ids in provenance, retries only on I/O
faults, no raw value in Prefect's API, publish_all isolating failures, and the lifecycle flows."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any
from uuid import UUID

import duckdb
import pytest

import flows
from pipelines.core.errors import GateBlocked, InputError
from pipelines.runner import prefect_tasks
from pipelines.runner.publish import StepCrashed
from tests.test_flows_fixtures import prefect_api, provenance, registry, resident_rows, residents_dataset, stops_dataset

@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> Callable[[str, list[BaseException]], list[int]]:
    """Replace a stage's function by one that raises the given errors on its first calls, then runs it."""

    def install(module_name: str, errors: list[BaseException]) -> list[int]:
        import dataclasses
        import importlib

        module = importlib.import_module(module_name)
        real = module.STAGE.run
        calls: list[int] = []

        def step(ctx: Any) -> None:
            calls.append(1)
            if len(calls) <= len(errors):
                raise errors[len(calls) - 1]
            real(ctx)

        monkeypatch.setattr(module, "STAGE", dataclasses.replace(module.STAGE, run=step))
        return calls

    monkeypatch.setattr(prefect_tasks, "RETRY_DELAYS", [0.0, 0.0, 0.0])
    return install


def _task_runs(flow_run_id: UUID) -> list[Any]:
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterId

    async def read() -> list[Any]:
        async with get_client() as client:
            return await client.read_task_runs(flow_run_filter=FlowRunFilter(id=FlowRunFilterId(any_=[flow_run_id])))

    return asyncio.run(read())


def _stored_text(flow_run_ids: list[UUID]) -> str:
    """Every log line, state message and parameter the Prefect API holds for these flow runs, as text."""
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterId, LogFilter, LogFilterFlowRunId
    from prefect.logging.handlers import APILogWorker

    APILogWorker.drain_all(timeout=10)  # logs travel in batches: send what is still queued

    async def read() -> str:
        async with get_client() as client:
            logs = await client.read_logs(log_filter=LogFilter(flow_run_id=LogFilterFlowRunId(any_=flow_run_ids)))
            runs = await client.read_flow_runs(flow_run_filter=FlowRunFilter(id=FlowRunFilterId(any_=flow_run_ids)))
            tasks = await client.read_task_runs(flow_run_filter=FlowRunFilter(id=FlowRunFilterId(any_=flow_run_ids)))
        parts = [log.message for log in logs]
        parts += [json.dumps(r.parameters, ensure_ascii=False, default=str) + (r.state.message or "" if r.state else "") for r in runs]
        parts += [(t.state.message or "") if t.state else "" for t in tasks]
        return "\n".join(parts)

    return asyncio.run(read())


def test_flow_publishes_and_records_its_run_id(prefect_api: None, tmp_path: Path) -> None:
    home = tmp_path / "home"
    state = flows.publish_dataset(str(stops_dataset(tmp_path / "dept")), None, str(home), return_state=True)
    folder = Path(state.result())
    run_id = state.state_details.flow_run_id
    assert folder.parent == home / "releases" / "bus-stops" and (folder / "data.parquet").is_file()
    assert provenance(folder)["flow_run_id"] == str(run_id)
    assert registry(home, "SELECT flow_run_id FROM releases") == [(str(run_id),)]
    runs = _task_runs(run_id)
    assert sorted(t.name.rsplit("-", 1)[0] for t in runs) == sorted(["ingest", "quality", "desensitize", "tag", "release"])
    assert all(t.state.is_completed() for t in runs)


def test_transient_io_failure_is_retried(prefect_api: None, tmp_path: Path, counted: Callable[..., list[int]]) -> None:
    calls = counted("pipelines.ingest.step", [OSError("network share went away")])
    state = flows.publish_dataset(str(stops_dataset(tmp_path / "dept")), None, str(tmp_path / "home"), return_state=True)
    assert state.is_completed() and Path(state.result()).is_dir()
    assert len(calls) == 2, "failed once, retried once"
    ingest = [t for t in _task_runs(state.state_details.flow_run_id) if t.name.startswith("ingest")]
    assert [t.run_count for t in ingest] == [2]


def test_duckdb_io_error_on_release_is_retried(prefect_api: None, tmp_path: Path, counted: Callable[..., list[int]]) -> None:
    calls = counted("pipelines.release.step", [duckdb.IOException("could not write"), OSError("disk busy")])
    home = tmp_path / "home"
    folder = Path(flows.publish_dataset(str(stops_dataset(tmp_path / "dept")), None, str(home)))
    assert len(calls) == 3 and folder.is_dir()
    assert [r[0] for r in registry(home, "SELECT version FROM releases")] == [folder.name]


@pytest.mark.parametrize(
    ("module", "function", "error"),
    [
        ("pipelines.ingest.step", "ingest_step", InputError("stops.csv: declared columns missing from the extract")),
        ("pipelines.release.step", "release_step", GateBlocked("blocked on purpose")),
    ],
)
def test_data_or_gate_error_is_not_retried(
    prefect_api: None, tmp_path: Path, counted: Callable[..., list[int]], module: str, function: str, error: Exception
) -> None:
    calls = counted(module, [error, error, error, error])
    home = tmp_path / "home"
    with pytest.raises(type(error)):
        flows.publish_dataset(str(stops_dataset(tmp_path / "dept")), None, str(home))
    assert len(calls) == 1, "a spec, data or gate error fails at once"
    assert not (home / "releases" / "bus-stops").exists() or not any((home / "releases" / "bus-stops").iterdir())


def test_no_raw_value_reaches_prefect(prefect_api: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENDATA_INSECURE_DEV_KEY", "1")
    spec = residents_dataset(tmp_path / "dept", rows=120)
    raw = resident_rows(120)
    good = flows.publish_dataset(str(spec), None, str(tmp_path / "home"), return_state=True)
    assert provenance(Path(good.result()))["privacy"]["k"] == 4

    # A step that crashes quoting a value, as an engine error may: neither the user nor Prefect sees it.
    import dataclasses

    import quality.step

    def crash(ctx: Any) -> None:
        raise ValueError(f"Could not convert string '{raw[5][1]}' to DATE")

    monkeypatch.setattr(quality.step, "STAGE", dataclasses.replace(quality.step.STAGE, run=crash))
    bad = flows.publish_dataset(str(spec), None, str(tmp_path / "home"), force=True, return_state=True)
    error = bad.result(raise_on_failure=False)
    assert isinstance(error, StepCrashed)
    assert raw[5][1] not in error.render() and "ValueError" in error.render()

    stored = _stored_text([good.state_details.flow_run_id, bad.state_details.flow_run_id])
    assert "published elderly-allowance" in stored and "StepCrashed" in stored, "the API did record these runs"
    for row in raw:
        for value in (row[0], row[1], row[2]):  # resident id, name, phone
            assert value not in stored


def test_publish_all_runs_datasets_in_parallel_and_isolates_failures(prefect_api: None, tmp_path: Path) -> None:
    catalog, home = tmp_path / "catalog", tmp_path / "home"
    for name in ("stops-a", "stops-b", "stops-c"):
        stops_dataset(catalog, name, rows=30)
    stops_dataset(catalog, "stops-secret", open_type="not-open")
    broken = stops_dataset(catalog, "stops-broken")
    broken.write_text(broken.read_text(encoding="utf-8").replace("source_column: 站点名称", "source_column: 站名"), encoding="utf-8")
    small = stops_dataset(catalog, "stops-small", rows=3)
    small.write_text(small.read_text(encoding="utf-8") + "quality:\n  min_rows: 100\n", encoding="utf-8")

    results = {r["dataset_id"]: r for r in flows.publish_all(str(catalog), str(home))}
    assert {k: r["status"] for k, r in results.items()} == {
        "stops-a": "published", "stops-b": "published", "stops-c": "published",
        "stops-secret": "skipped", "stops-broken": "error", "stops-small": "blocked",
    }
    assert results["stops-broken"]["exit_code"] == 1 and "站名" in results["stops-broken"]["message"]
    assert results["stops-small"]["exit_code"] == 2
    rows = registry(home, "SELECT dataset_id, flow_run_id FROM releases ORDER BY dataset_id")
    assert [r[0] for r in rows] == ["stops-a", "stops-b", "stops-c"]
    assert len({r[1] for r in rows}) == 3, "each dataset is its own publish-dataset flow run"
    files_per_release = len(list(Path(results["stops-a"]["release"]).iterdir()))
    assert registry(home, "SELECT count(*) FROM release_files")[0][0] == 3 * files_per_release


def test_withdraw_and_republish_flows(prefect_api: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("pipelines.cli.lifecycle")
    monkeypatch.setenv("OPENDATA_INSECURE_DEV_KEY", "1")
    home = tmp_path / "home"
    spec = residents_dataset(tmp_path / "dept", rows=120)
    first = Path(flows.publish_dataset(str(spec), None, str(home)))
    assert flows.withdraw_release("elderly-allowance", first.name, "手机号掩码不足", None, str(home)) == 0
    assert not first.exists() and (home / "quarantine" / "elderly-allowance" / first.name).is_dir()

    state = flows.republish_dataset("elderly-allowance", str(home), return_state=True)
    assert state.result() == 0
    rows = registry(home, "SELECT version, status, replaces, flow_run_id FROM releases ORDER BY version")
    assert [(r[0], r[1], r[2]) for r in rows] == [(first.name, "withdrawn", None), (rows[1][0], "published", first.name)]
    # Republication runs inside the republish flow: its release names that flow run.
    assert rows[1][3] == str(state.state_details.flow_run_id)


def test_lifecycle_command_failure_fails_the_flow(prefect_api: None, tmp_path: Path) -> None:
    pytest.importorskip("pipelines.cli.lifecycle")
    with pytest.raises(InputError):
        flows.withdraw_release("no-such-dataset", "2026-01-01.1", "test", None, str(tmp_path / "home"))


# -- schedules: built, never served ----------------------------------------------------------------


def _next_runs(schedule: Any, n: int = 3) -> list[Any]:
    from datetime import datetime, timezone

    from prefect.server.schemas.schedules import CronSchedule

    server = CronSchedule(cron=schedule.cron, timezone=schedule.timezone)
    dates = server.get_dates(n, start=datetime(2026, 11, 24, tzinfo=timezone.utc))
    return list(asyncio.run(dates) if asyncio.iscoroutine(dates) else dates)


def test_deployments_follow_update_frequency_in_shanghai_time(tmp_path: Path) -> None:
    catalog = tmp_path / "catalog"
    for frequency in ("realtime", "daily", "weekly", "monthly", "quarterly", "semiannual", "yearly", "irregular"):
        stops_dataset(catalog, f"stops-{frequency}", frequency=frequency)
    stops_dataset(catalog, "stops-secret", open_type="not-open")
    found = {d.name: d for d in flows.deployments(catalog, home=str(tmp_path / "home"))}
    assert sorted(found) == sorted(f"stops-{f.value}" for f in flows.CRON), "one per publishable spec; not-open skipped"

    deployment = found["stops-monthly"]
    assert deployment.parameters == {
        "spec_path": str((catalog / "stops-monthly.yaml").resolve()), "actor": "schedule", "home": str((tmp_path / "home").resolve()),
    }
    expected = {  # (month, day, weekday) of the next runs after 2026-11-24, all at 02:00 Asia/Shanghai
        "daily": [(11, 25), (11, 26), (11, 27)],
        "weekly": [(11, 30), (12, 7), (12, 14)],
        "monthly": [(12, 1), (1, 1), (2, 1)],
        "quarterly": [(1, 1), (4, 1), (7, 1)],
        "semiannual": [(1, 1), (7, 1), (1, 1)],
        "yearly": [(1, 1), (1, 1), (1, 1)],
    }
    for frequency, dates in expected.items():
        (schedule,) = [s.schedule for s in found[f"stops-{frequency}"].schedules]
        assert schedule.timezone == "Asia/Shanghai"
        runs = _next_runs(schedule)
        assert [(r.month, r.day) for r in runs] == dates, frequency
        assert all((r.hour, r.minute) == (2, 0) and r.utcoffset().total_seconds() == 8 * 3600 for r in runs)
    (realtime,) = [s.schedule for s in found["stops-realtime"].schedules]
    assert realtime.interval.total_seconds() == 15 * 60
    assert not found["stops-irregular"].schedules, "irregular: published on demand only"


def test_deployments_refuse_an_invalid_catalog(tmp_path: Path) -> None:
    from pipelines.core.errors import SpecError

    bad = stops_dataset(tmp_path / "catalog", "stops-bad")
    bad.write_text(bad.read_text(encoding="utf-8").replace("update_frequency: monthly", "update_frequency: hourly"), encoding="utf-8")
    with pytest.raises(SpecError) as caught:
        flows.deployments(tmp_path / "catalog")
    assert "stops-bad.yaml" in caught.value.render()


def test_deployments_register_with_a_work_pool(prefect_api: None, tmp_path: Path) -> None:
    """`python flows.py deploy POOL`: scheduled deployments a pool's workers pick up."""
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.actions import WorkPoolCreate

    async def make_pool() -> None:
        async with get_client() as client:
            await client.create_work_pool(WorkPoolCreate(name="opendata-test", type="process"), overwrite=True)

    asyncio.run(make_pool())
    catalog = tmp_path / "catalog"
    stops_dataset(catalog, "stops-weekly", frequency="weekly")
    ids = flows.deploy_to_pool("opendata-test", catalog, str(tmp_path / "home"))

    async def read() -> list[Any]:
        async with get_client() as client:
            return [await client.read_deployment(UUID(i)) for i in ids]

    found = {d.name: d for d in asyncio.run(read())}
    assert sorted(found) == ["republish", "stops-weekly", "withdraw"]
    weekly = found["stops-weekly"]
    assert weekly.work_pool_name == "opendata-test" and weekly.entrypoint == "flows.publish_dataset"
    assert [s.schedule.cron for s in weekly.schedules] == ["0 2 * * 1"] and weekly.schedules[0].schedule.timezone == "Asia/Shanghai"
    assert weekly.parameters["spec_path"] == str((catalog / "stops-weekly.yaml").resolve())
