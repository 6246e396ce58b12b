"""The portal application: routers collected from `ROUTERS`, navigation from `NAV_LINKS`.

Another router (e.g. requests and objections) joins by appending to both lists; its templates live
under templates/<name>/ and extend base.html.
"""

from __future__ import annotations

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import JSONResponse, Response

from pipelines.home import Home
from pipelines.platform.catalog import Catalog
from pipelines.platform.errors import PlatformError
from pipelines.portal import routes_catalog, routes_files, routes_grants
from pipelines.portal.state import PortalState
from pipelines.portal.templating import NavLink, render

ROUTERS: list[APIRouter] = [routes_catalog.router, routes_files.router, routes_grants.router]

NAV_LINKS: list[NavLink] = [
    NavLink("数据目录", "/"),
    NavLink("提交使用报告", "/grants/report"),
    NavLink("限制名单", "/restrictions"),
]


async def _platform_error(request: Request, exc: Exception) -> Response:
    """A refused request: JSON under /api, else a Chinese page; 401 says which scheme to use."""
    assert isinstance(exc, PlatformError)
    headers = {"WWW-Authenticate": "Bearer"} if exc.status == 401 else None
    if request.url.path.startswith("/api/"):
        return JSONResponse({"error": exc.message}, status_code=exc.status, headers=headers)
    response = render(request, "error.html", {"status": exc.status, "message": exc.message}, status_code=exc.status)
    if headers:
        response.headers.update(headers)
    return response


def create_app(home: Home) -> FastAPI:
    """The portal over one home (read-only on releases; writes only the registry's logs and grants)."""
    app = FastAPI(title="福州市公共数据开放平台", docs_url=None, redoc_url=None, openapi_url=None)
    app.state.portal = PortalState(home, Catalog(home))
    app.state.nav_links = list(NAV_LINKS)
    app.add_exception_handler(PlatformError, _platform_error)
    for router in ROUTERS:
        app.include_router(router)
    return app
