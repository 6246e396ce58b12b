"""Republish a withdrawn dataset (开放办法 §17): desensitize the stored extract again, under the current spec.

The extract is read where the department left it (the path recorded in the registry), never from a
copy under the home directory, which holds no raw personal data. Its sha256 must still be the one
recorded at publication: republishing is a new masking of the *same* data, not new data. The new
version names the withdrawn one in `replaces` (provenance.json, registry, catalog).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from desensitize.operators.registry import OPERATORS
from pipelines.core.errors import GateBlocked, InputError, OpendataError
from pipelines.core.home import Home
from pipelines.core.hashing import sha256_file
from pipelines.lifecycle.withdraw import complete_pending
from pipelines.runner.engine import Publisher
from pipelines.runner.publish import run_plain
from pipelines.runner.specs import load_spec
from pipelines.store import audit
from pipelines.store.releases import release_rows
from pipelines.core.spec.model import CatalogSpec


def withdrawn_to_republish(home: Home, dataset_id: str) -> dict[str, Any]:
    """The newest withdrawn version of the dataset that no later release replaces yet."""
    with audit.transaction(home) as con:
        rows = release_rows(con, dataset_id)
    if not rows:
        raise InputError(f"{dataset_id}: no such dataset in the registry of {home.root}")
    replaced = {r["replaces"] for r in rows if r.get("replaces")}
    candidates = [r for r in rows if r["status"] == "withdrawn" and r["version"] not in replaced]
    if candidates:
        return candidates[-1]
    pending = [r["version"] for r in rows if r["withdraw_requested_at"] and not r["withdraw_completed_at"]]
    if pending:
        raise InputError(
            f"{dataset_id}: the withdrawal of {', '.join(pending)} was interrupted; run `opendata withdraw` again first"
        )
    done = [f"{r['replaces']} → {r['version']}" for r in rows if r.get("replaces")]
    raise InputError(
        f"{dataset_id}: no withdrawn version awaits republication"
        + (f" (already republished: {', '.join(done)})" if done else " (withdraw a version first)")
    )


def field_still_let_through(spec: CatalogSpec, field: str) -> str | None:
    """Why the current spec still publishes `field` unchanged, or None when it no longer does."""
    try:
        f = spec.field(field)
    except KeyError:
        return None  # the column is no longer in the release
    if f.policy is None:
        return "it has no masking policy"
    cls = OPERATORS.get(f.policy.operator)
    if cls is not None and not cls.changes_value:
        return f"its policy is `{f.policy.operator}` (left unchanged)"
    return None


def check_republishable(old: dict[str, Any]) -> tuple[Path, Path]:
    """(spec path, extract path) once the stored extract and the current spec pass; raise otherwise."""
    dataset_id, version = old["dataset_id"], old["version"]
    source = Path(old["source_path"])
    if not source.is_file():
        raise InputError(f"{dataset_id}: the extract of {version} is gone from {source}; cannot republish")
    actual, _ = sha256_file(source)
    if actual != old["source_sha256"]:
        raise InputError(
            f"{dataset_id}: the extract {source} changed since {version} was published "
            f"(sha256 {old['source_sha256']} recorded, {actual} now); republish needs the same data",
            details=["publish the new extract as a normal release (opendata publish) instead"],
        )
    spec_path = Path(old["spec_path"])
    if not spec_path.is_file():
        raise InputError(f"{dataset_id}: the spec {spec_path} recorded for {version} is gone; cannot republish")
    spec = load_spec(spec_path)  # SpecError when the current spec is invalid
    if spec.id != dataset_id:
        raise InputError(f"{spec_path}: the spec now has id {spec.id!r}, not {dataset_id!r}")
    field = old.get("withdraw_field")
    if field:
        why = field_still_let_through(spec, field)
        if why:
            raise GateBlocked(
                f"{dataset_id}: {version} was withdrawn for column {field}, and the current spec still lets it "
                f"through: {why}",
                details=[f"set a masking policy for {field} in {spec_path} (drop, redact, partial_mask, generalize, ...) "
                         "or remove the field, then run republish again"],
            )
    return spec_path, source


def republish(home: Home, dataset_id: str, publish: Publisher = run_plain) -> Path:
    """Publish a new version replacing the newest withdrawn one; return its release folder.

    `publish` runs the publication: the plain runner by default (inside a flow, the release records
    that flow's run), or the CLI's engine choice, so republish runs where `opendata publish` would.
    """
    if not home.db_path.exists():
        raise InputError(f"no registry in {home.root}: nothing was ever published there")
    complete_pending(home)
    old = withdrawn_to_republish(home, dataset_id)
    try:
        spec_path, source = check_republishable(old)
    except OpendataError as exc:
        audit.record_event(
            home, "refusal", dataset_id=dataset_id, version=old["version"],
            details={"command": "republish", "error": type(exc).__name__, "exit_code": exc.exit_code, "message": exc.message},
        )
        raise
    # The publication audits itself: its steps, `publish` and `republish` land with the release.
    return publish(spec_path, source, home.root, replaces=old["version"], actor="republish")
