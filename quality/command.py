"""`opendata quality EXTRACT --spec SPEC [--out DIR] [--html OUT] [--home DIR]`: check without publishing.

Returns 0 when the extract could be published, 2 when the gate would block it. InputError and
SpecError propagate (the CLI maps them to exit 1). Nothing is written under the home directory;
the home is only read for the trend of earlier releases and the overdue check.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import duckdb
from rich.console import Console
from rich.table import Table

from pipelines.core.context import PublishContext
from pipelines.core.home import Home
from pipelines.ingest.step import ingest_step
from pipelines.core.spec.loader import load_spec
from quality.step import attach
from quality.suite import build_suite

_SEVERITY_STYLE = {"critical": "bold red", "error": "red", "warning": "yellow"}


def _summary(console: Console, q: dict[str, Any]) -> None:
    dims = Table(title=f"{q['title']} ({q['dataset']}) — {q['rows']:,} rows", show_lines=False)
    dims.add_column("dimension")
    dims.add_column("score", justify="right")
    dims.add_column("checks failed", justify="right")
    for name, d in q["dimensions"].items():
        score = "n/a" if d["score"] is None else f"{d['score'] * 100:.2f}%"
        dims.add_row(f"{d['label']} {name}", score, f"{d['failed_checks']}/{d['checks']}")
    overall = q["overall"]
    score = "n/a" if overall["score"] is None else f"{overall['score'] * 100:.2f}%"
    dims.add_row("[bold]overall[/bold]", f"[bold]{score}[/bold]", f"[bold]{overall['grade']}[/bold]")
    console.print(dims)
    failed = [c for c in q["checks"] if c["failed"]]
    if failed:
        t = Table(title="failed checks")
        for col in ("check", "column", "severity", "failed / total", "first rows"):
            t.add_column(col)
        for c in failed:
            sev = c["severity"] + (" (accepted)" if c.get("accepted") else "")
            t.add_row(c["check"], c["column"] or "—", f"[{_SEVERITY_STYLE[c['severity']]}]{sev}[/]",
                      f"{c['failed']:,} / {c['total']:,}", ", ".join(str(n) for n in c["rows"][:5]))
        console.print(t)
    if q["publishable"]:
        console.print("[green]quality gate open: the extract can be published[/green]")
    else:
        console.print("[bold red]quality gate closed: publication would be blocked by[/bold red]")
        for b in q["blocking"]:
            console.print(f"  {b['message']}", markup=False, highlight=False)


def quality_command(
    extract: Path,
    spec_path: Path,
    out: Path | None = None,
    html: Path | None = None,
    home: Path | None = None,
    gx_docs: Path | None = None,
    console: Console | None = None,
) -> int:
    """Check `extract` against its spec; write the reports where asked; 0 publishable, 2 blocked."""
    spec = load_spec(spec_path)
    suite = build_suite(spec)  # spec problems surface before the extract is read
    con = duckdb.connect()  # in memory: extract values never touch the disk here
    try:
        ctx = PublishContext(spec=spec, spec_path=Path(spec_path), extract=Path(extract), home=Home.resolve(home), con=con)
        ingest_step(ctx)
        attach(ctx, suite)
        q, page = ctx.quality or {}, ctx.quality_html or ""
        if out is not None:
            out.mkdir(parents=True, exist_ok=True)
            (out / "quality.json").write_text(json.dumps(q, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
            (out / "quality.html").write_text(page, encoding="utf-8")
            (out / "expectations.json").write_text(
                json.dumps(q["expectation_suite"], ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
            )
        if html is not None:
            html.parent.mkdir(parents=True, exist_ok=True)
            html.write_text(page, encoding="utf-8")
        console = console or Console()
        _summary(console, q)
        if gx_docs is not None:
            from quality.gx_suite import gx_frame, validate_with_gx

            frame = gx_frame(con, ctx.table, suite)
            _, index = validate_with_gx(frame, q["expectation_suite"], docs_dir=gx_docs, sampled=len(frame) < q["rows"])
            console.print(f"Great Expectations Data Docs (on a sample of {len(frame):,} rows): {index}")
        return 0 if q["publishable"] else 2
    finally:
        con.close()
