"""Monastic names: 释 and a dharma name of two characters (住持释法空, 释妙音的禅修班, 签到：释常悟、陈道明).

Buddhist monks and nuns take 释 as their surname, and the records of religious affairs, temples and their
committees name them so. Neither the rules nor the model read such a name: 释 is no surname in the lists, and
a dharma name is made of words (法空, 如海, 圆通). 释 alone starts or ends common words (解释, 释放, 刑释人员,
缓释片, 假释); anywhere else, it and the two characters after it are a name. 释迦 (the Buddha) is none.
"""

from __future__ import annotations

import re

from desensitize.detect.names import STOP_CHARS, common_words

HINT = re.compile("释")
# Words that end in 释 and are not all in jieba's frequent words (刑释人员: released prisoners; 缓释片).
_ENDS_IN_IT = frozenset({"解释", "注释", "稀释", "保释", "假释", "开释", "冰释", "缓释", "刑释", "阐释", "诠释", "获释"})
# and words that start with it (释明: a judge's explaining; 释读: deciphering old letters).
_STARTS_IT = frozenset({"释明", "释读", "释放", "释义", "释然", "释疑", "释怀"})
_NOT_NAMES = ("释迦",)  # 释迦牟尼: the Buddha, named in every temple's records


def dharma_names(text: str) -> list[tuple[int, int]]:
    """Spans of 释 and the two Chinese characters after it, where 释 makes no word with its neighbours and
    neither character is one no name holds."""
    words = common_words()
    out: list[tuple[int, int]] = []
    for m in HINT.finditer(text):
        i = m.start()
        name = text[i:i + 3]
        before, first = text[i - 1:i + 1], name[:2]
        if len(name) < 3 or before in _ENDS_IN_IT or before in words or first in _STARTS_IT or first in words:
            continue  # 解释|清楚, 释放, 刑释|人员
        if name.startswith(_NOT_NAMES) or not all("\u4e00" <= c <= "\u9fff" and c not in STOP_CHARS for c in name[1:]):
            continue
        out.append((i, i + 3))
    return out
