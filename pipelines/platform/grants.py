"""Authorized-open applications and grants (开放办法 §8, §12; 管理办法 §22–§23).

An applicant states purpose, scenario and safeguards; commercial use needs a competitive-tender
reference, and universities and research institutes may use authorized data for public-benefit work
only (开放办法 §8). Approval issues a token, shown once and stored as a hash, and a per-grant key
for the grantee's fingerprinted copy. Every step is an audit entry; a natural person's name is
kept in the grants table only, never in the audit details or on a public page.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import Any

import duckdb

from pipelines.core.home import Home
from pipelines.platform import tokens
from pipelines.platform.errors import Conflict, Forbidden, NotFound, PlatformError
from pipelines.store import audit
from pipelines.store.db import connect
from pipelines.core.clock import SHANGHAI
from pipelines.store import grants as store
from pipelines.store import restrictions as restriction_store
from pipelines.store.grants import Application
from pipelines.core.vocab import OpenType

APPLICANT_TYPES = ("enterprise", "university", "research-institute", "person")
APPLICANT_TYPE_LABELS = {"enterprise": "企业", "university": "高等院校", "research-institute": "科研机构", "person": "个人"}
# Institutions that 开放办法 §8 confines to public-benefit (non-commercial) use.
PUBLIC_BENEFIT_ONLY = ("university", "research-institute")
DEFAULT_TERM_DAYS = 365
MAX_TEXT = 2000
_ZH = {"applicant": "申请人", "purpose": "使用目的", "scenario": "应用场景", "safeguards": "数据安全保障措施"}


@dataclass(frozen=True)
class ApplicationForm:
    """What an applicant submits (CLI options or the portal form)."""

    dataset_id: str
    applicant: str
    applicant_type: str
    purpose: str
    scenario: str
    safeguards: str
    commercial: bool = False
    tender_ref: str | None = None


@dataclass(frozen=True)
class Approved:
    """An approved grant and its token (to hand to the grantee once; it is not stored)."""

    grant: Application
    token: str


def _clean(form: ApplicationForm) -> ApplicationForm:
    """Trimmed fields, or PlatformError naming the first problem."""
    f = replace(
        form, dataset_id=form.dataset_id.strip(), applicant=form.applicant.strip(), applicant_type=form.applicant_type.strip(),
        purpose=form.purpose.strip(), scenario=form.scenario.strip(), safeguards=form.safeguards.strip(),
        tender_ref=(form.tender_ref or "").strip() or None,
    )
    if f.applicant_type not in APPLICANT_TYPES:
        raise PlatformError(
            f"applicant type {f.applicant_type!r} is not one of {', '.join(APPLICANT_TYPES)}; choose one",
            zh="请选择申请人类型：企业、高等院校、科研机构或个人",
        )
    for name, value in (("applicant", f.applicant), ("purpose", f.purpose), ("scenario", f.scenario), ("safeguards", f.safeguards)):
        if not value:
            raise PlatformError(
                f"{name} is empty: state the {name} (开放办法 §8 asks for purpose, scenario and safeguards)",
                zh=f"请填写{_ZH[name]}（开放办法第八条要求说明使用目的、应用场景和数据安全保障措施）",
            )
        if len(value) > MAX_TEXT:
            raise PlatformError(f"{name} is longer than {MAX_TEXT} characters; shorten it", zh=f"{_ZH[name]}不能超过 {MAX_TEXT} 字")
    if f.commercial and f.applicant_type in PUBLIC_BENEFIT_ONLY:
        raise PlatformError(
            f"a {f.applicant_type} may use authorized-open data for public-benefit work only, not commercially "
            "(开放办法 §8); apply without --commercial",
            zh="高等院校和科研机构仅可将授权开放数据用于公益性研究，不得用于商业用途（开放办法第八条）",
        )
    if f.commercial and not f.tender_ref:
        raise PlatformError(
            "commercial use of authorized-open data needs a competitive-tender reference (开放办法 §8); give --tender REF",
            zh="商业用途须经公开竞争方式确定，请填写招标文号（开放办法第八条）",
        )
    if not f.commercial and f.tender_ref:
        raise PlatformError(
            "a tender reference was given without --commercial; add --commercial or drop --tender",
            zh="填写了招标文号但未勾选商业用途：请勾选商业用途或删除招标文号",
        )
    return f


def _audit_applicant(app: Application) -> str:
    """What the audit log says about the applicant: the name, unless a natural person's."""
    return f"个人申请人（{app.id}）" if app.is_person else app.applicant


