"""SQL text helpers: the one way to quote an identifier or a spec literal for DuckDB."""

from __future__ import annotations


def quote_ident(name: str) -> str:
    """Quote a column or table name for DuckDB SQL (a `"` inside the name is doubled)."""
    return '"' + name.replace('"', '""') + '"'


def quote_literal(text: str) -> str:
    """Quote a string constant for DuckDB SQL (only for non-secret spec text, never cell values)."""
    return "'" + text.replace("'", "''") + "'"
