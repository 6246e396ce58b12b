"""Japanese names in Chinese characters where a record says the person is Japanese: 日本游客田中健二在…参观,
团长山田和夫（日本友好城市代表团）, 山本美智子（日籍）.

A Japanese name is a surname of two characters and a given name of one to three that follow Japanese, not
Chinese, habits (和夫, 健二, 美智子): the model reads the surname (山田) and stops where a Chinese given name
would (山田|和夫), and no rule knows these surnames. In a text that says Japan (日本, 日籍, 日方 …), a
common Japanese surname and the characters after it up to a boundary, a function character or a title are
a name: two of them, or three where the third ends a Japanese given name (美智子, 龙太郎). Not where they
make a common word (中山|大学) or a title follows the surname alone (山田|先生: a surname with a title names
nobody here, as 陈先生 does not). Anywhere else, such a surname followed by a given name common in Japan and rare
in Chinese (健太, 美咲, 一郎) is a name too, with a third character that ends Japanese given names (交换生田中健太,
铃木健太郎): the model, reading Chinese habits, stops a character short (田中健|太).
"""

from __future__ import annotations

import re

from desensitize.detect.names import STOP_CHARS, common_words

_JAPAN = re.compile("日本|日籍|日方|日企|日资|日侨|日语|东京|大阪|京都|横滨|冲绳|北海道")
# The commonest Japanese surnames of two characters, in simplified Chinese characters.
SURNAMES = frozenset(
    "佐藤 铃木 高桥 田中 渡边 伊藤 山本 中村 小林 加藤 吉田 山田 山口 松本 井上 木村 清水 山崎 池田 阿部 桥本 石川 "
    "山下 中岛 石井 小川 前田 冈田 藤田 后藤 近藤 村上 远藤 青木 坂本 斋藤 福田 太田 西村 藤井 金子 冈本 藤原 中野 "
    "三浦 原田 中川 松田 竹内 小野 田村 中山 和田 石田 森田 上田 柴田 酒井 工藤 横山 宫崎 宫本 内田 高木 安藤 岛田 "
    "谷口 大野 高田 丸山 今井 河野 藤本 村田 武田 上野 杉山 增田 小山 大塚 平野 菅原 久保 松井 千叶 岩崎 樱井 木下 "
    "野口 松尾 菊地 野村 新井 渡部 佐佐 长谷 铃村 星野 吉川 小松 北村 大西 宫田 荒木 秋山 森本 永井 菅野 矢野 "
    # Round 27: the commonest of three characters, whose first two stood for them before (佐佐|木美穗 read 木美 as the
    # given name); 佐々木 reads as 佐佐木 (fold.py).
    "佐佐木 长谷川 佐久间 五十岚 小野寺 小笠原 久保田 大和田 宇都宫".split()
)
_SURNAME = re.compile("|".join(sorted(SURNAMES, key=lambda n: (-len(n), n))))  # the longest first: 佐佐木, not 佐佐
# Given names of two characters common in Japan that Chinese text seldom puts after these surnames (not 早苗,
# 花子, 和也: 田中早苗 is a seedling in a field, 小林和也 "Xiao Lin and also").
GIVEN = frozenset(
    "一郎 二郎 三郎 太郎 次郎 健太 翔太 大辅 大介 拓也 达也 哲也 直树 秀树 英树 健一 健二 浩二 浩一 雄一 洋介 康介 "
    "亮介 俊介 圭介 恭介 优太 大翔 悠真 阳翔 拓海 海斗 和夫 正雄 信夫 义雄 雅人 隼人 龙也 慎吾 真一 修一 裕太 翔平 "
    "美咲 由美 惠子 阳菜 结衣 明美 裕子 洋子 直美 美穗 优子 纪子 幸子 和子 千寻 七海 美纪 里美 奈奈 凉子 友美 麻衣 "
    "惠美 知子 由纪 美香 春香 沙织 香织 智子 美奈 绫香 彩花 美月 结菜 真由 真理 久美 菜菜".split()
)
# Japanese surnames of one character that Chinese ones share (林 Hayashi, 森 Mori): before such a given name, a
# Japanese person's (林健太郎).
SINGLE_SURNAMES = frozenset("林森原堀泉关岸")
_PAIR = re.compile(f"(?:{_SURNAME.pattern}|[{''.join(sorted(SINGLE_SURNAMES))}])(?:{'|'.join(sorted(GIVEN))})")
# Which texts the finder reads (scanned over all texts at once): the surnames before the given names would
# make the scan forty times slower (1.3 s on 100,000 benchmark remarks), the given names alone twice as slow.
HINT = re.compile(f"{_JAPAN.pattern}|{'|'.join(sorted(GIVEN))}")
# The last characters of Japanese given names of three (美智子, 龙太郎, 由美子, 健太郎).
_THIRD = frozenset("子郎美惠江代")
# What ends a Chinese given name ends a Japanese one too, but for characters Japanese given names hold (和夫,
# 一男, 和也, 由美, 之助).
_STOP = frozenset(STOP_CHARS - set("和夫男也由之"))
_TITLES = ("先生", "女士", "小姐", "社长", "部长", "课长", "会长", "教授", "老师", "医生", "总", "君", "桑", "氏")


def japanese_names(text: str) -> list[tuple[int, int]]:
    """Spans of the Japanese names in `text`: a surname with a given name of `GIVEN` (and a third character of
    `_THIRD`), and where it says Japan somewhere, every common Japanese surname of two characters with what
    follows it up to a boundary."""
    paired = [(m.start(), m.end() + (text[m.end():m.end() + 1] in _THIRD)) for m in _PAIR.finditer(text)]
    if _JAPAN.search(text) is None:
        return paired
    out: list[tuple[int, int]] = [p for p in paired if not _SURNAME.match(text, p[0])]  # 林健太郎: one character
    words = common_words()
    for m in _SURNAME.finditer(text):
        b = m.end()
        if text.startswith(_TITLES, b):
            continue  # 山田先生
        given = 0
        while given < 3 and b + given < len(text) and "\u4e00" <= text[b + given] <= "\u9fff" and text[b + given] not in _STOP:
            given += 1
        if given == 3 and text[b + 2] not in _THIRD:
            given = 2
        if given == 0 or text[b:b + 2] in words:
            continue  # 中山|大学
        out.append((m.start(), b + given))
    return sorted(out)
