"""The one definition of every free-text pattern: regex, base score, validator, context words, trim.

Both text paths use these objects: the presidio recognizers (`recognizers.py`, one PatternRecognizer
per pattern, run by an AnalyzerEngine) and the bulk path (`text.py`, compiled once and run over many
texts at a time). A match is scored the same way on both paths by `score_match`:

1. the regex finds a candidate (bounded by look-arounds: in Chinese text `\\b` never matches between
   a CJK character and a digit, so `电话13812345678转` needs `(?<![0-9A-Za-z])`/`(?![0-9A-Za-z])`);
2. the validator says True (score 1.0), False (dropped) or None (keep the base score);
3. a bonus from the value itself, and context words just before the match, raise (or lower) the score
   (bank card: 62 prefix, 卡号, 账号 …; plate: 车辆, 车牌 …);
4. `trim` removes a leading cue the regex needed for precision (住, 出生于) from the span.

`trigger` is a cheap regex every match of the pattern contains: the bulk path scans all texts once
for the union of the triggers and runs a pattern only around its own trigger's hits.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

from desensitize.detect import rules
from pipelines.core.vocab import FindingKind

SCORE_THRESHOLD = 0.5  # spans scoring below this are not reported
CONTEXT_WINDOW = 12  # characters before a match searched for context words
CONTEXT_BOOST = 0.3
REGEX_FLAGS = re.DOTALL | re.MULTILINE  # case matters: plate and passport letters are upper case

_NB = r"(?<![0-9A-Za-z])"  # not preceded by a letter or digit
_NA = r"(?![0-9A-Za-z])"  # not followed by one
DIGIT_TRIGGER = r"[0-9][0-9 \-.—]{3,}[0-9]"  # five or more digits, maybe grouped (138.1234.5678): every number pattern has one


@dataclass(frozen=True)
class TextPattern:
    """One recognizer's pattern: what it finds and how a match is scored."""

    key: str  # stable recognizer key, also the presidio recognizer name
    kind: FindingKind
    regex: str
    score: float  # base score of a match before validation and context
    trigger: str  # a regex every match contains (see module docstring)
    validate: Callable[[str], bool | None] = lambda _: None
    context: tuple[str, ...] = ()
    bonus: Callable[[str], float] = lambda _: 0.0  # extra score from the value itself (e.g. the 62 prefix)
    trim: str | None = None  # regex of a leading cue to cut from the span
    max_length: int = 64  # longest match, for the bulk path's windows

    @cached_property
    def compiled(self) -> re.Pattern[str]:
        """The regex compiled with the flags both paths use."""
        return re.compile(self.regex, REGEX_FLAGS)

    @cached_property
    def compiled_trim(self) -> re.Pattern[str] | None:
        """The leading-cue regex, compiled."""
        return re.compile(self.trim) if self.trim else None

    @cached_property
    def compiled_trigger(self) -> re.Pattern[str]:
        """The trigger regex, compiled."""
        return re.compile(self.trigger, REGEX_FLAGS)

    @cached_property
    def trigger_starts(self) -> frozenset[str] | None:
        """The characters a trigger match can start with; None when the trigger does not say."""
        return _first_chars(self.trigger)

    @cached_property
    def widths(self) -> tuple[int, int]:
        """Shortest and longest match, in characters (look-arounds take none)."""
        try:
            lo, hi = re._parser.parse(self.regex, REGEX_FLAGS).getwidth()  # type: ignore[attr-defined]
        except Exception:  # a private module of the standard library: fall back to "any length"
            return 0, 1 << 30
        return int(lo), int(hi)


def score_match(p: TextPattern, text: str, start: int, end: int, floor: int = 0) -> tuple[int, int, float] | None:
    """Validate, rescore and trim one regex match of `p` in `text`; None when it is not reported.

    `floor` is where the current text begins inside `text` (the bulk path scores matches inside a
    string of many texts joined together; context must not be read from the previous text).
    """
    verdict = p.validate(text[start:end])
    if verdict is False:
        return None
    return finish_match(p, text, start, end, 1.0 if verdict else p.score, floor)


def finish_match(
    p: TextPattern, text: str, start: int, end: int, score: float, floor: int = 0
) -> tuple[int, int, float] | None:
    """After validation (presidio's `validate_result` or `score_match`): value bonus, context words,
    threshold and trim. Both text paths call this, so they score a match the same way."""
    score += p.bonus(text[start:end])
    if p.context and score < 1.0:
        window = text[max(floor, start - CONTEXT_WINDOW):start]
        if any(word in window for word in p.context):
            score += CONTEXT_BOOST
    score = min(score, 1.0)
    if score < SCORE_THRESHOLD:
        return None
    if p.compiled_trim is not None:
        cue = p.compiled_trim.match(text, start, end)
        if cue is not None:
            start = cue.end()
    return (start, end, score) if end > start else None


