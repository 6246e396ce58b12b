"""The CLI side of `opendata request open|objection|answer|review|list` (DESIGN.md §5).

Each function returns an exit code and raises `OpendataError` (exit 1) for bad input, which the CLI
wrapper prints as one line. Lists never show the requester: they may be pasted anywhere.
"""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

from pipelines.core.errors import InputError
from pipelines.platform import requests as svc
from pipelines.platform.workdays import Deadline, parse_date, today


def _date(text: str | None, option: str) -> date | None:
    return parse_date(text, option) if text is not None else None


def _due_line(item_id: str, deadline: Deadline) -> str:
    line = f"{item_id} due {deadline.due.isoformat()}"
    if deadline.provisional:
        line += " (provisional: no official holiday schedule for that year yet; weekdays counted)"
    return line


def _need(value: str | None, option: str) -> str:
    # Required options are checked here, not by click, so a missing one exits 1 (bad usage), not 2.
    if value is None or not value.strip():
        raise InputError(f"{option} is required")
    return value


def open_command(title: str | None, department: str | None, requester: str | None, text: str | None,
                 received: str | None, home: Path | None) -> int:
    """Register an open-data request; print its id and due date."""
    opened = svc.open_request(
        home, title=_need(title, "--title"), department=_need(department, "--department"),
        requester=_need(requester, "--requester"), text=_need(text, "--text"), received=_date(received, "--received"),
    )
    print(_due_line(opened.id, opened.deadline))
    return 0


def objection_command(dataset: str, version: str | None, kind: str | None, requester: str | None, text: str | None,
                      received: str | None, home: Path | None, catalog: Path) -> int:
    """Register an objection to a release; print its id and due date."""
    opened = svc.open_objection(
        home, dataset, kind=_need(kind, "--kind"), requester=_need(requester, "--requester"),
        text=_need(text, "--text"), version=version, received=_date(received, "--received"), catalog=catalog,
    )
    print(_due_line(opened.id, opened.deadline))
    if kind == "privacy":
        print(f"{dataset} is flagged as under privacy review until this objection is answered or the release is withdrawn")
    return 0


def review_command(item_id: str, requester: str | None, text: str | None, received: str | None, home: Path | None) -> int:
    """Ask the commission to review a refusal; print the review's id and due date."""
    opened = svc.open_review(
        home, item_id, requester=_need(requester, "--requester"), text=_need(text, "--text"),
        received=_date(received, "--received"),
    )
    print(_due_line(opened.id, opened.deadline))
    return 0


def answer_command(item_id: str, agree: bool, refuse: bool, reason: str | None, on: str | None, home: Path | None) -> int:
    """Record a department's (or, for a review, the commission's) answer."""
    if agree == refuse:
        raise InputError("give exactly one of --agree or --refuse")
    item = svc.answer(home, item_id, agree=agree, reason=_need(reason, "--reason"), on=_date(on, "--on"))
    timing = "within the deadline" if item.within_deadline() else "LATE: after the deadline"
    print(f"{item.id} {item.status} on {item.answered} ({timing} {item.deadline.label()})")
    return 0


def _flags(item: svc.Item, as_of: date) -> str:
    flags = []
    if item.overdue(as_of):
        flags.append("overdue")
    if item.under_review:
        flags.append("release under privacy review")
    if item.for_commission:
        flags.append("for the commission")
    if item.answered is not None and not item.within_deadline():
        flags.append("answered late")
    return ", ".join(flags)


def list_command(overdue: bool, as_of: str | None, department: str | None, as_json: bool, home: Path | None) -> int:
    """List requests, objections and reviews (no requester); `--overdue` as of a date (default today)."""
    day = _date(as_of, "--as-of") or today()
    items = svc.list_items(home, overdue_as_of=day if overdue else None, department=department)
    if as_json:
        print(json.dumps([i.public_dict(day) for i in items], ensure_ascii=False, indent=2))
        return 0
    if not items:
        print("no requests" + (f" overdue on {day}" if overdue else ""), file=sys.stderr)
        return 0
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"requests and objections (as of {day})")
    for col in ("id", "kind", "department", "subject", "status", "received", "due", "answered", "notes"):
        table.add_column(col)
    for i in items:
        kind = f"{i.kind}:{i.objection_kind}" if i.objection_kind else i.kind
        subject = f"{i.dataset_id} {i.version}" if i.dataset_id else i.title
        table.add_row(i.id, kind, i.department, subject, i.status, str(i.received), i.deadline.label(),
                      str(i.answered or ""), _flags(i, day))
    Console(width=200).print(table)
    return 0
