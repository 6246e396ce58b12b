"""真实性 authenticity: the department's manifest vouches for exactly these bytes, rows and provider.

A manifest that disagrees with the extract is critical (it cannot be accepted): the file is not
the one the department sent, or was cut or padded on the way. A *missing*, unreadable or incomplete
manifest is a `warning`: nothing can be verified either way, so the report shows authenticity as
unproven (that item scores 0 and lowers the grade) but publication goes on — departments without
manifest tooling can still publish, while a manifest that is present is always held to its word.
"""

from __future__ import annotations

from typing import Any

from pipelines.ingest.manifest import extracted_at
from pipelines.core.vocab import Dimension
from quality.model import Outcome, PlannedCheck, Severity
from quality.registry import RunEnv, TableCheck, register

REQUIRED_KEYS = ("sha256", "rows", "provider", "extracted_at")


def _rows_value(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return None


@register
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
        if "rows" in m and _rows_value(m["rows"]) is None:
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


@register
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


@register
class ManifestRows(TableCheck):
    """The row count in the manifest is the number of data rows read from the extract."""

    key = "authenticity.rows"
    dimension = Dimension.AUTHENTICITY
    severity = Severity.CRITICAL
    title = "记录数 row count matches"
    template = "manifest says {claimed} rows, the extract has {actual}"

    def outcome(self, p: PlannedCheck, env: RunEnv, values: dict[str, Any]) -> Outcome:
        claimed = _rows_value((env.ctx.manifest or {}).get("rows"))
        if claimed is None:
            return Outcome.skipped("no row count in the manifest")
        actual = env.ctx.source_rows
        return Outcome(0 if claimed == actual else 1, 1, details={"claimed": claimed, "actual": actual})


@register
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
