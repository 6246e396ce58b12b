"""Masking operators: a registry with stable string keys, parameters validated before data is touched.

`validate_policy` is called by the catalog spec model at load time, so this package stays
import-light: no DuckDB, faker or presidio import happens until an operator is applied.

Keys: drop, redact, partial_mask, pseudonymize, fake, generalize, top_bottom_code,
suppress_record, scan_text, publish.
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from desensitize.operators.registry import OPERATORS, get_operator

KNOWN_OPERATORS = frozenset(OPERATORS)

__all__ = ["KNOWN_OPERATORS", "OPERATORS", "get_operator", "validate_policy"]


def validate_policy(operator: str, params: dict[str, Any], reason: str | None) -> None:
    """Raise ValueError when the operator is unknown or its parameters are wrong."""
    cls = OPERATORS.get(operator)
    if cls is None:
        raise ValueError(f"unknown policy operator {operator!r}; known: {', '.join(sorted(OPERATORS))}")
    if operator == "publish" and not (reason or "").strip():
        raise ValueError("policy publish leaves the column as it is and requires a written reason")
    try:
        cls.parse(params)
    except ValidationError as exc:
        # Re-raise as a plain ValueError: pydantic errors raised inside another model's validator
        # would otherwise be reported without the operator's name.
        problems = "; ".join(
            ".".join(str(p) for p in err["loc"]) + ": " * bool(err["loc"]) + str(err["msg"]).removeprefix("Value error, ")
            for err in exc.errors()
        )
        raise ValueError(f"policy {operator}: {problems}") from None
