"""The portal application: routers collected from `ROUTERS`, navigation from `NAV_LINKS`.

Another router (e.g. requests and objections) joins by appending to both lists; its templates live
under templates/<name>/ and extend base.html.
"""

from __future__ import annotations

import os
from pathlib import Path

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from pipelines.core.home import Home
from pipelines.platform.catalog import Catalog
from pipelines.platform.errors import PlatformError
from pipelines.portal import routes_catalog, routes_dcat, routes_files, routes_grants, routes_requests
from pipelines.portal.state import PortalState
from pipelines.portal.templating import NavLink, render

ROUTERS: list[APIRouter] = [
    routes_catalog.router, routes_dcat.router, routes_files.router, routes_grants.router, routes_requests.router,
]

NAV_LINKS: list[NavLink] = [
    NavLink("数据目录", "/"),
    NavLink("提交使用报告", "/grants/report"),
    NavLink("限制名单", "/restrictions"),
    NavLink("提交开放需求", "/requests/new"),
    NavLink("异议", "/objections/new"),
    NavLink("办理情况", "/requests"),
    NavLink("考核结果", "/scorecard"),
]


async def _platform_error(request: Request, exc: Exception) -> Response:
    """A refused request: JSON under /api, else a Chinese page; 401 says which scheme to use."""
    assert isinstance(exc, PlatformError)
    headers = {"WWW-Authenticate": "Bearer"} if exc.status == 401 else None
    if request.url.path.startswith("/api/"):
        return JSONResponse({"error": exc.zh}, status_code=exc.status, headers=headers)
    response = render(request, "error.html", {"status": exc.status, "message": exc.zh}, status_code=exc.status)
    if headers:
        response.headers.update(headers)
    return response


async def _http_error(request: Request, exc: Exception) -> Response:
    """Unmatched URLs and other HTTP errors: the same Chinese page (JSON under /api)."""
    assert isinstance(exc, StarletteHTTPException)
    message = {404: "没有这个页面", 405: "不支持这种请求方式"}.get(exc.status_code, str(exc.detail))
    if request.url.path.startswith("/api/"):
        return JSONResponse({"error": message}, status_code=exc.status_code)
    return render(request, "error.html", {"status": exc.status_code, "message": message}, status_code=exc.status_code)


def create_app(home: Home, specs: Path = Path("catalog_specs")) -> FastAPI:
    """The portal over one home (read-only on releases; writes only the registry's logs, grants and requests).

    `specs` is the catalog specs folder: it names the department that answers an objection.
    """
    app = FastAPI(title="福州市公共数据开放平台", docs_url=None, redoc_url=None, openapi_url=None)
    app.state.portal = PortalState(home, Catalog(home), specs)
    app.state.nav_links = list(NAV_LINKS)
    app.add_exception_handler(PlatformError, _platform_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    for router in ROUTERS:
        app.include_router(router)
    return app


def app_from_env() -> FastAPI:
    """The app `opendata serve` runs: uvicorn calls this factory with the home and catalog folder the CLI set."""
    return create_app(Home.resolve(Path(os.environ["OPENDATA_PORTAL_HOME"])), Path(os.environ.get("OPENDATA_PORTAL_CATALOG", "catalog_specs")))
