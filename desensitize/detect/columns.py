"""Column detection: classify a column from its header and a sample of its values.

Values dominate: a column headed 联系方式 whose values are landlines is `landline_phone`; a column
headed 编号 whose values pass the resident-ID checksum is `resident_id`. A header that names personal
data is still flagged when no value confirms it (fail closed). Prose columns (remarks) are marked
`free_text` and the text detector's counts on the sample go into the evidence.

Evidence holds rule keys and counts, never values.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import duckdb

from desensitize.detect import rules
from desensitize.detect.fold import for_names
from desensitize.detect.headers import HeaderMatch, is_free_text_header, match_header
from desensitize.detect.names import PLACE_SUFFIX, ambiguous_surnames, surnames
from pipelines.core.sql import quote_ident
from pipelines.core.vocab import FindingKind as K

STRONG, MEDIUM, WEAK = 0.5, 0.7, 1.01  # share of the sample a rule must match to decide the kind alone
_CJK = re.compile(r"^[\u4e00-\u9fff·]{2,5}$")
_ADDRESS = re.compile(r"(省|市|区|县|镇|乡|街道|路|街|巷|弄|村|社区|小区|大道).*(号|室|栋|幢|座|单元|组|弄|村|楼)")
_PROSE = re.compile(r"[，。；！？、,;]|\s")


def _name_shape(value: str) -> bool:
    """2–5 Chinese characters starting with a surname (traditional ones too: 黃, 鄭), not ending like a place
    or organisation."""
    value = for_names()(value)
    if not _CJK.match(value) or value[-1] in PLACE_SUFFIX:
        return False
    single, compound = surnames()
    # Surnames that are also frequent words (但, 海, 原 …) would make 海鲜, 原价 look like names.
    return (value[0] in single and value[0] not in ambiguous_surnames()) or value[:2] in compound


def _card_shape(value: str) -> bool:
    digits = rules.card_digits(value)
    return digits is not None and (digits.startswith("62") or rules.luhn_valid(digits))


_DOC_NO = re.compile(r"[〔【\[（(](?:19|20)\d{2}[〕】\]）)]|字第")


def _address_shape(value: str) -> bool:
    # 榕市监罚〔2023〕12号 is a document number, not an address.
    return len(value) >= 6 and _ADDRESS.search(value) is not None and _DOC_NO.search(value) is None


@dataclass(frozen=True)
class ValueRule:
    """A check of one cell value, with the share of the sample needed to decide the kind from values alone."""

    key: str
    kind: K
    check: Callable[[str], bool]
    threshold: float


# Order is priority among rules matching the same share: checksums first.
VALUE_RULES: tuple[ValueRule, ...] = (
    ValueRule("resident_id_checksum", K.RESIDENT_ID, rules.resident_id_valid, STRONG),
    ValueRule("uscc_checksum", K.COMPANY_CREDIT_CODE, rules.uscc_valid, STRONG),
    ValueRule("mobile_format", K.MOBILE_PHONE, rules.mobile_valid, STRONG),
    ValueRule("landline_format", K.LANDLINE_PHONE, rules.landline_valid, STRONG),
    ValueRule("email_format", K.EMAIL, rules.email_valid, STRONG),
    ValueRule("plate_format", K.LICENSE_PLATE, rules.plate_valid, STRONG),
    ValueRule("bank_card_luhn", K.BANK_CARD, rules.bank_card_valid, STRONG),
    # An ID whose check character is wrong is a mistyped ID, still a person's.
    ValueRule("resident_id_shape", K.RESIDENT_ID, rules.resident_id_shape, MEDIUM),
    ValueRule("bank_card_62_or_luhn", K.BANK_CARD, _card_shape, MEDIUM),
    ValueRule("passport_format", K.PASSPORT, rules.passport_valid, MEDIUM),
    ValueRule("person_name_shape", K.PERSON_NAME, _name_shape, 0.8),
    ValueRule("address_shape", K.ADDRESS, _address_shape, MEDIUM),
    # Any date fits a birth date: it only confirms a header, never decides alone.
    ValueRule("birth_date_range", K.BIRTH_DATE, rules.birth_date_valid, WEAK),
)
_RULES_BY_KIND: dict[K, list[ValueRule]] = {}
for _r in VALUE_RULES:
    _RULES_BY_KIND.setdefault(_r.kind, []).append(_r)
_PHONES = (K.MOBILE_PHONE, K.LANDLINE_PHONE)
_MIXED_IN = frozenset({"resident_id_checksum", "mobile_format", "email_format", "plate_format", "bank_card_luhn"})


@dataclass(frozen=True)
class ColumnDetection:
    """What one column holds, with the evidence (rule keys and counts, never values)."""

    column: str
    kind: K | None
    confidence: float
    free_text: bool
    evidence: dict[str, Any]


def _agrees(header: HeaderMatch | None, kind: K) -> bool:
    if header is None:
        return False
    # 联系电话 / 联系方式 hold mobiles or landlines: either agrees.
    return header.kind is kind or (header.kind in _PHONES and kind in _PHONES)


def classify_column(header: str, values: Sequence[str | None]) -> ColumnDetection:
    """Kind, confidence and evidence for one column from its header and sampled values."""
    sample = [v.strip() for v in values if v is not None and v.strip()]
    n = len(sample)
    hm = match_header(header)
    evidence: dict[str, Any] = {"sampled": n}
    if hm is not None:
        evidence["header_rule"] = hm.rule
    counts = {r.key: sum(1 for v in sample if r.check(v)) for r in VALUE_RULES} if n else {}
    distinct = len(set(sample))
    # Names repeat little; a column of 13 district names starting with surname characters is not names.
    if n and distinct < max(5, n * 0.2):
        counts["person_name_shape"] = 0
    best: ValueRule | None = None
    for r in VALUE_RULES:
        share = counts.get(r.key, 0) / n if n else 0.0
        # Most matches wins; on a tie the rule the header agrees with, then the earlier (checksum) rule.
        if share >= r.threshold and (
            best is None
            or (counts[r.key], _agrees(hm, r.kind)) > (counts[best.key], _agrees(hm, best.kind))
        ):
            best = r
    if best is not None:
        share = counts[best.key] / n
        agree = _agrees(hm, best.kind)
        evidence.update(value_rule=best.key, matches=counts[best.key])
        if hm is not None and not agree:
            evidence["header_disagrees"] = hm.kind.value
        confidence = min(1.0, 0.5 + 0.45 * share + (0.05 if agree else 0.0))
        return ColumnDetection(header, best.kind, round(confidence, 3), False, evidence)
    if hm is not None:
        # Fail closed: the header names personal data. Report how many values the kind's own rules matched.
        own = _RULES_BY_KIND.get(hm.kind, [])
        if own and n:
            top = max(own, key=lambda r: counts[r.key])
            evidence.update(value_rule=top.key, matches=counts[top.key])
            share = counts[top.key] / n
            kind = hm.kind
            if hm.kind in _PHONES:  # decide mobile vs landline by whichever matched more
                mob, land = counts["mobile_format"], counts["landline_format"]
                kind = K.LANDLINE_PHONE if land > mob else K.MOBILE_PHONE
                evidence.update(value_rule="landline_format" if land > mob else "mobile_format", matches=max(mob, land))
                share = max(mob, land) / n
            confidence = hm.confidence * (0.6 + 0.4 * share) if share else hm.confidence * 0.6
            return ColumnDetection(header, kind, round(confidence, 3), False, evidence)
        # A kind no value rule can confirm (commercial secrets) rests on its header alone.
        confidence = hm.confidence if not own else hm.confidence * (0.6 if n else 0.8)
        return ColumnDetection(header, hm.kind, round(confidence, 3), False, evidence)
    prose = _looks_like_prose(sample)
    # Some values that pass a checksum or format rule: identifiers mixed into an otherwise plain column.
    identifying = {r.key: counts[r.key] for r in VALUE_RULES if r.key in _MIXED_IN and counts.get(r.key)}
    if prose or is_free_text_header(header) or identifying:
        findings = _text_findings(sample) if n else {}
        evidence["text_findings"] = findings
        if identifying:
            evidence["value_matches"] = identifying
        free = prose or is_free_text_header(header) or bool(identifying)
        if free:
            confidence = 0.9 if findings else 0.5
            return ColumnDetection(header, None, confidence, True, evidence)
    return ColumnDetection(header, None, 0.9 if n else 0.5, False, evidence)


def _looks_like_prose(sample: list[str]) -> bool:
    """Long values with punctuation or spaces, rarely repeated: remarks, descriptions."""
    if not sample:
        return False
    long = sum(1 for v in sample if len(v) >= 12)
    punct = sum(1 for v in sample if _PROSE.search(v))
    return long / len(sample) >= 0.3 and punct / len(sample) >= 0.2 and len(set(sample)) >= 0.3 * len(sample)


def _text_findings(sample: list[str]) -> dict[str, int]:
    """How many sampled texts hold each kind, by the bulk text detector."""
    from desensitize.detect.text import TextDetector  # in-function: the text detector loads presidio and spaCy (seconds); only free text needs it

    out: dict[str, int] = {}
    for spans in TextDetector().find_many(sample):
        for kind in {s.kind.value for s in spans}:
            out[kind] = out.get(kind, 0) + 1
    return dict(sorted(out.items()))


def _has_row(con: duckdb.DuckDBPyConnection, table: str) -> bool:
    return bool(
        con.execute(
            "SELECT count(*) FROM information_schema.columns WHERE table_name = ? AND column_name = '_row'", [table]
        ).fetchone()[0]  # type: ignore[index]
    )


def sample_values(
    con: duckdb.DuckDBPyConnection, table: str, column: str, sample_size: int = 1000, has_row: bool | None = None
) -> list[str]:
    """Up to `sample_size` non-blank values, a deterministic sample (ordered by a hash of the row number).

    `has_row` says whether `table` has the `_row` column; callers sampling many columns pass it, so
    the catalog is not asked once per column (which made a 5,000-column extract slow).
    """
    if has_row is None:
        has_row = _has_row(con, table)
    col = quote_ident(column)
    order = "hash(_row)" if has_row else f"hash({col})"
    rows = con.execute(
        f"SELECT CAST({col} AS VARCHAR) FROM {quote_ident(table)} WHERE {col} IS NOT NULL "
        f"AND trim(CAST({col} AS VARCHAR)) <> '' ORDER BY {order} LIMIT {int(sample_size)}"
    ).fetchall()
    return [r[0] for r in rows]


def detect_columns(
    con: duckdb.DuckDBPyConnection, table: str, columns: Mapping[str, str], sample_size: int = 1000
) -> list[ColumnDetection]:
    """One detection per column of `table`; `columns` maps the table's column name → header to judge.

    The detection's `column` is the table's column name (the release name for the working table).
    """
    out: list[ColumnDetection] = []
    has_row = _has_row(con, table)
    drawn, whole = _draw_rows(con, table, list(columns), sample_size) if has_row else (None, False)
    try:
        for name, header in columns.items():
            values = sample_values(con, drawn, name, sample_size, has_row) if drawn else []
            if drawn is None or (len(values) < sample_size and not whole):
                values = sample_values(con, table, name, sample_size, has_row)  # blank in most drawn rows
            d = classify_column(header, values)
            out.append(ColumnDetection(name, d.kind, d.confidence, d.free_text, d.evidence))
    finally:
        if drawn is not None:
            con.execute(f"DROP TABLE IF EXISTS {quote_ident(drawn)}")
    return out


_DRAWN = "_detect_sample"  # the temporary table of `_draw_rows`
_ROWS_PER_VALUE = 20  # rows drawn for each value a column's sample takes: most columns are rarely blank
_CELLS = 2_000_000  # at most this many cells drawn: a very wide extract is sampled column by column


def _draw_rows(
    con: duckdb.DuckDBPyConnection, table: str, columns: list[str], sample_size: int
) -> tuple[str | None, bool]:
    """The first rows of `table` in `sample_values`'s order, drawn once for all `columns` into a temporary
    table: (its name, or None when too wide to draw; whether it holds every row).

    Every column's sample is the first non-blank values in the order of `hash(_row)`; where the drawn rows
    hold `sample_size` of them, they are the same values as `sample_values` on the whole table gives, for
    one sort of the table instead of one a column (13 columns of a million rows: 1 s → 0.1 s).
    """
    limit = min(_ROWS_PER_VALUE * sample_size, _CELLS // max(1, len(columns)))
    if not columns or limit < 2 * sample_size:
        return None, False
    rows = con.execute(f"SELECT count(*) FROM {quote_ident(table)}").fetchone()
    picked = ", ".join(["_row", *map(quote_ident, columns)])
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE {quote_ident(_DRAWN)} AS "
        f"SELECT {picked} FROM {quote_ident(table)} ORDER BY hash(_row) LIMIT {int(limit)}"
    )
    return _DRAWN, rows is not None and rows[0] <= limit
