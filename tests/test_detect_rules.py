"""Identifier rules and the column classifier: valid and checksum-failing values of every kind."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from stdnum import luhn
from stdnum.cn import ric, uscc

from desensitize.detect import rules
from desensitize.detect.columns import classify_column
from desensitize.detect.headers import match_header, release_name
from pipelines.core.vocab import FindingKind as K

_W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]


def make_id(first17: str, lower: bool = False) -> str:
    """A resident ID with its GB 11643 check character."""
    check = "10X98765432"[sum(int(d) * w for d, w in zip(first17, _W)) % 11]
    return first17 + (check.lower() if lower else check)


def make_card(prefix: str, length: int) -> str:
    """A card number of `length` digits passing Luhn."""
    body = prefix + "0" * (length - len(prefix) - 1)
    return body + luhn.calc_check_digit(body)


VALID_ID = make_id("35010219850312003")  # Fuzhou Gulou, born 1985-03-12
ID_LOWER_X = "11010519491231002x"  # the GB 11643 example, check character written lower case
BAD_CHECK_ID = VALID_ID[:-1] + ("0" if VALID_ID[-1] != "0" else "1")
BAD_DATE_ID = make_id("35010219851332003")  # month 13, checksum right
FUTURE_ID = make_id("35010220990101003")
CARD_62 = make_card("621700", 19)
CARD_62_NO_LUHN = CARD_62[:-1] + str((int(CARD_62[-1]) + 1) % 10)
CARD_VISA = make_card("411111", 16)


@pytest.mark.parametrize(
    ("check", "value", "expected"),
    [
        (rules.resident_id_valid, VALID_ID, True),
        (rules.resident_id_valid, ID_LOWER_X, True),
        (rules.resident_id_valid, ID_LOWER_X.upper(), True),
        (rules.resident_id_valid, BAD_CHECK_ID, False),
        (rules.resident_id_valid, BAD_DATE_ID, False),
        (rules.resident_id_valid, FUTURE_ID, False),
        (rules.resident_id_valid, VALID_ID[:17], False),
        (rules.resident_id_shape, BAD_CHECK_ID, True),
        (rules.uscc_valid, "91350100M000100Y43", True),
        (rules.uscc_valid, "91350100M000100Y44", False),
        (rules.uscc_valid, "91350100M000100Y4", False),
        (rules.bank_card_valid, CARD_62, True),
        (rules.bank_card_valid, CARD_62_NO_LUHN, False),
        (rules.bank_card_valid, CARD_VISA, True),
        (rules.bank_card_valid, " ".join(CARD_VISA[i:i + 4] for i in range(0, 16, 4)), True),
        (rules.bank_card_valid, "123456789012345", False),
        (rules.unionpay_prefix, CARD_62_NO_LUHN, True),
        (rules.mobile_valid, "13812345678", True),
        (rules.mobile_valid, "+86 138 1234 5678", True),
        (rules.mobile_valid, "+86-138-1234-5678", True),
        (rules.mobile_valid, "0086 13812345678", True),
        (rules.mobile_valid, "8613812345678", True),
        (rules.mobile_valid, "138-1234-5678", True),
        (rules.mobile_valid, "12812345678", False),
        (rules.mobile_valid, "1381234567", False),
        (rules.landline_valid, "0591-87654321", True),
        (rules.landline_valid, "(0591)87654321", True),
        (rules.landline_valid, "（0591）8765432", True),
        (rules.landline_valid, "0591 87654321转123", True),
        (rules.landline_valid, "87654321", False),
        (rules.landline_valid, "0591-0765432", False),
        (rules.email_valid, "wang.xiaoming@163.com", True),
        (rules.email_valid, "a_b+tag@mail.fz.gov.cn", True),
        (rules.email_valid, "wang@163", False),
        (rules.email_valid, "@163.com", False),
        (rules.plate_valid, "闽A12345", True),
        (rules.plate_valid, "闽AD12345", True),
        (rules.plate_valid, "闽A12345D", True),
        (rules.plate_valid, "闽A·B1234", True),
        (rules.plate_valid, "闽I12345", False),
        (rules.plate_valid, "闽A1234", False),
        (rules.plate_valid, "闽ABCDEF", False),  # no digit at all: a word in capitals
        (rules.plate_valid, "闽AWWX12", True),  # few digits, as the sample extracts write them
        (rules.plate_valid, "闽A0QKF0", True),
        (rules.plate_valid, "闽AF26895", True),  # new-energy, 6 characters
        (rules.plate_valid, "闽A1234567", False),
        (rules.passport_valid, "E12345678", True),
        (rules.passport_valid, "EA1234567", True),
        (rules.passport_valid, "G12345678", True),
        (rules.passport_valid, "E1234567", False),
        (rules.passport_valid, "EI1234567", False),
        (rules.birth_date_valid, "1985-03-12", True),
        (rules.birth_date_valid, "1985年3月12日", True),
        (rules.birth_date_valid, "19850312", True),
        (rules.birth_date_valid, "1985-02-30", False),
        (rules.birth_date_valid, "2099-01-01", False),
    ],
)
def test_identifier_rules(check: object, value: str, expected: bool) -> None:
    assert check(value) is expected  # type: ignore[operator]


_DIGITS = st.text("0123456789", min_size=1, max_size=22)
_USCC = st.builds(
    lambda head, body: head + body,
    st.text("0123456789", min_size=8, max_size=8),
    st.text("0123456789ABCDEFGHJKLMNPQRTUWXYIOSVZ", min_size=10, max_size=10),
)


@settings(max_examples=400, deadline=None)
@given(_DIGITS, st.text("0123456789", min_size=17, max_size=17), _USCC)
def test_fast_checksums_agree_with_python_stdnum(digits: str, first17: str, code: str) -> None:
    """rules.py computes the checksums over bytes for speed; python-stdnum is the reference."""
    assert rules.luhn_valid(digits) is luhn.is_valid(digits)
    assert rules.resident_id_check(first17) == ric.calc_check_digit(first17 + "0")
    assert rules.uscc_valid(code) is uscc.is_valid(code)
    if all(c in "0123456789ABCDEFGHJKLMNPQRTUWXY" for c in code[:17]):
        valid = code[:17] + uscc.calc_check_digit(code[:17] + "0")
        assert rules.uscc_valid(valid) and uscc.is_valid(valid)


def _col(kind: K, values: list[str], header: str = "字段") -> tuple[str, list[str], K | None]:
    return header, values, kind


@pytest.mark.parametrize(
    ("header", "values", "kind"),
    [
        ("编号", [VALID_ID, ID_LOWER_X, make_id("35010319900101005")] * 10, K.RESIDENT_ID),
        ("证件号码", [BAD_CHECK_ID] * 30, K.RESIDENT_ID),  # mistyped IDs are still IDs (shape rule)
        ("字段", ["91350100M000100Y43"] * 30, K.COMPANY_CREDIT_CODE),
        ("字段", [CARD_62, CARD_VISA] * 15, K.BANK_CARD),
        ("开户账号", [CARD_62_NO_LUHN] * 30, K.BANK_CARD),
        ("字段", ["13812345678", "+86 139 1234 5678", "150-1234-5678", "0086 18612345678"] * 8, K.MOBILE_PHONE),
        ("联系方式", ["0591-87654321", "(0591)87654322", "0591 8765432"] * 10, K.LANDLINE_PHONE),
        ("字段", ["wang.xiaoming@163.com", "li@fz.gov.cn"] * 15, K.EMAIL),
        ("字段", ["闽A12345", "闽AD12345", "闽A·B1234"] * 10, K.LICENSE_PLATE),
        ("字段", ["E12345678", "EA1234567"] * 15, K.PASSPORT),
        ("出生年月", ["1985-03-12", "1990年1月2日"] * 15, K.BIRTH_DATE),
        ("姓名", [], K.PERSON_NAME),  # header alone, no values: still flagged (fail closed)
        ("联系人", ["张伟", "王秀英", "欧阳明轩", "林晓峰", "陈静", "郑丽娟", "李娜", "黄一鸣"] * 4, K.PERSON_NAME),
        ("营业收入（万元）", ["1200.5", "380", "99"] * 10, K.COMMERCIAL_SECRET),
        ("供应商", ["福州某某建材有限公司"] * 30, K.COMMERCIAL_SECRET),
        ("所属区县", ["鼓楼区", "台江区", "马尾区", "晋安区"] * 10, None),  # surname-initial districts are not names
        ("处罚决定书文号", ["榕市监罚〔2023〕12号"] * 30, None),
    ],
)
def test_classify_column(header: str, values: list[str], kind: K | None) -> None:
    d = classify_column(header, values)
    assert d.kind is kind
    assert 0.0 <= d.confidence <= 1.0
    # Evidence is rule keys and counts: no sampled value appears in it.
    text = repr(d.evidence)
    assert not any(v in text for v in values)


def test_values_dominate_a_vague_header() -> None:
    d = classify_column("联系电话", ["0591-87654321"] * 20)
    assert d.kind is K.LANDLINE_PHONE
    d = classify_column("备用号码", [make_id("35010219850312003")] * 20)
    assert d.kind is K.RESIDENT_ID and d.evidence["value_rule"] == "resident_id_checksum"
    d = classify_column("车牌号", ["13812345678"] * 20)
    assert d.kind is K.MOBILE_PHONE and d.evidence["header_disagrees"] == "license_plate"


def test_header_without_value_evidence_is_flagged() -> None:
    d = classify_column("身份证号", ["已核验"] * 20)
    assert d.kind is K.RESIDENT_ID
    assert d.evidence["matches"] == 0 and d.confidence < 0.9


def test_free_text_column() -> None:
    values = ["户主张伟因病致贫，联系电话13812345678。", "家庭困难，子女就学。", "无"] * 10
    d = classify_column("备注", values)
    assert d.kind is None and d.free_text
    assert d.evidence["text_findings"]["mobile_phone"] == 10


def test_headers() -> None:
    assert match_header("身份证号码（必填）").kind is K.RESIDENT_ID  # type: ignore[union-attr]
    assert match_header("法定代表人身份证号").kind is K.RESIDENT_ID  # type: ignore[union-attr]
    assert match_header("E-mail").kind is K.EMAIL  # type: ignore[union-attr]
    assert match_header("站点名称") is None
    assert release_name("公民身份号码") == "resident_id"
    assert release_name("Contact Phone") == "contact_phone"
    assert release_name("某个字段") is None
