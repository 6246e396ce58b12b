"""Small datasets for the orchestration tests: one without personal data, one person-level.

Each extract has its department manifest, so the authenticity check passes. The stops dataset has
no pii and no policy (it publishes under any version of the masking step); the residents dataset
masks names, phones and ids and asks for k-anonymity over birth date, gender and district.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import duckdb
import pytest
from tests.conftest import write_csv_with_manifest as write_csv

ROOT = Path(__file__).resolve().parent.parent

STOPS_HEADER = ["站点编号", "站点名称", "所属区县"]
DISTRICTS = ["鼓楼区", "台江区", "仓山区", "晋安区", "马尾区"]

STOPS_SPEC = """\
id: {id}
title: 公交站点信息
provider:
  department: 福州市交通运输局
  contact: 0591-87000000
domain: 交通出行
summary: 福州市公交站点的名称与所属区县，供出行查询使用。
keywords: [公交, 站点]
open_type: {open_type}
{extra}sharing_type: unconditional
update_frequency: {frequency}
source:
  path: {source}
fields:
  - name: stop_id
    source_column: 站点编号
    label: 站点编号
    required: true
    unique: true
  - name: stop_name
    source_column: 站点名称
    label: 站点名称
  - name: district
    source_column: 所属区县
    label: 所属区县
"""

RESIDENTS_HEADER = ["证件号", "姓名", "手机号", "出生日期", "性别", "所属区县", "补贴金额"]
SURNAMES = "王李张刘陈杨黄赵吴周林郑"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平"

RESIDENTS_SPEC = """\
id: {id}
title: 高龄津贴发放名单
provider:
  department: 福州市民政局
  contact: 0591-83300000
domain: 社会保障
summary: 福州市高龄津贴的逐人发放记录（已脱敏，满足 k-匿名）。
open_type: authorized
open_conditions: 仅限科研机构用于公益研究，须签署数据使用协议
sharing_type: conditional
legal_basis: 《福建省老年人权益保障条例》
update_frequency: monthly
source:
  path: {source}
fields:
  - name: person_id
    source_column: 证件号
    label: 人员标识
    required: true
    unique: true
    pii: resident_id
    policy: pseudonymize
  - name: person_name
    source_column: 姓名
    label: 姓名
    pii: person_name
    policy: partial_mask
  - name: phone
    source_column: 手机号
    label: 联系电话
    pii: mobile_phone
    policy: partial_mask
  - name: birth_date
    source_column: 出生日期
    label: 出生日期
    type: date
    pii: birth_date
    policy: {{operator: generalize, to: year_month}}
  - name: gender
    source_column: 性别
    label: 性别
    enum: [男, 女]
  - name: district
    source_column: 所属区县
    label: 所属区县
  - name: amount
    source_column: 补贴金额
    label: 补贴金额（元）
    type: number
privacy:
  k_anonymity: 4
  quasi_identifiers: [birth_date, gender, district]
  max_suppression: 0.05
