"""Masking operators, one table per operator: input values → published values, on real DuckDB tables."""

from __future__ import annotations

from typing import Any

import duckdb
import pyarrow as pa
import pytest
from stdnum.cn import ric

from desensitize.keys import hmac_hex
from desensitize.operators import KNOWN_OPERATORS, get_operator, validate_policy
from desensitize.operators.apply import ColumnPolicy, apply_policies
from desensitize.operators.base import ColumnInput, MaskEnv
from desensitize.operators.pseudonymize import token_of
from pipelines.core.vocab import FieldType, FindingKind

KEY = b"unit-test key, 32 bytes long...."
K = FindingKind
T = FieldType


def mask_table(
    values: list[str | None],
    policy: dict[str, Any],
    pii: FindingKind | None = None,
    ftype: FieldType = FieldType.STRING,
    fmt: str | None = None,
    key: bytes = KEY,
    con: duckdb.DuckDBPyConnection | None = None,
) -> tuple[list[tuple[Any, ...]], dict[str, Any], list[str]]:
    """Apply one policy to a one-column working table; return (rows, record, columns)."""
    con = con or duckdb.connect()
    data = pa.table({"_row": pa.array(range(1, len(values) + 1), pa.int64()), "c": pa.array(values, pa.string())})
    con.register("data", data)
    con.execute("CREATE OR REPLACE TABLE work AS SELECT * FROM data")
    con.unregister("data")
    rest = {k: v for k, v in policy.items() if k != "operator"}
    op = get_operator(policy["operator"])
    params = op.parse(rest)
    col = ColumnInput("c", ftype, pii, fmt)
    assert op.check_column(params, col) is None
    env = MaskEnv(con, "work", key_loader=lambda: key)
    record = apply_policies(env, [ColumnPolicy(col, op.key, op, params)])[0].as_json()
    columns = [r[0] for r in con.execute("DESCRIBE work").fetchall()]
    rows = con.execute("SELECT * FROM work ORDER BY _row").fetchall()
    return rows, record, columns


def mask_columns(
    values: list[str | None], policies: list[tuple[dict[str, Any], FindingKind | None, FieldType]]
) -> tuple[list[tuple[Any, ...]], list[dict[str, Any]], list[str]]:
    """Apply several policies in one pass, each to its own copy (c0, c1, …) of the same values."""
    con = duckdb.connect()
    data = {"_row": pa.array(range(1, len(values) + 1), pa.int64())}
    data.update({f"c{i}": pa.array(values, pa.string()) for i in range(len(policies))})
    con.register("data", pa.table(data))
    con.execute("CREATE TABLE work AS SELECT * FROM data")
    con.unregister("data")
    resolved = []
    for i, (policy, pii, ftype) in enumerate(policies):
        op = get_operator(policy["operator"])
        params = op.parse({k: v for k, v in policy.items() if k != "operator"})
        resolved.append(ColumnPolicy(ColumnInput(f"c{i}", ftype, pii), op.key, op, params))
    records = [r.as_json() for r in apply_policies(MaskEnv(con, "work", key_loader=lambda: KEY), resolved)]
    columns = [r[0] for r in con.execute("DESCRIBE work").fetchall()]
    return con.execute("SELECT * FROM work ORDER BY _row").fetchall(), records, columns


def mask(values: list[str | None], policy: dict[str, Any], **kw: Any) -> list[str | None]:
    """The masked values of one column."""
    rows, _, _ = mask_table(values, policy, **kw)
    return [r[1] for r in rows]


# --- parameter validation (runs at spec load, before any data) ---------------------------------

