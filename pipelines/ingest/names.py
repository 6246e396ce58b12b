"""Header checks shared by every format, and the SELECT list of kept columns."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from pipelines.core.errors import InputError
from pipelines.core.sql import quote_ident


def kept_columns(keep: Sequence[tuple[str, str]]) -> str:
    """The SELECT list of the working table: each (extract column, release name) trimmed, blanks as NULL."""
    return ", ".join(f"NULLIF(trim({quote_ident(src)}), '') AS {quote_ident(name)}" for src, name in keep)


def check_header(path: Path, header: list[str]) -> None:
    """Refuse blank or duplicate column names (a second 姓名 column would be silently renamed)."""
    blanks = [i + 1 for i, h in enumerate(header) if not h]
    if blanks:
        raise InputError(f"{path}: header column {blanks[0]} has no name")
    seen: set[str] = set()
    dupes: list[str] = []
    for h in header:
        if h in seen and h not in dupes:
            dupes.append(h)
        seen.add(h)
    if dupes:
        raise InputError(f"{path}: duplicate column names in the header: {', '.join(dupes)}")
