"""The user cache folder, and values derived from a file cached there (nothing of a dataset, ever).

What is cached is derived from installed files only (a Prefect database template, jieba's word list):
never a value of an extract, so the cache holds nothing personal and may be deleted at any time.
"""

from __future__ import annotations

import marshal
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any


def cache_dir() -> Path:
    """`$OPENDATA_CACHE`, else `$XDG_CACHE_HOME/opendata`, else `~/.cache/opendata`."""
    if os.environ.get("OPENDATA_CACHE"):
        return Path(os.environ["OPENDATA_CACHE"]).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or "~/.cache"
    return Path(base).expanduser() / "opendata"


def derived(name: str, source: Path, build: Callable[[], Any]) -> Any:
    """`build()`, computed once per version of `source` and kept in the cache folder with `marshal`.

    The key is the source's size and modification time, so a reinstalled file is read again. `build`
    must return only marshal-able values (str, int, list, dict, tuple …). A cache that cannot be read
    or written is ignored: the value is then built every time.
    """
    stat = source.stat()
    target = cache_dir() / "derived" / f"{name}-{stat.st_size}-{stat.st_mtime_ns}.marshal"
    try:
        return marshal.loads(target.read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        pass
    value = build()
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".build-", dir=target.parent)
        with os.fdopen(fd, "wb") as fh:
            fh.write(marshal.dumps(value))
        os.replace(tmp, target)  # atomic: concurrent builders each install a whole file
    except (OSError, ValueError):
        pass
    return value
