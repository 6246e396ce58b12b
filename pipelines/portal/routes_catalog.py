"""Catalog pages: `/` (search and filters), `/datasets/{id}`, `/api/datasets` (the DCAT files: routes_dcat)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, JSONResponse

from pipelines.platform.catalog import DatasetView, quality_summary
from pipelines.platform.errors import NotFound
from pipelines.portal.state import PortalState, portal_state
from pipelines.portal.templating import render
from pipelines.core.vocab import OpenType, UpdateFrequency

router = APIRouter()
# The DCAT files linked from the home and dataset pages: (suffix, label), served by routes_dcat.
CATALOG_FORMATS = (("jsonld", "JSON-LD"), ("ttl", "Turtle"), ("rdf", "RDF/XML"))
State = Annotated[PortalState, Depends(portal_state)]


def _filter(datasets: list[DatasetView], q: str, domain: str, open_type: str, department: str, frequency: str) -> list[DatasetView]:
    out = []
    for d in datasets:
        if q and not d.matches(q):
            continue
        if (domain and d.domain != domain) or (open_type and d.open_type != open_type):
            continue
        if (department and d.publisher != department) or (frequency and d.update_frequency != frequency):
            continue
        out.append(d)
    return out


@router.get("/", response_class=HTMLResponse)
def catalog_page(
    request: Request, state: State, q: str = "", domain: str = "", open_type: str = "", department: str = "", frequency: str = ""
) -> HTMLResponse:
    """The catalog with search (`q`) and filters by 数据领域, 开放类型, 提供部门 and 更新频度."""
    datasets = state.catalog.datasets()
    shown = _filter(datasets, q.strip(), domain, open_type, department, frequency)
    options = {
        "domain": sorted({d.domain for d in datasets if d.domain}),
        "open_type": [(t.value, t.label) for t in OpenType if any(d.open_type == t.value for d in datasets)],
        "department": sorted({d.publisher for d in datasets if d.publisher}),
        "frequency": [(f.value, f.label) for f in UpdateFrequency if any(d.update_frequency == f.value for d in datasets)],
    }
    chosen = {"q": q, "domain": domain, "open_type": open_type, "department": department, "frequency": frequency}
    return render(request, "catalog.html", {
        "datasets": shown, "total": len(datasets), "options": options, "chosen": chosen, "catalog_formats": CATALOG_FORMATS,
    })


@router.get("/datasets/{dataset_id}", response_class=HTMLResponse)
def dataset_page(request: Request, dataset_id: str, state: State) -> HTMLResponse:
    """One catalog entry: §11 fields, versions, field table, quality, citation, downloads, how to apply."""
    dataset = state.catalog.get(dataset_id)
    if dataset is None:
        raise NotFound(f"no dataset {dataset_id!r} in the catalog; search the catalog at /", zh="没有这个数据集，请从数据目录查找")
    latest = dataset.latest
    return render(request, "dataset.html", {
        "d": dataset, "latest": latest, "quality": quality_summary(latest) if latest else None,
        "files": latest.files if latest else (), "versions": list(reversed(dataset.versions)),
        "reviewed": [v for v in dataset.versions if v.under_review], "catalog_formats": CATALOG_FORMATS,
    })


def _api_dataset(d: DatasetView) -> dict[str, Any]:
    return {
        "id": d.id, "title": d.title, "open_type": d.open_type, "open_type_label": d.open_type_label,
        "domain": d.domain, "publisher": d.publisher, "update_frequency": d.update_frequency,
        "versions": [
            {
                "version": v.version, "status": v.status, "published_at": v.published_at.isoformat(), "rows": v.rows,
                "withdrawn_at": v.withdrawn_at.isoformat() if v.withdrawn_at else None,
                "withdraw_reason": v.withdraw_reason if v.status != "published" else None,
                "replaces": v.replaces, "under_review": v.under_review,
            }
            for v in d.versions
        ],
    }


@router.get("/api/datasets")
def api_datasets(state: State) -> JSONResponse:
    """Every dataset as JSON: id, title, open type and versions with status."""
    return JSONResponse([_api_dataset(d) for d in state.catalog.datasets()])
