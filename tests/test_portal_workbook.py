"""data.xlsx on the portal: listed and served for general-open releases (logged like any download);
not listed and 404 for authorized-open releases, token or not (the release workbook carries no grant
marks; a grantee downloads its fingerprinted data.csv / data.parquet)."""

from __future__ import annotations

import io
from pathlib import Path

from openpyxl import load_workbook

from tests.portal_fixtures import AUTHORIZED, GENERAL, version_of
from tests.test_portal_http import accesses, approved, client

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def test_general_open_workbook_is_listed_served_and_logged(portal_home: Path) -> None:
    c, v = client(portal_home), version_of(portal_home, GENERAL)
    release = portal_home / "releases" / GENERAL / v / "data.xlsx"
    assert release.is_file(), "releases carry data.xlsx"
    page = c.get(f"/datasets/{GENERAL}")
    assert page.status_code == 200 and f"/datasets/{GENERAL}/{v}/data.xlsx" in page.text and "Excel (XLSX)" in page.text
    r = c.get(f"/datasets/{GENERAL}/{v}/data.xlsx")
    assert r.status_code == 200, r.text
    assert r.headers["content-type"] == XLSX and "attachment" in r.headers["content-disposition"]
    assert r.content == release.read_bytes()
    sheet = load_workbook(io.BytesIO(r.content), read_only=True).worksheets[0]
    header = next(sheet.iter_rows(values_only=True))
    assert any(isinstance(h, str) and any("\u4e00" <= ch <= "\u9fff" for ch in h) for h in header), header
    assert accesses(portal_home) == [(GENERAL, '["data.xlsx"]', "匿名用户", None, None)]


def test_authorized_open_workbook_is_not_listed_and_not_served_even_with_a_token(portal_home: Path) -> None:
    c, v = client(portal_home), version_of(portal_home, AUTHORIZED)
    assert (portal_home / "releases" / AUTHORIZED / v / "data.xlsx").is_file()
    page = c.get(f"/datasets/{AUTHORIZED}")
    assert page.status_code == 200 and "data.xlsx" not in page.text
    assert f"/datasets/{AUTHORIZED}/{v}/data.csv" in page.text
    url = f"/datasets/{AUTHORIZED}/{v}/data.xlsx"
    assert c.get(url).status_code == 404
    got = approved(portal_home)
    r = c.get(url, headers={"Authorization": f"Bearer {got.token}"})
    assert r.status_code == 404 and "PK" not in r.text[:2]
    assert "data.csv" in r.text, "points the grantee at its fingerprinted copy"
    assert accesses(portal_home) == [], "nothing handed out, nothing logged"
    # The grantee's own copy still downloads.
    assert c.get(f"/datasets/{AUTHORIZED}/{v}/data.csv", headers={"Authorization": f"Bearer {got.token}"}).status_code == 200
