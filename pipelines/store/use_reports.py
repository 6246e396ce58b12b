"""Table of grantees' periodic use reports (开放办法 §15)."""

from __future__ import annotations

from dataclasses import dataclass

import duckdb


@dataclass(frozen=True)
class UseReport:
    """One use report of a grant."""

    grant_id: str
    submitted_at: str
    text: str
    channel: str


def insert(con: duckdb.DuckDBPyConnection, r: UseReport) -> None:
    """Record a report."""
    con.execute("INSERT INTO use_reports VALUES (?, ?, ?, ?)", [r.grant_id, r.submitted_at, r.text, r.channel])


def last_submitted(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """{grant id: time of its newest report}."""
    return {g: at for g, at in con.execute("SELECT grant_id, max(submitted_at) FROM use_reports GROUP BY grant_id").fetchall()}
