"""A name in letters in brackets right after a name found (name_romanised.py), alone and in the detector."""

from __future__ import annotations

import pytest

from desensitize.detect.name_romanised import romanised_after
from desensitize.detect.text import TextDetector
from pipelines.core.vocab import FindingKind as K


@pytest.mark.parametrize(
    ("text", "names", "letters"),
    [
        ("泰国学生颂猜（Somchai）想参加龙舟队", [(4, 6)], ["Somchai"]),
        ("姓名 林在庆(Lin Tsai-ching)；籍贯 闽县", [(3, 6)], ["Lin Tsai-ching"]),  # ASCII brackets, a hyphen
        ("田中由纪（TANAKA YUKI）到访", [(0, 4)], ["TANAKA YUKI"]),  # two words in capitals: a passport's
        ("联系人王雪（HR）；郑浩宇（ADHD）复诊", [(3, 5), (10, 13)], []),  # one word in capitals: an abbreviation
        ("王雪 （Lisa）", [(0, 2)], []),  # the bracket must follow the name right away
    ],
)
def test_romanised_after(text: str, names: list[tuple[int, int]], letters: list[str]) -> None:
    assert [text[a:b] for a, b in romanised_after(text, names)] == letters


def test_the_detector_masks_them() -> None:
    """Found only after a name the detector found (round 28): the model reads 颂猜, no reader read Somchai."""
    detector = TextDetector(kinds={K.PERSON_NAME})
    texts = ["泰国学生颂猜（Somchai）想参加学校龙舟队", "地址（Fuzhou）已核", "来电人陈家豪（Chan Ka Ho）"]
    found = [[t[s.start:s.end] for s in spans] for t, spans in zip(texts, detector.find_many(texts))]
    assert found == [["颂猜", "Somchai"], [], ["陈家豪", "Chan Ka Ho"]]
    assert [[t[s.start:s.end] for s in detector.find(t)] for t in texts] == found
