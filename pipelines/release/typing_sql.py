"""Cast the working table's text columns to the release types the spec declares."""

from __future__ import annotations

from pipelines.core.sql import quote_ident
from pipelines.core.spec.model import FieldSpec
from pipelines.core.vocab import FieldType

_SQL_TYPES = {
    FieldType.STRING: "VARCHAR",
    FieldType.INTEGER: "BIGINT",
    FieldType.NUMBER: "DOUBLE",
    FieldType.DATE: "DATE",
    FieldType.DATETIME: "TIMESTAMP",
    FieldType.BOOLEAN: "BOOLEAN",
}


def cast_expression(field: FieldSpec, release_type: FieldType) -> str:
    """SQL turning the VARCHAR column into `release_type`; unparsable values become NULL.

    The quality step has already counted unparsable values (accuracy.type) and blocked the release
    unless the spec accepts them, so a NULL here is a reported, accepted loss.
    """
    col = quote_ident(field.name)
    if release_type is FieldType.STRING:
        return col
    if release_type in (FieldType.DATE, FieldType.DATETIME) and field.format:
        parsed = f"try_strptime({col}, '{field.format.replace(chr(39), chr(39) * 2)}')"
        return f"CAST({parsed} AS {_SQL_TYPES[release_type]})"
    if release_type is FieldType.BOOLEAN:
        return (
            f"CASE WHEN lower({col}) IN ('true','1','yes','y','是','t') THEN TRUE "
            f"WHEN lower({col}) IN ('false','0','no','n','否','f') THEN FALSE END"
        )
    return f"TRY_CAST({col} AS {_SQL_TYPES[release_type]})"
