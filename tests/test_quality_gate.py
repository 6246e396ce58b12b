"""The publication gate: a lying manifest blocks and writes nothing; accepted errors publish;
spec mistakes in quality settings are spec errors raised before any data is read."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from pipelines.core.errors import GateBlocked, SpecError
from pipelines.runner.publish import run_plain
from pipelines.cli.quality import quality_command
from tests.test_quality_fixtures import PROVIDER, make_extract, spec_dict, write_manifest, write_spec


def accepts_for(problems: dict[str, list[int]], skip: tuple[str, ...] = ()) -> list[dict[str, Any]]:
    out = []
    for key_col in problems:
        if key_col in skip:
            continue
        key, column = key_col.split(":")
        out.append({"check": key, "column": column, "reason": "原系统录入错误，已通知部门下期更正"})
    return out


@pytest.mark.parametrize(
    ("override", "check"),
    [
        ({"sha256": "0" * 64}, "authenticity.sha256"),
        ({"rows": 299}, "authenticity.rows"),
        ({"provider": "福州市公安局"}, "authenticity.provider"),
    ],
)
def test_lying_manifest_blocks_publication_and_writes_nothing(tmp_path: Path, override: dict[str, Any], check: str) -> None:
    planted = make_extract(tmp_path, plant=False)
    write_manifest(planted.extract, planted.rows, **override)
    home = tmp_path / "home"
    with pytest.raises(GateBlocked) as info:
        run_plain(planted.spec, None, home)
    text = info.value.render()
    assert check in text and "critical" in text and "1 of 1 failed" in text
    assert info.value.exit_code == 2
    assert not (home / "releases" / "test-residents").exists()
    assert not list(home.glob("**/*.parquet")) and not list(home.glob("**/quality.json"))


def test_critical_failures_cannot_be_accepted(tmp_path: Path) -> None:
    planted = make_extract(tmp_path, plant=False)
    data = spec_dict(planted.extract.name, accept=[{"check": "authenticity.sha256", "column": None, "reason": "我们接受这个问题"}])
    write_spec(tmp_path, data)
    with pytest.raises(SpecError) as info:
        quality_command(planted.extract, planted.spec, None, None, tmp_path / "home")
    assert "authenticity.sha256 is critical and cannot be accepted" in info.value.render()


def test_accepting_every_error_publishes_with_the_failures_reported(tmp_path: Path) -> None:
    probe = make_extract(tmp_path / "probe")
    planted = make_extract(tmp_path / "dept", accept=accepts_for(probe.problems))
    assert planted.problems == probe.problems  # same seed, same plants
    release = run_plain(planted.spec, None, tmp_path / "home")
    q = json.loads((release / "quality.json").read_text(encoding="utf-8"))
    assert q["publishable"] and q["blocking"] == []
    failed = [c for c in q["checks"] if c["failed"]]
    assert len(failed) == len(planted.problems)
    assert all(c["accepted"] == "原系统录入错误，已通知部门下期更正" for c in failed)
    html = (release / "quality.html").read_text(encoding="utf-8")
    assert "已接受 accepted" in html
    for value in planted.personal:  # the published reports are as clean as the dry run's
        assert value not in html and value not in json.dumps(q, ensure_ascii=False)


def test_an_unaccepted_error_still_blocks_and_is_named(tmp_path: Path) -> None:
    probe = make_extract(tmp_path / "probe")
    planted = make_extract(tmp_path / "dept", accept=accepts_for(probe.problems, skip=("accuracy.enum:district",)))
    assert quality_command(planted.extract, planted.spec, tmp_path / "out", None, tmp_path / "home") == 2
    q = json.loads((tmp_path / "out" / "quality.json").read_text(encoding="utf-8"))
    assert [(b["check"], b["column"], b["failed"]) for b in q["blocking"]] == [("accuracy.enum", "district", 3)]
    with pytest.raises(GateBlocked) as info:
        run_plain(planted.spec, None, tmp_path / "home")
    assert "accuracy.enum column district: 3 of 300 failed (error)" in info.value.render()
    assert "外星区" not in info.value.render()  # counts and names, never values


@pytest.mark.parametrize(
    ("accept", "message"),
    [
        ({"check": "accuracy.nonsense", "column": "age", "reason": "原因说明"}, "unknown check 'accuracy.nonsense'"),
        ({"check": "accuracy.enum", "column": "age", "reason": "原因说明"}, "plans no accuracy.enum check on column 'age'"),
        ({"check": "usability.encoding", "column": None, "reason": "原因说明"}, "is a warning, which never blocks"),
    ],
)
def test_wrong_accept_entries_are_spec_errors(tmp_path: Path, accept: dict[str, Any], message: str) -> None:
    planted = make_extract(tmp_path, plant=False)
    write_spec(tmp_path, spec_dict(planted.extract.name, accept=[accept]))
    with pytest.raises(SpecError) as info:
        quality_command(planted.extract, planted.spec, None, None, tmp_path / "home")
    assert message in info.value.render()


def test_a_pattern_duckdb_cannot_run_is_a_spec_error_before_reading_data(tmp_path: Path) -> None:
    data = spec_dict("missing.csv")
    data["fields"] = [dict(f) for f in data["fields"]]
    data["fields"][9]["pattern"] = "(?=35)[0-9]{6}"  # Python accepts look-ahead; DuckDB's RE2 does not
    spec = write_spec(tmp_path, data)
    with pytest.raises(SpecError) as info:
        quality_command(tmp_path / "missing.csv", spec, None, None, tmp_path / "home")
    assert "postcode: accuracy.pattern" in info.value.render()


def test_provider_is_compared_with_the_spec_department(tmp_path: Path) -> None:
    planted = make_extract(tmp_path, plant=False)
    assert quality_command(planted.extract, planted.spec, tmp_path / "out", None, tmp_path / "home") == 0
    q = json.loads((tmp_path / "out" / "quality.json").read_text(encoding="utf-8"))
    provider = next(c for c in q["checks"] if c["check"] == "authenticity.provider")
    assert provider["failed"] == 0 and PROVIDER in provider["note"]
    data = yaml.safe_load(planted.spec.read_text(encoding="utf-8"))
    data["provider"]["department"] = "福州市财政局"
    write_spec(tmp_path, data)
    assert quality_command(planted.extract, planted.spec, tmp_path / "out", None, tmp_path / "home") == 2
