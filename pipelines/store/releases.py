"""Rows of the `releases`, `release_files`, `release_meta` and `withdrawals` tables.

A release, the sha256 of its files, its catalog metadata and its audit trail (the step events and
the publish event) are written in ONE transaction: either all land or none.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

import duckdb

from pipelines.core.context import PublishContext
from pipelines.core.home import Home
from pipelines.store import audit
from pipelines.store.db import connect
from pipelines.core.versions import code_version, version_key


def record_release(ctx: PublishContext, folder: Path, rows: int, at: datetime) -> None:
    """Insert the release, its file hashes, its catalog metadata and its audit trail, in one transaction."""
    spec_sha = ctx.spec_sha256
    open_type = ctx.open_type.value if ctx.open_type else ctx.spec.open_type.value
    rel_path = str(folder.relative_to(ctx.home.root))
    with audit.transaction(ctx.home) as con:
        con.execute(
            "INSERT INTO releases (dataset_id, version, status, open_type, path, published_at, rows, source_path, "
            "source_sha256, spec_path, spec_sha256, flow_run_id, replaces) VALUES (?, ?, 'published', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                ctx.spec.id, ctx.version, open_type, rel_path, at, rows, str(ctx.extract.resolve()), ctx.source_sha256,
                str(ctx.spec_path.resolve()), spec_sha, ctx.flow_run_id, ctx.replaces,
            ],
        )
        for name, info in ctx.release_files.items():
            con.execute(
                "INSERT INTO release_files VALUES (?, ?, ?, ?, ?)",
                [ctx.spec.id, ctx.version, name, info["sha256"], info["bytes"]],
            )
        _insert_meta(con, ctx, open_type)
        audit.append_step_events(con, ctx.spec.id, ctx.version, ctx.events)
        audit.append(
            con, "publish", dataset_id=ctx.spec.id, version=ctx.version,
            details={
                "path": rel_path, "rows": rows, "open_type": open_type,
                "files": {n: {"sha256": i["sha256"], "bytes": i["bytes"]} for n, i in ctx.release_files.items()},
                "source_file": ctx.extract.name, "source_sha256": ctx.source_sha256, "spec_sha256": spec_sha,
                "code_version": code_version(), "flow_run_id": ctx.flow_run_id, "replaces": ctx.replaces,
                "channel": ctx.actor,
            },
        )
        if ctx.replaces:
            audit.append(
                con, "republish", dataset_id=ctx.spec.id, version=ctx.version,
                details={"replaces": ctx.replaces, "source_sha256": ctx.source_sha256, "spec_sha256": spec_sha},
            )


def _insert_meta(con: duckdb.DuckDBPyConnection, ctx: PublishContext, open_type: str) -> None:
    spec = ctx.spec
    columns = [f.name for f in spec.fields if f.name in set(ctx.columns())]
    con.execute(
        "INSERT INTO release_meta VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            spec.id, ctx.version, spec.title, spec.summary, spec.provider.department, spec.provider.contact,
            spec.domain, json.dumps(spec.keywords, ensure_ascii=False), spec.update_frequency.value, spec.license,
            open_type, spec.open_conditions, ctx.tag.individual_level if ctx.tag else None, json.dumps(columns),
        ],
    )


def _dicts(cur: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r)) for r in cur.fetchall()]


def release_rows(con: duckdb.DuckDBPyConnection, dataset_id: str | None = None) -> list[dict[str, Any]]:
    """Registered releases joined with their catalog metadata and withdrawal, oldest first."""
    sql = (
        "SELECT r.*, m.title, m.description, m.publisher, m.contact, m.domain, m.keywords, m.update_frequency, "
        "m.license, m.open_conditions, m.individual_level, m.columns, "
        "w.reason AS pending_reason, w.field AS pending_field, w.actor AS withdraw_actor, "
        "w.requested_at AS withdraw_requested_at, w.completed_at AS withdraw_completed_at "
        "FROM releases r LEFT JOIN release_meta m USING (dataset_id, version) "
        "LEFT JOIN withdrawals w USING (dataset_id, version)"
        + (" WHERE r.dataset_id = ?" if dataset_id else "")
    )
    rows = _dicts(con.execute(sql, [dataset_id] if dataset_id else []))
    for row in rows:
        row["keywords"] = json.loads(row["keywords"]) if row.get("keywords") else []
        row["columns"] = json.loads(row["columns"]) if row.get("columns") else []
    return sorted(rows, key=lambda r: (r["dataset_id"], version_key(r["version"])))


def get_release(con: duckdb.DuckDBPyConnection, dataset_id: str, version: str) -> dict[str, Any] | None:
    """One release row (with metadata and withdrawal), or None."""
    for row in release_rows(con, dataset_id):
        if row["version"] == version:
            return row
    return None


def file_rows(con: duckdb.DuckDBPyConnection) -> dict[tuple[str, str], dict[str, dict[str, Any]]]:
    """{(dataset_id, version): {file: {"sha256", "bytes"}}} for every registered release."""
    out: dict[tuple[str, str], dict[str, dict[str, Any]]] = {}
    for row in _dicts(con.execute("SELECT * FROM release_files")):
        out.setdefault((row["dataset_id"], row["version"]), {})[row["file"]] = {"sha256": row["sha256"], "bytes": row["bytes"]}
    return out


def list_releases(home: Home, dataset_id: str | None = None) -> list[dict[str, Any]]:
    """Every registered release (optionally of one dataset), oldest first."""
    if not home.db_path.exists():
        return []
    with connect(home) as con:
        sql = "SELECT * FROM releases" + (" WHERE dataset_id = ?" if dataset_id else "")
        rows = _dicts(con.execute(sql, [dataset_id] if dataset_id else []))
    return sorted(rows, key=lambda r: (r["dataset_id"], version_key(r["version"])))


# -- withdrawals -------------------------------------------------------------------------------


def request_withdrawal(
    con: duckdb.DuckDBPyConnection, dataset_id: str, version: str, reason: str, field: str | None, actor: str, at: str
) -> None:
    """Write the intent to withdraw (the first step; see `pipelines.lifecycle.withdraw`)."""
    con.execute(
        "INSERT INTO withdrawals VALUES (?, ?, ?, ?, ?, ?, NULL)", [dataset_id, version, reason, field, actor, at]
    )


def pending_withdrawals(con: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    """Withdrawals requested but not completed (a crash happened in between), oldest first."""
    return _dicts(con.execute("SELECT * FROM withdrawals WHERE completed_at IS NULL ORDER BY requested_at"))


def complete_withdrawal(con: duckdb.DuckDBPyConnection, pending: dict[str, Any], rel_path: str, at: str) -> None:
    """Mark the release withdrawn (reason, time, field, its quarantine path) and audit who and why."""
    con.execute(
        "UPDATE releases SET status = 'withdrawn', withdrawn_at = ?, withdraw_reason = ?, withdraw_field = ?, path = ? "
        "WHERE dataset_id = ? AND version = ?",
        [datetime.fromisoformat(at), pending["reason"], pending["field"], rel_path, pending["dataset_id"], pending["version"]],
    )
    con.execute(
        "UPDATE withdrawals SET completed_at = ? WHERE dataset_id = ? AND version = ?",
        [at, pending["dataset_id"], pending["version"]],
    )
    files = [r[0] for r in con.execute(
        "SELECT file FROM release_files WHERE dataset_id = ? AND version = ? ORDER BY file",
        [pending["dataset_id"], pending["version"]],
    ).fetchall()]
    audit.append(
        con, "withdraw", dataset_id=pending["dataset_id"], version=pending["version"], actor=pending["actor"],
        details={
            "reason": pending["reason"], "field": pending["field"], "requested_at": pending["requested_at"],
            "completed_at": at, "completed_by": audit.current_actor(), "moved_to": rel_path, "files": files,
        },
    )
