"""The fast identifier detectors as DuckDB SQL: does a cell hold an identifier anywhere in it?

`desensitize.detect.rules` judges one value in Python, which is what the column sample uses. The
fail-closed gate must look at *every* row of every column published as it is, so the same facts
(DESIGN.md §4) are written here as SQL that DuckDB evaluates inside one scan of the working table.

Each predicate takes the SQL of a VARCHAR cell and returns a BOOLEAN expression, TRUE when the cell
holds at least one identifier of the kind, on its own or inside text. Identifiers are bounded by
characters that cannot continue them (RE2 has no look-arounds, so the boundary is matched as an
optional neighbour); checksums (resident ID, credit code, Luhn) are computed per candidate in a list
lambda, and the cheap `regexp_matches` prefilter keeps that lambda off the cells that cannot match.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from pipelines.core.sql import quote_literal
from pipelines.core.vocab import FindingKind

from desensitize.detect.rules import PLATE_PROVINCES

ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK = "10X98765432"
USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = tuple(pow(3, i, 31) for i in range(17))

_ID_BIRTH = r"(?:18|19|20)[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])"  # a resident ID's birth date
_ID_TOKEN = rf"(?:^|[^0-9])([1-9][0-9]{{5}}{_ID_BIRTH}[0-9]{{3}}[0-9Xx])(?:$|[^0-9A-Za-z])"
# The same, parted into area, birth date and sequence by a space or a hyphen, as the whole cell (350121 19471004 9702).
_ID_PARTED = rf"[1-9][0-9]{{5}}[ -]?{_ID_BIRTH}[ -]?[0-9]{{3}}[0-9Xx]"
_USCC_TOKEN = r"(?:^|[^0-9A-Z])([0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10})(?:$|[^0-9A-Z])"
# Not inside a run of letters and digits: the 16 digits that open a credit code are not a card.
_CARD_TOKEN = r"(?:^|[^0-9A-Za-z])([0-9]{16,19})(?:$|[^0-9A-Za-z])"
_MOBILE = r"(?:^|[^0-9A-Za-z])(?:\+?86|0086)?[ -]?(?:1[3-9][0-9]|[(（]1[3-9][0-9][)）] ?)(?:[ .—-]?[0-9]){8}(?:$|[^0-9A-Za-z])"
_EMAIL = r"[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}\.)+[A-Za-z]{2,12}"
# GA 36: province + letter + 5 (6 for new-energy) letters/digits with at least one digit, or 4 and a
# special character; not inside a longer run of letters and digits.
_PLATE = (
    rf"(?:^|[^A-Za-z0-9])[{PLATE_PROVINCES}][A-HJ-NP-Z][·• ]?"
    r"(?:[A-HJ-NP-Z0-9]{0,5}[0-9][A-HJ-NP-Z0-9]{0,5}|[A-HJ-NP-Z0-9]{4}[挂学警港澳])(?:$|[^A-Za-z0-9])"
)


def _id_checksum(x: str) -> str:
    total = " + ".join(f"coalesce(TRY_CAST(substr({x}, {i + 1}, 1) AS INTEGER), 0) * {w}" for i, w in enumerate(ID_WEIGHTS))
    return f"substr('{ID_CHECK}', CAST(({total}) % 11 AS INTEGER) + 1, 1) = upper(substr({x}, 18, 1))"


def _id_valid(x: str) -> str:
    """The whole of `x` is a resident ID: 17 digits and a check character, a real birth date of a year 18xx, 19xx
    or 20xx (DuckDB parses the year 0295 too), the checksum."""
    return (
        f"(regexp_full_match({x}, '[0-9]{{6}}(?:18|19|20)[0-9]{{9}}[0-9Xx]') "
        f"AND try_strptime(substr({x}, 7, 8), '%Y%m%d') IS NOT NULL AND {_id_checksum(x)})"
    )


def _uscc_checksum(x: str) -> str:
    terms = " + ".join(f"(instr('{USCC_ALPHABET}', substr({x}, {i + 1}, 1)) - 1) * {w}" for i, w in enumerate(USCC_WEIGHTS))
    return f"substr('{USCC_ALPHABET}', ((31 - (({terms}) % 31)) % 31) + 1, 1) = substr({x}, 18, 1)"


def _luhn(x: str) -> str:
    # Digit k from the right of a 16–19 digit string; positions past its length are 0, as Luhn wants.
    r = f"reverse({x})"
    terms = []
    for k in range(1, 20):
        d = f"coalesce(TRY_CAST(substr({r}, {k}, 1) AS INTEGER), 0)"
        terms.append(d if k % 2 else f"(2 * {d} - 9 * CAST({d} > 4 AS INTEGER))")
    return f"(({' + '.join(terms)}) % 10) = 0"


def _any_token(col: str, prefilter: str, token: str, valid: str) -> str:
    """TRUE when some `token` match (group 1) in the cell passes `valid` (a lambda body over x)."""
    tokens = f"regexp_extract_all({col}, {quote_literal(token)}, 1)"
    return f"(CASE WHEN regexp_matches({col}, {quote_literal(prefilter)}) THEN len(list_filter({tokens}, lambda x: {valid})) > 0 ELSE false END)"


def _guarded(guard: str, predicate: str) -> str:
    # The cheapest test first: most cells of a column published as it is (dates, amounts, districts)
    # are too short to hold an identifier. A CASE, not an AND: in an aggregate's FILTER DuckDB
    # evaluates both sides of an AND on every row, but a THEN branch only on the rows its WHEN selects.
    return f"(CASE WHEN {guard} THEN {predicate} ELSE false END)"


def _whole_cell(col: str, shape: str, valid: str) -> str:
    """The whole cell has `shape` (a regex) and, its spaces and hyphens taken out, passes `valid` (SQL over `x`):
    a number written as people part it (6222 0212 3456 7890, 350121 19471004 9702). The check runs only on a cell
    of that shape."""
    parted = f"replace(replace({col}, ' ', ''), '-', '')"
    return f"(CASE WHEN regexp_full_match({col}, '{shape}') THEN len(list_filter([{parted}], lambda x: {valid})) > 0 ELSE false END)"


def _long(col: str, chars: int) -> str:
    return f"length({col}) >= {chars}"


def resident_id_sql(col: str) -> str:
    """A GB 11643 resident ID (real birth date, mod-11 check character) somewhere in the cell, or as the whole cell
    parted into area, birth date and sequence by spaces or hyphens (350102 19850312 0034)."""
    in_text = _any_token(col, "[0-9]{17}", _ID_TOKEN, _id_valid("x"))
    return _guarded(_long(col, 18), f"({in_text} OR {_whole_cell(col, _ID_PARTED, _id_valid('x'))})")


def credit_code_sql(col: str) -> str:
    """A GB 32100 unified social credit code (mod-31 check character) somewhere in the cell."""
    up = f"upper({col})"
    # An 18-digit resident ID passes the mod-31 check one time in 31: it is an ID, not a code.
    valid = f"({_uscc_checksum('x')} AND NOT {_id_valid('x')})"
    return _guarded(_long(col, 18), _any_token(up, "[0-9]{6}[0-9A-Za-z]{10}", _USCC_TOKEN, valid))


def bank_card_sql(col: str) -> str:
    """A 16–19 digit number passing Luhn that is not a resident ID or credit code, in the cell or as the whole cell
    written with spaces or dashes (6222 0212 3456 7890)."""
    # An 18-digit resident ID or credit code passes Luhn one time in ten: it is that, not a card.
    not_id = f"NOT (length(x) = 18 AND ({_id_valid('x')} OR {_uscc_checksum('x')}))"
    in_text = _any_token(col, "[0-9]{16}", _CARD_TOKEN, f"({_luhn('x')} AND {not_id})")
    whole = _whole_cell(col, "[0-9][0-9 -]{14,24}[0-9]", f"regexp_full_match(x, '[0-9]{{16,19}}') AND {_luhn('x')} AND {not_id}")
    return _guarded(_long(col, 16), f"({in_text} OR {whole})")


def mobile_sql(col: str) -> str:
    """A mainland mobile number (1[3-9] + 9 digits, +86, spaces, dashes or dots allowed, the first three in brackets
    as an area code is written: (138)1234 5678) in the cell."""
    return _guarded(_long(col, 11), f"regexp_matches({col}, {quote_literal(_MOBILE)})")


def email_sql(col: str) -> str:
    """An e-mail address in the cell."""
    return _guarded(f"contains({col}, '@')", f"regexp_matches({col}, {quote_literal(_EMAIL)})")


def plate_sql(col: str) -> str:
    """A GA 36 licence plate with at least one digit in its serial, in the cell."""
    return _guarded(_long(col, 7), f"regexp_matches(upper({col}), {quote_literal(_PLATE)})")


@dataclass(frozen=True)
class SqlRule:
    """One fast detector: its rule key, the kind it finds, and the builder of its SQL predicate."""

    key: str
    kind: FindingKind
    predicate: Callable[[str], str]  # quoted column SQL -> BOOLEAN SQL


# Checksums first, as in the column sample's VALUE_RULES.
SQL_RULES: tuple[SqlRule, ...] = (
    SqlRule("resident_id_checksum", FindingKind.RESIDENT_ID, resident_id_sql),
    SqlRule("uscc_checksum", FindingKind.COMPANY_CREDIT_CODE, credit_code_sql),
    SqlRule("mobile_format", FindingKind.MOBILE_PHONE, mobile_sql),
    SqlRule("bank_card_luhn", FindingKind.BANK_CARD, bank_card_sql),
    SqlRule("plate_format", FindingKind.LICENSE_PLATE, plate_sql),
    SqlRule("email_format", FindingKind.EMAIL, email_sql),
)
