"""Names in Latin letters in Chinese text: 当事人Nguyen Van Minh（越南籍）, CHAN Tai Man（香港居民）, 报警人
Maria Santos称, 外籍人员参保：Lee Min Ho（韩国籍）.

Foreign residents, and Hong Kong and Macao residents in their documents' spelling, are written in Latin
letters in Chinese records. Neither the rules nor the model read them: both know Chinese characters. A run of
capitalised words (one to five; particles such as van, de, bin between them) between characters that are no
letters is a name where the record says so:

* the person's nationality or residence follows (（越南籍）, ，美国籍, （香港居民）, （外教，美国籍）, （台湾）, ，美国),
  in a row of fields after a space (Sarah Mitchell 英国 外教);
* a role word stands right before it (当事人, 申请人：, 患者), or an English label or form of address
  (Name:, Contact person:, Ms.);
* or, for two words or more, what follows is what only a person does or is (先生, 称, 反映, 申请 …);
* a Chinese label for the name in Latin letters stands right before it (英文名, 护照姓名：), or a nationality
  shortly before it, in the same clause (菲律宾籍家政人员Maria Santos);
* two words or more in brackets right after a Chinese name are that person's name spelt out (香港居民陈家豪
  （Chan Ka Ho）); two words or more right before a bracket that opens with a Chinese name are a name, and
  the Chinese name in the bracket is that person's too (Lee Siu Fung（李少峰）, Chloe Lin（林佩珊，台湾）);
* or, for one word that is a common English given name (faker's en_US list: Lisa, David), a person's verb
  or adverb follows (Lisa在前台登记了, David说) or a word that hands a matter to a person precedes it
  (转Lisa处理, 问了Kevin): staff in chat notes go by such names.

A run holding a word of an organisation, a place or a product (Ltd, Hotel, Road, Pro …) is none, nor is
one word of capitals or of fewer than three letters (经办人A, 申请人APP).
"""

from __future__ import annotations

import re
from functools import lru_cache

from desensitize.detect.names import CUE, STOP_CHARS, common_words, role_before, surnames

_WORD = r"(?:[A-Z][a-zà-ÿ]*(?:['’\-][A-Za-zà-ÿ]+)*|[A-Z]{2,})"
_PARTICLE = r"(?:van|von|der|den|de|da|del|dos|du|la|le|bin|binti|al|el|ibn)"
# The run: a capitalised word, then up to four more (one or two particles may stand between: van der), one space apart.
RUN = re.compile(
    rf"(?<![A-Za-z0-9à-ÿ@._\-]){_WORD}(?:[ \u00a0](?:{_PARTICLE}[ \u00a0]){{0,2}}{_WORD}){{0,4}}(?![A-Za-z0-9à-ÿ@_\-]|\.[A-Za-z])"
)
# A capital and a letter: every name `latin_names` takes holds one. Scanning a million remarks for this takes
# 0.04 s, for `RUN` (its look-behind tried at every character) 0.27 s.
HINT = re.compile("[A-Z][A-Za-zà-ÿ]")
# What a record writes after a foreign person's name: the nationality or residence, in a bracket, after a comma
# or, in a row of fields, after a space (Sarah Mitchell 英国 外教); a country's name ends there (，美国).
FOREIGN_AFTER = re.compile(
    r"(?:\s?[（(，,]|\s)\s?[^）)。；]{0,10}?(?:籍|居民|国人|华人|华侨|外教|留学生|护照|外籍|香港|澳门|台湾|"
    r"[\u4e00-\u9fff]国(?=$|[\s，,、；;）)]))"
)
# An English label or form of address right before the name (Name: Zhang Wei, Contact person: Li Na, Ms. Wang).
ENGLISH_ROLE = re.compile(
    r"(?i:\b(?:name|full name|applicant|contact(?: person)?|complainant|caller|patient|tenant|owner|client|"
    r"employee|student|guardian|agent|witness|passenger|driver|resident))\s*[:：]\s*$|\b(?:Mr|Mrs|Ms|Miss|Dr)\.?\s+$"
)
# A Chinese label of a name in Latin letters (英文名Wong Chi Wai, 护照姓名：…), or a nationality earlier in the
# same clause (菲律宾籍家政人员Maria Santos, 经营者外籍:David Müller), or 姓名 itself (收件人姓名写为“Chen Mei Ling”).
CHINESE_LABEL = re.compile(
    r"(?:英文名字?|英文姓名|外文名|外文姓名|护照姓名|护照名|拼音)\s*[:：]?\s*$|籍[\u4e00-\u9fff]{0,6}[:：]?\s*$"
    r"|姓名(?:写为|写成|为|是)?\s*[:：]?\s*[“\"「]?$"
)
# What only a person does right after their name (Ivan Petrov申请…, Maria Santos称).
PERSON_AFTER = re.compile("称|说|反映|投诉|申请|表示|来电|来访|报称|报警|咨询|要求|认为|签收|签字|确认|办理")
NOT_NAMES = frozenset(
    "Co Ltd Inc LLC Corp Company Group Bank Hotel Store Shop Mall Center Centre Street Road Avenue University "
    "College School Hospital Airport Station Park Plaza Tower Building China Fuzhou Fujian Hong Kong Macao Macau "
    "Taiwan Xiamen Beijing Shanghai Pro Max Plus Mini Air Phone Pad Book Watch App Wi Fi Wifi WIFI APP GPS ID "
    "PDF OK USB VIP CEO CBD KTV SUV ATM WeChat Alipay Model Type Series Version Online Service Services".split()
)
# After a given name alone: what a person does, or one of the adverbs and verbs that follow a person.
ALONE_AFTER = re.compile("[在已也都还就又来去说称让把给跟和]|" + PERSON_AFTER.pattern)
# Before it: what hands a matter to a person or asks one.
ALONE_BEFORE = ("问了", "问", "转", "请", "让", "找", "叫", "给", "跟", "和", "与", "联系", "通知", "告诉")


