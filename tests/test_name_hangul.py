"""Korean names in Hangul (name_hangul.py), alone and in the detector: two or three syllables standing alone, or four
that start with a Korean surname; not Korean text."""

from __future__ import annotations

import pytest

from desensitize.detect.name_hangul import HINT, hangul_names
from desensitize.detect.text import TextDetector
from pipelines.core.vocab import FindingKind as K


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("韩国籍学生김민수申请居留", ["김민수"]),
        ("金敏洙（김민수）、남궁민（南宫民）来电", ["김민수", "남궁민"]),  # a compound surname of two syllables
        ("留学生 박지현 、이준 已报到", ["박지현", "이준"]),  # a given name of one syllable
        ("店招写着안녕하세요，顾客称", []),  # five syllables: Korean text, not a name
        ("菜单：불고기백반", []),  # four syllables that start with no surname: a word
        ("아름 씨说宿舍网太慢，지우上课哭", ["아름", "지우"]),  # a given name alone
        ("〔聊天〕김지영：팀장님 내일 반차 써도 될까요?", ["김지영", "반차"]),  # Korean text: only what starts with a surname
        ("이정민 과장（中文李正民）", ["이정민"]),  # a title
    ],
)
def test_hangul_names(text: str, names: list[str]) -> None:
    assert HINT.search(text)
    assert [text[a:b] for a, b in hangul_names(text)] == names


def test_the_detector_masks_a_korean_name_no_other_reader_sees() -> None:
    text = "韩国籍学生김민수申请居留，其母박영희陪同"
    found = TextDetector(kinds={K.PERSON_NAME}).find(text)
    assert [text[s.start:s.end] for s in found] == ["김민수", "박영희"]
