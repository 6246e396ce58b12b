"""Scores per dimension, overall score and grade.

Following GB/T 36344, each check is an indicator scored as the ratio of conforming to evaluated
items (rows, cells, columns or, for a table-level check, 1). A dimension's score is the mean of its
evaluated checks' ratios — equal weight per check, so a one-item check such as the manifest's
sha256 is not drowned by a million-cell one — and the overall score is the mean of the evaluated
dimensions. A dimension with nothing evaluated has score `null` and is left out of the overall.

Grades follow the four levels of the assessment measures (考核办法): 优秀 ≥ 0.95, 良好 ≥ 0.85,
合格 ≥ 0.70, else 不合格; a report whose gate is closed is 不合格 whatever its score.
"""

from __future__ import annotations

from dataclasses import dataclass

from pipelines.core.vocab import Dimension
from quality.model import CheckResult

GRADES: tuple[tuple[float, str, str], ...] = (
    (0.95, "优秀", "excellent"),
    (0.85, "良好", "good"),
    (0.70, "合格", "pass"),
    (0.0, "不合格", "fail"),
)


@dataclass(frozen=True)
class DimensionScore:
    """One dimension's score and the counts it rests on."""

    dimension: Dimension
    score: float | None
    checks: int  # evaluated checks
    failed_checks: int
    evaluated: int  # items, summed over checks
    conforming: int


@dataclass(frozen=True)
class Scores:
    """All dimension scores, the overall score and the grade."""

    dimensions: list[DimensionScore]
    overall: float | None
    grade: str
    grade_en: str


def grade_of(score: float | None, blocked: bool) -> tuple[str, str]:
    """The grade (Chinese, English) of an overall score."""
    if blocked or score is None:
        return GRADES[-1][1], GRADES[-1][2]
    for threshold, zh, en in GRADES:
        if score >= threshold - 1e-12:
            return zh, en
    return GRADES[-1][1], GRADES[-1][2]


def score(results: list[CheckResult], blocked: bool) -> Scores:
    """Score the results of one evaluation."""
    dims: list[DimensionScore] = []
    for dim in Dimension:
        mine = [r for r in results if r.planned.dimension is dim and r.total > 0]
        ratios = [r.ratio for r in mine if r.ratio is not None]
        dims.append(
            DimensionScore(
                dimension=dim,
                score=round(sum(ratios) / len(ratios), 6) if ratios else None,
                checks=len(mine),
                failed_checks=sum(1 for r in mine if r.failed),
                evaluated=sum(r.total for r in mine),
                conforming=sum(r.total - r.failed for r in mine),
            )
        )
    evaluated = [d.score for d in dims if d.score is not None]
    overall = round(sum(evaluated) / len(evaluated), 6) if evaluated else None
    zh, en = grade_of(overall, blocked)
    return Scores(dims, overall, zh, en)
