"""Concurrent downloads while another process writes the registry: every download is logged once,
and a failed shared commit serves nothing."""

from __future__ import annotations

import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import duckdb
import pytest

from pipelines.core.home import Home
from pipelines.platform import grants
from pipelines.platform.catalog import Catalog
from pipelines.platform.downloads import authorize
from pipelines.platform.grants import ApplicationForm
from pipelines.platform.group_commit import GroupCommitter
from tests.conftest import ROOT
from tests.portal_fixtures import AUTHORIZED, GENERAL, version_of

WRITER = """
import sys, time
from pathlib import Path
from pipelines.core.home import Home
from pipelines.store import audit
home, until = Home(Path(sys.argv[1])), time.monotonic() + float(sys.argv[2])
n = 0
while time.monotonic() < until:
    audit.record_event(home, "benchmark-writer", details={"n": n})
    n += 1
print(n)
"""


def test_downloads_under_contention_are_each_logged_once(portal_home: Path) -> None:
    home = Home(portal_home)
    token = grants.approve(home, grants.apply(home, ApplicationForm(AUTHORIZED, "甲公司", "enterprise", "研究", "评估", "加密")).id, "委").token
    catalog = Catalog(home)
    g, a = version_of(portal_home, GENERAL), version_of(portal_home, AUTHORIZED)
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(portal_home), "8"], cwd=ROOT, stdout=subprocess.PIPE, text=True)

    def one(i: int) -> int:
        if i % 2:
            return authorize(home, catalog, GENERAL, g, "data.csv", None).audit_seq
        return authorize(home, catalog, AUTHORIZED, a, "data.csv", token).audit_seq

    with ThreadPoolExecutor(12) as pool:
        seqs = list(pool.map(one, range(120)))
    out, _ = writer.communicate(timeout=120)
    assert writer.returncode == 0 and int(out) > 0, "the other process wrote meanwhile"
    con = duckdb.connect(str(home.db_path), read_only=True)
    try:
        logged = [r[0] for r in con.execute("SELECT audit_seq FROM access_log ORDER BY audit_seq").fetchall()]
        granted = con.execute("SELECT count(*) FROM access_log WHERE grant_id IS NOT NULL").fetchone()[0]  # type: ignore[index]
    finally:
        con.close()
    assert sorted(seqs) == logged and len(set(seqs)) == 120 and granted == 60
    from pipelines.lifecycle.verify import verify

    assert verify(home).ok


def test_a_failed_shared_commit_fails_every_request_of_the_batch(portal_home: Path) -> None:
    committer = GroupCommitter(Home(portal_home))

    def bad(con: duckdb.DuckDBPyConnection) -> int:
        con.execute("INSERT INTO audit_log (seq) VALUES (NULL)")  # violates NOT NULL: the batch rolls back
        return 1

    with pytest.raises(duckdb.Error):
        committer.run(bad)
    assert committer.run(lambda con: con.execute("SELECT 41 + 1").fetchone()[0]) == 42  # type: ignore[index]
