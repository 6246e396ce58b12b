"""The engine choice: run publications through Prefect (the flows of flows.py) or plain.

The engine is `prefect` (default: the flows of flows.py, with retries, run ids and, when
PREFECT_API_URL is set, the Prefect UI) or `plain` (`OPENDATA_ENGINE=plain`: the same stages without
Prefect). `start_prefect` prepares Prefect's API for this process (a private one unless one is
configured); the caller, which may import flows.py, then runs the flow inside `api.run_context()`.
Prefect is imported only inside these functions, so `opendata --help` stays fast.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from pipelines.runner.prefect_env import ConfiguredApi, LocalApi

ENGINE_ENV = "OPENDATA_ENGINE"


class Publisher(Protocol):
    """Something that publishes one spec and returns the release folder (`run_plain`, the CLI's engine choice)."""

    def __call__(
        self, spec: Path, extract: Path | None, home: Path | None, /, *, replaces: str | None = ..., actor: str = ...
    ) -> Path: ...


def engine() -> str:
    """`prefect` (default) runs the Prefect flow; `plain` runs the same stages without Prefect."""
    return os.environ.get(ENGINE_ENV, "prefect")


def start_prefect() -> LocalApi | ConfiguredApi | None:
    """Prepare Prefect for this process; None (with a warning) when its API cannot be started.

    Prefect and every stage are imported while the private API server starts: the two overlap.
    """
    from pipelines.runner.prefect_env import PrefectUnavailable, prefect_api  # in-function: Prefect is slow to import

    api = prefect_api()
    import prefect  # noqa: F401  # in-function, and imported while the API server starts: the two overlap

    warm_up()
    try:
        api.wait_ready()
    except PrefectUnavailable as exc:
        print(f"warning: {exc}; publishing without Prefect (OPENDATA_ENGINE=plain)", file=sys.stderr)
        return None
    return api


def warm_up() -> None:
    """Import every stage and load the name dictionaries and the name model now, while the private API server
    starts.

    The server takes seconds to start on one core; this uses the other, and the flow's stages then
    find everything loaded (about 1-2 s less per run, measured; the name model's weights and gate, read by the
    first text the detector reads in a process, another 0.6 s).
    """
    # In-function imports: the stages and the name dictionaries are slow to load; only a publication needs them.
    from desensitize.detect.text import TextDetector
    from pipelines.runner.prefect_tasks import stage_task  # noqa: F401  (the task wrapper the flow uses)
    from pipelines.runner.steps import publish_stages  # in-function: the stages are slow to import

    publish_stages()
    # One remark read loads what every detector of this process shares: the surnames, the given names' characters,
    # jieba's dictionary (the slowest), the name model's weights and its gate.
    TextDetector().find_many(["经王志强核实，情况属实。"])
