"""The access log: who obtained which release, when and for what (开放办法 §17: trace usage).

Each access is also an `access` entry of the audit chain; the access row keeps that entry's sequence
number (`audit_seq`), so deleting or editing an access row is caught by `opendata audit verify`.
"""

from __future__ import annotations

import json
from typing import Any

import duckdb

from pipelines.store import audit


def log_access(
    con: duckdb.DuckDBPyConnection,
    dataset_id: str,
    version: str,
    user: str,
    purpose: str | None,
    files: list[str],
    channel: str = "cli",
    grant_id: str | None = None,
    applicant: str | None = None,
    audit_user: str | None = None,
) -> int:
    """Record one access and its audit entry in the caller's transaction; return the audit seq.

    `audit_user` replaces `user` in the audit entry when the user is a natural person whose name
    must stay in the access table only (the audit details are read more widely).
    """
    details = {"user": audit_user or user, "purpose": purpose, "files": files, "channel": channel}
    if grant_id is not None:
        details["grant_id"] = grant_id
    seq = audit.append(con, "access", dataset_id=dataset_id, version=version, details=details)
    at = con.execute("SELECT recorded_at FROM audit_log WHERE seq = ?", [seq]).fetchone()[0]  # type: ignore[index]
    con.execute(
        "INSERT INTO access_log (audit_seq, obtained_at, dataset_id, version, user_name, purpose, files, channel, "
        "grant_id, applicant) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [seq, at, dataset_id, version, user, purpose, json.dumps(files, ensure_ascii=False), channel, grant_id, applicant],
    )
    return seq


def accesses(con: duckdb.DuckDBPyConnection, dataset_id: str | None = None, version: str | None = None) -> list[dict[str, Any]]:
    """Access rows, oldest first, optionally of one dataset and version."""
    where, params = [], []
    if dataset_id is not None:
        where.append("dataset_id = ?")
        params.append(dataset_id)
    if version is not None:
        where.append("version = ?")
        params.append(version)
    sql = "SELECT * FROM access_log" + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY audit_seq"
    cur = con.execute(sql, params)
    names = [d[0] for d in cur.description]
    rows = [dict(zip(names, r)) for r in cur.fetchall()]
    for row in rows:
        row["files"] = json.loads(row["files"])
    return rows
