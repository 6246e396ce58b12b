"""Names right before a person's ethnic group in brackets: 阿苦日体（彝族）来榕务工, 买买提江（维吾尔族，男）.

Records name a minority person's ethnic group in brackets after the name. Where a role word stands
before the name (代理人热依拉（维吾尔族）) the policy keeps what the model or a rule found there; but a
minority name without its dot that opens a clause (阿苦日体（彝族）反映被拖欠工资) has no surname for the
gate and no role for the rules, and the model, which saw few of them, may not read it. The bracket
says person: what stands between it and the clause's start, or a role word, is the name.
"""

from __future__ import annotations

import re

from desensitize.detect.name_dotted import DOTS
from desensitize.detect.name_features import lexicon
from desensitize.detect.names import ROLE_WORDS, attributes_at, preposition_first, role_before

# What every text holding such a name holds, scanned over all texts at once: 族 (0.03 s a million benchmark
# remarks; the bracket, the sex and the group as one pattern took 0.1 s). `attributes_at` checks the rest,
# as it does for the rules and the gate.
HINT = re.compile("族")
_GROUP_ENDS = frozenset("）)，,、")  # what closes the group or goes on to the next attribute (（维吾尔族，男）)
_ROLE_ENDS = frozenset("人员者")
MAX_NAME = 8  # characters: 阿不都热合曼 is 6, 吉克阿依 4; a longer run is a clause, not a name
# What may stand right before such a name: the text's start, punctuation, a space (and a role word,
# `role_before`). A Chinese character there means the name's start is not known.
_OPEN = frozenset("，。；：、！？,.;:!? \u3000（(“\"'「【")


def ethnic_names(text: str) -> list[tuple[int, int]]:
    """Spans of the names right before `（X族）` in `text` that stand after a clause's start or a role
    word, two to `MAX_NAME` Chinese characters (the dot of a dotted name allowed), holding no common word
    (少数民族（彝族）; a Han name that holds one, 王建国（汉族）, is the model's to read) nor a role word."""
    words = lexicon().words
    out: list[tuple[int, int]] = []
    for m in HINT.finditer(text):
        end = attributes_at(text, m.start())  # the bracket that opens the attributes (热依拉|（维吾尔族）)
        if end < 0 or text[end] not in "（(" or text[m.end():m.end() + 1] not in _GROUP_ENDS:
            continue  # 民族, 家族; a comma (吐尔逊，男，) or an open bracket (（汉族自治…): the model's to read
        start = end
        while start > 0 and end - start < MAX_NAME and ("\u4e00" <= text[start - 1] <= "\u9fff" or text[start - 1] in DOTS):
            if end - start >= 2 and text[start - 1] in _ROLE_ENDS:
                break  # 受援人|巴特尔: a role the role words do not know ends in 人, 员 or 者; no name holds them
            start -= 1
            # A role word before it ends the name, unless the name would start inside a word (务工人员|马海林:
            # 工人 is a role, but 员 is no name's start)
            if end - start >= 2 and role_before(text, start) and text[start - 1:start + 1] not in words:
                break
        else:
            if start and text[start - 1] not in _OPEN:
                continue  # a clause of more than a name, or no boundary before it
        if preposition_first(text[start:end]):
            start += 1  # 同|蓝秀英（畲族）, 请|覃美兰（壮族）: the name follows the preposition
        if end - start >= 3 and text[end - 1] == "家":
            end -= 1  # 兰春娇|家（畲族）: a household's group, after the name of the one it is named by
        name = text[start:end]
        if 2 <= len(name) <= MAX_NAME and name not in ROLE_WORDS and not any(name[k:k + 2] in words for k in range(len(name) - 1)):
            out.append((start, end))
    return out
