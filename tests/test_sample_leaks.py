"""Leak test on the real sample extracts: publish civil-affairs-low-income and market-penalties as they
ship (sample_data/, catalog_specs/) and check that nothing personal survives in the free-text columns.

The ground truth is re-derived from the extracts, not from the detector: every person-name, ID, phone
and card column of the same dataset, the person columns of the other sample datasets (the generator
draws every name from one pool: surnames × faker given names, so a remark's family member or agent is
often someone's name elsewhere), and shape regexes for IDs, phones, cards and plates. A remark that
holds none of these is plain administrative text and must come out unchanged.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterable
from pathlib import Path

import duckdb
import pytest

from desensitize.detect.rules import PLATE_PROVINCES
from pipelines.runner.publish import run_plain

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "sample_data"
SPECS = ROOT / "catalog_specs"

# Shapes of the identifiers the generator writes into remarks; `\b` does not work next to CJK.
SHAPES = {
    "resident_id": re.compile(r"(?<![0-9A-Za-z])[1-9]\d{16}[\dXx](?![0-9A-Za-z])"),
    "bank_card": re.compile(r"(?<!\d)\d{16,19}(?!\d)"),
    "mobile_phone": re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)"),
    "landline_phone": re.compile(r"(?<!\d)0\d{2,3}-\d{7,8}(?!\d)"),
    "license_plate": re.compile(rf"[{PLATE_PROVINCES}][A-HJ-NP-Z][A-HJ-NP-Z0-9]{{5,6}}(?![0-9A-Za-z])"),
}
TAG = re.compile(r"\[[^\[\]]+\]")

pytestmark = pytest.mark.skipif(not (SAMPLE / "civil-affairs-low-income.csv").exists(), reason="no sample extracts")


def _csv(name: str, encoding: str) -> list[dict[str, str]]:
    with (SAMPLE / name).open(encoding=encoding, newline="") as fh:
        return list(csv.DictReader(fh))


def _xlsx(name: str) -> list[dict[str, str]]:
    from openpyxl import load_workbook

    sheet = load_workbook(SAMPLE / name, read_only=True).active
    rows = sheet.iter_rows(values_only=True)  # type: ignore[union-attr]
    header = [str(h) for h in next(rows)]
    return [{h: "" if v is None else str(v) for h, v in zip(header, row)} for row in rows]


def _column(rows: Iterable[dict[str, str]], column: str) -> set[str]:
    return {r[column].strip() for r in rows if r.get(column) and r[column].strip()}


@pytest.fixture(scope="module")
def truth() -> dict[str, object]:
    """Source remarks of both datasets and the personal values any of them may hold."""
    civil = _csv("civil-affairs-low-income.csv", "gbk")
    penalties = _xlsx("market-penalties.xlsx")
    tax = json.loads((SAMPLE / "tax-enterprise-summary.json").read_text(encoding="utf-8"))
    clinics = [json.loads(line) for line in (SAMPLE / "health-clinic-licences.jsonl").read_text(encoding="utf-8").splitlines()]
    assets = duckdb.sql(f"SELECT 使用人, 车牌号 FROM '{SAMPLE / 'finance-internal-assets.parquet'}'").fetchall()
    names = (
        _column(civil, "姓名") | _column(penalties, "法定代表人") | _column(tax, "办税人员")
        | _column(clinics, "负责人") | {a for a, _ in assets if a}
    )
    values = (
        _column(civil, "公民身份号码") | _column(civil, "联系电话") | _column(civil, "银行卡号")
        | _column(penalties, "法定代表人身份证号") | _column(tax, "办税人员电话") | {p for _, p in assets if p}
    )
    return {
        "remarks": {"civil-affairs-low-income": [r["备注"] for r in civil], "market-penalties": [r["备注"] for r in penalties]},
        "content": [r["处罚内容"] for r in penalties],
        "check": Truth(names, values),
    }


@pytest.fixture(scope="module")
def released(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, list[str]]]:
    """Both sample specs published without Prefect into a fresh home; their free-text columns."""
    home = tmp_path_factory.mktemp("home")
    out: dict[str, dict[str, list[str]]] = {}
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("OPENDATA_ENGINE", "plain")
        mp.setenv("OPENDATA_INSECURE_DEV_KEY", "1")
        mp.setenv("OPENDATA_HOME", str(home))
        for dataset, columns in (("civil-affairs-low-income", "remarks"), ("market-penalties", "remarks, penalty_content")):
            release = run_plain(SPECS / f"{dataset}.yaml", home=home)
            table = duckdb.sql(f"SELECT {columns} FROM '{release / 'data.parquet'}'").fetchall()
            names = [c.strip() for c in columns.split(",")]
            out[dataset] = {name: [row[i] or "" for row in table] for i, name in enumerate(names)}
    return out


def _pieces(text: str, lengths: Iterable[int]) -> set[str]:
    """Every substring of `text` of the given lengths (a set lookup per piece, not a scan per name)."""
    return {text[i:i + n] for n in lengths for i in range(len(text) - n + 1)}


class Truth:
    """The personal values of the sample extracts, and a check of one text against them."""

    def __init__(self, names: set[str], values: set[str]) -> None:
        self.names, self.values = names, values
        self.name_lengths = {len(n) for n in names}
        self.value_lengths = {len(v) for v in values}

    def personal(self, text: str) -> list[str]:
        """What in `text` is personal: the kinds of shapes found, then the names and column values in it."""
        found = [kind for kind, rx in SHAPES.items() if rx.search(text)]
        found += sorted(_pieces(text, self.name_lengths) & self.names)
        found += sorted(_pieces(text, self.value_lengths) & self.values)
        return found


@pytest.mark.parametrize("dataset", ["civil-affairs-low-income", "market-penalties"])
def test_no_personal_value_survives_in_remarks(dataset: str, truth: dict, released: dict) -> None:
    check: Truth = truth["check"]
    source = truth["remarks"][dataset]
    # The ground truth is not empty: the remarks of both datasets name people and carry their numbers.
    personal_rows = [t for t in source if check.personal(t)]
    rows, cells = len(personal_rows), len(source)
    assert rows > 0.2 * cells
    people = len(set().union(*(_pieces(t, check.name_lengths) for t in personal_rows)) & check.names)
    assert people > 100
    leaks: dict[str, int] = {}
    for text in released[dataset]["remarks"]:
        for found in check.personal(text):
            kind = found if found in SHAPES else "person_name" if found in check.names else "column value"
            leaks[kind] = leaks.get(kind, 0) + 1
    # Counts per kind only: the message never shows a value.
    assert leaks == {}, f"{dataset}: personal data left in released remarks (kind: cells) {leaks}"


@pytest.mark.parametrize("dataset", ["civil-affairs-low-income", "market-penalties"])
def test_plain_remarks_come_out_unchanged(dataset: str, truth: dict, released: dict) -> None:
    check: Truth = truth["check"]
    plain = {t for t in truth["remarks"][dataset] if t and not check.personal(t)}
    assert 5 <= len(plain) <= 20  # the generator's fixed administrative notes
    out = released[dataset]["remarks"]
    untouched = {t for t in out if not TAG.search(t)}
    # Every plain note is published as it was, and every other remark had something replaced. (Counts
    # only in the assertions: a failure never prints a remark.)
    missing, unexpected = len(plain - untouched), len(untouched - plain - {""})
    assert missing == 0 and unexpected == 0
    published_plain, cells = sum(t in plain for t in out), len(out)
    assert published_plain > 0.5 * cells


def test_penalty_content_is_administrative_text(truth: dict, released: dict) -> None:
    """处罚内容 (罚款人民币20,000.00元 …) is scanned too and holds no personal data: nothing is replaced."""
    out = released["market-penalties"]["penalty_content"]
    tagged, changed = sum(bool(TAG.search(t)) for t in out), len(set(out) - set(truth["content"]) - {""})
    assert len(out) > 1000 and tagged == 0 and changed == 0


def test_tags_keep_the_remark_readable(released: dict) -> None:
    """Replacements are whole tags in the remark's own words: 家庭成员[姓名]身份证[身份证号]变更, never a
    tag glued to a left-over character of a name (家庭成员[姓名]梅…) or a plate (…车辆[车牌号]已报废)."""
    civil = released["civil-affairs-low-income"]["remarks"]
    penalties = released["market-penalties"]["remarks"]
    expected = [
        (civil, "家庭成员", "家庭成员[姓名]身份证[身份证号]变更"),
        (civil, "经核查，户主", "经核查，户主[姓名]名下登记车辆[车牌号]已报废注销，符合条件"),
        (civil, "社区网格员", "社区网格员[姓名]入户核查，联系电话[固定电话]"),
        (civil, "委托", "委托[姓名]代为领取保障金，代领人电话[手机号]"),
        (penalties, "扣押运输车辆", "扣押运输车辆[车牌号]，已依法返还当事人[姓名]"),
        (penalties, "法定代表人", "法定代表人[姓名]当场签收处罚决定书"),
        (penalties, "举报人", "举报人[姓名]来电[手机号]反映，经查属实"),
    ]
    for texts, start, form in expected:
        rows = sum(t.startswith(start) for t in texts)
        other = sum(t.startswith(start) and t != form for t in texts)
        assert rows > 20 and other == 0, start  # counts only: a failure never prints a remark
