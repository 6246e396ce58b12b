"""Monastic names, 释 and a dharma name (name_dharma.py), alone and in the detector."""

from __future__ import annotations

import pytest

from desensitize.detect.name_dharma import dharma_names
from tests.name_helpers import masked_names


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("住持释法空因年事已高辞去职务，拟由监院释定慧接任", ["释法空", "释定慧"]),
        ("培训签到：释常悟、陈道明等共32人", ["释常悟"]),
        ("已向其解释清楚，刑释人员按期报到；缓释片已停", []),  # 解释, 刑释, 缓释: words that end in 释
        ("法官当庭释明举证责任，其已释放", []),  # 释明, 释放: words that start with it
        ("大雄宝殿供奉释迦牟尼佛像", []),  # the Buddha
        # Round 18: the dharma name alone again, and before a monk's or a nun's title
        ("释月江圆寂后，寺中有释海印、释海澄两位弟子，碑刻记载以海印继席", ["释月江", "释海印", "释海澄", "海印"]),
        ("议定：寺卷由朱海燕执笔，妙智法师审定；住持圆慧尼师发愿重建", ["妙智", "圆慧"]),
        ("请各位法师到场；考释中引用文献请注明", []),  # no name before the title; 考释 is a word
        ("明万历间释真如开山；乾隆间释了然", ["释真如", "释了然"]),  # 如, 了: function characters, in dharma names
        ("交接完毕，如释重负", []),
    ],
)
def test_dharma_names(text: str, names: list[str]) -> None:
    assert [text[a:b] for a, b in dharma_names(text)] == names


def test_the_detector_masks_them() -> None:
    text = "释妙音的禅修班第一期结束，实到18人，无投诉。"
    assert masked_names(text) == ["释妙音"]
