"""Chinese prose in specs gets no spaces from YAML: folded blocks join Chinese lines directly, and
drafts write every value on one line (no folding at all)."""

from __future__ import annotations

import csv
from pathlib import Path

from desensitize.scan import draft_spec_yaml
from pipelines.runner.scan import scan_extract
from pipelines.core.spec import load_spec, parse_spec
from tests.conftest import ROOT


def test_sample_specs_have_no_space_inside_chinese_prose() -> None:
    spec = load_spec(ROOT / "catalog_specs" / "civil-affairs-low-income.yaml")
    assert "家庭人口、月保障金额" in spec.summary and "家庭人口、 月保障金额" not in spec.summary
    assert "公开原始数据" in (spec.open_conditions or "")


def test_a_folded_block_keeps_english_spaces(tmp_path: Path) -> None:
    text = (ROOT / "catalog_specs" / "transport-bus-stops.yaml").read_text(encoding="utf-8")
    head, _, rest = text.partition("\nsummary:")
    rest = rest.split("\n", 1)[1]
    while rest.startswith("  "):  # drop the old summary block
        rest = rest.split("\n", 1)[1]
    spec_path = tmp_path / "catalog_specs" / "stops.yaml"
    spec_path.parent.mkdir()
    spec_path.write_text(
        head + "\nsummary: >-\n  公交站点的位置、\n  所属线路和启用日期，\n  updated every quarter\n  by the bureau.\n" + rest,
        encoding="utf-8",
    )
    spec, problems = parse_spec(spec_path)
    assert spec is not None, problems
    assert spec.summary == "公交站点的位置、所属线路和启用日期，updated every quarter by the bureau."


def test_draft_values_are_single_lines_whatever_their_length(tmp_path: Path) -> None:
    header = "申请家庭在提交申请之前十二个月内的家庭人均月收入情况（含工资性收入、经营性收入、财产性收入和转移性收入）"
    path = tmp_path / "long.csv"
    with path.open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows([["序号", header]] + [[str(i), f"{i}0"] for i in range(1, 30)])
    out = tmp_path / "draft.yaml"
    out.write_text(draft_spec_yaml(scan_extract(path), path, out), encoding="utf-8")
    lines = out.read_text(encoding="utf-8").splitlines()
    assert any(line.strip() == f'label: "{header}"' for line in lines), "no folding: one line"
    spec, _ = parse_spec(out)
    assert spec is not None and spec.fields[1].label == header
