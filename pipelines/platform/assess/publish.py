"""Publish an assessment (考核办法 §19: results are made public): store it in the registry, audited,
so the portal shows the latest scorecard."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from pipelines.core.home import Home
from pipelines.platform.assess.scoring import Assessment
from pipelines.store import audit
from pipelines.store.db import connect
from pipelines.store import requests as store


@dataclass(frozen=True)
class PublishedScorecard:
    """The newest published scorecard, as the portal shows it."""

    year: int
    published_at: str
    body: dict[str, Any]


def publish_scorecard(home: Home, result: Assessment) -> str:
    """Store the scorecard and audit its hash; return the publication time."""
    body = audit.canonical_json(result.to_json())
    sha = hashlib.sha256(body.encode("utf-8")).hexdigest()
    at = audit.now_iso()
    with audit.transaction(home) as con:
        store.insert_scorecard(con, result.year, at, body, sha)
        audit.append(con, "assess", details={"year": result.year, "sha256": sha, "departments": len(result.departments)})
    return at


def latest_scorecard(home: Home) -> PublishedScorecard | None:
    """The newest published scorecard, or None."""
    if not home.db_path.exists():
        return None
    with connect(home) as con:
        row = store.latest_scorecard(con)
    return PublishedScorecard(row[0], row[1], json.loads(row[2])) if row else None