def _first_chars(regex: str) -> frozenset[str] | None:
    """The characters a match of `regex` can start with, when it begins with literals, a class of them, or
    an alternation of such branches; None otherwise (look-arounds, ranges, repeats that may be empty)."""
    try:
        parsed = re._parser.parse(regex, REGEX_FLAGS)  # type: ignore[attr-defined]
        constants = re._constants  # type: ignore[attr-defined]
    except Exception:  # a private module of the standard library: fall back to "any character"
        return None

    def first(items: list[tuple[object, object]]) -> set[str] | None:
        if not items:
            return None
        op, arg = items[0]
        if op is constants.LITERAL:
            return {chr(arg)}  # type: ignore[arg-type]
        if op is constants.IN:
            chars: set[str] = set()
            for kind, value in arg:  # type: ignore[attr-defined]
                if kind is not constants.LITERAL:
                    return None
                chars.add(chr(value))
            return chars
        if op is constants.BRANCH:
            out: set[str] = set()
            for branch in arg[1]:  # type: ignore[index]
                sub = first(list(branch))
                if sub is None:
                    return None
                out |= sub
            return out
        if op is constants.SUBPATTERN:
            return first(list(arg[-1]))  # type: ignore[index]
        return None

    found = first(list(parsed))
    return frozenset(found) if found else None


def _passed(check: Callable[[str], bool]) -> Callable[[str], bool | None]:
    """Validator that confirms (1.0) on success and only leaves the base score on failure."""
    return lambda value: True if check(value) else None


_PROVINCE = f"[{rules.PLATE_PROVINCES}]"
# Prefecture-level cities of Fujian and Fuzhou's districts and counties: an address in the remarks of a
# Fuzhou extract starts with one of these or follows a cue such as 住/地址.
_GAZETTEER = (
    "福建省|福州市|厦门市|泉州市|漳州市|莆田市|三明市|南平市|龙岩市|宁德市|平潭综合实验区|"
    "鼓楼区|台江区|仓山区|晋安区|马尾区|长乐区|福清市|闽侯县|连江县|罗源县|闽清县|永泰县|平潭县"
)
_ADDRESS_CUE = r"家住|现住|暂住|居住在|居住于|住在|住址[:：]?|地址[:：]?|住所地?[:：]?|户籍地[:：]?|户籍所在地[:：]?|住(?![院房宿宅])"
_ADDRESS_FINAL = r"号楼|号|栋|幢|座|单元|室|层|组|村|社区|小区|弄|巷|苑|公寓|大厦|花园|新村|家园"
_DATE_TEXT = r"(?:19|20)\d{2}(?:年\d{1,2}月(?:\d{1,2}日)?|[-/.]\d{1,2}[-/.]\d{1,2}|\d{4})"

