"""Fail closed over every row: identifiers planted far from the detection sample still block (issue 13 item 1)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import duckdb
import pytest

from benchmarks.generate import write_extract
from desensitize.detect.sql_rules import SQL_RULES
from tests.conftest import run_cli

ROWS = 50_000
SAMPLE = 1000
PLANTED_ID = "350121194710049702"  # passes GB 11643
PLANTED_MOBILE = "15875749118"


def _sample_rows() -> set[int]:
    """The rows the 1,000-row column sample reads (ordered by hash(_row); the column has no blanks)."""
    con = duckdb.connect()
    rows = con.execute(f"SELECT i FROM range(1, {ROWS + 1}) t(i) ORDER BY hash(i) LIMIT {SAMPLE}").fetchall()
    return {int(r[0]) for r in rows}


def _plant(csv: Path, column: str, values: dict[int, str]) -> None:
    """Replace `column` in the given 1-based data rows, then re-sign the manifest (a department's own edit)."""
    lines = csv.read_text(encoding="utf-8").split("\n")
    index = lines[0].split(",").index(column)
    for row, value in values.items():
        cells = lines[row].split(",")
        cells[index] = value
        lines[row] = ",".join(cells)
    csv.write_text("\n".join(lines), encoding="utf-8")
    manifest = csv.with_name(csv.name + ".manifest.json")
    data = json.loads(manifest.read_text(encoding="utf-8"))
    data["sha256"] = hashlib.sha256(csv.read_bytes()).hexdigest()
    manifest.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


@pytest.fixture(scope="module")
def planted(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A generated 50k-row roll; IDs and mobiles in 经办单位 (published as is) in rows outside the sample."""
    folder = tmp_path_factory.mktemp("roll")
    extract = write_extract(folder, ROWS)
    sample = _sample_rows()
    far = [r for r in range(ROWS - 5000, ROWS) if r not in sample][:6]
    assert not set(far) & sample
    _plant(extract.csv, "经办单位", {
        far[0]: PLANTED_ID, far[1]: f"申请人身份证号{PLANTED_ID}联系电话{PLANTED_MOBILE}", far[2]: PLANTED_MOBILE,
        far[3]: f"联系 {PLANTED_MOBILE[:3]}-{PLANTED_MOBILE[3:7]}-{PLANTED_MOBILE[7:]}",
    })
    return extract.spec


def test_identifiers_outside_the_sample_block_publication(planted: Path, tmp_path: Path) -> None:
    home = tmp_path / "home"
    result = run_cli("publish", str(planted), "--home", str(home), env={"OPENDATA_INSECURE_DEV_KEY": "1", "OPENDATA_ENGINE": "plain"})
    assert result.returncode == 2, result.stderr
    assert "handling_unit" in result.stderr
    assert "resident_id" in result.stderr and "mobile_phone" in result.stderr
    assert "in 2 row(s)" in result.stderr  # the ID: alone, and inside a sentence
    assert "in 3 row(s)" in result.stderr  # the mobile: in the sentence, alone, with dashes
    assert PLANTED_ID not in result.stdout + result.stderr
    assert PLANTED_MOBILE not in result.stdout + result.stderr
    releases = home / "releases"
    assert not releases.exists() or not any(p.is_file() for p in releases.rglob("*"))
    for path in home.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            assert PLANTED_ID.encode() not in data and PLANTED_MOBILE.encode() not in data, path


@pytest.mark.parametrize(
    ("value", "kinds"),
    [
        ("350121194710049702", {"resident_id"}),
        ("身份证35012119471004970X号", set()),  # wrong check character
        ("订单号1350121194710049702", set()),  # inside a longer number
        ("91350100MA2XN0T33N", set()),  # checksum fails
        ("统一社会信用代码91350100M000100Y43", {"company_credit_code"}),
        ("电话+86 158 7574 9118", {"mobile_phone"}),
        ("编号215875749118", set()),
        ("MARM19532350125C03949", set()),  # a licence number, not a mobile inside it
        ("卡号6222021234567890128", {"bank_card"}),
        ("6222 0212 3456 7890 128", {"bank_card"}),
        ("车牌闽A12345停放", {"license_plate"}),
        ("闽ABCDEF", set()),
        ("邮箱 zhang.san@example.com", {"email"}),
        ("鼓楼区民政局", set()),
        ("2026-10-01", set()),
        # round 26: parted as people write them
        ("350121 19471004 9702", {"resident_id"}),
        ("350121-19471004-9702", {"resident_id"}),
        ("350121 19471004 970X", set()),  # wrong check character
        ("923501029510199892", {"company_credit_code"}),  # all digits, a date of the year 0295 where an ID has its birth: no ID
        ("联系158.7574.9118", {"mobile_phone"}),
        ("金额1587.5749元", set()),
        # round 27: the first three in brackets, as an area code is written
        ("联系电话(158)75749118", {"mobile_phone"}),
        ("（158）7574 9118", {"mobile_phone"}),
        ("编号(128)75749118", set()),
    ],
)
def test_sql_detectors(value: str, kinds: set[str]) -> None:
    con = duckdb.connect()
    found = {
        r.kind.value for r in SQL_RULES
        if con.execute(f"SELECT {r.predicate('v')} FROM (SELECT ?::VARCHAR AS v)", [value]).fetchone()[0]  # type: ignore[index]
    }
    assert found == kinds
