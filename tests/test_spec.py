"""Catalog spec rules: a good spec passes; each broken rule is reported as FILE:LINE: message."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from pipelines.core.errors import SpecError
from pipelines.runner.specs import load_spec, parse_spec, validate_paths
from pipelines.core.vocab import OpenType
from tests.conftest import run_cli


def test_good_spec_loads(dataset: Callable[..., Path]) -> None:
    spec = load_spec(dataset())
    assert spec.open_type is OpenType.GENERAL
    assert [f.name for f in spec.fields][:2] == ["stop_id", "stop_name"]
    valid, problems = validate_paths([dataset().parent])
    assert problems == [] and len(valid) == 1


def _line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), start=1) if needle in line)


# (replace this, with that, the message must contain, the line that must be named)
BROKEN = [
    ("open_type: general", "open_type: sometimes", "'sometimes' is not one of", "open_type:"),
    ("open_type: general", "open_type: authorized", "requires open_conditions", "open_type:"),
    ("open_type: general", "open_type: not-open", "requires not_open_reason", "open_type:"),
    ("open_type: general", "open_type: not-open\nnot_open_reason: because", "not_open_reason", "not_open_reason:"),
    ("sharing_type: unconditional", "sharing_type: conditional", "requires legal_basis", "sharing_type:"),
    ("sharing_type: unconditional", "sharing_type: sometimes", "is not one of", "sharing_type:"),
    ("update_frequency: quarterly", "update_frequency: hourly", "is not one of", "update_frequency:"),
    ("keywords: [公交, 站点]", "keywords: [公交, 站点]\ncolour: red", "unknown key", "colour:"),
    ("    required: true\n", "    requird: true\n", "unknown key", "requird:"),
    ("id: {id}", "id: Bad Id!", "id: String should match pattern", "id: Bad"),
    ("  - name: stop_name", "  - name: stop_id", "duplicate field name", "  - name: stop_id\n    source_column: 站点名称"),
    ("    source_column: 站点名称", "    source_column: 站点编号", "duplicate source_column", "    source_column: 站点编号\n    label: 站点名称"),
    ("    label: 所属区县", "    label: 所属区县\n    pii: resident_id", "no policy is given", "  - name: district"),
    ("    label: 所属区县", "    label: 所属区县\n    pii: address\n    policy: publish", "requires a written reason", "    policy: publish"),
    ("    label: 所属区县", "    label: 所属区县\n    pii: address\n    policy: scramble", "unknown policy operator", "    policy: scramble"),
    ("    label: 所属区县", "    label: 所属区县\n    pii: telepathy\n    policy: drop", "is not one of", "    pii: telepathy"),
    ("fields:", "privacy:\n  k_anonymity: 5\n  quasi_identifiers: [age]\nfields:", "'age' is not a field name", "  quasi_identifiers:"),
    ("fields:", "timeliness:\n  column: stop_name\nfields:", "must be a date or datetime field", "  column: stop_name"),
    ("fields:", "timeliness:\n  column: nowhere\nfields:", "is not a field name", "  column: nowhere"),
    ("    type: integer", "    type: integer\n    pattern: '(['", "pattern does not compile", "    pattern:"),
    # Values the catalog standards (DCAT-AP, the national catalog) cannot express: refused here, not by a harvester.
    ("update_frequency: quarterly", "update_frequency: fortnightly", "'fortnightly' is not one of", "update_frequency:"),
    ("keywords: [公交, 站点]", "keywords: [公交, 站点]\nlicense:", "must state its licence", "license:"),
    ("keywords: [公交, 站点]", "keywords: [公交, 站点]\nlicense: ' '", "must state its licence", "license:"),
    ("keywords: [公交, 站点]", "keywords: [公交, 站点]\nlicense: 本局自定协议", "not a licence with a DCAT-AP vocabulary entry", "license:"),
    ("keywords: [公交, 站点]", "keywords: [公交, 站点]\nformats: [csv, xls]", "'xls' has no release media type", "formats:"),
    ("  contact: 0591-87000000\n", "", "provider.contact: required key is missing", "provider:"),
    ("  contact: 0591-87000000", "  contact: '   '", "must not be blank", "  contact:"),
    ("  contact: 0591-87000000", "  contact: 0591-87000000\n  code: '113501000035880305'", "not a valid unified social credit code", "  code:"),
    ("fields:", "national_catalog:\n  code: 218001003/000001\n  class: departmental\n  category: 交通运输/公共交通\n"
     "  sharing_method: file\nfields:", "starts with 类 2, but class is departmental", "  code: 218001003"),
    ("sharing_type: unconditional", "sharing_type: conditional\nlegal_basis: 《福州市政务数据资源管理办法》第十六条\n"
     "national_catalog:\n  code: 318001003/000001\n  class: departmental\n  category: 交通运输/公共交通\n  sharing_method: file",
     "requires national_catalog.sharing_conditions", "national_catalog:"),
    ("fields:", "national_catalog:\n  code: 318001003/000001\n  class: departmental\n  category: 交通运输/公共交通\nfields:",
     "requires national_catalog.sharing_method", "national_catalog:"),
    ("fields:", "national_catalog:\n  code: 318001003/000001\n  class: departmental\n  category: 交通运输/公共交通\n"
     "  sharing_method: file\n  related: [318-1]\nfields:", "'318-1' is not an 信息资源代码", "  related:"),
    ("fields:", "national_catalog:\n  code: 3180/1\n  class: departmental\n  category: 交通运输/公共交通\n"
     "  sharing_method: file\nfields:", "String should match pattern", "  code: 3180/1"),
]


@pytest.mark.parametrize("old, new, message, line_text", BROKEN, ids=[(b[1].splitlines() or [f"without {b[0].strip()}"])[-1][:40] for b in BROKEN])
def test_broken_rule_names_file_and_line(dataset: Callable[..., Path], old: str, new: str, message: str, line_text: str) -> None:
    spec_path = dataset()
    text = spec_path.read_text(encoding="utf-8")
    assert old.replace("{id}", "transport-stops") in text or old in text
    text = text.replace(old.replace("{id}", "transport-stops"), new, 1)
    spec_path.write_text(text, encoding="utf-8")
    spec, problems = parse_spec(spec_path)
    assert spec is None
    rendered = [str(p) for p in problems]
    expected_line = _line_of(text, line_text.splitlines()[0]) if "\n" not in line_text else text.index(line_text)
    if "\n" in line_text:
        expected_line = text[: text.index(line_text)].count("\n") + 1
    assert any(message in r and r.startswith(f"{spec_path}:{expected_line}: ") for r in rendered), rendered
    with pytest.raises(SpecError):
        load_spec(spec_path)


def test_catalog_validate_refuses_a_licence_without_vocabulary_entry_with_file_and_line(dataset: Callable[..., Path]) -> None:
    spec_path = dataset()
    text = spec_path.read_text(encoding="utf-8").replace("keywords: [公交, 站点]", "keywords: [公交, 站点]\nlicense: GPL-3.0", 1)
    spec_path.write_text(text, encoding="utf-8")
    result = run_cli("catalog", "validate", str(spec_path))
    assert result.returncode == 1
    assert f"{spec_path}:{_line_of(text, 'license:')}: license: " in result.stderr and "DCAT-AP vocabulary" in result.stderr


def test_sample_specs_fill_the_national_catalog_fields() -> None:
    from tests.conftest import ROOT

    valid, problems = validate_paths([ROOT / "catalog_specs"])
    assert problems == [] and len(valid) == 6
    for _, spec in valid:
        assert spec.national_catalog is not None and spec.provider.code, spec.id


def test_invalid_yaml_names_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("id: x\ntitle: [unclosed\nprovider: {}\n", encoding="utf-8")
    _, problems = parse_spec(path)
    assert problems and str(problems[0]).startswith(f"{path}:") and "not valid YAML" in problems[0].message


def test_missing_source_and_duplicate_ids(dataset: Callable[..., Path], tmp_path: Path) -> None:
    first = dataset()
    second = first.parent / "copy.yaml"
    second.write_text(first.read_text(encoding="utf-8"), encoding="utf-8")
    third = first.parent / "ghost.yaml"
    third.write_text(
        first.read_text(encoding="utf-8").replace("id: transport-stops", "id: ghost-stops").replace("path: stops.csv", "path: nowhere.csv"),
        encoding="utf-8",
    )
    _, problems = validate_paths([first.parent])
    rendered = "\n".join(map(str, problems))
    # Files are read in name order: copy.yaml claims the id first, so the original is the duplicate.
    assert f"{first}:1: id: 'transport-stops' is already used by {second}" in rendered
    assert f"{third}:" in rendered and "'nowhere.csv' not found" in rendered


def test_cli_rejects_bad_spec_without_traceback(dataset: Callable[..., Path]) -> None:
    spec_path = dataset()
    spec_path.write_text(spec_path.read_text(encoding="utf-8").replace("open_type: general", "open_type: sometimes"), encoding="utf-8")
    result = run_cli("catalog", "validate", str(spec_path))
    assert result.returncode == 1
    assert f"{spec_path}:9: open_type: 'sometimes' is not one of" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    published = run_cli("publish", str(spec_path))
    assert published.returncode == 1 and "Traceback" not in published.stderr
    assert "open_type" in published.stderr


def test_committed_schema_matches_model() -> None:
    import json

    from pipelines.core.spec.schema import spec_json_schema

    committed = json.loads((Path(__file__).parent.parent / "schemas" / "catalog_spec.schema.json").read_text(encoding="utf-8"))
    assert committed == spec_json_schema(), "run scripts/export_schema.py and commit schemas/catalog_spec.schema.json"


def test_errors_keep_their_details_across_processes() -> None:
    import pickle

    from pipelines.core.errors import GateBlocked

    again = pickle.loads(pickle.dumps(GateBlocked("blocked", details=["column phone: mobile_phone"])))
    assert isinstance(again, GateBlocked) and again.exit_code == 2 and again.details == ["column phone: mobile_phone"]
    from pipelines.runner.publish import StepCrashed

    crashed = pickle.loads(pickle.dumps(StepCrashed("ingest", "d", ValueError("x"))))
    assert crashed.step == "ingest" and "ValueError" in crashed.message and crashed.details
