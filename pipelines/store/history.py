"""Earlier releases of a dataset, read from the registry: the last publication and the score trend.

Read-only and optional: without a registry (a fresh home, or `opendata quality` run anywhere) there
is simply no history. Earlier `quality.json` files hold only scores and counts, never cell values.
The runner reads it and hands it to the quality stage (`PublishContext.past_releases`).
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

import duckdb

from pipelines.core.clock import SHANGHAI
from pipelines.core.home import Home
from pipelines.core.results import PastRelease
from pipelines.store.db import connect

MAX_TREND = 24  # releases shown in the trend chart

def _rows(home: Home, dataset_id: str) -> list[tuple[Any, ...]]:
    if not home.db_path.is_file():
        return []
    try:
        with connect(home, read_only=True) as con:
            return con.execute(
                "SELECT version, epoch(published_at), status, path FROM releases WHERE dataset_id = ? "
                "ORDER BY published_at",
                [dataset_id],
            ).fetchall()
    except duckdb.CatalogException:
        return []  # a registry without a releases table yet


def _quality(home: Home, dataset_id: str, version: str, path: str) -> dict[str, Any]:
    candidates = [home.root / path / "quality.json", home.release_dir(dataset_id, version) / "quality.json",
                  home.quarantine_dir(dataset_id, version) / "quality.json"]
    for c in candidates:
        if c.is_file():
            try:
                data = json.loads(Path(c).read_text(encoding="utf-8"))
                return data if isinstance(data, dict) else {}
            except (OSError, ValueError):
                return {}
    return {}


def _score(value: Any) -> float | None:
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def past_releases(home: Home, dataset_id: str) -> list[PastRelease]:
    """Earlier releases, oldest first (at most MAX_TREND), with their recorded scores."""
    out: list[PastRelease] = []
    for version, epoch, status, path in _rows(home, dataset_id)[-MAX_TREND:]:
        q = _quality(home, dataset_id, version, path)
        dims: dict[str, Any] = q["dimensions"] if isinstance(q.get("dimensions"), dict) else {}
        overall: dict[str, Any] = q["overall"] if isinstance(q.get("overall"), dict) else {}
        out.append(
            PastRelease(
                version=str(version),
                published_at=datetime.fromtimestamp(float(epoch), SHANGHAI),
                status=str(status),
                overall=_score(overall.get("score")),
                grade=overall.get("grade") if isinstance(overall.get("grade"), str) else None,
                dimensions={k: _score(v.get("score")) for k, v in dims.items() if isinstance(v, dict)},
            )
        )
    return out
