"""Obtaining a release (`opendata get`) and tracing who obtained one (`opendata trace`).

Every handed-out release is logged (who, when, purpose, version, files and their sha256) in the
same transaction as its audit entry. A withdrawn release is refused (开放办法 §17), and so is
authorized-open data unless the caller brings a `GrantCheck` that admits the request (§8, §12: only
approved applicants). Checking grants is the platform's business (`pipelines.platform.obtain`), a
layer above this one, so it is passed in rather than imported. Refusals are audited too.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb

from pipelines.core.errors import InputError
from pipelines.core.home import Home
from pipelines.lifecycle.withdraw import complete_pending
from pipelines.store import audit
from pipelines.store.access import accesses, log_access
from pipelines.store.db import read_registry
from pipelines.store.releases import release_rows
from pipelines.core.clock import SHANGHAI
from pipelines.core.vocab import OpenType

HANDED_OUT = ("data.csv",)


@dataclass(frozen=True)
class Grantee:
    """Who an authorized-open release is handed to, as the access log records it."""
    grant_id: str
    applicant: str
    purpose: str
    audit_user: str          # what the audit entry names (not a natural person's name)


@dataclass(frozen=True)
class GrantCheck:
    """Admits (or refuses) one request for authorized-open data, inside the logging transaction.

    `check(con, dataset_id)` returns the grantee or raises InputError with the refusal; `claimed` is
    the grant id the presented token names, audited with a refusal (the token itself never is).
    """
    claimed: str | None
    check: Callable[[duckdb.DuckDBPyConnection, str], Grantee]


@dataclass(frozen=True)
class Obtained:
    """A logged access: the data file handed out and the line the user must cite."""
    data_file: Path
    version: str
    audit_seq: int
    attribution: str | None
    grant_id: str | None = None


def _replacement(rows: list[dict[str, Any]], version: str) -> str | None:
    newer = [r["version"] for r in rows if r.get("replaces") == version]
    return newer[-1] if newer else None


def _choose(rows: list[dict[str, Any]], dataset_id: str, version: str | None) -> tuple[dict[str, Any] | None, str | None]:
    """(release to hand out, or None with the reason it is refused)."""
    if version is None:
        published = [r for r in rows if r["status"] == "published" and not r["withdraw_requested_at"]]
        if published:
            return published[-1], None
        newest = rows[-1]
        return None, f"{dataset_id}: no published version; the newest, {newest['version']}, " + _withdrawn_note(rows, newest)
    release = next((r for r in rows if r["version"] == version), None)
    if release is None:
        raise InputError(f"{dataset_id}: no release {version} (versions: {', '.join(r['version'] for r in rows)})")
    if release["status"] == "withdrawn" or release["withdraw_requested_at"]:
        return None, f"{dataset_id} {version} " + _withdrawn_note(rows, release)
    return release, None


def _withdrawn_note(rows: list[dict[str, Any]], release: dict[str, Any]) -> str:
    if release["status"] != "withdrawn":
        return f"is being withdrawn (requested {release['withdraw_requested_at']}) and can no longer be obtained"
    when = release["withdrawn_at"].astimezone(SHANGHAI).isoformat() if release["withdrawn_at"] else "an unrecorded date"
    newer = _replacement(rows, release["version"])
    then = f"; it is replaced by {newer}" if newer else "; no replacing version is published yet"
    return f"was withdrawn on {when} and can no longer be obtained{then}"


def obtain(
    home: Home, dataset_id: str, version: str | None, user: str, purpose: str | None, channel: str = "cli",
    grant: GrantCheck | None = None,
) -> Obtained:
    """Log the access and return the release's data file, or raise InputError (withdrawn, unknown,
    authorized-open without an admitting grant).

    For an authorized-open release the access row carries the grant, its applicant and its approved
    purpose; the returned `data_file` is still the release's own file: the caller hands out the
    grantee's copy instead (`pipelines.platform.obtain`).
    """
    user, purpose = user.strip(), (purpose or "").strip() or None
    if not user:
        raise InputError("--user must name who obtains the data")
    if not home.db_path.exists():
        raise InputError(f"no registry in {home.root}: nothing was ever published there")
    complete_pending(home)
    grantee: Grantee | None = None
    refusal: str | None = None
    with audit.transaction(home) as con:
        rows = release_rows(con, dataset_id)
        if not rows:
            raise InputError(f"{dataset_id}: no such dataset in the registry of {home.root}")
        release, refusal = _choose(rows, dataset_id, version)
        if release is not None and refusal is None:
            refusal = _refuse_handing_out(home, release)
        if release is not None and refusal is None and release["open_type"] != OpenType.GENERAL.value:
            if grant is None:
                refusal = _apply_first(release)
            else:
                try:
                    grantee = grant.check(con, dataset_id)
                except InputError as exc:
                    refusal = exc.message
        if release is None or refusal is not None:
            # Audited in this transaction, then raised after it commits.
            details: dict[str, Any] = {"command": "get", "user": user, "purpose": purpose, "message": refusal, "channel": channel}
            if grant is not None:
                details["grant"] = grant.claimed
            audit.append(con, "refusal", dataset_id=dataset_id, version=release["version"] if release else version, details=details)
        elif grantee is not None:
            seq = log_access(
                con, dataset_id, release["version"], user, grantee.purpose, list(HANDED_OUT), channel,
                grant_id=grantee.grant_id, applicant=grantee.applicant, audit_user=grantee.audit_user,
            )
        else:
            seq = log_access(con, dataset_id, release["version"], user, purpose, list(HANDED_OUT), channel)
    if release is None or refusal is not None:
        raise InputError(refusal or f"{dataset_id}: nothing to hand out")
    folder = home.root / release["path"]
    return Obtained(folder / "data.csv", release["version"], seq, _attribution(folder), grantee.grant_id if grantee else None)


def _apply_first(release: dict[str, Any]) -> str:
    """The refusal of authorized-open data to a request without a grant token (开放办法 §8, §12)."""
    name = f"{release['dataset_id']} {release['version']}"
    conditions = release.get("open_conditions") or ""
    return (
        f"{name} is authorized-open (授权开放) and goes only to approved applicants: apply with "
        f"`opendata grant apply {release['dataset_id']}`, then pass the token printed by `opendata grant approve` as --token"
        + (f" (conditions: {conditions})" if conditions else "")
    )


def _refuse_handing_out(home: Home, release: dict[str, Any]) -> str | None:
    """Why a published release cannot be handed out at all, or None."""
    name = f"{release['dataset_id']} {release['version']}"
    data = home.root / release["path"] / "data.csv"
    if not data.is_file():
        return f"{name}: data.csv is missing from {data.parent}; run `opendata audit verify`"
    return None


def _attribution(folder: Path) -> str | None:

    try:
        return str(json.loads((folder / "datapackage.json").read_text(encoding="utf-8")).get("attribution") or "") or None
    except (OSError, ValueError):
        return None


@dataclass(frozen=True)
class Trace:
    """A release and everyone who obtained it."""
    release: dict[str, Any]
    accesses: list[dict[str, Any]]
    replaced_by: str | None


def trace(home: Home, dataset_id: str, version: str) -> Trace:
    """Who obtained `dataset_id` `version` and when (withdrawn versions included: that is the point)."""
    if not home.db_path.exists():
        raise InputError(f"no registry in {home.root}: nothing was ever published there")
    with read_registry(home) as con:  # tracing only reads
        rows = release_rows(con, dataset_id)
        if not rows:
            raise InputError(f"{dataset_id}: no such dataset in the registry of {home.root}")
        release = next((r for r in rows if r["version"] == version), None)
        if release is None:
            raise InputError(f"{dataset_id}: no release {version} (versions: {', '.join(r['version'] for r in rows)})")
        found = accesses(con, dataset_id, version)
    return Trace(release, found, _replacement(rows, version))
