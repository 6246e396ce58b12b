"""The one Jinja2 environment of the portal; routers of other modules render through `render` too.

Pages extend `base.html` (blocks `title` and `content`); the navigation comes from `NAV_LINKS` in
`pipelines.portal.app`, so a new router adds its link there without editing the base template.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from pipelines.platform.catalog import local_time

templates = Jinja2Templates(directory=str(Path(__file__).resolve().parent / "templates"))
templates.env.filters["local_time"] = local_time


@dataclass(frozen=True)
class NavLink:
    """One entry of the navigation bar."""

    label: str
    href: str


def render(request: Request, name: str, context: dict[str, Any] | None = None, status_code: int = 200) -> HTMLResponse:
    """Render a template with the navigation links and the request in its context."""
    ctx = {"nav_links": getattr(request.app.state, "nav_links", []), **(context or {})}
    return templates.TemplateResponse(request, name, ctx, status_code=status_code)