"""


_HARNESS: dict[str, Any] = {"users": 0}


@pytest.fixture(scope="session")
def prefect_api() -> Iterator[None]:
    """One Prefect test server (`prefect_test_harness`: a temporary SQLite database) per session.

    Test modules import this fixture; pytest then makes one instance per module, so the harness
    itself is shared by reference count and started once.
    """
    from prefect.testing.utilities import prefect_test_harness

    if _HARNESS["users"] == 0:
        stack = ExitStack()
        stack.enter_context(prefect_test_harness(server_startup_timeout=180))
        _HARNESS["stack"] = stack
    _HARNESS["users"] += 1
    try:
        yield
    finally:
        _HARNESS["users"] -= 1
        if _HARNESS["users"] == 0:
            _HARNESS.pop("stack").close()


def stops_dataset(folder: Path, dataset_id: str = "bus-stops", *, rows: int = 40, frequency: str = "monthly", open_type: str = "general") -> Path:
    """Write a non-personal extract and its spec under `folder`; return the spec path."""
    source = f"{dataset_id}.csv"
    data = [[f"S{i:05d}", f"站点{i}", DISTRICTS[i % len(DISTRICTS)]] for i in range(1, rows + 1)]
    write_csv(folder / source, STOPS_HEADER, data, "福州市交通运输局")
    extra = "not_open_reason: security\n" if open_type == "not-open" else ""
    spec = folder / f"{dataset_id}.yaml"
    spec.write_text(STOPS_SPEC.format(id=dataset_id, open_type=open_type, extra=extra, frequency=frequency, source=source), encoding="utf-8")
    return spec


def resident_id(rng: random.Random, birth: str, male: bool) -> str:
    """A valid resident id (GB 11643) for that birth date and gender."""
    body = f"{rng.choice(['350102', '350103', '350104', '350111'])}{birth.replace('-', '')}{rng.randint(0, 49) * 2 + (1 if male else 0):03d}"
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    return body + "10X98765432"[sum(int(d) * w for d, w in zip(body, weights)) % 11]


def resident_rows(n: int, seed: int = 7) -> list[list[str]]:
    """Person-level rows: common (birth month, gender, district) classes plus rare ones to suppress."""
    rng = random.Random(seed)
    rows: list[list[str]] = []
    seen: set[str] = set()
    for i in range(n):
        male = rng.random() < 0.5
        # Most people in a few birth months; one in twelve in a month of their own (a rare class).
        if i % 12 == 0:
            birth = f"19{rng.randint(20, 45)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        else:
            birth = f"194{rng.randint(0, 2)}-0{rng.randint(1, 3)}-{rng.randint(1, 28):02d}"
        name = rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN)
        rid = resident_id(rng, birth, male)
        while rid in seen:
            rid = resident_id(rng, birth, male)
        seen.add(rid)
        rows.append([
            rid, name, f"13{rng.randint(500000000, 999999999)}", birth,
            "男" if male else "女", DISTRICTS[rng.randint(0, 2 if i % 5 else 4)], f"{rng.randint(100, 500)}.00",
        ])
    return rows


def residents_dataset(folder: Path, dataset_id: str = "elderly-allowance", *, rows: int = 600) -> Path:
    """Write the person-level extract and its spec under `folder`; return the spec path."""
    source = f"{dataset_id}.csv"
    write_csv(folder / source, RESIDENTS_HEADER, resident_rows(rows), "福州市民政局")
    spec = folder / f"{dataset_id}.yaml"
    spec.write_text(RESIDENTS_SPEC.format(id=dataset_id, source=source), encoding="utf-8")
    return spec


def release_rows(folder: Path) -> list[tuple[Any, ...]]:
    """Every row of a release's data.parquet, in file order."""
    with duckdb.connect() as con:
        return con.execute(f"SELECT * FROM read_parquet('{folder / 'data.parquet'}')").fetchall()


def provenance(folder: Path) -> dict[str, Any]:
    """A release's provenance.json."""
    return json.loads((folder / "provenance.json").read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def registry(home: Path, sql: str) -> list[tuple[Any, ...]]:
    """Rows of a query on the home's registry, opened read-only."""
    with duckdb.connect(str(home / "opendata.duckdb"), read_only=True) as con:
        return con.execute(sql).fetchall()


def publish_all_at_once(specs: list[Path], home: Path, engine: str = "plain", env: dict[str, str] | None = None) -> list[subprocess.CompletedProcess[str]]:
    """Start one `opendata publish --force` process per spec at the same moment; wait for all.

    --force: these tests publish one spec several times at once to test concurrency; without it a
    run that starts after another finished would rightly publish nothing (unchanged).
    """
    env = {**(env or os.environ), "OPENDATA_ENGINE": engine}
    started = time.monotonic()
    running = [
        subprocess.Popen(
            [sys.executable, "-m", "pipelines.cli.main", "publish", str(spec), "--home", str(home), "--force"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT, env=env,
        )
        for spec in specs
    ]
    done = []
    for p in running:
        out, err = p.communicate(timeout=400)
        done.append(subprocess.CompletedProcess(p.args, p.returncode, out, err))
    print(f"{len(specs)} parallel {engine} publications: {time.monotonic() - started:.1f} s")
    return done


def assert_consistent(home: Path, done: list[subprocess.CompletedProcess[str]]) -> list[tuple[str, str]]:
    for d in done:
        assert d.returncode == 0, d.stderr
        assert "Traceback" not in d.stderr and "locked" not in d.stderr.lower(), d.stderr
    folders = [Path(d.stdout.strip().splitlines()[-1]) for d in done]
    assert all(f.is_dir() for f in folders)
    rows = registry(home, "SELECT dataset_id, version, status FROM releases ORDER BY dataset_id, version")
    assert sorted((f.parent.name, f.name) for f in folders) == [(r[0], r[1]) for r in rows]
    assert len(set(rows)) == len(done), "every version distinct"
    files = registry(home, "SELECT dataset_id, version, count(*) FROM release_files GROUP BY ALL")
    expected = {(f.parent.name, f.name): sum(1 for p in f.iterdir() if p.is_file()) for f in folders}
    assert {(d, v): n for d, v, n in files} == expected, "every file of every release registered"
    verify = subprocess.run(
        [sys.executable, "-m", "pipelines.cli.main", "audit", "verify", "--home", str(home)],
        capture_output=True, text=True, cwd=ROOT, timeout=120,
    )
    assert verify.returncode == 0, verify.stdout + verify.stderr
    return [(r[0], r[1]) for r in rows]
