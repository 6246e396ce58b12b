"""Text as the detectors read it: foldings of one character for one, so that every span found on the
folded text fits the original, and the original is what gets masked.

* Full-width ASCII (U+FF01–FF5E) → ASCII: １３８… is a phone too. The number and literal patterns read
  this fold (`for_patterns`); the name model and its gate do not, because they were trained and written
  on text as people type it (，not ,).
* Traditional and Hong Kong / Taiwan variant characters → simplified (`data/traditional.txt`, from
  OpenCC): a resident of Taiwan or Hong Kong writes 黃志明, and the surname list, the rules and the model
  know 黄志明. Every reader gets this fold: 身份證 is read as 身份证 too.
* CJK compatibility ideographs (U+F900–FAFF) and Kangxi radicals (U+2F00–2FD5) → the ideographs they stand
  for (Unicode's NFKC, then the fold above): old systems' code-page conversions write 李 as U+F9E1 and text
  copied out of PDF files ⼩ for 小; they look the same and no reader knew them (`compatibility`). Every reader
  gets this fold too. So do the radicals of the CJK Radicals Supplement that look like whole ideographs (⻩ for 黄,
  ⻢ for 马: PDF text again; round 27), which NFKC leaves as they are (`RADICALS`).
* The iteration mark 々 after an ideograph → that ideograph, as it stands for it: Japanese names write 佐々木 for
  佐佐木 (round 27). Every reader gets this fold too.

A million remarks are folded in one pass: the joined string goes through a numpy lookup table, about
three times faster than `str.translate`, which looks each character up in a dict.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy as np

FULL_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
# An ideograph and the iteration mark that repeats it (佐々木): one character for one, the mark read as the ideograph.
_ITERATED = re.compile("([\u4e00-\u9fff])々")
_BIG = 100_000  # characters from which the numpy pass beats `str.translate`


@lru_cache(maxsize=1)
def traditional() -> dict[int, int]:
    """Traditional or variant code point → simplified code point (data/traditional.txt)."""
    text = resources.files("desensitize.data").joinpath("traditional.txt").read_text(encoding="utf-8")
    return {ord(line[0]): ord(line[2]) for line in text.splitlines() if line and not line.startswith("#")}


# The radicals of the CJK Radicals Supplement that stand for a whole ideograph, as Unicode's
# EquivalentUnifiedIdeograph.txt pairs them, each named by its Unicode name (CJK RADICAL C-SIMPLIFIED HORSE → 马).
RADICALS = {
    "\u2e9d": "月", "\u2e9f": "母", "\u2ea0": "民", "\u2ea9": "王", "\u2ec1": "虎", "\u2ec4": "西", "\u2ec5": "见",
    "\u2ec6": "角", "\u2ec9": "贝", "\u2ecb": "车", "\u2ed3": "长", "\u2ed4": "门", "\u2ed8": "青", "\u2ed9": "韦",
    "\u2eda": "页", "\u2edb": "风", "\u2edc": "飞", "\u2edd": "食", "\u2ee2": "马", "\u2ee3": "骨", "\u2ee4": "鬼",
    "\u2ee5": "鱼", "\u2ee6": "鸟", "\u2ee7": "卤", "\u2ee8": "麦", "\u2ee9": "黄", "\u2eea": "黾", "\u2eec": "齐",
    "\u2eee": "齿", "\u2ef0": "龙", "\u2ef3": "龟",
}


@lru_cache(maxsize=1)
def compatibility() -> dict[int, int]:
    """Compatibility ideograph or Kangxi radical → the (simplified) ideograph it stands for: NFKC, where that
    gives one character, then `traditional`; and the supplement's radicals of `RADICALS`."""
    simplified = traditional()
    out: dict[int, int] = {}
    for code in [*range(0xF900, 0xFB00), *range(0x2F00, 0x2FD6)]:
        folded = unicodedata.normalize("NFKC", chr(code))
        if len(folded) == 1 and folded != chr(code):
            out[code] = simplified.get(ord(folded), ord(folded))
    out.update({ord(radical): ord(ideograph) for radical, ideograph in RADICALS.items()})
    return out


@dataclass(frozen=True)
class Fold:
    """One folding: a code point map, the same as a lookup table over the Basic Multilingual Plane (where
    every folded character lies), and a pattern that finds a character it changes."""

    mapping: dict[int, int]
    table: np.ndarray
    trigger: re.Pattern[str]

    @classmethod
    def of(cls, mapping: dict[int, int]) -> Fold:
        """The fold of `mapping`."""
        table = np.arange(0x10000, dtype=np.uint32)
        table[list(mapping)] = list(mapping.values())
        return cls(mapping, table, re.compile(f"[{re.escape(''.join(map(chr, sorted(mapping))))}々]"))

    def __call__(self, text: str) -> str:
        """`text` folded (the same object when nothing in it folds)."""
        if self.trigger.search(text) is None:
            return text
        folded = self._mapped(text)
        return _ITERATED.sub(r"\1\1", folded) if "々" in folded else folded

    def _mapped(self, text: str) -> str:
        if len(text) < _BIG:
            return text.translate(self.mapping)
        codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        inside = codes < 0x10000
        if inside.all():
            return self.table[codes].tobytes().decode("utf-32-le", "surrogatepass")
        codes = codes.copy()  # beyond the table: fold what it covers, keep the rest
        codes[inside] = self.table[codes[inside]]
        return codes.tobytes().decode("utf-32-le", "surrogatepass")


@lru_cache(maxsize=1)
def for_patterns() -> Fold:
    """All the folds: what the number, literal and name-rule patterns read."""
    return Fold.of({**traditional(), **compatibility(), **FULL_WIDTH})


@lru_cache(maxsize=1)
def for_names() -> Fold:
    """Traditional characters and compatibility ideographs folded, not full-width ASCII: what the name model and
    its gate read."""
    return Fold.of({**traditional(), **compatibility()})
