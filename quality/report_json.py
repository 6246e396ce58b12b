"""`quality.json`: the contract of DESIGN.md §5 plus what the HTML page and analysts need.

Contract keys: `dimensions.{DIM}.score` (0..1, or null when nothing of that dimension could be
evaluated) and `checks[]` with `check`, `dimension`, `column`, `failed`, `total`, `severity`.
Added: per-check `title`, `note`, `ratio`, `rows` (first failing row numbers), `examples` (masked),
`accepted`; `overall` {score, grade}; `publishable` and `blocking`; the column profile; the trend
of earlier releases; and the generated Great Expectations suite. Only counts, row numbers, masked
values and spec-declared facts appear — never a raw cell value.
"""

from __future__ import annotations

from typing import Any

from quality.gate import describe
from quality.model import CheckResult
from quality.run import QualityReport

SCHEMA = "opendata.quality/1"


def check_json(r: CheckResult) -> dict[str, Any]:
    """One check result as JSON."""
    out: dict[str, Any] = {
        "check": r.planned.key,
        "dimension": r.planned.dimension.value,
        "column": r.planned.column,
        "failed": r.failed,
        "total": r.total,
        "severity": r.planned.severity.value,
        "title": r.title,
        "ratio": None if r.ratio is None else round(r.ratio, 6),
        "note": r.note,
        "rows": list(r.outcome.rows),
        "examples": list(r.examples),
        "blocking": r.blocking,
    }
    if r.accepted is not None:
        out["accepted"] = r.accepted
    return out


def to_json(report: QualityReport) -> dict[str, Any]:
    """The whole report as a JSON-ready dict."""
    s = report.scores
    return {
        "schema": SCHEMA,
        "dataset": report.spec.id,
        "title": report.spec.title,
        "provider": report.spec.provider.department,
        "evaluated_at": report.evaluated_at.isoformat(timespec="seconds"),
        "extract_date": report.extract_date.isoformat(),
        "engine": "duckdb-sql",
        "seconds": round(report.seconds, 3),
        "source": report.source,
        "rows": report.rows,
        "dimensions": {
            d.dimension.value: {
                "score": d.score,
                "label": d.dimension.label,
                "checks": d.checks,
                "failed_checks": d.failed_checks,
                "evaluated": d.evaluated,
                "conforming": d.conforming,
            }
            for d in s.dimensions
        },
        "overall": {"score": s.overall, "grade": s.grade, "grade_en": s.grade_en},
        "publishable": report.publishable,
        "blocking": [
            {"check": r.planned.key, "column": r.planned.column, "failed": r.failed, "total": r.total,
             "severity": r.planned.severity.value, "message": describe(r)}
            for r in report.blocking
        ],
        "checks": [check_json(r) for r in report.results],
        "accepts_unused": report.unused_accepts,
        "columns": [
            {
                "column": p.column, "label": p.label, "type": p.type, "pii": p.pii,
                "nulls": p.nulls, "null_rate": round(p.null_rate, 6),
                **({"top_values": [{"value": v, "rows": n} for v, n in p.top], "other_rows": p.other} if p.top is not None else {}),
                **({"notes": p.notes} if p.notes else {}),
            }
            for p in report.profiles
        ],
        "trend": [
            {"version": h.version, "published_at": h.published_at.isoformat(timespec="seconds"), "status": h.status,
             "overall": h.overall, "grade": h.grade, "dimensions": h.dimensions}
            for h in report.history
        ],
        "expectation_suite": report.expectation_suite,
    }
