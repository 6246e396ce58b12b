"""Names before 同志 in official notes: 请海燕同志跟进落实, 请建国同志与和平同志一同前往.

Sign-off and instruction lines address colleagues as their name and 同志, often by the given name alone,
and such given names are as often ordinary words (海燕, 建国, 和平) that neither the rules nor the model
take for a name. Two or three Chinese characters between a clause boundary or a word that hands work to
someone (请, 由, 让, 与, 和, 及) and 同志 are a name when they read as one (a surname and one or two
given-name characters, or two given-name characters), unless they say which comrades (各位, 全体, 有关,
青年, 值班).
"""

from __future__ import annotations

import re

from desensitize.detect.names import ROLE_WORDS, short_name

HINT = re.compile("同志")
_BEFORE = frozenset("请由让与和及、，,；;：:。 \u3000")
# Which comrades, not who: words of two or three characters that stand before 同志 in notes.
WHICH = frozenset(
    "各位 全体 相关 有关 广大 其他 其它 青年 年轻 领导 党员 基层 一线 部分 个别 机关 科室 该名 这位 那位 两位 几位 "
    "多数 少数 主要 先进 退休 离休 值班 驻村 帮扶 包片 联络 责任 承办 经办 分管 主管 全村 全组 各级 各村 新来 优秀 "
    "男性 女性 老年 中年 同组 本组 本科 本村 本单位 老党员 老干部".split()
)


def comrade_names(text: str) -> list[tuple[int, int]]:
    """Spans of the names before 同志 in `text`: the longest of three or two characters before it that
    stands after a boundary and reads as a name (请|海燕|同志, 与|和平|同志, ，|张建国|同志)."""
    out: list[tuple[int, int]] = []
    for m in HINT.finditer(text):
        p = m.start()
        if text[p + 2:p + 3] == "们":  # 同志们: everyone
            continue
        for a in (p - 3, p - 2):
            name = text[max(a, 0):p]
            if a < 0 or (a > 0 and text[a - 1] not in _BEFORE) or name in WHICH or name in ROLE_WORDS:
                continue
            if all("\u4e00" <= c <= "\u9fff" for c in name) and short_name(name):
                out.append((a, p))
                break
    return out
