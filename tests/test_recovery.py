"""What a killed run leaves in the home is put right by the next command (issue 13 item 5)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from pipelines.core.home import Home
from pipelines.store.audit import read_log
from pipelines.store.db import connect
from tests.conftest import ROOT, run_cli
from tests.test_lifecycle_fixtures import person_dataset, publish

_KILLED_WRITING = """
import os, sys
sys.path.insert(0, {root!r})
from pipelines.release import writer

real = writer.write_release_folder

def dying(ctx, tmp):
    real(ctx, tmp)
    os._exit(9)  # killed with the release written into .tmp-<version>, before the rename

writer.write_release_folder = dying
from pipelines.runner.publish import run_plain
# The same extract again: force, or the unchanged-publication no-op would stop before the writer.
run_plain({spec!r}, None, {home!r}, force=True)
"""

_KILLED_BEFORE_CATALOG = """
import os, sys
sys.path.insert(0, {root!r})
from pipelines.core.home import Home
from pipelines.lifecycle import withdraw as w

def dying(home):
    os._exit(9)  # killed after the registry commit of the withdrawal, before the catalog rebuild

w.write_catalog = dying
w.withdraw(Home.resolve({home!r}), "relief-payments", {version!r}, "姓名泄露")
"""


def _run(script: str) -> None:
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300, cwd=ROOT,
                          env={**__import__("os").environ, "OPENDATA_ENGINE": "plain"})
    assert done.returncode == 9, done.stderr


def test_a_killed_publication_leaves_no_tmp_folder_after_the_next_command(tmp_path: Path) -> None:
    home = tmp_path / "home"
    spec = person_dataset(tmp_path / "dept")
    publish(spec, home)  # the registry exists
    _run(_KILLED_WRITING.format(root=str(ROOT), spec=str(spec), home=str(home)))
    left = list((home / "releases").glob("*/.tmp-*"))
    assert [p for p in left if p.is_dir()], "the kill left a partial release"
    result = run_cli("audit", "verify", "--home", str(home))
    assert result.returncode == 0, result.stdout + result.stderr
    assert list((home / "releases").glob("*/.tmp-*")) == []
    with connect(Home(home), read_only=True) as con:
        entries = [e for e in read_log(con) if e["event"] == "recovery"]
    assert len(entries) == 1
    assert json.loads(entries[0]["details"])["removed_tmp_release_folders"][0].startswith("releases/relief-payments/.tmp-")


def test_a_live_publication_tmp_folder_is_left_alone(tmp_path: Path) -> None:
    from pipelines.lifecycle.recover import recover
    from pipelines.release.version import reserve_version

    home = tmp_path / "home"
    publish(person_dataset(tmp_path / "dept"), home)
    _, tmp = reserve_version(Home(home), "relief-payments")  # this (live) process is writing it
    assert recover(Home(home)).removed == []
    assert tmp.is_dir()


def test_a_withdrawal_killed_before_the_catalog_rebuild_is_put_right_by_any_command(tmp_path: Path) -> None:
    home = tmp_path / "home"
    folder = publish(person_dataset(tmp_path / "dept"), home)
    _run(_KILLED_BEFORE_CATALOG.format(root=str(ROOT), home=str(home), version=folder.name))
    assert "dataset-status/WITHDRAWN" not in (home / "catalog.jsonld").read_text(encoding="utf-8")
    result = run_cli("trace", "relief-payments", "--version", folder.name, "--home", str(home))
    assert result.returncode == 0, result.stderr
    assert "dataset-status/WITHDRAWN" in (home / "catalog.jsonld").read_text(encoding="utf-8")
