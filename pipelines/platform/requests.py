"""Open-data requests, objections and reviews, with their working-day deadlines.

- A *request* (管理办法 §24, 开放办法 §10) asks a department to list or open data; it answers within
  20 working days, agreeing or refusing with reasons.
- An *objection* (开放办法 §26) says a release is wrong (error), incomplete (omission) or infringes
  a commercial secret or personal privacy (privacy). The department named in the dataset's catalog
  spec answers. A privacy objection is the usual first sign of a leak (§17): until it is answered or
  the release is withdrawn, the release is flagged as under review and the item is listed for the
  commission.
- A *review* (管理办法 §24) asks the commission to look again at a refusal; it answers within 20
  working days too.

Every event is appended to the audit log with the item's id, never the requester's name or text:
those are personal and stay in the `requests` table, which no public list reads them from.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from pipelines.core.errors import InputError
from pipelines.core.home import Home
from pipelines.platform.workdays import Deadline, WorkCalendar, calendar_from_env, today
from pipelines.store import audit
from pipelines.store.db import read_registry
from pipelines.store.releases import release_rows  # also registers the `withdrawals` table read below
from pipelines.store import requests as store

KINDS = ("request", "objection", "review")
OBJECTION_KINDS = ("error", "omission", "privacy")
STATUSES = ("open", "agreed", "refused")
# Who answers a review (管理办法 §24: 市大数据委).
COMMISSION = "市大数据委"
_PREFIX = {"request": "REQ", "objection": "OBJ", "review": "REV"}


@dataclass(frozen=True)
class Item(store.RequestRow):
    """A request, objection or review as anyone may see it (no requester, no free text: the stored row
    holds neither), with its deadline and whether its release is being withdrawn."""

    deadline: Deadline
    release_withdrawn: bool = False

    @property
    def under_review(self) -> bool:
        """A privacy objection still open on a release that is still out."""
        return self.kind == "objection" and self.objection_kind == "privacy" and self.status == "open" and not self.release_withdrawn

    @property
    def for_commission(self) -> bool:
        """Listed for the commission: an open review, or a release under privacy review (开放办法 §17)."""
        return (self.kind == "review" and self.status == "open") or self.under_review

    def overdue(self, as_of: date) -> bool:
        """Unanswered on `as_of` after its due date."""
        return self.received <= as_of and self.deadline.overdue(as_of, self.answered)

    def within_deadline(self) -> bool | None:
        """Answered on time (None while unanswered)."""
        return None if self.answered is None else not self.deadline.late(self.answered)

    def public_dict(self, as_of: date) -> dict[str, Any]:
        """The JSON object of `request list --json` and the portal's status list."""
        return {
            "id": self.id, "kind": self.kind, "objection_kind": self.objection_kind, "department": self.department,
            "title": self.title, "dataset_id": self.dataset_id, "version": self.version, "parent_id": self.parent_id,
            "status": self.status, "received": self.received.isoformat(), "due": self.deadline.due.isoformat(),
            "due_provisional": self.deadline.provisional,
            "answered": self.answered.isoformat() if self.answered else None,
            "within_deadline": self.within_deadline(), "overdue": self.overdue(as_of),
            "under_review": self.under_review, "for_commission": self.for_commission, "reason": self.reason,
        }


@dataclass(frozen=True)
class Opened:
    """What `open`, `objection` and `review` report: the new id and its deadline."""

    id: str
    deadline: Deadline


def _home(home: Home | Path | str | None) -> Home:
    return home if isinstance(home, Home) else Home.resolve(home)


def _required(value: str, what: str) -> str:
    text = (value or "").strip()
    if not text:
        raise InputError(f"{what} must not be empty")
    return text


def _received(received: date | None) -> date:
    day = received or today()
    if day > today():
        raise InputError(f"--received: {day.isoformat()} is in the future")
    return day


def _insert(home: Home, new: store.NewRequest, calendar: WorkCalendar, prefix: str) -> Opened:
    deadline = calendar.deadline(new.received)
    with audit.transaction(home) as con:
        item_id = store.next_id(con, prefix, new.received.year)
        store.insert(con, _with_id(new, item_id))
        audit.append(
            con, new.kind, dataset_id=new.dataset_id, version=new.version,
            details={
                "id": item_id, "kind": new.kind, "objection_kind": new.objection_kind, "department": new.department,
                "parent_id": new.parent_id, "received": new.received.isoformat(), "due": deadline.due.isoformat(),
                "due_provisional": deadline.provisional, "channel": new.channel,
            },
        )
    return Opened(item_id, deadline)


def _with_id(new: store.NewRequest, item_id: str) -> store.NewRequest:
    return dataclasses.replace(new, id=item_id)


