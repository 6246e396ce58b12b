"""A name and its misspelling where a record corrects one to the other: 书记员写成吕蒙蒙，应为吕萌萌, “林素贞”系误写，
应为林淑贞, 将刘方更正为刘芳.

A correction of a name names the person twice, once misspelt, and the misspelt form is as much the person's as
the right one: a reader of the release learns the name from either. The rules and the model read the right form
where its context says name, but the wrong one stands after 写成 or before 系误写, and a misspelt name is often
no name anyone bears (萌萌 for 蒙蒙). Both forms are taken where the correction pairs them:

* what is written wrongly stands after 写成, 误写为, 录成 … and the right form after 应为, 更正为 … in the same
  clause, or the wrong form before 系误写, 笔误 …, or after 将 or 把 and before 更正为, 改为 …;
* the two are of the same length (two to four characters), start with the same surname, differ, and neither is a
  dictionary word or a Fuzhou place (写成福州，应为福清 corrects a place) nor holds a character no name holds.
"""

from __future__ import annotations

import re

from desensitize.detect.names import STOP_CHARS, dictionary_words, surname_length
from desensitize.detect.places import fuzhou_places

HINT = re.compile("写成|误写|误为|错写|错录|录成|打成|写作|笔误|写错|错别字|更正为|改为|改成|更改为|订正为")
_W = "([\u4e00-\u9fff]{2,4})"
_RIGHT = "(?:应为|应是|正确为|实为|更正为)"
_PAIRS = (
    re.compile(f"(?:写成|误写为|误写成|误为|错写为|错写成|错录为|录成|打成|写作)[“\"「]?{_W}[”\"」]?[，,；;、]?{_RIGHT}[“\"「]?{_W}"),
    re.compile(f"[“\"「]?{_W}[”\"」]?(?:系|为|是)?(?:误写|笔误|错写|错别字|写错)[，,；;、]?{_RIGHT}[“\"「]?{_W}"),
    re.compile(f"(?:将|把)[“\"「]?{_W}[”\"」]?(?:更正为|改为|改成|更改为|订正为)[“\"「]?{_W}"),
)


def corrected_names(text: str) -> list[tuple[int, int]]:
    """Spans of both forms of each name a correction in `text` pairs (module docstring)."""
    out: list[tuple[int, int]] = []
    every, places = dictionary_words(), fuzhou_places()
    for pattern in _PAIRS:
        for m in pattern.finditer(text):
            wrong, right = m.group(1), m.group(2)[: len(m.group(1))]  # the right form as long as the wrong one
            if len(right) != len(wrong) or wrong == right or wrong[0] != right[0]:
                continue
            surname = surname_length(wrong)
            if not surname or len(wrong) == surname or any(
                w in every or w in places or any(c in STOP_CHARS for c in w[surname:]) for w in (wrong, right)
            ):
                continue
            out.append((m.start(1), m.start(1) + len(wrong)))
            out.append((m.start(2), m.start(2) + len(right)))
    return sorted(set(out))
