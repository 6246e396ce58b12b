"""Publications running at the same time into one home, in real parallel processes and in threads.

DuckDB lets one process at a time hold the registry file; every unit of work is a short
transaction that waits (with backoff) for the lock. These tests make processes and threads collide
on purpose and check that nothing is lost, duplicated or out of chain.
"""

from __future__ import annotations

import multiprocessing
import threading
import time
from pathlib import Path

from pipelines.core.home import Home
from pipelines.store.db import connect
from tests.test_flows_fixtures import assert_consistent, publish_all_at_once, registry, stops_dataset

PROBE = "CREATE TABLE IF NOT EXISTS _probe (seq BIGINT PRIMARY KEY, writer VARCHAR NOT NULL)"


def _append_in_turn(home: str, writer: str, count: int) -> None:
    """Read the last number and write the next one, `count` times: the audit chain's access pattern."""
    for _ in range(count):
        with connect(Home(Path(home))) as con:
            con.execute(PROBE)  # a table of the test's own, created in the unit of work that uses it
            last = con.execute("SELECT coalesce(max(seq), 0) FROM _probe").fetchone()[0]  # type: ignore[index]
            time.sleep(0.002)  # widen the window a lost update would need
            con.execute("INSERT INTO _probe VALUES (?, ?)", [last + 1, writer])


def _check_probe(home: Path, writers: int, count: int) -> None:
    rows = registry(home, "SELECT seq, writer FROM _probe ORDER BY seq")
    assert [r[0] for r in rows] == list(range(1, writers * count + 1)), "no number lost or taken twice"
    assert {r[1] for r in rows} == {f"w{i}" for i in range(writers)}


def test_registry_transactions_from_parallel_processes_take_turns(tmp_path: Path) -> None:
    home, writers, count = tmp_path / "home", 4, 15
    ctx = multiprocessing.get_context("spawn")
    procs = [ctx.Process(target=_append_in_turn, args=(str(home), f"w{i}", count)) for i in range(writers)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(timeout=240)
    assert [p.exitcode for p in procs] == [0] * writers
    _check_probe(home, writers, count)


def test_registry_transactions_from_threads_take_turns(tmp_path: Path) -> None:
    home, writers, count = tmp_path / "home", 4, 15
    errors: list[BaseException] = []

    def run(i: int) -> None:
        try:
            _append_in_turn(str(home), f"w{i}", count)
        except BaseException as exc:  # noqa: BLE001 - reported by the assertion below
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(writers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=240)
    assert errors == []
    _check_probe(home, writers, count)


def test_parallel_publications_of_one_dataset(tmp_path: Path) -> None:
    spec, home = stops_dataset(tmp_path / "dept"), tmp_path / "home"
    done = publish_all_at_once([spec] * 4, home)
    versions = [v for _, v in assert_consistent(home, done)]
    day = versions[0].split(".")[0]
    assert sorted(versions) == [f"{day}.{n}" for n in range(1, 5)]


def test_parallel_publications_of_different_datasets(tmp_path: Path) -> None:
    specs = [stops_dataset(tmp_path / "dept", f"stops-{c}") for c in "abcd"]
    home = tmp_path / "home"
    done = publish_all_at_once(specs, home)
    assert sorted(d for d, _ in assert_consistent(home, done)) == ["stops-a", "stops-b", "stops-c", "stops-d"]
