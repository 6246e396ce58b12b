"""Monastic names: 释 and a dharma name of two characters (住持释法空, 释妙音的禅修班, 签到：释常悟、陈道明).

Buddhist monks and nuns take 释 as their surname, and the records of religious affairs, temples and their
committees name them so. Neither the rules nor the model read such a name: 释 is no surname in the lists, and
a dharma name is made of words (法空, 如海, 圆通). 释 alone starts or ends common words (解释, 释放, 刑释人员,
缓释片, 假释); anywhere else, it and the two characters after it are a name. 释迦 (the Buddha) is none. Once a text
names 释海印, 海印 alone there is the same monk; and a dharma name of two stands alone before the title of a monk or
a nun at a clause's start or after a temple's office (妙智法师审定, 住持圆慧尼师, 妙慈比丘尼), before the inscription of
the monk's stupa (觉源塔铭) or before the surname the monk was born with (寂照，俗姓萨); a name so found is the same
monk wherever else the text writes it (恒照禅师塔铭 … 吾师恒照公).
"""

from __future__ import annotations

import re

from desensitize.detect.names import STOP_CHARS, common_words

_TITLES = "法师|禅师|尼师|和尚|比丘尼|比丘|长老|上人"
HINT = re.compile(f"释|{_TITLES}|塔铭|俗[姓名]")
# A dharma name alone right before the title of a monk or a nun (妙智法师审定, 性空禅师事迹, 住持圆慧尼师, 海印和尚塔,
# 妙慈比丘尼), before the inscription of the monk's stupa (觉源塔铭, 与恒照塔铭所列), or before the lay surname or name
# the monk was born with (寂照，俗姓萨): after the start of a clause, a temple's office or 与 and 及.
_TITLED = re.compile(
    "(?:^|(?<=[，,。；;：:、（(\\s“\"与及])|(?<=住持|监院|方丈))([\u4e00-\u9fff]{2})"
    f"(?={_TITLES}|塔铭|[，,（(]俗[姓名])"
)
# Titles only a monk or a nun bears (not 法师, 长老: 夜班|长老, a church's elders): before one, a common word is a dharma
# name too (海印和尚塔, 古月禅师, 了然上人).
_MONKS_ONLY = ("和尚", "禅师", "尼师", "上人", "比丘尼")
# Words that end in 释 and are not all in jieba's frequent words (刑释人员: released prisoners; 缓释片).
_ENDS_IN_IT = frozenset({"解释", "注释", "稀释", "保释", "假释", "开释", "冰释", "缓释", "刑释", "阐释", "诠释", "获释", "考释", "如释"})
# and words that start with it (释明: a judge's explaining; 释读: deciphering old letters).
_STARTS_IT = frozenset({"释明", "释读", "释放", "释义", "释然", "释疑", "释怀"})
_NOT_NAMES = ("释迦",)  # 释迦牟尼: the Buddha, named in every temple's records
# Function characters that dharma names hold all the same (释真如, 释了然, 释无尘, 释一行).
_NOT_IN_A_DHARMA_NAME = STOP_CHARS - frozenset("如了无一")


def dharma_names(text: str) -> list[tuple[int, int]]:
    """Spans of 释 and the two Chinese characters after it, where 释 makes no word with its neighbours and
    neither character is one no name holds; of the dharma name alone where the text writes it again; and of one
    alone before a monk's or a nun's title (module docstring)."""
    words = common_words()
    out: list[tuple[int, int]] = []
    for i in _occurrences(text, "释"):
        name = text[i:i + 3]
        before, first = text[i - 1:i + 1], name[:2]
        if len(name) < 3 or before in _ENDS_IN_IT or before in words or first in _STARTS_IT or first in words:
            continue  # 解释|清楚, 释放, 刑释|人员
        if name.startswith(_NOT_NAMES) or not all("\u4e00" <= c <= "\u9fff" and c not in _NOT_IN_A_DHARMA_NAME for c in name[1:]):
            continue
        out.append((i, i + 3))
    for m in _TITLED.finditer(text):
        name = m.group(1)
        word = name in words and not text.startswith(_MONKS_ONLY, m.end(1))  # 圆通和尚, 古月禅师: words, names here
        if not word and not _NOT_IN_A_DHARMA_NAME.intersection(name) and "释" not in name and name[-1] != "塔":
            out.append(m.span(1))  # 了然法师 too, not 这位|法师, nor a stupa (新塔|塔铭); 释文|比丘尼 is the loop's
    # The dharma name alone, wherever else the text writes it (释海印 … 以海印继席; 恒照禅师 … 吾师恒照公): two
    # characters, after 释 or before a title.
    names = {text[a + 1:b] if text[a] == "释" else text[a:b] for a, b in out if text[a] != "释" or _opens_a_name(text, a)}
    for name in names:
        out.extend((k, k + len(name)) for k in _occurrences(text, name) if text[k - 1:k] != "释")
    return sorted(set(out))


def _opens_a_name(text: str, at: int) -> bool:
    """释 at `at` starts a clause or an item, or follows a temple's office or what names a person next (、释海澄,
    住持释法空, 有释海印): the monk's name is sure enough to be looked for alone."""
    return at == 0 or not "\u4e00" <= text[at - 1] <= "\u9fff" or text[at - 1] in "有由和与及" or (
        text[at - 2:at] in ("住持", "监院", "方丈", "弟子", "法师")
    )


def _occurrences(text: str, word: str) -> list[int]:
    """Where `word` starts in `text`, every time."""
    at, found = text.find(word), []
    while at >= 0:
        found.append(at)
        at = text.find(word, at + 1)
    return found
