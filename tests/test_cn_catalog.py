"""`opendata catalog export --format cn-catalog`: the national 政务信息资源目录 as the upload workbook and as JSON."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

from openpyxl import load_workbook

from pipelines.store.cn_catalog import ITEM_COLUMNS, RESOURCE_COLUMNS
from tests.conftest import ROOT, run_cli

ENV = {"OPENDATA_INSECURE_DEV_KEY": "1", "OPENDATA_ENGINE": "plain"}
SPECS = ROOT / "catalog_specs"


def test_workbook_has_a_resource_sheet_and_an_item_sheet_filled_from_specs_and_registry(tmp_path: Path) -> None:
    home = tmp_path / "home"
    published = run_cli("publish", str(SPECS / "transport-bus-stops.yaml"), "--home", str(home), env=ENV)
    assert published.returncode == 0, published.stderr
    release_day = Path(published.stdout.strip().splitlines()[-1]).name.split(".")[0]  # versions are YYYY-MM-DD.N

    out = tmp_path / "export" / "目录.xlsx"
    result = run_cli("catalog", "export", "--format", "cn-catalog", "--out", str(out), "--home", str(home), env=ENV)
    assert result.returncode == 0, result.stderr
    book = load_workbook(out)
    assert book.sheetnames == ["信息资源", "信息项"]
    rows = list(book["信息资源"].iter_rows(values_only=True))
    assert rows[0] == RESOURCE_COLUMNS and len(rows) == 1 + 6
    by_code = {r[2]: dict(zip(RESOURCE_COLUMNS, r)) for r in rows[1:]}
    stops = by_code["318001003/000001"]
    assert stops["信息资源名称"] == "福州市公交站点信息"
    assert stops["信息资源分类"] == "部门信息资源/交通运输/公共交通/公交站点"
    assert stops["信息资源提供方"] == "福州市交通运输局" and stops["提供方代码"] == "11350100003588794E"
    assert stops["共享类型"] == "无条件共享" and stops["共享方式"] == "共享平台方式（文件下载）"
    assert stops["是否向社会开放"] == "是" and stops["更新周期"] == "每季度"
    assert stops["发布日期"] == release_day, "the date of the newest published release, from the registry"
    low_income = by_code["305012001/000001"]
    assert low_income["发布日期"] == "未发布"
    assert low_income["共享类型"] == "有条件共享" and "（依据：《社会救助暂行办法》" in low_income["共享条件"]
    assert low_income["开放条件"].startswith("授权开放：仅向经审核的科研机构")
    assets = by_code["308003001/000001"]
    assert assets["是否向社会开放"] == "否" and assets["开放条件"].startswith("不予开放：涉及部门人员、财务、资产")
    assert assets["共享类型"] == "暂不共享" and assets["共享方式"] == "无"
    assert by_code["312004001/000001"]["关联资源代码"] == "315002001/000001"
    assert all(value not in (None, "") for row in rows[1:] for value in row), "no blank cell"

    items = list(book["信息项"].iter_rows(values_only=True))
    assert items[0] == ITEM_COLUMNS
    stop_items = [r for r in items[1:] if r[0] == "318001003/000001"]
    assert stop_items[0][2:] == (1, "站点编号", "字符型C", "stop_id")
    assert {r[4] for r in items[1:]} <= {"字符型C", "数值型N", "日期型D", "日期时间型T", "逻辑型L"}
    assert [p.name for p in out.parent.iterdir()] == ["目录.xlsx"], "written by rename, no temp file left"


def test_json_export_to_a_file_and_to_stdout(tmp_path: Path) -> None:
    out = tmp_path / "cn.json"
    result = run_cli("catalog", "export", "--format", "cn-catalog", "--out", str(out), env=ENV)
    assert result.returncode == 0, result.stderr
    document = json.loads(out.read_text(encoding="utf-8"))
    printed = run_cli("catalog", "export", "--format", "cn-catalog", env=ENV)
    assert printed.returncode == 0 and json.loads(printed.stdout) == document
    records = document["信息资源"]
    assert [r["信息资源代码"] for r in records] == sorted(r["信息资源代码"] for r in records)
    summary = next(r for r in records if r["信息资源代码"] == "305012001/000001")["信息资源摘要"]
    assert "、月保障金额" in summary, "the space YAML folding puts between Chinese lines is dropped"
    assert all(set(r) == {*RESOURCE_COLUMNS, "信息项"} for r in records)


def test_a_spec_without_the_national_fields_is_refused_with_file_and_line(dataset: Callable[..., Path], tmp_path: Path) -> None:
    spec = dataset()  # a valid spec, but with no provider.code and no national_catalog
    specs = tmp_path / "specs"
    specs.mkdir()
    shutil.copy(SPECS / "transport-bus-stops.yaml", specs / "transport-bus-stops.yaml")
    text = (specs / "transport-bus-stops.yaml").read_text(encoding="utf-8")
    (specs / "transport-bus-stops.yaml").write_text(text.replace("../sample_data/", str(ROOT / "sample_data") + "/"), encoding="utf-8")
    shutil.copy(spec, specs / spec.name)
    (specs / spec.name).write_text(spec.read_text(encoding="utf-8").replace("path: ", f"path: {spec.parent}/", 1), encoding="utf-8")
    out = tmp_path / "cn.xlsx"
    result = run_cli("catalog", "export", "--format", "cn-catalog", "--specs", str(specs), "--out", str(out), env=ENV)
    assert result.returncode == 1, result.stdout
    assert f"{specs / spec.name}:3: provider.code (提供方代码) is required" in result.stderr
    assert f"{specs / spec.name}:1: national_catalog" in result.stderr
    assert not out.exists(), "nothing is written when a spec is refused"


def test_bad_usage_exits_1(tmp_path: Path) -> None:
    assert run_cli("catalog", "export", "--format", "ckan", env=ENV).returncode == 1
    result = run_cli("catalog", "export", "--format", "cn-catalog", "--out", str(tmp_path / "x.csv"), env=ENV)
    assert result.returncode == 1 and ".xlsx or .json" in result.stderr
