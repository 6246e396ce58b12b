"""What every route needs: the home and its catalog view, held on the app."""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import Request

from pipelines.home import Home
from pipelines.platform.catalog import Catalog


@dataclass(frozen=True)
class PortalState:
    """The home the portal serves and its cached catalog view."""

    home: Home
    catalog: Catalog


def portal_state(request: Request) -> PortalState:
    """FastAPI dependency: the state `create_app` stored on the app."""
    return request.app.state.portal  # type: ignore[no-any-return]
