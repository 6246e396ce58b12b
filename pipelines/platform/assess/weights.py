"""Weights, grade thresholds and targets of the assessment, from a YAML the commission edits.

The shipped default (`weights.yaml` beside this file) documents each number and its article. A file
with a bad value is refused with `FILE:LINE: message` (exit 1), before any score is computed.
"""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from pipelines.core.errors import InputError
from pipelines.core.spec.yaml_lines import YamlDocument, error_line

ENV_WEIGHTS = "OPENDATA_ASSESS_WEIGHTS"
DIMENSIONS = ("catalog", "opening", "desensitization", "quality", "responsiveness", "use")
DIMENSION_LABELS = {
    "catalog": "目录编制", "opening": "数据开放", "desensitization": "脱敏脱密审核",
    "quality": "数据质量", "responsiveness": "需求与异议答复", "use": "数据利用",
}
GRADES = ("优秀", "良好", "合格")
FAILED = "不合格"


class DimensionWeights(BaseModel):
    """Relative weight of each dimension (normalised to 100 when scoring)."""

    model_config = ConfigDict(extra="forbid")

    catalog: float = Field(ge=0)
    opening: float = Field(ge=0)
    desensitization: float = Field(ge=0)
    quality: float = Field(ge=0)
    responsiveness: float = Field(ge=0)
    use: float = Field(ge=0)

    @model_validator(mode="after")
    def _some_weight(self) -> DimensionWeights:
        if sum(self.as_dict().values()) <= 0:
            raise ValueError("at least one weight must be above 0")
        return self

    def as_dict(self) -> dict[str, float]:
        """{dimension: weight} in the order of DIMENSIONS."""
        return {d: float(getattr(self, d)) for d in DIMENSIONS}


class GradeThresholds(BaseModel):
    """The lowest total score of 优秀, 良好 and 合格 (考核办法 §14); lower is 不合格."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    excellent: float = Field(alias="优秀", ge=0, le=100)
    good: float = Field(alias="良好", ge=0, le=100)
    passing: float = Field(alias="合格", ge=0, le=100)

    @model_validator(mode="after")
    def _descending(self) -> GradeThresholds:
        if not self.excellent > self.good > self.passing:
            raise ValueError("thresholds must fall: 优秀 > 良好 > 合格")
        return self

    def grade(self, score: float) -> str:
        """The grade of a total score."""
        if score >= self.excellent:
            return "优秀"
        if score >= self.good:
            return "良好"
        if score >= self.passing:
            return "合格"
        return FAILED


class Targets(BaseModel):
    """What counts as full marks where the data gives no natural 100 %."""

    model_config = ConfigDict(extra="forbid")

    downloads_per_dataset: float = Field(10, gt=0)


class AssessmentConfig(BaseModel):
    """The whole weights file."""

    model_config = ConfigDict(extra="forbid")

    weights: DimensionWeights
    grades: GradeThresholds
    targets: Targets = Field(default_factory=Targets)


def default_path() -> Path:
    """The shipped weights file."""
    return Path(str(resources.files("pipelines.platform.assess") / "weights.yaml"))


def load_config(path: Path | None = None) -> tuple[AssessmentConfig, Path]:
    """The config from `path`, else `$OPENDATA_ASSESS_WEIGHTS`, else the shipped default."""
    chosen = path or (Path(os.environ[ENV_WEIGHTS]) if os.environ.get(ENV_WEIGHTS, "").strip() else default_path())
    try:
        text = chosen.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{chosen}: cannot read the weights file ({exc.__class__.__name__})") from None
    try:
        doc = YamlDocument(text)
    except yaml.YAMLError as exc:
        line = error_line(exc)
        raise InputError(f"{chosen}:{line}: not valid YAML") from None
    if not isinstance(doc.data, dict):
        raise InputError(f"{chosen}:1: the weights file must be a mapping with weights and grades")
    try:
        return AssessmentConfig.model_validate(doc.data), chosen
    except ValidationError as exc:
        lines = []
        for err in exc.errors():
            loc = tuple(p for p in err["loc"] if not (isinstance(p, str) and p.startswith("function-")))
            where = ".".join(str(p) for p in loc)
            msg = str(err["msg"]).removeprefix("Value error, ")
            if err["type"] == "extra_forbidden":
                msg = "unknown key (check its spelling)"
            lines.append(f"{chosen}:{doc.line_of(loc)}: {where + ': ' if where else ''}{msg}")
        # The first problem is the message (one line); the rest follow as details.
        raise InputError(lines[0], details=lines[1:]) from None
