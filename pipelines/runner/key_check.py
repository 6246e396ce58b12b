"""Refuse to serve deployments that would need the pseudonym key when no key is readable.

Checked once when `python flows.py serve` starts: otherwise every scheduled run of such a dataset
would fail at its masking stage, each with a traceback in the serve log, long after whoever started
it left.
"""

from __future__ import annotations

from pathlib import Path

from desensitize.keys import load_key
from desensitize.operators.apply import resolve_policies
from pipelines.core.errors import GateBlocked, OpendataError
from pipelines.core.home import Home
from pipelines.runner.publish import plan_all


def datasets_needing_key(catalog: str | Path) -> list[str]:
    """Ids of the publishable specs under `catalog` that pseudonymize or fake a column."""
    todo, _ = plan_all(Path(catalog))
    return [spec.id for _, spec in todo if any(p.operator is not None and p.operator.needs_key for p in resolve_policies(spec))]


def refuse_without_key(catalog: str | Path = "catalog_specs", home: str | Path | None = None) -> None:
    """Raise OpendataError (one line) when a spec to serve needs the pseudonym key and none is readable."""
    needing = datasets_needing_key(catalog)
    if not needing:
        return
    try:
        load_key(Home.resolve(home).root)
    except GateBlocked as exc:
        raise OpendataError(f"not serving: {', '.join(needing)} need(s) the pseudonym key, but {exc.message}") from None
