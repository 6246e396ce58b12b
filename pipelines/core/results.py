"""What stages hand to later stages and to the release metadata, read the same way everywhere.

Each result keeps the JSON the release files have always held (`as_json`), so provenance.json and
quality.json stay byte-identical while the stages read typed fields.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from pipelines.core.vocab import OpenType

ACCESS_RIGHTS = {OpenType.GENERAL: "public", OpenType.AUTHORIZED: "restricted", OpenType.NOT_OPEN: "non-public"}


@dataclass(frozen=True)
class PastRelease:
    """One earlier release of the dataset and the scores its quality report recorded (the trend)."""

    version: str
    published_at: datetime
    status: str
    overall: float | None
    grade: str | None
    dimensions: dict[str, float | None]


def failed_checks(quality: dict[str, Any]) -> dict[str, int]:
    """How many checks failed, by severity (counts only: the report itself is quality.json)."""
    counts: dict[str, int] = {}
    for check in quality.get("checks") or []:
        if isinstance(check, dict) and (check.get("failed") or 0) > 0:
            severity = str(check.get("severity", "unknown"))
            counts[severity] = counts.get(severity, 0) + 1
    return counts


@dataclass(frozen=True)
class QualityResult:
    """The quality stage's report: quality.json as a document, quality.html, and what others read of them."""

    report: dict[str, Any]  # quality.json (DESIGN.md §5), written as is into the release
    html: str = ""  # quality.html

    @property
    def grade(self) -> str | None:
        """The overall grade (优秀, 良好, 合格, 不合格)."""
        overall = self.report.get("overall")
        grade = self.report.get("grade") or (overall.get("grade") if isinstance(overall, dict) else None)
        return grade if isinstance(grade, str) else None

    @property
    def scores(self) -> dict[str, Any]:
        """Score by dimension."""
        dims = self.report.get("dimensions") or {}
        return {dim: info.get("score") for dim, info in dims.items() if isinstance(info, dict)}

    @property
    def checks_failed(self) -> dict[str, int]:
        """How many checks failed, by severity."""
        return failed_checks(self.report)


@dataclass(frozen=True)
class Tag:
    """The tag stage's decision: the release's open type, and whether its data is individual-level."""

    open_type: OpenType
    conditions: str | None  # open_conditions, for authorized-open data
    individual_level: bool
    individual_columns: list[str] = field(default_factory=list)
    basis: str = "spec"  # "masking" when the masking step reported it, else "spec"

    @property
    def access_rights(self) -> str:
        """DCAT access rights: public, restricted or non-public."""
        return ACCESS_RIGHTS[self.open_type]

    def as_json(self) -> dict[str, Any]:
        """The `open_type` object of provenance.json and datapackage.json."""
        return {
            "open_type": self.open_type.value,
            "label": self.open_type.label,
            "conditions": self.conditions,
            "access_rights": self.access_rights,
            "individual_level": self.individual_level,
            "individual_columns": self.individual_columns,
            "basis": self.basis,
        }


@dataclass
class MaskRecord:
    """What masking did to one column: the operator, its resolved parameters and counts, never a value.

    `type` is the release type when the masked values no longer fit the declared one;
    `k_anonymity_level` the generalization k-anonymity reached for a quasi-identifier.
    """

    column: str
    operator: str
    params: dict[str, Any]
    cells_changed: int
    rows_suppressed: int
    detections: dict[str, int]
    reason: str | None = None
    type: str | None = None
    k_anonymity_level: str | None = None
    # provenance.json lists `type` after `k_anonymity_level` when k-anonymity set it: kept so its bytes do not change.
    type_from_k_anonymity: bool = field(default=False, repr=False)

    def generalized(self, level: str, release_type: str | None) -> None:
        """Mark the level k-anonymity reached and, when the values became text, their new type."""
        self.k_anonymity_level = level
        if release_type is not None:
            self.type_from_k_anonymity = self.type is None
            self.type = release_type

    def as_json(self) -> dict[str, Any]:
        """The record as provenance.json holds it."""
        out: dict[str, Any] = {
            "column": self.column,
            "operator": self.operator,
            "params": self.params,
            "cells_changed": self.cells_changed,
            "rows_suppressed": self.rows_suppressed,
            "detections": self.detections,
        }
        if self.reason:
            out["reason"] = self.reason
        if self.type is not None and not self.type_from_k_anonymity:
            out["type"] = self.type
        if self.k_anonymity_level is not None:
            out["k_anonymity_level"] = self.k_anonymity_level
        if self.type is not None and self.type_from_k_anonymity:
            out["type"] = self.type
        return out

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> MaskRecord:
        """A record back from its JSON (as handed between scale-out workers)."""
        keys = list(data)
        late_type = "type" in data and "k_anonymity_level" in data and keys.index("type") > keys.index("k_anonymity_level")
        return cls(
            column=data["column"], operator=data["operator"], params=data.get("params") or {},
            cells_changed=int(data.get("cells_changed") or 0), rows_suppressed=int(data.get("rows_suppressed") or 0),
            detections=dict(data.get("detections") or {}), reason=data.get("reason"), type=data.get("type"),
            k_anonymity_level=data.get("k_anonymity_level"), type_from_k_anonymity=late_type,
        )
