"""Exit codes (DESIGN.md §5): a usage error exits 1 with a one-line message naming what is missing;
2 is left for a closed gate alone."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import ROOT


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "pipelines.cli.main", *args], capture_output=True, text=True, cwd=ROOT, timeout=120)


@pytest.mark.parametrize(
    ("argv", "names"),
    [
        (["quality", "sample_data/transport-bus-stops.csv"], "Missing option '--spec'"),
        (["publish"], "give a SPEC to publish, or --all"),
        (["withdraw", "x", "--version", "1"], "Missing option '--reason'"),
        (["scan", "--bogus"], "No such option: --bogus"),
    ],
)
def test_usage_errors_exit_1_with_one_line_naming_the_problem(argv: list[str], names: str) -> None:
    done = _cli(*argv)
    assert done.returncode == 1, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and names in lines[0] and "--help" in lines[0], done.stderr
    assert "Traceback" not in done.stderr


def test_no_command_shows_help_and_exits_1() -> None:
    done = _cli()
    assert done.returncode == 1 and "Usage" in done.stdout and "no command given" in done.stderr


def test_help_still_exits_0() -> None:
    done = _cli("publish", "--help")
    assert done.returncode == 0 and "Usage" in done.stdout


def test_a_missing_spec_is_one_line_naming_the_path() -> None:
    done = _cli("publish", "catalog_specs/no-such-dataset.yaml")
    assert done.returncode == 1
    assert done.stderr.strip() == "error: catalog_specs/no-such-dataset.yaml: no such spec file; check the path"


def test_scanning_a_folder_asks_for_one_file() -> None:
    done = _cli("scan", "sample_data/")
    assert done.returncode == 1 and done.stderr.strip() == "error: sample_data: is a folder: give one extract file"