def open_request(
    home: Home | Path | str | None, *, title: str, department: str, requester: str, text: str,
    received: date | None = None, channel: str = "cli", calendar: WorkCalendar | None = None,
) -> Opened:
    """Register an open-data request to `department`; return its id and deadline."""
    new = store.NewRequest(
        id="", kind="request", objection_kind=None, department=_required(department, "--department"),
        title=_required(title, "--title"), dataset_id=None, version=None, parent_id=None,
        requester=_required(requester, "--requester"), text=_required(text, "--text"), received=_received(received),
        channel=channel, created_at=audit.now_iso(),
    )
    return _insert(_home(home), new, calendar or calendar_from_env(), _PREFIX["request"])


# -- objections --------------------------------------------------------------------------------


def _spec_department(catalog: Path, dataset_id: str) -> str | None:
    """The provider department of `dataset_id` in the catalog specs, if a valid spec names it."""
    from pipelines.core.spec.loader import parse_spec, spec_files

    if not catalog.is_dir():
        return None
    for path in spec_files([catalog]):
        spec, _ = parse_spec(path)
        if spec is not None and spec.id == dataset_id:
            return spec.provider.department
    return None


def _release_for(home: Home, dataset_id: str, version: str | None) -> dict[str, Any]:
    with read_registry(home) as con:  # only reads
        rows = release_rows(con, dataset_id)
    if not rows:
        raise InputError(f"unknown dataset {dataset_id!r}: no release of it is registered in {home.root}")
    if version is not None:
        for row in rows:
            if row["version"] == version:
                return row
        known = ", ".join(r["version"] for r in rows)
        raise InputError(f"unknown version {version!r} of {dataset_id} (registered: {known})")
    published = [r for r in rows if r["status"] == "published"]
    return (published or rows)[-1]


def open_objection(
    home: Home | Path | str | None, dataset_id: str, *, kind: str, requester: str, text: str,
    version: str | None = None, received: date | None = None, catalog: Path = Path("catalog_specs"),
    channel: str = "cli", calendar: WorkCalendar | None = None,
) -> Opened:
    """Register an objection to a release (default its newest published version); return id and deadline."""
    if kind not in OBJECTION_KINDS:
        raise InputError(f"--kind: {kind!r} is not one of {', '.join(OBJECTION_KINDS)}")
    h = _home(home)
    requester, text, day = _required(requester, "--requester"), _required(text, "--text"), _received(received)
    release = _release_for(h, _required(dataset_id, "DATASET"), version)
    # The catalog spec names who answers today; the department recorded at release time is the fallback.
    department = _spec_department(catalog, dataset_id) or release.get("publisher")
    if not department:
        raise InputError(f"no department for {dataset_id}: no catalog spec in {catalog} and none recorded with the release")
    new = store.NewRequest(
        id="", kind="objection", objection_kind=kind, department=str(department),
        title=str(release.get("title") or dataset_id), dataset_id=dataset_id, version=str(release["version"]),
        parent_id=None, requester=requester, text=text, received=day, channel=channel, created_at=audit.now_iso(),
    )
    return _insert(h, new, calendar or calendar_from_env(), _PREFIX["objection"])


# -- reviews and answers -----------------------------------------------------------------------


def open_review(
    home: Home | Path | str | None, parent_id: str, *, requester: str, text: str, received: date | None = None,
    channel: str = "cli", calendar: WorkCalendar | None = None,
) -> Opened:
    """Ask the commission to review a refused request or objection; return id and deadline."""
    h = _home(home)
    requester, text, day = _required(requester, "--requester"), _required(text, "--text"), _received(received)
    with read_registry(h) as con:  # only reads
        parent = store.get(con, parent_id)
        reviewed = con.execute("SELECT id FROM requests WHERE parent_id = ?", [parent_id]).fetchone()
    if parent is None:
        raise InputError(f"unknown request id {parent_id!r}")
    if parent.kind == "review":
        raise InputError(f"{parent_id} is a review: the commission's review answer is final here")
    if parent.status != "refused":
        raise InputError(f"{parent_id} is {parent.status}, not refused: only a refusal can be reviewed")
    if reviewed:
        raise InputError(f"{parent_id} is already under review as {reviewed[0]}")
    if parent.answered is not None and day < parent.answered:
        raise InputError(f"--received: {day.isoformat()} is before the refusal of {parent_id} ({parent.answered.isoformat()})")
    new = store.NewRequest(
        id="", kind="review", objection_kind=None, department=COMMISSION, title=parent.title,
        dataset_id=parent.dataset_id, version=parent.version, parent_id=parent_id, requester=requester, text=text,
        received=day, channel=channel, created_at=audit.now_iso(),
    )
    return _insert(h, new, calendar or calendar_from_env(), _PREFIX["review"])


