"""Identifier rules: checks that say whether ONE value is a valid identifier of a kind (DESIGN.md §4).

Each rule is a pure function of a string, shared by the column classifier (a whole cell) and the text
recognizers (a regex match). The checksums are those of python-stdnum (`stdnum.cn.ric`: resident ID,
GB 11643; `stdnum.cn.uscc`: credit code, GB 32100; `stdnum.luhn`), written here over bytes because the
bulk text path checks every number-shaped token of a million remarks and stdnum's per-character
generators cost several microseconds a value; tests check both agree on random values.
Nothing here logs or raises with the value it was given.
"""

from __future__ import annotations

import re
from datetime import date

from operator import mul

from pipelines.core import clock

_SEPARATORS = re.compile(r"[\s\-－—.()（）]")
_ID_SHAPE = re.compile(r"[1-9]\d{16}[\dXx]")
_MOBILE = re.compile(r"1[3-9]\d{9}")
_LANDLINE = re.compile(r"0\d{2,3}[2-9]\d{6,7}")
_EMAIL = re.compile(r"[A-Za-z0-9][A-Za-z0-9._%+\-]{0,63}@[A-Za-z0-9](?:[A-Za-z0-9\-]{0,62}\.)+[A-Za-z]{2,12}")
# Province abbreviations of GA 36 plates, plus 使/领 of embassy and consulate plates.
PLATE_PROVINCES = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼使领"
_PLATE = re.compile(
    rf"[{PLATE_PROVINCES}][A-HJ-NP-Z][·•\s]?"
    r"(?:[A-HJ-NP-Z0-9]{5,6}|[A-HJ-NP-Z0-9]{4}[挂学警港澳])"
)
_PASSPORT = re.compile(r"(?:[EGDSP]\d{8}|E[A-HJ-NP-Z]\d{7})")
_DATE = re.compile(r"((?:19|20)\d{2})(?:[-/.年]?)(\d{1,2})(?:[-/.月]?)(\d{1,2})?日?")


def compact(value: str) -> str:
    """The value without spaces, dashes and brackets (how numbers are written by hand)."""
    return value if value.isalnum() else _SEPARATORS.sub("", value)  # none of those is alphanumeric


def resident_id_shape(value: str) -> bool:
    """Looks like an 18-character resident ID (17 digits + digit or X/x), whatever its checksum."""
    return _ID_SHAPE.fullmatch(compact(value)) is not None


def resident_id_valid(value: str) -> bool:
    """A valid GB 11643 resident ID: shape, check character (x or X) and a real birth date not in the future.

    The area code is not looked up (`stdnum.cn.ric.is_valid` does, against the code table of the
    birth year: it rejects real IDs whose code changed later, and costs ~50 µs a value in bulk text).
    """
    v = compact(value).upper()
    if _ID_SHAPE.fullmatch(v) is None or resident_id_check(v[:17]) != v[17]:
        return False
    try:
        born = date(int(v[6:10]), int(v[10:12]), int(v[12:14]))
    except ValueError:
        return False
    return date(1900, 1, 1) <= born <= clock.today()


def resident_id_check(first17: str) -> str:
    """The GB 11643 check character of 17 digits: Σ dᵢ·(2^(17−i) mod 11) is the value of the digits
    read in base 13 times 2, mod 11 (13 ≡ 2), so `int(…, 13)` computes the weighted sum in C."""
    return "10X98765432"[2 * int(first17, 13) % 11]


_USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_SHAPE = re.compile(r"\d{8}[0-9A-HJ-NPQRTUWXY]{10}")
_USCC_CODES = str.maketrans({c: chr(i) for i, c in enumerate(_USCC_ALPHABET)})
_USCC_WEIGHTS = tuple(pow(3, i, 31) for i in range(17))


def uscc_valid(value: str) -> bool:
    """A valid GB 32100 unified social credit code: 8 digits (registration office, type, area), 10
    characters of the 31-character alphabet, and the check character (weights 3^(i−1) mod 31)."""
    v = compact(value).upper()
    if _USCC_SHAPE.fullmatch(v) is None:
        return False
    total = sum(map(mul, v[:17].translate(_USCC_CODES).encode(), _USCC_WEIGHTS))
    return _USCC_ALPHABET[(31 - total % 31) % 31] == v[17]


