"""Siblings' names side by side (name_siblings.py), alone and in the masked text."""

from __future__ import annotations

import pytest

from desensitize.detect.name_siblings import sibling_names
from tests.name_helpers import masked_names


@pytest.mark.parametrize(
    ("text", "spans", "added", "dropped"),
    [
        ("录文：“黄道澄 黄道润 嘉靖丙辰 同登”", [(4, 7)], ["黄道润"], []),  # after a space
        ("侯官廖锦堂同池景星池景辰游", [(6, 9), (10, 12)], ["池景辰"], ["景辰"]),  # glued: the model's 景辰 gives way
        ("兄弟郑孔璋郑孔瑜合捐", [(2, 8)], ["郑孔璋", "郑孔瑜"], ["郑孔璋郑孔瑜"]),  # two siblings read as one
        ("雷石金、雷石银兄弟", [(4, 7)], ["雷石金"], []),  # before the name found
        ("江以仁与江以礼同捐", [(0, 3), (4, 7)], [], []),  # both found already
        ("王建国、王建国", [(0, 3)], [], []),  # the same name twice is no sibling
        ("林秀英、林秀", [(0, 3)], [], []),  # no third character
        ("陈建国、陈建的", [(0, 3)], [], []),  # a function character ends no given name
        ("蔡廷杰、蔡廷俊敬书", [(0, 3), (4, 8)], ["蔡廷俊"], []),  # a span past the names stays: all it held stays masked
        # given names of two glued, sharing their first character, before a word saying they are two (round 35)
        ("国平国安两兄弟请假", [(0, 2)], ["国安"], []),  # the first found
        ("国平国安两兄弟请假", [(2, 4)], ["国平"], []),  # the second found
        ("木金木土兄弟装车", [(0, 4)], ["木金", "木土"], ["木金木土"]),  # both read as one
        ("木金木土装车", [(0, 4)], [], []),  # nothing says they are two
        ("能不能分两个月", [(0, 2)], [], []),  # 不 fills no given name
    ],
)
def test_sibling_names(text: str, spans: list[tuple[int, int]], added: list[str], dropped: list[str]) -> None:
    add, drop = sibling_names(text, spans)
    assert [text[a:b] for a, b in add if (a, b) not in spans] == added
    assert [text[a:b] for a, b in drop] == dropped


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("录文：咸丰辛亥冬，侯官廖锦堂同池景星池景辰来游。", ["廖锦堂", "池景星", "池景辰"]),
        ("兄弟郑孔璋郑孔瑜合捐银五十两。", ["郑孔璋", "郑孔瑜"]),
        ("罗源县雷石金、雷石银兄弟卖山契一件", ["雷石金", "雷石银"]),
        ("水旺水生两兄弟轮流守夜，玉兰玉梅姐妹俩今天穿一样", ["水旺", "水生", "玉兰", "玉梅"]),
        ("黄金周、黄金岛两个项目已立项", []),  # no name found beside: nothing read
    ],
)
def test_the_detector_masks_them(text: str, names: list[str]) -> None:
    assert masked_names(text) == names


def test_one_text_alone_reads_as_in_a_batch() -> None:
    """The single-text path joins its text one place on from the offsets it gives: the siblings are the same."""
    from desensitize.detect.text import TextDetector
    from pipelines.core.vocab import FindingKind

    detector = TextDetector(kinds={FindingKind.PERSON_NAME})
    text = "兄弟郑孔璋郑孔瑜合捐银五十两。"
    alone = [text[s.start:s.end] for s in detector.find(text) if s.kind == FindingKind.PERSON_NAME]
    assert alone == masked_names(text) == ["郑孔璋", "郑孔瑜"]
