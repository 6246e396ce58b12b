"""Both forms of a name a record corrects (name_corrected.py), alone and in the detector."""

from __future__ import annotations

import pytest

from desensitize.detect.name_corrected import corrected_names
from tests.name_helpers import masked_names


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("更正：判决书当事人写成孟晓霏，应为孟晓菲", ["孟晓霏", "孟晓菲"]),  # written wrongly, then the right form
        ("“郑伟明”系笔误，应为郑炜明", ["郑伟明", "郑炜明"]),  # named wrongly, said to be a slip
        ("已将欧阳明轩更正为欧阳铭轩，并重新打印", ["欧阳明轩", "欧阳铭轩"]),  # a compound surname
        ("将周方改为周芳；身份证号录入无误", ["周方", "周芳"]),
        # Not a place, a word, two forms of another surname, or the same form
        ("地址写成福州，应为福清；将开始改为开放", []),
        ("联系人写成王伟，应为李伟", []),
        ("将高山更正为高山", []),
    ],
)
def test_corrected_names(text: str, names: list[str]) -> None:
    assert [text[a:b] for a, b in corrected_names(text)] == names


def test_the_detector_masks_the_misspelt_form() -> None:
    # round 24: the right form was read, the wrong one (a word: 蒙蒙) was not
    assert masked_names("复核：登记表上写成邓蒙蒙，应为邓萌萌。") == ["邓蒙蒙", "邓萌萌"]
