"""Portal pages for requests, objections and the published scorecard (管理办法 §24; 开放办法 §26; 考核办法 §19).

`router` is collected by the portal app (`ROUTERS`). Like every portal page, these read the home and
the catalog specs folder from the app's `PortalState` and render through `templating.render`, so
they extend the portal's `base.html` with its navigation. They work without JavaScript: plain
forms, POST, then a redirect to the new item's page. The status list shows no requester and no free
text: both may carry personal data.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from pipelines.core.errors import OpendataError
from pipelines.platform import requests as svc
from pipelines.platform.workdays import calendar_from_env, today
from pipelines.portal.state import PortalState, portal_state
from pipelines.portal.templating import render

router = APIRouter()
State = Annotated[PortalState, Depends(portal_state)]

KIND_LABELS = {"request": "开放需求", "objection": "异议", "review": "复核申请"}
OBJECTION_LABELS = {"error": "数据错误", "omission": "数据遗漏", "privacy": "侵犯商业秘密或个人隐私"}
STATUS_LABELS = {
    "request": {"open": "办理中", "agreed": "同意", "refused": "不同意"},
    "objection": {"open": "办理中", "agreed": "异议成立", "refused": "异议不成立"},
    "review": {"open": "复核中", "agreed": "复核支持申请人", "refused": "维持原答复"},
}


# The service names CLI options in its messages; a form shows its own field labels instead.
FIELD_LABELS = {
    "--title": "需要的数据", "--department": "数据提供部门", "--requester": "申请人", "--text": "说明",
    "--kind": "异议类型", "DATASET": "数据集编号", "must not be empty": "不能为空",
}
# Limits the forms declare (maxlength); checked here too, since a client need not honour them.
MAX_LENGTHS = {"title": 200, "department": 100, "requester": 100, "text": 5000, "dataset": 100, "version": 40}


def _form_message(exc: OpendataError) -> str:
    message = exc.message
    for option, label in FIELD_LABELS.items():
        message = message.replace(option, label)
    return message


def _too_long(**fields: str) -> str | None:
    for name, value in fields.items():
        if len(value) > MAX_LENGTHS[name]:
            return f"{name}: 超过 {MAX_LENGTHS[name]} 字"
    return None


def _render(request: Request, name: str, context: dict[str, Any], status_code: int = 200) -> Response:
    labels = {"kinds": KIND_LABELS, "objections": OBJECTION_LABELS, "statuses": STATUS_LABELS}
    return render(request, name, {**context, "labels": labels}, status_code=status_code)


@router.get("/requests", response_class=HTMLResponse)
def requests_list(request: Request, state: State, department: str | None = None) -> Response:
    """Public status list of requests, objections and reviews: deadlines and answers, no requesters."""
    # A bad operator schedule file must not take the page down: deadlines then show as provisional.
    items = svc.list_items(state.home, department=department, calendar=calendar_from_env(strict=False))
    return _render(request, "requests/list.html", {"items": list(reversed(items)), "as_of": today(), "department": department})


@router.get("/requests/new", response_class=HTMLResponse)
def request_form(request: Request, department: str = "") -> Response:
    """The form to ask for data to be listed or opened."""
    return _render(request, "requests/new.html", {"form": {"department": department}, "error": None})


@router.post("/requests", response_model=None)
def request_submit(
    request: Request,
    state: State,
    title: str = Form(""),
    department: str = Form(""),
    requester: str = Form(""),
    text: str = Form(""),
) -> Response:
    """Register a request from the form; redirect to its status page."""
    form = {"title": title, "department": department, "requester": requester, "text": text}
    if (problem := _too_long(**form)) is not None:
        return _render(request, "requests/new.html", {"form": form, "error": problem}, status_code=400)
    try:
        opened = svc.open_request(
            state.home, title=title, department=department, requester=requester, text=text,
            received=today(), channel="portal", calendar=calendar_from_env(strict=False),
        )
    except OpendataError as exc:
        return _render(request, "requests/new.html", {"form": form, "error": _form_message(exc)}, status_code=400)
    return RedirectResponse(f"/requests/{opened.id}", status_code=303)


@router.get("/objections/new", response_class=HTMLResponse)
def objection_form(request: Request, dataset: str = "", version: str = "") -> Response:
    """The form to object to a release (error, omission, privacy)."""
    form = {"dataset": dataset, "version": version, "kind": "error"}
    return _render(request, "requests/objection.html", {"form": form, "error": None})


@router.post("/objections", response_model=None)
def objection_submit(
    request: Request,
    state: State,
    dataset: str = Form(""),
    version: str = Form(""),
    kind: str = Form(""),
    requester: str = Form(""),
    text: str = Form(""),
) -> Response:
    """Register an objection from the form; redirect to its status page."""
    form = {"dataset": dataset, "version": version, "kind": kind, "requester": requester, "text": text}
    if (problem := _too_long(dataset=dataset, version=version, requester=requester, text=text)) is not None:
        return _render(request, "requests/objection.html", {"form": form, "error": problem}, status_code=400)
    try:
        opened = svc.open_objection(
            state.home, dataset.strip(), kind=kind, requester=requester, text=text, version=version.strip() or None,
            received=today(), catalog=state.specs, channel="portal",
            calendar=calendar_from_env(strict=False),
        )
    except OpendataError as exc:
        return _render(request, "requests/objection.html", {"form": form, "error": _form_message(exc)}, status_code=400)
    # A privacy objection flags the release on its dataset page: show it now, not after the cache expires.
    state.catalog.refresh()
    return RedirectResponse(f"/requests/{opened.id}", status_code=303)


@router.get("/requests/{item_id}", response_class=HTMLResponse)
def request_status(request: Request, item_id: str, state: State) -> Response:
    """One item's public status: kind, department, deadline, answer; no requester, no text."""
    item = svc.get_item(state.home, item_id, calendar=calendar_from_env(strict=False))
    if item is None:
        return _render(request, "requests/missing.html", {"item_id": item_id}, status_code=404)
    return _render(request, "requests/detail.html", {"item": item, "as_of": today()})


@router.get("/scorecard", response_class=HTMLResponse)
def scorecard(request: Request, state: State) -> Response:
    """The latest published annual scorecard of departments (考核办法 §19)."""
    from pipelines.platform.assess.publish import latest_scorecard
    from pipelines.platform.assess.weights import DIMENSION_LABELS, DIMENSIONS

    card = latest_scorecard(state.home)
    return _render(request, "requests/scorecard.html", {"card": card, "dimensions": DIMENSIONS, "dim_labels": DIMENSION_LABELS})
