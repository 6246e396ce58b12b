"""`opendata publish SPEC` and `opendata publish --all`, through the engine the runner chooses.

With the `prefect` engine the publication is a run of the flows of flows.py (imported only then:
Prefect is slow to import); with `plain`, or when Prefect's API cannot start, the runner's plain path.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from pipelines.core.home import Home
from pipelines.runner.engine import engine, start_prefect


def publish_one(
    spec: Path, extract: Path | None, home: Path | None, *, replaces: str | None = None, actor: str = "cli",
    force: bool = False,
) -> Path:
    """Publish through the configured engine; return the release folder.

    Raises `Unchanged` when the newest release already holds this extract under this spec and code
    (unless `force`), before Prefect is started: a no-op needs no flow run.
    """
    if engine() != "plain":
        from pipelines.runner.unchanged import refuse_if_spec_unchanged  # in-function: keeps `opendata --help` fast

        refuse_if_spec_unchanged(spec, extract, home, replaces=replaces, force=force)
    api = start_prefect() if engine() != "plain" else None
    if api is not None:
        from flows import publish_dataset  # in-function: flows imports Prefect (slow start-up)

        home_dir = str(Home.resolve(home).root)
        with api.run_context():
            return Path(publish_dataset(str(spec), str(extract) if extract else None, home_dir, replaces, actor, force=force))
    from pipelines.runner.publish import run_plain  # in-function: keeps `opendata --help` fast

    return run_plain(spec, extract, home, replaces=replaces, actor=actor, force=force)


def publish_command(spec: Path, extract: Path | None, home: Path | None, force: bool = False) -> int:
    """Publish one spec; the release folder is the last line printed (the unchanged one for a no-op)."""
    from pipelines.runner.unchanged import Unchanged  # in-function: keeps `opendata --help` fast

    try:
        folder = publish_one(spec, extract, home, force=force)
    except Unchanged as same:
        print(same.message)
        folder = same.same.folder
    print(folder)
    return 0


def publish_all_command(home: Path | None, catalog: Path = Path("catalog_specs"), force: bool = False) -> int:
    """Publish every valid spec that is not not-open; report each; exit with the worst code.

    With Prefect the datasets run in parallel (the `publish-all` flow); plain runs them in turn.
    """
    from pipelines.runner.publish import plan_all, publish_each_plain, require_valid  # in-function: keeps `opendata --help` fast

    todo, known = plan_all(catalog)
    require_valid(known)
    home_dir = str(Home.resolve(home).root)
    api = start_prefect() if engine() != "plain" else None
    if api is not None:
        from flows import publish_all  # in-function: flows imports Prefect (slow start-up)

        with api.run_context():
            results = publish_all(str(catalog), home_dir, force=force)
    else:
        results = known + publish_each_plain(todo, home_dir, force=force)
    return report(results)


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
        elif r["status"] == "unchanged":
            print(f"{r['message']} → {r['release']}")
        else:
            worst = max(worst, int(r["exit_code"]) or 1)
            # Messages start with the dataset id already (they are also shown alone): say it once.
            message = str(r["message"]).removeprefix(f"{r['dataset_id']}: ")
            print(f"{r['status']} {r['dataset_id']}: {message}", file=sys.stderr)
    if last:
        print(last)
    return worst
