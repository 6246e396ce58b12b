"""One default key location outside the home (…/opendata/pseudonym.key under XDG_CONFIG_HOME, else
~/.config) that the CLI, `python flows.py serve` and `make run` all use, and a one-line start-up
refusal from `serve` when a deployment would need a key it cannot read."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from desensitize import keys
from tests.conftest import ROOT


def _env(tmp_path: Path) -> dict[str, str]:
    """A user's environment with no key variable at all (as after `. .venv/bin/activate`)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("OPENDATA_PSEUDONYM") and k != keys.ENV_DEV_KEY}
    return env | {"XDG_CONFIG_HOME": str(tmp_path / "config"), "OPENDATA_ENGINE": "plain", "OPENDATA_HOME": str(tmp_path / "home")}


def test_cli_finds_the_default_key_without_any_variable(tmp_path: Path) -> None:
    env = _env(tmp_path)
    spec = ROOT / "catalog_specs" / "civil-affairs-low-income.yaml"
    cmd = [sys.executable, "-m", "pipelines.cli.main", "publish", str(spec)]
    blocked = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=ROOT, timeout=600)
    assert blocked.returncode == 2
    (line,) = blocked.stderr.strip().splitlines()
    assert str(tmp_path / "config" / "opendata" / "pseudonym.key") in line and "make run" in line
    assert line.count("civil-affairs-low-income") == 1

    key = tmp_path / "config" / "opendata" / "pseudonym.key"
    key.parent.mkdir(parents=True)
    key.write_text("a key of sufficient length for tests", encoding="utf-8")
    done = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=ROOT, timeout=600)
    assert done.returncode == 0, done.stderr
    assert "development key" not in done.stderr


def test_serve_refuses_to_start_without_a_readable_key(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "flows.py", "serve"], capture_output=True, text=True, env=_env(tmp_path),
                          cwd=ROOT, timeout=300)
    assert done.returncode == 1
    (line,) = done.stderr.strip().splitlines()
    assert line.startswith("error: not serving: civil-affairs-low-income") and "pseudonym.key" in line
    assert "Traceback" not in done.stderr


def test_make_run_creates_the_key_where_everything_looks(tmp_path: Path) -> None:
    env = _env(tmp_path)
    plan = subprocess.run(["make", "-n", "run"], capture_output=True, text=True, env=env, cwd=ROOT, timeout=60)
    assert plan.returncode == 0, plan.stderr
    assert str(keys.default_key_file().__class__(tmp_path / "config" / "opendata" / "pseudonym.key")) in plan.stdout
    assert "OPENDATA_PSEUDONYM_KEY_FILE=" not in plan.stdout  # found without a variable
