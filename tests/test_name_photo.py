"""Given names in a photograph's quoted inscription (name_photo.py), alone and in the masked text."""

from __future__ import annotations

import pytest

from desensitize.detect.name_photo import photo_names
from tests.name_helpers import masked_names


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("照片背面有钢笔字\"秀梅留念 1952\"，身份待查", ["秀梅"]),
        ("背面题“春燕姐惠存 玉珍赠 一九五六年”", ["春燕", "玉珍"]),  # the receiver, then the giver before 赠
        ("题字：“赠给阿凤妹妹留念 兄建国 一九六三年”", ["阿凤", "建国"]),  # after 赠给, a kinship word before the giver
        ("题字：“德明秀兰结婚纪念 1966.5.1”", ["德明", "秀兰"]),  # a wedding's two given names
        ("“诸葛敏同学存念 何雨 赠”；背面“龙仔百日”", ["诸葛敏", "何雨", "龙仔"]),
        # no name: a purpose alone, a kinship word, an event, a hall, an age in a sentence
        ("“小妹周岁”“毕业留念 高三（2）班”“解放福州纪念 1949.8”“林则徐纪念馆”“过了35岁就没人要了”", []),
    ],
)
def test_photo_names(text: str, names: list[str]) -> None:
    assert [text[a:b] for a, b in photo_names(text)] == names


def test_the_detector_masks_them() -> None:
    assert masked_names("提供人口述：背面“文辉十八岁留影 1958.5 福州”是我父亲写的。") == ["文辉"]
    assert masked_names("背面圆珠笔“龙仔百日”，为提供人小名。") == ["龙仔"]  # which nothing else reads
