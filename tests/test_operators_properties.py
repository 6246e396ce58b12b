"""Properties every operator keeps, checked by hypothesis on generated columns."""

from __future__ import annotations

from datetime import date
import duckdb
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipelines.core.vocab import FieldType, FindingKind
from tests.test_operators import mask, mask_columns

K = FindingKind
SETTINGS = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Any text a cell may hold (no NUL, no surrogates), and some realistic identifiers.
cell = st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), min_size=1, max_size=24)
phone = st.from_regex(r"1[3-9][0-9]{9}", fullmatch=True)
names = st.text(alphabet=st.sampled_from(list("王李张刘陈杨欧阳诸葛伟芳娜敏静丽强磊军洋")), min_size=1, max_size=4)
column = st.lists(st.one_of(st.none(), cell, phone, names), min_size=1, max_size=30)

SHAPE_KEEPING = [
    ({"operator": "redact"}, None, FieldType.STRING),
    ({"operator": "partial_mask"}, K.PERSON_NAME, FieldType.STRING),
    ({"operator": "partial_mask"}, K.MOBILE_PHONE, FieldType.STRING),
    ({"operator": "partial_mask"}, K.RESIDENT_ID, FieldType.STRING),
    ({"operator": "partial_mask"}, K.EMAIL, FieldType.STRING),
    ({"operator": "pseudonymize"}, K.MOBILE_PHONE, FieldType.STRING),
    ({"operator": "fake"}, K.PERSON_NAME, FieldType.STRING),
    ({"operator": "fake"}, K.RESIDENT_ID, FieldType.STRING),
    ({"operator": "generalize"}, K.ADDRESS, FieldType.STRING),
    ({"operator": "generalize"}, K.BIRTH_DATE, FieldType.DATE),
    ({"operator": "generalize"}, K.COMMERCIAL_SECRET, FieldType.NUMBER),
    ({"operator": "top_bottom_code", "upper_quantile": 0.5}, None, FieldType.NUMBER),
    ({"operator": "publish"}, None, FieldType.STRING),
]


@SETTINGS
@given(values=column)
def test_rows_schema_and_nulls_are_kept(values: list[str | None]) -> None:
    rows, records, columns = mask_columns(values, SHAPE_KEEPING)
    assert columns == ["_row"] + [f"c{i}" for i in range(len(SHAPE_KEEPING))]
    assert [r[0] for r in rows] == list(range(1, len(values) + 1))
    for original, row in zip(values, rows):
        if original is None:
            assert set(row[1:]) == {None}  # absence stays absence
    assert all(r["rows_suppressed"] == 0 for r in records)


NEVER_EQUAL = [
    ({"operator": "redact"}, None, FieldType.STRING),
    ({"operator": "redact", "text": "[已脱敏]"}, None, FieldType.STRING),
    ({"operator": "partial_mask"}, None, FieldType.STRING),
    ({"operator": "partial_mask"}, K.PERSON_NAME, FieldType.STRING),
    ({"operator": "partial_mask"}, K.MOBILE_PHONE, FieldType.STRING),
    ({"operator": "partial_mask"}, K.RESIDENT_ID, FieldType.STRING),
    ({"operator": "partial_mask"}, K.EMAIL, FieldType.STRING),
    ({"operator": "partial_mask"}, K.BANK_CARD, FieldType.STRING),
    ({"operator": "partial_mask", "keep_first": 5, "keep_last": 5}, None, FieldType.STRING),
    ({"operator": "pseudonymize"}, None, FieldType.STRING),
    ({"operator": "pseudonymize"}, K.MOBILE_PHONE, FieldType.STRING),
    ({"operator": "fake"}, K.PERSON_NAME, FieldType.STRING),
    ({"operator": "fake"}, K.MOBILE_PHONE, FieldType.STRING),
    ({"operator": "fake"}, K.RESIDENT_ID, FieldType.STRING),
    ({"operator": "fake"}, K.EMAIL, FieldType.STRING),
    ({"operator": "fake"}, K.LICENSE_PLATE, FieldType.STRING),
]


@SETTINGS
@given(values=column)
def test_a_masked_value_never_equals_its_original(values: list[str | None]) -> None:
    # Values spelt with the mask character or equal to the redaction text hide nothing and are excluded.
    values = [v for v in values if v is None or ("*" not in v and v not in ("***", "[已脱敏]"))] or [None]
    rows, _, _ = mask_columns(values, NEVER_EQUAL)
    for original, row in zip(values, rows):
        if original is not None:
            for (policy, pii, _), masked in zip(NEVER_EQUAL, row[1:]):
                assert masked != original, (policy, pii)


@SETTINGS
@given(values=st.lists(st.one_of(phone, names, cell), min_size=1, max_size=20, unique=True), shift=st.integers(0, 5))
def test_pseudonyms_are_consistent_across_runs_and_datasets(values: list[str], shift: int) -> None:
    first = mask(values, {"operator": "pseudonymize"}, pii=K.MOBILE_PHONE)
    # Another dataset: other rows around the same values, another connection, another order.
    other_values = ["其他"] * shift + list(reversed(values))
    second = mask(other_values, {"operator": "pseudonymize"}, pii=K.MOBILE_PHONE, con=duckdb.connect())
    assert dict(zip(values, first)) == dict(zip(other_values[shift:], second[shift:]))
    # Without a kind nothing is normalized: distinct values get distinct tokens.
    assert len(set(mask(values, {"operator": "pseudonymize"}, pii=None))) == len(values)


@SETTINGS
@given(values=st.lists(names, min_size=1, max_size=20))
def test_fakes_are_consistent_across_datasets(values: list[str]) -> None:
    first = mask(values, {"operator": "fake"}, pii=K.PERSON_NAME)
    second = mask(list(reversed(values)), {"operator": "fake"}, pii=K.PERSON_NAME, con=duckdb.connect())
    assert first == list(reversed(second))


DATE_FORMATS = ["%Y-%m-%d", "%Y/%m/%d", "%Y%m%d", "%Y年%m月%d日", "%Y.%m.%d"]


@SETTINGS
@given(days=st.lists(st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31)), min_size=1, max_size=20),
       fmt=st.sampled_from(DATE_FORMATS))
def test_generalized_dates_keep_their_year(days: list[date], fmt: str) -> None:
    values = [d.strftime(fmt) for d in days]
    assert mask(values, {"operator": "generalize", "to": "year"}, ftype=FieldType.DATE) == [str(d.year) for d in days]
    assert mask(values, {"operator": "generalize", "to": "year_month"}, ftype=FieldType.DATE) == [d.strftime("%Y-%m") for d in days]


@SETTINGS
@given(xs=st.lists(st.floats(min_value=-1e9, max_value=1e9, allow_nan=False), min_size=1, max_size=20))
def test_number_bands_contain_their_value(xs: list[float]) -> None:
    out = mask([repr(x) for x in xs], {"operator": "generalize", "to": "range"}, ftype=FieldType.NUMBER)
    for x, band in zip(xs, out):
        assert band is not None
        if x < 0:
            hi, lo = band[1:].split("--")
            assert float(hi) >= -x >= float(lo) * (1 - 1e-9)
        else:
            lo, hi = band.split("-")
            assert float(lo) * (1 - 1e-9) <= x <= float(hi)
