"""`opendata request ...` on a real home: ids and deadlines, answers, reviews, overdue lists, the
privacy-review flag of a release, and no requester name on any list or in the audit log."""

from __future__ import annotations

import json

import duckdb

from pipelines.platform.requests import under_review
from tests.test_requests_fixtures import MARKET, TRANSPORT, Site, published_site, site  # noqa: F401 - fixtures

REQUESTER = "张小明"
OTHER = "李红梅"


def _open(s: Site, received: str, department: str = TRANSPORT, title: str = "公交实时到站数据") -> str:
    out = s.ok("request", "open", "--title", title, "--department", department, "--requester", REQUESTER,
               "--text", "请开放各线路实时到站时间", "--received", received)
    return out.split()[0]


def test_open_prints_id_and_due_date_on_the_holiday_schedule(site: Site) -> None:
    out = site.ok("request", "open", "--title", "公交实时到站数据", "--department", TRANSPORT, "--requester", REQUESTER,
                  "--text", "请开放", "--received", "2026-09-25")
    assert out.strip() == "REQ-2026-0001 due 2026-10-29"
    [item] = site.items()
    assert {k: item[k] for k in ("id", "kind", "department", "status", "received", "due", "due_provisional", "answered")} == {
        "id": "REQ-2026-0001", "kind": "request", "department": TRANSPORT, "status": "open",
        "received": "2026-09-25", "due": "2026-10-29", "due_provisional": False, "answered": None,
    }


def test_deadline_into_2027_is_provisional_wherever_shown(site: Site) -> None:
    out = site.ok("request", "open", "--title", "年度客流统计", "--department", TRANSPORT, "--requester", REQUESTER,
                  "--text", "请开放", "--received", "2026-12-01")
    assert out.strip() == "REQ-2026-0001 due 2026-12-29", "December 2026 is on the official schedule"
    late = _open(site, "2026-12-04")
    item = next(i for i in site.items() if i["id"] == late)
    # Weekdays only in 2027: the provisional date even falls on New Year's Day, hence the mark.
    assert item["due"] == "2027-01-01" and item["due_provisional"] is True
    assert "provisional" in site.ok("request", "list")


def test_answer_review_and_their_deadlines(site: Site) -> None:
    rid = _open(site, "2026-09-25")
    out = site.ok("request", "answer", rid, "--refuse", "--reason", "涉及运营安全", "--on", "2026-10-29")
    assert "refused" in out and "within the deadline" in out
    review = site.ok("request", "review", rid, "--requester", REQUESTER, "--text", "请复核", "--received", "2026-11-02")
    rev_id, _, due = review.split()[:3]
    assert rev_id == "REV-2026-0001" and due == "2026-11-30"
    items = {i["id"]: i for i in site.items()}
    assert items[rid]["status"] == "refused" and items[rid]["answered"] == "2026-10-29" and items[rid]["within_deadline"] is True
    assert items[rev_id]["department"] == "市大数据委" and items[rev_id]["for_commission"] is True
    late = _open(site, "2026-09-28")
    assert "LATE" in site.ok("request", "answer", late, "--agree", "--reason", "同意开放", "--on", "2026-11-20")


def test_overdue_list_as_of_a_date(site: Site) -> None:
    a = _open(site, "2026-09-25")  # due 2026-10-29
    b = _open(site, "2026-10-09")  # due 2026-11-06
    c = _open(site, "2026-10-12", department=MARKET, title="行政处罚明细")  # due 2026-11-09
    site.ok("request", "answer", b, "--agree", "--reason", "已列入目录", "--on", "2026-11-10")
    assert [i["id"] for i in site.items("--overdue", "--as-of", "2026-10-29")] == []
    assert [i["id"] for i in site.items("--overdue", "--as-of", "2026-10-30")] == [a]
    # b was answered late on 11-10: on 11-09 it was still overdue, on 11-10 no more.
    assert [i["id"] for i in site.items("--overdue", "--as-of", "2026-11-09")] == [a, b]
    assert [i["id"] for i in site.items("--overdue", "--as-of", "2026-11-10")] == [a, c]
    assert [i["id"] for i in site.items("--overdue", "--as-of", "2026-11-10", "--department", MARKET)] == [c]
    assert all(i["overdue"] for i in site.items("--overdue", "--as-of", "2026-11-10"))


def test_privacy_objection_flags_the_release_until_withdrawn(site: Site) -> None:
    version = site.version("food-permits")
    out = site.ok("request", "objection", "food-permits", "--kind", "privacy", "--requester", OTHER,
                  "--text", "第3行含有个人手机号", "--received", "2026-10-08")
    oid, _, due = out.split()[:3]
    assert oid == "OBJ-2026-0001" and due == "2026-11-04"
    [item] = site.items()
    assert item["department"] == MARKET, "the department comes from the dataset's catalog spec"
    assert item["version"] == version and item["under_review"] is True and item["for_commission"] is True
    assert under_review(site.home, "food-permits", version) is True
    assert [i["id"] for i in site.items("--department", "市大数据委")] == [oid], "listed for the commission"
    assert under_review(site.home, "bus-stops", site.version("bus-stops")) is False
    site.ok("withdraw", "food-permits", "--version", version, "--reason", "隐私异议 OBJ-2026-0001")
    assert under_review(site.home, "food-permits", version) is False
    [item] = site.items()
    assert item["under_review"] is False and item["for_commission"] is False and item["status"] == "open"


