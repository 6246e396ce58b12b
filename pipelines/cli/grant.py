"""`opendata grant ...`: applications, decisions, revocations, listings and use reports (开放办法 §8, §12, §15)."""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

from pipelines.core.errors import InputError
from pipelines.core.home import Home


def _date(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InputError(f"{option} {value!r} is not a date; write YYYY-MM-DD") from None


def apply_command(
    dataset_id: str, applicant: str, applicant_type: str, purpose: str, scenario: str, safeguards: str,
    commercial: bool, tender: str | None, home: Path | None,
) -> int:
    """Record an application; the application id is printed on the last line."""
    from pipelines.platform.grants import ApplicationForm, apply

    app = apply(Home.resolve(home), ApplicationForm(dataset_id, applicant, applicant_type, purpose, scenario, safeguards, commercial, tender))
    print(f"application for {app.dataset_id} recorded; the commission decides with `opendata grant approve|reject {app.id}`")
    print(app.id)
    return 0


def approve_command(app_id: str, by: str, expires: str | None, home: Path | None) -> int:
    """Approve; write the grantee's fingerprinted copy; print the token once on the last line."""
    from pipelines.platform.catalog import Catalog
    from pipelines.platform.fingerprint import ensure_copy
    from pipelines.platform.grants import approve

    h = Home.resolve(home)
    done = approve(h, app_id, by, _date(expires, "--expires"))
    dataset = Catalog(h).get(done.grant.dataset_id)
    latest = dataset.latest if dataset else None
    if latest is not None:
        copy = ensure_copy(h, done.grant, done.grant.dataset_id, latest)
        print(f"fingerprinted copy of {done.grant.dataset_id} {latest.version} for {done.grant.id}: {copy.folder}", file=sys.stderr)
    print(f"approved {done.grant.id} until {done.grant.expires_on}; the token below is shown once and stored only as a hash", file=sys.stderr)
    print(done.token)
    return 0


def reject_command(app_id: str, by: str, reason: str, home: Path | None) -> int:
    """Reject a pending application."""
    from pipelines.platform.grants import reject

    app = reject(Home.resolve(home), app_id, by, reason)
    print(f"rejected {app.id}")
    return 0


def revoke_command(grant_id: str, reason: str, home: Path | None) -> int:
    """Revoke an approved grant; its token stops working at once."""
    from pipelines.platform.grants import revoke

    app = revoke(Home.resolve(home), grant_id, reason)
    print(f"revoked {app.id}")
    return 0


def list_command(as_json: bool, overdue_reports: bool, as_of: str | None, home: Path | None) -> int:
    """List applications and grants, or with --overdue-reports the grants whose use report is overdue."""
    from pipelines.platform.grants import APPLICANT_TYPE_LABELS, list_all
    from pipelines.platform.use_reports import overdue

    h = Home.resolve(home)
    if overdue_reports:
        late = overdue(h, _date(as_of, "--as-of"))
        if as_json:
            print(json.dumps([{**o.__dict__, "due": o.due.isoformat()} for o in late], ensure_ascii=False))
        else:
            for o in late:
                print(f"{o.grant_id}\t{o.dataset_id}\tdue {o.due}\t{o.days_late} day(s) late\tlast report {o.last_report or 'none'}")
            print(f"{len(late)} grant(s) with an overdue use report")
        return 0
    apps = list_all(h)
    keys = ("id", "dataset_id", "applicant", "applicant_type", "status", "commercial", "tender_ref", "applied_at",
            "decided_at", "decided_by", "expires_on", "revoked_at", "revoke_reason", "purpose")
    rows = [{k: (str(getattr(a, k)) if getattr(a, k) is not None and k == "expires_on" else getattr(a, k)) for k in keys} for a in apps]
    if as_json:
        print(json.dumps(rows, ensure_ascii=False))
        return 0
    for r in rows:
        print(f"{r['id']}\t{r['dataset_id']}\t{r['status']}\t{APPLICANT_TYPE_LABELS.get(str(r['applicant_type']), '')}\t{r['applicant']}\t"
              f"expires {r['expires_on'] or '-'}")
    print(f"{len(rows)} application(s)")
    return 0


def report_command(grant_id: str, text: str, home: Path | None) -> int:
    """Record a grantee's use report (开放办法 §15)."""
    from pipelines.platform.use_reports import submit

    report = submit(Home.resolve(home), grant_id, text)
    print(f"use report of {report.grant_id} recorded at {report.submitted_at}")
    return 0


def restrict_command(applicant: str, reason: str, home: Path | None) -> int:
    """Restrict an applicant (开放办法 §16): grants revoked, new applications refused, listed publicly."""
    from pipelines.platform.restrictions import restrict

    done = restrict(Home.resolve(home), applicant, reason)
    revoked = ", ".join(done.revoked) or "none"
    print(f"restricted; grants revoked: {revoked}; listed on the portal at /restrictions")
    return 0


def identify_leak_command(file: Path, home: Path | None) -> int:
    """Name the grant whose fingerprinted copy a leaked file is (or say none)."""
    from pipelines.platform.fingerprint import identify
    from pipelines.platform.grants import get

    h = Home.resolve(home)
    verdict = identify(h, file)
    for m in verdict.matches[:5]:
        print(f"  {m.grant_id} ({m.dataset_id} {m.version}): {m.hits} fingerprint value(s) shared", file=sys.stderr)
    if verdict.grant_id is None:
        reason = "no grantee copy shares enough fingerprint values" if not verdict.matches or verdict.matches[0].hits < 3 else "marks of several grants are mixed"
        print(f"identify-leak: none — {reason} ({verdict.cells} distinct cells read from {file.name})")
        return 0
    app = get(h, verdict.grant_id)
    print(f"identify-leak: {file.name} is the copy of grant {app.id} ({app.dataset_id}; applicant {app.applicant}, {app.applicant_type}; status {app.status})")
    print(app.id)
    return 0
