"""Names after their generation in a genealogy: 第十六世叶敦睦, 第十三世萧廷美康熙末年由长乐迁…, 二十三世孙吴承钧.

Genealogies and the records made from them (a clan's registrations, digitised lineages, migration notes) number
each ancestor by generation and write the name right after it. The names are old ones (敦睦, 廷美, 兆熊) that the
model saw little of, and no role word stands before them. After 第…世 (with 祖 or 孙 after it, or none) or …世孙, a
surname that is no frequent word's character and two characters more, or one where a pause or a function
character follows, are a name; a compound surname takes two more. So are the sons' given names a tomb's
inscription lists by their order after their count (子四：长时雍，次时和，三时泰).
"""

from __future__ import annotations

import re

from desensitize.detect.names import (
    STOP_CHARS,
    ambiguous_surnames,
    dictionary_words,
    never_given_chars,
    surname_length,
)

_NUMBER = "[一二三四五六七八九十百廿卅〇零两0-9]+"
# Starting with a literal character: a scan that starts at every numeral takes four times as long.
HINT = re.compile(f"第{_NUMBER}世|世孙|子{_NUMBER}[：:，,]|男{_NUMBER}[：:，,]")
# Sons listed by their order after their count, as tomb inscriptions and genealogies list them (子四：长时雍，次时和，
# 三时泰，四时中): each a given name of two after 长, 次, 三 … or 幼.
_SONS = re.compile(f"[子男]{_NUMBER}[：:，,]\\s*(?=长)")
_ORDERED = re.compile("([长次三四五六七八九十幼季])([\u4e00-\u9fff]{2})(?=[，,、；;。…”\"]|$)")
_AFTER = re.compile(f"(?:第{_NUMBER}世[祖孙]?|{_NUMBER}世孙)[：:，,\\s]?(?=[\\u4e00-\\u9fff])")


def generation_names(text: str) -> list[tuple[int, int]]:
    """Spans of the names right after a generation's number (module docstring)."""
    ambiguous = ambiguous_surnames()
    words = dictionary_words()
    out: list[tuple[int, int]] = []
    for m in _AFTER.finditer(text):
        a = m.end()
        k = surname_length(text, a)
        if not k or (k == 1 and text[a] in ambiguous):
            continue  # 第十世|起有迁台, 和|第二十世: no surname there
        b = a + k
        while b < min(a + k + 2, len(text)) and "\u4e00" <= text[b] <= "\u9fff" and text[b] not in STOP_CHARS:
            b += 1
        if b - a - k < 1 or text[a:b] in words or text[a:a + 2] in words and b - a == 2:
            continue  # 第三世|应用: a word
        out.append((a, b))
    for m in _SONS.finditer(text):
        at = m.end()
        while (item := _ORDERED.match(text, at)) is not None:
            name = item.group(2)
            if not never_given_chars().intersection(name) and name not in words:  # 时雍: 时 fills names too
                out.append(item.span(2))
            at = item.end() + 1
    return sorted(out)
