"""Free text masked in helper processes comes out exactly as masked in one process, even when a helper dies."""

from __future__ import annotations

import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from desensitize.operators.base import ColumnInput, MaskEnv
from desensitize.operators.registry import get_operator
from desensitize.operators.text_workers import CHUNK, Masked, ParallelMasker, TextMasker, helper_count
from pipelines.core.vocab import FindingKind

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "sample_data" / "civil-affairs-low-income.csv"
KINDS = [k for k in FindingKind if not k.is_public]


@pytest.fixture(scope="module")
def sample() -> tuple[list[str], list[str]]:
    """The sample's remarks (6,000 written by caseworkers) and the names of its name column."""
    frame = pd.read_csv(SAMPLE, encoding="gb18030", dtype=str, keep_default_na=False)
    rows = list(zip(frame["姓名"], frame["备注"]))
    names = sorted({r[0] for r in rows if r[0]})
    # Remarks repeat; make every text distinct (as at scale) while keeping what is in it.
    remarks = [f"{r[1]}（第{i}条）" for i, r in enumerate(rows) if r[1]]
    return names, remarks


def _union(results: list[Masked]) -> tuple[dict[str, str], Counter[str]]:
    total = Masked()
    for r in results:
        total.extend(r)
    assert len(total.old) == len(set(total.old)), "a text was masked twice"
    return dict(zip(total.old, total.new)), total.counts


@pytest.mark.parametrize("started", [False, True], ids=["helpers-on-first-batch", "helpers-started-first"])
def test_helpers_mask_exactly_what_one_process_masks(sample: tuple[list[str], list[str]], started: bool) -> None:
    names, remarks = sample
    masker = TextMasker(names, KINDS, sweep=True)
    alone = _union([masker.mask(remarks, [1] * len(remarks))])
    assert len(alone[0]) > 1000 and alone[1]["person_name"] > 1000  # the sample really has people in it

    batches = [(remarks[i:i + 2 * CHUNK], [1] * len(remarks[i:i + 2 * CHUNK])) for i in range(0, len(remarks), 2 * CHUNK)]
    with ParallelMasker(names, KINDS, True, helpers=1, start_at=1) as workers:
        if started:
            workers.start()  # spawned from a thread, while this process goes on
        together = _union(list(workers.run(iter(batches))))
        assert workers.chunks_in_helpers >= 1  # a helper process really did part of the work
    assert together == alone


def test_helpers_closed_while_they_start_stop_cleanly(sample: tuple[list[str], list[str]]) -> None:
    names, remarks = sample
    with ParallelMasker(names, KINDS, True, helpers=1) as workers:
        workers.start()
    assert workers.pool is None
    # A masker closed before its helpers were up still masks (here) what it is given.
    with ParallelMasker(names, KINDS, True, helpers=1) as workers:
        workers.start()
        workers.close()
        done = _union(list(workers.run(iter([(remarks[:50], [1] * 50)]))))
    assert done == _union([TextMasker(names, KINDS, sweep=True).mask(remarks[:50], [1] * 50)])


def test_a_helper_that_dies_loses_nothing(sample: tuple[list[str], list[str]]) -> None:
    names, remarks = sample
    masker = TextMasker(names, KINDS, sweep=True)
    alone = _union([masker.mask(remarks, [1] * len(remarks))])
    small = [(remarks[i:i + 500], [1] * len(remarks[i:i + 500])) for i in range(0, len(remarks), 500)]

    def killing(workers: ParallelMasker) -> list[Masked]:
        out = []
        for n, done in enumerate(workers.run(iter(small))):
            out.append(done)
            if n == 0 and workers.pool is not None:
                for process in list(workers.pool._processes.values()):  # noqa: SLF001 - the test kills a helper
                    process.kill()
        return out

    with ParallelMasker(names, KINDS, True, helpers=1, start_at=1) as workers:
        assert _union(killing(workers)) == alone
        assert workers.pool is None  # it noticed the death and masked the rest here


