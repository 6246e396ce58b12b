"""A given name's one character before 姐, 哥 or 伯 that addresses a person (name_addressed.py), alone and in
the detector."""

from __future__ import annotations

import pytest

from desensitize.detect.name_addressed import addressed_names
from desensitize.detect.text import TextDetector
from pipelines.core.vocab import FindingKind as K


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("琴姐：明早七点集合，别迟到", ["琴"]),  # a line's label
        ("收到，辉哥", ["辉"]),  # after a clause's end
        ("多谢莲姐帮忙垫付", ["莲"]),  # after thanks
        ("队长涛哥说周五聚餐", ["涛"]),  # after a role word
        ("已报名：1.梅姐 2.阿玲", ["梅"]),  # a list's item
        ("寿伯今天没来领药", ["寿"]),
        ("老邻居都喊他福伯，孩子们叫她娟姐", ["福", "娟"]),  # what people call someone (round 23)
        ("调休：阿霞→琴姐，周三夜班/莲姐", ["琴", "莲"]),  # an arrow or a slash between two people (round 24)
        ("场长：看下青贮｜福哥：好 我问问", ["福"]),  # chat lines pasted with a bar between them (round 27)
        ("珍姨 脚背烫伤 换药；收到，强叔", ["珍", "强"]),  # 姨 and 叔 too (round 29)
        ("家叔秉衡公；二姨、三叔来了；兰姨妈家", []),  # my uncle, an order of birth, 姨妈
        ("食堂萍姐加了汤，财务倩姐签字", ["萍", "倩"]),  # after a common word (round 29)
        ("不好意思姐；非洲安哥拉；秘鲁和哥伦比亚", []),  # the character ends the word before; a country
        # Not a surname's address (黄姐, 陈伯), a word of address (大姐, 表哥, 师姐, 帅哥, 依伯), a longer word
        # (温哥华, 姐夫, 哥们, 哥哥) or a character inside a name or a word (王秀芳姐, 梁山伯)
        ("黄姐说陈伯已搬走", []),
        ("大姐和表哥来了，师姐叫帅哥帮忙，依伯在家", []),
        ("温哥华的亲戚；芬姐夫；强哥们；同意哥哥申请", []),
        ("王秀芳姐妹俩，梁山伯与祝英台", []),
    ],
)
def test_addressed_names(text: str, names: list[str]) -> None:
    assert [text[a:b] for a, b in addressed_names(text)] == names


def test_the_detector_masks_them() -> None:
    detector = TextDetector(kinds={K.PERSON_NAME})
    text = "领队郑秀琴（琴姐）说，琴姐下周出差，由阿玲代管"
    found = [text[s.start:s.end] for s in detector.find_many([text])[0]]
    assert "琴" in found and "郑秀琴" in found


def test_a_pronoun_starts_no_name() -> None:
    # the model read 她秀 where a note says what people call her (round 23): the name is 秀, the pronoun none of it
    detector = TextDetector(kinds={K.PERSON_NAME})
    text = "老主顾都叫她秀姐，全名方秀娟"
    found = [text[s.start:s.end] for s in detector.find_many([text])[0]]
    assert found == ["秀", "方秀娟"]
