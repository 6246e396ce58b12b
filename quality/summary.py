"""A quality report (quality.json) as console tables: scores by dimension, failed checks, the gate."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table

_SEVERITY_STYLE = {"critical": "bold red", "error": "red", "warning": "yellow"}


def print_summary(console: Console, q: dict[str, Any]) -> None:
    """Print a quality.json report as tables: scores by dimension, failed checks, the gate."""
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
