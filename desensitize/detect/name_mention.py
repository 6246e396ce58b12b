"""Names after @ in chat notes copied into records: @晓丽 明天九点开会, 已@陈建华 跟进.

Staff notes pasted from work chats address people by @ and the name they go by in the group, most often
their name or given name. A run of two to four Chinese characters right after @, ended by a space,
punctuation or the end, is that name when it reads as one (a surname and one or two characters, or two
characters common in given names), unless it addresses a group (@所有人, @全体成员).
"""

from __future__ import annotations

import re

from desensitize.detect.names import given_name_chars, surnames

HINT = re.compile("[@＠][\u4e00-\u9fff]")
_MENTION = re.compile("(?<![A-Za-z0-9._%+-])[@＠]([\u4e00-\u9fff·]{2,4})(?=[\\s\u3000，。；：、！？,.;:!?）)]|$)")
GROUPS = frozenset("所有人 全体 全体成员 大家 各位 全员 群主 管理员".split())


def mentioned_names(text: str) -> list[tuple[int, int]]:
    """Spans of the names after @ in `text` (the @ left out): a surname and a given name, or a given name
    of two characters; a handle that is no name (@美食频道, @精彩电影) is left alone."""
    single, compound = surnames()
    given = given_name_chars()
    out: list[tuple[int, int]] = []
    for m in _MENTION.finditer(text):
        name = m.group(1)
        if name in GROUPS:
            continue
        k = 2 if name[:2] in compound else 1 if name[0] in single else 0
        if (k and 0 < len(name) - k <= 2) or (len(name) == 2 and all(c in given for c in name)):
            out.append(m.span(1))
    return out
