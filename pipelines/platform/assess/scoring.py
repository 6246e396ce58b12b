"""Scores 0–100 per dimension, the weighted total and the grade of each department (考核办法 §14).

A dimension with no evidence for a department (nothing it must open, no request received) is
`None`, shown as "不适用", and its weight is spread over the dimensions that have evidence: a
department is neither rewarded nor punished for what did not happen to it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from pipelines.platform.assess.evidence import DepartmentEvidence, year_end
from pipelines.platform.assess.weights import DIMENSIONS, AssessmentConfig
from pipelines.core.clock import SHANGHAI

# How old the newest release may be at the assessment date for the dataset to count as updated on
# its declared frequency (开放办法 §25), with a day's grace for a release run late that day.
FRESHNESS = {
    "realtime": timedelta(days=2), "daily": timedelta(days=2), "weekly": timedelta(days=8),
    "monthly": timedelta(days=32), "quarterly": timedelta(days=93), "semiannual": timedelta(days=184),
    "yearly": timedelta(days=367),
}
OPENABLE = ("general", "authorized")
# An answer given, but after the deadline, earns half: better than silence, worse than on time.
LATE_ANSWER_CREDIT = 0.5


@dataclass(frozen=True)
class DimensionScore:
    """One dimension of one department: the score (None = no evidence) and how it was reached."""

    score: float | None
    basis: str  # Chinese, for the report


@dataclass(frozen=True)
class DepartmentScore:
    """A department's total, grade and dimensions."""

    department: str
    score: float
    grade: str
    dimensions: dict[str, DimensionScore]

    def to_json(self) -> dict[str, Any]:
        """The JSON object of `assess --json`."""
        return {
            "department": self.department, "score": self.score, "grade": self.grade,
            "dimensions": {d: self.dimensions[d].score for d in DIMENSIONS},
            "basis": {d: self.dimensions[d].basis for d in DIMENSIONS},
        }


@dataclass(frozen=True)
class Assessment:
    """The year's scorecard."""

    year: int
    as_of: date
    departments: list[DepartmentScore]
    weights: dict[str, float]
    grades: dict[str, float]

    def to_json(self) -> dict[str, Any]:
        """{"year", "as_of", "weights", "grades", "departments": [...]}."""
        return {
            "year": self.year, "as_of": self.as_of.isoformat(), "weights": self.weights, "grades": self.grades,
            "departments": [d.to_json() for d in self.departments],
        }


def _pct(x: float) -> float:
    return round(100.0 * max(0.0, min(1.0, x)), 1)


def _end_of(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 23, 59, 59, tzinfo=SHANGHAI)


def catalog_score(ev: DepartmentEvidence) -> DimensionScore:
    """目录编制: half for a spec that passes validation, half for complete metadata."""
    n = len(ev.specs)
    valid = sum(s.valid for s in ev.specs)
    complete = sum(s.metadata_complete for s in ev.specs) / n
    return DimensionScore(_pct(0.5 * valid / n + 0.5 * complete), f"{valid}/{n} 份目录规范校验通过，元数据完整度 {complete:.0%}")


def _open_at(ev: DepartmentEvidence, dataset_id: str, moment: datetime) -> list[datetime]:
    """Publication times of the dataset's releases that were out at `moment`."""
    return sorted(
        r.published_at for r in ev.releases
        if r.dataset_id == dataset_id and r.published_at <= moment and (r.withdrawn_at is None or r.withdrawn_at > moment)
    )


def opening_score(ev: DepartmentEvidence, as_of: date) -> DimensionScore:
    """数据开放: 60 % datasets opened of those catalogued to open, 40 % updated on their frequency."""
    openable = [s for s in ev.specs if s.open_type in OPENABLE]
    if not openable:
        return DimensionScore(None, "无应开放的数据集（不适用）")
    moment = _end_of(as_of)
    opened = fresh = 0
    for s in openable:
        out = _open_at(ev, s.dataset_id, moment)
        if not out:
            continue
        opened += 1
        window = FRESHNESS.get(s.update_frequency or "")
        fresh += window is None or moment - out[-1] <= window  # irregular: any release on the platform counts
    n = len(openable)
    return DimensionScore(_pct(0.6 * opened / n + 0.4 * fresh / n), f"已开放 {opened}/{n}，按更新频度更新 {fresh}/{n}")


