"""Evaluate an extract's quality: plan the suite, run it, score it, and gather what reports show."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from pipelines.core import clock
from pipelines.core.context import PublishContext
from pipelines.core.spec.model import CatalogSpec
from pipelines.core.results import PastRelease
from quality import gate, gx_suite
from quality.engine import run_suite
from quality.model import CheckResult
from quality.profile import ColumnProfile
from quality.check import RunEnv
from quality.score import Scores, score
from quality.suite import Suite, build_suite


@dataclass
class QualityReport:
    """Everything the JSON and HTML reports are written from (counts and masked values only)."""

    spec: CatalogSpec
    results: list[CheckResult]
    profiles: list[ColumnProfile]
    scores: Scores
    rows: int
    evaluated_at: datetime
    extract_date: date
    source: dict[str, Any]
    history: list[PastRelease]
    expectation_suite: dict[str, Any]
    seconds: float
    unused_accepts: list[dict[str, Any]] = field(default_factory=list)

    @property
    def blocking(self) -> list[CheckResult]:
        """Results that close the publication gate."""
        return gate.blocking(self.results)

    @property
    def publishable(self) -> bool:
        """True when no result closes the gate."""
        return not self.blocking


def _extract_date(ctx: PublishContext, now: datetime) -> date:
    # ingest sets obtained_at from the manifest's extracted_at, else the file's mtime.
    return (ctx.obtained_at or now).date()


def _last_release_at(releases: list[PastRelease]) -> datetime | None:
    # When the dataset was last published (a later withdrawal does not undo the delivery).
    return max((r.published_at for r in releases), default=None)


def _unused(suite: Suite, results: list[CheckResult]) -> list[dict[str, Any]]:
    used = {(r.planned.key, r.planned.column) for r in results if r.accepted}
    return [
        {"check": a.check, "column": a.column, "reason": a.reason}
        for a in suite.spec.quality.accept
        if (a.check, a.column) not in used
    ]


def evaluate(ctx: PublishContext, *, suite: Suite | None = None, now: datetime | None = None) -> QualityReport:
    """Run every check of the spec on `ctx.table` and score the results."""
    suite = suite or build_suite(ctx.spec)
    now = now or clock.now()
    past = ctx.past_releases
    env = RunEnv(ctx=ctx, extract_date=_extract_date(ctx, now), now=now, last_release_at=_last_release_at(past))
    started = time.perf_counter()
    results, profiles, rows = run_suite(suite, env)
    seconds = time.perf_counter() - started
    blocked = bool(gate.blocking(results))
    return QualityReport(
        spec=ctx.spec,
        results=results,
        profiles=profiles,
        scores=score(results, blocked),
        rows=rows,
        evaluated_at=now,
        extract_date=env.extract_date,
        source={
            "file": ctx.extract.name,
            "sha256": ctx.source_sha256,
            "bytes": ctx.source_bytes,
            "rows": ctx.source_rows,
            "encoding": ctx.source_encoding,
            "format": ctx.extract.suffix.lstrip(".").lower(),
            "columns": len(ctx.source_columns),
            "undeclared_columns": len(ctx.undeclared_columns),
            "manifest": ctx.manifest is not None,
        },
        history=past,
        expectation_suite=gx_suite.expectation_suite(suite),
        seconds=seconds,
        unused_accepts=_unused(suite, results),
    )
