"""Releases people open in Excel: pseudonyms no spreadsheet reads as a number, and data.xlsx beside
data.csv with the Chinese labels as headers and every cell typed (identifiers as text)."""

from __future__ import annotations

import csv
import json
import re
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from pipelines.runner.publish import run_plain
from tests.conftest import ROOT

# What Excel and LibreOffice turn into a number: digits, a decimal point, an exponent.
NUMERIC = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")


@pytest.fixture(scope="module")
def release(tmp_path_factory: pytest.TempPathFactory) -> Path:
    mp = pytest.MonkeyPatch()
    mp.setenv("OPENDATA_INSECURE_DEV_KEY", "1")
    mp.setenv("OPENDATA_ENGINE", "plain")
    try:
        home = tmp_path_factory.mktemp("home")
        return run_plain(ROOT / "catalog_specs" / "civil-affairs-low-income.yaml", None, home)
    finally:
        mp.undo()


def test_no_pseudonym_reads_as_a_number(release: Path) -> None:
    with (release / "data.csv").open(encoding="utf-8-sig", newline="") as fh:
        tokens = [row["resident_id"] for row in csv.DictReader(fh)]
    assert len(tokens) > 5000
    assert all(t.startswith("P") and not NUMERIC.fullmatch(t) for t in tokens)


def test_workbook_has_chinese_headers_and_typed_cells(release: Path) -> None:
    package = json.loads((release / "datapackage.json").read_text(encoding="utf-8"))
    resources = {r["path"]: r for r in package["resources"]}
    fields = resources["data.csv"]["schema"]["fields"]
    with (release / "data.csv").open(encoding="utf-8-sig", newline="") as fh:
        assert next(csv.reader(fh)) == [f["name"] for f in fields], "data.csv stays machine-readable"
    assert resources["data.xlsx"]["format"] == "xlsx"
    provenance = json.loads((release / "provenance.json").read_text(encoding="utf-8"))
    assert "data.xlsx" in provenance["files"]

    sheet = load_workbook(release / "data.xlsx", read_only=False)["数据 data"]
    rows = sheet.iter_rows(min_row=1, max_row=3)
    header = [c.value for c in next(rows)]
    assert header == [f["title"] for f in fields] and "公民身份号码" in header and "resident_id" not in header
    first = next(rows)
    cells = dict(zip(header, first))
    assert cells["公民身份号码"].data_type == "s" and cells["公民身份号码"].number_format == "@"
    assert isinstance(cells["家庭人口"].value, int) and isinstance(cells["月保障金额（元）"].value, (int, float))
    assert cells["批准日期"].is_date and cells["批准日期"].value.date() <= date.today()
    assert sheet.max_row == len((release / "data.csv").read_text(encoding="utf-8-sig").splitlines())


def _nodes(value: object) -> list[dict[str, object]]:
    """Every JSON object inside `value`, depth first."""
    if isinstance(value, dict):
        return [value] + [n for v in value.values() for n in _nodes(v)]
    if isinstance(value, list):
        return [n for v in value for n in _nodes(v)]
    return []


def test_the_catalog_names_the_workbook_as_a_spreadsheet(release: Path) -> None:
    home = release.parent.parent.parent
    catalog = json.loads((home / "catalog.jsonld").read_text(encoding="utf-8"))
    workbooks = [n for n in _nodes(catalog) if n.get("@type") == "dcat:Distribution" and n.get("dct:title") == "data.xlsx"]
    assert workbooks
    for node in workbooks:
        media = node["dcat:mediaType"]
        assert isinstance(media, dict)
        assert str(media["@id"]).endswith("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
