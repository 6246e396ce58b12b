"""Names in quotes that a record says are what a name field holds: 原登记姓名“林诗函”有误, 申请单名字写成"图尔孙",
报名表"队员姓名"一栏写"阿宝", 认养牌写中文名“贝卢卡”.

Records that correct a name quote it as it was written, and what they quote is often no name a reader knows: a
wrong character (林诗函 for 林诗涵), a transliteration misspelt (图尔孙), a nickname (阿宝), a foreigner's Chinese
name (贝卢卡). The rules and the model read a part of it or none. What stands in quotes right after 姓名, 中文名 or
曾用名 (a name field, its column or its line: 姓名一栏写"…", 姓名误录为“…”), or after 名字 and a verb of writing it
(名字写成"…", 名字改为“…”), is the name as the record wrote it, whole: two to six characters of Chinese, or up to
twelve with the dot of a minority name. 名字 alone before quotes is what a name means or sounds like (名字“犯冲”),
and a pseudonym (“某某”) names no one. A signature quoted after 署 or 落款 is a name too (写信人署“鸿”, 题跋署"芝岩"),
where it holds no character that no name holds (署"烈士后人").
"""

from __future__ import annotations

import re

from desensitize.detect.names import ROLE_WORDS, STOP_CHARS

HINT = re.compile("姓名|名字|中文名|曾用名|署|落款")
_OPEN, _CLOSE = "[“\"「『]", "[”\"」』]"
_WRITTEN = "(?:误录为|误写为|误写成|录为|写成|写为|写作|填写为|填为|登记为|应为|改为|更正为)"
# A signature quoted after 署, 署名 or 落款 (写信人署“鸿”, 题跋署"芝岩"): one to four characters, none that no name
# holds (署"烈士后人", 署"乡进士", 落款"儿振邦" are no signatures' names alone); not 签署, 部署 (签署“承诺书”).
_SIGNED = re.compile(f"(?:署名|(?<![签部公官专])署|落款)[为是：:]?{_OPEN}([\u4e00-\u9fff]{{1,4}}){_CLOSE}")
_QUOTED = re.compile(
    f"(?:(?:姓名|中文名字?|曾用名){_CLOSE}?(?:一?栏)?(?:{_WRITTEN}|填|写|为|是)?[：:]?|名字{_WRITTEN})"
    f"{_OPEN}([\u4e00-\u9fff·]{{2,12}}){_CLOSE}"
)


def quoted_names(text: str) -> list[tuple[int, int]]:
    """Spans of the names `text` quotes as a name field's content (module docstring)."""
    quoted = [m for m in _QUOTED.finditer(text) if len(m.group(1)) <= 6 or "·" in m.group(1)]
    signed = [m for m in _SIGNED.finditer(text) if not STOP_CHARS.intersection(m.group(1)) and m.group(1) not in ROLE_WORDS]
    return sorted({m.span(1) for m in quoted + signed if "某" not in m.group(1)})  # not “某某”: a pseudonym