@pytest.mark.parametrize(
    "operator, params, reason, ok",
    [
        ("drop", {}, None, True),
        ("drop", {"keep_first": 1}, None, False),
        ("redact", {"text": "[已脱敏]"}, None, True),
        ("redact", {"text": ""}, None, False),
        ("partial_mask", {"keep_first": 3, "keep_last": 4}, None, True),
        ("partial_mask", {"keep_first": -1}, None, False),
        ("partial_mask", {"mask_char": "**"}, None, False),
        ("partial_mask", {"keep_frist": 3}, None, False),
        ("pseudonymize", {"length": 16, "prefix": "P_"}, None, True),
        ("pseudonymize", {"length": 4}, None, False),
        ("pseudonymize", {"prefix": ""}, None, False),  # a token must start with a letter
        ("pseudonymize", {"prefix": "9"}, None, False),
        ("pseudonymize", {"key": "secret"}, None, False),
        ("fake", {}, None, True),
        ("generalize", {"to": "year"}, None, True),
        ("generalize", {"to": "age_band", "width": 10}, None, True),
        ("generalize", {"to": "year", "width": 10}, None, False),
        ("generalize", {"to": "decade"}, None, False),
        ("top_bottom_code", {"upper_quantile": 0.99}, None, True),
        ("top_bottom_code", {"upper": 10, "upper_quantile": 0.9}, None, False),
        ("top_bottom_code", {}, None, False),
        ("top_bottom_code", {"lower": 5, "upper": 1}, None, False),
        ("suppress_record", {}, None, True),
        ("suppress_record", {"when": "rare", "min_count": 5}, None, True),
        ("suppress_record", {"when": "rare"}, None, False),
        ("suppress_record", {"when": "matches", "pattern": "("}, None, False),
        ("suppress_record", {"values": ["a"]}, None, False),
        ("scan_text", {"kinds": ["person_name", "mobile_phone"]}, None, True),
        ("scan_text", {"kinds": ["nickname"]}, None, False),
        ("publish", {}, "机构对外公开的办公电话", True),
        ("publish", {}, None, False),
        ("publish", {}, "  ", False),
        ("shuffle", {}, None, False),
    ],
)
def test_validate_policy(operator: str, params: dict[str, Any], reason: str | None, ok: bool) -> None:
    if ok:
        validate_policy(operator, params, reason)
    else:
        with pytest.raises(ValueError):
            validate_policy(operator, params, reason)


def test_registry_lists_every_operator() -> None:
    assert KNOWN_OPERATORS == {
        "drop", "redact", "partial_mask", "pseudonymize", "fake", "generalize",
        "top_bottom_code", "suppress_record", "scan_text", "publish",
    }


