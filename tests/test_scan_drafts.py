"""Drafts a department can trust: a draft from `scan`, once its 待填写 values are written, publishes
as it stands — provider from the manifest, types inferred from every row, readable column names."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

from desensitize.scan import draft_spec_yaml
from pipelines.runner.scan import scan_extract
from pipelines.runner.publish import run_plain
from tests.conftest import ROOT

SAMPLES = ROOT / "sample_data"


def fill_placeholders(text: str) -> str:
    """What the reviewer does: every 待填写 value replaced by a real one (long enough for the schema)."""
    return re.sub(r'"待填写：([^"]*)"', lambda m: json.dumps("已填写" + m.group(1)[:8] + "，经复核确认", ensure_ascii=False), text)


def copy_sample(name: str, folder: Path) -> Path:
    """A sample extract and its manifest, copied into `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    for f in SAMPLES.glob(name + "*"):
        shutil.copy(f, folder / f.name)
    return folder / name


def draft_for(extract: Path, out: Path, *, filled: bool = True) -> Path:
    """Scan `extract` and write its draft spec at `out` (placeholders written by a reviewer if `filled`)."""
    text = draft_spec_yaml(scan_extract(extract), extract, out)
    out.write_text(fill_placeholders(text) if filled else text, encoding="utf-8")
    return out


def test_draft_takes_provider_and_date_from_the_manifest(tmp_path: Path) -> None:
    extract = copy_sample("transport-bus-stops.csv", tmp_path / "dept")
    result = scan_extract(extract)
    assert result.manifest is not None and result.manifest.vouches
    assert result.manifest.provider == "福州市交通运输局"
    assert result.manifest.extracted_on is not None and result.manifest.extracted_on.isoformat() == "2026-11-20"
    text = draft_for(extract, tmp_path / "dept" / "draft.yaml", filled=False).read_text(encoding="utf-8")
    assert 'department: "福州市交通运输局"' in text and "2026-11-20" in text


def test_first_publish_of_a_filled_draft_is_not_blocked_by_its_own_manifest(tmp_path: Path) -> None:
    extract = copy_sample("transport-bus-stops.csv", tmp_path / "dept")
    spec = draft_for(extract, tmp_path / "dept" / "draft.yaml")
    folder = run_plain(spec, None, tmp_path / "home")
    checks = {c["check"]: c for c in json.loads((folder / "quality.json").read_text(encoding="utf-8"))["checks"]}
    for key in ("authenticity.manifest", "authenticity.sha256", "authenticity.rows", "authenticity.provider"):
        assert checks[key]["failed"] == 0, checks[key]
    assert json.loads((folder / "provenance.json").read_text(encoding="utf-8"))["source"]["provider"] == "福州市交通运输局"


def test_a_manifest_that_does_not_match_is_flagged_in_the_draft(tmp_path: Path) -> None:
    extract = copy_sample("transport-bus-stops.csv", tmp_path / "dept")
    manifest = extract.with_name(extract.name + ".manifest.json")
    data = json.loads(manifest.read_text(encoding="utf-8"))
    manifest.write_text(json.dumps(data | {"sha256": "0" * 64}), encoding="utf-8")  # vouches for other bytes
    text = draft_for(extract, tmp_path / "dept" / "draft.yaml", filled=False).read_text(encoding="utf-8")
    assert "the manifest does not match the extract (its sha256 is not the extract's)" in text


def test_headers_without_a_synonym_get_pinyin_names(tmp_path: Path) -> None:
    from pipelines.core.spec import parse_spec
    from tests.conftest import write_csv_with_manifest

    header = ["社区", "人数", "保障人口数", "审批日期", "审批日期（旧）", "2024年人数", "——"]
    rows = [["东街社区", str(i), str(i * 3), "2026-03-05", "2025-01-01", "7", "x"] for i in range(1, 9)]
    extract = write_csv_with_manifest(tmp_path / "households.csv", header, rows, "福州市民政局")
    names = [c.name for c in scan_extract(extract).columns]
    assert names == ["community", "ren_shu", "bao_zhang_ren_kou_shu", "shen_pi_ri_qi", "shen_pi_ri_qi_2",
                     "n_2024_nian_ren_shu", "field_07"]
    spec, problems = parse_spec(draft_for(extract, tmp_path / "draft.yaml"))
    assert problems == [] and spec is not None and [f.name for f in spec.fields] == names


def _typed_extract(tmp_path: Path) -> Path:
    from tests.conftest import write_csv_with_manifest

    header = ["社区", "人数", "保障金额", "审批日期", "登记日期", "办结时间", "是否公开", "区号"]
    rows = []
    for i in range(1, 41):
        approved = "不详" if i == 7 else f"2026年{i % 12 + 1}月{i % 28 + 1}日"  # one bad cell of 40
        rows.append([f"社区{i}", str(i % 6 + 1), f"{3000 + i * 7}.{i % 10}0", approved, f"2026/{i % 12 + 1}/{i % 28 + 1}",
                     f"2026-03-{i % 28 + 1:02d} 09:{i % 60:02d}:00", "是" if i % 2 else "否", f"059{i % 10}"])
    return write_csv_with_manifest(tmp_path / "dept" / "aid.csv", header, rows, "福州市民政局")


def test_types_are_inferred_from_all_rows(tmp_path: Path) -> None:
    columns = {c.header: c.type for c in scan_extract(_typed_extract(tmp_path)).columns}
    assert columns["人数"].type.value == "integer" and columns["人数"].bad == 0
    assert columns["保障金额"].type.value == "number"
    assert (columns["审批日期"].type.value, columns["审批日期"].format, columns["审批日期"].bad) == ("date", "%Y年%m月%d日", 1)
    assert (columns["登记日期"].type.value, columns["登记日期"].format) == ("date", "%Y/%m/%d")
    assert (columns["办结时间"].type.value, columns["办结时间"].format) == ("datetime", None)
    assert columns["是否公开"].type.value == "boolean"
    assert columns["区号"].type.value == "string"  # codes keep their leading zeros as text
    assert columns["社区"].type.value == "string"


def test_inferred_types_reach_parquet_csv_and_datapackage(tmp_path: Path) -> None:
    import csv

    import pyarrow.parquet as pq

    extract = _typed_extract(tmp_path)
    draft = draft_for(extract, tmp_path / "dept" / "draft.yaml", filled=False)
    text = draft.read_text(encoding="utf-8")
    assert "format: \"%Y年%m月%d日\"" in text and "1 of 40 values of shen_pi_ri_qi are not a valid date" in text
    draft.write_text(fill_placeholders(text), encoding="utf-8")  # the reviewer writes the accept reason too
    folder = run_plain(draft, None, tmp_path / "home")

    schema = pq.read_schema(folder / "data.parquet")
    types = {name: str(schema.field(name).type) for name in schema.names}
    assert types["ren_shu"] == "int64" and types["benefit_amount"] == "double"
    assert types["shen_pi_ri_qi"] == "date32[day]" and types["registration_date"] == "date32[day]"
    assert types["ban_jie_shi_jian"].startswith("timestamp") and types["shi_fou_gong_kai"] == "bool"

    fields = {f["name"]: f["type"] for f in json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))["resources"][0]["schema"]["fields"]}
    assert fields["ren_shu"] == "integer" and fields["benefit_amount"] == "number" and fields["shen_pi_ri_qi"] == "date"

    raw = (folder / "data.csv").read_text(encoding="utf-8-sig").splitlines()
    header = next(csv.reader(raw[:1]))
    cells = raw[1].split(",")  # no value here holds a comma
    assert cells[header.index("ren_shu")].isdigit() and cells[header.index("benefit_amount")][0].isdigit(), "numbers are not quoted"
    row = next(csv.DictReader(raw))
    assert row["shen_pi_ri_qi"].startswith("2026-") and row["registration_date"].startswith("2026-")

    checks = json.loads((folder / "quality.json").read_text(encoding="utf-8"))["checks"]
    bad = [c for c in checks if c["check"] == "accuracy.type" and c["column"] == "shen_pi_ri_qi"]
    assert bad and bad[0]["failed"] == 1, "the bad cell is a quality finding"
