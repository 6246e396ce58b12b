"""Scale-out: masking partition by partition (in process, on a local Dask cluster, through Prefect's
Dask task runner) gives the release a single process gives, k-anonymity counted over the whole."""

from __future__ import annotations

import logging
import random
from pathlib import Path
from typing import Any

import duckdb
import pytest

from pipelines.core.errors import GateBlocked
from pipelines.runner.publish import run_plain
from pipelines.runner.scaleout.partitions import gather, row_ranges, write_partitions
from pipelines.runner.scaleout.run import dask_mapper, in_process, run_partitioned
from tests.test_flows_fixtures import (  # noqa: F401 - prefect_api is a fixture
    prefect_api, provenance, release_rows, resident_id, residents_dataset, stops_dataset, write_csv,
)


@pytest.fixture(autouse=True)
def _dev_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENDATA_INSECURE_DEV_KEY", "1")


def _same_release(a: Path, b: Path) -> None:
    """Same rows in the same order with the same masked values, and the same masking and privacy records."""
    rows_a, rows_b = release_rows(a), release_rows(b)
    assert rows_a == rows_b and len(rows_a) > 0
    pa, pb = provenance(a), provenance(b)
    assert pa["masking"] == pb["masking"]
    assert pa["privacy"] == pb["privacy"]
    assert (a / "data.csv").read_bytes() == (b / "data.csv").read_bytes()


