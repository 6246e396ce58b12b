"""Replacing what the text detector found by tags ([姓名], [手机号] …), and the shape-only sweep behind it.

Pure functions of a text: the `scan_text` operator's helpers (text_workers) run them in every process.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from pipelines.core.vocab import FindingKind

if TYPE_CHECKING:
    from desensitize.detect.text import Span


# The safety net behind the detector: shapes only, bounded by look-arounds (`\b` does not work
# between a CJK character and a digit). Tags contain no digits, so the sweep never re-matches them.
# Digits may be full-width (１３８…): a number typed in a Chinese input method is still a number.
_D, _D1, _D3, _X, _AN = "[0-9０-９]", "[1-9１-９]", "[3-9３-９]", "[0-9０-９XxＸｘ]", "[0-9０-９A-Za-zＡ-Ｚａ-ｚ]"
_SWEEP = re.compile(
    rf"(?P<resident_id>(?<!{_AN}){_D1}{_D}{{16}}{_X}(?!{_AN}))"
    rf"|(?P<bank_card>(?<!{_AN}){_D}{{16,19}}(?!{_AN}))"
    rf"|(?P<mobile_phone>(?<!{_D})(?:[+＋]?[8８][6６][-\s]?)?[1１]{_D3}{_D}(?:[-\s]?{_D}{{4}}){{2}}(?!{_D}))"
)
_SWEEP_TAGS = {name: f"[{FindingKind(name).label}]" for name in _SWEEP.groupindex}
# Every shape above holds three digits in a row (a mobile's first three, an ID's or card's run): a text
# without them has nothing to sweep, and this test costs a sixth of `_SWEEP`'s (its look-arounds are
# tried at every character).
_THREE_DIGITS = re.compile(f"{_D}{{3}}")


def sweep(text: str, counts: Counter[str] | None = None, weight: int = 1) -> str:
    """`text` with every remaining ID-, card- or mobile-shaped number replaced by its tag."""
    if _THREE_DIGITS.search(text) is None or _SWEEP.search(text) is None:  # nearly always: no new string
        return text

    def tag_of(m: re.Match[str]) -> str:
        kind = m.lastgroup or "resident_id"
        if counts is not None:
            counts[kind] += weight
        return _SWEEP_TAGS[kind]

    return _SWEEP.sub(tag_of, text)


def tag(kind: FindingKind) -> str:
    """The text that replaces a found span: the kind's Chinese label in brackets."""
    return f"[{kind.label}]"


def replace_spans(text: str, spans: Sequence[Span], counts: Counter[str] | None = None, weight: int = 1) -> str:
    """`text` with each span replaced by its tag; overlapping spans merge (the longer one names the tag).

    `counts[kind]` grows by `weight` per replaced span (the number of cells holding this text).
    """
    if len(spans) == 1:  # the common case, without sorting or merging
        s = spans[0]
        if s.end <= s.start:
            return text
        if counts is not None:
            counts[s.kind.value] += weight
        return text[: s.start] + tag(s.kind) + text[s.end :]
    ordered = sorted(spans, key=lambda s: (s.start, -(s.end - s.start)))
    merged: list[list[Any]] = []  # [start, end, kind, length of the span that names it]
    for s in ordered:
        if s.end <= s.start:
            continue
        if merged and s.start < merged[-1][1]:
            last = merged[-1]
            if s.end - s.start > last[3]:
                last[2], last[3] = s.kind, s.end - s.start
            last[1] = max(last[1], s.end)
        else:
            merged.append([s.start, s.end, s.kind, s.end - s.start])
    out: list[str] = []
    pos = 0
    for start, end, kind, _ in merged:
        out.append(text[pos:start])
        out.append(tag(kind))
        pos = end
        if counts is not None:
            counts[kind.value] += weight
    out.append(text[pos:])
    return "".join(out)
