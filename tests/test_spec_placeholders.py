"""A draft's 待填写 values never reach the public catalog: `catalog validate` reports each at its
FILE:LINE and `publish` refuses the spec with exit 1, naming each key."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from desensitize.scan import draft_spec_yaml
from pipelines.runner.scan import scan_extract
from pipelines.core.spec import parse_spec
from pipelines.core.spec.placeholders import placeholder_problems
from tests.conftest import ROOT

SAMPLE = ROOT / "sample_data" / "transport-bus-stops.csv"


def _draft(tmp_path: Path) -> Path:
    out = tmp_path / "draft.yaml"
    out.write_text(draft_spec_yaml(scan_extract(SAMPLE), SAMPLE, out), encoding="utf-8")
    return out


def test_placeholders_are_found_at_their_lines(tmp_path: Path) -> None:
    draft = _draft(tmp_path)
    spec, problems = parse_spec(draft)
    assert spec is not None and problems == []  # schema-valid as written, on purpose
    found = placeholder_problems(draft)
    lines = draft.read_text(encoding="utf-8").splitlines()
    keys = [p.message.split(":")[0] for p in found]
    assert "title" in keys and "summary" in keys and "domain" in keys
    for p in found:
        assert "待填写" in lines[p.line - 1], (p, lines[p.line - 1])


def _cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {"OPENDATA_ENGINE": "plain", "PATH": "/usr/bin:/bin", "HOME": str(cwd)}
    return subprocess.run([sys.executable, "-m", "pipelines.cli.main", *args], capture_output=True, text=True,
                          cwd=ROOT, env=env, timeout=300)


def test_validate_reports_and_publish_refuses_placeholders(tmp_path: Path) -> None:
    draft = _draft(tmp_path)
    checked = _cli("catalog", "validate", str(draft), cwd=tmp_path)
    assert checked.returncode == 1
    assert f"{draft}:" in checked.stderr and "title: still a placeholder" in checked.stderr
    assert "0 valid spec(s)" in checked.stdout

    home = tmp_path / "home"
    published = _cli("publish", str(draft), "--home", str(home), cwd=tmp_path)
    assert published.returncode == 1, published.stderr
    assert "fill them in before publishing" in published.stderr
    line = next(i for i, text in enumerate(draft.read_text(encoding="utf-8").splitlines(), 1) if text.startswith("title:"))
    assert f"{draft}:{line}: title: still a placeholder" in published.stderr
    assert not (home / "releases").exists() and not (home / "catalog.jsonld").exists()
