"""`authenticity.manifest`: The manifest exists, is a JSON object, and has sha256, rows, provider and extracted_at."""

from __future__ import annotations

from typing import Any

from pipelines.core.manifest import extracted_at
from pipelines.core.vocab import Dimension
from quality.check import RunEnv, TableCheck
from quality.checks.authenticity.common import rows_value
from quality.model import Outcome, PlannedCheck, Severity


REQUIRED_KEYS = ("sha256", "rows", "provider", "extracted_at")


class ManifestPresent(TableCheck):
    """The manifest exists, is a JSON object, and has sha256, rows, provider and extracted_at."""

    key = "authenticity.manifest"
    dimension = Dimension.AUTHENTICITY
    severity = Severity.WARNING
    title = "数据清单 manifest present and complete"
    template = "{problem}"

    def outcome(self, p: PlannedCheck, env: RunEnv, values: dict[str, Any]) -> Outcome:
        m = env.ctx.manifest
        if m is None:
            return Outcome(1, 1, details={"problem": env.ctx.manifest_problem or "no manifest"})
        missing = [k for k in REQUIRED_KEYS if k not in m]
        bad: list[str] = []
        if "sha256" in m and not isinstance(m["sha256"], str):
            bad.append("sha256")
        if "rows" in m and rows_value(m["rows"]) is None:
            bad.append("rows")
        if "provider" in m and not isinstance(m["provider"], str):
            bad.append("provider")
        if "extracted_at" in m and extracted_at(m) is None:
            bad.append("extracted_at")
        if missing or bad:
            parts = ([f"missing {', '.join(missing)}"] if missing else []) + (
                [f"malformed {', '.join(bad)}"] if bad else []
            )
            return Outcome(1, 1, details={"problem": "manifest " + "; ".join(parts)})
        return Outcome(0, 1, details={"problem": "manifest present and complete"})
