"""`authenticity.provider`: The manifest names the spec's provider department."""

from __future__ import annotations

from typing import Any

from pipelines.core.vocab import Dimension
from quality.check import RunEnv, TableCheck
from quality.model import Outcome, PlannedCheck, Severity


class ManifestProvider(TableCheck):
    """The manifest names the spec's provider department."""

    key = "authenticity.provider"
    dimension = Dimension.AUTHENTICITY
    severity = Severity.CRITICAL
    title = "提供部门 provider is the spec's department"
    template = "manifest provider {claimed!r}, spec department {expected!r}"

    def outcome(self, p: PlannedCheck, env: RunEnv, values: dict[str, Any]) -> Outcome:
        claimed = (env.ctx.manifest or {}).get("provider")
        if not isinstance(claimed, str):
            return Outcome.skipped("no provider in the manifest")
        expected = env.spec.provider.department
        # Department names are public, so both may be shown; cut to keep the note short.
        return Outcome(
            0 if claimed.strip() == expected.strip() else 1, 1, details={"claimed": claimed.strip()[:60], "expected": expected}
        )
