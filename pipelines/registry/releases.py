"""Rows of the `releases` and `release_files` tables."""

from __future__ import annotations

import hashlib
from datetime import datetime
from pathlib import Path
from typing import Any

from pipelines.context import PublishContext
from pipelines.home import Home
from pipelines.registry.db import connect
from pipelines.release.version import version_key


def record_release(ctx: PublishContext, folder: Path, rows: int, at: datetime) -> None:
    """Insert the release and the sha256 of each of its files, in one transaction."""
    spec_sha = hashlib.sha256(ctx.spec_path.read_bytes()).hexdigest()
    with connect(ctx.home) as con:
        con.execute(
            "INSERT INTO releases (dataset_id, version, status, open_type, path, published_at, rows, source_path, "
            "source_sha256, spec_path, spec_sha256, flow_run_id, replaces) VALUES (?, ?, 'published', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                ctx.spec.id, ctx.version, (ctx.open_type.value if ctx.open_type else ctx.spec.open_type.value),
                str(folder.relative_to(ctx.home.root)), at, rows, str(ctx.extract.resolve()), ctx.source_sha256,
                str(ctx.spec_path.resolve()), spec_sha, ctx.flow_run_id, ctx.replaces,
            ],
        )
        for name, info in ctx.release_files.items():
            con.execute(
                "INSERT INTO release_files VALUES (?, ?, ?, ?, ?)",
                [ctx.spec.id, ctx.version, name, info["sha256"], info["bytes"]],
            )


def list_releases(home: Home, dataset_id: str | None = None) -> list[dict[str, Any]]:
    """Every registered release (optionally of one dataset), oldest first."""
    if not home.db_path.exists():
        return []
    with connect(home) as con:
        sql = "SELECT * FROM releases" + (" WHERE dataset_id = ?" if dataset_id else "")
        cur = con.execute(sql, [dataset_id] if dataset_id else [])
        names = [d[0] for d in cur.description]
        rows = [dict(zip(names, r)) for r in cur.fetchall()]
    return sorted(rows, key=lambda r: (r["dataset_id"], version_key(r["version"])))
