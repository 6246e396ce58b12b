"""The sha256 of a file, streaming: what ingest, the release writer, republish and verify all compare."""

from __future__ import annotations

import hashlib
from pathlib import Path

CHUNK = 1 << 20  # bytes read at a time: large enough to be fast, small enough for any file size


def sha256_file(path: Path) -> tuple[str, int]:
    """Hex sha256 and size in bytes of a file, read once in chunks."""
    digest = hashlib.sha256()
    size = 0
    with path.open("rb") as fh:
        while chunk := fh.read(CHUNK):
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size
