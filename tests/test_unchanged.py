"""Publishing the same extract bytes under the same spec and code again is a no-op that says so and
exits 0 (unless --force); the attempt is recorded in the audit log of the registry."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from pipelines.core.home import Home
from pipelines.store.audit import read_log
from pipelines.store.db import connect
from pipelines.store.releases import list_releases
from tests.conftest import ROOT, run_cli


def _sample(tmp_path: Path) -> Path:
    for folder in ("catalog_specs", "sample_data"):
        (tmp_path / folder).mkdir()
    spec = tmp_path / "catalog_specs" / "transport-bus-stops.yaml"
    shutil.copy(ROOT / "catalog_specs" / spec.name, spec)
    for f in (ROOT / "sample_data").glob("transport-bus-stops.csv*"):
        shutil.copy(f, tmp_path / "sample_data" / f.name)
    return spec


def test_same_extract_spec_and_code_publish_nothing_new(tmp_path: Path) -> None:
    spec, home = _sample(tmp_path), tmp_path / "home"
    env = {"OPENDATA_ENGINE": "plain"}
    first = run_cli("publish", str(spec), "--home", str(home), env=env)
    assert first.returncode == 0, first.stderr
    folder = first.stdout.strip().splitlines()[-1]

    again = run_cli("publish", str(spec), "--home", str(home), env=env)
    assert again.returncode == 0, again.stderr
    lines = again.stdout.strip().splitlines()
    assert lines[-1] == folder, "the last line is still the release folder: the unchanged one"
    assert lines[-2].startswith("unchanged: transport-bus-stops") and "--force" in lines[-2]
    assert len(list_releases(Home(home), "transport-bus-stops")) == 1
    with connect(Home(home), read_only=True) as con:
        log = read_log(con)
    attempt = [e for e in log if e["event"] == "publish_unchanged"]
    assert len(attempt) == 1 and attempt[0]["version"] == Path(folder).name
    assert json.loads(attempt[0]["details"])["source_file"] == "transport-bus-stops.csv"

    forced = run_cli("publish", str(spec), "--home", str(home), "--force", env=env)
    assert forced.returncode == 0 and forced.stdout.strip().splitlines()[-1] != folder
    assert len(list_releases(Home(home), "transport-bus-stops")) == 2

    # A changed spec is a change: a new version.
    spec.write_text(spec.read_text(encoding="utf-8") + "\n# reviewed again\n", encoding="utf-8")
    changed = run_cli("publish", str(spec), "--home", str(home), env=env)
    assert changed.returncode == 0 and "unchanged" not in changed.stdout
    assert len(list_releases(Home(home), "transport-bus-stops")) == 3

    verified = run_cli("audit", "verify", "--home", str(home))
    assert verified.returncode == 0, verified.stdout + verified.stderr


def test_publish_all_reports_unchanged_datasets(tmp_path: Path) -> None:
    spec, home = _sample(tmp_path), tmp_path / "home"
    env = {"OPENDATA_ENGINE": "plain"}
    assert run_cli("publish", "--all", "--home", str(home), env=env, cwd=tmp_path).returncode == 0
    again = run_cli("publish", "--all", "--home", str(home), env=env, cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    assert "unchanged: transport-bus-stops" in again.stdout and "published transport-bus-stops" not in again.stdout
    assert spec.is_file()
