"""Names in chat notes copied into records: @晓丽 明天九点开会, 已@陈建华 跟进, 【值班群】阿辉：收到.

Staff notes pasted from work chats address people by @ and the name they go by in the group, most often
their name or given name. A run of two to four Chinese characters right after @, ended by a space,
punctuation or the end, is that name when it reads as one (a surname and one or two characters, or two
characters common in given names), unless it addresses a group (@所有人, @全体成员).

A paste marked as one (【工作群】, 【群聊】, 【微信】) gives each message its sender before a colon: two to
four Chinese characters that read as a name and are no common word (通知：, 备注： are labels), or a
capitalised Latin word (【群聊】Jason：…), right after the mark or at a line's start, are that sender.
"""

from __future__ import annotations

import re

from desensitize.detect.names import common_words, short_name

# Literal-first alternatives (a class first makes the scan try every character of the class: three times as long).
HINT = re.compile("@(?=[\u4e00-\u9fff])|＠(?=[\u4e00-\u9fff])|群】|聊】|微信】|钉钉】")
_MENTION = re.compile("(?<![A-Za-z0-9._%+-])[@＠]([\u4e00-\u9fff·]{2,4})(?=[\\s\u3000，。；：、！？,.;:!?）)]|$)")
GROUPS = frozenset("所有人 全体 全体成员 大家 各位 全员 群主 管理员".split())
# A chat paste's mark, then its messages' senders: after the mark, or at a line's start after one.
_PASTE = re.compile("【[^】\n]{0,8}(?:群|聊|微信|钉钉)[^】\n]{0,4}】")
_SENDER = re.compile("(?:(?<=】)|(?<=\n))[ \u3000]*([\u4e00-\u9fff]{2,4}|[A-Z][a-z]{2,11})[ \u3000]*[：:]")


def mentioned_names(text: str) -> list[tuple[int, int]]:
    """Spans of the names after @ in `text` (the @ left out), and of the senders of a chat paste: a surname
    and a given name, or a given name of two characters; a handle that is no name (@美食频道, @精彩电影) is
    left alone."""
    out = [m.span(1) for m in _MENTION.finditer(text) if m.group(1) not in GROUPS and short_name(m.group(1), any_given=True)]
    paste = _PASTE.search(text)
    if paste:
        out.extend(
            m.span(1)
            for m in _SENDER.finditer(text, paste.end() - 1)
            if m.group(1) not in GROUPS and (
                m.group(1).isascii() or (short_name(m.group(1), any_given=True) and m.group(1) not in common_words())
            )
        )
    return sorted(out)
