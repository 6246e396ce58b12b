"""`authenticity.sha256`: The sha256 in the manifest is the sha256 of the extract's bytes."""

from __future__ import annotations

from typing import Any

from pipelines.core.vocab import Dimension
from quality.check import RunEnv, TableCheck
from quality.model import Outcome, PlannedCheck, Severity


class ManifestSha256(TableCheck):
    """The sha256 in the manifest is the sha256 of the extract's bytes."""

    key = "authenticity.sha256"
    dimension = Dimension.AUTHENTICITY
    severity = Severity.CRITICAL
    title = "数据指纹 sha256 matches the bytes"
    template = "manifest sha256 {claimed}… vs extract {actual}…"

    def outcome(self, p: PlannedCheck, env: RunEnv, values: dict[str, Any]) -> Outcome:
        m = env.ctx.manifest or {}
        claimed = m.get("sha256")
        if not isinstance(claimed, str):
            return Outcome.skipped("no sha256 in the manifest")
        ok = claimed.strip().lower() == env.ctx.source_sha256.lower()
        # Hash prefixes identify the files without being data.
        return Outcome(0 if ok else 1, 1, details={"claimed": claimed.strip()[:12], "actual": env.ctx.source_sha256[:12]})