def test_validation_does_not_import_heavy_modules() -> None:
    import subprocess
    import sys

    code = (
        "import sys; from desensitize.operators import validate_policy; validate_policy('fake', {}, None); "
        "heavy = [m for m in ('duckdb', 'faker', 'presidio_analyzer', 'pyarrow', 'spacy') if m in sys.modules]; "
        "print(','.join(heavy))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == ""


# --- drop / redact / publish ---------------------------------------------------------------------

def test_drop_removes_the_column_and_counts_cells() -> None:
    rows, record, columns = mask_table(["a", None, "c"], {"operator": "drop"})
    assert columns == ["_row"]
    assert len(rows) == 3
    assert record["cells_changed"] == 2


@pytest.mark.parametrize("text", ["***", "[已脱敏]"])
def test_redact(text: str) -> None:
    rows, record, _ = mask_table(["张三", None, "13800138000"], {"operator": "redact", "text": text}, ftype=T.INTEGER)
    assert [r[1] for r in rows] == [text, None, text]
    assert record["cells_changed"] == 2
    assert record["type"] == "string"  # an integer column that now holds text


def test_publish_keeps_values() -> None:
    assert mask(["0591-87000000", None], {"operator": "publish"}) == ["0591-87000000", None]


# --- partial_mask --------------------------------------------------------------------------------

@pytest.mark.parametrize(
    "pii, value, expected",
    [
        (K.PERSON_NAME, "张三", "张*"),
        (K.PERSON_NAME, "王小明", "王**"),
        (K.PERSON_NAME, "欧阳娜娜", "欧阳**"),
        (K.PERSON_NAME, "诸葛亮", "诸葛*"),
        (K.PERSON_NAME, "欧阳", "欧*"),
        (K.PERSON_NAME, "李", "*"),
        (K.RESIDENT_ID, "350102199001011234", "350102********1234"),
        (K.RESIDENT_ID, "35010219900101123x", "350102********123X"),
        (K.MOBILE_PHONE, "13800138000", "138****8000"),
        (K.MOBILE_PHONE, "+86 138-0013-8000", "138****8000"),
        (K.MOBILE_PHONE, "138 0013 8000", "138****8000"),
        (K.MOBILE_PHONE, "无", "*"),
        (K.MOBILE_PHONE, "12345", "12***"),
        (K.BANK_CARD, "6222 0212 3456 7890", "622202******7890"),
        (K.EMAIL, "zhangsan@example.com", "z*******@example.com"),
        (K.EMAIL, "a@b.cn", "*@b.cn"),
        (K.LICENSE_PLATE, "闽A12345", "闽A****5"),
        (None, "abcdef", "a****f"),
    ],
)
def test_partial_mask_defaults_per_kind(pii: FindingKind | None, value: str, expected: str) -> None:
    assert mask([value], {"operator": "partial_mask"}, pii=pii) == [expected]


@pytest.mark.parametrize(
    "params, value, expected",
    [
        ({"keep_first": 1, "keep_last": 0}, "13800138000", "1**********"),
        ({"keep_first": 0, "keep_last": 4}, "13800138000", "*******8000"),
        ({"keep_first": 3, "keep_last": 4, "mask_char": "X"}, "13800138000", "138XXXX8000"),
        ({"keep_first": 6, "keep_last": 4}, "1234", "12**"),
        ({"keep_first": 2}, "13800138000", "13*****8000"),
    ],
)
def test_partial_mask_explicit(params: dict[str, Any], value: str, expected: str) -> None:
    assert mask([value], {"operator": "partial_mask", **params}, pii=K.MOBILE_PHONE) == [expected]


@pytest.mark.parametrize(
    "pii, params, value, expected",
    [
        (K.PERSON_NAME, {"keep_first": 1}, "王小明", "王**"),  # the other side is 0, not the generic 1
        (None, {"keep_last": 2}, "abcdef", "****ef"),
        (None, {}, "abcdef", "a****f"),
    ],
)
def test_partial_mask_one_count_given(pii: FindingKind | None, params: dict[str, Any], value: str, expected: str) -> None:
    assert mask([value], {"operator": "partial_mask", **params}, pii=pii) == [expected]


# --- pseudonymize --------------------------------------------------------------------------------

def test_pseudonym_is_hmac_sha256_of_the_normalized_value() -> None:
    out = mask(["13800138000", "+86 138-0013-8000", "13900139000", None], {"operator": "pseudonymize"}, pii=K.MOBILE_PHONE)
    assert out[0] == out[1] == token_of(KEY, "13800138000")
    assert out[2] != out[0] and len(out[2] or "") == 17  # P + 16 hex
    assert out[3] is None
    assert token_of(KEY, "13800138000") == "P" + hmac_hex(KEY, "opendata-pseudonym-v1\x1f13800138000")[:16]


def test_pseudonym_record_has_key_id_but_no_key() -> None:
    _, record, _ = mask_table(["x"], {"operator": "pseudonymize", "prefix": "P_", "length": 20})
    assert record["params"]["key_id"] and KEY.decode() not in str(record)
    assert record["params"]["length"] == 20


def test_pseudonym_depends_on_the_key() -> None:
    a = mask(["350102199001011234"], {"operator": "pseudonymize"}, pii=K.RESIDENT_ID)
    b = mask(["350102199001011234"], {"operator": "pseudonymize"}, pii=K.RESIDENT_ID, key=b"another key of enough length")
    assert a != b


def test_pseudonym_prefix_and_length() -> None:
    (out,) = mask(["张三"], {"operator": "pseudonymize", "prefix": "P_", "length": 8})
    assert out is not None and out.startswith("P_") and len(out) == 10


# --- fake ----------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    "pii, check",
    [
        (K.PERSON_NAME, lambda v: 2 <= len(v) <= 4 and all("\u4e00" <= ch <= "\u9fff" for ch in v)),
        (K.MOBILE_PHONE, lambda v: len(v) == 11 and v.isdigit() and v[0] == "1"),
        (K.RESIDENT_ID, lambda v: len(v) == 18 and ric.calc_check_digit(v) == v[-1]),
        (K.EMAIL, lambda v: v.endswith("@example.com")),
        (K.ADDRESS, lambda v: v.startswith("福州市") and v.endswith("号")),
        (K.LICENSE_PLATE, lambda v: v.startswith("闽A") and len(v) == 7),
        (K.BIRTH_DATE, lambda v: len(v) == 10 and v[4] == "-"),
        (K.BANK_CARD, lambda v: v.startswith("62") and len(v) == 16),
    ],
)
def test_fake_is_realistic_and_consistent(pii: FindingKind, check: Any) -> None:
    values = ["张三", "13800138000", "张三", None, "350102199001011234"]
    out = mask(values, {"operator": "fake"}, pii=pii)
    assert out[0] == out[2]  # same input, same fake
    assert out[3] is None
    for original, fake in zip(values, out):
        if original is not None:
            assert fake is not None and fake != original and check(fake)