def _dataset_open_type(con: duckdb.DuckDBPyConnection, dataset_id: str) -> str:
    row = con.execute(
        "SELECT m.open_type FROM releases r JOIN release_meta m USING (dataset_id, version) "
        "WHERE r.dataset_id = ? AND r.status = 'published' ORDER BY r.published_at DESC LIMIT 1",
        [dataset_id],
    ).fetchone()
    if row is None:
        raise NotFound(f"{dataset_id}: no published release of that dataset; check the id on the portal catalog", zh="该数据集没有可申请的已发布版本")
    return str(row[0])


def apply(home: Home, form: ApplicationForm, channel: str = "cli") -> Application:
    """Record an application; refuse bad input, general-open data and restricted applicants."""
    f = _clean(form)
    now = audit.now_iso()
    app_id = f"APP-{datetime.now(SHANGHAI):%Y%m%d}-{secrets.token_hex(3).upper()}"
    app = Application(
        id=app_id, dataset_id=f.dataset_id, applicant=f.applicant, applicant_type=f.applicant_type, purpose=f.purpose,
        scenario=f.scenario, safeguards=f.safeguards, commercial=f.commercial, tender_ref=f.tender_ref, status="pending",
        applied_at=now, decided_at=None, decided_by=None, decision_reason=None, token_sha256=None, expires_on=None,
        revoked_at=None, revoke_reason=None, fingerprint_key=None,
    )
    with audit.transaction(home) as con:
        open_type = _dataset_open_type(con, f.dataset_id)
        if open_type != OpenType.AUTHORIZED.value:
            raise PlatformError(
                f"{f.dataset_id} is {OpenType(open_type).label} ({open_type}), not authorized-open: nothing to apply for",
                zh=f"该数据集为{OpenType(open_type).label}数据，无需申请",
            )
        if restriction_store.get(con, f.applicant) is not None:
            raise Forbidden(
                "this applicant's access is restricted (开放办法 §16); no new application is accepted",
                zh="该申请人已被限制使用开放数据（开放办法第十六条），不再受理其申请",
            )
        store.insert(con, app)
        audit.append(con, "grant-apply", dataset_id=f.dataset_id, details={
            "application": app_id, "applicant": _audit_applicant(app), "applicant_type": f.applicant_type,
            "commercial": f.commercial, "tender_ref": f.tender_ref, "channel": channel,
        })
    return app


def _pending(con: duckdb.DuckDBPyConnection, app_id: str) -> Application:
    app = store.get(con, app_id.strip())
    if app is None:
        raise NotFound(f"no application {app_id}; see `opendata grant list`")
    if app.status != "pending":
        raise Conflict(f"application {app_id} is already {app.status}; only a pending application can be decided")
    return app


def approve(home: Home, app_id: str, by: str, expires: date | None = None) -> Approved:
    """Approve a pending application: issue its token (returned once) and its fingerprint key."""
    by = by.strip()
    if not by:
        raise PlatformError("--by is empty: name who approves")
    today = datetime.now(SHANGHAI).date()
    expires = expires or today + timedelta(days=DEFAULT_TERM_DAYS)
    if expires <= today:
        raise PlatformError(f"--expires {expires} is not in the future; give a later date")
    with audit.transaction(home) as con:
        app = _pending(con, app_id)
        if restriction_store.get(con, app.applicant) is not None:
            raise Forbidden("this applicant's access is restricted (开放办法 §16); the application cannot be approved")
        issued = tokens.issue(app.id)
        changes: dict[str, Any] = {
            "status": "approved", "decided_at": audit.now_iso(), "decided_by": by, "token_sha256": issued.sha256,
            "expires_on": expires, "fingerprint_key": secrets.token_hex(32),
        }
        store.update(con, app.id, **changes)
        audit.append(con, "grant-approve", dataset_id=app.dataset_id, actor=by, details={
            "application": app.id, "applicant": _audit_applicant(app), "expires_on": expires.isoformat(),
        })
    return Approved(replace(app, **changes), issued.token)


