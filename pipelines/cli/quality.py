"""`opendata quality EXTRACT --spec SPEC [--out DIR] [--html OUT] [--home DIR]`: check without publishing.

Returns 0 when the extract could be published, 2 when the gate would block it. InputError and
SpecError propagate (the CLI maps them to exit 1). Nothing is written under the home directory;
the home is only read for the trend of earlier releases and the overdue check.
"""

from __future__ import annotations

import json
from pathlib import Path

from rich.console import Console

from pipelines.runner.quality_check import checked_extract
from quality.summary import print_summary

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
    with checked_extract(extract, spec_path, home) as checked:
        q, page = checked.quality, checked.html
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
        print_summary(console, q)
        if gx_docs is not None:
            index, sampled = checked.gx_data_docs(gx_docs)
            console.print(f"Great Expectations Data Docs (on a sample of {sampled:,} rows): {index}")
        return 0 if q["publishable"] else 2
