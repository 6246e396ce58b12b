"""Shared fixtures: an isolated environment and a small departmental dataset in any format."""

from __future__ import annotations

import atexit
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

# The portal tests' published home (a plugin module, so each test file need not import the fixtures).
pytest_plugins = ["tests.portal_fixtures"]

ROOT = Path(__file__).resolve().parent.parent

HEADER = ["站点编号", "站点名称", "所属区县", "启用日期", "客流量"]
ROWS = [
    ["S0001", "五一广场", "鼓楼区", "2026-10-01", "1200"],
    ["S0002", "台江步行街", "台江区", "2026-10-15", "980"],
    ["S0003", "仓山万达", "仓山区", "2026-11-01", "1500"],
    ["S0004", "三坊七巷", "鼓楼区", "2026-11-10", "2100"],
]

SPEC = """\
id: {id}
title: 公交站点信息
provider:
  department: 福州市交通运输局
  contact: 0591-87000000
domain: 交通出行
summary: 福州市公交站点的位置、所属区县与客流信息。
keywords: [公交, 站点]
open_type: general
sharing_type: unconditional
update_frequency: quarterly
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
  - name: opened_on
    source_column: 启用日期
    label: 启用日期
    type: date
  - name: passengers
    source_column: 客流量
    label: 日均客流量
    type: integer
"""


# The public development audit key for every test, module-scoped fixtures included (they run before
# the function-scoped fixture below); a test that needs no key removes it.
os.environ["OPENDATA_INSECURE_DEV_AUDIT_KEY"] = "1"
# Never the developer's real keys (~/.config/opendata/audit.key, pseudonym.key): the default key
# folder is an empty one of this test session (each test gets its own below).
_CONFIG_HOME = tempfile.mkdtemp(prefix="opendata-test-config-")
os.environ["XDG_CONFIG_HOME"] = _CONFIG_HOME
atexit.register(shutil.rmtree, _CONFIG_HOME, ignore_errors=True)  # each session's folder goes with it


@pytest.fixture(autouse=True)
def _isolated_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No test reads the developer's OPENDATA_HOME or writes to ./var."""
    monkeypatch.setenv("OPENDATA_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("OPENDATA_ENGINE", "plain")
    # The public development audit key; its anchor lies beside each test's home (tmp_path).
    monkeypatch.setenv("OPENDATA_INSECURE_DEV_AUDIT_KEY", "1")
    monkeypatch.delenv("OPENDATA_AUDIT_KEY_FILE", raising=False)
    monkeypatch.delenv("OPENDATA_AUDIT_ANCHOR", raising=False)
    # Nor the developer's default key files ($XDG_CONFIG_HOME/opendata/audit.key, pseudonym.key).
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))


def write_csv_with_manifest(path: Path, header: list[str], rows: list[list[str]], provider: str) -> Path:
    """A UTF-8 CSV and its department manifest (sha256, rows, provider, extracted_at) beside it."""
    import hashlib

    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(",".join(r) for r in [header, *rows]) + "\n", encoding="utf-8")
    manifest = {
        "sha256": hashlib.sha256(path.read_bytes()).hexdigest(),
        "rows": len(rows),
        "provider": provider,
        "extracted_at": "2026-11-20T09:00:00+08:00",
    }
    path.with_name(path.name + ".manifest.json").write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
    return path


def write_extract(path: Path, header: list[str] = HEADER, rows: list[list[str]] = ROWS) -> Path:
    """Write the rows in the format the suffix names (.csv UTF-8, .gbk.csv, .xlsx, .json, .jsonl, .parquet)."""
    name = path.name
    if name.endswith(".gbk.csv"):
        text = "\n".join(",".join(r) for r in [header, *rows]) + "\n"
        path.write_bytes(text.encode("gbk"))
    elif name.endswith(".bom.csv"):
        text = "\n".join(",".join(r) for r in [header, *rows]) + "\n"
        path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    elif name.endswith(".csv"):
        path.write_text("\n".join(",".join(r) for r in [header, *rows]) + "\n", encoding="utf-8")
    elif name.endswith(".xlsx"):
        from openpyxl import Workbook

        wb = Workbook()
        ws = wb.active
        ws.append(header)
        for r in rows:
            ws.append(r)
        wb.save(path)
    elif name.endswith(".jsonl"):
        path.write_text("\n".join(json.dumps(dict(zip(header, r)), ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    elif name.endswith(".json"):
        path.write_text(json.dumps([dict(zip(header, r)) for r in rows], ensure_ascii=False), encoding="utf-8")
    elif name.endswith(".parquet"):
        pq.write_table(pa.table({h: [r[i] for r in rows] for i, h in enumerate(header)}), path)
    else:  # pragma: no cover
        raise ValueError(name)
    return path


@pytest.fixture
def dataset(tmp_path: Path) -> Callable[..., Path]:
    """Factory: write an extract and its spec; return the spec path."""

    def make(extract_name: str = "stops.csv", dataset_id: str = "transport-stops", spec_text: str = SPEC, **kw: object) -> Path:
        folder = tmp_path / "dept"
        folder.mkdir(exist_ok=True)
        write_extract(folder / extract_name, **kw)  # type: ignore[arg-type]
        spec = folder / f"{dataset_id}.yaml"
        spec.write_text(spec_text.format(id=dataset_id, source=extract_name), encoding="utf-8")
        return spec

    return make


def run_cli(*args: str, env: dict[str, str] | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run the real `opendata` console script in a subprocess."""
    full_env = {**os.environ, **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "pipelines.cli.main", *args],
        capture_output=True, text=True, env=full_env, cwd=cwd or ROOT, timeout=300,
    )
