"""SQL fragments the checks share: parsing a text cell as its declared type (quoting is `pipelines.core.sql`).

Every working-table column is VARCHAR (trimmed, blank → NULL); checks parse in SQL so that one
DuckDB scan evaluates all of them. Spec values (enum members, patterns, formats) are inlined as
escaped literals; they come from the reviewed spec, never from the data.
"""

from __future__ import annotations

from pipelines.core.spec.model import FieldSpec
from pipelines.core.sql import quote_literal as lit
from pipelines.core.vocab import FieldType


def date_sql(col: str, f: FieldSpec) -> str:
    """The cell parsed as DATE (date fields) or TIMESTAMP (others), NULL when it does not parse.

    With `format` set the value must follow it (strptime codes); otherwise ISO 8601 is expected.
    """
    target = "DATE" if f.type is not FieldType.DATETIME else "TIMESTAMP"
    if f.format:
        return f"CAST(try_strptime({col}, {lit(f.format)}) AS {target})"
    return f"TRY_CAST({col} AS {target})"


def birth_date_sql(col: str, f: FieldSpec) -> str:
    """A birth date as DATE: the field's format if set, else ISO or the compact YYYYMMDD form."""
    if f.format:
        return f"CAST(try_strptime({col}, {lit(f.format)}) AS DATE)"
    return f"coalesce(TRY_CAST({col} AS DATE), CAST(try_strptime({col}, '%Y%m%d') AS DATE))"


BOOLEAN_WORDS = ("是", "否")  # Chinese yes/no, accepted beside DuckDB's true/false/t/f/yes/no/1/0


def parses_sql(col: str, f: FieldSpec) -> str | None:
    """TRUE where a non-null cell parses as the field's type; None for string fields (always parse)."""
    if f.type is FieldType.INTEGER:
        # A regex first: DuckDB's cast would round '1.5' to 2 and accept '1e3'.
        return f"(regexp_full_match({col}, '[+-]?[0-9]+') AND TRY_CAST({col} AS BIGINT) IS NOT NULL)"
    if f.type is FieldType.NUMBER:
        return f"coalesce(isfinite(TRY_CAST({col} AS DOUBLE)), false)"
    if f.type is FieldType.BOOLEAN:
        words = ", ".join(lit(w) for w in BOOLEAN_WORDS)
        return f"(TRY_CAST({col} AS BOOLEAN) IS NOT NULL OR {col} IN ({words}))"
    if f.type in (FieldType.DATE, FieldType.DATETIME):
        return f"({date_sql(col, f)} IS NOT NULL)"
    return None