def test_fake_needs_a_supported_kind() -> None:
    op = get_operator("fake")
    assert op.check_column(op.parse({}), ColumnInput("c", pii=K.COMMERCIAL_SECRET))
    assert op.check_column(op.parse({}), ColumnInput("c", pii=None))


# --- generalize ----------------------------------------------------------------------------------

@pytest.mark.parametrize(
    "params, pii, ftype, fmt, values, expected",
    [
        ({}, None, T.DATE, None, ["2020-03-15", "2020/3/5", "20200305", "2020年3月5日", "bad", None],
         ["2020-03", "2020-03", "2020-03", "2020-03", None, None]),
        ({}, K.BIRTH_DATE, T.DATE, None, ["1990-12-31", "2021-07", "1985"], ["1990", "2021", "1985"]),
        ({"to": "year"}, None, T.DATE, "%d/%m/%Y", ["31/12/1990"], ["1990"]),
        ({"to": "age_band"}, None, T.INTEGER, None, ["0", "4", "5", "37", "x"], ["0-4", "0-4", "5-9", "35-39", None]),
        ({"to": "age_band", "width": 10}, None, T.INTEGER, None, ["37", "40"], ["30-39", "40-49"]),
        ({"to": "range", "width": 100}, None, T.NUMBER, None, ["150", "250.5", "99"], ["100-200", "200-300", "0-100"]),
        ({}, K.COMMERCIAL_SECRET, T.NUMBER, None,
         ["0", "999", "1000", "1999", "2000", "5000", "12,345,678", "-3000", "n/a"],
         ["0-1", "500-1000", "1000-2000", "1000-2000", "2000-5000", "5000-10000", "10000000-20000000", "-5000--2000", None]),
        ({}, K.ADDRESS, T.STRING, None,
         ["福建省福州市鼓楼区五四路1号", "福州市晋安区鼓楼路8号", "仓山万达广场", "厦门市思明区湖滨南路", "上海市浦东新区张江路",
          "五一北路123号", "福州市五一北路金山小区", "平潭综合实验区金井湾"],
         ["鼓楼区", "晋安区", "仓山区", "厦门市思明区", "上海市浦东新区", "福州市", "福州市", "平潭县"]),
        ({"to": "city"}, K.ADDRESS, T.STRING, None, ["福建省福州市鼓楼区五四路", "厦门市思明区湖滨南路", "五一北路"],
         ["福州市", "厦门市", "其他"]),
    ],
)
def test_generalize(
    params: dict[str, Any], pii: FindingKind | None, ftype: FieldType, fmt: str | None,
    values: list[str | None], expected: list[str | None],
) -> None:
    rows, record, _ = mask_table(values, {"operator": "generalize", **params}, pii=pii, ftype=ftype, fmt=fmt)
    assert [r[1] for r in rows] == expected
    if ftype is not T.STRING:
        assert record["type"] == "string"


def test_generalize_needs_a_level_for_plain_text() -> None:
    op = get_operator("generalize")
    assert op.check_column(op.parse({}), ColumnInput("c"))
    assert op.check_column(op.parse({"to": "district"}), ColumnInput("c")) is None