def reject(home: Home, app_id: str, by: str, reason: str) -> Application:
    """Reject a pending application with a reason."""
    if not by.strip() or not reason.strip():
        raise PlatformError("--by and --reason must both be given: who rejects, and why")
    with audit.transaction(home) as con:
        app = _pending(con, app_id)
        changes: dict[str, Any] = {"status": "rejected", "decided_at": audit.now_iso(), "decided_by": by.strip(), "decision_reason": reason.strip()}
        store.update(con, app.id, **changes)
        audit.append(con, "grant-reject", dataset_id=app.dataset_id, actor=by.strip(), details={"application": app.id, "reason": reason.strip()})
    return replace(app, **changes)


def revoke_in(con: duckdb.DuckDBPyConnection, app: Application, reason: str) -> Application:
    """Revoke an approved grant inside the caller's transaction (its token stops working at once)."""
    changes: dict[str, Any] = {"status": "revoked", "revoked_at": audit.now_iso(), "revoke_reason": reason}
    store.update(con, app.id, **changes)
    audit.append(con, "grant-revoke", dataset_id=app.dataset_id, details={"grant": app.id, "reason": reason})
    return replace(app, **changes)


def revoke(home: Home, grant_id: str, reason: str) -> Application:
    """Revoke an approved grant."""
    if not reason.strip():
        raise PlatformError("--reason is empty: say why the grant is revoked")
    with audit.transaction(home) as con:
        app = store.get(con, grant_id.strip())
        if app is None:
            raise NotFound(f"no grant {grant_id}; see `opendata grant list`")
        if app.status != "approved":
            raise Conflict(f"{grant_id} is {app.status}, not an approved grant; nothing to revoke")
        return revoke_in(con, app, reason.strip())


def list_all(home: Home) -> list[Application]:
    """Every application and grant, oldest first."""
    if not home.db_path.exists():
        return []
    with connect(home) as con:
        return store.all_rows(con)


def get(home: Home, app_id: str) -> Application:
    """One application or grant, or NotFound."""
    with connect(home) as con:
        app = store.get(con, app_id.strip())
    if app is None:
        raise NotFound(f"no application or grant {app_id}; see `opendata grant list`")
    return app


def check_token(con: duckdb.DuckDBPyConnection, token: str, dataset_id: str) -> Application:
    """The grant a token opens `dataset_id` with, or Forbidden (bad, expired, revoked, restricted).

    Read inside the caller's transaction, so a revocation committed before it is always seen.
    """
    grant_id = tokens.grant_id_of(token)
    app = store.get(con, grant_id) if grant_id else None
    # Compare even when no grant was found, so a wrong id and a wrong secret take the same time.
    ok = tokens.matches(token, app.token_sha256 if app else "0" * 64)
    if app is None or not ok:
        raise Forbidden("the access token is not valid; use the token issued when your application was approved", zh="访问令牌无效：请使用申请获批时发放的令牌")
    if app.status != "approved":
        raise Forbidden(f"grant {app.id} is {app.status}; apply again on the dataset page", zh=f"授权 {app.id} 已失效（{app.status}），请重新申请")
    if app.dataset_id != dataset_id:
        raise Forbidden(f"grant {app.id} is for {app.dataset_id}, not {dataset_id}; apply for this dataset", zh=f"授权 {app.id} 不适用于该数据集，请针对该数据集提出申请")
    if app.expires_on is not None and app.expires_on < datetime.now(SHANGHAI).date():
        raise Forbidden(f"grant {app.id} expired on {app.expires_on}; apply again on the dataset page", zh=f"授权 {app.id} 已于 {app.expires_on} 到期，请重新申请")
    if restriction_store.get(con, app.applicant) is not None:
        raise Forbidden(f"grant {app.id}: the grantee's access is restricted (开放办法 §16)", zh="该用户已被限制使用开放数据（开放办法第十六条）")
    return app
