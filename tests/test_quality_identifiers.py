"""The SQL identifier checks agree with python-stdnum on thousands of values; display masks never
reveal more than the standard masks."""

from __future__ import annotations

import random
import re
from datetime import date, timedelta

import duckdb
import pytest
from stdnum import luhn
from stdnum.cn import ric, uscc

from pipelines.core.spec.model import FieldSpec
from quality import display
from quality import identifiers as ids
from tests.test_quality_fixtures import credit_code, luhn_card, resident_id

RNG = random.Random(11643)


def _eval(values: list[str], validity_of) -> list[bool]:  # type: ignore[no-untyped-def]
    """Evaluate a layered validity over a table of values, as the engine does."""
    con = duckdb.connect()
    con.execute("CREATE TABLE t AS SELECT unnest(?::VARCHAR[]) AS v, generate_subscripts(?::VARCHAR[], 1) AS i", [values, values])
    v = validity_of('"v"', lambda name: f"x_{name}")
    source = "t"
    for layer in v.layers:
        source = f"(SELECT *, {', '.join(f'{sql} AS x_{n}' for n, sql in layer.items())} FROM {source})"
    rows = con.execute(f"SELECT coalesce({v.valid}, false) FROM {source} ORDER BY i").fetchall()
    return [bool(r[0]) for r in rows]


def _mutations(value: str, alphabet: str) -> list[str]:
    i = RNG.randrange(len(value))
    swapped = value[:i] + RNG.choice(alphabet) + value[i + 1 :]
    j = RNG.randrange(len(value) - 1)
    transposed = value[:j] + value[j + 1] + value[j] + value[j + 2 :]
    return [swapped, transposed, value[:-1], value + "1", value.lower(), " " + value]


def _id_expected(value: str) -> bool:
    """GB 11643 by python-stdnum's check digit and birth date (its region table is not our rule)."""
    if not re.fullmatch(r"[0-9]{17}[0-9Xx]", value):
        return False
    try:
        ric.get_birth_date(value)
    except Exception:  # noqa: BLE001  (stdnum raises InvalidComponent for an impossible date)
        return False
    return ric.calc_check_digit(value) == value[-1].upper()


def test_resident_id_matches_stdnum() -> None:
    values: list[str] = []
    for _ in range(600):
        birth = date(1930, 1, 1) + timedelta(days=RNG.randrange(0, 30000))
        good = resident_id(f"{RNG.randrange(110000, 659999)}", birth, RNG.randrange(1000))
        values += [good, *_mutations(good, "0123456789X")]
    values += ["11010519491231002X", "11010519491231002x", "110105194912310021", "110105194902300021", "", "ABCDEFGHIJKLMNOPQR"]
    got = _eval(values, ids.resident_id)
    for value, ok in zip(values, got):
        assert ok == _id_expected(value), value
    assert ric.is_valid("11010519491231002X") and got[-6] and got[-5]  # stdnum's own example, upper and lower x
    assert sum(got) >= 600


def _uscc_expected(value: str) -> bool:
    """GB 32100 by python-stdnum's check character (stdnum also demands 8 leading digits; GB 32100 does not)."""
    up = value.upper()
    return len(up) == 18 and all(c in ids.USCC_ALPHABET for c in up) and uscc.calc_check_digit(up) == up[-1]


def test_credit_code_matches_stdnum() -> None:
    alphabet = ids.USCC_ALPHABET
    values: list[str] = []
    for _ in range(600):
        body = RNG.choice("123456789Y") + RNG.choice("123459") + "".join(RNG.choice("0123456789") for _ in range(6))
        good = credit_code(body + "".join(RNG.choice(alphabet) for _ in range(9)))
        values += [good, *_mutations(good, alphabet)]
    values += ["91350100MA2XXXXX0X", "913501007053XXXXXX", "I1350100MA2Y0Q9P7F"]
    got = _eval(values, ids.credit_code)
    for value, ok in zip(values, got):
        assert ok == _uscc_expected(value), value
    assert sum(got) >= 600


def test_bank_card_luhn_matches_stdnum_for_unionpay() -> None:
    values: list[str] = []
    for _ in range(600):
        good = luhn_card(RNG.choice(["62", "622848", "621700"]), RNG.choice([16, 17, 18, 19]), RNG)
        values += [good, *_mutations(good, "0123456789")]
    values += ["6228 4800 1234 5678 903", "4111111111111112", "411111111111111", "62284800123456789012"]
    got = _eval(values, ids.bank_card)
    for value, ok in zip(values, got):
        digits = value.replace(" ", "").replace("-", "")
        expected = digits.isdigit() and 16 <= len(digits) <= 19 and (not digits.startswith("62") or luhn.is_valid(digits))
        assert ok == expected, value
    assert got[-3] is True  # a 16-digit non-UnionPay card is not held to Luhn


@pytest.mark.parametrize(
    ("value", "landline", "ok"),
    [
        ("13812345678", False, True), ("+86 138 1234 5678", False, True), ("138-1234-5678", False, True),
        ("008613812345678", False, True), ("12812345678", False, False), ("1381234567", False, False),
        ("电话13812345678", False, False), ("0591-87654321", True, True), ("(0591)87654321", True, True),
        ("87654321", True, True), ("0591-96889", True, False), ("12345", True, False),
    ],
)
def test_phone_formats(value: str, landline: bool, ok: bool) -> None:
    con = duckdb.connect()
    assert con.execute(f"SELECT {ids.phone_sql('?', landline)}", [value]).fetchone()[0] is ok  # type: ignore[index]


def _field(**kw: object) -> FieldSpec:
    base: dict[str, object] = {"name": "x", "source_column": "x", "label": "x"}
    if kw.get("pii") and kw["pii"] != "company_credit_code":
        base["policy"] = "redact"
    return FieldSpec.model_validate(base | kw)


def test_display_masks() -> None:
    assert display.mask("350102199001011234", _field(pii="resident_id")) == "350102********1234"
    assert display.mask("13812345678", _field(pii="mobile_phone")) == "138****5678"
    assert display.mask("6228480012345678903", _field(pii="bank_card")) == "6228***********8903"
    assert display.mask("王小明", _field(pii="person_name")) == "王**"
    assert display.mask("wang@example.com", _field(pii="email")).startswith("w***@")
    assert display.mask("1990-01-01", _field(pii="birth_date")) == "****-**-**"
    assert display.mask("年营业额三千万", _field(pii="commercial_secret")) == "*******"
    # Not personal, but a free string column: the generic mask shows at most a third.
    assert display.mask("福州市鼓楼区五四路", _field()) == "福*******路"
    assert display.mask("李小明", _field()) == "李**"
    assert display.mask("张三", _field()) == "**"
    # Typed and enumerated non-personal values appear as they are — unless shaped like an identifier.
    assert display.mask("150", _field(type="integer")) == "150"
    assert display.mask("外星区", _field(enum=["鼓楼区"])) == "外星区"
    assert display.mask("13812345678", _field(type="integer")) == "1*********8"
    assert display.mask("男", _field(enum=["男", "女"], quasi_identifier=True)) == "*"
    assert display.mask(None, _field()) is None


def test_masks_never_return_a_long_value_unchanged() -> None:
    kinds = [None, "person_name", "resident_id", "mobile_phone", "landline_phone", "email", "address",
             "bank_card", "license_plate", "passport", "birth_date", "company_credit_code", "commercial_secret"]
    for kind in kinds:
        f = _field(pii=kind) if kind else _field()
        for n in range(1, 40):
            value = "".join(RNG.choice("0123456789ABCabc福州") for _ in range(n))
            assert display.mask(value, f) != value, (kind, value)
