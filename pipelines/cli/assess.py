"""The CLI side of `opendata assess --year Y [--home DIR] [--out DIR] [--json]` (考核办法).

Without `--out` it only computes and prints. With `--out` it writes the HTML and XLSX reports and
publishes the scorecard (the portal shows the latest one).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from pipelines.core.errors import InputError
from pipelines.core.home import Home


def assess_command(year: int | None, home: Path | None, out: Path | None, as_json: bool, weights: Path | None, catalog: Path) -> int:
    """Score every department of the catalog for `year`; print a table or JSON; write reports to `out`."""
    from pipelines.platform.assess.evidence import gather
    from pipelines.platform.assess.scoring import assess
    from pipelines.platform.assess.weights import load_config
    from pipelines.platform.workdays import calendar_from_env, today

    if year is None:
        raise InputError("--year is required")
    now = today()
    if not 2000 <= year <= now.year:
        raise InputError(f"--year: {year} is not a year that can be assessed (2000–{now.year})")
    config, _ = load_config(weights)  # a bad weights file stops here, before any reading
    h = Home.resolve(home)
    result = assess(gather(h, catalog, year, calendar_from_env()), year, now, config)
    if out is not None:
        from pipelines.platform.assess.publish import publish_scorecard
        from pipelines.platform.assess.report_html import write_html
        from pipelines.platform.assess.report_xlsx import write_xlsx

        try:
            out.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise InputError(f"--out {out}: cannot create the folder ({exc.__class__.__name__})") from None
        html = write_html(result, out / f"assessment-{year}.html")
        xlsx = write_xlsx(result, out / f"assessment-{year}.xlsx")
        publish_scorecard(h, result)
        print(f"wrote {html}\nwrote {xlsx}\npublished the {year} scorecard", file=sys.stderr)
    if as_json:
        print(json.dumps(result.to_json(), ensure_ascii=False, indent=2))
        return 0
    from rich.console import Console
    from rich.table import Table

    from pipelines.platform.assess.weights import DIMENSION_LABELS, DIMENSIONS

    table = Table(title=f"{year} 年度考核（截至 {result.as_of}）")
    for col in ("部门", "总分", "等级", *(DIMENSION_LABELS[d] for d in DIMENSIONS)):
        table.add_column(col)
    for dep in result.departments:
        cells = ["—" if dep.dimensions[d].score is None else f"{dep.dimensions[d].score:.1f}" for d in DIMENSIONS]
        table.add_row(dep.department, f"{dep.score:.1f}", dep.grade, *cells)
    Console(width=200).print(table)
    return 0
