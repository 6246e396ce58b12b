"""Names in a photograph's inscription: “翠英留念 1947”, “秋云姐惠存 玉兰赠 一九五四年”, “龙仔百日”, “兄国强”.

Records of old photographs (an archive's collection of family photos, a former residence's exhibition, a survey
of overseas Chinese families) copy what is written on the back, in quotes. Such an inscription names its sitter
or its receiver by the given name alone, before what a photo is for (留念, 惠存, 纪念, 留影, 百日, 满月, 周岁, 三岁),
and signs with the giver's, after a kinship word or before 赠. Neither the rules nor the model read a given name
alone with nothing around it. In a quote holding such a phrase: the first item's two or three characters before
it (after 赠给, 赠 or 给, and before a kinship word or 同志, 同学, 先生 …), the two given names of a wedding's
(德荣玉兰结婚纪念), and each further item of two or three characters, without a kinship word before it and 赠 or
摄 after it; none a word, a kinship word or a place.
"""

from __future__ import annotations

import re

from desensitize.detect.names import ROLE_WORDS, STOP_CHARS, dictionary_words, surnames

# Literal strings (a scan over a million remarks); an age only where it ends the inscription or an item of it.
HINT = re.compile("留念|存念|惠存|纪念|留影|百日|满月|周岁|学步|岁”|岁\"|岁」|岁 ")
_QUOTE = re.compile("[“\"「]([^”\"」\n]{2,40})[”\"」]")
_PURPOSE = "留念|存念|惠存|纪念|留影|百日|满月|周岁|学步|[一二三四五六七八九十廿两0-9]{1,3}岁"
_FIRST = re.compile(
    "(?:赠给|赠|给)?([\u4e00-\u9fff]{2,4}?)(?:吾兄|吾弟|妹妹|姐姐|哥哥|弟弟|同志|同学|先生|女士|小姐|[兄弟姐妹])?"
    f"(结婚|订婚)?(?:{_PURPOSE})"
)
_KIN = frozenset({"小妹", "小弟", "妹妹", "弟弟", "哥哥", "姐姐", "爸爸", "妈妈", "外婆", "奶奶", "爷爷", "宝宝"})
_SIGNER = re.compile("^(?:[兄弟姐妹男女儿侄孙])?([\u4e00-\u9fff]{2,3}?)(?:敬赠|敬题|赠|摄|题)?$")


def photo_names(text: str) -> list[tuple[int, int]]:
    """Spans of the given names a quoted photograph's inscription names (module docstring)."""
    out: list[tuple[int, int]] = []
    for q in _QUOTE.finditer(text):
        at = q.start(1)
        items = [(m.start() + at, m.group()) for m in re.finditer(r"[^\s　]+", q.group(1))]
        if not items:
            continue
        first = _FIRST.match(items[0][1])
        if first is None:
            continue
        start = items[0][0] + first.start(1)
        name = first.group(1)
        if first.group(2) and len(name) == 4 and _name_chars(name):
            found = [(start, start + 2), (start + 2, start + 4)]  # 德荣玉兰结婚纪念: two given names of two
        elif 2 <= len(name) <= 3 and _name_chars(name) and name not in dictionary_words():
            found = [(start, start + len(name))]
        else:
            continue  # 毕业留念, 抗美援朝纪念, 小妹周岁: no name, and then no signer either
        out.extend(found)
        for a, item in items[1:]:
            m = _SIGNER.match(item)
            if m is None or not _name_chars(m.group(1)):
                continue
            if m.group(1) != item or (m.group(1)[0] in surnames()[0] and m.group(1) not in dictionary_words()):
                out.append((a + m.start(1), a + m.end(1)))  # 兄|国强, 玉兰|赠, or a surname's name alone (刘振华, not 福州)
    return out


def _name_chars(name: str) -> bool:
    """Two to four Chinese characters none of which is a function character, and no role or kinship word."""
    return (
        all("\u4e00" <= c <= "\u9fff" and c not in STOP_CHARS for c in name)
        and name not in ROLE_WORDS
        and name not in _KIN
    )
