"""What the authenticity checks share."""

from __future__ import annotations

from typing import Any


def rows_value(value: Any) -> int | None:
    """A manifest's `rows` as a number: an int, or digits in a string; None for anything else."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return None
