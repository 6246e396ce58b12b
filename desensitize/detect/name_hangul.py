"""Korean names in Hangul in Chinese text: 韩国籍学生김민수申请居留, 金敏洙（김민수）, 留学生 박지현 来电.

Korean residents' records give their names in Hangul beside or instead of the Chinese characters. Neither the
rules nor the model read Hangul (both know Chinese characters), so such a name was published as it stood.
Chinese records write almost nothing else in Hangul, and a Korean name is a surname of one syllable (two for a
few: 남궁, 황보) and a given name of one or two, and a given name is often written alone (아름 씨, 지우). A run of two
to four Hangul syllables standing alone (no Hangul syllable before or after it) whose first syllable or two are a
Korean surname is a name; one of two or three that starts with none is a given name unless it is a title (과장,
팀장님) or a word of Korean text around it (a run of Hangul one space before or after it). A longer run is Korean
text, not a name, and is left as it is.
"""

from __future__ import annotations

import re

# The commonest Korean surnames (about 99 % of the population), in Hangul; the two-syllable ones apart.
SURNAMES = frozenset(
    "김 이 리 박 최 정 강 조 윤 장 임 림 한 오 서 신 권 황 안 송 류 유 전 홍 고 문 양 손 배 백 허 남 심 노 하 곽 성 차 주 "
    "우 구 민 진 나 지 엄 채 원 천 방 공 현 함 변 염 여 추 도 소 석 선 설 마 길 연 위 표 명 기 반 왕 금 옥 육 인 맹 제 "
    "모 탁 국 어 은 편 용 예 경 봉 사 부 태 목 형 계 피 두 감 음 빈 동 온 호 범 좌 팽 승 간 상 갈 단 견 당".split()
)
COMPOUND = frozenset("남궁 황보 제갈 선우 독고 사공 서문 동방".split())
HINT = re.compile("[가-힣]{2}")
# Titles a Korean record writes after a name (이정민 과장, 팀장님): no name, though two syllables alone.
TITLES = frozenset("과장 부장 사장 팀장 대리 주임 차장 실장 이사 회장 선생 교수 박사 원장 소장 반장 조장 선배 후배".split())
# A run of Hangul syllables one space from the run before or after it: Korean text, where a run is a word.
_NEIGHBOUR_BEFORE = re.compile("[가-힣]{2} $")
_NEIGHBOUR_AFTER = re.compile(" [가-힣]{2}")
# A run of Hangul syllables with none around it.
_RUN = re.compile("(?<![가-힣])[가-힣]{2,4}(?![가-힣])")


def hangul_names(text: str) -> list[tuple[int, int]]:
    """Spans of the Korean names in Hangul of `text` (module docstring)."""
    out: list[tuple[int, int]] = []
    for m in _RUN.finditer(text):
        run = m.group()
        if (run[:2] in COMPOUND and len(run) >= 3) or run[0] in SURNAMES:
            out.append(m.span())
        elif len(run) <= 3 and run.removesuffix("님") not in TITLES and not _in_korean_text(text, *m.span()):
            out.append(m.span())  # a given name alone (아름 씨)
    return out


def _in_korean_text(text: str, a: int, b: int) -> bool:
    """The run at `a:b` has a word of Hangul one space before or after it: it is a word of Korean text (팀장님 내일 반차
    써도 될까요), where only a run that starts with a surname is read as a name."""
    return _NEIGHBOUR_BEFORE.search(text, max(0, a - 3), a) is not None or _NEIGHBOUR_AFTER.match(text, b) is not None
