"""A given name's one character before 姐, 哥, 伯, 姨 or 叔, as chats and notes address a person: 芳姐, 坤哥, 福伯, 珍姨.

Colleagues, neighbours and the members of a group call one another by one character of the given name and a
kinship word (芳姐 for 郑芳, 坤哥, 福伯 for 谢广福), and the character is the person's name: the labelled sets
mark it so (⟦芳⟧姐). Neither the rules nor the model read a name of one character. It is one here where:

* it is a character common in given names and none of the commonest surnames (王姐, 陈伯, 李哥 call a person
  by the surname, as 老王 does: no name), nor one that makes a word of address with the kinship word (大姐, 表哥,
  师姐, 帅哥, 阿伯, 依伯 …);
* what stands before it ends a clause, a line's label or a list's item (芳姐：…, 收到，坤哥, 已报：芳姐、阿珍), is
  a role word (队长芳姐), a word that thanks, asks or calls a person (谢谢坤哥, 问兰姐, @海哥, 都叫他泉伯) or a common
  word the character makes none with (食堂萍姐, 上周兰姨; not 不好意|思姐);
* and the kinship word ends the address there (not 温哥华, 安哥拉, 哥伦比亚, 姐夫, 伯父, 哥们, 姨妈, 叔公, 同意|哥哥).
"""

from __future__ import annotations

import re

from desensitize.detect.names import BEFORE_A_PERSON, COMMONEST_SURNAMES, common_words, given_name_chars, role_before

HINT = re.compile("[姐哥伯姨叔]")
_ADDRESS = re.compile("([\u4e00-\u9fff])[姐哥伯姨叔](?![姐哥伯姨叔妹夫父母们儿华乐弟爷兄妈公婆拉伦])")
# Given-name characters that make a word of address with the kinship word, not a name (大姐, 表哥, 学姐, 空姐, 帅哥,
# 阿伯, 依伯: the Fuzhou 依 of address, 世伯, 亲哥, 干姐, 富姐, 靓姐, 月嫂's kin 月姐, 家叔, 二姨: an order of birth).
_OF_ADDRESS = frozenset("大小老阿依表堂学师空帅美靓胖富光亲干义世月乘嫂叔家二三四五六七八九")
# What may stand right before the name: the end of a clause or a label, a list's separator or an arrow or slash between
# two people (阿霞↔芳姐), a chat's @.
_BOUNDARY = frozenset("，,。.；;：:、！!？?（(）)“”\"「」 \u3000@↔→←⇄/｜|")
# Words that thank, ask or call a person, written right before the name (谢谢坤哥, 多谢芳姐, 麻烦兰姐, 告诉海哥), and
# what a note says people call someone (大家都叫他泉伯, 老客户喊她秀姐).
_THANKS = ("谢谢", "多谢", "感谢", "麻烦", "辛苦", "告诉", "通知", "联系", "欢迎", "叫他", "叫她", "喊他", "喊她", "称他", "称她")


def addressed_names(text: str) -> list[tuple[int, int]]:
    """Spans of the one given-name character before 姐, 哥, 伯, 姨 or 叔 that addresses a person (module docstring)."""
    out: list[tuple[int, int]] = []
    given, words = given_name_chars(), common_words()
    for m in _ADDRESS.finditer(text):
        a = m.start(1)
        char = m.group(1)
        if char not in given or char in COMMONEST_SURNAMES or char in _OF_ADDRESS:
            continue
        if a == 0 or text[a - 1] in _BOUNDARY or text[a - 1] in BEFORE_A_PERSON or text.endswith(_THANKS, 0, a) or (
            role_before(text, a) or ((text[a - 2:a] in words or text[a - 3:a] in words) and text[a - 1:a + 1] not in words)
        ):
            out.append((a, a + 1))
    return out
