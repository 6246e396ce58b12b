"""`/datasets/{id}/{version}/{file}`: release files, logged before they go out.

401 without a token for authorized-open data files, 403 for a bad/expired/revoked one, 410 for a
withdrawn version, 404 for any name that is not a registered release file (no path is built from
the URL before it is checked against the registry).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Header
from fastapi.responses import FileResponse

from pipelines.platform.downloads import authorize
from pipelines.portal.state import PortalState, portal_state

router = APIRouter()


def bearer(authorization: str | None) -> str | None:
    """The token of an `Authorization: Bearer TOKEN` header, or None."""
    if not authorization:
        return None
    scheme, _, token = authorization.strip().partition(" ")
    return token.strip() or None if scheme.lower() == "bearer" else None


@router.get("/datasets/{dataset_id}/{version}/{file}")
def download(
    dataset_id: str,
    version: str,
    file: str,
    state: Annotated[PortalState, Depends(portal_state)],
    authorization: Annotated[str | None, Header()] = None,
) -> FileResponse:
    """Hand out one release file (a grantee gets its fingerprinted copy of the data files)."""
    got = authorize(state.home, state.catalog, dataset_id, version, file, bearer(authorization))
    inline = file in ("quality.html", "README.md")
    return FileResponse(
        got.path, media_type=got.media_type, filename=got.filename,
        content_disposition_type="inline" if inline else "attachment",
        headers={"Cache-Control": "no-store"},
    )
