"""The DCAT-AP catalog for machines: `/catalog.{jsonld,ttl,rdf}`, `/catalog` by content negotiation,
and one dataset's entry at `/datasets/{id}/catalog.{jsonld,ttl,rdf}` (issue 17).

The files are the ones the publication flow writes into the home (`pipelines.store.dcat.write_catalog`);
the portal serves them as written and never rebuilds them, so a request costs one file read.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated

from fastapi import APIRouter, Depends, Header
from fastapi.responses import Response

from pipelines.store.dcat import FORMATS, catalog_bytes
from pipelines.platform.errors import NotFound
from pipelines.portal.state import PortalState, portal_state

router = APIRouter()
State = Annotated[PortalState, Depends(portal_state)]

# Offered in this order: on a tie (or with no Accept header) JSON-LD wins, the format most harvesters read.
OFFERS: tuple[str, ...] = tuple(FORMATS)
DEFAULT_FORMAT = "jsonld"


def _media_ranges(accept: str) -> list[tuple[str, float]]:
    """`Accept` as (media range, q) pairs; a malformed q counts as 0 (RFC 9110 §12.4.2 allows 0-1 only)."""
    out = []
    for part in accept.split(","):
        media, *params = (p.strip() for p in part.split(";"))
        if not media:
            continue
        q = 1.0
        for param in params:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    q = min(max(float(value), 0.0), 1.0)
                except ValueError:
                    q = 0.0
        out.append((media.lower(), q))
    return out


def _quality(media_type: str, ranges: list[tuple[str, float]]) -> float:
    """The q the client gives `media_type`: that of the most specific range matching it, else 0."""
    kind = media_type.split("/")[0]
    best: tuple[int, float] = (-1, 0.0)
    for media, q in ranges:
        specificity = 2 if media == media_type else 1 if media == f"{kind}/*" else 0 if media == "*/*" else -1
        if specificity > best[0]:
            best = (specificity, q)
    return best[1]


def choose_format(accept: str | None) -> str:
    """The catalog format (file suffix) for an `Accept` header; JSON-LD unless another is preferred by name."""
    if not accept:
        return DEFAULT_FORMAT
    ranges = _media_ranges(accept)
    q, _, suffix = max((_quality(FORMATS[s][1], ranges), -i, s) for i, s in enumerate(OFFERS))
    # Nothing acceptable (e.g. text/html only): the default rather than 406, so a plain link still works.
    return suffix if q > 0 else DEFAULT_FORMAT


def _catalog_response(state: PortalState, fmt: str, dataset_id: str | None = None) -> Response:
    try:
        body, media_type = catalog_bytes(state.home, fmt, dataset_id)
    except FileNotFoundError:
        raise NotFound(
            "the catalog has not been written yet; it appears with the first publication", zh="目录文件尚未生成"
        ) from None
    return Response(body, media_type=media_type)


@router.get("/catalog")
def catalog_negotiated(state: State, accept: Annotated[str | None, Header()] = None) -> Response:
    """The whole catalog in the format the `Accept` header prefers (JSON-LD, Turtle or RDF/XML)."""
    fmt = choose_format(accept)
    response = _catalog_response(state, fmt)
    response.headers["Vary"] = "Accept"
    response.headers["Content-Location"] = f"/catalog.{fmt}"
    return response


def _whole_catalog(fmt: str) -> Callable[..., Response]:
    def serve(state: State) -> Response:
        return _catalog_response(state, fmt)

    serve.__doc__ = f"The whole DCAT-AP catalog as {FORMATS[fmt][1]}."
    return serve


for _fmt in OFFERS:
    router.add_api_route(f"/catalog.{_fmt}", _whole_catalog(_fmt), methods=["GET"], name=f"catalog_{_fmt}")


@router.get("/datasets/{dataset_id}/catalog.{fmt}")
def dataset_catalog(dataset_id: str, fmt: str, state: State) -> Response:
    """One dataset's catalog entry (its series and every release) as JSON-LD, Turtle or RDF/XML."""
    if fmt not in FORMATS:
        raise NotFound(f"no catalog format {fmt!r}; use one of {', '.join(OFFERS)}", zh="不支持的目录格式")
    # Only a dataset the catalog knows: the id names a file, so nothing else may reach the disk.
    if state.catalog.get(dataset_id) is None:
        raise NotFound(f"no dataset {dataset_id!r} in the catalog", zh="没有这个数据集，请从数据目录查找")
    return _catalog_response(state, fmt, dataset_id)
