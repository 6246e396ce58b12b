"""The portal over HTTP (FastAPI TestClient): every page and every status code it answers.

200 pages and downloads, 401 without a token, 403 for a bad, expired or revoked token and a
restricted user, 404 for unknown names and path traversal, 410 for a withdrawn version, 400 for a
bad form; downloads are logged before any byte goes out; no person's name on a public page.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

import duckdb
import pytest
from fastapi.testclient import TestClient

from pipelines.core.home import Home
from pipelines.platform import grants
from pipelines.platform.grants import ApplicationForm
from pipelines.platform.restrictions import restrict
from pipelines.portal.app import create_app
from pipelines.store.db import connect
from pipelines.store import grants as grant_store
from tests.portal_fixtures import AUTHORIZED, GENERAL, version_of

PERSON = "张晓明"


def client(home: Path) -> TestClient:
    return TestClient(create_app(Home(home)), raise_server_exceptions=False)


def accesses(home: Path) -> list[tuple[str, str, str, str | None, str | None]]:
    con = duckdb.connect(str(Home(home).db_path), read_only=True)
    try:
        return con.execute("SELECT dataset_id, files, user_name, grant_id, applicant FROM access_log ORDER BY audit_seq").fetchall()
    finally:
        con.close()


def approved(home: Path, applicant: str = "福州大学", applicant_type: str = "university") -> grants.Approved:
    form = ApplicationForm(AUTHORIZED, applicant, applicant_type, "低保政策评估", "学术研究", "内网隔离、加密存储")
    app = grants.apply(Home(home), form)
    return grants.approve(Home(home), app.id, "市大数据委")


def test_catalog_lists_datasets_with_open_type_and_latest_version(portal_home: Path) -> None:
    page = client(portal_home).get("/")
    assert page.status_code == 200 and "<script" not in page.text
    assert "食品经营许可信息" in page.text and "社会救助发放记录" in page.text
    assert "普遍开放" in page.text and "授权开放" in page.text
    assert version_of(portal_home, GENERAL) in page.text


@pytest.mark.parametrize(
    ("query", "shown", "hidden"),
    [
        ({"q": "许可证"}, "食品经营许可信息", "社会救助发放记录"),         # keyword
        ({"q": "家庭人口数"}, "社会救助发放记录", "食品经营许可信息"),     # field label
        ({"q": "逐笔发放"}, "社会救助发放记录", "食品经营许可信息"),       # summary
        ({"domain": "市场监管"}, "食品经营许可信息", "社会救助发放记录"),
        ({"open_type": "authorized"}, "社会救助发放记录", "食品经营许可信息"),
        ({"department": "福州市民政局"}, "社会救助发放记录", "食品经营许可信息"),
    ],
)
def test_search_and_filters(portal_home: Path, query: dict[str, str], shown: str, hidden: str) -> None:
    page = client(portal_home).get("/", params=query)
    assert page.status_code == 200
    listed = page.text.split('id="result-count"', 1)[1]
    assert shown in listed and hidden not in listed


def test_dataset_page_has_catalog_fields_versions_quality_and_how_to_apply(portal_home: Path) -> None:
    v = version_of(portal_home, AUTHORIZED)
    page = client(portal_home).get(f"/datasets/{AUTHORIZED}")
    assert page.status_code == 200
    for text in ("数据领域", "社会保障", "开放条件", "仅限科研机构", "更新频度", "每月", "福州市民政局", "数据格式",
                 "家庭人口数", "integer", "数据来源：福州市民政局", "真实性", f"/datasets/{AUTHORIZED}/{v}/quality.html",
                 f"/datasets/{AUTHORIZED}/apply", "Authorization: Bearer", v):
        assert text in page.text, text


def test_unknown_names_and_path_traversal_are_404(portal_home: Path) -> None:
    c, v = client(portal_home), version_of(portal_home, GENERAL)
    for url in (
        "/datasets/no-such", f"/datasets/{GENERAL}/{v}/secret.txt", f"/datasets/{GENERAL}/2001-01-01.1/data.csv",
        f"/datasets/{GENERAL}/{v}/..%2F..%2F..%2Fopendata.duckdb", f"/datasets/{GENERAL}/..%2F..%2F/opendata.duckdb",
        "/datasets/..%2F..%2Fetc/passwd/x", f"/datasets/{GENERAL}/{v}/%2e%2e", "/no/such/page",
    ):
        r = c.get(url)
        assert r.status_code == 404, url
        assert b"DUCK" not in r.content and "root:" not in r.text
    assert accesses(portal_home) == []


def test_general_file_downloads_anonymously_and_is_logged(portal_home: Path) -> None:
    v = version_of(portal_home, GENERAL)
    r = client(portal_home).get(f"/datasets/{GENERAL}/{v}/data.csv")
    assert r.status_code == 200
    assert r.content == (portal_home / "releases" / GENERAL / v / "data.csv").read_bytes()
    assert accesses(portal_home) == [(GENERAL, '["data.csv"]', "匿名用户", None, None)]


def test_authorized_file_401_without_token_403_with_a_bad_one(portal_home: Path) -> None:
    c, v = client(portal_home), version_of(portal_home, AUTHORIZED)
    url = f"/datasets/{AUTHORIZED}/{v}/data.csv"
    r = c.get(url)
    assert r.status_code == 401 and r.headers["WWW-Authenticate"] == "Bearer"
    assert c.get(url, headers={"Authorization": "Bearer nonsense"}).status_code == 403
    assert c.get(url, headers={"Authorization": "Basic abc"}).status_code == 401
    got = approved(portal_home)
    forged = got.token[:-4] + ("AAAA" if not got.token.endswith("AAAA") else "BBBB")
    assert c.get(url, headers={"Authorization": f"Bearer {forged}"}).status_code == 403
    assert accesses(portal_home) == []
    # metadata files of an authorized release are public documentation
    assert c.get(f"/datasets/{AUTHORIZED}/{v}/quality.html").status_code == 200


def test_grantee_gets_its_own_copy_logged_with_grant_applicant_and_purpose(portal_home: Path) -> None:
    c, v = client(portal_home), version_of(portal_home, AUTHORIZED)
    got = approved(portal_home)
    r = c.get(f"/datasets/{AUTHORIZED}/{v}/data.csv", headers={"Authorization": f"Bearer {got.token}"})
    assert r.status_code == 200
    assert r.text.lstrip("\ufeff").startswith('"grant_record_id"')
    assert r.content != (portal_home / "releases" / AUTHORIZED / v / "data.csv").read_bytes()
    with connect(Home(portal_home), read_only=True) as con:
        row = con.execute("SELECT grant_id, applicant, purpose, channel FROM access_log").fetchone()
    assert row == (got.grant.id, "福州大学", "低保政策评估", "portal")
    assert not list((portal_home / "releases").rglob("grant*")), "the portal never writes into releases/"


def test_expired_revoked_and_restricted_grants_are_403(portal_home: Path) -> None:
    c, v = client(portal_home), version_of(portal_home, AUTHORIZED)
    url = f"/datasets/{AUTHORIZED}/{v}/data.csv"
    expired, revoked, restricted = approved(portal_home, "甲公司", "enterprise"), approved(portal_home, "乙研究院", "research-institute"), approved(portal_home, "丙大学")
    with connect(Home(portal_home)) as con:
        grant_store.update(con, expired.grant.id, expires_on=date.today() - timedelta(days=2))
    grants.revoke(Home(portal_home), revoked.grant.id, "违反使用协议")
    restrict(Home(portal_home), "丙大学", "向第三方提供数据")
    for got in (expired, revoked, restricted):
        r = c.get(url, headers={"Authorization": f"Bearer {got.token}"})
        assert r.status_code == 403, got.grant.id
    assert accesses(portal_home) == []
    assert "丙大学" in c.get("/restrictions").text


def test_withdrawn_version_is_410_with_the_notice(portal_home: Path) -> None:
    from pipelines.lifecycle.withdraw import withdraw

    v = version_of(portal_home, GENERAL)
    withdraw(Home(portal_home), GENERAL, v, "发现未脱敏的联系电话")
    c = client(portal_home)
    r = c.get(f"/datasets/{GENERAL}/{v}/data.csv")
    assert r.status_code == 410
    assert "已撤回" in r.text and "发现未脱敏的联系电话" in r.text
    page = c.get(f"/datasets/{GENERAL}").text
    assert "已撤回" in page and "发现未脱敏的联系电话" in page
    api = c.get("/api/datasets").json()
    assert next(d for d in api if d["id"] == GENERAL)["versions"][0]["status"] == "withdrawn"


def test_apply_form_records_an_application_and_refuses_bad_ones(portal_home: Path) -> None:
    c = client(portal_home)
    assert c.get(f"/datasets/{AUTHORIZED}/apply").status_code == 200
    base = {"applicant": "福州大学", "applicant_type": "university", "purpose": "研究", "scenario": "评估", "safeguards": "加密"}
    ok = c.post(f"/datasets/{AUTHORIZED}/apply", data=base)
    assert ok.status_code == 200
    app_id = re.search(r'id="application-id">([^<]+)<', ok.text).group(1)  # type: ignore[union-attr]
    assert grants.get(Home(portal_home), app_id).status == "pending"
    commercial = c.post(f"/datasets/{AUTHORIZED}/apply", data={**base, "commercial": "1", "tender": "FZ-2026-01"})
    assert commercial.status_code == 400 and "第八条" in commercial.text
    no_tender = c.post(f"/datasets/{AUTHORIZED}/apply", data={**base, "applicant_type": "enterprise", "commercial": "1"})
    assert no_tender.status_code == 400 and "招标文号" in no_tender.text
    empty = c.post(f"/datasets/{AUTHORIZED}/apply", data={**base, "purpose": " "})
    assert empty.status_code == 400 and "使用目的" in empty.text
    general = c.post(f"/datasets/{GENERAL}/apply", data=base)
    assert general.status_code == 400 and "无需申请" in general.text
    restrict(Home(portal_home), "福州大学", "违规")
    refused = c.post(f"/datasets/{AUTHORIZED}/apply", data=base)
    assert refused.status_code == 403 and "第十六条" in refused.text


def test_use_report_form(portal_home: Path) -> None:
    c = client(portal_home)
    got = approved(portal_home)
    ok = c.post("/grants/report", data={"grant_id": got.grant.id, "token": got.token, "text": "已完成第一季度分析"})
    assert ok.status_code == 200 and "已收到" in ok.text
    wrong = c.post("/grants/report", data={"grant_id": got.grant.id, "token": "x", "text": "t"})
    assert wrong.status_code == 403
    unknown = c.post("/grants/report", data={"grant_id": "APP-0", "token": "x", "text": "t"})
    assert unknown.status_code == 404


def test_api_and_jsonld(portal_home: Path) -> None:
    c = client(portal_home)
    api = c.get("/api/datasets")
    assert api.status_code == 200
    by_id = {d["id"]: d for d in api.json()}
    assert by_id[AUTHORIZED]["open_type"] == "authorized" and by_id[AUTHORIZED]["title"] == "社会救助发放记录"
    assert by_id[GENERAL]["versions"][0]["status"] == "published"
    ld = c.get("/catalog.jsonld")
    assert ld.status_code == 200 and ld.headers["content-type"].startswith("application/ld+json")


def test_a_person_applicants_name_is_on_no_public_page_and_no_token_is_stored(portal_home: Path) -> None:
    c, v = client(portal_home), version_of(portal_home, AUTHORIZED)
    got = approved(portal_home, PERSON, "person")
    assert c.get(f"/datasets/{AUTHORIZED}/{v}/data.csv", headers={"Authorization": f"Bearer {got.token}"}).status_code == 200
    restrict(Home(portal_home), PERSON, "转售数据")
    for url in ("/", f"/datasets/{AUTHORIZED}", "/restrictions", "/api/datasets", "/grants/report"):
        assert PERSON not in c.get(url).text, url
    assert "张**" in c.get("/restrictions").text
    with connect(Home(portal_home), read_only=True) as con:
        audit_text = " ".join(str(r) for r in con.execute("SELECT details, actor FROM audit_log").fetchall())
        stored = " ".join(str(r) for r in con.execute("SELECT * FROM grant_applications").fetchall())
    assert PERSON not in audit_text
    secret = got.token.split(".", 1)[1]
    assert secret not in audit_text and secret not in stored


def test_nothing_is_served_when_the_access_cannot_be_logged(portal_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import pipelines.platform.downloads as downloads

    def broken(*args: object, **kwargs: object) -> int:
        raise RuntimeError("registry unavailable")

    monkeypatch.setattr(downloads, "log_access", broken)
    v = version_of(portal_home, GENERAL)
    r = client(portal_home).get(f"/datasets/{GENERAL}/{v}/data.csv")
    assert r.status_code == 500
    assert "S0001" not in r.text and "食品" not in r.text


def test_each_versions_own_open_type_decides(portal_home: Path) -> None:
    """A version published as authorized-open stays closed even if the dataset's newer metadata says general."""
    v = version_of(portal_home, GENERAL)
    with connect(Home(portal_home)) as con:
        con.execute("UPDATE releases SET open_type = 'authorized' WHERE dataset_id = ?", [GENERAL])
    assert client(portal_home).get(f"/datasets/{GENERAL}/{v}/data.csv").status_code == 401


def test_the_portal_never_writes_releases(portal_home: Path) -> None:
    def snapshot() -> dict[str, tuple[int, int]]:
        return {str(p.relative_to(portal_home)): (p.stat().st_size, p.stat().st_mtime_ns) for p in (portal_home / "releases").rglob("*")}

    before = snapshot()
    c, v = client(portal_home), version_of(portal_home, AUTHORIZED)
    got = approved(portal_home)
    for url in ("/", f"/datasets/{AUTHORIZED}", "/api/datasets", f"/datasets/{AUTHORIZED}/{v}/quality.html"):
        assert c.get(url).status_code == 200
    assert c.get(f"/datasets/{AUTHORIZED}/{v}/data.parquet", headers={"Authorization": f"Bearer {got.token}"}).status_code == 200
    assert snapshot() == before
    assert (portal_home / "grants" / got.grant.id / v / "data.parquet").is_file()
