"""Vectorized identifier builders: resident IDs with the GB 11643 check character, Luhn-valid cards.

Both work on int64 numpy arrays (a 17-digit ID body and a card body of up to 18 digits both fit in
int64), so millions of identifiers are made without a Python loop.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.compute as pc

I64 = npt.NDArray[np.int64]

# GB 11643: weights of the 17 body digits, left to right, and the check character for S mod 11.
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = pa.array(list("10X98765432"))


def resident_ids(area: I64, yyyymmdd: I64, sequence: I64, lower_x: npt.NDArray[np.bool_] | None = None) -> pa.StringArray:
    """18-character resident IDs: area (6 digits) + birth date (8) + sequence (3) + check character.

    `lower_x` marks IDs whose check character `X`, if any, is written lower-case (as it occurs in
    real extracts).
    """
    body = area.astype(np.int64) * 10**11 + yyyymmdd.astype(np.int64) * 1000 + sequence.astype(np.int64)
    total = np.zeros(len(body), dtype=np.int64)
    rest = body.copy()
    for weight in reversed(_ID_WEIGHTS):  # rightmost digit first
        rest, digit = np.divmod(rest, 10)
        total += digit * weight
    check = _ID_CHECK.take(pa.array(total % 11))
    if lower_x is not None:
        check = pc.if_else(pa.array(lower_x), pc.utf8_lower(check), check)
    text = pc.utf8_lpad(pa.array(body).cast(pa.string()), 17, "0")
    return pc.binary_join_element_wise(text, check, "")  # type: ignore[no-any-return]


def luhn_check_digits(body: I64) -> I64:
    """The Luhn check digit appended to each body (the body's last digit is doubled)."""
    total = np.zeros(len(body), dtype=np.int64)
    rest = body.astype(np.int64).copy()
    position = 0
    while np.any(rest):
        rest, digit = np.divmod(rest, 10)
        if position % 2 == 0:
            digit = digit * 2
            digit = np.where(digit > 9, digit - 9, digit)
        total += digit
        position += 1
    return (10 - total % 10) % 10  # type: ignore[no-any-return]


def luhn_valid(number: str) -> bool:
    """Whether a digit string passes the Luhn check (used by tests and sanity checks)."""
    digits = [int(c) for c in reversed(number)]
    total = sum(d if i % 2 == 0 else (d * 2 - 9 if d * 2 > 9 else d * 2) for i, d in enumerate(digits))
    return total % 10 == 0


def resident_id_valid(value: str) -> bool:
    """Whether an 18-character resident ID carries the right GB 11643 check character."""
    if len(value) != 18 or not value[:17].isdigit():
        return False
    total = sum(int(c) * w for c, w in zip(value[:17], _ID_WEIGHTS))
    return "10X98765432"[total % 11] == value[17].upper()
