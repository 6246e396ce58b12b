"""Masking operators: a registry with string keys (placeholder until the masking work lands).

`validate_policy` is called by the catalog spec model, so this module must stay import-light.
"""

from __future__ import annotations

from typing import Any

KNOWN_OPERATORS = {
    "drop", "redact", "partial_mask", "pseudonymize", "fake", "generalize",
    "top_bottom_code", "suppress_record", "scan_text", "publish",
}


def validate_policy(operator: str, params: dict[str, Any], reason: str | None) -> None:
    """Raise ValueError when the operator is unknown or its parameters are wrong."""
    if operator not in KNOWN_OPERATORS:
        raise ValueError(f"unknown policy operator {operator!r}; known: {', '.join(sorted(KNOWN_OPERATORS))}")
    if operator == "publish" and not (reason or "").strip():
        raise ValueError("policy publish leaves the column as it is and requires a written reason")
