"""Fuzhou's and Fujian's place names as remarks write them bare (罗源, 连江, 黄岐, 泰宁): what a name finder may take for
a person.

A district, county or township of Fuzhou starts with a surname as often as not (罗源, 连江, 岳峰, 宦溪), and the model and
the shape rule read it as a name (由罗源变更为连江). The list is the National Bureau of Statistics' divisions of Fuzhou,
and its landmarks listed by hand (于山, 乌山, 林浦: `data/places_fuzhou.txt`), and the province's other cities and
counties (屏南, 泰宁, 宁德: `data/places_fujian.txt`; sources in their comments). Those that people are named too (建新,
高山: `names.name_words`) are left out: they stay names where a finder reads one.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

from desensitize.detect.names import name_words


@lru_cache(maxsize=1)
def fuzhou_places() -> frozenset[str]:
    """The bare place names of Fuzhou and the rest of Fujian that are no words people are named."""
    places: set[str] = set()
    for name in ("places_fuzhou.txt", "places_fujian.txt"):
        text = resources.files("desensitize.data").joinpath(name).read_text(encoding="utf-8")
        places.update(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))
    return frozenset(places - name_words())
