"""Header checks shared by every format, and SQL identifier quoting."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from pipelines.errors import InputError


def quote_ident(name: str) -> str:
    """Quote a column or table name for DuckDB SQL."""
    return '"' + name.replace('"', '""') + '"'


def kept_columns(keep: Sequence[tuple[str, str]]) -> str:
    """The SELECT list of the working table: each (extract column, release name) trimmed, blanks as NULL."""
    return ", ".join(f"NULLIF(trim({quote_ident(src)}), '') AS {quote_ident(name)}" for src, name in keep)


def check_header(path: Path, header: list[str]) -> None:
    """Refuse blank or duplicate column names (a second 姓名 column would be silently renamed).

    Duplicates are named by position, not by name: when the header row is missing, the "names"
    are the first data row's cells, and an error message must never quote a cell.
    """
    blanks = [i + 1 for i, h in enumerate(header) if not h]
    if blanks:
        raise InputError(f"{path}: header column {blanks[0]} has no name")
    first: dict[str, int] = {}
    for i, h in enumerate(header, start=1):
        if h in first:
            raise InputError(
                f"{path}: line 1: header columns {first[h]} and {i} have the same name; "
                "give every column its own name (or add the header row, if line 1 is data)"
            )
        first[h] = i
