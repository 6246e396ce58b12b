"""`opendata catalog export --format cn-catalog`: the national data-resource catalog as Excel or JSON."""

from __future__ import annotations

import sys
from pathlib import Path

from pipelines.core.errors import SpecError
from pipelines.core.home import Home

FORMATS = ("cn-catalog",)


def export_command(fmt: str, out: Path | None, specs: Path, home: Path | None) -> int:
    """Validate the specs, build the export and write it to `out` (.xlsx or .json) or print the JSON."""
    from pipelines.core.spec.validate import validate_paths
    from pipelines.store.cn_catalog import build_records, to_json, write_json, write_xlsx

    # Bad usage exits 1 like bad input (DESIGN.md §5), not click's 2, which means a gate blocked.
    if fmt not in FORMATS:
        print(f"error: unknown export format {fmt!r} (one of: {', '.join(FORMATS)})", file=sys.stderr)
        return 1
    if out is not None and out.suffix.lower() not in (".xlsx", ".json"):
        print(f"error: --out {out}: give a .xlsx or .json file", file=sys.stderr)
        return 1
    valid, problems = validate_paths([specs])
    if not problems:
        records, problems = build_records(valid, Home.resolve(home))
    if problems:
        raise SpecError(f"{specs}: {len(problems)} problem(s) keep the catalog from export", details=[str(p) for p in problems])
    if out is None:
        sys.stdout.write(to_json(records))
        return 0
    written = write_xlsx(records, out) if out.suffix.lower() == ".xlsx" else write_json(records, out)
    print(f"{len(records)} resource(s), {sum(len(r['信息项']) for r in records)} item(s) → {written}")
    return 0
