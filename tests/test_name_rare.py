"""Names holding a character beyond the common CJK block (name_rare.py), alone and in the detector."""

from __future__ import annotations

import pytest

from desensitize.detect.name_rare import HINT, rare_names
from tests.name_helpers import masked_names


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("参保人姓名含生僻字“䶮”（林䶮），系统无法录入", ["林䶮"]),  # the character alone names no one
        ("工作人员林䶮到场核对", ["林䶮"]),  # 员 ends 人员 here, though it is a surname
        ("王䶮明说材料已交", ["王䶮明"]),  # a common given character after the rare one
        ("王明䶮说材料已交", ["王明䶮"]),  # the rare one last
        ("张𠇔今日来电", ["张𠇔"]),  # Extension B: one code point beyond the basic plane
        ("生僻字“䶮”无法录入，已报造字", []),
    ],
)
def test_rare_names(text: str, names: list[str]) -> None:
    assert [text[a:b] for a, b in rare_names(text)] == names


def test_the_detector_masks_them() -> None:
    text = "参保人姓名含生僻字“䶮”（林䶮），系统无法录入，已报市医保中心造字"
    assert HINT.search(text)
    assert masked_names(text) == ["林䶮"]
