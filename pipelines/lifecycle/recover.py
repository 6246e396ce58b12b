"""What a killed run left in a home, put right by the next command that opens it.

- `releases/<id>/.tmp-<version>/`: a release being written when its process was killed. The writer's
  pid is in `.tmp-<version>.pid` beside it; when that process is gone (or the pid file was never
  written and the folder is older than `ORPHAN_AFTER_S`), the folder is deleted and the deletion is
  audited (`recovery`). A folder whose writer is alive is a publication in progress: left alone.
- `catalog.jsonld` older than the registry's newest publication or withdrawal: a run was killed
  between its registry commit and the catalog rebuild (e.g. a withdrawal after step 3), so the
  catalog may still show a withdrawn version as Completed. It is rebuilt.

Nothing here runs on a home that does not exist, has no registry, or cannot be written (a
read-only home is only read).
"""

from __future__ import annotations

import os
import shutil
import time
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from pipelines.core.home import Home
from pipelines.core.versions import TMP_PREFIX, VERSION_RE, writer_pid_file
from pipelines.core.workspace import pid_alive

ORPHAN_AFTER_S = 600.0  # a .tmp folder without a pid file (killed between mkdir and write) this old is stale


@dataclass
class Recovered:
    """What `recover` put right."""

    removed: list[str] = field(default_factory=list)  # home-relative .tmp folders deleted
    catalog_rebuilt: bool = False



def _orphaned(tmp: Path) -> bool:
    pid_file = writer_pid_file(tmp)
    try:
        pid = int(pid_file.read_text(encoding="utf-8").strip())
    except (OSError, ValueError):
        try:
            return time.time() - tmp.stat().st_mtime > ORPHAN_AFTER_S
        except OSError:
            return False
    return pid != os.getpid() and not pid_alive(pid)


def orphaned_tmp_folders(home: Home) -> list[Path]:
    """Temporary release folders whose writing process is gone."""
    out: list[Path] = []
    if not home.releases.is_dir():
        return out
    for dataset_dir in sorted(p for p in home.releases.iterdir() if p.is_dir()):
        for tmp in sorted(dataset_dir.glob(f"{TMP_PREFIX}*")):
            if tmp.is_dir() and not tmp.is_symlink() and VERSION_RE.match(tmp.name.removeprefix(TMP_PREFIX)) and _orphaned(tmp):
                out.append(tmp)
    return out


def _writable(home: Home) -> bool:
    return home.root.is_dir() and home.db_path.is_file() and os.access(home.root, os.W_OK) and os.access(home.db_path, os.W_OK)


def _catalog_stale(home: Home) -> bool:
    from pipelines.store.db import read_registry

    try:
        built = home.catalog.stat().st_mtime
    except FileNotFoundError:
        built = 0.0
    with read_registry(home) as con:  # read-only: missing tables are empty stand-ins
        row = con.execute("SELECT max(published_at), max(withdrawn_at) FROM releases").fetchone() or (None, None)
    latest = max((t.timestamp() for t in row if isinstance(t, datetime)), default=None)
    return latest is not None and latest > built


def recover(home: Home) -> Recovered:
    """Delete orphaned temporary release folders (audited) and rebuild a stale catalog."""
    from pipelines.store.dcat import write_catalog
    from pipelines.store import audit

    done = Recovered()
    if not _writable(home):
        return done
    for tmp in orphaned_tmp_folders(home):
        shutil.rmtree(tmp, ignore_errors=True)
        writer_pid_file(tmp).unlink(missing_ok=True)
        done.removed.append(str(tmp.relative_to(home.root)))
    if done.removed:
        audit.record_event(
            home, "recovery",
            details={"removed_tmp_release_folders": done.removed, "why": "left by a publication whose process is gone"},
        )
    if _catalog_stale(home):
        write_catalog(home)
        done.catalog_rebuilt = True
    return done