def test_scan_text_column_is_the_same_with_and_without_helpers(
    sample: tuple[list[str], list[str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    names, remarks = sample
    op = get_operator("scan_text")
    params = op.parse({"batch_size": 1000})  # a full batch starts the helpers

    def masked_with(helpers: str) -> tuple[list[tuple[str, str]], dict[str, int]]:
        monkeypatch.setenv("OPENDATA_TEXT_WORKERS", helpers)
        con = duckdb.connect()
        con.execute("CREATE TABLE work (_row BIGINT, remarks VARCHAR)")
        con.executemany("INSERT INTO work VALUES (?, ?)", list(enumerate(remarks)))
        env = MaskEnv(con, "work", known_names=names)
        plan = op.plan(params, ColumnInput("remarks", pii=FindingKind.PERSON_NAME), env)
        side = con.execute(f'SELECT v, masked FROM "{plan.joins[0].table}" ORDER BY v').fetchall()
        return side, plan.detections

    one = masked_with("0")
    two = masked_with("1")
    assert two == one
    assert one[1]["person_name"] > 1000


def test_helper_count_is_configurable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENDATA_TEXT_WORKERS", "0")
    assert helper_count() == 0
    monkeypatch.setenv("OPENDATA_TEXT_WORKERS", "2")
    assert helper_count() == 2
    monkeypatch.delenv("OPENDATA_TEXT_WORKERS")
    assert 0 <= helper_count() <= 3


def _work_table(remarks: list[str]) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    con.execute("CREATE TABLE work (_row BIGINT, remarks VARCHAR)")
    con.executemany("INSERT INTO work VALUES (?, ?)", list(enumerate(remarks)))
    return con


def _side_table(con: duckdb.DuckDBPyConnection, table: str) -> list[tuple[str, str]]:
    return con.execute(f'SELECT v, masked FROM "{table}" ORDER BY v').fetchall()


def test_scan_text_begun_early_masks_what_its_plan_masks(
    sample: tuple[list[str], list[str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    names, remarks = sample
    op = get_operator("scan_text")
    params = op.parse({"batch_size": 1000})
    column = ColumnInput("remarks", pii=FindingKind.PERSON_NAME)
    monkeypatch.setenv("OPENDATA_TEXT_WORKERS", "0")
    con_alone = _work_table(remarks)
    alone = op.plan(params, column, MaskEnv(con_alone, "work", known_names=names))

    monkeypatch.setenv("OPENDATA_TEXT_WORKERS", "1")
    con = _work_table(remarks)
    env = MaskEnv(con, "work", known_names=names)
    begun = op.head_start(params, column, env)
    assert begun is not None
    env.head_starts["remarks"] = begun
    pending = begun.workers._pending  # noqa: SLF001 - the test waits for the helper to mask before the plan runs
    for _ in range(600):
        if pending and pending[0][0].done():
            break
        time.sleep(0.1)
    assert pending and pending[0][0].done()  # a helper masked texts before the plan was made
    early = op.plan(params, column, env)
    assert env.head_starts == {}  # the plan took the work over
    assert early.detections == alone.detections and early.detections["person_name"] > 1000
    assert _side_table(con, early.joins[0].table) == _side_table(con_alone, alone.joins[0].table)


def test_scan_text_begun_with_fewer_names_starts_again(monkeypatch: pytest.MonkeyPatch) -> None:
    # Names only the extract's name column makes names here (the rules read the four as one name of six).
    names = ["高山", "江河", "万里", "向东"]
    remarks = [f"高山江河万里向东（第{i}条）" for i in range(300)]
    op = get_operator("scan_text")
    params = op.parse({"batch_size": 100})
    column = ColumnInput("remarks", pii=FindingKind.PERSON_NAME)
    monkeypatch.setenv("OPENDATA_TEXT_WORKERS", "1")
    con = _work_table(remarks)
    env = MaskEnv(con, "work", known_names=[])
    begun = op.head_start(params, column, env)
    assert begun is not None
    env.head_starts["remarks"] = begun
    env.known_names = names  # a name column the step found after the work began
    plan = op.plan(params, column, env)
    masked = dict(_side_table(con, plan.joins[0].table))
    assert masked["高山江河万里向东（第7条）"] == "[姓名][姓名][姓名][姓名]（第7条）"
    assert plan.detections["person_name"] == 4 * 300


def test_run_restores_the_switch_interval(sample: tuple[list[str], list[str]]) -> None:
    names, remarks = sample
    before = sys.getswitchinterval()
    seen = []
    with ParallelMasker(names, KINDS, True, helpers=0) as workers:
        for _ in workers.run(iter([(remarks[:20], [1] * 20)])):
            seen.append(sys.getswitchinterval())
    assert seen and all(s < before for s in seen)  # shorter while the pool's threads feed the helpers
    assert sys.getswitchinterval() == before


def test_texts_that_fail_to_be_read_ahead_fail_the_run(sample: tuple[list[str], list[str]]) -> None:
    names, remarks = sample

    def failing() -> Iterator[tuple[list[str], list[int]]]:
        yield remarks[:100], [1] * 100
        raise duckdb.IOException("the working database went away")

    with ParallelMasker(names, KINDS, True, helpers=1, start_at=1) as workers:
        batches = failing()
        workers.run_ahead(batches, 1_000)  # more than the first batch: it reads on, into the failure
        with pytest.raises(duckdb.IOException, match="went away"):
            list(workers.run(batches))  # an error, never a column taken for one with no more text


def test_overlapping_runs_give_the_switch_interval_back(sample: tuple[list[str], list[str]]) -> None:
    # publish-all runs datasets in threads: two runs that overlap, ending in the order they began, leave it as it was.
    names, remarks = sample
    before = sys.getswitchinterval()
    first = ParallelMasker(names, KINDS, True, helpers=0)
    second = ParallelMasker(names, KINDS, True, helpers=0)
    a = first.run(iter([(remarks[:20], [1] * 20), (remarks[20:40], [1] * 20)]))
    b = second.run(iter([(remarks[40:60], [1] * 20), (remarks[60:80], [1] * 20)]))
    next(a)
    next(b)  # both under way
    list(a)  # the first ends while the second runs: still short
    assert sys.getswitchinterval() < before
    list(b)
    assert sys.getswitchinterval() == before
