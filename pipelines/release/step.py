"""The release step: write the folder atomically, then record it in the registry."""

from __future__ import annotations

import shutil
from datetime import datetime

from pipelines.context import PublishContext
from pipelines.registry.releases import record_release
from pipelines.release.version import SHANGHAI
from pipelines.release.writer import publish_folder


def release_step(ctx: PublishContext) -> None:
    """Publish the working table as a new immutable release version."""
    folder, rows = publish_folder(ctx)
    try:
        record_release(ctx, folder, rows, datetime.now(SHANGHAI))
    except BaseException:
        # A release the registry does not know would be unaudited: take it back out.
        shutil.rmtree(folder, ignore_errors=True)
        raise
    ctx.release_dir = folder
