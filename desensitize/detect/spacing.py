"""Text with spaces between its Chinese characters, read as it would be written without them.

Scanned documents, forms and tables copied into a remark space their characters out (兹 证 明 黄 德 福 同
志 系…, 申请 人 姓 名 : 魏 春 生, 户主陈金 水外出). The rules, the model and its gate read a name as a run of
characters, and a space ends a run: spaced text hides its names from all of them. `name_spaced.py` finds
the common form of it (经办人：王　伟) in place; this module gives the detector the whole text closed up,
so that every reader reads it as prose, and takes the names found there back to the text as written.

A space is closed up only between two Chinese characters, one or two spaces (ASCII or the full-width
U+3000), so that digits, Latin words and what a space separates from them stay as they are; and only
where one of the two characters stands alone (黄 德 福, 张 建 国家): a space between two runs of characters
separates words (a list 王芳 林晨, a form's fields 拟稿：安宁　核稿：…), and closing it would join them. The names
found on the closed-up twin are added to those found on the text itself (the policy favours recall):
a name found there spans its inner spaces (黄 德 福) in the text as written.

Invisible characters are closed up too, wherever they stand: zero-width spaces and joiners, the soft hyphen,
the byte-order mark, direction marks and variation selectors (`HIDDEN`). Text copied out of web pages and
chat apps carries them, and one inside a name (王\u200b志强) or a number (138\u200b0013\u200b8000) hid it from
every reader. A twin that closed up such a character brings back every kind found in it, not only names
(`Twin.hidden`).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

# One or two spaces before a Chinese character; `_inner` asks that one stand before them too. Starting at the
# space lets the regex engine skip to spaces: a look-behind first is tried at every character (0.08 s against
# 0.05 over 100,000 benchmark remarks).
_SPACE = re.compile("[ \u3000]{1,2}(?=[\u4e00-\u9fff])")
# Characters that show nothing: the soft hyphen, the combining grapheme joiner, the Mongolian vowel separator, the
# zero-width space, non-joiner and joiner, direction marks and embeddings, the word joiner and invisible operators,
# variation selectors and the byte-order mark (zero-width no-break space).
HIDDEN = re.compile("[\u00ad\u034f\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufe00-\ufe0f\ufeff]")


def _inner(text: str, m: re.Match[str]) -> bool:
    """A Chinese character stands right before the spaces `m` found."""
    return m.start() > 0 and "\u4e00" <= text[m.start() - 1] <= "\u9fff"


@dataclass(frozen=True, slots=True)
class Twin:
    """A text closed up (`text`) and, for each of its characters, the offset of that character in the
    text as written (`origin`); `hidden`: whether invisible characters were closed up."""

    text: str
    origin: tuple[int, ...]
    hidden: bool = False

    def span_back(self, start: int, end: int) -> tuple[int, int]:
        """The span of the text as written that [start, end) of the twin covers (inner spaces included)."""
        return self.origin[start], self.origin[end - 1] + 1


def twin_of(text: str) -> Twin | None:
    """`text` with its invisible characters closed up, then the spaces between its Chinese characters, or None
    if it has neither. (In that order: a space the invisible characters stood beside is judged as the closed-up
    text shows it, so the twin's own twin is none, and reading it once is reading it whole.)"""
    invisible = {m.start() for m in HIDDEN.finditer(text)}
    hidden = bool(invisible)
    visible: Sequence[int] = tuple(k for k in range(len(text)) if k not in invisible) if hidden else range(len(text))
    shown = "".join(text[k] for k in visible) if hidden else text
    kept = [True] * len(shown)
    for m in _SPACE.finditer(shown):
        if _inner(shown, m) and (_alone(shown, m.start() - 1, -1) or _alone(shown, m.end(), 1)):
            for k in range(m.start(), m.end()):
                kept[k] = False
    if (not hidden and all(kept)) or not shown:
        return None
    origin = tuple(visible[k] for k, keep in enumerate(kept) if keep)  # not empty: a space closes only between characters
    return Twin("".join(text[k] for k in origin), origin, hidden)


# A numeral or a weekday standing alone between spaces numbers a list or a roster (排班 一 苏明 二 王芳, 六 任晓丹 日 雅琴).
_MARKERS = frozenset("一二三四五六七八九十日")
# A sex or a grade standing alone after a space is a form's field (秦雪 女 28岁, 包思源 良，钟乐天 差).
_FIELDS_AFTER = frozenset("男女优良中差")


def _alone(text: str, k: int, step: int) -> bool:
    """Whether the Chinese character at `k` stands alone on the side away from the space (`step` -1: the
    space is after it). A space between two runs of characters (王芳 林晨, 拟稿：安宁　核稿) separates
    words, as in a list or a form's fields; a character standing alone is part of text spaced out. One
    before a colon or a slash is no such character but a field's label (交：吴凯 接：许文斌, a shift's handover; 文/林一
    图/阿飞, a byline), 男 or 女 after a space is a form's sex field (秦雪 女 28岁), 优, 良, 中 or 差 a grade
    (刘欣怡 优，包思源 良), and one after a digit a unit (礼饼2盒 林秀英)."""
    if (step == 1 and text[k] in _FIELDS_AFTER) or text[k] in _MARKERS:
        return False
    if step == -1 and "0" <= text[k - 1:k] <= "9":
        return False  # 莲蓉1盒 王建峰: a unit after a number, not a character spaced out
    k += step
    if step == 1 and text[k:k + 1] in ("：", ":", "/", "／"):
        return False
    return not (0 <= k < len(text) and "\u4e00" <= text[k] <= "\u9fff")


def twins_in(texts: Sequence[str], joined: str) -> list[tuple[int, Twin]]:
    """(index, twin) of each of `texts` that has spaces or invisible characters to close up. `joined`: the texts
    as the detector joins them, each after one separator that is no Chinese character (text.py's SEP). Two scans
    over it: most remarks have none, and a million of them are passed over in C-level searches, not a million."""
    hits = [m.start() for m in _SPACE.finditer(joined) if _inner(joined, m)]
    hits += [m.start() for m in HIDDEN.finditer(joined)]
    if not hits:
        return []
    starts = [0] * len(texts)
    pos = 1
    for i, t in enumerate(texts):
        starts[i] = pos
        pos += len(t) + 1
    out: list[tuple[int, Twin]] = []
    for i in dict.fromkeys(bisect_right(starts, h) - 1 for h in hits):
        twin = twin_of(texts[i])
        if twin is not None:
            out.append((i, twin))
    return out
