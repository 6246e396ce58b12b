"""Korean names in Hangul in Chinese text: 韩国籍学生김민수申请居留, 金敏洙（김민수）, 留学生 박지현 来电.

Korean residents' records give their names in Hangul beside or instead of the Chinese characters. Neither the
rules nor the model read Hangul (both know Chinese characters), so such a name was published as it stood.
Chinese records write almost nothing else in Hangul, and a Korean name is a surname of one syllable (two for a
few: 남궁, 황보) and a given name of one or two: a run of two to four Hangul syllables, standing alone (no Hangul
syllable before or after it), whose first syllable or two are a Korean surname, is a name. A longer run, or one
that starts with no surname, is Korean text, not a name, and is left as it is.
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
# A run of Hangul syllables with none around it.
_RUN = re.compile("(?<![가-힣])[가-힣]{2,4}(?![가-힣])")


def hangul_names(text: str) -> list[tuple[int, int]]:
    """Spans of the Korean names in Hangul of `text` (module docstring)."""
    out: list[tuple[int, int]] = []
    for m in _RUN.finditer(text):
        run = m.group()
        if (run[:2] in COMPOUND and len(run) >= 3) or run[0] in SURNAMES:
            out.append(m.span())
    return out
