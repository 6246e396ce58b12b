"""Names written with a character beyond the common CJK block: 林䶮, 王𠇔明 (a 生僻字 a system "cannot input").

Such a character (CJK Extension A and beyond) is in no given-name list, no dictionary and none of the model's
training text, so neither the rules nor the model read a name that holds it. Records name these people
exactly because the character is rare (参保人姓名含生僻字“䶮”（林䶮），系统无法录入), and Chinese prose uses
such characters almost only in names: a surname followed by one or two characters, one of them rare, is a
name wherever it stands. The rare character alone (“䶮”) names no one.
"""

from __future__ import annotations

import re

from desensitize.detect.names import STOP_CHARS, given_name_chars, surnames

# What every text holding such a name holds, scanned over all texts at once: a character of CJK Extension A
# (U+3400–U+4DBF) or of the supplementary planes' ideographs (Extensions B to H).
HINT = re.compile("[\u3400-\u4dbf\U00020000-\U0003134f]")
# Surnames that end the words before a name more often than they start one (工作人员|林䶮, 生僻字|䶮, 和).
_NOT_FIRST = frozenset("员字和")


def _rare(c: str) -> bool:
    return HINT.fullmatch(c) is not None


def _name_char(c: str) -> bool:
    """A character a given name may hold: a rare one, or a common one that ends no name's reading."""
    return _rare(c) or ("\u4e00" <= c <= "\u9fff" and c not in STOP_CHARS)


def rare_names(text: str) -> list[tuple[int, int]]:
    """Spans of the names of `text` that hold a rare character: a single surname, then one or two given
    characters of which one is rare; a common third character only where it is common in given names."""
    single = surnames()[0]
    given = given_name_chars()
    out: list[tuple[int, int]] = []
    for m in HINT.finditer(text):
        i = m.start()
        if out and i < out[-1][1]:
            continue  # the second rare character of a name already taken (王䶮𠇔)
        if i >= 2 and text[i - 2] in single and text[i - 2] not in _NOT_FIRST and _name_char(text[i - 1]):
            start = i - 2  # 王明䶮, and 王林䶮 whole: a character more masked rather than a surname left
        elif i >= 1 and text[i - 1] in single:
            start = i - 1  # （林䶮）
        else:
            continue
        end = i + 1
        if end - start == 2 and end < len(text) and (_rare(text[end]) or text[end] in given):
            end += 1  # 王䶮明
        out.append((start, end))
    return out
