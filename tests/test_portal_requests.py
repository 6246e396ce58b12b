"""The request pages of the portal, mounted on a tiny app with a test-only base.html (the portal
branch owns the real app and base template)."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.templating import Jinja2Templates
from fastapi.testclient import TestClient
from jinja2 import ChoiceLoader, Environment, FileSystemLoader, select_autoescape

from pipelines.home import Home
from pipelines.platform.requests import under_review
from pipelines.portal import routes_requests
from tests.test_requests_fixtures import MARKET, Site, published_site, site  # noqa: F401 - fixtures

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "portal"


@pytest.fixture
def client(site: Site) -> TestClient:
    app = FastAPI()
    app.include_router(routes_requests.router)
    loader = ChoiceLoader([FileSystemLoader(str(FIXTURES)), FileSystemLoader(str(routes_requests.TEMPLATES_DIR))])
    app.state.templates = Jinja2Templates(env=Environment(loader=loader, autoescape=select_autoescape()))
    app.state.home = Home(site.home)
    app.state.catalog = site.root / "catalog_specs"
    return TestClient(app)


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


def test_unknown_item_is_404(client: TestClient) -> None:
    assert client.get("/requests/REQ-2026-9999").status_code == 404


def test_scorecard_page_shows_the_latest_published(client: TestClient, site: Site) -> None:
    assert "尚未发布" in client.get("/scorecard").text
    site.ok("assess", "--year", "2026", "--out", str(site.root / "report"))
    page = client.get("/scorecard")
    assert page.status_code == 200 and "2026 年度" in page.text and MARKET in page.text
