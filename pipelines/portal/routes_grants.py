"""Grant pages: the application form (开放办法 §8), the use-report form (§15), the restriction list (§16)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse

from pipelines.platform import grants, restrictions, use_reports
from pipelines.platform.catalog import DatasetView
from pipelines.platform.errors import NotFound, PlatformError
from pipelines.portal.state import PortalState, portal_state
from pipelines.portal.templating import render

router = APIRouter()
State = Annotated[PortalState, Depends(portal_state)]


def _dataset(state: PortalState, dataset_id: str) -> DatasetView:
    """The dataset of an application form, or NotFound (the form itself says when none is needed)."""
    dataset = state.catalog.get(dataset_id)
    if dataset is None:
        raise NotFound(f"no dataset {dataset_id!r} in the catalog; search the catalog at /", zh="没有这个数据集，请从数据目录查找")
    return dataset


@router.get("/datasets/{dataset_id}/apply", response_class=HTMLResponse)
def apply_form(request: Request, dataset_id: str, state: State) -> HTMLResponse:
    """The application form for an authorized-open dataset."""
    dataset = _dataset(state, dataset_id)
    return render(request, "apply.html", {"d": dataset, "types": grants.APPLICANT_TYPE_LABELS, "form": {}, "error": None})


@router.post("/datasets/{dataset_id}/apply", response_class=HTMLResponse)
def apply_submit(
    request: Request,
    dataset_id: str,
    state: State,
    applicant: Annotated[str, Form()] = "",
    applicant_type: Annotated[str, Form()] = "",
    purpose: Annotated[str, Form()] = "",
    scenario: Annotated[str, Form()] = "",
    safeguards: Annotated[str, Form()] = "",
    commercial: Annotated[str, Form()] = "",
    tender: Annotated[str, Form()] = "",
) -> HTMLResponse:
    """Record the application and show its id; on a refusal show the form again with the reason."""
    dataset = _dataset(state, dataset_id)
    form = grants.ApplicationForm(dataset_id, applicant, applicant_type, purpose, scenario, safeguards, bool(commercial), tender or None)
    try:
        app = grants.apply(state.home, form, channel="portal")
    except PlatformError as exc:
        return render(request, "apply.html", {
            "d": dataset, "types": grants.APPLICANT_TYPE_LABELS, "form": form.__dict__, "error": exc.zh,
        }, status_code=exc.status)
    return render(request, "applied.html", {"d": dataset, "app_id": app.id})


@router.get("/grants/report", response_class=HTMLResponse)
def report_form(request: Request) -> HTMLResponse:
    """The periodic use-report form for grantees."""
    return render(request, "report.html", {"error": None, "done": None, "grant_id": ""})


@router.post("/grants/report", response_class=HTMLResponse)
def report_submit(
    request: Request,
    state: State,
    grant_id: Annotated[str, Form()] = "",
    token: Annotated[str, Form()] = "",
    text: Annotated[str, Form()] = "",
) -> HTMLResponse:
    """Record a use report; the grant's token proves the sender is the grantee."""
    try:
        if not token.strip():
            raise PlatformError("请填写获批时发放的访问令牌")
        report = use_reports.submit(state.home, grant_id, text, channel="portal", token=token)
    except PlatformError as exc:
        return render(request, "report.html", {"error": exc.zh, "done": None, "grant_id": grant_id}, status_code=exc.status)
    return render(request, "report.html", {"error": None, "done": report, "grant_id": report.grant_id})


@router.get("/restrictions", response_class=HTMLResponse)
def restriction_page(request: Request, state: State) -> HTMLResponse:
    """Users whose access is restricted (开放办法 §16), a person's name masked."""
    return render(request, "restrictions.html", {"rows": restrictions.public_list(state.home)})
