"""Names after their generation in a genealogy (name_generation.py), alone and in the masked text."""

from __future__ import annotations

import pytest

from desensitize.detect.name_generation import generation_names
from tests.name_helpers import masked_names


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("第十五世郑敦睦，庠生，一名郑兆麟", ["郑敦睦"]),
        ("迁徙记录：第十二世林廷美康熙末年由长乐迁南台", ["林廷美"]),  # the name runs on into the text: two more
        ("本房世系自第九世游世昌起，原谱较乱；第五世欧阳文焕", ["游世昌", "欧阳文焕"]),  # a compound surname
        ("二十一世孙黄承钧捐谱一部", ["黄承钧"]),
        ("第十世起有迁台者；至第十世；第三世应用；和第二十世", []),  # no surname, a word, nothing after
        # sons by their order after their count, as a tomb's inscription lists them (round 19)
        ("志文：“娶陈氏，子三：长时敏，次时和，三时泰。”", ["时敏", "时和", "时泰"]),
        ("二子，长子在读高中，次子患病；女二，长适进士刘颖，次未行", []),
    ],
)
def test_generation_names(text: str, names: list[str]) -> None:
    assert [text[a:b] for a, b in generation_names(text)] == names


def test_the_detector_masks_them() -> None:
    assert masked_names("录入说明：第十七世翁兆熊无嗣，以胞弟之子承祧。") == ["翁兆熊"]
