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
from tests.test_lifecycle_fixtures import company_dataset, grant_token, person_dataset, publish


@pytest.fixture
def home_with_two(tmp_path: Path) -> tuple[Path, Path, Path]:
    home = tmp_path / "home"
    return home, publish(person_dataset(tmp_path / "dept"), home), publish(company_dataset(tmp_path / "dept"), home)


def test_get_logs_who_when_purpose_version_and_files(home_with_two: tuple[Path, Path, Path]) -> None:
    home, _, company = home_with_two
    got = obtain(Home(home), "food-permits", None, "福州大学-李四", "市场主体研究")
    assert got.data_file == company / "data.csv" and got.version == company.name and got.grant_id is None
    assert got.attribution == json.loads((company / "datapackage.json").read_text(encoding="utf-8")).get("attribution")
    with connect(Home(home)) as con:
        rows = accesses(con, "food-permits", company.name)
        entry = next(e for e in read_log(con) if e["seq"] == got.audit_seq)
    assert len(rows) == 1
    row = rows[0]
    assert row["user_name"] == "福州大学-李四" and row["purpose"] == "市场主体研究"
    assert row["files"] == ["data.csv"] and row["obtained_at"].startswith("20")
    assert entry["event"] == "access" and json.loads(entry["details"])["user"] == "福州大学-李四"


def test_authorized_open_data_needs_a_grant(home_with_two: tuple[Path, Path, Path]) -> None:
    home, _, company = home_with_two
    # A stated purpose is no longer enough (开放办法 §8, §12): only an approved applicant's token opens it.
    with pytest.raises(InputError, match="authorized-open.*opendata grant apply.*--token"):
        obtain(Home(home), "relief-payments", None, "alice", "研究")
    with pytest.raises(InputError, match="opendata grant apply"):
        obtain(Home(home), "relief-payments", None, "alice", None)
    # General-open data needs neither purpose nor grant.
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
    home, _, company = home_with_two
    for user in ("alice", "bob", "alice"):
        obtain(Home(home), "food-permits", company.name, user, "研究")
    withdraw(Home(home), "food-permits", company.name, "信息有误")
    found = trace(Home(home), "food-permits", company.name)
    assert [a["user_name"] for a in found.accesses] == ["alice", "bob", "alice"]
    assert found.release["status"] == "withdrawn"
    with pytest.raises(InputError, match="no release"):
        trace(Home(home), "food-permits", "1999-01-01.1")


def test_cli_get_and_trace(home_with_two: tuple[Path, Path, Path]) -> None:
    home, _, company = home_with_two
    got = run_cli("get", "food-permits", "--user", "研究员王五", "--purpose", "市场主体分析", "--home", str(home))
    assert got.returncode == 0, got.stderr
    assert got.stdout.strip().splitlines()[-1] == str(company / "data.csv")
    withdrawn = run_cli("withdraw", "food-permits", "--version", company.name, "--reason", "信息有误", "--home", str(home))
    assert withdrawn.returncode == 0, withdrawn.stderr
    again = run_cli("get", "food-permits", "--version", company.name, "--user", "someone", "--purpose", "y", "--home", str(home))
    assert again.returncode == 1 and "was withdrawn" in again.stderr
    traced = run_cli("trace", "food-permits", "--version", company.name, "--home", str(home))
    assert traced.returncode == 0, traced.stderr
    assert "研究员王五" in traced.stdout and "市场主体分析" in traced.stdout and "withdrawn" in traced.stdout
    assert "someone" not in traced.stdout, "a refused request is not an access"


# -- authorized-open data over the CLI: only with a grant token, as the grantee's copy (issue 15) ------


def test_cli_get_of_authorized_data_without_a_token_says_how_to_apply(home_with_two: tuple[Path, Path, Path]) -> None:
    home, person, _ = home_with_two
    refused = run_cli("get", "relief-payments", "--user", "someone", "--purpose", "研究", "--home", str(home))
    assert refused.returncode == 1, refused.stdout + refused.stderr
    lines = refused.stderr.strip().splitlines()
    assert len(lines) == 1 and "opendata grant apply" in lines[0] and "--token" in lines[0], refused.stderr
    assert str(person) not in refused.stdout, "no path handed out"
    assert run_cli("trace", "relief-payments", "--version", person.name, "--home", str(home)).stdout.count("someone") == 0


def test_cli_get_with_a_bad_or_revoked_token_is_refused_and_audited_without_the_token(home_with_two: tuple[Path, Path, Path]) -> None:
    home, _, _ = home_with_two
    token = grant_token(home)
    grant_id = token.rpartition(".")[0]
    forged = grant_id + ".not-the-secret"
    bad = run_cli("get", "relief-payments", "--user", "x", "--token", forged, "--home", str(home))
    assert bad.returncode == 1 and "not valid" in bad.stderr, bad.stderr
    assert run_cli("grant", "revoke", grant_id, "--reason", "超范围使用", "--home", str(home)).returncode == 0
    revoked = run_cli("get", "relief-payments", "--user", "x", "--token", token, "--home", str(home))
    assert revoked.returncode == 1 and "revoked" in revoked.stderr, revoked.stderr
    assert revoked.stdout.strip() == ""
    with connect(Home(home)) as con:
        assert accesses(con, "relief-payments") == []
        log = read_log(con)
    refusals = [json.loads(e["details"]) for e in log if e["event"] == "refusal"]
    assert [r["grant"] for r in refusals] == [grant_id, grant_id]
    assert not any(token.rpartition(".")[2] in json.dumps(e, default=str) for e in log), "the token is never audited"


def test_cli_get_with_a_good_token_hands_out_the_grantees_copy(home_with_two: tuple[Path, Path, Path]) -> None:
    home, person, _ = home_with_two
    token = grant_token(home, applicant="甲研究院", purpose="救助政策评估")
    other = grant_token(home, applicant="乙大学", purpose="另一项研究")
    grant_id = token.rpartition(".")[0]
    got = run_cli("get", "relief-payments", "--user", "研究员王五", "--token", token, "--home", str(home))
    assert got.returncode == 0, got.stderr
    copy = Path(got.stdout.strip().splitlines()[-1])
    assert copy == home / "grants" / grant_id / person.name / "data.csv"
    assert copy.read_bytes() != (person / "data.csv").read_bytes(), "never the release's own file"
    # The other grantee gets a different copy; the first copy names its own grant, not the other.
    assert run_cli("get", "relief-payments", "--user", "y", "--token", other, "--home", str(home)).returncode == 0
    leak = run_cli("identify-leak", str(copy), "--home", str(home))
    assert leak.returncode == 0, leak.stderr
    assert grant_id in leak.stdout and other.rpartition(".")[0] not in leak.stdout.splitlines()[-1]
    traced = run_cli("trace", "relief-payments", "--version", person.name, "--home", str(home))
    assert traced.returncode == 0, traced.stderr
    assert grant_id in traced.stdout and "研究员王五" in traced.stdout and "救助政策评估" in traced.stdout
    with connect(Home(home)) as con:
        row = accesses(con, "relief-payments", person.name)[0]
    assert (row["grant_id"], row["applicant"], row["purpose"], row["channel"]) == (grant_id, "甲研究院", "救助政策评估", "cli")
