"""Names before 同志 in instructions and sign-offs (desensitize/detect/name_comrade.py)."""

from __future__ import annotations

import pytest

from desensitize.detect.name_comrade import comrade_names
from tests.name_helpers import masked_names


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("签批意见：1. 同意。2. 请海燕同志跟进落实。", ["海燕"]),  # a given name that is a word
        ("请建国同志与和平同志一同前往", ["建国", "和平"]),  # 与|和平: the longest that reads as a name
        ("请张建国同志牵头", ["张建国"]),
        ("海燕同志：你好", ["海燕"]),
        ("请各位同志注意", []),  # which comrades, not who
        ("请值班同志做好记录", []),
        ("感谢相关同志的付出", []),
        ("请同志们注意安全", []),
        ("老同志们都来了", []),
    ],
)
def test_comrade_names(text: str, names: list[str]) -> None:
    assert [text[a:b] for a, b in comrade_names(text)] == names


def test_the_detector_masks_them() -> None:
    text = "林所长批示：请海波同志阅处，结果报我。"
    assert masked_names(text) == ["海波"]
