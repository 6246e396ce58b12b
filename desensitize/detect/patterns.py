"""The one definition of every free-text pattern: regex, base score, validator, context words, trim.

Both text paths use these objects: the presidio recognizers (`recognizers.py`, one PatternRecognizer
per pattern, run by an AnalyzerEngine) and the bulk path (`text.py`, compiled once and run over many
texts at a time). A match is scored the same way on both paths by `score_match`:

1. the regex finds a candidate (bounded by look-arounds: in Chinese text `\\b` never matches between
   a CJK character and a digit, so `电话13812345678转` needs `(?<![0-9A-Za-z])`/`(?![0-9A-Za-z])`);
2. the validator says True (score 1.0), False (dropped) or None (keep the base score);
3. context words just before the match raise the score (bank card: 卡号, 账号 …);
4. `trim` removes a leading cue the regex needed for precision (住, 出生于) from the span.

`trigger` is a cheap regex every match of the pattern contains: the bulk path scans all texts once
for the union of the triggers and runs the full patterns only around what it finds.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property

from desensitize.detect import rules
from pipelines.vocab import FindingKind

SCORE_THRESHOLD = 0.5  # spans scoring below this are not reported
CONTEXT_WINDOW = 12  # characters before a match searched for context words
CONTEXT_BOOST = 0.3
REGEX_FLAGS = re.DOTALL | re.MULTILINE  # case matters: plate and passport letters are upper case

_NB = r"(?<![0-9A-Za-z])"  # not preceded by a letter or digit
_NA = r"(?![0-9A-Za-z])"  # not followed by one
DIGIT_TRIGGER = r"[0-9][0-9 \-]{3,}[0-9]"  # five or more digits, maybe grouped: every number pattern has one


@dataclass(frozen=True)
class TextPattern:
    """One recognizer's pattern: what it finds and how a match is scored."""

    key: str  # stable recognizer key, also the presidio recognizer name
    kind: FindingKind
    regex: str
    score: float  # base score of a match before validation and context
    trigger: str  # a regex every match contains (see module docstring)
    family: str  # patterns of one family run together in the bulk path
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
        key="cn_email", kind=FindingKind.EMAIL, family="number", trigger="@", score=0.9,
        regex=r"(?<![A-Za-z0-9._%+\-])[A-Za-z0-9][A-Za-z0-9._%+\-]{0,63}@[A-Za-z0-9](?:[A-Za-z0-9\-]{0,62}\.){1,4}"
        r"[A-Za-z]{2,12}(?![A-Za-z0-9\-])",
        validate=lambda v: True if rules.email_valid(v) else False, max_length=200,
    ),
    TextPattern(
        key="cn_resident_id", kind=FindingKind.RESIDENT_ID, family="number", trigger=DIGIT_TRIGGER, score=0.4,
        regex=_NB + r"[1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[0-9Xx]" + _NA,
        validate=rules.resident_id_valid,
    ),
    TextPattern(
        key="cn_credit_code", kind=FindingKind.COMPANY_CREDIT_CODE, family="number", trigger=DIGIT_TRIGGER,
        score=0.4, regex=_NB + r"[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}" + _NA,
        validate=rules.uscc_valid,
    ),
    TextPattern(
        key="cn_bank_card", kind=FindingKind.BANK_CARD, family="number", trigger=DIGIT_TRIGGER, score=0.3,
        regex=_NB + r"(?:\d{16,19}|\d{4}(?:[ \-]\d{4}){3}(?:[ \-]?\d{1,3})?)" + _NA,
        # Luhn confirms; a 62 (UnionPay) prefix or 卡号/账号 before it makes an old non-Luhn card count.
        validate=_passed(rules.bank_card_valid), bonus=lambda v: 0.2 if rules.unionpay_prefix(v) else 0.0,
        context=("卡号", "账号", "银行卡", "账户", "帐号", "开户", "卡"),
    ),
    TextPattern(
        key="cn_mobile", kind=FindingKind.MOBILE_PHONE, family="number", trigger=DIGIT_TRIGGER, score=0.4,
        regex=r"(?<![0-9A-Za-z+])(?:(?:\+|00)?86[ \-]?)?1[3-9]\d(?:[ \-]?\d{4}){2}" + _NA,
        validate=rules.mobile_valid,
    ),
    TextPattern(
        key="cn_landline", kind=FindingKind.LANDLINE_PHONE, family="number", trigger=DIGIT_TRIGGER, score=0.4,
        regex=r"(?<![0-9A-Za-z(（])(?:[(（]0\d{2,3}[)）][ \-]?|0\d{2,3}[ \-]?)[2-9]\d{6,7}(?:(?:转|-)\d{1,5})?" + _NA,
        validate=rules.landline_valid,
    ),
    TextPattern(
        key="cn_passport", kind=FindingKind.PASSPORT, family="number", trigger=DIGIT_TRIGGER, score=0.5,
        regex=_NB + r"(?:[EGDSP]\d{8}|E[A-HJ-NP-Z]\d{7})" + _NA, context=("护照",),
    ),
    TextPattern(
        key="cn_license_plate", kind=FindingKind.LICENSE_PLATE, family="number",
        # One literal-first branch per province: lets the regex engine skip to candidate characters.
        trigger="|".join(f"{c}[A-HJ-NP-Z]" for c in rules.PLATE_PROVINCES), score=0.4,
        regex=_PROVINCE + r"[A-HJ-NP-Z][·•]?(?:[A-HJ-NP-Z0-9]{4}[A-HJ-NP-Z0-9挂学警港澳]|[DF][A-HJ-NP-Z0-9]\d{4}|\d{5}[DF])"
        + _NA,
        validate=rules.plate_valid,
    ),
    TextPattern(
        key="cn_birth_date", kind=FindingKind.BIRTH_DATE, family="birth", score=0.9,
        trigger=r"出生|生于|生日|生人",
        regex=r"(?:出生(?:日期|年月)?|生于|生日)[:：为是]?" + _DATE_TEXT
        + "|" + _NB + r"(?:19|20)\d{2}年\d{1,2}月(?:\d{1,2}日)?(?=出生|生人)",
        validate=lambda v: None if rules.birth_date_valid(re.sub(r"^\D+", "", v)) else False,
        trim=r"(?:出生(?:日期|年月)?|生于|生日)[:：为是]?",
    ),
    TextPattern(
        key="cn_address", kind=FindingKind.ADDRESS, family="address", score=0.8,
        trigger=f"{_ADDRESS_CUE}|{_GAZETTEER}",
        regex=rf"(?:{_ADDRESS_CUE}|{_GAZETTEER})[\u4e00-\u9fff0-9A-Za-z\-#－]{{0,40}}(?:{_ADDRESS_FINAL})"
        r"(?:\d{1,5}(?:号楼|号|栋|幢|单元|室|层))*",
        trim=_ADDRESS_CUE, max_length=80,
    ),
)

BY_KEY: dict[str, TextPattern] = {p.key: p for p in PATTERNS}
# Priority when two findings tie on score and length: earlier in PATTERNS wins.
PRIORITY: dict[str, int] = {p.key: i for i, p in enumerate(PATTERNS)}


@dataclass
class Family:
    """Patterns scanned together in the bulk path: one alternation, then per-pattern fallback."""

    name: str
    patterns: list[TextPattern] = field(default_factory=list)

    @cached_property
    def combined(self) -> re.Pattern[str]:
        """Alternation of the family's patterns, one named group each, in priority order."""
        return re.compile("|".join(f"(?P<p{i}>{p.regex})" for i, p in enumerate(self.patterns)), REGEX_FLAGS)

    @cached_property
    def max_length(self) -> int:
        """Longest match any pattern of the family can make."""
        return max(p.max_length for p in self.patterns)


def families(patterns: tuple[TextPattern, ...] = PATTERNS) -> dict[str, Family]:
    """The patterns grouped by family, in priority order."""
    out: dict[str, Family] = {}
    for p in patterns:
        out.setdefault(p.family, Family(p.family)).patterns.append(p)
    return out
