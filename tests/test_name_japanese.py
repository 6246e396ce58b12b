"""Japanese names (name_japanese.py), alone and in the detector: where a record says the person is Japanese, and
where a given name common in Japan follows a Japanese surname."""

from __future__ import annotations

import pytest

from desensitize.detect.name_japanese import HINT, japanese_names
from desensitize.detect.text import TextDetector
from pipelines.core.vocab import FindingKind as K


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("日本友好城市代表团来榕，团长山田和夫，共8人", ["山田和夫"]),  # 和 and 夫 end Chinese names, not Japanese ones
        ("外籍逝者山本美智子（日籍），已联系外办", ["山本美智子"]),  # three given characters ending in 子
        ("日本游客田中健二在故居参观时突发心悸", ["田中健二"]),  # 在 ends the name
        ("日方代表山田先生到中山大学参观", []),  # a surname with a title; 中山大学 is a university
        ("日企员工小林由美也参加了活动", ["小林由美"]),  # 也 ends no three-character given name
        ("日本客户长谷川健一来电，日籍佐佐木美穗复查", ["长谷川健一", "佐佐木美穗"]),  # surnames of three (round 27)
    ],
)
def test_japanese_names(text: str, names: list[str]) -> None:
    assert HINT.search(text)
    assert [text[a:b] for a, b in japanese_names(text)] == names


def test_the_detector_masks_them_whole_only_where_the_text_says_japan() -> None:
    detector = TextDetector(kinds={K.PERSON_NAME})
    found = detector.find("日本友好城市代表团来榕，团长山田和夫，共8人")
    assert [(s.start, s.end) for s in found] == [(14, 18)]
    found = detector.find("学生证补办：田中健太学生证丢失")  # a given name of Japan: the model alone stops at 田中健
    assert [(s.start, s.end) for s in found] == [(6, 10)]
    # Without a word of Japan the finder does not run on a surname alone: 小林 is a Chinese name and nickname
    # as often
    assert not HINT.search("小林也参加了活动")


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("学生证补办：田中健太学生证丢失，已补办，工本费10元。", ["田中健太"]),  # the model alone reads 田中健|太
        ("交换生铃木健太郎入住3号楼，床位已安排", ["铃木健太郎"]),  # 郎 ends Japanese given names of three
        ("小林美香和同事王春香也参加了活动", ["小林美香"]),  # 美香 after a Chinese surname is no Japanese name
        ("稻田中早苗长势良好，小林老师带学生观察", []),  # 早苗 is not listed: a seedling in a field
        ("林健太郎之父名林德顺，早年自横滨寄福清家中", ["林健太郎"]),  # 林 is a Japanese surname too (Hayashi)
    ],
)
def test_a_given_name_of_japan_makes_a_name_where_japan_is_not_said(text: str, names: list[str]) -> None:
    assert [text[a:b] for a, b in japanese_names(text)] == names
