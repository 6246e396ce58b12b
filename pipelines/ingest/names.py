"""Header checks shared by every format, and the SELECT list of kept columns."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from pipelines.core.errors import InputError
from pipelines.core.sql import quote_ident


def kept_columns(keep: Sequence[tuple[str, str]]) -> str:
    """The SELECT list of the working table: each (extract column, release name) trimmed, blanks as NULL."""
    return ", ".join(f"NULLIF(trim({quote_ident(src)}), '') AS {quote_ident(name)}" for src, name in keep)


# The widest extract accepted. Cost per column is not yet constant (DuckDB binds every query on the
# working table against all its columns, and a few statements list every column), so 5,000 columns
# would take minutes and gigabytes; 1,000 columns × 3 rows take about 15 s and 0.8 GiB
# (benchmarks/wide.py, benchmarks/README.md). Refused before any data is read.
MAX_COLUMNS = 1000
# Column names the working tables use for themselves (row number, the CSV reader's longest cell).
RESERVED = frozenset({"_row", "_longest"})


def check_header(path: Path, header: list[str]) -> None:
    """Refuse more than `MAX_COLUMNS` columns, and blank or duplicate column names (a second 姓名
    column would be silently renamed).

    Duplicates are named by position, not by name: when the header row is missing, the "names"
    are the first data row's cells, and an error message must never quote a cell.
    """
    if len(header) > MAX_COLUMNS:
        raise InputError(
            f"{path}: line 1 has {len(header):,} columns, more than the {MAX_COLUMNS:,} an extract may have; "
            "split the extract into datasets of fewer columns"
        )
    blanks = [i + 1 for i, h in enumerate(header) if not h]
    if blanks:
        raise InputError(f"{path}: header column {blanks[0]} has no name")
    for i, h in enumerate(header, start=1):
        if h.casefold() in RESERVED:
            raise InputError(f"{path}: line 1: header column {i} is named {h!r}, a name the toolkit reserves; rename that column")
    first: dict[str, int] = {}
    for i, h in enumerate(header, start=1):
        # DuckDB matches column names without regard to letter case, so ab and AB are one column to it.
        folded = h.casefold()
        if folded in first:
            same = "the same name" if header[first[folded] - 1] == h else "names that differ only in letter case"
            raise InputError(
                f"{path}: line 1: header columns {first[folded]} and {i} have {same}; "
                "give every column its own name (or add the header row, if line 1 is data)"
            )
        first[folded] = i
