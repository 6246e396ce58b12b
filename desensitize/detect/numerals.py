"""Numbers spelt out in Chinese numerals: 手机一三八一二三四五六七八, 号码是幺三八 零零一三 八零零零, 身份证号三五零一零二….

A hotline's clerk writes down what a caller says, and a caller says a phone or an ID number digit by digit: the
number patterns read digits only, so such a number was published as it stood. A run of seven numerals or more
(〇 零 一 … 九, and 幺 for one, as numbers are read out; a space or a hyphen may stand between two) is read by the
number patterns as the digits it spells, one character for one, so the span found fits the text as written and
the patterns' own checks (a mobile prefix, an ID's date and check digit, a card's Luhn sum) still decide. Shorter
runs (三楼, 二〇二三年) are no number any pattern takes.
"""

from __future__ import annotations

import re

NUMERALS = "〇零一二三四五六七八九幺"
_AS_DIGITS = str.maketrans(NUMERALS, "001234567891")
RUN = re.compile(f"[{NUMERALS}](?:[ \\-]?[{NUMERALS}]){{6,}}")


def as_digits(text: str) -> str:
    """`text` with each `RUN` of numerals written in digits (the same length: offsets stay)."""
    return RUN.sub(lambda m: m.group().translate(_AS_DIGITS), text)
