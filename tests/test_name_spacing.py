"""Text with spaces between its Chinese characters (spacing.py): closed up, read, and its names taken back."""

from __future__ import annotations

import pytest

from desensitize.detect.spacing import twin_of, twins_in
from desensitize.detect.text import TextDetector
from pipelines.core.vocab import FindingKind as K


@pytest.mark.parametrize(
    ("text", "closed"),
    [
        ("兹 证 明 郑 德 旺 同 志 系 本 村 村 民", "兹证明郑德旺同志系本村村民"),  # every character spaced
        ("申请 人 姓 名 : 邬 春 林 性 别 : 女", "申请人姓名 : 邬春林性别 : 女"),  # the colon keeps its spaces
        ("上午到蒋 振 华家走访", "上午到蒋振华家走访"),
        ("签收人　曹　敏（代）", "签收人曹敏（代）"),  # full-width spaces; 曹 stands alone on both sides
        ("签收人　曹敏（代）", None),  # two runs: a form's label and its value
        ("参会：陈立 许岚 何敏", None),  # words separated by spaces: a list, not spaced text
        ("拟稿：顾平　核稿：丁宁", None),  # a form's fields
        ("交：吴凯 接：许文斌 一切正常", None),  # 接： is a field's label of one character, not spaced text
        ("文/林一 图/阿飞 编辑/杭州", None),  # 图/ is a byline's label (round 25)
        ("秦雪 女，28岁，投诉排班不公", None),  # 女 after a space is a form's sex field
        ("作业检查：林可欣 优，许志远 良，丁浩然 差", None),  # a grade after a space (round 29)
        ("接龙：礼饼2盒 林秀英；莲蓉1盒 王建峰", None),  # a unit after a number is no character spaced out
        ("共 3 户 12 人", None),  # digits keep their spaces
        ("放映排班 一 苏明 二 王芳", None),  # a numeral alone numbers a roster (round 28)
        ("没有空格的备注", None),
        # invisible characters are closed up wherever they stand (round 26)
        ("经王\u200b志强核实", "经王志强核实"),
        ("申请人黄\u00ad小明\ufeff称，电话138\u200d0013 8000", "申请人黄小明称，电话1380013 8000"),
        ("\u200b", None),  # nothing left: no twin
    ],
)
def test_twin_closes_up_only_spaced_characters(text: str, closed: str | None) -> None:
    twin = twin_of(text)
    assert (twin.text if twin else None) == closed
    if twin is not None:
        assert [text[k] for k in twin.origin] == list(twin.text)


def test_twins_in_finds_the_texts_in_one_scan() -> None:
    texts = ["普通备注", "到蒋 振 华家走访", "", "参会：陈立 许岚", "兹 证 明"]
    joined = "\x00" + "\x00".join(texts)
    assert [(i, t.text) for i, t in twins_in(texts, joined)] == [(1, "到蒋振华家走访"), (4, "兹证明")]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("兹 证 明 郑 德 旺 同 志 系 本 村 村 民 ， 情 况 属 实 。", ["郑 德 旺"]),
        ("扫描件：领款人签字邬 春 林，经办人签字蒋 振 华。", ["邬 春 林", "蒋 振 华"]),
        ("手写件：上午到蒋 振 华家，其妻说他外出打工了。", ["蒋 振 华"]),
        ("参会人员：许岚 何敏 陈立（按签到顺序）", ["许岚", "何敏", "陈立"]),  # a list stays three names
        ("交：吴凯 接：许文斌 一切正常", ["吴凯", "许文斌"]),  # a shift's handover: who hands over, who takes over
        ("文/林一 图/阿飞 编辑/杭洁", ["林一", "阿飞", "杭洁"]),  # a byline (round 25)
        ("秦雪 女 28岁 投诉内容：站点排班不公", ["秦雪"]),
        ("作业检查：林可欣 优，许志远 良，丁浩然 差", ["林可欣", "许志远", "丁浩然"]),  # not 许志远 良 (round 29)
        ("值班 王 良，李 芳", ["王 良", "李 芳"]),  # a name of two spaced out ends in a grade's character
        ("回单：巫金龙3张 阿斌1张 雷振宇5张", ["巫金龙", "阿斌", "雷振宇"]),  # not 张 阿斌: 3张 is a count
        ("文物安全责任书 乡镇：熊伟 村：陈长水", ["熊伟", "陈长水"]),
        ("放映组排班 一 苏明 二 王芳 三 阮文强", ["苏明", "王芳", "阮文强"]),  # not 苏明 二 (round 28)
        ("值班表：六 任晓丹/思远 日 雅琴", ["任晓丹", "思远", "雅琴"]),  # a weekday alone, not 思远 日 雅琴
        ("兹 证 明 王 二 虎 系 本 村 村 民", ["王 二 虎"]),  # spaced out whole, a numeral is a name's character
    ],
)
def test_the_detector_finds_names_spaced_out(text: str, names: list[str]) -> None:
    detector = TextDetector(kinds={K.PERSON_NAME})
    bulk = [text[s.start:s.end] for s in detector.find_many([text])[0]]
    one = [text[s.start:s.end] for s in detector.find(text)]
    assert bulk == one == names


def test_other_findings_of_a_spaced_text_stay() -> None:
    """The twin adds names only: a phone in the text as written is found once, where it is."""
    detector = TextDetector()
    text = "领 款 人 邬 春 林 电话13812345678"
    kinds = {(text[s.start:s.end], s.kind) for s in detector.find_many([text])[0]}
    assert kinds == {("邬 春 林", K.PERSON_NAME), ("13812345678", K.MOBILE_PHONE)}


def test_what_invisible_characters_hid_is_found_in_the_text_as_written() -> None:
    """A zero-width space, joiner, soft hyphen or byte-order mark inside a name or a number hid it from every reader
    (round 26): the twin that closes them up brings back every kind, spanning the invisible characters."""
    detector = TextDetector()
    texts = ["经王\u200b志强核实，情况属实", "申请人黄\u00ad小明称", "电话138\u200b0013\u200b8000", "经王志强核实"]
    bulk = [[(t[s.start:s.end], s.kind) for s in spans] for t, spans in zip(texts, detector.find_many(texts))]
    one = [[(t[s.start:s.end], s.kind) for s in detector.find(t)] for t in texts]
    assert bulk == one == [
        [("王\u200b志强", K.PERSON_NAME)], [("黄\u00ad小明", K.PERSON_NAME)],
        [("138\u200b0013\u200b8000", K.MOBILE_PHONE)], [("王志强", K.PERSON_NAME)],
    ]


def test_the_mask_covers_the_spaced_name_whole() -> None:
    """What publishing writes: the tag replaces the name with its inner spaces, the text around stays."""
    from desensitize.operators.text_tags import replace_spans

    text = "兹 证 明 郑 德 旺 同 志 系 本 村 村 民"
    assert replace_spans(text, TextDetector().find_many([text])[0]) == "兹 证 明 [姓名] 同 志 系 本 村 村 民"