@pytest.fixture(scope="module")
def single(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(spec, release folder) of the residents dataset published in one process."""
    mp = pytest.MonkeyPatch()
    mp.setenv("OPENDATA_INSECURE_DEV_KEY", "1")
    tmp = tmp_path_factory.mktemp("single")
    spec = residents_dataset(tmp / "dept", rows=600)
    try:
        return spec, run_plain(spec, home=tmp / "home")
    finally:
        mp.undo()


def test_row_ranges_cover_every_row_once_and_gather_restores_order(tmp_path: Path) -> None:
    con = duckdb.connect()
    con.execute("CREATE TABLE work AS SELECT i * 3 AS _row, 'v' || i AS x FROM range(1, 101) t(i)")
    ranges = row_ranges(con, "work", 7)
    assert len(ranges) == 7 and ranges[0][0] == 3 and ranges[-1][1] == 300
    assert all(a[1] < b[0] for a, b in zip(ranges, ranges[1:]))
    files = write_partitions(con, "work", 7, tmp_path)
    sizes = [con.execute(f"SELECT count(*) FROM '{f}'").fetchone()[0] for f in files]  # type: ignore[index]
    assert sum(sizes) == 100 and max(sizes) - min(sizes) <= 1
    con.execute("DELETE FROM work")
    gather(con, "work", list(reversed(files)))
    assert con.execute("SELECT list(_row) FROM work").fetchone()[0] == [i * 3 for i in range(1, 101)]  # type: ignore[index]
    assert row_ranges(con, "work", 500)[-1] == (300, 300), "never more partitions than rows"


@pytest.mark.parametrize("partitions", [2, 5])
def test_partitioned_release_equals_single_process(single: tuple[Path, Path], tmp_path: Path, partitions: int) -> None:
    spec, one = single
    many = run_partitioned(spec, home=tmp_path / "home", partitions=partitions, mapper=in_process)
    _same_release(one, many)
    privacy = provenance(many)["privacy"]
    assert privacy["suppressed_rows"] > 0 and privacy["generalizations"], "the fixture exercises both"
    assert provenance(many)["source"]["rows"] == 600


def test_k_anonymity_classes_are_counted_over_the_whole(tmp_path: Path) -> None:
    """Each class has fewer than k rows in every partition, at least k in all: nothing is suppressed."""
    spec = residents_dataset(tmp_path / "dept", rows=16)
    text = spec.read_text(encoding="utf-8").replace("max_suppression: 0.05", "max_suppression: 0.0")
    spec.write_text(text.replace("k_anonymity: 4", "k_anonymity: 2"), encoding="utf-8")
    rows = [line.split(",") for line in (tmp_path / "dept" / "elderly-allowance.csv").read_text(encoding="utf-8").splitlines()]
    # Every row its own class of two: rows 2i and 2i+1 share birth month, gender and district.
    rng = random.Random(1)
    for i in range(1, len(rows), 2):
        rows[i + 1][3:6] = rows[i][3:6]
        rows[i + 1][3] = rows[i][3][:8] + "01"
        rows[i + 1][0] = resident_id(rng, rows[i + 1][3], rows[i + 1][4] == "男")

    write_csv(tmp_path / "dept" / "elderly-allowance.csv", rows[0], rows[1:], "福州市民政局")
    single = run_plain(spec, home=tmp_path / "one")
    # 16 partitions of one row: every class is split, each piece smaller than k.
    split = run_partitioned(spec, home=tmp_path / "many", partitions=16)
    _same_release(single, split)
    assert provenance(split)["privacy"]["suppressed_rows"] == 0 and len(release_rows(split)) == 16


def test_a_policy_that_reads_other_rows_is_masked_whole(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    spec = residents_dataset(tmp_path / "dept", rows=200)
    spec.write_text(
        spec.read_text(encoding="utf-8").replace(
            "    label: 性别\n", "    label: 性别\n    policy: {operator: suppress_record, when: rare, min_count: 2}\n"
        ),
        encoding="utf-8",
    )
    with caplog.at_level(logging.WARNING, logger="pipelines.runner.scaleout.run"):
        split = run_partitioned(spec, home=tmp_path / "many", partitions=4)
    assert "masking the whole table in one process" in caplog.text and "suppress_record" in caplog.text
    _same_release(run_plain(spec, home=tmp_path / "one"), split)


def test_unmet_k_anonymity_blocks_the_partitioned_publication(tmp_path: Path) -> None:
    spec = residents_dataset(tmp_path / "dept", rows=120)
    spec.write_text(spec.read_text(encoding="utf-8").replace("k_anonymity: 4", "k_anonymity: 200"), encoding="utf-8")
    with pytest.raises(GateBlocked, match="k-anonymity k=200"):
        run_partitioned(spec, home=tmp_path / "home", partitions=3, scratch=tmp_path / "scratch")
    assert not (tmp_path / "home" / "releases" / "elderly-allowance").exists() or not any((tmp_path / "home" / "releases" / "elderly-allowance").iterdir())
    assert list((tmp_path / "scratch").iterdir()) == [], "no raw partition is left behind"


def test_undeclared_personal_column_blocks_before_any_row_is_split(tmp_path: Path) -> None:
    spec = residents_dataset(tmp_path / "dept", rows=120)
    spec.write_text(spec.read_text(encoding="utf-8").replace("    pii: mobile_phone\n    policy: partial_mask\n", ""), encoding="utf-8")
    seen: list[Any] = []

    def spy(fn: Any, calls: list[dict[str, Any]]) -> list[Any]:
        seen.append(fn)
        return in_process(fn, calls)

    with pytest.raises(GateBlocked, match="phone"):
        run_partitioned(spec, home=tmp_path / "home", partitions=3, mapper=spy)
    assert seen == [], "fail closed on the whole table, before any worker gets rows"


def test_non_personal_dataset_partitions_too(tmp_path: Path) -> None:
    spec = stops_dataset(tmp_path / "dept", rows=50)
    _same_release(run_plain(spec, home=tmp_path / "one"), run_partitioned(spec, home=tmp_path / "many", partitions=3))


@pytest.fixture(scope="module")
def dask_cluster() -> Any:
    """A local Dask cluster of two worker processes (which inherit the development key setting)."""
    from distributed import LocalCluster

    mp = pytest.MonkeyPatch()
    mp.setenv("OPENDATA_INSECURE_DEV_KEY", "1")
    cluster = LocalCluster(n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None)
    try:
        yield cluster
    finally:
        cluster.close()
        mp.undo()


def test_dask_cluster_release_equals_single_process(single: tuple[Path, Path], dask_cluster: Any, tmp_path: Path) -> None:
    from distributed import Client

    spec, one = single
    with Client(dask_cluster) as client:
        many = run_partitioned(spec, home=tmp_path / "home", partitions=4, mapper=dask_mapper(client))
        workers = client.run(lambda: __import__("os").getpid())
    assert len(set(workers.values())) == 2
    _same_release(one, many)


def test_prefect_flow_on_dask_task_runner_equals_single_process(
    prefect_api: None, single: tuple[Path, Path], dask_cluster: Any, tmp_path: Path  # noqa: F811
) -> None:
    from pipelines.runner.scaleout.flow import dask_runner, publish_partitioned

    spec, one = single
    flow = publish_partitioned.with_options(task_runner=dask_runner(dask_cluster.scheduler_address))
    state = flow(str(spec), None, str(tmp_path / "home"), partitions=4, return_state=True)
    many = Path(state.result())
    _same_release(one, many)
    assert provenance(many)["flow_run_id"] == str(state.state_details.flow_run_id)