PATTERNS: tuple[TextPattern, ...] = (
    TextPattern(
        key="cn_email", kind=FindingKind.EMAIL, trigger="@", score=0.9,
        regex=r"(?<![A-Za-z0-9._%+\-])[A-Za-z0-9][A-Za-z0-9._%+\-]{0,63}@[A-Za-z0-9](?:[A-Za-z0-9\-]{0,62}\.){1,4}"
        r"[A-Za-z]{2,12}(?![A-Za-z0-9\-])",
        validate=lambda v: True if rules.email_valid(v) else False, max_length=200,
    ),
    TextPattern(
        key="cn_resident_id", kind=FindingKind.RESIDENT_ID, trigger=DIGIT_TRIGGER, score=0.4,
        # Grouped as it is read, area, birth date, sequence (350102 19850312 0034): a space or a hyphen may part them.
        regex=_NB + r"[1-9]\d{5}[ \-]?(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])[ \-]?\d{3}[0-9Xx]" + _NA,
        validate=rules.resident_id_valid,
    ),
    TextPattern(
        key="cn_credit_code", kind=FindingKind.COMPANY_CREDIT_CODE, trigger=DIGIT_TRIGGER,
        score=0.4, regex=_NB + r"[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}" + _NA,
        validate=rules.uscc_valid,
    ),
    TextPattern(
        key="cn_bank_card", kind=FindingKind.BANK_CARD, trigger=DIGIT_TRIGGER, score=0.3,
        regex=_NB + r"(?:\d{16,19}|\d{4}(?:[ \-]\d{4}){3}(?:[ \-]?\d{1,3})?)" + _NA,
        # Luhn confirms; a 62 (UnionPay) prefix or 卡号/账号 before it makes an old non-Luhn card count.
        validate=_passed(rules.bank_card_valid), bonus=lambda v: 0.2 if rules.unionpay_prefix(v) else 0.0,
        context=("卡号", "账号", "银行卡", "账户", "帐号", "开户", "卡"),
    ),
    TextPattern(
        key="cn_mobile", kind=FindingKind.MOBILE_PHONE, trigger=DIGIT_TRIGGER, score=0.4,
        # Parted by spaces, hyphens, dots or dashes (138 1234 5678, 138.1234.5678, 138—1234—5678), or its first three
        # digits in brackets as a landline's area code is written ((138)1234 5678, （138）12345678: round 27).
        regex=r"(?<![0-9A-Za-z+])(?:(?:\+|00)?86[ \-]?)?(?:1[3-9]\d|[(（]1[3-9]\d[)）] ?)(?:[ \-.—]?\d{4}){2}" + _NA,
        validate=rules.mobile_valid,
    ),
    TextPattern(
        key="cn_landline", kind=FindingKind.LANDLINE_PHONE, trigger=DIGIT_TRIGGER, score=0.4,
        # The local number may be parted in two (0591 8765 4321).
        regex=r"(?<![0-9A-Za-z(（])(?:[(（]0\d{2,3}[)）][ \-]?|0\d{2,3}[ \-]?)[2-9]\d{2,3}[ \-]?\d{4}(?:(?:转|-)\d{1,5})?" + _NA,
        validate=rules.landline_valid,
    ),
    TextPattern(
        key="cn_passport", kind=FindingKind.PASSPORT, trigger=DIGIT_TRIGGER, score=0.5,
        regex=_NB + r"(?:[EGDSP]\d{8}|E[A-HJ-NP-Z]\d{7})" + _NA, context=("护照",),
    ),
    TextPattern(
        # Travel permits are travel documents too, numbered without a country's letters, so only their names make
        # them one: 往来港澳通行证 C12345678 (W before 2014), 回乡证 H12345678 or M12345678 (ten digits once), 台胞证
        # 12345678 (ten once). Round 26: published as written before.
        key="cn_travel_permit", kind=FindingKind.PASSPORT, trigger=DIGIT_TRIGGER, score=0.3,
        regex=_NB + r"(?:[CW]\d{8}|C[A-HJ-NP-Z]\d{7}|[HM]\d{8}(?:\d{2})?|\d{8}(?:\d{2})?)" + _NA,
        context=("通行证", "回乡证", "台胞证", "港澳证"),
    ),
    TextPattern(
        key="cn_license_plate", kind=FindingKind.LICENSE_PLATE,
        # One literal-first branch per province: lets the regex engine skip to candidate characters.
        trigger="|".join(f"{c}[A-HJ-NP-Z]" for c in rules.PLATE_PROVINCES), score=0.5,
        # GA 36: province, issuing-office letter, then 5 characters (6 for new-energy cars) or 4 and a
        # 挂/学/警/港/澳 suffix; bounded by look-arounds like every identifier in Chinese text.
        # The province class comes first (the look-behind after it checks the character before it), so
        # the regex engine jumps to province characters.
        regex=_PROVINCE + r"(?<![0-9A-Za-z].)[A-HJ-NP-Z][·•]?(?:[A-HJ-NP-Z0-9]{5,6}|[A-HJ-NP-Z0-9]{4}[挂学警港澳])" + _NA,
        # Three digits or more confirm it; a serial with fewer digits (闽AWWX12) keeps the base score and
        # counts with or without 车辆/车牌/号牌 before it; one without any digit needs those words.
        validate=lambda v: None if rules.plate_shape(v) else False,
        bonus=lambda v: 0.5 if rules.plate_digits(v) >= 3 else 0.0 if rules.plate_digits(v) else -0.2,
        context=("车辆", "车牌", "号牌", "牌照", "车号", "机动车", "汽车", "货车", "轿车", "摩托车"),
    ),
    TextPattern(
        key="cn_birth_date", kind=FindingKind.BIRTH_DATE, score=0.9,
        trigger=r"出生|生于|生日|生人",
        regex=r"(?:出生(?:日期|年月)?|生于|生日)[:：为是]?" + _DATE_TEXT
        + "|" + _NB + r"(?:19|20)\d{2}年\d{1,2}月(?:\d{1,2}日)?(?=出生|生人)",
        validate=lambda v: None if rules.birth_date_valid(re.sub(r"^\D+", "", v)) else False,
        trim=r"(?:出生(?:日期|年月)?|生于|生日)[:：为是]?",
    ),
    TextPattern(
        key="cn_address", kind=FindingKind.ADDRESS, score=0.8,
        trigger=f"{_ADDRESS_CUE}|{_GAZETTEER}",
        regex=rf"(?:{_ADDRESS_CUE}|{_GAZETTEER})[\u4e00-\u9fff0-9A-Za-z\-#－]{{0,40}}(?:{_ADDRESS_FINAL})"
        r"(?:\d{1,5}(?:号楼|号|栋|幢|单元|室|层))*",
        trim=_ADDRESS_CUE, max_length=80,
    ),
)

BY_KEY: dict[str, TextPattern] = {p.key: p for p in PATTERNS}
# Priority when two findings tie on score and length: earlier in PATTERNS wins.
PRIORITY: dict[str, int] = {p.key: i for i, p in enumerate(PATTERNS)}

