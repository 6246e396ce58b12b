"""A nickname that labels a chat line or is called on: 阿坤：收到, 一一：是我, 老顽童：今天跳完腰有点酸, @暖暖 太好了.

Records pasted from a group chat (a volunteers', a class's, a streamers' group) start each line with the member's
name as the chat shows it, and members go by nicknames: 阿 or 小 and one or two characters, 老 and one or two that
make no surname's address, or a doubled character. Neither the rules nor the model read a nickname alone (小雨点,
暖暖 are words, 阿坤 has no surname). Such a label is a name where it opens the text or follows a space or a line
break, the colon right after it, or after a chat's @ (@暖暖 , @老顽童：), and it is no word of the chat itself:

* not an address by surname, by convention no name (老郑, 老邝, 小杜, 小王: 老 and any surname; 小 and one of
  the commonest surnames, or one no given name holds);
* not a role or kinship word (老师, 老板, 阿婆, 妈妈, 宝宝), nor a word that starts one (老人说, 老年团);
* and, for 阿, 小 or 老 and one or two characters, no common word (小区, 小计, 小传) unless what follows 阿, 小 or
  老 is made of characters given names hold (小雪, 阿兰: a nickname as often as a word).

A parents' chat labels a line with the child's name and the parent's word (南瓜妈：, 依依妈妈：, 小鹏爸：, 米粒奶奶：):
the child's name before it is a name too, whatever it is (馒头, 南瓜 are words), where it is two or three
characters and no word for a child in general (宝宝妈：, 孩子爸：, 二胎妈：). On round 28's labelled files 212 such
labels name the child, 205 of them read already; this reads the other 7.

A kinship word after a nickname of two is left out of it (阿水伯： names 阿水). On the labelled files of the round
it was written in (training and studied sets; no sealed one) 294 spans stand so; this takes 234, 229 of them marked
names (the others 小传, 老档案, 阿泉埕 …), and leaves 60, 43 of them unmarked (老郑, 小王, 小区, 老师).
"""

from __future__ import annotations

import re

from desensitize.detect.names import (
    ANY_CHILD,
    COMMONEST_SURNAMES,
    KIN_AFTER,
    ROLE_WORDS,
    dictionary_words,
    given_name_chars,
    surnames,
)

HINT = re.compile("[：:@]")
_LABEL = re.compile(
    "(?:^|(?<=[\\s\u3000｜|]))((?:阿|小|老)[\u4e00-\u9fff]{1,2}|([\u4e00-\u9fff])\\2)(?=[：:])"
    "|(?<=@)((?:阿|小|老)[\u4e00-\u9fff]{1,2}?|([\u4e00-\u9fff])\\4)(?=[\\s\u3000，,：:]|$)"
)
# A child's name and the parent's word, labelling a chat line (南瓜妈：, 依依妈妈：).
_PARENT_LABEL = re.compile(
    "(?:^|(?<=[\\s\u3000｜|]))([\u4e00-\u9fff]{2,3}?)(?:妈妈|爸爸|妈|爸|奶奶|爷爷|外婆|外公|姥姥|姥爷)(?=[：:])"
)
# Kinship and family words a chat's lines may open with (妈妈：, 宝宝：), besides `ROLE_WORDS`.
_FAMILY = frozenset({"妈妈", "爸爸", "奶奶", "爷爷", "外婆", "外公", "宝宝", "宝贝", "哥哥", "姐姐", "弟弟", "妹妹", "老伴", "阿婆", "阿嫂"})


# What a line's writer does before its colon (小慧记：, 阿华说：): records, says, asks, answers.
_SAYING = frozenset("记说讲问答写")


def chat_label_names(text: str) -> list[tuple[int, int]]:
    """Spans of the nicknames that label a chat line in `text` (module docstring)."""
    out: list[tuple[int, int]] = []
    for m in _LABEL.finditer(text):
        k = 1 if m.group(1) else 3
        a, b = m.span(k)
        if len(m.group(k)) == 3 and text[b - 1] in "妈爸":
            continue  # 阿宝妈：, 小鹏爸： the child's name, read with the parents' labels below
        if len(m.group(k)) == 3 and (text[b - 1] in KIN_AFTER or text[b - 1] in _SAYING):
            b -= 1  # 阿水伯：, 阿英姐：, 小慧记：, 阿华说： the name without the kinship word or what they do
        if not _a_chats_word(text[a:b]):
            out.append((a, b))
    for m in _PARENT_LABEL.finditer(text):
        name = m.group(1)
        if name not in ANY_CHILD and name not in ROLE_WORDS and name not in _FAMILY and not any(c in "我你他她" for c in name):
            out.append(m.span(1))
    return sorted(out)


def _a_chats_word(name: str) -> bool:
    """`name` is an address by surname, a role, kinship or family word, or a common word (module docstring)."""
    single, _ = surnames()
    if name in ROLE_WORDS or name in _FAMILY or name[:2] in ROLE_WORDS or name[:2] in _FAMILY:
        return True
    head, rest = name[0], name[1:]
    if head == rest:  # a doubled character: 暖暖, 一一
        return False
    if rest[0] in KIN_AFTER:
        return True  # 阿姨, 阿嫂: how one addresses, not names
    if head == "老" and rest[0] in single:
        return True  # 老郑, 老邝: an address by surname
    if head == "小" and len(rest) == 1 and (rest in COMMONEST_SURNAMES or (rest in single and rest not in given_name_chars())):
        return True  # 小王, 小杜
    words = dictionary_words()  # the common words among them
    if name in words or name[:2] in words and len(name) == 3 and head == "老":
        return not all(c in given_name_chars() for c in rest)
    return False