def test_answered_privacy_objection_lifts_the_flag(site: Site) -> None:
    version = site.version("food-permits")
    oid = site.ok("request", "objection", "food-permits", "--version", version, "--kind", "privacy",
                  "--requester", OTHER, "--text", "含个人信息", "--received", "2026-11-02").split()[0]
    site.ok("request", "answer", oid, "--refuse", "--reason", "经核查为企业公开信息", "--on", "2026-11-05")
    assert under_review(site.home, "food-permits", version) is False


def test_requester_is_stored_but_never_listed_or_audited(site: Site) -> None:
    rid = _open(site, "2026-09-25")
    site.ok("request", "objection", "bus-stops", "--kind", "error", "--requester", OTHER, "--text", "站名错误",
            "--received", "2026-10-08")
    site.ok("request", "answer", rid, "--agree", "--reason", "同意", "--on", "2026-10-20")
    listed = site.ok("request", "list") + site.ok("request", "list", "--json")
    assert REQUESTER not in listed and OTHER not in listed and "站名错误" not in listed
    con = duckdb.connect(str(site.home / "opendata.duckdb"), read_only=True)
    try:
        stored = con.execute("SELECT requester FROM requests ORDER BY id").fetchall()
        audit = con.execute("SELECT event, details FROM audit_log WHERE event IN ('request', 'objection', 'answer')").fetchall()
    finally:
        con.close()
    assert sorted(r[0] for r in stored) == sorted([REQUESTER, OTHER])
    assert [e for e, _ in audit] == ["request", "objection", "answer"]
    assert all(REQUESTER not in d and OTHER not in d and "站名错误" not in d for _, d in audit)
    assert json.loads(audit[0][1])["id"] == rid
    site.ok("audit", "verify")


def test_bad_input_exits_1_with_one_line(site: Site) -> None:
    rid = _open(site, "2026-09-25")
    cases = [
        (("request", "open", "--title", "t", "--department", "d", "--requester", "r", "--text", "x", "--received", "2026-02-30"), "not a date"),
        (("request", "open", "--title", "t", "--department", "d", "--requester", "r", "--text", "x", "--received", "2099-01-01"), "in the future"),
        (("request", "open", "--department", "d", "--requester", "r", "--text", "x"), "--title is required"),
        (("request", "answer", "REQ-2026-9999", "--agree", "--reason", "x"), "unknown request id"),
        (("request", "answer", rid, "--agree", "--refuse", "--reason", "x"), "exactly one"),
        (("request", "answer", rid, "--agree", "--reason", "x", "--on", "2026-09-01"), "before"),
        (("request", "review", rid, "--requester", "r", "--text", "x"), "not refused"),
        (("request", "review", "REQ-2026-9999", "--requester", "r", "--text", "x"), "unknown request id"),
        (("request", "objection", "no-such-dataset", "--kind", "error", "--requester", "r", "--text", "x"), "unknown dataset"),
        (("request", "objection", "bus-stops", "--version", "1999-01-01.1", "--kind", "error", "--requester", "r", "--text", "x"), "unknown version"),
        (("request", "objection", "bus-stops", "--kind", "rumour", "--requester", "r", "--text", "x"), "--kind"),
        (("request", "list", "--overdue", "--as-of", "31/10/2026"), "not a date"),
    ]
    for args, expected in cases:
        code, out, err = site.cli(*args)
        assert code == 1, (args, err)
        assert expected in err and len(err.strip().splitlines()) == 1, (args, err)
        assert "Traceback" not in err
    site.ok("request", "answer", rid, "--agree", "--reason", "同意", "--on", "2026-10-20")
    code, _, err = site.cli("request", "answer", rid, "--refuse", "--reason", "x")
    assert code == 1 and "already answered" in err


def test_help_of_the_new_commands_imports_no_heavy_library() -> None:
    import subprocess
    import sys

    from tests.conftest import ROOT

    heavy = ["prefect", "duckdb", "pandas", "pyarrow", "fastapi", "chinese_calendar", "openpyxl"]
    for argv in (["request", "--help"], ["request", "list", "--help"], ["assess", "--help"]):
        code = (
            "import sys, json\n"
            f"sys.argv = ['opendata', *{argv!r}]\n"
            "import pipelines.cli.main as main\n"
            "try:\n    main.run()\nexcept SystemExit:\n    pass\n"
            f"print(json.dumps([m for m in {heavy!r} if m in sys.modules]))\n"
        )
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60)
        assert done.returncode == 0 and "Usage" in done.stdout, done.stderr
        assert json.loads(done.stdout.strip().splitlines()[-1]) == [], argv
