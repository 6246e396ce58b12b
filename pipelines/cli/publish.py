"""`opendata publish SPEC` and `opendata publish --all`: print what the runner's engine published."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from pipelines.runner.engine import publish_catalog, publish_one


def publish_command(spec: Path, extract: Path | None, home: Path | None) -> int:
    """Publish one spec; the release folder is the last line printed."""
    folder = publish_one(spec, extract, home)
    print(folder)
    return 0


def publish_all_command(home: Path | None, catalog: Path = Path("catalog_specs")) -> int:
    """Publish every valid spec that is not not-open; report each; exit with the worst code."""
    return report(publish_catalog(home, catalog))


def report(results: list[dict[str, Any]]) -> int:
    """Print one line per dataset (problems on stderr), the last release folder last; return the worst exit code."""
    worst = 0
    last: str | None = None
    for r in results:
        if r["status"] == "published":
            last = r["release"]
            print(f"published {r['dataset_id']} → {r['release']}")
        elif r["status"] == "skipped":
            print(f"skipped {r['dataset_id']}: {r['message']}")
        else:
            worst = max(worst, int(r["exit_code"]) or 1)
            print(f"{r['status']} {r['dataset_id']}: {r['message']}", file=sys.stderr)
    if last:
        print(last)
    return worst