# What a bracket after a name in Latin letters says of the person, not their Chinese name (（越南籍）, （香港居民）).
_NOT_IN_A_NAME = re.compile("籍|居民|国|港|澳|台|族|省|市")


@lru_cache(maxsize=1)
def english_given_names() -> frozenset[str]:
    """faker's en_US given names (690: Lisa, David, Kevin …), less the words of `NOT_NAMES` (Max)."""
    from faker.providers.person.en_US import Provider  # in-function: only a text with a lone Latin word needs it

    return frozenset(Provider.first_names) - NOT_NAMES


def latin_names(text: str) -> list[tuple[int, int]]:
    """Spans of the names in Latin letters of `text` (module docstring)."""
    out: list[tuple[int, int]] = []
    for m in RUN.finditer(text):
        a, b = m.span()
        words = m.group().split()
        if any(w in NOT_NAMES for w in words) or (len(words) == 1 and (len(words[0]) < 3 or words[0].isupper())):
            continue  # 经办人A, 申请人APP: a label or an acronym; one name alone is Mike, Lisa
        chinese = _chinese_name_after(text, b) if len(words) >= 2 else None  # Lee Siu Fung|（李少峰）
        if FOREIGN_AFTER.match(text, b) or role_before(text, a) or ENGLISH_ROLE.search(text, max(0, a - 24), a) or (
            len(words) >= 2 and (PERSON_AFTER.match(text, b) or CUE.match(text, b))
        ) or CHINESE_LABEL.search(text, max(0, a - 12), a) or (
            len(words) >= 2 and _after_chinese_name(text, a, b)
        ) or (
            len(words) == 1 and words[0] in english_given_names()
            and (ALONE_AFTER.match(text, b) is not None or text.endswith(ALONE_BEFORE, 0, a))
        ) or (len(words) >= 2 and chinese is not None):
            out.append((a, b))
            if chinese is not None:
                out.append(chinese)
    return out


def _chinese_name_after(text: str, b: int) -> tuple[int, int] | None:
    """The span of a Chinese name that opens a bracket at `b` (（李少峰）, （黃家明，香港）): two to four
    Chinese characters starting with a surname, holding no character that never fills a name, no common
    word (（香港）) nor a nationality or residence (（越南籍）, （香港居民）), ended by the bracket's close or a
    comma."""
    if text[b:b + 1] not in ("（", "("):
        return None
    for k in (2, 3, 4):
        name, end = text[b + 1:b + 1 + k], text[b + 1 + k:b + 2 + k]
        if len(name) == k and end and end in "）)，,、" and _shaped_as_a_name(name) and name not in common_words() and (
            not _NOT_IN_A_NAME.search(name)
        ):
            return b + 1, b + 1 + k
    return None


def _shaped_as_a_name(name: str) -> bool:
    """`name` starts with a surname and holds no character that never fills a name (Chinese characters only)."""
    single, compound = surnames()
    return (name[0] in single or name[:2] in compound) and all(
        "\u4e00" <= c <= "\u9fff" and c not in STOP_CHARS for c in name[1:]
    )


def _after_chinese_name(text: str, a: int, b: int) -> bool:
    """The run at `a:b` fills a bracket right after two to four Chinese characters that start with a surname
    and hold no character that never fills a name (陈家豪（Chan Ka Ho）, not 商务区（Central Business
    District）): a person's name spelt out."""
    if text[a - 1:a] not in ("（", "(") or text[b:b + 1] not in ("）", ")"):
        return False
    p = a - 1
    return any(p - k >= 0 and _shaped_as_a_name(text[p - k:p]) for k in (2, 3, 4))
