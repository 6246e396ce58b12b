"""The portal in a real browser: Playwright driving Debian's chromium over a real `opendata serve`.

Browse, search, open a dataset, download a general file, apply for an authorized one, see 401
before approval and the grantee's copy after it. Skipped, with the reason, only when
/usr/bin/chromium is absent (`.ci/run` installs it, so CI never skips).
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.portal_fixtures import AUTHORIZED, GENERAL, version_of
from tests.portal_server import serving

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="browser tests need Debian's chromium at /usr/bin/chromium (apt-get install -y chromium)"
)


@pytest.fixture
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            yield b
        finally:
            b.close()


def test_browse_search_download_apply_and_get_the_grant(browser, portal_home: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    with serving(portal_home) as base:
        context = browser.new_context(accept_downloads=True, java_script_enabled=False)
        page = context.new_page()
        page.goto(base + "/")
        assert page.title().startswith("数据目录")
        assert page.locator("li.dataset").count() == 2

        # search for a field label: only the authorized dataset has 家庭人口数
        page.fill("input[name=q]", "家庭人口数")
        page.click("button[type=submit]")
        assert "q=" in page.url and page.locator("li.dataset").count() == 1

        # filter by 开放类型, then open the general dataset
        page.goto(base + "/")
        page.select_option("select[name=open_type]", "general")
        page.click("button[type=submit]")
        page.click("text=食品经营许可信息")
        assert page.url.endswith(f"/datasets/{GENERAL}")
        assert page.locator("table.fields").inner_text().count("统一社会信用代码") == 1

        # download the general file anonymously
        v = version_of(portal_home, GENERAL)
        with page.expect_download() as info:
            page.click(f"ul.downloads a[href='/datasets/{GENERAL}/{v}/data.csv']")
        saved = tmp_path / "general.csv"
        info.value.save_as(saved)
        assert saved.read_bytes() == (portal_home / "releases" / GENERAL / v / "data.csv").read_bytes()

        # the authorized dataset: 401 without a token, shown as a Chinese page
        va = version_of(portal_home, AUTHORIZED)
        url = f"{base}/datasets/{AUTHORIZED}/{va}/data.csv"
        refused = page.goto(url)
        assert refused is not None and refused.status == 401
        assert "需要授权" in page.content()

        # apply through the form
        page.goto(f"{base}/datasets/{AUTHORIZED}")
        page.click("a.apply")
        page.fill("input[name=applicant]", "福建省社会科学院")
        page.select_option("select[name=applicant_type]", "research-institute")
        page.fill("textarea[name=purpose]", "低保政策效果评估")
        page.fill("textarea[name=scenario]", "公益研究报告")
        page.fill("textarea[name=safeguards]", "专用内网，加密存储，仅发布汇总结果")
        page.click("button[type=submit]")
        app_id = page.inner_text("#application-id").strip()
        assert app_id.startswith("APP-")

        # still 401 until approved; the commission approves on the command line
        assert context.request.get(url).status == 401
        done = subprocess.run(
            [sys.executable, "-m", "pipelines.cli.main", "grant", "approve", app_id, "--by", "市大数据委", "--home", str(portal_home)],
            capture_output=True, text=True, cwd=ROOT, timeout=120,
        )
        assert done.returncode == 0, done.stderr
        token = done.stdout.strip().splitlines()[-1]

        # the grantee's browser sends the token: the download is its own fingerprinted copy
        granted = browser.new_context(accept_downloads=True, extra_http_headers={"Authorization": f"Bearer {token}"})
        gpage = granted.new_page()
        gpage.goto(f"{base}/datasets/{AUTHORIZED}")
        with gpage.expect_download() as ginfo:
            gpage.click(f"ul.downloads a[href='/datasets/{AUTHORIZED}/{va}/data.csv']")
        copy = tmp_path / "copy.csv"
        ginfo.value.save_as(copy)
        assert copy.read_text(encoding="utf-8-sig").startswith('"grant_record_id"')
        assert granted.request.get(url).status == 200
        granted.close()
        context.close()


def test_objection_through_the_form_shows_on_the_public_list_without_the_requester(browser, portal_home: Path) -> None:  # type: ignore[no-untyped-def]
    requester, text = "林美华", "第三行公开了经营者本人的手机号码"
    v = version_of(portal_home, GENERAL)
    with serving(portal_home) as base:
        context = browser.new_context(java_script_enabled=False)
        page = context.new_page()

        # from the dataset page, the objection link beside the version fills in dataset and version
        page.goto(f"{base}/datasets/{GENERAL}")
        assert page.locator("p.under-review").count() == 0
        page.click(f"table.versions a.object[href*='version={v}']")
        assert page.input_value("input[name=dataset]") == GENERAL and page.input_value("input[name=version]") == v
        page.check("input[name=kind][value=privacy]")
        page.fill("input[name=requester]", requester)
        page.fill("textarea[name=text]", text)
        page.click("main button[type=submit]")

        # the item's own status page: its id, the review flag, no requester and no text
        assert "/requests/OBJ-" in page.url
        item_id = page.url.rsplit("/", 1)[-1]
        assert "隐私审查中" in page.content()
        assert requester not in page.content() and text not in page.content()

        # the public status list, reached through the portal's navigation
        page.click("nav >> text=办理情况")
        assert page.url == f"{base}/requests"
        row = page.locator("table.requests tr", has=page.locator(f"a[href='/requests/{item_id}']"))
        assert row.count() == 1 and "隐私审查中" in row.inner_text() and GENERAL in row.inner_text()
        assert requester not in page.content() and text not in page.content()

        # and the dataset page now carries the notice
        page.goto(f"{base}/datasets/{GENERAL}")
        assert page.locator("p.under-review").is_visible()
        assert v in page.locator("p.under-review").inner_text()
        context.close()
