"""Names right before the person's ethnic group in brackets (name_ethnic.py), alone and in the detector."""

from __future__ import annotations

import pytest

from desensitize.detect.name_ethnic import ethnic_names
from desensitize.detect.text import TextDetector
from pipelines.core.vocab import FindingKind as K


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("阿苦日体（彝族）来榕务工，反映被工头拖欠工资", ["阿苦日体"]),  # opens the text: no surname, no role
        ("经查，买买提江（维吾尔族，男）系该店雇员", ["买买提江"]),  # after punctuation, the sex after the group
        ("受援人阿力木•赛买提（维吾尔族）来访", ["阿力木•赛买提"]),  # the dot however typed (round 35)
        ("吉克阿依（女，彝族）申请临时救助", ["吉克阿依"]),  # the sex before it
        ("报警人其美多吉（藏族）称其手机被盗", ["其美多吉"]),  # a role word before it ends the name
        ("法律援助：受助人苏和（蒙古族）申请援助", ["苏和"]),  # so does one the role words do not know, ending in 人
        ("古丽娜尔·托合提（维吾尔族）到窗口办理", ["古丽娜尔·托合提"]),
        ("少数民族（彝族）学生可申请补助", []),  # words, not a name
        ("宁夏籍务工人员马海林（回族）反映", ["马海林"]),  # 人员 ends a role: the name starts after it
        ("来自凉山州的学生（彝族）", []),  # a clause, not a name
        ("户籍所在地（民族乡）", []),  # no ethnic group
        ("请雷美凤（畲族）补交户口簿复印件", ["雷美凤"]),  # the verb before the name is no part of it
        ("同钟秀兰（畲族）电话核对", ["钟秀兰"]),  # 同 is a surname too, but a preposition here
        ("由巴特尔（蒙古族）代为签收", ["巴特尔"]),  # 巴 is a surname: three characters after a preposition
        ("和丽娟（纳西族）到场", ["和丽娟"]),  # 和 is a Naxi surname, and 丽 none: the whole name
        ("走访3户，雷春兰家（畲族）两位老人由其孙女翻译", ["雷春兰"]),  # the household named by its head
    ],
)
def test_ethnic_names(text: str, names: list[str]) -> None:
    assert [text[a:b] for a, b in ethnic_names(text)] == names


def test_the_detector_masks_them() -> None:
    detector = TextDetector(kinds={K.PERSON_NAME})
    text = "阿苦日体（彝族）来榕务工，反映被工头拖欠工资，已转劳动监察。"
    assert [text[s.start:s.end] for s in detector.find_many([text])[0]] == ["阿苦日体"]


def test_a_han_name_before_the_group_is_the_rules_name() -> None:
    """The She and other peoples bear Han names: where a rule reads one that ends at the bracket, the name starts
    there, not at the clause's start that the finder takes (经查|钟秀兰（畲族）)."""
    detector = TextDetector(kinds={K.PERSON_NAME})
    texts = ["经查蓝秀珍（畲族，罗源县人）为季节性临时工", "备注：管理费由雷春英（畲族）的子女代缴", "阿苦日体（彝族）来榕务工"]
    found = [[t[s.start:s.end] for s in spans] for t, spans in zip(texts, detector.find_many(texts))]
    assert found == [["蓝秀珍"], ["雷春英"], ["阿苦日体"]]
