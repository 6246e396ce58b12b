"""Restricting a user's access, publicly (开放办法 §16).

A restriction revokes every approved grant of the applicant, refuses its new applications and is
listed on the portal's public page. A natural person's name is masked there (surname kept, as the
display masks of DESIGN.md §4 do); an organisation's name is shown, since publicity is the point.
"""

from __future__ import annotations

from dataclasses import dataclass

from pipelines.core.home import Home
from pipelines.platform.errors import PlatformError
from pipelines.platform.grants import revoke_in
from pipelines.store import audit
from pipelines.store.db import connect
from pipelines.store import grants as grant_store
from pipelines.store import restrictions as store
from pipelines.store.restrictions import Restriction


@dataclass(frozen=True)
class Restricted:
    """A new restriction and the grants it revoked."""

    restriction: Restriction
    revoked: list[str]


@dataclass(frozen=True)
class PublicRestriction:
    """What the public page shows of a restriction."""

    who: str
    reason: str
    since: str


def mask_person(name: str) -> str:
    """Surname kept, the rest starred (张** for 张三丰)."""
    return name[:1] + "*" * max(len(name) - 1, 1)


def restrict(home: Home, applicant: str, reason: str) -> Restricted:
    """Restrict an applicant: revoke its grants, record the restriction, audit it."""
    applicant, reason = applicant.strip(), reason.strip()
    if not applicant or not reason:
        raise PlatformError("give the applicant's name as applied, and --reason: why access is restricted")
    with audit.transaction(home) as con:
        apps = grant_store.all_rows(con, applicant)
        # Unknown applicants are treated as persons, so a name typed by hand is never shown in full.
        is_person = not apps or any(a.is_person for a in apps)
        revoked = [revoke_in(con, a, f"user restricted: {reason}").id for a in apps if a.status == "approved"]
        for a in apps:
            if a.status == "pending":
                grant_store.update(con, a.id, status="rejected", decided_at=audit.now_iso(), decided_by=audit.current_actor(),
                                   decision_reason=f"user restricted: {reason}")
        r = Restriction(applicant, reason, audit.now_iso(), audit.current_actor(), is_person)
        store.insert(con, r)
        audit.append(con, "user-restrict", details={
            "applicant": mask_person(applicant) if is_person else applicant, "reason": reason, "revoked": revoked,
        })
    return Restricted(r, revoked)


def public_list(home: Home) -> list[PublicRestriction]:
    """Every restriction as the public page shows it (a person's name masked)."""
    if not home.db_path.exists():
        return []
    with connect(home) as con:
        rows = store.all_rows(con)
    return [PublicRestriction(mask_person(r.applicant) if r.is_person else r.applicant, r.reason, r.restricted_at[:10]) for r in rows]
