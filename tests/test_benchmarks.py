"""The benchmark suite's own machinery: a valid, seeded generator and a runner that produces its table.

No timings are asserted (they depend on the machine); only that the pieces measure what they say.
"""

from __future__ import annotations

import csv
import hashlib
import json
import re
import sys
from datetime import date
from pathlib import Path

import pyarrow as pa
import pytest

from benchmarks import run as bench_run
import numpy as np

from benchmarks.generate import HEADER, _SequenceBook, batches, write_extract
from benchmarks.identifiers import luhn_valid, resident_id_valid
from benchmarks.measure import measure
from pipelines.core.spec import parse_spec

AS_OF = date(2026, 11, 24)


@pytest.fixture(scope="module")
def extract(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    return write_extract(tmp_path_factory.mktemp("bench") / "x", 3000, seed=7, as_of=AS_OF)


@pytest.fixture(scope="module")
def rows(extract) -> list[dict[str, str]]:  # type: ignore[no-untyped-def]
    with extract.csv.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_generator_is_seeded_and_prefix_stable() -> None:
    a = pa.Table.from_batches(list(batches(1200, seed=3, as_of=AS_OF)))
    b = pa.Table.from_batches(list(batches(1200, seed=3, as_of=AS_OF)))
    c = pa.Table.from_batches(list(batches(1200, seed=4, as_of=AS_OF)))
    longer = pa.Table.from_batches(list(batches(2500, seed=3, as_of=AS_OF)))
    assert a.equals(b)
    assert not a.equals(c)
    assert longer.slice(0, 1200).equals(a)  # a smaller extract is the head of a larger one


def test_extract_identifiers_are_valid_and_consistent(extract, rows) -> None:  # type: ignore[no-untyped-def]
    assert extract.csv.read_text(encoding="utf-8").splitlines()[0].split(",") == list(HEADER)
    assert len(rows) == 3000 and all(len(r) == 13 for r in rows)
    for r in rows:
        pid = r["公民身份号码"]
        assert resident_id_valid(pid), "GB 11643 check character"
        assert pid[6:14] == r["出生日期"].replace("-", "")
        assert (int(pid[16]) % 2 == 1) == (r["性别"] == "男")  # odd sequence = male
        assert re.fullmatch(r"1[3-9]\d{9}", r["手机号码"])
        card = r["银行卡号"]
        assert card.startswith("62") and 16 <= len(card) <= 19 and luhn_valid(card)
        assert r["所属区县"] in r["现居住地址"]
    assert any(r["公民身份号码"].endswith("x") for r in rows)  # lower-case x occurs, as in real extracts
    assert len({r["公民身份号码"].upper() for r in rows}) == len(rows)  # the column is declared unique


def test_remarks_mix_personal_prose_and_plain_notes(rows) -> None:  # type: ignore[no-untyped-def]
    remarks = [r["备注"] for r in rows]
    personal = [t for t, r in zip(remarks, rows) if r["姓名"] in t or re.search(r"\d{4}[ -]?\d{4}", t)]
    blank = [t for t in remarks if not t]
    assert 0.25 < len(personal) / len(rows) < 0.45
    assert 0.05 < len(blank) / len(rows) < 0.15
    assert any(re.search(r"1[3-9]\d[ -]\d{4}[ -]\d{4}|\+86 ", t) for t in personal)  # phones as people write them


def test_sequence_book_never_repeats_a_bucket() -> None:
    book = _SequenceBook(np.array([350102, 350104]), as_of_day=20_000)
    area, day = np.full(200, 350102), np.full(200, 10_000)
    men = np.ones(200, dtype=bool)
    first, second = book.assign(area, day, men), book.assign(area, day, men)  # two chunks, one bucket
    seqs = np.concatenate([first, second])
    assert len(set(seqs.tolist())) == 400 and all(s % 2 == 1 for s in seqs)  # distinct, odd for men
    women = book.assign(area, day, ~men)
    assert all(s % 2 == 0 for s in women) and len(set(women.tolist())) == 200


def test_manifest_matches_bytes_and_rows(extract) -> None:  # type: ignore[no-untyped-def]
    manifest = json.loads(extract.manifest.read_text(encoding="utf-8"))
    assert manifest["sha256"] == hashlib.sha256(extract.csv.read_bytes()).hexdigest()
    assert manifest["rows"] == 3000 and manifest["provider"] == "福州市民政局"
    assert manifest["extracted_at"].startswith("2026-11-24")


def test_spec_is_valid_and_maps_every_column(extract) -> None:  # type: ignore[no-untyped-def]
    spec, problems = parse_spec(extract.spec)
    assert problems == [] and spec is not None
    assert [f.source_column for f in spec.fields] == list(HEADER)
    assert spec.privacy.k_anonymity == 5
    assert spec.field("remarks").policy is not None and spec.field("remarks").policy.operator == "scan_text"
    assert spec.field("bank_card").policy is not None and spec.field("bank_card").policy.operator == "drop"


def test_measure_reports_exit_code_and_memory(tmp_path: Path) -> None:
    grow = "import sys, time; b = b'x' * (64 * 2**20); time.sleep(0.5); sys.exit(3)"
    run = measure([sys.executable, "-c", grow], timeout=60)
    assert run.exit_code == 3
    assert run.peak_mib >= 64  # the 64 MiB buffer is seen
    assert 0 < run.cpu_seconds < run.seconds  # it mostly sleeps
    slow = measure([sys.executable, "-c", "import time; time.sleep(30)"], timeout=0.5)
    assert slow.timed_out and slow.seconds < 10


def test_a_child_between_fork_and_exec_is_its_parents_pages_counted_once() -> None:
    # The child forks and sleeps without exec: the same program, the same address space, the parent's 200 MiB
    # shared. Summed as two processes it would read 400 MiB; a sample in the fork window of a subprocess does so.
    fork = (
        "import os, time; b = bytearray(200 * 2**20); b[::4096] = b'x' * len(b[::4096])\n"
        "pid = os.fork()\n"
        "if pid == 0:\n    time.sleep(1.0); os._exit(0)\n"
        "os.waitpid(pid, 0)"
    )
    run = measure([sys.executable, "-c", fork], timeout=60)
    assert run.exit_code == 0
    assert 200 <= run.peak_mib < 300
    assert sum(size for _, size in run.peak_parts) == run.peak_rss  # the composition adds up to the peak
    assert run.peak_composition().startswith("python")


def test_table_ratios() -> None:
    results = [
        bench_run.Result(1000, bench_run.TOOL_FLOOR, 2.0, 100.0, cpu_seconds=3.0),
        bench_run.Result(1000, bench_run.tool_project("plain"), 10.0, 500.0, cpu_seconds=12.0),
        bench_run.Result(1000, bench_run.TOOL_PEER, 400.0, 900.0, notes=["extrapolated"]),
    ]
    text = bench_run.table(results)
    project = next(line for line in text.splitlines() if "opendata publish (plain)" in line)
    cells = [c.strip() for c in project.split("|")]
    assert cells[3:9] == ["10.00", "12.00", "100", "5.0", "0.025", "500"]
    summary = bench_run.targets(results, ["plain"])
    assert "5.0× the floor ✓" in summary and "CPU time 4.0× the floor's" in summary


def test_marginal_time_per_row_cancels_the_fixed_start_up() -> None:
    plain = bench_run.tool_project("plain")
    # 1 s of start-up plus 10 µs a row, then 12 µs a row beyond 1M
    results = [
        bench_run.Result(100_000, plain, 2.0, 1.0, cpu_seconds=2.0),
        bench_run.Result(1_000_000, plain, 11.0, 1.0, cpu_seconds=11.0),
        bench_run.Result(10_000_000, plain, 119.0, 1.0, cpu_seconds=119.0),
    ]
    summary = bench_run.targets(results, ["plain"])
    assert "marginal time per extra row: 100,000→1,000,000: 10.0 µs; 1,000,000→10,000,000: 12.0 µs" in summary


def test_runner_smoke(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    code = bench_run.main(["--rows", "2000", "--no-peer", "--engines", "plain", "--as-of", AS_OF.isoformat(),
                           "--workdir", str(tmp_path / "work"), "--out", str(out)])
    assert code == 0
    results = json.loads((out / "results.json").read_text(encoding="utf-8"))
    tools = [r["tool"] for r in results]
    assert tools == [bench_run.TOOL_FLOOR, bench_run.tool_project("plain")]
    floor, project = results
    assert floor["exit_code"] == 0 and floor["seconds"] > 0
    # The publication either finishes or is stopped by a gate (exit 2): never a crash or a bad spec.
    assert project["exit_code"] in (0, 2), project["notes"]
    if project["exit_code"] == 0:
        assert {"ingest", "quality"} <= set(project["extra"]["steps"])  # step times read back from the audit log
    text = (out / "results.md").read_text(encoding="utf-8")
    assert "| 2,000 | floor: DuckDB" in text and "opendata publish (plain)" in text


def test_peer_runs_capped(extract, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    pytest.importorskip("presidio_structured")
    from benchmarks import peer_presidio

    report = peer_presidio.run(extract.csv, cap=0.01, out_dir=tmp_path, rows_total=3000, chunk_rows=1000)
    assert report["extrapolated"] and report["rows_processed"] == 1000  # stopped after the first chunk
    assert report["seconds"] > report["run_seconds"]  # scaled up to all rows
    assert report["entity_mapping"].get("公民身份号码") == "resident_id"
    assert report["recognizers"].startswith("project")
    with (tmp_path / "peer.csv").open(encoding="utf-8") as fh:
        assert sum(1 for _ in fh) == report["rows_processed"] + 1
