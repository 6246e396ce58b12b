"""`opendata assess` on a real home: departments from the catalog, an overdue request lowering the
department's responsiveness, the weights file, and the published HTML/XLSX scorecard."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from openpyxl import load_workbook

from pipelines.platform.workdays import today
from tests.test_requests_fixtures import MARKET, TRANSPORT, Site, published_site, site  # noqa: F401 - fixtures

YEAR = "2026"


def _assess(s: Site, *args: str) -> dict:
    return json.loads(s.ok("assess", "--year", YEAR, "--json", *args))


def _dept(result: dict, name: str) -> dict:
    return next(d for d in result["departments"] if d["department"] == name)


def _request(s: Site, department: str, received: str) -> str:
    return s.ok("request", "open", "--title", "数据需求", "--department", department, "--requester", "王某",
                "--text", "请开放", "--received", received).split()[0]


def test_json_shape_and_every_catalog_department(site: Site) -> None:
    result = _assess(site)
    assert result["year"] == 2026
    assert {d["department"] for d in result["departments"]} == {MARKET, TRANSPORT}
    for dep in result["departments"]:
        assert 0 <= dep["score"] <= 100 and dep["grade"] in ("优秀", "良好", "合格", "不合格")
        assert set(dep["dimensions"]) == {"catalog", "opening", "desensitization", "quality", "responsiveness", "use"}
        assert dep["dimensions"]["catalog"] == 100.0, "valid specs with complete metadata"
        assert dep["dimensions"]["opening"] > 0 and dep["dimensions"]["quality"] is not None
        assert dep["dimensions"]["responsiveness"] is None, "no request received: not applicable"


def test_overdue_request_lowers_that_departments_responsiveness(site: Site) -> None:
    on_time = _request(site, MARKET, "2026-09-25")
    site.ok("request", "answer", on_time, "--agree", "--reason", "已开放", "--on", "2026-10-29")
    transport = _request(site, TRANSPORT, "2026-09-25")
    site.ok("request", "answer", transport, "--agree", "--reason", "已开放", "--on", "2026-10-20")
    before = _assess(site)
    assert _dept(before, MARKET)["dimensions"]["responsiveness"] == 100.0

    _request(site, MARKET, "2026-10-09")  # due 2026-11-06, never answered
    assert today() > date(2026, 11, 6)
    after = _assess(site)
    market_before, market_after = _dept(before, MARKET), _dept(after, MARKET)
    assert market_after["dimensions"]["responsiveness"] == 50.0
    assert market_after["score"] < market_before["score"]
    assert _dept(after, TRANSPORT) == _dept(before, TRANSPORT), "another department's overdue request changes nothing here"


def test_upheld_privacy_objection_lowers_desensitization(site: Site) -> None:
    oid = site.ok("request", "objection", "food-permits", "--kind", "privacy", "--requester", "李某", "--text", "含个人信息",
                  "--received", "2026-11-02").split()[0]
    site.ok("request", "answer", oid, "--agree", "--reason", "确认泄露，已撤回", "--on", "2026-11-03")
    result = _assess(site)
    assert _dept(result, MARKET)["dimensions"]["desensitization"] == 0.0
    assert _dept(result, TRANSPORT)["dimensions"]["desensitization"] == 100.0


def test_out_writes_html_xlsx_and_publishes(site: Site) -> None:
    out_dir = site.root / "report"
    code, stdout, err = site.cli("assess", "--year", YEAR, "--out", str(out_dir))
    assert code == 0, err
    html = (out_dir / "assessment-2026.html").read_text(encoding="utf-8")
    assert "年度政务数据资源开放考核结果" in html and MARKET in html
    assert html.count("<svg") == 7, "a total chart and one per dimension"
    assert "<script" not in html
    wb = load_workbook(out_dir / "assessment-2026.xlsx")
    rows = list(wb["考核结果"].iter_rows(values_only=True))
    assert rows[0][:3] == ("部门", "总分", "等级") and {r[0] for r in rows[1:]} == {MARKET, TRANSPORT}
    assert "指标权重" in wb.sheetnames
    from pipelines.core.home import Home
    from pipelines.platform.assess.publish import latest_scorecard

    card = latest_scorecard(Home(site.home))
    assert card is not None and card.year == 2026 and len(card.body["departments"]) == 2
    site.ok("audit", "verify")


def test_weights_file_override_and_bad_values(site: Site, tmp_path: Path) -> None:
    good = tmp_path / "weights.yaml"
    good.write_text(
        "weights: {catalog: 1, opening: 0, desensitization: 0, quality: 0, responsiveness: 0, use: 0}\n"
        "grades: {优秀: 95, 良好: 85, 合格: 70}\n", encoding="utf-8",
    )
    result = _assess(site, "--weights", str(good))
    assert all(d["score"] == 100.0 and d["grade"] == "优秀" for d in result["departments"]), "only the catalog counts"
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "weights:\n  catalog: 20\n  opening: -5\n  desensitization: 15\n  quality: 20\n  responsiveness: 10\n  use: 10\n"
        "grades: {优秀: 90, 良好: 75, 合格: 60}\n", encoding="utf-8",
    )
    code, _, err = site.cli("assess", "--year", YEAR, "--weights", str(bad))
    assert code == 1 and err.startswith(f"error: {bad}:3: weights.opening"), err
    code, _, err = site.cli("assess", "--year", YEAR, env={"OPENDATA_ASSESS_WEIGHTS": str(bad)})
    assert code == 1 and f"{bad}:3:" in err
    bad.write_text("weights: {catalog: 1, opening: 1, desensitization: 1, quality: 1, responsiveness: 1, use: 1}\n"
                   "grades:\n  优秀: 60\n  良好: 75\n  合格: 50\n", encoding="utf-8")
    code, _, err = site.cli("assess", "--year", YEAR, "--weights", str(bad))
    assert code == 1 and f"{bad}:2:" in err and "优秀 > 良好 > 合格" in err


def test_bad_year_and_missing_catalog_exit_1(site: Site, tmp_path: Path) -> None:
    for args, expected in [(("--year", "2999"), "--year"), ((), "--year is required"),
                           (("--year", YEAR, "--catalog", str(tmp_path / "none")), "no catalog folder")]:
        code, _, err = site.cli("assess", *args)
        assert code == 1 and expected in err and "Traceback" not in err, err
