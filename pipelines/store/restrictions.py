"""Table of restricted users (开放办法 §16: access restricted or closed, publicly)."""

from __future__ import annotations

from dataclasses import dataclass

import duckdb


@dataclass(frozen=True)
class Restriction:
    """One restricted applicant."""

    applicant: str
    reason: str
    restricted_at: str
    restricted_by: str
    is_person: bool


def insert(con: duckdb.DuckDBPyConnection, r: Restriction) -> None:
    """Record a restriction (replacing an earlier one of the same applicant)."""
    con.execute("DELETE FROM user_restrictions WHERE applicant = ?", [r.applicant])
    con.execute(
        "INSERT INTO user_restrictions VALUES (?, ?, ?, ?, ?)",
        [r.applicant, r.reason, r.restricted_at, r.restricted_by, r.is_person],
    )


def get(con: duckdb.DuckDBPyConnection, applicant: str) -> Restriction | None:
    """The restriction of an applicant, or None."""
    row = con.execute("SELECT * FROM user_restrictions WHERE applicant = ?", [applicant]).fetchone()
    return Restriction(*row) if row else None


def all_rows(con: duckdb.DuckDBPyConnection) -> list[Restriction]:
    """Every restriction, newest first."""
    return [Restriction(*r) for r in con.execute("SELECT * FROM user_restrictions ORDER BY restricted_at DESC").fetchall()]
