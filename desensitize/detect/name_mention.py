"""Names after @ in chat notes copied into records: @晓丽 明天九点开会, 已@陈建华 跟进.

Staff notes pasted from work chats address people by @ and the name they go by in the group, most often
their name or given name. A run of two to four Chinese characters right after @, ended by a space,
punctuation or the end, is that name when it reads as one (a surname and one or two characters, or two
characters common in given names), unless it addresses a group (@所有人, @全体成员).
"""

from __future__ import annotations

import re

from desensitize.detect.names import short_name

HINT = re.compile("[@＠][\u4e00-\u9fff]")
_MENTION = re.compile("(?<![A-Za-z0-9._%+-])[@＠]([\u4e00-\u9fff·]{2,4})(?=[\\s\u3000，。；：、！？,.;:!?）)]|$)")
GROUPS = frozenset("所有人 全体 全体成员 大家 各位 全员 群主 管理员".split())


def mentioned_names(text: str) -> list[tuple[int, int]]:
    """Spans of the names after @ in `text` (the @ left out): a surname and a given name, or a given name
    of two characters; a handle that is no name (@美食频道, @精彩电影) is left alone."""
    return [m.span(1) for m in _MENTION.finditer(text) if m.group(1) not in GROUPS and short_name(m.group(1), any_given=True)]
