"""Grantees' periodic use reports (开放办法 §15) and the list of overdue ones for the commission.

A grant owes a report every `REPORT_INTERVAL_DAYS` from its approval; it is overdue when the
newest report (or, before the first, the approval) is older than that on the day asked about.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from pipelines.core.home import Home
from pipelines.platform import tokens
from pipelines.platform.errors import Forbidden, NotFound, PlatformError
from pipelines.store import audit
from pipelines.store.db import connect
from pipelines.core.clock import SHANGHAI
from pipelines.store import grants as grant_store
from pipelines.store import use_reports as store
from pipelines.store.use_reports import UseReport

REPORT_INTERVAL_DAYS = 90   # quarterly
MAX_TEXT = 5000


@dataclass(frozen=True)
class Overdue:
    """A grant whose use report is overdue."""

    grant_id: str
    dataset_id: str
    last_report: str | None
    due: date
    days_late: int


def submit(home: Home, grant_id: str, text: str, channel: str = "cli", token: str | None = None) -> UseReport:
    """Record a use report of an approved grant (the portal form must also present the grant's token)."""
    text = text.strip()
    if not text or len(text) > MAX_TEXT:
        raise PlatformError(
            f"the report text is empty or longer than {MAX_TEXT} characters; write how the data was used",
            zh=f"请填写使用情况（不超过 {MAX_TEXT} 字）",
        )
    with audit.transaction(home) as con:
        app = grant_store.get(con, grant_id.strip())
        if app is None or app.status not in ("approved", "revoked"):
            raise NotFound(f"no approved grant {grant_id}; see `opendata grant list`", zh="没有这个授权编号")
        if token is not None and not tokens.matches(token, app.token_sha256):
            raise Forbidden("the access token does not belong to this grant; use the token issued with it", zh="访问令牌与授权编号不符")
        report = UseReport(app.id, audit.now_iso(), text, channel)
        store.insert(con, report)
        audit.append(con, "use-report", dataset_id=app.dataset_id, details={"grant": app.id, "chars": len(text), "channel": channel})
    return report


def overdue(home: Home, as_of: date | None = None) -> list[Overdue]:
    """Approved, unexpired grants whose report is overdue on `as_of` (default today), most late first."""
    as_of = as_of or datetime.now(SHANGHAI).date()
    if not home.db_path.exists():
        return []
    with connect(home) as con:
        apps = [a for a in grant_store.all_rows(con) if a.status == "approved"]
        last = store.last_submitted(con)
    out = []
    for a in apps:
        if a.expires_on is not None and a.expires_on < as_of:
            continue
        since = last.get(a.id) or a.decided_at or a.applied_at
        due = date.fromisoformat(since[:10]) + timedelta(days=REPORT_INTERVAL_DAYS)
        if due < as_of:
            out.append(Overdue(a.id, a.dataset_id, last.get(a.id), due, (as_of - due).days))
    return sorted(out, key=lambda o: -o.days_late)
