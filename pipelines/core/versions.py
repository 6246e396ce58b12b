"""Release versions `YYYY-MM-DD.N` and the code version: the names the registry, the releases and the catalog share."""

from __future__ import annotations

import re
import subprocess
from functools import lru_cache
from pathlib import Path

import pipelines

VERSION_RE = re.compile(r"^(\d{4}-\d{2}-\d{2})\.(\d+)$")
TMP_PREFIX = ".tmp-"  # a `.tmp-<version>` folder is a version reserved by a release being written


def version_key(version: str) -> tuple[str, int]:
    """Sort key: by date, then by the day's counter as a number (so .10 sorts after .9)."""
    m = VERSION_RE.match(version)
    return (m.group(1), int(m.group(2))) if m else (version, 0)


@lru_cache(maxsize=1)
def code_version() -> str:
    """Package version plus the git commit of the code that wrote the release, when known."""
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, timeout=5,
            cwd=Path(__file__).resolve().parent,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        commit = ""
    return f"{pipelines.__version__}+{commit}" if commit else pipelines.__version__
