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
        ("海印和尚塔，民国三十年立；古月禅师语录；夜班长老会议", ["海印", "古月"]),  # words before a monk's title (round 28)
        ("请各位法师到场；考释中引用文献请注明", []),  # no name before the title; 考释 is a word
        ("明万历间释真如开山；乾隆间释了然", ["释真如", "释了然"]),  # 如, 了: function characters, in dharma names
        ("交接完毕，如释重负", []),
        # Round 19: before more titles, a stupa's inscription or the monk's lay surname; the name again alone
        ("觉源塔铭年款已录；寂照，俗姓萨，闽清人；妙慈比丘尼塔在寺西", ["觉源", "寂照", "妙慈"]),
        ("恒照禅师塔铭称其嗣法门人众多，吾师恒照公", ["恒照", "恒照"]),
        ("，该塔塔铭漫漶；新塔塔铭待刻；教会长老会议；石塔铭文", []),
        # 释 before a title is the 释 loop's: no name of one character looked for again (it ran past the text's end)
        ("同一人，释文比丘尼到场，文", ["释文比"]),
    ],
)
def test_dharma_names(text: str, names: list[str]) -> None:
    assert [text[a:b] for a, b in dharma_names(text)] == names


def test_the_detector_masks_them() -> None:
    text = "释妙音的禅修班第一期结束，实到18人，无投诉。"
    assert masked_names(text) == ["释妙音"]
    # a stupa's and a tomb's inscriptions (塔铭, 志文) are no names; the monk before one is
    assert masked_names("通理塔铭称吾师恒照公，与恒照塔铭所列相合；志文称其早孤") == ["通理", "恒照", "恒照"]
