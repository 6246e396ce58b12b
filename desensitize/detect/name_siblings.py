"""Brothers and sisters named side by side: 黄道澄、黄道润; 池景星池景辰; 郑孔璋郑孔瑜; 江以仁与江以礼.

Siblings share a surname and, by the custom of generation names (字辈), the first character of their given names.
Where a text names one of them (a name of three: a single surname and two characters), a name of the same surname
and generation character right beside it (after 、, a space, 和, 与 or 及, or glued to it) is a sibling's, whatever
the model read there: it doubts 黄道润 (黄道 is a word), reads 池景辰 without its surname after 池景星, and 郑孔璋郑孔瑜
as one name. Brothers and sisters called by given names of two glued, which share their first character, are two
where a word saying they are two follows (国平国安两兄弟, 木金木土兄弟, 昊天昊宇双胞胎: round 35): the model reads
one of them, or both as one name. Only what lies inside the two names is read again, so nothing masked before is
unmasked.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence

from desensitize.detect.names import never_given_chars, surname_length

_JOINS = frozenset("、 \u3000和与及")


def _han(c: str) -> bool:
    return "\u4e00" <= c <= "\u9fff"


def _sibling_of(text: str, a: int) -> bool:
    """A name of three at `a` whose given name may start a sibling's: a single surname and two Chinese characters,
    neither one that no given name holds (a function character)."""
    never = never_given_chars()
    return (
        a >= 0 and a + 3 <= len(text) and surname_length(text, a) == 1
        and _han(text[a + 1]) and _han(text[a + 2]) and text[a + 1] not in never and text[a + 2] not in never
    )


def _pair(text: str, a: int, c: int) -> bool:
    """The names of three at `a` and `c` are siblings': the same surname and generation character, two last ones."""
    return text[a:a + 2] == text[c:c + 2] and text[a + 2] != text[c + 2] and _sibling_of(text, a) and _sibling_of(text, c)


# What says that the two glued before it are two people (国平国安两兄弟, 阿娟阿凤两个, 俊熙俊杰双胞胎).
_TWO_AFTER = ("两兄弟", "兄弟", "两姐妹", "姐妹", "兄妹", "姐弟", "双胞胎", "俩", "两人", "两个")


def _given_pair(text: str, s: int) -> bool:
    """Two given names of two glued at `s`, sharing their first character, and a word saying they are two after them
    (国平国安两兄弟; not 能不能分两个月: 不 fills no given name)."""
    if s < 0 or s + 4 > len(text) or text[s] != text[s + 2] or text[s + 1] == text[s + 3]:
        return False
    never = never_given_chars()
    return all(_han(c) and c not in never for c in text[s:s + 4]) and text.startswith(_TWO_AFTER, s + 4)


def _mate(text: str, a: int) -> list[int]:
    """Where a sibling's name of three starts beside the name of three at `a`: right after it (after one joining
    character or none) or right before it."""
    out: list[int] = []
    for c in (a + 3, a + 4, a - 3, a - 4):
        gap = text[a + 3:c] if c > a else text[c + 3:a]
        if (gap == "" or gap in _JOINS) and 0 <= c and c + 3 <= len(text) and _pair(text, a, c):
            out.append(c)
    return out


def sibling_names(text: str, spans: Sequence[tuple[int, int]]) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """The siblings' names of `text` beside the names found there (`spans`, offsets into `text`), and the found
    spans they replace: those lying inside a pair of siblings' names (景辰 of 池景星池景辰, 郑孔璋郑孔瑜 whole)."""
    add: list[tuple[int, int]] = []
    pairs: list[tuple[tuple[int, int], tuple[int, int]]] = []
    for a, b in spans:
        if b - a == 3:
            pairs.extend(((a, a + 3), (c, c + 3)) for c in _mate(text, a))
        elif b - a in (6, 7) and _pair(text, a, b - 3) and (b - a == 6 or text[a + 3] in _JOINS):
            pairs.append(((a, a + 3), (b - 3, b)))  # two siblings read as one name
        elif b - a in (2, 4):
            # given names of two glued: this one first or second (国平|国安两兄弟), or both read as one (木金木土兄弟)
            pairs.extend(((s, s + 2), (s + 2, s + 4)) for s in ((a, a - 2) if b - a == 2 else (a,)) if _given_pair(text, s))
    if not pairs:
        return [], []
    found = set(spans)
    added: set[tuple[int, int]] = set()
    # The found spans by start: those inside a pair are among the few starting within it (a line of 12,000 pairs
    # compared every pair with every span).
    ordered = sorted(spans)
    firsts = [s for s, _ in ordered]
    drop: set[tuple[int, int]] = set()
    for pair in pairs:
        lo, hi = min(pair)[0], max(pair)[1]
        for span in pair:
            if span not in found and span not in added:
                added.add(span)
                add.append(span)
        # What the found spans held is masked still: only a span inside the two names gives way.
        inside = ordered[bisect_left(firsts, lo):bisect_right(firsts, hi)]
        drop.update(s for s in inside if s[1] <= hi and s not in pair)
    return add, sorted(drop)
