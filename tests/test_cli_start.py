"""The command line starts fast and stays quiet: no heavy import for --help, a private Prefect API
per publication, and a message (never a traceback) for a problem in the user's data or spec."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from pipelines.runner import prefect_env
from tests.conftest import ROOT
from tests.test_flows_fixtures import assert_consistent, provenance, publish_all_at_once, stops_dataset

HEAVY = ["prefect", "duckdb", "pandas", "pyarrow", "presidio_analyzer", "great_expectations", "spacy", "jieba", "dask", "distributed", "flows"]


@pytest.mark.parametrize("argv", [["--help"], ["publish", "--help"], ["catalog", "--help"]])
def test_help_imports_no_heavy_library(argv: list[str]) -> None:
    code = (
        "import sys, json\n"
        f"sys.argv = ['opendata', *{argv!r}]\n"
        "import pipelines.cli.main as main\n"
        "try:\n    main.run()\nexcept SystemExit:\n    pass\n"
        f"print(json.dumps([m for m in {HEAVY!r} if m in sys.modules]))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "Usage" in done.stdout
    assert json.loads(done.stdout.strip().splitlines()[-1]) == []


def test_warm_up_loads_the_name_model_while_the_prefect_api_starts() -> None:
    # What the first remark a publication reads would otherwise load, on the flow's time (0.6 s).
    code = (
        "from desensitize.detect.name_model import name_model\n"
        "from pipelines.runner.engine import warm_up\n"
        "before = 'crf' in vars(name_model())\n"
        "warm_up()\n"
        "print(before, 'crf' in vars(name_model()))\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "OPENDATA_NAME_MODEL"}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["False", "True"]


def _cli(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pipelines.cli.main", *args], capture_output=True, text=True, cwd=ROOT, env=env, timeout=300,
    )


@pytest.fixture
def prefect_env_vars(tmp_path: Path) -> dict[str, str]:
    """The environment of a user with no Prefect server: the CLI must run its own, privately."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    (tmp_path / "tmp").mkdir()
    (tmp_path / "prefect-home").mkdir()
    env |= {"OPENDATA_ENGINE": "prefect", "TMPDIR": str(tmp_path / "tmp"), "PREFECT_HOME": str(tmp_path / "prefect-home")}
    return env


def test_parallel_prefect_cli_publications_use_private_quiet_apis(tmp_path: Path, prefect_env_vars: dict[str, str]) -> None:
    """Two CLI publications of one dataset through Prefect at once: each runs its own API."""
    spec, home = stops_dataset(tmp_path / "dept"), tmp_path / "home"
    done = publish_all_at_once([spec, spec], home, engine="prefect", env=prefect_env_vars)
    assert_consistent(home, done)
    for d in done:
        assert d.stderr.strip() == "", "no server log, no Prefect log on the terminal"
        run_id = provenance(Path(d.stdout.strip().splitlines()[-1]))["flow_run_id"]
        assert run_id and len(run_id) == 36, "published through a Prefect flow run"
    assert not (tmp_path / "prefect-home" / "prefect.db").exists(), "the shared ~/.prefect database is not used"
    assert list((tmp_path / "tmp").glob("opendata-prefect-*")) == [], "the private APIs' folders are gone"


def test_data_and_gate_problems_are_reported_without_traceback(tmp_path: Path, prefect_env_vars: dict[str, str]) -> None:
    """Bad data and a closed gate, with either engine: a message and an exit code, never a traceback."""
    catalog = tmp_path / "work" / "catalog_specs"
    stops_dataset(catalog, "stops-good")
    broken = stops_dataset(catalog, "stops-broken")
    broken.write_text(broken.read_text(encoding="utf-8").replace("source_column: 站点名称", "source_column: 站名"), encoding="utf-8")
    small = stops_dataset(catalog, "stops-small", rows=3)
    small.write_text(small.read_text(encoding="utf-8") + "quality:\n  min_rows: 100\n", encoding="utf-8")
    home = str(tmp_path / "home")

    # Through Prefect: every dataset in one `publish --all` (one private API for all three).
    done = subprocess.run(
        [sys.executable, "-m", "pipelines.cli.main", "publish", "--all", "--home", home],
        capture_output=True, text=True, cwd=catalog.parent, env=prefect_env_vars, timeout=300,
    )
    assert done.returncode == 2, done.stderr
    assert done.stdout.splitlines()[0].startswith("published stops-good")
    heads = sorted(line for line in done.stderr.splitlines() if not line.startswith(" "))
    assert [h.split(":")[0] for h in heads] == ["blocked stops-small", "error stops-broken"], done.stderr
    assert "站名" in done.stderr and "Traceback" not in done.stderr + done.stdout and "╭" not in done.stderr

    # Without Prefect, one spec at a time.
    for spec, code, prefix in ((broken, 1, "error: "), (small, 2, "blocked: ")):
        one = _cli("publish", str(spec), "--home", home, env={**prefect_env_vars, "OPENDATA_ENGINE": "plain"})
        assert one.returncode == code and one.stderr.startswith(prefix), one.stderr
        assert "Traceback" not in one.stderr and "╭" not in one.stderr


def test_configured_api_url_is_read_from_environment_profile_and_toml(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    profiles = tmp_path / "profiles.toml"
    profiles.write_text(
        'active = "team"\n[profiles.team]\nPREFECT_API_URL = "http://prefect.example:4200/api"\n[profiles.local]\n',
        encoding="utf-8",
    )
    monkeypatch.setenv("PREFECT_PROFILES_PATH", str(profiles))
    monkeypatch.delenv("PREFECT_PROFILE", raising=False)
    assert prefect_env._profile_api_url() == "http://prefect.example:4200/api"
    monkeypatch.setenv("PREFECT_PROFILE", "local")
    assert prefect_env._profile_api_url() is None
    (tmp_path / "prefect.toml").write_text('[api]\nurl = "http://toml.example/api"\n', encoding="utf-8")
    assert prefect_env._toml_api_url(tmp_path) == "http://toml.example/api"
    monkeypatch.setenv("PREFECT_API_URL", "http://env.example/api")
    assert prefect_env.configured_api_url() == "http://env.example/api"


def test_prefect_that_cannot_start_falls_back_to_plain(tmp_path: Path, prefect_env_vars: dict[str, str]) -> None:
    env = {**prefect_env_vars, "OPENDATA_PREFECT_START_TIMEOUT": "0"}
    done = _cli("publish", str(stops_dataset(tmp_path / "dept")), "--home", str(tmp_path / "home"), env=env)
    assert done.returncode == 0, done.stderr
    assert done.stderr.startswith("warning: the local Prefect API did not start") and "OPENDATA_ENGINE=plain" in done.stderr
    assert provenance(Path(done.stdout.strip().splitlines()[-1]))["flow_run_id"] is None
    assert list((tmp_path / "tmp").glob("opendata-prefect-*")) == []
