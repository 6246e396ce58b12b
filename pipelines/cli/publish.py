"""`opendata publish SPEC` and `opendata publish --all`.

The engine is `prefect` (default: the flows of flows.py, with retries, run ids and, when
PREFECT_API_URL is set, the Prefect UI) or `plain` (`OPENDATA_ENGINE=plain`: the same steps without
Prefect). Prefect is imported only here, inside the command, so `opendata --help` stays fast.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pipelines.errors import SpecError
from pipelines.home import Home

if TYPE_CHECKING:
    from pipelines.cli.prefect_env import ConfiguredApi, LocalApi


def engine() -> str:
    """`prefect` (default) runs the Prefect flow; `plain` runs the same steps without Prefect."""
    return os.environ.get("OPENDATA_ENGINE", "prefect")


def _start_prefect() -> LocalApi | ConfiguredApi | None:
    """Prepare Prefect for this process; None (with a warning) when its API cannot be started."""
    from pipelines.cli.prefect_env import PrefectUnavailable, prefect_api

    api = prefect_api()
    import flows  # noqa: F401  # imported while the private API server starts: the two overlap

    _warm_up()
    try:
        api.wait_ready()
    except PrefectUnavailable as exc:
        print(f"warning: {exc}; publishing without Prefect (OPENDATA_ENGINE=plain)", file=sys.stderr)
        return None
    return api


def _warm_up() -> None:
    """Import every step and load the name dictionaries now, while the private API server starts.

    The server takes seconds to start on one core; this uses the other, and the flow's steps then find
    everything loaded (about 1-2 s less per run, measured).
    """
    from desensitize.detect.names import common_words, given_name_chars, surnames
    from pipelines.steps import PUBLISH_STEPS, resolve

    for _, target in PUBLISH_STEPS:
        resolve(target)
    surnames()
    given_name_chars()
    common_words()  # jieba's dictionary, the slowest to load


def publish_one(
    spec: Path, extract: Path | None, home: Path | None, *, replaces: str | None = None, actor: str = "cli",
    force: bool = False,
) -> Path:
    """Publish through the configured engine; return the release folder.

    Raises `Unchanged` when the newest release already holds this extract under this spec and code
    (unless `force`), before Prefect is started: a no-op needs no flow run.
    """
    if engine() != "plain":
        _refuse_if_unchanged(spec, extract, home, replaces=replaces, force=force)
    api = _start_prefect() if engine() != "plain" else None
    if api is not None:
        from flows import publish_dataset

        home_dir = str(Home.resolve(home).root)
        with api.run_context():
            return Path(publish_dataset(str(spec), str(extract) if extract else None, home_dir, replaces, actor, force=force))
    from pipelines.publish import run_plain

    return run_plain(spec, extract, home, replaces=replaces, actor=actor, force=force)


def _refuse_if_unchanged(spec: Path, extract: Path | None, home: Path | None, *, replaces: str | None, force: bool) -> None:
    from pipelines.spec.loader import load_spec
    from pipelines.unchanged import refuse_if_unchanged

    loaded = load_spec(spec)
    source = (extract or loaded.source_path(spec)).resolve()
    refuse_if_unchanged(loaded.id, spec.resolve(), source, Home.resolve(home), force=force, replaces=replaces)


def publish_command(spec: Path, extract: Path | None, home: Path | None, force: bool = False) -> int:
    """Publish one spec; the release folder is the last line printed (the unchanged one for a no-op)."""
    from pipelines.unchanged import Unchanged

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
    from pipelines.publish import plan_all, publish_each_plain

    todo, known = plan_all(catalog)
    invalid = [r for r in known if r["status"] == "error"]
    if invalid:
        details = [line.strip() for r in invalid for line in r["message"].splitlines()[1:]]
        raise SpecError("invalid catalog specs; fix them first (opendata catalog validate)", details=details)
    home_dir = str(Home.resolve(home).root)
    api = _start_prefect() if engine() != "plain" else None
    if api is not None:
        from flows import publish_all

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