def answer(
    home: Home | Path | str | None, item_id: str, *, agree: bool, reason: str, on: date | None = None,
    calendar: WorkCalendar | None = None,
) -> Item:
    """Record the answer (agree or refuse, with reasons) to an open item; return it answered."""
    h = _home(home)
    reason = _required(reason, "--reason")
    day = on or today()
    if day > today():
        raise InputError(f"--on: {day.isoformat()} is in the future")
    cal = calendar or calendar_from_env()
    with audit.transaction(h) as con:
        row = store.get(con, item_id)
        if row is None:
            raise InputError(f"unknown request id {item_id!r}")
        if row.status != "open":
            raise InputError(f"{item_id} was already answered ({row.status}, {row.answered})")
        if day < row.received:
            raise InputError(f"--on: {day.isoformat()} is before {item_id} was received ({row.received.isoformat()})")
        status = "agreed" if agree else "refused"
        store.set_answer(con, item_id, status, day, reason)
        deadline = cal.deadline(row.received)
        audit.append(
            con, "answer", dataset_id=row.dataset_id, version=row.version,
            details={"id": item_id, "kind": row.kind, "decision": status, "answered": day.isoformat(),
                     "due": deadline.due.isoformat(), "late": deadline.late(day)},
        )
        answered = store.get(con, item_id)
    assert answered is not None
    return _item(answered, cal, withdrawn=set())


# -- reading -----------------------------------------------------------------------------------


def _withdrawn_releases(con: Any) -> set[tuple[str, str]]:
    """Releases withdrawn, or whose withdrawal was requested (the intent counts: the data is going)."""
    rows = con.execute(
        "SELECT dataset_id, version FROM releases WHERE status = 'withdrawn' "
        "UNION SELECT dataset_id, version FROM withdrawals"
    ).fetchall()
    return {(str(d), str(v)) for d, v in rows}


def _item(row: store.RequestRow, calendar: WorkCalendar, withdrawn: set[tuple[str, str]]) -> Item:
    return Item(
        **vars(row), deadline=calendar.deadline(row.received),
        release_withdrawn=(row.dataset_id, row.version) in withdrawn if row.dataset_id else False,
    )


def list_items(
    home: Home | Path | str | None, *, overdue_as_of: date | None = None, department: str | None = None,
    calendar: WorkCalendar | None = None,
) -> list[Item]:
    """Every item (optionally of one department, optionally only those overdue on a date), oldest first.

    The commission's list (`department` = COMMISSION) holds its reviews and every release under
    privacy review, whichever department must answer the objection (开放办法 §17: it acts with them).

    Deadlines are computed on reading, with the schedule known now: a provisional deadline becomes
    final once the year's schedule is in the package or the operator's file.
    """
    h = _home(home)
    if not h.db_path.exists():
        return []
    cal = calendar or calendar_from_env()
    with read_registry(h) as con:  # only reads
        rows = store.all_rows(con)
        withdrawn = _withdrawn_releases(con)
    items = [_item(r, cal, withdrawn) for r in rows]
    if department is not None:
        items = [i for i in items if i.department == department or (department == COMMISSION and i.for_commission)]
    if overdue_as_of is not None:
        items = [i for i in items if i.overdue(overdue_as_of)]
    return items


def get_item(home: Home | Path | str | None, item_id: str, calendar: WorkCalendar | None = None) -> Item | None:
    """One item's public view, or None."""
    for item in list_items(home, calendar=calendar):
        if item.id == item_id:
            return item
    return None


def releases_under_review(con: Any) -> set[tuple[str, str]]:
    """(dataset id, version) of every release under privacy review, read on an open registry connection.

    The one definition of the flag: an open privacy objection on a release that is neither withdrawn
    nor being withdrawn. The portal's catalog view reads it in its own (read-only) connection.
    """
    rows = con.execute(
        "SELECT DISTINCT dataset_id, version FROM requests WHERE kind = 'objection' AND objection_kind = 'privacy' "
        "AND status = 'open' AND dataset_id IS NOT NULL AND version IS NOT NULL"
    ).fetchall()
    return {(str(d), str(v)) for d, v in rows} - _withdrawn_releases(con)


def under_review(home: Home | Path | str | None, dataset_id: str, version: str) -> bool:
    """Whether a release is flagged on the portal: an open privacy objection, and not withdrawn."""
    h = _home(home)
    if not h.db_path.exists():
        return False
    with read_registry(h) as con:  # only reads
        return (dataset_id, version) in releases_under_review(con)
