"""`make run` in miniature: every sample spec publishes (not-open skipped) and validates with frictionless."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import ROOT, run_cli

FRICTIONLESS = Path(shutil.which("frictionless") or (Path(__import__("sys").executable).parent / "frictionless"))


def test_publish_all_then_frictionless_validate(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    home = tmp_path / "home"
    result = run_cli("publish", "--all", "--home", str(home), env={"OPENDATA_INSECURE_DEV_KEY": "1"})
    assert result.returncode == 0, result.stderr
    assert "skipped finance-internal-assets: not-open" in result.stdout
    releases = sorted(home.glob("releases/*/*/datapackage.json"))
    published = {p.parent.parent.name for p in releases}
    assert published == {"civil-affairs-low-income", "health-clinic-licences", "market-penalties",
                         "tax-enterprise-summary", "transport-bus-stops"}
    assert not (home / "releases" / "finance-internal-assets").exists()
    for package in releases:
        check = subprocess.run([str(FRICTIONLESS), "validate", "datapackage.json"], cwd=package.parent,
                               capture_output=True, text=True, timeout=300)
        assert check.returncode == 0, f"{package}: {check.stdout[-2000:]}"
    assert (ROOT / "catalog_specs").is_dir()
