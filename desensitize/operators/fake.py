"""`fake`: a consistent, realistic substitute (faker's zh_CN vocabulary) chosen by the keyed hash.

The substitute is computed once per DISTINCT value, in DuckDB: integers cut from the value's
HMAC pick faker zh_CN surnames, given-name characters, phone prefixes and area codes, so the same
input always gets the same fake (across datasets and runs, under one key) without seeding a Faker
instance per value. A fake never equals its original: when the first choice happens to, a second
choice that differs from it by construction is taken.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from pipelines.core.vocab import FieldType, FindingKind

from desensitize.keys import hmac_sql, key_id, key_params
from desensitize.operators.base import (
    ColumnInput,
    ColumnPlan,
    Join,
    MaskEnv,
    Operator,
    OperatorParams,
    string_type_unless,
)
from pipelines.core.sql import quote_ident as ident
from pipelines.core.sql import quote_literal as literal
from desensitize.operators.sqlexpr import normalized

FAKE_DOMAIN = "opendata-fake-v1\x1f"
FUZHOU_DISTRICTS = ("鼓楼区", "台江区", "仓山区", "晋安区", "马尾区", "长乐区", "闽侯县", "连江县", "罗源县", "闽清县", "永泰县", "福清市", "平潭县")
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_PLATE_CHARS = "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789"
SUPPORTED = (
    FindingKind.PERSON_NAME, FindingKind.MOBILE_PHONE, FindingKind.LANDLINE_PHONE, FindingKind.RESIDENT_ID,
    FindingKind.EMAIL, FindingKind.ADDRESS, FindingKind.BANK_CARD, FindingKind.LICENSE_PLATE,
    FindingKind.PASSPORT, FindingKind.BIRTH_DATE,
)


@cache
def vocabulary() -> dict[str, list[str]]:
    """faker zh_CN word lists (imported on first use: faker is heavy)."""
    from faker.providers.address.zh_CN import Provider as Address  # in-function: faker is slow to import; operators stay light for spec validation
    from faker.providers.person.zh_CN import Provider as Person
    from faker.providers.phone_number.zh_CN import Provider as Phone
    from faker.providers.ssn.zh_CN import Provider as Ssn

    return {
        "surnames": sorted(set(Person.last_names)),
        "given": sorted(set(Person.first_names)),
        "phone_prefixes": sorted({str(p) for p in Phone.phonenumber_prefixes}),
        # Fujian's county codes only: plausible locally, and a short list to bind.
        "area_codes": sorted({a for a in Ssn.area_codes if len(a) == 6 and a.startswith("35") and not a.endswith("00")}),
        "street_suffixes": sorted(set(Address.street_suffixes)),
        "districts": list(FUZHOU_DISTRICTS),
    }


def _pick(list_param: str, n: str) -> str:
    return f"list_element(${list_param}, ({n} % len(${list_param})) + 1)"


def _digits(n: str, width: int) -> str:
    return f"printf('%0{width}d', ({n}) % {10 ** width})"


def _generator(kind: FindingKind, a: str, b: str, c: str) -> str:
    """SQL of the fake for kind from three 48-bit integers; `a` alone changes the result for any a±1."""
    if kind is FindingKind.PERSON_NAME:
        given = f"CASE WHEN {c} % 3 = 0 THEN {_pick('given', b)} ELSE {_pick('given', b)} || {_pick('given', c)} END"
        return f"{_pick('surnames', a)} || {given}"
    if kind is FindingKind.MOBILE_PHONE:
        return f"{_pick('phone_prefixes', b)} || {_digits(a, 8)}"
    if kind is FindingKind.LANDLINE_PHONE:
        return f"'0591-' || CAST(2 + {b} % 7 AS VARCHAR) || {_digits(a, 7)}"
    if kind is FindingKind.RESIDENT_ID:
        # The 17-character body; `_finish` appends the GB 11643 check character in a later SELECT.
        return f"{_pick('area_codes', b)} || strftime(DATE '1940-01-01' + CAST({c} % 23000 AS INTEGER), '%Y%m%d') || {_digits(a, 3)}"
    if kind is FindingKind.EMAIL:
        return f"'user' || lower(printf('%010x', ({a}) % 1099511627776)) || '@example.com'"
    if kind is FindingKind.ADDRESS:
        return (
            f"'福州市' || {_pick('districts', b)} || {_pick('surnames', c)} || {_pick('street_suffixes', f'({c} // 7)')}"
            f" || CAST(1 + ({a}) % 999 AS VARCHAR) || '号'"
        )
    if kind is FindingKind.BANK_CARD:
        return f"'62' || {_digits(b, 3)} || {_digits(a, 11)}"
    if kind is FindingKind.LICENSE_PLATE:
        chars = " || ".join(
            f"substr('{_PLATE_CHARS}', CAST((({a}) // {34 ** i}) % 34 AS INTEGER) + 1, 1)" for i in range(5)
        )
        return f"'闽A' || {chars}"
    if kind is FindingKind.PASSPORT:
        return f"'E' || {_digits(a, 8)}"
    if kind is FindingKind.BIRTH_DATE:
        return f"strftime(DATE '1940-01-01' + CAST(({a}) % 23000 AS INTEGER), '%Y-%m-%d')"
    raise ValueError(f"fake has no substitute for {kind.value}")


def _finish(kind: FindingKind, value: str) -> str:
    """SQL completing a generated value from its column (the check character of a resident ID)."""
    if kind is not FindingKind.RESIDENT_ID:
        return value
    total = " + ".join(f"{w} * CAST(substr({value}, {i + 1}, 1) AS INTEGER)" for i, w in enumerate(_ID_WEIGHTS))
    return f"{value} || substr('10X98765432', (({total}) % 11) + 1, 1)"


class FakeOperator(Operator):
    """Substitute a realistic fake (zh_CN names, phones, IDs with a valid check digit, Fuzhou addresses …).

    Supported kinds: person_name, mobile_phone, landline_phone, resident_id, email, address,
    bank_card, license_plate, passport, birth_date (the column's `pii`). Fake bank cards are not
    Luhn-valid, on purpose, so they cannot be a real card.
    """

    key = "fake"
    needs_key = True
    keeps_individual = True

    def check_column(self, params: OperatorParams, column: ColumnInput) -> str | None:
        """fake needs to know what kind of value to invent."""
        if column.pii not in SUPPORTED:
            kinds = ", ".join(k.value for k in SUPPORTED)
            return f"policy fake needs the column's pii to be one of: {kinds} (use pseudonymize or redact otherwise)"
        return None

    def plan(self, params: OperatorParams, column: ColumnInput, env: MaskEnv) -> ColumnPlan:
        """Build the DISTINCT value → fake side table now; the mask joins it by value."""
        assert column.pii is not None
        key = env.key()
        tmp = env.temp_table(column.name, "fake")
        col = ident(column.name)
        norm = normalized("v", column.pii)
        ints = ", ".join(
            f"CAST(('0x' || substr(h, {1 + 12 * i}, 12)) AS BIGINT) AS {name}" for i, name in enumerate("abc")
        )
        first = _generator(column.pii, "a", "b", "c")
        second = _generator(column.pii, "(a + 1)", "b", "c")
        sql = f"""
            CREATE TEMP TABLE {ident(tmp)} AS
            WITH d AS (SELECT DISTINCT t.{col} AS v FROM {ident(env.table)} t WHERE t.{col} IS NOT NULL),
            h AS (SELECT v, {norm} AS n, {hmac_sql(literal(FAKE_DOMAIN) + ' || ' + norm)} AS h FROM d),
            i AS (SELECT v, n, {ints} FROM h),
            g AS (SELECT v, n, a, b, c, {first} AS g1 FROM i),
            f AS (SELECT v, n, a, b, c, {_finish(column.pii, "g1")} AS f1 FROM g)
            -- The second choice is computed only for the rare value whose first choice equals it.
            SELECT v, CASE WHEN f1 = v OR f1 = n THEN {_finish(column.pii, second)} ELSE f1 END AS fake FROM f
        """
        bound: dict[str, Any] = {**key_params(key)}
        vocab = vocabulary()
        for name, words in vocab.items():
            if f"${name}" in sql:
                bound[name] = words
        env.con.execute(sql, bound)
        alias = f"j_{len(env.temp_tables)}"
        return ColumnPlan(
            expr=f"{alias}.fake",
            joins=[Join(alias=alias, table=tmp, on=f"{alias}.v = {column.ref}")],
            params_record={"locale": "zh_CN", "kind": column.pii.value, "key_id": key_id(key)},
            out_type=string_type_unless(column, keeps=column.type is FieldType.DATE and column.pii is FindingKind.BIRTH_DATE),
        )