def card_digits(value: str) -> str | None:
    """The 16–19 digits of a bank-card-like value (spaces and dashes allowed), else None."""
    v = compact(value)
    return v if v.isdigit() and v.isascii() and 16 <= len(v) <= 19 else None


_LUHN_DOUBLE = bytes.maketrans(b"0123456789", b"0246813579")  # 2d, minus 9 when above 9


def luhn_valid(digits: str) -> bool:
    """The Luhn (mod 10) check used by payment cards: from the right, every second digit doubled."""
    if not (digits.isdigit() and digits.isascii()):
        return False
    b = digits.encode()[::-1]
    odd, even = b[0::2], b[1::2].translate(_LUHN_DOUBLE)
    return (sum(odd) + sum(even) - 48 * len(b)) % 10 == 0


def bank_card_valid(value: str) -> bool:
    """16–19 digits passing Luhn. Some old cards fail Luhn: callers add context words, not this rule."""
    digits = card_digits(value)
    return digits is not None and luhn_valid(digits)


def unionpay_prefix(value: str) -> bool:
    """Starts with 62, the UnionPay prefix most Chinese debit cards carry."""
    digits = card_digits(value)
    return digits is not None and digits.startswith("62")


def mobile_digits(value: str) -> str | None:
    """The 11 national digits of a mainland mobile number written with +86/0086, spaces or dashes."""
    v = compact(value)
    for prefix in ("+86", "0086", "86"):
        if v.startswith(prefix) and len(v) == 11 + len(prefix):
            v = v[len(prefix):]
            break
    return v if _MOBILE.fullmatch(v) else None


def mobile_valid(value: str) -> bool:
    """A mainland mobile number: 1[3-9] + 9 digits, optionally with +86, spaces or dashes."""
    return mobile_digits(value) is not None


def landline_valid(value: str) -> bool:
    """A landline with area code (0591-87654321, (0591)8765432), an optional extension dropped."""
    v = compact(re.split(r"转|ext|分机|#", value, maxsplit=1)[0])
    if v.startswith("+86"):
        v = "0" + v[3:]
    return _LANDLINE.fullmatch(v) is not None


def email_valid(value: str) -> bool:
    """An e-mail address (local part @ domain with a top-level label)."""
    return _EMAIL.fullmatch(value.strip()) is not None


def plate_shape(value: str) -> bool:
    """The GA 36 shape: province char + letter (I and O never occur) + 5 letters/digits (6 for
    new-energy cars, 闽AD12345) or 4 and a 挂/学/警/港/澳 suffix, with an optional · after the letter."""
    return _PLATE.fullmatch(value.strip().upper()) is not None


def plate_digits(value: str) -> int:
    """How many digits the plate's serial holds (闽AWWX12: 2)."""
    return sum(c.isdigit() for c in value[2:])


def plate_valid(value: str) -> bool:
    """A licence plate: the GA 36 shape with at least one digit in the serial (闽A12345, 闽AD12345,
    闽AWWX12). A serial of letters only (闽ABCDEF) is far more often a word in capitals than a plate."""
    return plate_shape(value) and plate_digits(value.strip()) >= 1


def passport_valid(value: str) -> bool:
    """A PRC passport number: E/G/D/S/P + 8 digits, or E + letter + 7 digits."""
    return _PASSPORT.fullmatch(value.strip().upper()) is not None


def parse_date(value: str) -> date | None:
    """A calendar date written as 1990-01-02, 1990/1/2, 19900102, 1990年1月2日 or 1990-01 (day 1)."""
    m = _DATE.fullmatch(value.strip())
    if m is None:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3) or 1))
    except ValueError:
        return None


def birth_date_valid(value: str) -> bool:
    """A date between 1900 and today (a birth date is not in the future)."""
    d = parse_date(value)
    return d is not None and date(1900, 1, 1) <= d <= clock.today()
