"""The engine choice: run a publication through the Prefect flows of flows.py, or plain.

The engine is `prefect` (default: the flows of flows.py, with retries, run ids and, when
PREFECT_API_URL is set, the Prefect UI) or `plain` (`OPENDATA_ENGINE=plain`: the same steps without
Prefect). Prefect and flows.py are imported only inside these functions, so `opendata --help` stays fast.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pipelines.core.errors import SpecError
from pipelines.core.home import Home

if TYPE_CHECKING:
    from pipelines.runner.prefect_env import ConfiguredApi, LocalApi


def engine() -> str:
    """`prefect` (default) runs the Prefect flow; `plain` runs the same steps without Prefect."""
    return os.environ.get("OPENDATA_ENGINE", "prefect")


def _start_prefect() -> LocalApi | ConfiguredApi | None:
    """Prepare Prefect for this process; None (with a warning) when its API cannot be started."""
    # In-function imports: Prefect takes seconds to import, and `opendata --help` must stay fast.
    from pipelines.runner.prefect_env import PrefectUnavailable, prefect_api

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
    # In-function imports: the steps and the name dictionaries are slow to load; only a publication needs them.
    from desensitize.detect.names import common_words, given_name_chars, surnames
    from pipelines.runner.steps import PUBLISH_STEPS, resolve

    for _, target in PUBLISH_STEPS:
        resolve(target)
    surnames()
    given_name_chars()
    common_words()  # jieba's dictionary, the slowest to load


def publish_one(spec: Path, extract: Path | None, home: Path | None, *, replaces: str | None = None, actor: str = "cli") -> Path:
    """Publish through the configured engine; return the release folder."""
    api = _start_prefect() if engine() != "plain" else None
    if api is not None:
        from flows import publish_dataset  # in-function: flows imports Prefect (slow start-up)

        home_dir = str(Home.resolve(home).root)
        with api.run_context():
            return Path(publish_dataset(str(spec), str(extract) if extract else None, home_dir, replaces, actor))
    from pipelines.runner.publish import run_plain  # in-function: keeps `opendata --help` fast

    return run_plain(spec, extract, home, replaces=replaces, actor=actor)


def publish_catalog(home: Path | None, catalog: Path = Path("catalog_specs")) -> list[dict[str, Any]]:
    """Publish every valid spec of `catalog` that is not not-open; return one outcome per dataset.

    Invalid specs raise SpecError before anything runs. With Prefect the datasets run in parallel
    (the `publish-all` flow); plain runs them in turn.
    """
    from pipelines.runner.publish import plan_all, publish_each_plain  # in-function: keeps `opendata --help` fast

    todo, known = plan_all(catalog)
    invalid = [r for r in known if r["status"] == "error"]
    if invalid:
        details = [line.strip() for r in invalid for line in r["message"].splitlines()[1:]]
        raise SpecError("invalid catalog specs; fix them first (opendata catalog validate)", details=details)
    home_dir = str(Home.resolve(home).root)
    api = _start_prefect() if engine() != "plain" else None
    if api is not None:
        from flows import publish_all  # in-function: flows imports Prefect (slow start-up)

        with api.run_context():
            return publish_all(str(catalog), home_dir)
    return known + publish_each_plain(todo, home_dir)
