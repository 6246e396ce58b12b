"""Publishing what is already published is a no-op: same extract bytes, same spec, same code.

A scheduled run (or a user re-running `publish`) on an extract nobody changed used to write a new,
byte-identical version. Before any step runs, the newest release of the dataset is compared with
this run: if it is still published and came from the same spec bytes, the same code version and an
extract of the same size and sha256, nothing is written but an audit entry (`publish_unchanged`) that
records the attempt, and the run reports that release. `--force` publishes a new version anyway.

The extract is hashed only when everything cheaper already matches, so a changed dataset pays
nothing for the check.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipelines.core.errors import OpendataError
from pipelines.core.hashing import sha256_file
from pipelines.core.home import Home
from pipelines.core.versions import code_version
from pipelines.store.audit import record_event
from pipelines.store.releases import list_releases

EVENT = "publish_unchanged"


@dataclass(frozen=True)
class SameRelease:
    """The published release this run would repeat."""

    dataset_id: str
    version: str
    folder: Path
    source_sha256: str


class Unchanged(OpendataError):
    """Nothing to publish: the newest release already holds this extract under this spec and code (exit 0)."""

    exit_code = 0

    def __init__(self, same: SameRelease) -> None:
        super().__init__(
            f"unchanged: {same.dataset_id} {same.version} already holds these extract bytes "
            f"(sha256 {same.source_sha256[:12]}…) under the same spec and code; nothing published "
            "(publish --force writes a new version anyway)"
        )
        self.same = same


def _provenance(folder: Path) -> dict[str, Any]:
    try:
        data = json.loads((folder / "provenance.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def same_release(dataset_id: str, spec_path: Path, extract: Path, home: Home) -> SameRelease | None:
    """The newest release of `dataset_id` when this run would publish exactly it again, else None."""
    releases = list_releases(home, dataset_id)
    if not releases or not extract.is_file():
        return None
    newest = releases[-1]
    # A withdrawn newest version means the published data changed (it was taken down): publish.
    if newest["status"] != "published" or newest["spec_sha256"] != hashlib.sha256(spec_path.read_bytes()).hexdigest():
        return None
    folder = home.root / str(newest["path"])
    prov = _provenance(folder)
    if prov.get("code_version") != code_version() or (prov.get("source") or {}).get("bytes") != extract.stat().st_size:
        return None
    if sha256_file(extract)[0] != newest["source_sha256"]:
        return None
    return SameRelease(dataset_id, str(newest["version"]), folder, str(newest["source_sha256"]))


def record_unchanged(home: Home, same: SameRelease, spec_path: Path, extract: Path, flow_run_id: str | None = None) -> None:
    """Audit the attempt (who, when, which files), so the registry shows the dataset was checked."""
    record_event(
        home, EVENT, dataset_id=same.dataset_id, version=same.version,
        details={"spec_file": spec_path.name, "source_file": extract.name, "source_sha256": same.source_sha256,
                 "flow_run_id": flow_run_id},
    )


def refuse_if_unchanged(
    dataset_id: str, spec_path: Path, extract: Path, home: Home, *, force: bool, replaces: str | None,
    flow_run_id: str | None = None,
) -> None:
    """Raise Unchanged (after auditing the attempt) when this run would repeat the newest release."""
    if force or replaces:
        return  # asked for, or a republication, which always writes a replacing version
    same = same_release(dataset_id, spec_path, extract, home)
    if same is not None:
        record_unchanged(home, same, spec_path, extract, flow_run_id)
        raise Unchanged(same)


def refuse_if_spec_unchanged(
    spec_path: Path, extract: Path | None, home: Path | str | None, *, force: bool, replaces: str | None
) -> None:
    """`refuse_if_unchanged` for a spec file and an optional extract, before an engine is started.

    The Prefect engine calls this first: a no-op needs no flow run (and no Prefect API started).
    """
    from pipelines.runner.specs import load_spec  # in-function: loading specs imports the masking registry

    loaded = load_spec(spec_path)
    source = (extract or loaded.source_path(spec_path)).resolve()
    refuse_if_unchanged(loaded.id, spec_path.resolve(), source, Home.resolve(home), force=force, replaces=replaces)
