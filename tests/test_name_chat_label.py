"""A nickname that labels a chat line or is called on with @ (name_chat_label.py), alone and in the detector."""

from __future__ import annotations

import pytest

from desensitize.detect.name_chat_label import chat_label_names
from desensitize.detect.text import TextDetector
from pipelines.core.vocab import FindingKind as K


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("阿旺：鱼丸到了，下楼拿", ["阿旺"]),  # a line's label at the text's start
        ("群聊 乐乐：我晚点到 小葵：收到", ["乐乐", "小葵"]),  # after a space, one line after another
        ("老船长：明早六点开船", ["老船长"]),  # 老 and no surname: a nickname
        ("小雪：好的", ["小雪"]),  # a word, but of characters given names hold
        ("组长：@皮皮 你的表还没交", ["皮皮"]),  # called on
        ("@阿青：明天换班", ["阿青"]),
        ("阿福伯：鱼丸到了 阿琼姐：收到", ["阿福", "阿琼"]),  # the kinship word after the nickname left out
        ("小慧记：周五留盲盒 阿华说：好", ["小慧", "阿华"]),  # what the line's writer does left out (round 29)
        ("店长：今晚谁值班｜小雅：我来｜阿娟：好", ["小雅", "阿娟"]),  # chat lines pasted with a bar between them
        # a parents' chat: the child's name before the parent's word, a word or not (round 28)
        ("南瓜妈：我家南瓜想找同龄小朋友玩 依依妈妈：好 小鹏爸：收到", ["南瓜", "依依", "小鹏"]),
        ("宝宝妈：收到 二胎妈：好 志刚他爸：嗯 孩子爸爸：到", []),  # a parent of any child
        # addresses by surname, roles, kin and common words, a label inside a line, an e-mail-like @
        ("老郑：收到 小王：好 小杜：到", []),
        ("老师：请家长签字 妈妈：好的 阿姨：在 宝宝：嗯", []),
        ("小区：明日停水 小计：35元 老人说：冷", []),
        ("备注阿旺：已联系", []),  # not at a line's start
        ("@小吴 收到", []),
    ],
)
def test_chat_label_names(text: str, names: list[str]) -> None:
    assert [text[a:b] for a, b in chat_label_names(text)] == names


def test_the_detector_masks_them() -> None:
    detector = TextDetector(kinds={K.PERSON_NAME})
    # neither the rules nor the model read these nicknames (round 23)
    texts = ["老船长：今天谁值班？", "黄海：@老船长 我来", "一一：是我", "小区：明日停水", "馒头妈：馒头今天会叫姐姐了", "依依妈妈：好的"]
    found = [[t[s.start:s.end] for s in spans] for t, spans in zip(texts, detector.find_many(texts))]
    # the child's name, every time, without the parent's word (the model read 依依妈, round 28)
    assert found == [["老船长"], ["黄海", "老船长"], ["一一"], [], ["馒头", "馒头"], ["依依"]]
    assert [[t[s.start:s.end] for s in detector.find(t)] for t in texts] == found
