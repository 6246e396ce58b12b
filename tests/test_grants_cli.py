"""`opendata grant ...`, `user restrict` and `trace` on the command line: outputs, exit codes, audit."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from pipelines.cli.main import app
from tests.conftest import ROOT
from tests.portal_fixtures import AUTHORIZED, GENERAL, version_of

APPLY = ["--purpose", "低保政策评估", "--scenario", "学术研究", "--safeguards", "内网隔离"]


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def apply(home: Path, applicant: str = "福州大学", kind: str = "university", *extra: str) -> str:
    code, out, err = run("grant", "apply", AUTHORIZED, "--applicant", applicant, "--applicant-type", kind, *APPLY, *extra, "--home", str(home))
    assert code == 0, err
    return out.strip().splitlines()[-1]


def test_apply_approve_prints_id_then_token_once(portal_home: Path) -> None:
    app_id = apply(portal_home)
    assert app_id.startswith("APP-")
    code, out, err = run("grant", "approve", app_id, "--by", "市大数据委", "--expires", "2099-12-31", "--home", str(portal_home))
    assert code == 0, err
    token = out.strip().splitlines()[-1]
    assert token.startswith(app_id + ".") and len(token) > len(app_id) + 40
    code, out, _ = run("grant", "list", "--json", "--home", str(portal_home))
    listed = json.loads(out)
    assert listed[0]["status"] == "approved" and listed[0]["expires_on"] == "2099-12-31"
    assert token.split(".")[1] not in out, "the token is shown once, never listed"
    code, _, err = run("grant", "approve", app_id, "--by", "x", "--home", str(portal_home))
    assert code == 1 and "already approved" in err


def test_commercial_rules_of_article_8(portal_home: Path) -> None:
    code, _, err = run("grant", "apply", AUTHORIZED, "--applicant", "福州大学", "--applicant-type", "university", *APPLY,
                       "--commercial", "--tender", "FZ-1", "--home", str(portal_home))
    assert code == 1 and "§8" in err and "Traceback" not in err
    code, _, err = run("grant", "apply", AUTHORIZED, "--applicant", "甲公司", "--applicant-type", "enterprise", *APPLY,
                       "--commercial", "--home", str(portal_home))
    assert code == 1 and "--tender" in err
    assert apply(portal_home, "甲公司", "enterprise", "--commercial", "--tender", "FZ-2026-001").startswith("APP-")
    code, _, err = run("grant", "apply", AUTHORIZED, "--applicant", "甲", "--applicant-type", "alien", *APPLY, "--home", str(portal_home))
    assert code == 1 and "enterprise" in err
    code, _, err = run("grant", "apply", GENERAL, "--applicant", "甲", "--applicant-type", "enterprise", *APPLY, "--home", str(portal_home))
    assert code == 1 and "not authorized-open" in err


def test_reject_revoke_and_bad_dates(portal_home: Path) -> None:
    a, b = apply(portal_home), apply(portal_home, "乙公司", "enterprise")
    assert run("grant", "reject", a, "--by", "市大数据委", "--reason", "用途不明", "--home", str(portal_home))[0] == 0
    assert run("grant", "revoke", a, "--reason", "x", "--home", str(portal_home))[0] == 1
    code, _, err = run("grant", "approve", b, "--by", "市大数据委", "--expires", "tomorrow", "--home", str(portal_home))
    assert code == 1 and "YYYY-MM-DD" in err
    assert run("grant", "approve", b, "--by", "市大数据委", "--home", str(portal_home))[0] == 0
    assert run("grant", "revoke", b, "--reason", "违反协议", "--home", str(portal_home))[0] == 0
    statuses = {r["id"]: r["status"] for r in json.loads(run("grant", "list", "--json", "--home", str(portal_home))[1])}
    assert statuses == {a: "rejected", b: "revoked"}


def test_restrict_revokes_refuses_and_audits(portal_home: Path) -> None:
    app_id = apply(portal_home, "丙公司", "enterprise")
    run("grant", "approve", app_id, "--by", "市大数据委", "--home", str(portal_home))
    code, out, _ = run("user", "restrict", "丙公司", "--reason", "向第三方转售数据", "--home", str(portal_home))
    assert code == 0 and app_id in out
    code, _, err = run("grant", "apply", AUTHORIZED, "--applicant", "丙公司", "--applicant-type", "enterprise", *APPLY, "--home", str(portal_home))
    assert code == 1 and "§16" in err
    code, out, _ = run("audit", "verify", "--home", str(portal_home))
    assert code == 0, out


def test_use_reports_and_overdue_list(portal_home: Path) -> None:
    a, b = apply(portal_home), apply(portal_home, "乙公司", "enterprise")
    for x in (a, b):
        run("grant", "approve", x, "--by", "市大数据委", "--expires", "2099-01-01", "--home", str(portal_home))
    assert run("grant", "report", a, "--text", "完成季度分析", "--home", str(portal_home))[0] == 0
    code, out, _ = run("grant", "list", "--overdue-reports", "--json", "--as-of", "2099-01-01", "--home", str(portal_home))
    assert code == 0 and {o["grant_id"] for o in json.loads(out)} == {a, b}
    code, out, _ = run("grant", "list", "--overdue-reports", "--json", "--home", str(portal_home))
    assert json.loads(out) == []
    code, _, err = run("grant", "report", "APP-0", "--text", "x", "--home", str(portal_home))
    assert code == 1 and "no approved grant" in err


def test_trace_lists_portal_downloads_with_the_grant(portal_home: Path) -> None:
    from fastapi.testclient import TestClient

    from pipelines.core.home import Home
    from pipelines.portal.app import create_app

    app_id = apply(portal_home)
    token = run("grant", "approve", app_id, "--by", "市大数据委", "--home", str(portal_home))[1].strip().splitlines()[-1]
    v = version_of(portal_home, AUTHORIZED)
    r = TestClient(create_app(Home(portal_home))).get(f"/datasets/{AUTHORIZED}/{v}/data.csv", headers={"Authorization": f"Bearer {token}"})
    assert r.status_code == 200
    code, out, _ = run("trace", AUTHORIZED, "--version", v, "--home", str(portal_home))
    assert code == 0 and app_id in out and "福州大学" in out and "低保政策评估" in out


def test_the_real_command_ends_with_the_application_id(portal_home: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "pipelines.cli.main", "grant", "apply", AUTHORIZED, "--applicant", "福州大学",
         "--applicant-type", "research-institute", *APPLY, "--home", str(portal_home)],
        capture_output=True, text=True, cwd=ROOT, timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1].startswith("APP-")
