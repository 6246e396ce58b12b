"""Names spaced out in forms and tables: 经办人：王　伟, 姓名 陈 建 华, 审核人:李  娜.

Forms pad a two-character name with a space, most often the full-width one (王　伟), so that it lines up
with three-character names, and text copied out of tables or scanned documents spaces every character.
The rules and the model read a name as a run of characters, and a space ends a run. This finder takes a
surname standing alone, a space (one or two; the same between every character), and one or two characters
common in given names standing alone too, after a role word or a field's colon or before what follows
only a person (林 美 玉（女，…), where the two characters together make no common word (学历：高 中 is no one).
"""

from __future__ import annotations

import re
from functools import lru_cache

from desensitize.detect.names import PERSON_CUES, ambiguous_surnames, common_words, given_name_chars, role_before, surnames

# Every spaced name holds a space and a Chinese character standing alone after it. Starting at the space
# lets the regex engine skip to spaces: 0.03 s over a million remarks, 0.15 s starting at a Chinese character.
HINT = re.compile("[ \u3000][\u4e00-\u9fff](?![\u4e00-\u9fff])")


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern[str]:
    single, compound = surnames()
    first = "".join(sorted(single - ambiguous_surnames()))
    return re.compile(
        f"(?P<s>{'|'.join(compound)}|[{first}])(?P<sp>[ \u3000]{{1,2}})"
        f"[\u4e00-\u9fff](?:(?P=sp)[\u4e00-\u9fff])?"
        # The name ends here: no character follows at once, nor one more character standing alone, spaced as
        # its own are (张 伟 李 娜: two names or one, no telling; skipped). A word may follow (郑 志 远 性别).
        f"(?![\u4e00-\u9fff]|(?P=sp)[\u4e00-\u9fff](?![\u4e00-\u9fff]))"
    )


def spaced_names(text: str) -> list[tuple[int, int]]:
    """Spans (spaces inside included) of the spaced names of `text` (module docstring)."""
    out: list[tuple[int, int]] = []
    given, words = given_name_chars(), common_words()
    for m in _pattern().finditer(text):
        a, b = m.span()
        rest = m.group()[len(m.group("s")):].split()
        if not all(c in given for c in rest) or m.group("s") + rest[0] in words:
            continue
        before = text[:a].rstrip(" \u3000")
        if "\u4e00" <= text[a - 1:a] <= "\u9fff" and not role_before(text, a):
            continue  # the surname must stand alone, or right after a role word (申请人王 芳（女）)
        if role_before(text, a) or before.endswith(("：", ":")) or text[b:b + 2] in PERSON_CUES:
            out.append((a, b))
    return out
