"""A name found and, in brackets right after it, the same person's name in letters: 颂猜（Somchai）, 林在庆（Lin
Tsai-ching）, 지우（Jiwoo）, 田中由纪（TANAKA YUKI）.

Records of foreign residents, returned overseas Chinese and exchange students give the name as the office writes it,
then how the passport or the person writes it. A given name in letters alone is read only where a list or a word
around it says person (`name_latin`); in brackets after a name the detector found, it is the same person's. On the
labelled files of round 28, of the letters so bracketed after a found name and not found themselves, 3 were
marked names and 12 not: 6 of those abbreviations (HR, ADHD, CTO, UK: one word in capitals, which this leaves), 5
names the sessions did not mark (Pandora Chen after 潘多拉·陈, Aigul after Айгуль) and a game handle (NightWolf).
"""

from __future__ import annotations

from collections.abc import Iterable

from desensitize.detect.name_latin import RUN

OPEN, _CLOSE = "（(", "）)"  # brackets, full-width and ASCII


def romanised_after(text: str, names: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans of the names in letters in brackets right after one of `names` (spans in `text`)."""
    out: list[tuple[int, int]] = []
    for _, b in names:
        if text[b:b + 1] not in OPEN:
            continue
        m = RUN.match(text, b + 1)
        if m is not None and text[m.end():m.end() + 1] in _CLOSE and _a_name(m.group()):
            out.append(m.span())
    return out


def _a_name(letters: str) -> bool:
    """Not one word in capitals (HR, CTO, ADHD: an abbreviation): a small letter, or two words or more."""
    return " " in letters or any(c.islower() for c in letters)
