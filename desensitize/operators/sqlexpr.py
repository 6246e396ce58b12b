"""SQL expression builders shared by operators and the k-anonymity ladders (DuckDB dialect).

Each takes the SQL of a VARCHAR value and returns SQL; nothing here reads data.
"""

from __future__ import annotations

from pipelines.core.vocab import FindingKind

from pipelines.core.sql import quote_literal as literal

# Formats tried after the spec's own `format` and ISO: what department extracts commonly hold.
COMMON_DATE_FORMATS = ["%Y/%m/%d", "%Y%m%d", "%Y.%m.%d", "%Y年%m月%d日", "%Y-%m-%d %H:%M:%S", "%Y/%m/%d %H:%M:%S"]

_DIGITS_ONLY = {FindingKind.MOBILE_PHONE, FindingKind.BANK_CARD}
_UPPER_NO_SPACE = {FindingKind.RESIDENT_ID, FindingKind.PASSPORT, FindingKind.LICENSE_PLATE}


def normalized(value: str, kind: FindingKind | None) -> str:
    """The canonical spelling of an identifier, so `+86 138-0013-8000` and `13800138000` mask alike.

    A value that normalizes to nothing (e.g. `无` in a phone column) is kept as written, so that it
    is still masked rather than emptied.
    """
    if kind in _DIGITS_ONLY:
        norm = f"regexp_replace({value}, '[^0-9]', '', 'g')"
        if kind is FindingKind.MOBILE_PHONE:
            norm = f"regexp_replace({norm}, '^0*86(1[3-9][0-9]{{9}})$', '\\1')"
    elif kind in _UPPER_NO_SPACE:
        norm = f"upper(regexp_replace({value}, '\\s', '', 'g'))"
    elif kind is FindingKind.EMAIL:
        norm = f"lower(trim({value}))"
    elif kind is FindingKind.LANDLINE_PHONE:
        norm = f"regexp_replace({value}, '\\s', '', 'g')"
    else:
        return value
    return f"coalesce(nullif({norm}, ''), {value})"


def as_date(value: str, fmt: str | None = None) -> str:
    """SQL DATE parsed from text: the spec's format, ISO, then common formats; NULL if none fits."""
    tries = []
    if fmt:
        tries.append(f"try_strptime({value}, {literal(fmt)})::DATE")
    tries.append(f"TRY_CAST({value} AS DATE)")
    formats = ", ".join(literal(f) for f in COMMON_DATE_FORMATS)
    tries.append(f"try_strptime({value}, [{formats}])::DATE")
    return f"coalesce({', '.join(tries)})"


def as_number(value: str) -> str:
    """SQL DOUBLE parsed from text, tolerating thousands separators and spaces; NULL if not a number.

    'NaN' and 'inf' parse as DOUBLE but are no amount anyone wrote: they are NULL too, so no band
    or quantile is ever computed from them.
    """
    parsed = f"TRY_CAST(replace(replace({value}, ',', ''), ' ', '') AS DOUBLE)"
    return f"(CASE WHEN isfinite({parsed}) THEN {parsed} END)"


def number_text(x: str) -> str:
    """Text of a DOUBLE, at most 6 decimals, no trailing zeros, never in scientific notation.

    printf rather than CAST (a DOUBLE cast to text may read 1e-05); `x` appears once, so nested
    band expressions stay small.
    """
    return f"regexp_replace(printf('%.6f', {x}), '\\.?0+$', '')"


def fixed_band(x: str, width: float, inclusive_upper: bool = False) -> str:
    """`lo-hi` label of the band of `width` holding x (lo inclusive; hi exclusive, or inclusive for ages)."""
    lo = f"(floor({x} / {width!r}) * {width!r})"
    hi = f"({lo} + {width!r} - 1)" if inclusive_upper else f"({lo} + {width!r})"
    return f"CASE WHEN {x} IS NULL THEN NULL ELSE {number_text(lo)} || '-' || {number_text(hi)} END"


