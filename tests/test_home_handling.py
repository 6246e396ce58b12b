"""Home handling (issue 13 item 7): read-only commands open the registry read-only; a missing home
or a file as home is a one-line error (exit 1); a read-only home is refused without a traceback."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import ROOT, run_cli
from tests.test_lifecycle_fixtures import company_dataset, person_dataset, publish


@pytest.mark.parametrize("command", [["audit", "verify"], ["trace", "relief-payments", "--version", "2026-01-01.1"],
                                     ["get", "relief-payments", "--user", "alice"]])
def test_a_missing_home_is_an_error_and_is_not_created(tmp_path: Path, command: list[str]) -> None:
    missing = tmp_path / "nowhere"
    result = run_cli(*command, "--home", str(missing))
    assert result.returncode == 1, result.stdout + result.stderr
    assert "no opendata home there" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert "OK" not in result.stdout
    assert not missing.exists()


def test_a_file_as_home_is_an_error(tmp_path: Path) -> None:
    afile = tmp_path / "home.txt"
    afile.write_text("x")
    result = run_cli("audit", "verify", "--home", str(afile))
    assert result.returncode == 1 and "is a file, not an opendata home folder" in result.stderr
    assert "Traceback" not in result.stderr


def test_verify_and_trace_do_not_write_the_registry(tmp_path: Path) -> None:
    home = tmp_path / "home"
    folder = publish(person_dataset(tmp_path / "dept"), home)
    db = home / "opendata.duckdb"
    before = (db.read_bytes(), db.stat().st_mtime_ns)
    assert run_cli("audit", "verify", "--home", str(home)).returncode == 0
    assert run_cli("trace", "relief-payments", "--version", folder.name, "--home", str(home)).returncode == 0
    assert (db.read_bytes(), db.stat().st_mtime_ns) == before
    assert not (home / "opendata.duckdb.wal").exists()


@pytest.fixture
def readonly_home(tmp_path: Path) -> Iterator[Path]:
    """A published home owned by root, readable by everyone, writable by root only (tests run as root)."""
    if os.getuid() != 0 or shutil.which("setpriv") is None:
        pytest.skip("needs root and setpriv to run a command as an account that cannot write the home")
    base = Path(tempfile.mkdtemp(dir="/tmp", prefix="opendata-rohome-"))
    base.chmod(0o755)
    home = base / "home"
    publish(person_dataset(tmp_path / "dept"), home)
    publish(company_dataset(tmp_path / "dept"), home)  # general-open: a `get` of it would write an access row
    for p in [home, *home.rglob("*")]:
        p.chmod(0o755 if p.is_dir() else 0o644)
    anchor = base / ".home.audit-anchor.json"
    if anchor.exists():
        anchor.chmod(0o644)
    yield home
    shutil.rmtree(base, ignore_errors=True)


def _as_nobody(*args: str, home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "HOME": "/tmp", "TMPDIR": "/tmp", "OPENDATA_HOME": str(home)}
    return subprocess.run(["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", sys.executable, "-m", "pipelines.cli.main", *args],
                          capture_output=True, text=True, env=env, cwd=ROOT, timeout=300)


def test_a_read_only_home_reads_and_refuses_writes_cleanly(readonly_home: Path) -> None:
    verify = _as_nobody("audit", "verify", "--home", str(readonly_home), home=readonly_home)
    assert verify.returncode == 0 and "audit verify: OK" in verify.stdout, verify.stdout + verify.stderr
    got = _as_nobody("get", "food-permits", "--user", "alice", "--purpose", "研究", "--home", str(readonly_home), home=readonly_home)
    assert got.returncode == 1, got.stdout + got.stderr
    assert "Traceback" not in got.stderr and "cannot be written" in got.stderr
    assert len(got.stderr.strip().splitlines()) == 1, got.stderr
