"""The request pages inside the real portal app (create_app): forms without JavaScript, the portal's
navigation, no requester on any page, the privacy-review flag on the dataset page and in the API."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from pipelines.core.home import Home
from pipelines.platform.requests import under_review
from pipelines.portal.app import NAV_LINKS, create_app
from tests.test_requests_fixtures import MARKET, Site, published_site, site  # noqa: F401 - fixtures


@pytest.fixture
def client(site: Site) -> TestClient:
    return TestClient(create_app(Home(site.home), site.root / "catalog_specs"))


def test_request_pages_are_in_the_portal_navigation(client: TestClient) -> None:
    for path in ("/requests", "/requests/new", "/objections/new", "/scorecard"):
        page = client.get(path)
        assert page.status_code == 200, path
        # The portal's own base.html: its header and every navigation link, this page's included.
        assert "福州市公共数据开放平台" in page.text and 'aria-label="主导航"' in page.text
        assert all(f'href="{link.href}"' in page.text for link in NAV_LINKS)
    assert {"/requests", "/requests/new", "/objections/new", "/scorecard"} <= {link.href for link in NAV_LINKS}


def test_request_form_submits_without_javascript(client: TestClient) -> None:
    form = client.get("/requests/new")
    assert form.status_code == 200 and '<form method="post" action="/requests">' in form.text and "<script" not in form.text
    done = client.post("/requests", data={"title": "停车场实时泊位", "department": "福州市交通运输局",
                                          "requester": "陈大文", "text": "请开放"}, follow_redirects=False)
    assert done.status_code == 303 and done.headers["location"].startswith("/requests/REQ-")
    page = client.get(done.headers["location"])
    assert page.status_code == 200 and "停车场实时泊位" in page.text and "陈大文" not in page.text
    listing = client.get("/requests")
    assert "停车场实时泊位" in listing.text and "陈大文" not in listing.text and "请开放" not in listing.text


def test_form_errors_are_shown_in_the_form(client: TestClient) -> None:
    bad = client.post("/requests", data={"title": "", "department": "x", "requester": "y", "text": "z"})
    assert bad.status_code == 400 and 'role="alert"' in bad.text and "需要的数据 不能为空" in bad.text
    long = client.post("/requests", data={"title": "t", "department": "d", "requester": "r", "text": "字" * 5001})
    assert long.status_code == 400 and "5000" in long.text
    bad = client.post("/objections", data={"dataset": "no-such", "kind": "error", "requester": "y", "text": "z"})
    assert bad.status_code == 400 and "unknown dataset" in bad.text


def test_privacy_objection_flags_the_release(client: TestClient, site: Site) -> None:
    version = site.version("food-permits")
    form = client.get(f"/objections/new?dataset=food-permits&version={version}")
    assert form.status_code == 200 and 'value="food-permits"' in form.text
    done = client.post("/objections", data={"dataset": "food-permits", "version": version, "kind": "privacy",
                                            "requester": "林小姐", "text": "含手机号"}, follow_redirects=False)
    assert done.status_code == 303
    assert under_review(site.home, "food-permits", version)
    page = client.get(done.headers["location"])
    assert "隐私审查中" in page.text and MARKET in page.text and "林小姐" not in page.text
    assert "隐私审查中" in client.get("/requests").text
    # The dataset page carries the notice at once, and the API says which version is under review.
    dataset_page = client.get("/datasets/food-permits")
    assert 'class="under-review"' in dataset_page.text and version in dataset_page.text and "林小姐" not in dataset_page.text
    api = {d["id"]: d for d in client.get("/api/datasets").json()}
    assert [v["under_review"] for v in api["food-permits"]["versions"]] == [True]
    assert all(not v["under_review"] for v in api["bus-stops"]["versions"])


def test_answered_privacy_objection_lifts_the_notice(client: TestClient, site: Site) -> None:
    version = site.version("food-permits")
    assert "隐私审查中" not in client.get("/datasets/food-permits").text
    done = client.post("/objections", data={"dataset": "food-permits", "version": version, "kind": "privacy",
                                            "requester": "林小姐", "text": "含手机号"}, follow_redirects=False)
    item_id = done.headers["location"].rsplit("/", 1)[-1]
    assert "隐私审查中" in client.get("/datasets/food-permits").text
    site.ok("request", "answer", item_id, "--refuse", "--reason", "经核查不含个人信息")
    client.app.state.portal.catalog.refresh()  # type: ignore[attr-defined] - another process answered
    assert "隐私审查中" not in client.get("/datasets/food-permits").text


def test_unknown_item_is_404(client: TestClient) -> None:
    assert client.get("/requests/REQ-2026-9999").status_code == 404


def test_scorecard_page_shows_the_latest_published(client: TestClient, site: Site) -> None:
    assert "尚未发布" in client.get("/scorecard").text
    site.ok("assess", "--year", "2026", "--out", str(site.root / "report"))
    page = client.get("/scorecard")
    assert page.status_code == 200 and "2026 年度" in page.text and MARKET in page.text