def desensitization_score(ev: DepartmentEvidence, year: int, as_of: date) -> DimensionScore:
    """脱敏脱密审核: share of the department's releases with no leak found in the year."""
    moment = _end_of(as_of)
    released = [r for r in ev.releases if r.published_at <= moment]
    if not released:
        return DimensionScore(None, "无已发布版本（不适用）")
    withdrawn = {(r.dataset_id, r.version) for r in released if r.withdrawn_at and r.withdrawn_at.year == year}
    leaks = withdrawn | ev.privacy_upheld
    return DimensionScore(
        _pct(1 - len(leaks) / len(released)),
        f"{len(released)} 个版本中撤回 {len(withdrawn)} 个，隐私异议成立 {len(ev.privacy_upheld)} 件",
    )


def quality_score(ev: DepartmentEvidence, year: int) -> DimensionScore:
    """数据质量: mean overall quality score of the releases published in the year."""
    scores = [r.quality for r in ev.releases if r.published_at.year == year and r.quality is not None]
    if not scores:
        return DimensionScore(None, "本年度无质量报告（不适用）")
    mean = sum(scores) / len(scores)
    return DimensionScore(_pct(mean), f"{len(scores)} 个版本质量得分均值 {mean:.2f}")


def responsiveness_score(ev: DepartmentEvidence, year: int, as_of: date) -> DimensionScore:
    """需求与异议答复: requests and objections received in the year and due by the assessment date.

    On time earns 1, late earns LATE_ANSWER_CREDIT, unanswered past the deadline earns 0; one not
    yet due is not counted.
    """
    counted = on_time = late = missing = 0
    for item in ev.items:
        if item.kind not in ("request", "objection") or item.received.year != year or item.received > as_of:
            continue
        if item.answered is not None and item.answered <= as_of:
            counted += 1
            if item.deadline.late(item.answered):
                late += 1
            else:
                on_time += 1
        elif item.deadline.due < as_of:
            counted += 1
            missing += 1
    if not counted:
        return DimensionScore(None, "本年度无到期的需求或异议（不适用）")
    return DimensionScore(
        _pct((on_time + LATE_ANSWER_CREDIT * late) / counted),
        f"{counted} 件中按期答复 {on_time}，逾期答复 {late}，逾期未答复 {missing}",
    )


def use_score(ev: DepartmentEvidence, as_of: date, target: float) -> DimensionScore:
    """数据利用: downloads and grants in the year per opened dataset, against the target."""
    moment = _end_of(as_of)
    opened = sum(1 for s in ev.specs if s.open_type in OPENABLE and _open_at(ev, s.dataset_id, moment))
    if not opened:
        return DimensionScore(None, "无已开放数据集（不适用）")
    uses = ev.downloads + ev.grants
    return DimensionScore(_pct(uses / (target * opened)), f"下载 {ev.downloads} 次，授权 {ev.grants} 件，已开放 {opened} 个数据集")


def score_department(ev: DepartmentEvidence, year: int, as_of: date, config: AssessmentConfig) -> DepartmentScore:
    """All six dimensions, the weighted total over those with evidence, and the grade."""
    dims = {
        "catalog": catalog_score(ev),
        "opening": opening_score(ev, as_of),
        "desensitization": desensitization_score(ev, year, as_of),
        "quality": quality_score(ev, year),
        "responsiveness": responsiveness_score(ev, year, as_of),
        "use": use_score(ev, as_of, config.targets.downloads_per_dataset),
    }
    weights = config.weights.as_dict()
    used = {d: w for d, w in weights.items() if dims[d].score is not None}
    total_weight = sum(used.values())
    total = sum(w * (dims[d].score or 0.0) for d, w in used.items()) / total_weight if total_weight else 0.0
    total = round(total, 1)
    return DepartmentScore(ev.department, total, config.grades.grade(total), dims)


def assess(evidence: dict[str, DepartmentEvidence], year: int, as_of: date, config: AssessmentConfig) -> Assessment:
    """Score every department; best first."""
    as_of = min(as_of, year_end(year))
    scores = [score_department(ev, year, as_of, config) for ev in evidence.values()]
    scores.sort(key=lambda d: (-d.score, d.department))
    weights = config.weights.as_dict()
    total = sum(weights.values())
    return Assessment(
        year, as_of, scores, {d: round(100 * w / total, 2) for d, w in weights.items()},
        {"优秀": config.grades.excellent, "良好": config.grades.good, "合格": config.grades.passing},
    )
