"""The quality step of the publication flow: evaluate, attach both reports, then apply the gate.

It runs after ingest and before masking, on the extract's own values. The reports are attached to
the context before the gate decides, so `opendata quality` can write them for a blocked extract;
in a publication a closed gate raises GateBlocked (exit 2) and the release writer never runs.
"""

from __future__ import annotations

from typing import Any

from pipelines.core.context import PublishContext
from pipelines.core.results import QualityResult
from pipelines.core.stage import Stage
from quality import gate
from quality.report_html import render_html
from quality.report_json import to_json
from quality.run import QualityReport, evaluate
from quality.suite import Suite


def attach(ctx: PublishContext, suite: Suite | None = None) -> QualityReport:
    """Evaluate the working table and set `ctx.quality` (quality.json and quality.html); never raises on bad data."""
    report = evaluate(ctx, suite=suite)
    document = to_json(report)
    ctx.quality = QualityResult(report=document, html=render_html(document))
    warned = [r for r in report.results if r.failed and not r.blocking]
    if warned:
        ctx.warnings.append(
            f"quality: {len(warned)} non-blocking check(s) failed: " + ", ".join(
                f"{r.planned.key}" + (f"[{r.planned.column}]" if r.planned.column else "") for r in warned
            )
        )
    return report


def quality_step(ctx: PublishContext) -> None:
    """Evaluate the extract's quality and block publication on critical or unaccepted error failures."""
    report = attach(ctx)
    gate.enforce(ctx.spec.id, report.results)


def quality_summary(ctx: PublishContext) -> dict[str, Any]:
    """The audit details of a quality run: grade, scores and failed checks by severity."""
    q = ctx.quality or QualityResult(report={})
    return {"grade": q.grade, "overall": q.report.get("overall"), "scores": q.scores, "checks_failed": q.checks_failed}


STAGE = Stage(name="quality", run=quality_step, event="quality", summary=quality_summary)
