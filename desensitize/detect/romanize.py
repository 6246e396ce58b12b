"""Readable release names for headers no synonym table knows: the header in pinyin, snake_case.

人数 → ren_shu, 保障人口数 → bao_zhang_ren_kou_shu, 2024年人数 → n_2024_nian_ren_shu. A reviewer
can read (and rename) them, which `col_06` never allowed. Headers are not values: romanizing them
is safe to show.
"""

from __future__ import annotations

import re

from pypinyin import Style, lazy_pinyin

from desensitize.detect.headers import normalize

MAX_LENGTH = 60  # NAME_PATTERN allows 63; room for a `_2` suffix that keeps names unique
_NOT_NAME = re.compile(r"[^a-z0-9]+")


def romanized_name(header: str) -> str | None:
    """A snake_case ASCII name for `header` (pinyin without tones for Chinese), or None if nothing is left."""
    # Bracketed notes such as （元） are units and remarks, not the name: normalize drops them.
    text = normalize(header) or header.strip().lower()
    syllables = lazy_pinyin(text, style=Style.NORMAL, errors="default")
    name = _NOT_NAME.sub("_", "_".join(syllables).lower()).strip("_")
    if not name:
        return None
    if not name[0].isalpha():
        name = "n_" + name  # a release name starts with a letter
    return name[:MAX_LENGTH].rstrip("_")