# --- top_bottom_code -----------------------------------------------------------------------------

def test_top_bottom_code_bounds() -> None:
    rows, record, _ = mask_table(["1", "50", "100", "1000", "x", None], {"operator": "top_bottom_code", "lower": 10, "upper": 500}, ftype=T.INTEGER)
    assert [r[1] for r in rows] == ["10", "50", "100", "500", None, None]
    assert record["cells_changed"] == 3 and "type" not in record


def test_top_bottom_code_quantiles_and_labels() -> None:
    values = [str(i) for i in range(1, 101)]
    out = mask(values, {"operator": "top_bottom_code", "upper_quantile": 0.9}, ftype=T.INTEGER)
    assert out[:90] == values[:90] and set(out[90:]) == {"90"}
    rows, record, _ = mask_table(values, {"operator": "top_bottom_code", "lower": 5, "upper": 95, "label": True}, ftype=T.INTEGER)
    assert rows[0][1] == "≤5" and rows[-1][1] == "≥95" and rows[50][1] == "51"
    assert record["type"] == "string"


# --- suppress_record -----------------------------------------------------------------------------

@pytest.mark.parametrize(
    "params, kept",
    [
        ({}, [None]),
        ({"when": "in", "values": ["b"]}, ["a", None, "a", "c"]),
        ({"when": "matches", "pattern": "^[bc]"}, ["a", None, "a"]),
        ({"when": "rare", "min_count": 2}, ["a", None, "a"]),
    ],
)
def test_suppress_record(params: dict[str, Any], kept: list[str | None]) -> None:
    rows, record, columns = mask_table(["a", "b", None, "a", "c"], {"operator": "suppress_record", **params})
    assert [r[1] for r in rows] == kept
    assert record["rows_suppressed"] == 5 - len(kept)
    assert columns == ["_row", "c"]
    assert "values" not in params or record["params"]["values"] == 1  # how many, never which


# --- several columns in one pass ------------------------------------------------------------------

def test_one_pass_over_several_columns_counts_each() -> None:
    con = duckdb.connect()
    con.execute(
        "CREATE TABLE work AS SELECT * FROM (VALUES (1, '张三', '13800138000', '2020-01-02', 'x'), "
        "(2, '李四', NULL, '2021-05-06', NULL), (3, '王五', '13900139000', NULL, 'y')) v(_row, name, phone, d, secret)"
    )
    policies = []
    for name, pii, ftype, policy in [
        ("name", K.PERSON_NAME, T.STRING, {"operator": "partial_mask"}),
        ("phone", K.MOBILE_PHONE, T.STRING, {"operator": "pseudonymize"}),
        ("d", None, T.DATE, {"operator": "generalize", "to": "year"}),
        ("secret", None, T.STRING, {"operator": "suppress_record", "when": "in", "values": ["y"]}),
    ]:
        op = get_operator(policy.pop("operator"))
        policies.append(ColumnPolicy(ColumnInput(name, ftype, pii), op.key, op, op.parse(policy)))
    records = [r.as_json() for r in apply_policies(MaskEnv(con, "work", key_loader=lambda: KEY), policies)]
    rows = con.execute("SELECT * FROM work ORDER BY _row").fetchall()
    assert rows == [(1, "张*", token_of(KEY, "13800138000"), "2020", "x"), (2, "李*", None, "2021", None)]
    by = {r["column"]: r for r in records}
    assert by["name"]["cells_changed"] == 2 and by["phone"]["cells_changed"] == 1
    assert by["d"]["type"] == "string" and by["secret"]["rows_suppressed"] == 1
    assert con.execute("SELECT count(*) FROM duckdb_tables() WHERE table_name LIKE '\\_mask%' ESCAPE '\\'").fetchone() == (0,)


def test_sweep_catches_full_width_numbers_the_detector_did_not_tag() -> None:
    from desensitize.operators.text_tags import sweep

    assert sweep("代领人电话１３９００１３９０００转") == "代领人电话[手机号]转"
