"""Names written with the interpunct of minority and foreign names: 阿依古丽·买买提, 扎西·次仁, 安迪·葛鲁夫.

Such a name is two (or more) runs of transliteration characters joined by `·` (or the look-alikes
`•`, `‧`, `・` that typing produces). Neither the context rules nor the model read it whole: the rules
know Han surnames, and the model, which saw few of them, stops halfway (阿力木·赛买|提). This finder
takes the characters either side of the dot while they are characters that transliterations use, up
to `MAX_PART` on a side, so the mask covers the whole name and stops at the context (信访人|古丽娜尔·托合提|反映).
"""

from __future__ import annotations

import re
from collections.abc import Collection

DOTS = "·•‧・"
MAX_PART = 6  # characters on one side of a dot: 穆罕默德 is 4, 阿不都热合曼 6
# Characters of Uyghur, Kazakh, Tibetan, Mongolian and Western names in their usual Chinese
# transliteration (the Xinhua naming practice); 不, 都 and the like only count next to a dot.
TRANSLITERATION = frozenset(
    "阿艾爱安昂奥巴拜班邦贝本比彼毕别宾波伯博布查茨达丹道德迪蒂丁东杜多厄恩尔法凡菲费芬丰弗福富盖甘冈戈格葛贡古瓜圭"
    "哈海罕豪赫亨洪胡华霍基吉加贾杰金卡凯坎康考科克肯库夸奎拉莱兰朗劳勒雷蕾里丽利莉列林琳留柳龙卢鲁路伦罗洛马"
    "玛买迈麦曼芒毛梅美蒙米密敏明莫默姆穆木纳娜乃南内尼妮涅宁努诺欧帕潘佩彭皮普奇齐恰乔切琼丘曲然热日荣茹若萨"
    "塞赛桑色沙莎山尚舍什施史斯丝松苏索塔泰坦汤唐特提廷通图土吐托瓦万旺威韦维温沃乌伍西希锡夏谢辛欣休雅亚扬耶"
    "伊依尤于扎詹泽兹卓孜左次仁措嘎旦珠央顿平江帕合尕吾甫衣力则逊洪娃拜木肉孜阿卜杜热曼买合苏吐鲁洪江别克斯坦"
    "不都尔汗仁增旺堆巴桑格桑白玛达娃群培强巴罗布次旦索朗多吉顿珠拉姆央金卓嘎边巴普布尼玛扎西曲珍德吉其其格乌云"
    "苏日娜敖登图雅巴特尔呼和宝音朝鲁额尔敦毕力格娜仁花斯琴高娃赛音吉日嘎拉"
    "约翰姆戴"  # round 11: 约翰·威尔逊, 詹姆斯, 戴维 (廉 and 治 found firms and a university named after people)
    "森延"  # round 17: 尼尔森, 安德森, 杰森; 延斯 (Jens)
)
DOT = re.compile(f"[{DOTS}]")  # the dot however typed: the hint of a dotted name


def holds_dot(span: str) -> bool:
    """`span` holds the dot of a minority or foreign name, however it is typed (·, •, ‧, ・)."""
    return DOT.search(span) is not None
# A last character of Uyghur names (买买提, 托合提, 沙吾提) that starts common words too (提出, 提交): it stays.
_NAME_LAST = frozenset("提")


def transliteration_end(text: str, start: int, limit: int | None = None) -> int:
    """Where the run of transliteration characters from `start` ends: at most `MAX_PART` of them, not past
    `limit` (default: the text's end). A part of a dotted name, or what follows an Abdu- prefix."""
    stop = min(len(text) if limit is None else limit, start + MAX_PART)
    end = start
    while end < stop and text[end] in TRANSLITERATION:
        end += 1
    return end


def _word_end(text: str, part: int, end: int, words: Collection[str]) -> int:
    """The end of a dotted name's last part (`part`..`end`, three characters or more) without the start of the
    text after it: a last character that makes a common word with the next (约翰逊|本月, 冈萨雷斯|查看) or, in a
    part of four or more, a common word of its last two (阿里|基本适应). Transliteration characters are common in
    Chinese words, so the run reads on into them; two characters always stay."""
    if end < len(text) and text[end] in TRANSLITERATION:
        return end
    if end - part >= 3 and text[end - 1] not in _NAME_LAST and text[end - 1:end + 1] in words:
        return end - 1
    if end - part >= 4 and text[end - 2:end] in words:
        return end - 2
    return end


def dotted_names(text: str, words: Collection[str]) -> list[tuple[int, int]]:
    """Spans of the dotted names of `text`: each a run of transliteration characters, a dot, another
    run (and more dots and runs), both runs at least one character, the whole at least three, the last
    run stopping before a common word of `words` (two characters) it runs into (`_word_end`)."""
    out: list[tuple[int, int]] = []
    for m in DOT.finditer(text):
        dot = m.start()
        if out and dot < out[-1][1]:
            continue  # the second dot of a name already taken whole
        start = dot
        while start > 0 and dot - start < MAX_PART and text[start - 1] in TRANSLITERATION:
            start -= 1
        end = dot + 1
        while True:
            part = end
            end = transliteration_end(text, part)
            if end - part >= 3 and text[end - 1] == "和" and any(c in DOTS for c in text[end:end + MAX_PART + 1]):
                end -= 1  # 安娜·施密特|和|汉斯·穆勒: another dotted name follows; 和 is "and"
                break
            if end < len(text) - 1 and text[end] in DOTS and text[end + 1] in TRANSLITERATION and end > part:
                end += 1  # 阿卜杜拉·艾买提·吐尔洪: a third part
                continue
            break
        end = _word_end(text, part, end, words)
        if start < dot and end > dot + 1 and end - start >= 4:
            out.append((start, end))
    return out