def magnitude_band(x: str, steps: tuple[int, ...] = (1, 2, 5)) -> str:
    """`lo-hi` label of a scale-free band: lo in steps×10^e (1-2-5 series by default), hi the next step.

    Used for amounts whose scale the spec does not state (revenue, tax, contract sums). Negative
    values get the mirrored band; zero and fractions below one form the band `0-1`.
    """
    a = f"abs({x})"
    # The epsilon keeps exact powers of ten (1000) in their own band despite log10 rounding.
    e = f"floor(log10({a}) + 1e-9)"
    p = f"pow(10, {e})"
    m = f"({a} / {p})"
    lo_case = " ".join(f"WHEN {m} >= {s} THEN {s}" for s in sorted(steps, reverse=True))
    bounds = list(steps) + [10]
    hi_case = " ".join(
        f"WHEN {m} >= {s} THEN {nxt}" for s, nxt in sorted(zip(bounds[:-1], bounds[1:]), reverse=True)
    )
    lo = f"((CASE {lo_case} ELSE 1 END) * {p})"
    hi = f"((CASE {hi_case} ELSE 2 END) * {p})"
    return (
        f"CASE WHEN {x} IS NULL THEN NULL "
        f"WHEN {x} >= 0 AND {x} < 1 THEN '0-1' WHEN {x} < 0 AND {x} > -1 THEN '-1--0' "
        f"WHEN {x} > 0 THEN {number_text(lo)} || '-' || {number_text(hi)} "
        f"ELSE '-' || {number_text(hi)} || '--' || {number_text(lo)} END"
    )


def lower_bound(value: str) -> str:
    """The number a value starts with: a raw number, or the lower end of a `lo-hi` band label."""
    return f"TRY_CAST(regexp_extract(replace({value}, ',', ''), '^\\s*(-?[0-9]+(\\.[0-9]+)?)', 1) AS DOUBLE)"


# Fuzhou's districts and counties (福州市辖区/县/县级市), bare name → official name.
FUZHOU_DISTRICTS: dict[str, str] = {
    "鼓楼": "鼓楼区", "台江": "台江区", "仓山": "仓山区", "晋安": "晋安区", "马尾": "马尾区", "长乐": "长乐区",
    "闽侯": "闽侯县", "连江": "连江县", "罗源": "罗源县", "闽清": "闽清县", "永泰": "永泰县", "福清": "福清市",
    "平潭": "平潭县",
}
HOME_CITY = "福州市"


def fuzhou_district(value: str) -> str:
    """The official name of the Fuzhou district an address names (suffixed form first), else NULL."""
    names = "|".join(FUZHOU_DISTRICTS)
    bare = (
        f"coalesce(nullif(regexp_extract({value}, '({names})(?:区|县|市|综合实验区)', 1), ''), "
        f"nullif(regexp_extract({value}, '({names})', 1), ''))"
    )
    # The suffix follows from the bare name: counties 县, 福清 a county-level city 市, the rest 区.
    counties = ", ".join(literal(k) for k, v in FUZHOU_DISTRICTS.items() if v.endswith("县"))
    return (
        f"list_transform([{bare}], lambda b: b || CASE WHEN b IN ({counties}) THEN '县' "
        f"WHEN b = '福清' THEN '市' ELSE '区' END)[1]"
    )


def district_of(value: str, fuzhou: str | None = None) -> str:
    """The district an address lies in: a Fuzhou district, else the first 区/县/市 level, else 福州市.

    Province prefixes (福建省…) are skipped; outside Fuzhou the city is kept with its district
    (厦门市思明区) because district names repeat across cities. `fuzhou` is the SQL of
    `fuzhou_district(value)` when the caller has computed it already.
    """
    fuzhou = fuzhou or fuzhou_district(value)
    rest = f"regexp_replace({value}, '^.*?省', '')"
    other = f"nullif(regexp_extract({rest}, '^(?:\\p{{Han}}{{2,4}}市)?\\p{{Han}}{{2,4}}(?:区|县|市)', 0), '')"
    return f"CASE WHEN {value} IS NULL THEN NULL ELSE coalesce({fuzhou}, {other}, {literal(HOME_CITY)}) END"


def city_of(value: str) -> str:
    """The city level of an address or district label: 福州市 for Fuzhou's districts, else the first 市."""
    names = "|".join(FUZHOU_DISTRICTS)
    rest = f"regexp_replace({value}, '^.*?省', '')"
    other = f"nullif(regexp_extract({rest}, '^\\p{{Han}}{{2,4}}市', 0), '')"
    return (
        f"CASE WHEN {value} IS NULL THEN NULL "
        f"WHEN regexp_matches({value}, '({names}|福州)') THEN {literal(HOME_CITY)} "
        f"ELSE coalesce({other}, '其他') END"
    )
