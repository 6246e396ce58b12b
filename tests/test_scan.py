"""`scan`: column table, JSON, and a draft spec that validates as written, on the sample extracts."""

from __future__ import annotations

import csv
import io
import json
from contextlib import redirect_stdout
from pathlib import Path

import pytest
from rich.console import Console

from desensitize.scan import draft_spec_yaml, render_scan_table, scan_json
from pipelines.cli.scan import scan_command
from pipelines.runner.scan import scan_extract
from pipelines.runner.specs import parse_spec
from tests.test_detect_rules import CARD_62, VALID_ID, make_id

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted(p for p in (ROOT / "sample_data").glob("*") if p.is_file() and not p.name.endswith(".manifest.json"))


@pytest.fixture()
def extract(tmp_path: Path) -> Path:
    """A small person-level extract with synonym headers and personal data in the remarks."""
    rows = [["序号", "户主姓名", "性别", "公民身份号码", "联系方式", "出生年月", "区县", "现居住地址", "开户账号", "保障金额", "情况说明"]]
    names = ["张伟", "王秀英", "李娜", "陈静", "林晓峰", "欧阳明轩", "郑丽娟", "黄一鸣"]
    for i in range(40):
        rows.append([
            str(i + 1), names[i % 8], "男女"[i % 2], make_id(f"3501021985031{i % 10}00"), f"+86 138 {1000 + i} 5678",
            f"1985-03-{i % 28 + 1:02d}", ["鼓楼区", "台江区"][i % 2], f"福州市鼓楼区五四路{i + 1}号", CARD_62, str(500 + i),
            f"其子张{names[i % 8][-1]}在读，联系电话1391234{i:04d}" if i % 3 == 0 else "家庭困难，子女就学。",
        ])
    path = tmp_path / "extract.csv"
    with path.open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows(rows)
    return path


def test_scan_generated_extract(extract: Path, tmp_path: Path) -> None:
    result = scan_extract(extract)
    by = {c.header: c for c in result.columns}
    assert by["户主姓名"].detection.kind.value == "person_name"  # type: ignore[union-attr]
    assert by["公民身份号码"].detection.evidence["value_rule"] == "resident_id_checksum"
    assert by["联系方式"].detection.kind.value == "mobile_phone"  # type: ignore[union-attr]
    assert by["开户账号"].policy == {"operator": "drop"}
    assert by["情况说明"].detection.free_text and by["情况说明"].policy == {"operator": "scan_text"}
    assert result.person_level and result.quasi_identifiers == ["gender", "birth_month", "district"]
    # no value reaches the JSON or the table
    text = json.dumps(scan_json(result), ensure_ascii=False)
    console = Console(record=True, width=200)
    console.print(render_scan_table(result))
    text += console.export_text()
    for value in ("张伟", VALID_ID[:10], "138 1000", CARD_62, "五四路"):
        assert value not in text


def test_draft_spec_is_valid_as_written(extract: Path, tmp_path: Path) -> None:
    out = tmp_path / "specs" / "draft.yaml"
    buf = io.StringIO()
    with redirect_stdout(buf):
        assert scan_command(extract, out, as_json=True) == 0
    assert json.loads(buf.getvalue())["person_level"] is True
    spec, problems = parse_spec(out)
    assert problems == [] and spec is not None
    assert spec.source_path(out) == extract.resolve()
    assert [f.source_column for f in spec.fields] == next(csv.reader(extract.open(encoding="utf-8")))
    assert spec.privacy.k_anonymity == 5 and "gender" in spec.privacy.quasi_identifiers
    text = out.read_text(encoding="utf-8")
    assert "待填写" in spec.title and "# TODO(reviewer)" in text
    # The operator's own default for names keeps the surname, compound surnames included.
    householder = spec.field("householder").policy
    assert householder is not None and householder.operator == "partial_mask" and householder.params == {}
    assert "张伟" not in text and CARD_62 not in text


@pytest.mark.skipif(not SAMPLES, reason="no sample extracts yet")
@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.name)
def test_scan_sample_extracts(sample: Path, tmp_path: Path) -> None:
    result = scan_extract(sample)
    assert result.rows > 0 and result.columns
    out = tmp_path / f"{sample.stem}.yaml"
    out.write_text(draft_spec_yaml(result, sample, out), encoding="utf-8")
    spec, problems = parse_spec(out)
    assert problems == [], [str(p) for p in problems]
    assert spec is not None and len(spec.fields) == len(result.columns)
    for c, f in zip(result.columns, spec.fields):
        assert f.source_column == c.header
        if c.detection.kind is not None and not c.detection.kind.is_public:
            assert f.policy is not None  # every detected personal or secret column has a policy


def _table_text(path: Path, width: int) -> str:
    console = Console(record=True, width=width)
    console.print(render_scan_table(scan_extract(path), width))
    return console.export_text()


def test_scan_table_fits_80_columns_without_breaking_words() -> None:
    sample = ROOT / "sample_data" / "civil-affairs-low-income.csv"
    text = _table_text(sample, 80)
    assert max(len(line) for line in text.splitlines()) <= 80
    for word in ("resident_id_checksum", "person_name_shape", "partial_mask", "pseudonymize", "current_address", "generalize"):
        assert word in text, word  # whole, not folded across lines
    # No confidence where no rule matched: 性别 has none
    gender = next(line for line in text.splitlines() if "gender ·" in line)
    assert "0.90" not in gender and "—" in gender
    wide = _table_text(sample, 200)
    assert "confidence" in wide and "0.90" not in next(line for line in wide.splitlines() if "性别" in line)


def test_person_level_without_quasi_identifier_says_what_to_do(tmp_path: Path) -> None:
    path = tmp_path / "people.csv"
    names = ["张伟", "王秀英", "李娜", "陈静", "林晓峰", "欧阳明轩", "郑丽娟", "黄一鸣"]
    rows = [["姓名", "手机号"]] + [[names[i % 8], f"1381234{i:04d}"] for i in range(40)]
    with path.open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows(rows)
    text = " ".join(_table_text(path, 200).split())
    assert "no quasi-identifier found" not in text.split("person-level")[0]
    assert "k=5 on no" not in text and "list the columns that could single out a person together" in text
