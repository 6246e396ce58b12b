"""Private working space (issue 13 item 4): a per-run 0700 folder, gone after SIGTERM, and after
`kill -9` by the next command; text-worker helpers die with their parent."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from benchmarks.generate import write_extract
from pipelines.core import workspace
from pipelines.runner.publish import working_database
from tests.conftest import ROOT, run_cli


def _children(pid: int) -> list[int]:
    out = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                out.append(int(entry.name))
    return out


def _alive(pid: int) -> bool:
    try:
        state = (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _leftovers(tmp: Path) -> list[str]:
    return sorted(p.name for p in tmp.iterdir() if p.name.startswith("opendata-"))


@pytest.fixture(scope="module")
def roll(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A generated 120k-row roll: large enough for text-worker helpers and a few seconds of masking."""
    return write_extract(tmp_path_factory.mktemp("roll"), 120_000).spec


def _start(spec: Path, home: Path, tmp: Path) -> subprocess.Popen[bytes]:
    env = {
        **os.environ, "TMPDIR": str(tmp), "OPENDATA_ENGINE": "plain", "OPENDATA_INSECURE_DEV_KEY": "1",
        "OPENDATA_TEXT_WORKERS": "1", "OPENDATA_WORKING_STORAGE": "file", "OPENDATA_HOME": str(home),
    }
    return subprocess.Popen([sys.executable, "-m", "pipelines.cli.main", "publish", str(spec)], env=env, cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _wait_for_helpers(proc: subprocess.Popen[bytes], timeout: float = 240) -> list[int]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert proc.poll() is None, "the publication ended before its helpers started"
        kids = _children(proc.pid)
        if kids:
            time.sleep(0.5)  # let the helper finish starting (its watchdog is set up first thing)
            return _children(proc.pid)
        time.sleep(0.1)
    raise AssertionError("no helper process started")


def test_run_folder_is_private_and_named_by_pid() -> None:
    folder = workspace.run_folder()
    assert folder.name.startswith(f"opendata-run-{os.getpid()}-")
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    con = working_database()
    spill = Path(con.execute("SELECT current_setting('temp_directory')").fetchall()[0][0])
    assert spill.parent == folder and stat.S_IMODE(spill.stat().st_mode) == 0o700
    con.close()


def test_a_planted_symlink_at_the_old_spill_name_is_not_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    target = tmp_path / "attacker"
    target.mkdir()
    (tmp / "opendata-spill").symlink_to(target)
    monkeypatch.setenv("TMPDIR", str(tmp))
    result = run_cli("scan", str(ROOT / "sample_data" / "transport-bus-stops.csv"), env={"TMPDIR": str(tmp)})
    assert result.returncode == 0, result.stderr
    con_env = {**os.environ, "TMPDIR": str(tmp)}
    code = "from pipelines.runner.publish import working_database; print(working_database().execute(\"SELECT current_setting('temp_directory')\").fetchall()[0][0])"
    shown = subprocess.run([sys.executable, "-c", code], env=con_env, cwd=ROOT, capture_output=True, text=True, check=True).stdout.strip()
    assert "opendata-spill" not in shown and Path(shown).parent.name.startswith("opendata-run-")
    assert list(target.iterdir()) == []


def test_stale_folders_of_dead_processes_are_removed_others_kept(tmp_path: Path) -> None:
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True).stdout.strip()
    (tmp_path / f"opendata-run-{dead}-abc").mkdir()
    (tmp_path / f"opendata-run-{dead}-abc" / "work.duckdb").write_text("raw")
    (tmp_path / f"opendata-run-{os.getppid()}-xyz").mkdir()  # a live process's folder
    removed = workspace.clean_stale(tmp_path)
    assert [p.name for p in removed] == [f"opendata-run-{dead}-abc"]
    assert _leftovers(tmp_path) == [f"opendata-run-{os.getppid()}-xyz"]


def test_kill_9_leaves_nothing_after_the_next_command(roll: Path, tmp_path: Path) -> None:
    tmp, home = tmp_path / "tmp", tmp_path / "home"
    tmp.mkdir()
    proc = _start(roll, home, tmp)
    helpers = _wait_for_helpers(proc)
    assert any((tmp / name).is_dir() for name in _leftovers(tmp))
    assert list(tmp.glob("opendata-run-*/work-*/work.duckdb")), "the working database is in the run folder"
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    deadline = time.monotonic() + 10
    while any(_alive(h) for h in helpers) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not any(_alive(h) for h in helpers), "text-worker helpers outlived their parent"
    assert _leftovers(tmp), "a killed run cannot clean up after itself"
    nxt = run_cli("audit", "verify", "--home", str(home), env={"TMPDIR": str(tmp)})
    assert nxt.returncode in (0, 1)
    assert _leftovers(tmp) == []


def test_sigterm_removes_the_run_folder(roll: Path, tmp_path: Path) -> None:
    tmp, home = tmp_path / "tmp", tmp_path / "home"
    tmp.mkdir()
    proc = _start(roll, home, tmp)
    helpers = _wait_for_helpers(proc)
    proc.send_signal(signal.SIGTERM)
    proc.wait(timeout=60)
    time.sleep(1.5)
    assert not any(_alive(h) for h in helpers)
    assert _leftovers(tmp) == []
