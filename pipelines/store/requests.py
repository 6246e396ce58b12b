"""Registry tables of issue 16: requests, objections and reviews (`requests`), published scorecards.

Their DDL is migration 6 in `pipelines/store/migrations.py`. The `requester` column is personal data (the person or organisation that asked): it is
stored for the department's answer, and no function here that feeds a public list returns it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import duckdb

# Columns a public list may show: everything but `requester` and the free `text`.
PUBLIC_COLUMNS = (
    "id", "kind", "objection_kind", "department", "title", "dataset_id", "version", "parent_id",
    "received", "status", "answered", "reason", "channel",
)


@dataclass(frozen=True)
class RequestRow:
    """One stored request, objection or review, without the requester (see `requester_of`)."""

    id: str
    kind: str
    objection_kind: str | None
    department: str
    title: str
    dataset_id: str | None
    version: str | None
    parent_id: str | None
    received: date
    status: str
    answered: date | None
    reason: str | None
    channel: str


@dataclass(frozen=True)
class NewRequest:
    """What is inserted for a new request, objection or review."""

    id: str
    kind: str
    objection_kind: str | None
    department: str
    title: str
    dataset_id: str | None
    version: str | None
    parent_id: str | None
    requester: str
    text: str
    received: date
    channel: str
    created_at: str


def next_id(con: duckdb.DuckDBPyConnection, prefix: str, year: int) -> str:
    """The next free id `PREFIX-YEAR-NNNN` (call inside the write transaction that inserts it)."""
    stem = f"{prefix}-{year}-"
    # The number as a number, so -10000 follows -9999.
    row = con.execute(
        "SELECT max(CAST(split_part(id, '-', 3) AS BIGINT)) FROM requests WHERE id LIKE ?", [stem + "%"]
    ).fetchone()
    last = int(row[0]) if row and row[0] is not None else 0
    return f"{stem}{last + 1:04d}"


def insert(con: duckdb.DuckDBPyConnection, new: NewRequest) -> None:
    """Insert one new item with status open."""
    con.execute(
        "INSERT INTO requests VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'open', NULL, NULL, ?, ?)",
        [new.id, new.kind, new.objection_kind, new.department, new.title, new.dataset_id, new.version,
         new.parent_id, new.requester, new.text, new.received, new.channel, new.created_at],
    )


def set_answer(con: duckdb.DuckDBPyConnection, item_id: str, status: str, answered: date, reason: str) -> None:
    """Record the answer of an open item."""
    con.execute("UPDATE requests SET status = ?, answered = ?, reason = ? WHERE id = ?", [status, answered, reason, item_id])


def _row(values: tuple[Any, ...]) -> RequestRow:
    return RequestRow(*values)


def get(con: duckdb.DuckDBPyConnection, item_id: str) -> RequestRow | None:
    """One item by id, or None."""
    row = con.execute(f"SELECT {', '.join(PUBLIC_COLUMNS)} FROM requests WHERE id = ?", [item_id]).fetchone()
    return _row(row) if row else None


def all_rows(con: duckdb.DuckDBPyConnection) -> list[RequestRow]:
    """Every item, oldest receipt first."""
    rows = con.execute(f"SELECT {', '.join(PUBLIC_COLUMNS)} FROM requests ORDER BY received, id").fetchall()
    return [_row(r) for r in rows]


def requester_of(con: duckdb.DuckDBPyConnection, item_id: str) -> str | None:
    """The requester of one item, for the department that answers it (never for a public list)."""
    row = con.execute("SELECT requester FROM requests WHERE id = ?", [item_id]).fetchone()
    return str(row[0]) if row else None


def insert_scorecard(con: duckdb.DuckDBPyConnection, year: int, published_at: str, body: str, sha256: str) -> None:
    """Store one published assessment."""
    con.execute("INSERT INTO scorecards VALUES (?, ?, ?, ?)", [year, published_at, body, sha256])


def latest_scorecard(con: duckdb.DuckDBPyConnection) -> tuple[int, str, str] | None:
    """(year, published_at, body) of the newest published assessment, by year then publication time."""
    row = con.execute("SELECT year, published_at, body FROM scorecards ORDER BY year DESC, published_at DESC LIMIT 1").fetchone()
    return (int(row[0]), str(row[1]), str(row[2])) if row else None
