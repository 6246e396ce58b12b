"""Infer each column's release type from every row of an extract, in one DuckDB scan.

The candidates are the types a spec may declare (boolean, integer, number, date, datetime), the
date forms departments write (2026-03-05, 2026/3/5, 2026.3.5, 2026年3月5日, with or without a time),
and string. A column whose non-blank cells *mostly* parse as one type gets that type even with a
few bad cells: the quality step then reports those cells (accuracy.type) instead of the whole column
publishing as quoted text. Every candidate is checked the way the quality step and the release cast
will parse it (`quality.sqlparts.parses_sql`, `pipelines.release.typing_sql`), so what the scan
proposes is what publication accepts.

Only counts leave this module, never a value.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb

from pipelines.core.sql import quote_ident
from pipelines.core.vocab import FieldType

MOSTLY = 0.95  # share of non-blank cells that must parse for a column to take a type despite bad cells


@dataclass(frozen=True)
class Candidate:
    """One way a column's cells may parse: a release type and, for dates not in ISO form, a strptime format."""

    type: FieldType
    format: str | None
    guard: str  # a regular expression the whole trimmed cell must match
    cast: str | None = None  # DuckDB type the cell must also cast to, when no format is used

    def sql(self, v: str) -> str:
        """TRUE where the cell expression `v` (trimmed, blank as NULL) parses as this candidate."""
        # The regular expression first: strptime and casts alone accept forms we do not want
        # (a date-time cast to DATE loses its time; 1e3 casts to a number).
        test = f"regexp_full_match({v}, '{self.guard}')"
        if self.format:
            return f"({test} AND try_strptime({v}, '{self.format}') IS NOT NULL)"
        if self.cast:
            return f"({test} AND TRY_CAST({v} AS {self.cast}) IS NOT NULL)"
        return test


_Y, _MD = "[0-9]{4}", "[0-9]{1,2}"
_HM, _HMS = " [0-9]{1,2}:[0-9]{2}", " [0-9]{1,2}:[0-9]{2}:[0-9]{2}"


def _ymd(sep: str) -> str:
    return f"{_Y}{sep}{_MD}{sep}{_MD}"


_CN = f"{_Y}年{_MD}月{_MD}日"

# Order is priority when several candidates parse the same cells: an integer column also parses as
# number, a date column as datetime; the narrower type wins.
CANDIDATES: tuple[Candidate, ...] = (
    Candidate(FieldType.BOOLEAN, None, "(?i)(true|false|是|否)"),
    # No leading zero and at most 15 digits: codes such as 001 or 350102… keep their zeros as text.
    Candidate(FieldType.INTEGER, None, "[+-]?(0|[1-9][0-9]{0,14})", "BIGINT"),
    Candidate(FieldType.NUMBER, None, r"[+-]?(0|[1-9][0-9]{0,14})(\.[0-9]+)?", "DOUBLE"),
    Candidate(FieldType.DATE, None, _ymd("-"), "DATE"),  # ISO: no format needed
    Candidate(FieldType.DATE, "%Y/%m/%d", _ymd("/")),
    Candidate(FieldType.DATE, "%Y.%m.%d", _ymd(r"\.")),
    Candidate(FieldType.DATE, "%Y年%m月%d日", _CN),
    Candidate(FieldType.DATETIME, None, _ymd("-") + "[ T][0-9]{1,2}:[0-9]{2}(:[0-9]{2})?", "TIMESTAMP"),
    Candidate(FieldType.DATETIME, "%Y/%m/%d %H:%M:%S", _ymd("/") + _HMS),
    Candidate(FieldType.DATETIME, "%Y/%m/%d %H:%M", _ymd("/") + _HM),
    Candidate(FieldType.DATETIME, "%Y年%m月%d日 %H:%M:%S", _CN + _HMS),
)


@dataclass(frozen=True)
class InferredType:
    """The type a column's cells show: how many non-blank cells there are and how many do not parse."""

    type: FieldType
    format: str | None
    cells: int
    bad: int

    @property
    def label(self) -> str:
        """`date (%Y年%m月%d日)`, `integer, 3 bad`: for the scan table."""
        text = self.type.value + (f" ({self.format})" if self.format else "")
        return text + (f", {self.bad} bad" if self.bad else "")


def choose(cells: int, counts: list[int]) -> InferredType:
    """The candidate most cells parse as (the narrower on a tie), if at least MOSTLY of them; else string."""
    best: tuple[int, Candidate] | None = None
    for count, cand in zip(counts, CANDIDATES):
        if count and (best is None or count > best[0]):
            best = (count, cand)
    if cells == 0 or best is None or best[0] < MOSTLY * cells:
        return InferredType(FieldType.STRING, None, cells, 0)
    return InferredType(best[1].type, best[1].format, cells, cells - best[0])


def infer_types(con: duckdb.DuckDBPyConnection, table: str, columns: list[str]) -> dict[str, InferredType]:
    """The inferred type of each of `columns` of `table`, from all of its rows (one scan)."""
    if not columns:
        return {}
    parts: list[str] = []
    for i, column in enumerate(columns):
        v = f"nullif(trim(CAST({quote_ident(column)} AS VARCHAR)), '')"
        parts.append(f"count({v}) AS n{i}")
        parts += [f"count_if({c.sql(v)}) AS c{i}_{j}" for j, c in enumerate(CANDIDATES)]
    row = con.execute(f"SELECT {', '.join(parts)} FROM {quote_ident(table)}").fetchone()
    assert row is not None
    width = 1 + len(CANDIDATES)
    out: dict[str, InferredType] = {}
    for i, column in enumerate(columns):
        values = [int(x or 0) for x in row[i * width:(i + 1) * width]]
        out[column] = choose(values[0], values[1:])
    return out
