"""Withdrawal: quarantined at once, never deleted or edited, audited; crash-safe and resumable."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipelines.core.errors import InputError
from pipelines.core.home import Home
from pipelines.lifecycle import withdraw as withdraw_module
from pipelines.lifecycle.access import obtain
from pipelines.cli.lifecycle import withdraw_command
from pipelines.lifecycle.verify import verify
from pipelines.lifecycle.withdraw import complete_pending, withdraw
from pipelines.store.audit import read_log
from pipelines.store.db import connect
from pipelines.store.releases import get_release
from tests.test_lifecycle_fixtures import person_dataset, publish


class Crash(BaseException):
    """Stands for the process dying (not an Exception: nothing may catch and carry on)."""


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir()}


def _release(home: Path, version: str) -> dict[str, object]:
    with connect(Home(home)) as con:
        row = get_release(con, "relief-payments", version)
    assert row is not None
    return row


def _withdraw_dying_at(step: str, home: Path, folder: Path, monkeypatch: pytest.MonkeyPatch, *args: str) -> None:
    """Withdraw `folder` with the process dying at `step` of the withdrawal (a function of the module)."""

    def crash(*_a: object, **_k: object) -> None:
        raise Crash

    # A context of its own: undoing it must not undo the environment conftest set (the audit key).
    with monkeypatch.context() as m:
        m.setattr(withdraw_module, step, crash)
        with pytest.raises(Crash):
            withdraw(Home(home), "relief-payments", folder.name, *args)


@pytest.fixture
def published(tmp_path: Path) -> tuple[Path, Path]:
    home = tmp_path / "home"
    return home, publish(person_dataset(tmp_path / "dept"), home)


def test_withdraw_moves_marks_and_audits(published: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    home, folder = published
    before = _snapshot(folder)
    monkeypatch.setenv("OPENDATA_ACTOR", "大数据委-张三")
    assert withdraw_command("relief-payments", folder.name, "家庭人口数与发放日期组合可识别个人", "household_size", home) == 0
    quarantined = home / "quarantine" / "relief-payments" / folder.name
    assert not folder.exists() and _snapshot(quarantined) == before, "moved whole, byte for byte"
    row = _release(home, folder.name)
    assert row["status"] == "withdrawn" and row["withdraw_reason"] == "家庭人口数与发放日期组合可识别个人"
    assert row["withdraw_field"] == "household_size" and row["withdrawn_at"] is not None
    assert row["path"] == f"quarantine/relief-payments/{folder.name}"
    with connect(Home(home)) as con:
        entry = [e for e in read_log(con) if e["event"] == "withdraw"][-1]
    assert entry["actor"] == "大数据委-张三" and entry["version"] == folder.name
    details = json.loads(entry["details"])
    assert details["reason"] == "家庭人口数与发放日期组合可识别个人" and details["field"] == "household_size"
    assert "data.csv" in details["files"]
    assert "dataset-status/WITHDRAWN" in (home / "catalog.jsonld").read_text(encoding="utf-8")
    assert verify(Home(home)).ok
    assert "withdrawn relief-payments" in capsys.readouterr().out


def test_a_withdrawn_release_cannot_be_obtained(published: tuple[Path, Path]) -> None:
    home, folder = published
    withdraw(Home(home), "relief-payments", folder.name, "泄露")
    with pytest.raises(InputError, match=r"was withdrawn on \d{4}-\d{2}-\d{2}.*no replacing version"):
        obtain(Home(home), "relief-payments", folder.name, "alice", "研究")
    with pytest.raises(InputError, match="no published version"):
        obtain(Home(home), "relief-payments", None, "alice", "研究")


def test_crash_before_the_move_leaves_it_in_releases_and_rerun_finishes(published: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    home, folder = published
    before = _snapshot(folder)
    _withdraw_dying_at("move_to_quarantine", home, folder, monkeypatch, "姓名泄露", "household_size")
    assert _snapshot(folder) == before, "still whole in releases/"
    assert not (home / "quarantine" / "relief-payments" / folder.name).exists()
    assert _release(home, folder.name)["withdraw_requested_at"] is not None, "the intent is recorded"
    assert any("interrupted" in p for p in verify(Home(home)).problems)
    # Re-running finishes the job with the reason recorded first, not the new one.
    result = withdraw(Home(home), "relief-payments", folder.name, "another reason")
    assert result.completed_pending and not result.already
    assert _snapshot(home / "quarantine" / "relief-payments" / folder.name) == before and not folder.exists()
    row = _release(home, folder.name)
    assert row["status"] == "withdrawn" and row["withdraw_reason"] == "姓名泄露"
    assert row["withdraw_field"] == "household_size"
    assert verify(Home(home)).ok


def test_the_next_get_finishes_an_interrupted_withdrawal_and_refuses(published: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    home, folder = published
    _withdraw_dying_at("move_to_quarantine", home, folder, monkeypatch, "姓名泄露")
    with pytest.raises(InputError, match="was withdrawn"):
        obtain(Home(home), "relief-payments", folder.name, "alice", "研究")
    assert (home / "quarantine" / "relief-payments" / folder.name).is_dir()
    assert _release(home, folder.name)["status"] == "withdrawn"


def test_a_pending_withdrawal_that_cannot_finish_still_blocks_get(published: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    home, folder = published

    def crash(*_a: object) -> None:
        raise InputError("disk unavailable")

    monkeypatch.setattr(withdraw_module, "move_to_quarantine", crash)
    with pytest.raises(InputError):
        withdraw(Home(home), "relief-payments", folder.name, "姓名泄露")
    with pytest.raises(InputError, match="being withdrawn"):
        obtain(Home(home), "relief-payments", folder.name, "alice", "研究")
    assert folder.is_dir(), "never lost: still in releases/"


def test_crash_after_the_move_leaves_it_in_quarantine_and_rerun_finishes(published: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    home, folder = published
    before = _snapshot(folder)
    _withdraw_dying_at("complete_withdrawal", home, folder, monkeypatch, "手机号泄露")
    quarantined = home / "quarantine" / "relief-payments" / folder.name
    assert not folder.exists() and _snapshot(quarantined) == before, "whole, in quarantine/"
    assert _release(home, folder.name)["status"] == "published", "the registry update was rolled back"
    report = verify(Home(home))
    assert any("interrupted" in p for p in report.problems), report.problems
    result = withdraw(Home(home), "relief-payments", folder.name, "手机号泄露")
    assert result.completed_pending and not result.already
    row = _release(home, folder.name)
    assert row["status"] == "withdrawn" and row["path"] == f"quarantine/relief-payments/{folder.name}"
    with connect(Home(home)) as con:
        assert [e["event"] for e in read_log(con)].count("withdraw") == 1
    assert verify(Home(home)).ok


def test_complete_pending_finishes_every_interrupted_withdrawal(published: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    home, folder = published
    _withdraw_dying_at("move_to_quarantine", home, folder, monkeypatch, "泄露")
    assert complete_pending(Home(home)) == [("relief-payments", folder.name)]
    assert _release(home, folder.name)["status"] == "withdrawn"
    assert complete_pending(Home(home)) == []


def test_withdraw_twice_is_harmless(published: tuple[Path, Path]) -> None:
    home, folder = published
    withdraw(Home(home), "relief-payments", folder.name, "泄露")
    again = withdraw(Home(home), "relief-payments", folder.name, "泄露")
    assert again.already and (home / "quarantine" / "relief-payments" / folder.name).is_dir()
    with connect(Home(home)) as con:
        assert [e["event"] for e in read_log(con)].count("withdraw") == 1


def test_withdraw_command_of_a_withdrawn_version_says_nothing_done_and_exits_1(
    published: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    home, folder = published
    assert withdraw_command("relief-payments", folder.name, "泄露", None, home) == 0
    capsys.readouterr()
    assert withdraw_command("relief-payments", folder.name, "泄露", None, home) == 1
    out = capsys.readouterr()
    assert "withdrawn relief-payments" not in out.out
    (line,) = out.err.strip().splitlines()
    assert "was already withdrawn" in line and "+08:00" in line and "nothing done" in line


def test_withdraw_refuses_bad_input(published: tuple[Path, Path]) -> None:
    home, folder = published
    with pytest.raises(InputError, match="no release 2000-01-01.1"):
        withdraw(Home(home), "relief-payments", "2000-01-01.1", "泄露")
    with pytest.raises(InputError, match="no such dataset"):
        withdraw(Home(home), "no-such-dataset", folder.name, "泄露")
    with pytest.raises(InputError, match="not a column"):
        withdraw(Home(home), "relief-payments", folder.name, "泄露", "id_card")
    with pytest.raises(InputError, match="--reason"):
        withdraw(Home(home), "relief-payments", folder.name, "  ")
    assert folder.is_dir() and _release(home, folder.name)["status"] == "published"


def test_finishing_an_interrupted_withdrawal_updates_the_catalog(published: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    home, folder = published
    _withdraw_dying_at("complete_withdrawal", home, folder, monkeypatch, "泄露")
    assert "dataset-status/WITHDRAWN" not in (home / "catalog.jsonld").read_text(encoding="utf-8")
    with pytest.raises(InputError, match="was withdrawn"):
        obtain(Home(home), "relief-payments", None, "alice", "研究")  # the next run of anything finishes it
    assert "dataset-status/WITHDRAWN" in (home / "catalog.jsonld").read_text(encoding="utf-8")


_KILLED_MID_TRANSACTION = """
import os, sys
sys.path.insert(0, {root!r})
from pipelines.core.home import Home
from pipelines.lifecycle.withdraw import withdraw
from pipelines.store import audit

real_append = audit.append

def dying_append(con, event, **kw):
    if event == "withdraw":
        os._exit(9)  # the process dies inside step 3: release row updated, transaction not committed
    return real_append(con, event, **kw)

audit.append = dying_append
withdraw(Home.resolve({home!r}), "relief-payments", {version!r}, "姓名泄露")
"""


def test_a_process_killed_inside_the_withdrawal_transaction(published: tuple[Path, Path]) -> None:
    import subprocess
    import sys

    from tests.conftest import ROOT

    home, folder = published
    before = _snapshot(folder)
    script = _KILLED_MID_TRANSACTION.format(root=str(ROOT), home=str(home), version=folder.name)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert done.returncode == 9, done.stderr
    quarantined = home / "quarantine" / "relief-payments" / folder.name
    assert _snapshot(quarantined) == before and not folder.exists(), "moved whole before the kill"
    row = _release(home, folder.name)
    assert row["status"] == "published" and row["withdraw_requested_at"] is not None, "uncommitted work is gone"
    result = withdraw(Home(home), "relief-payments", folder.name, "姓名泄露")
    assert result.completed_pending
    assert _release(home, folder.name)["status"] == "withdrawn"
    assert verify(Home(home)).ok
