"""Display masks for example values in quality reports: never a raw personal value.

Reports show the first failing rows of a check so a department can find and fix them; the value is
shown masked, the way Chinese portals display identifiers (DESIGN.md §4): IDs keep the first 6 and
last 4 characters, phones the first 3 and last 4, names the surname. A value of a column that is not
personal is shown as it is only when it is short and cannot be an identifier; anything unsure is
masked with the generic rule, which reveals at most about a third of the characters.
"""

from __future__ import annotations

import re

from pipelines.core.spec.model import FieldSpec
from pipelines.core.vocab import FieldType, FindingKind

STAR = "*"
MAX_SHOWN = 32  # longer values are cut, masked or not
_DIGIT_RUN = re.compile(r"\d{6,}")  # a run this long may be an ID, phone or account number
_DIGIT = re.compile(r"\d")


def _keep(value: str, first: int, last: int) -> str:
    """Keep `first` and `last` characters, star the middle (at least one star)."""
    if len(value) <= first + last:
        return generic(value)
    return value[:first] + STAR * (len(value) - first - last) + (value[-last:] if last else "")


def generic(value: str) -> str:
    """The mask for anything unsure: ≥6 chars keep first and last, 3–5 keep the first, else all stars."""
    n = len(value)
    if n >= 6:
        return value[0] + STAR * (n - 2) + value[-1]
    if n >= 3:
        return value[0] + STAR * (n - 1)
    return STAR * n


def _name(value: str) -> str:
    # Keep the surname: one character (two for a few compound surnames is not worth the guess).
    return value[0] + STAR * (len(value) - 1) if len(value) >= 2 else STAR


def _email(value: str) -> str:
    local, at, domain = value.partition("@")
    if not at:
        return generic(value)
    return (local[:1] + STAR * max(len(local) - 1, 1)) + "@" + generic(domain)


def _kind_mask(value: str, kind: FindingKind) -> str:
    if kind in (FindingKind.RESIDENT_ID, FindingKind.COMPANY_CREDIT_CODE):
        # A malformed "credit code" may be a mistyped personal ID: same mask either way.
        return _keep(value, 6, 4) if len(value) >= 15 else generic(value)
    if kind is FindingKind.MOBILE_PHONE:
        return _keep(value, 3, 4) if len(value) >= 11 else generic(value)
    if kind is FindingKind.LANDLINE_PHONE:
        return _keep(value, 3, 2) if len(value) >= 9 else generic(value)
    if kind is FindingKind.BANK_CARD:
        return _keep(value, 4, 4) if len(value) >= 12 else generic(value)
    if kind is FindingKind.PERSON_NAME:
        return _name(value)
    if kind is FindingKind.EMAIL:
        return _email(value)
    if kind is FindingKind.BIRTH_DATE:
        return _DIGIT.sub(STAR, value)
    if kind is FindingKind.COMMERCIAL_SECRET:
        return STAR * min(len(value), 8)  # nothing of a secret, not even its length beyond 8
    return generic(value)


def shows_raw(value: str, f: FieldSpec | None) -> bool:
    """True when a value may appear as it is: a non-personal column, a short value, no identifier shape."""
    if f is None or f.pii is not None or f.quasi_identifier:
        return False
    if len(value) > MAX_SHOWN or _DIGIT_RUN.search(value) or "@" in value:
        return False
    # Free text may name people; typed and enumerated columns hold codes, numbers and dates.
    return f.type is not FieldType.STRING or bool(f.enum)


def mask(value: str | None, f: FieldSpec | None) -> str | None:
    """The value as a report may show it."""
    if value is None:
        return None
    value = value[: MAX_SHOWN * 2]
    if shows_raw(value, f):
        return value
    shown = _kind_mask(value, f.pii) if f is not None and f.pii is not None else generic(value)
    return shown[:MAX_SHOWN] + ("…" if len(shown) > MAX_SHOWN else "")
