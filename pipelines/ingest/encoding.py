"""Detect a text extract's encoding (UTF-8, UTF-8 with BOM, GBK/GB18030) and hash it in one pass.

DuckDB reads UTF-8 only, and its GBK support is an extension we cannot download, so a GBK file is
transcoded once, streaming, into a temporary UTF-8 copy outside the home directory.
"""

from __future__ import annotations

import codecs
import tempfile
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from pipelines.core.errors import InputError
from pipelines.core.hashing import CHUNK, sha256_file
BOM = codecs.BOM_UTF8


@dataclass(frozen=True)
class TextInfo:
    """What one streaming pass over the file found."""

    sha256: str
    size: int
    encoding: str  # utf-8, utf-8-sig or gb18030
    first_bad_line: int | None = None  # where UTF-8 decoding failed, if it did


def _line_at(path: Path, offset: int) -> int:
    """1-based line number of byte `offset` (counts newlines before it, streaming)."""
    lines = 1
    read = 0
    with path.open("rb") as fh:
        while read < offset:
            chunk = fh.read(min(CHUNK, offset - read))
            if not chunk:
                break
            lines += chunk.count(b"\n")
            read += len(chunk)
    return lines


def _decodes(path: Path, encoding: str, skip: int = 0) -> int | None:
    """Byte offset of the first undecodable byte, or None if the whole file decodes."""
    decoder = codecs.getincrementaldecoder(encoding)(errors="strict")
    offset = skip
    with path.open("rb") as fh:
        fh.seek(skip)
        while chunk := fh.read(CHUNK):
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError as exc:
                return offset + exc.start
            offset += len(chunk)
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return offset
    return None


def sha256_in_background(path: Path) -> Callable[[], tuple[str, int]]:
    """Start hashing `path` on a thread; the returned function waits for (hex sha256, size).

    hashlib releases the GIL while it hashes, so the file is hashed while DuckDB parses it.
    """
    pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="opendata-sha256")
    future = pool.submit(sha256_file, path)
    pool.shutdown(wait=False)  # the one task still runs; the thread ends with it
    return future.result


def has_bom(path: Path) -> bool:
    """True when the file starts with the UTF-8 byte order mark."""
    with path.open("rb") as fh:
        return fh.read(3) == BOM


def detect(path: Path, declared: str = "auto", hashed: tuple[str, int] | None = None) -> TextInfo:
    """Hash the file (unless `hashed` gives its sha256 and size) and find its encoding; refuse
    (InputError) when no candidate decodes it."""
    sha, size = hashed or sha256_file(path)
    bom = has_bom(path)
    if declared in ("gbk", "gb18030"):
        candidates = ["gb18030"]
    elif bom:
        candidates = ["utf-8-sig"]
    elif declared == "utf-8":
        candidates = ["utf-8"]
    else:
        candidates = ["utf-8", "gb18030"]
    first_bad: int | None = None
    for enc in candidates:
        bad = _decodes(path, "utf-8" if enc == "utf-8-sig" else enc, skip=3 if enc == "utf-8-sig" else 0)
        if bad is None:
            return TextInfo(sha, size, enc)
        first_bad = bad if first_bad is None else first_bad
    line = _line_at(path, first_bad or 0)
    tried = " or ".join("GBK/GB18030" if c == "gb18030" else c.upper() for c in candidates)
    raise InputError(f"{path}: line {line}: bytes that are not valid {tried} text; re-export the extract as UTF-8 or GBK")


def utf8_copy(path: Path, encoding: str) -> Path:
    """A temporary UTF-8 copy of a GB18030 file (caller deletes it). Streaming, constant memory."""
    fd, name = tempfile.mkstemp(prefix="opendata-extract-", suffix=path.suffix)
    out = Path(name)
    decoder = codecs.getincrementaldecoder(encoding)()
    with path.open("rb") as src, open(fd, "w", encoding="utf-8", newline="") as dst:
        while chunk := src.read(CHUNK):
            dst.write(decoder.decode(chunk))
        dst.write(decoder.decode(b"", final=True))
    return out
