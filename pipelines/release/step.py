"""The release step: write the folder atomically, record it with its audit trail, refresh the catalog."""

from __future__ import annotations

import shutil
import sys
from pipelines.core import clock
from pipelines.core.context import PublishContext
from pipelines.core.errors import GateBlocked, InputError
from pipelines.core.stage import Stage
from pipelines.store.db import connect
from pipelines.store.releases import get_release, record_release
from pipelines.release.writer import publish_folder
from pipelines.store.dcat import write_catalog
from pipelines.core.vocab import OpenType


def _check_open_type(ctx: PublishContext) -> None:
    # The tag step refuses not-open data; this second lock keeps it out of releases/ even if a
    # runner skipped or reordered that step.
    if ctx.open_type not in (OpenType.GENERAL, OpenType.AUTHORIZED):
        raise GateBlocked(
            f"{ctx.spec.id}: the release has no open type (general or authorized); nothing was written to releases/",
            details=["the tag step must run before the release step"],
        )


def _check_replaces(ctx: PublishContext) -> None:
    """A replacing release names a withdrawn version of the same dataset, republished from the same bytes."""
    if not ctx.replaces:
        return
    with connect(ctx.home) as con:
        old = get_release(con, ctx.spec.id, ctx.replaces)
    if old is None:
        raise InputError(f"{ctx.spec.id}: replaces names version {ctx.replaces}, which the registry does not know")
    if old["status"] != "withdrawn":
        raise InputError(f"{ctx.spec.id}: version {ctx.replaces} is not withdrawn; only a withdrawn version is replaced")
    if old["source_path"] == str(ctx.extract.resolve()) and old["source_sha256"] != ctx.source_sha256:
        # Re-checked here, on the bytes actually loaded, so a file changed after `republish` checked it is caught.
        raise InputError(
            f"{ctx.extract}: the stored extract changed since version {ctx.replaces} was published "
            f"(sha256 {old['source_sha256'][:12]}… recorded, {ctx.source_sha256[:12]}… now); not republished"
        )


def release_step(ctx: PublishContext) -> None:
    """Publish the working table as a new immutable release version."""
    _check_open_type(ctx)
    _check_replaces(ctx)
    folder, rows = publish_folder(ctx)
    try:
        record_release(ctx, folder, rows, clock.now())
    except BaseException:
        # A release the registry does not know would be unaudited: take it back out.
        shutil.rmtree(folder, ignore_errors=True)
        raise
    ctx.release_dir = folder
    refresh_catalog_quietly(ctx)


def refresh_catalog_quietly(ctx: PublishContext) -> None:
    """Regenerate catalog.jsonld; a failure is a warning (the release stands; the next change rebuilds it)."""
    try:
        write_catalog(ctx.home)
    except Exception as exc:  # noqa: BLE001 - the catalog is derived from the registry and can be rebuilt
        message = f"catalog.jsonld not regenerated ({exc.__class__.__name__}: {exc}); the next change rebuilds it"
        ctx.warnings.append(message)
        print(f"warning: {message}", file=sys.stderr)


STAGE = Stage(name="release", run=release_step, event="publish", does_io=True)
