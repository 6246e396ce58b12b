"""Check an extract's first bytes against the format the spec (or its suffix) declares.

A CSV sent where the spec says xlsx used to fail deep inside the workbook reader with
`the workbook cannot be read (CalamineError)`; the first bytes tell which format a file really is,
so the message can name both and say what to change.
"""

from __future__ import annotations

from pathlib import Path

from pipelines.core.errors import InputError
from pipelines.core.vocab import SourceFormat

_ZIP, _PARQUET, _OLE2 = b"PK\x03\x04", b"PAR1", b"\xd0\xcf\x11\xe0"


def actual_format(path: Path) -> str | None:
    """What the file's first bytes show: xlsx, xls, parquet, json or csv; None when unreadable or unclear."""
    try:
        with path.open("rb") as fh:
            head = fh.read(512)
    except OSError:
        return None
    if head.startswith(_ZIP):
        return "xlsx"
    if head.startswith(_OLE2):
        return "xls"
    if head.startswith(_PARQUET):
        return "parquet"
    text = head.removeprefix(b"\xef\xbb\xbf").lstrip()
    if text[:1] in (b"[", b"{"):
        return "json"
    # A header line with delimiters: table text. Anything else is left to the declared format's reader.
    return "csv" if b"\n" in text and (b"," in text or b"\t" in text) else None


def check_format(path: Path, declared: SourceFormat) -> None:
    """Raise InputError naming the declared and the actual format when they cannot be the same file."""
    actual = actual_format(path)
    binary = {"xlsx", "xls", "parquet"}
    if actual is None or actual == declared.value or (actual not in binary and declared.value not in binary):
        return  # text formats (csv, json) are told apart by their own readers, with their own messages
    if actual == "xls":
        fix = "save it as .xlsx (Excel: File › Save As › Excel Workbook)"
    else:
        fix = f"send the {declared.value} file, or set source.format: {actual} in the spec"
    raise InputError(f"{path}: the spec expects {declared.value}, but the file is {actual}; {fix}")
