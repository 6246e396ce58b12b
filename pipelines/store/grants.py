"""Tables of authorized-open applications and grants (开放办法 §8, §12; 管理办法 §22–§23).

An application is what an applicant asked for; a grant is the approved application with its token
hash, expiry and revocation. Both live in one table: the application id *is* the grant id, so a
token, an access row and a fingerprinted copy all point back to the one request and its purpose.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import duckdb


@dataclass(frozen=True)
class Application:
    """One row of `grant_applications` (an application, and the grant it became)."""

    id: str
    dataset_id: str
    applicant: str
    applicant_type: str
    purpose: str
    scenario: str
    safeguards: str
    commercial: bool
    tender_ref: str | None
    status: str
    applied_at: str
    decided_at: str | None
    decided_by: str | None
    decision_reason: str | None
    token_sha256: str | None
    expires_on: date | None
    revoked_at: str | None
    revoke_reason: str | None
    fingerprint_key: str | None

    @property
    def is_person(self) -> bool:
        """A natural person: the name is personal data and never shown publicly."""
        return self.applicant_type == "person"


def _rows(cur: duckdb.DuckDBPyConnection) -> list[Application]:
    names = [d[0] for d in cur.description]
    return [Application(**dict(zip(names, r, strict=True))) for r in cur.fetchall()]


def insert(con: duckdb.DuckDBPyConnection, app: Application) -> None:
    """Insert a new application."""
    values: dict[str, Any] = app.__dict__
    cols = list(values)
    con.execute(
        f"INSERT INTO grant_applications ({', '.join(cols)}) VALUES ({', '.join('?' for _ in cols)})",
        [values[c] for c in cols],
    )


def get(con: duckdb.DuckDBPyConnection, app_id: str) -> Application | None:
    """One application by id, or None."""
    found = _rows(con.execute("SELECT * FROM grant_applications WHERE id = ?", [app_id]))
    return found[0] if found else None


def all_rows(con: duckdb.DuckDBPyConnection, applicant: str | None = None) -> list[Application]:
    """Every application (optionally of one applicant), oldest first."""
    if applicant is None:
        return _rows(con.execute("SELECT * FROM grant_applications ORDER BY applied_at, id"))
    return _rows(con.execute("SELECT * FROM grant_applications WHERE applicant = ? ORDER BY applied_at, id", [applicant]))


def update(con: duckdb.DuckDBPyConnection, app_id: str, **changes: Any) -> None:
    """Set columns of one application (names come from this module's callers, never from users)."""
    sets = ", ".join(f"{k} = ?" for k in changes)
    con.execute(f"UPDATE grant_applications SET {sets} WHERE id = ?", [*changes.values(), app_id])
