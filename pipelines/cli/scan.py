"""`opendata scan EXTRACT [--draft-spec OUT.yaml] [--json]`: print what personal data an extract holds."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from desensitize.scan import draft_spec_yaml, render_scan_table, scan_json
from pipelines.runner.scan import scan_extract


def scan_command(extract: Path, draft_spec: Path | None, as_json: bool) -> int:
    """Print the table (or JSON), write the draft spec if asked; exit code."""
    from rich.console import Console  # in-function: only the table output needs it

    result = scan_extract(extract)
    if as_json:
        sys.stdout.write(json.dumps(scan_json(result), ensure_ascii=False, indent=2) + "\n")
    else:
        console = Console()
        console.print(render_scan_table(result, console.width))
    if draft_spec is not None:
        draft_spec.parent.mkdir(parents=True, exist_ok=True)
        draft_spec.write_text(draft_spec_yaml(result, extract, draft_spec), encoding="utf-8")
        (sys.stderr if as_json else sys.stdout).write(f"draft spec written to {draft_spec}\n")
    return 0
