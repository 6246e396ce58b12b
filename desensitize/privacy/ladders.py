"""Generalization ladders: for each quasi-identifier, the coarser and coarser values k-anonymity may use.

Each rung is SQL over the previous rung's value (so the search only recomputes the column it
generalizes): dates go year-month → year → 5-year band → 10-year band; ages 5 → 10 → 20-year
bands; other numbers 1-2-5 bands → powers of ten; addresses district → city; anything else, and
every ladder's last rung, is `*` (the attribute withheld).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pipelines.core.vocab import FieldType, FindingKind

from desensitize.operators.sqlexpr import (
    as_date,
    city_of,
    district_of,
    fixed_band,
    lower_bound,
    magnitude_band,
)

Rung = tuple[str, Callable[[str], str]]  # (level name, SQL of the new value from the previous value's SQL)
WITHHELD = "*"
_AGE_LABEL_WORDS = ("年龄", "岁")


@dataclass(frozen=True)
class Ladder:
    """The rungs of one quasi-identifier; rung 0 (the masked value as published) is implicit."""

    column: str
    family: str  # date | age | number | address | category
    rungs: tuple[Rung, ...]

    def names(self) -> list[str]:
        """Level names, from the first generalization up."""
        return [name for name, _ in self.rungs]


def _withheld(v: str) -> str:
    return f"CASE WHEN {v} IS NULL THEN NULL ELSE '{WITHHELD}' END"


def _year(v: str, fmt: str | None) -> str:
    return (
        f"CASE WHEN regexp_matches({v}, '^[0-9]{{4}}$') THEN TRY_CAST({v} AS INTEGER) "
        f"WHEN regexp_matches({v}, '^[0-9]{{4}}-[0-9]{{2}}$') THEN TRY_CAST(left({v}, 4) AS INTEGER) "
        f"ELSE year({as_date(v, fmt)}) END"
    )


def date_ladder(column: str, fmt: str | None = None, start: str | None = None) -> Ladder:
    """Dates: year_month → year → 5-year band → 10-year band → *."""
    rungs: list[Rung] = [
        (
            "year_month",
            lambda v: f"CASE WHEN regexp_matches({v}, '^[0-9]{{4}}(-[0-9]{{2}})?$') THEN {v} "
            f"ELSE strftime({as_date(v, fmt)}, '%Y-%m') END",
        ),
        ("year", lambda v: f"CAST({_year(v, None)} AS VARCHAR)"),
        ("5-year band", lambda v: fixed_band(lower_bound(v), 5, inclusive_upper=True)),
        ("10-year band", lambda v: fixed_band(lower_bound(v), 10, inclusive_upper=True)),
        (WITHHELD, _withheld),
    ]
    if start == "year":
        rungs = rungs[2:]
    elif start == "year_month":
        rungs = rungs[1:]
    return Ladder(column, "date", tuple(rungs))


def age_ladder(column: str, width: float | None = None) -> Ladder:
    """Ages (or age bands of `width`): bands of 5 → 10 → 20 years (or 2w, 4w, 8w) → *."""
    widths = [width * 2, width * 4, width * 8] if width else [5.0, 10.0, 20.0]
    rungs: list[Rung] = [
        (f"{w:g}-year band", (lambda w: lambda v: fixed_band(lower_bound(v), w, inclusive_upper=True))(w)) for w in widths
    ]
    rungs.append((WITHHELD, _withheld))
    return Ladder(column, "age", tuple(rungs))


def number_ladder(column: str, width: float | None = None) -> Ladder:
    """Numbers: 1-2-5 bands → powers of ten → *; ranges of a fixed `width`: 5w, 10w, 50w, 100w → *."""
    rungs: list[Rung] = []
    if width:
        rungs += [
            (f"width {w:g}", (lambda w: lambda v: fixed_band(lower_bound(v), w))(w))
            for w in (width * 5, width * 10, width * 50, width * 100)
        ]
    else:
        rungs.append(("1-2-5 band", lambda v: magnitude_band(lower_bound(v))))
        rungs.append(("power-of-ten band", lambda v: magnitude_band(lower_bound(v), steps=(1,))))
    rungs.append((WITHHELD, _withheld))
    return Ladder(column, "number", tuple(rungs))


def address_ladder(column: str, start: str | None = None) -> Ladder:
    """Addresses: district → city → *."""
    rungs: list[Rung] = [("district", district_of), ("city", city_of), (WITHHELD, _withheld)]
    if start == "district":
        rungs = rungs[1:]
    elif start == "city":
        rungs = rungs[2:]
    return Ladder(column, "address", tuple(rungs))


def category_ladder(column: str) -> Ladder:
    """Any other value: kept, or withheld (`*`)."""
    return Ladder(column, "category", ((WITHHELD, _withheld),))


def ladder_for(
    column: str,
    field_type: FieldType = FieldType.STRING,
    pii: FindingKind | None = None,
    label: str = "",
    fmt: str | None = None,
    operator: str | None = None,
    params: dict[str, Any] | None = None,
) -> Ladder:
    """The ladder of a quasi-identifier, from its spec field and the masking already applied to it."""
    params = params or {}
    to = params.get("to") if operator == "generalize" else None
    width = params.get("width") if operator == "generalize" else None
    is_age = "age" in column.lower().split("_") or any(w in label for w in _AGE_LABEL_WORDS)
    if to in ("year", "year_month") or field_type in (FieldType.DATE, FieldType.DATETIME) or pii is FindingKind.BIRTH_DATE:
        return date_ladder(column, fmt, start=to)
    if to == "age_band" or (to is None and is_age):
        return age_ladder(column, width if to == "age_band" else None)
    if to == "range" or field_type in (FieldType.INTEGER, FieldType.NUMBER) or pii is FindingKind.COMMERCIAL_SECRET:
        return number_ladder(column, width if to == "range" else None)
    if to in ("district", "city") or pii is FindingKind.ADDRESS:
        return address_ladder(column, start=to)
    return category_ladder(column)
