"""What every route needs: the home, its catalog view and the catalog specs folder, held on the app."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from fastapi import Request

from pipelines.core.home import Home
from pipelines.platform.catalog import Catalog


@dataclass(frozen=True)
class PortalState:
    """The home the portal serves, its cached catalog view, and the catalog specs folder.

    `specs` names the departments that answer objections (the spec's provider); the default is
    the CLI's own default, `catalog_specs/` under the working directory.
    """

    home: Home
    catalog: Catalog
    specs: Path = Path("catalog_specs")


def portal_state(request: Request) -> PortalState:
    """FastAPI dependency: the state `create_app` stored on the app."""
    return request.app.state.portal  # type: ignore[no-any-return]
