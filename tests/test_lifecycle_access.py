"""`opendata get` logs every access; `opendata trace` lists who obtained a release, withdrawn or not."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipelines.core.errors import InputError
from pipelines.core.home import Home
from pipelines.lifecycle.access import obtain, trace
from pipelines.lifecycle.withdraw import withdraw
from pipelines.store.access import accesses
from pipelines.store.audit import read_log
from pipelines.store.db import connect
from tests.conftest import run_cli
from tests.test_lifecycle_fixtures import company_dataset, person_dataset, publish


@pytest.fixture
def home_with_two(tmp_path: Path) -> tuple[Path, Path, Path]:
    home = tmp_path / "home"
    return home, publish(person_dataset(tmp_path / "dept"), home), publish(company_dataset(tmp_path / "dept"), home)


def test_get_logs_who_when_purpose_version_and_files(home_with_two: tuple[Path, Path, Path]) -> None:
    home, person, _ = home_with_two
    got = obtain(Home(home), "relief-payments", None, "福州大学-李四", "低保政策效果研究")
    assert got.data_file == person / "data.csv" and got.version == person.name
    assert got.attribution == "数据来源：福州市民政局；获取日期：2026-11-20"
    with connect(Home(home)) as con:
        rows = accesses(con, "relief-payments", person.name)
        entry = next(e for e in read_log(con) if e["seq"] == got.audit_seq)
    assert len(rows) == 1
    row = rows[0]
    assert row["user_name"] == "福州大学-李四" and row["purpose"] == "低保政策效果研究"
    assert row["files"] == ["data.csv"] and row["obtained_at"].startswith("20")
    assert entry["event"] == "access" and json.loads(entry["details"])["user"] == "福州大学-李四"


def test_authorized_open_data_needs_a_purpose(home_with_two: tuple[Path, Path, Path]) -> None:
    home, _, company = home_with_two
    with pytest.raises(InputError, match="authorized-open.*--purpose"):
        obtain(Home(home), "relief-payments", None, "alice", None)
    with pytest.raises(InputError, match="--purpose"):
        obtain(Home(home), "relief-payments", None, "alice", "   ")
    # General-open data needs none.
    assert obtain(Home(home), "food-permits", None, "bob", None).version == company.name
    with connect(Home(home)) as con:
        assert [a["user_name"] for a in accesses(con)] == ["bob"]
        refusals = [json.loads(e["details"]) for e in read_log(con) if e["event"] == "refusal"]
    assert [r["user"] for r in refusals] == ["alice", "alice"], "refused requests are audited too"


def test_get_refuses_unknown_things(home_with_two: tuple[Path, Path, Path]) -> None:
    home, _, _ = home_with_two
    with pytest.raises(InputError, match="no such dataset"):
        obtain(Home(home), "nobody", None, "alice", "x")
    with pytest.raises(InputError, match="no release 1999-01-01.1"):
        obtain(Home(home), "food-permits", "1999-01-01.1", "alice", "x")
    with pytest.raises(InputError, match="--user"):
        obtain(Home(home), "food-permits", None, " ", "x")


def test_trace_lists_every_get_even_after_withdrawal(home_with_two: tuple[Path, Path, Path]) -> None:
    home, person, _ = home_with_two
    for user in ("alice", "bob", "alice"):
        obtain(Home(home), "relief-payments", person.name, user, "研究")
    withdraw(Home(home), "relief-payments", person.name, "泄露")
    found = trace(Home(home), "relief-payments", person.name)
    assert [a["user_name"] for a in found.accesses] == ["alice", "bob", "alice"]
    assert found.release["status"] == "withdrawn"
    with pytest.raises(InputError, match="no release"):
        trace(Home(home), "relief-payments", "1999-01-01.1")


def test_cli_get_and_trace(home_with_two: tuple[Path, Path, Path]) -> None:
    home, person, _ = home_with_two
    got = run_cli("get", "relief-payments", "--user", "研究员王五", "--purpose", "救助覆盖率分析", "--home", str(home))
    assert got.returncode == 0, got.stderr
    assert got.stdout.strip().splitlines()[-1] == str(person / "data.csv")
    assert "数据来源：福州市民政局" in got.stderr
    refused = run_cli("get", "relief-payments", "--user", "someone", "--home", str(home))
    assert refused.returncode == 1 and "--purpose" in refused.stderr
    withdrawn = run_cli("withdraw", "relief-payments", "--version", person.name, "--reason", "泄露", "--home", str(home))
    assert withdrawn.returncode == 0, withdrawn.stderr
    again = run_cli("get", "relief-payments", "--version", person.name, "--user", "x", "--purpose", "y", "--home", str(home))
    assert again.returncode == 1 and "was withdrawn" in again.stderr
    traced = run_cli("trace", "relief-payments", "--version", person.name, "--home", str(home))
    assert traced.returncode == 0, traced.stderr
    assert "研究员王五" in traced.stdout and "救助覆盖率分析" in traced.stdout and "withdrawn" in traced.stdout
    assert "someone" not in traced.stdout, "a refused request is not an access"
