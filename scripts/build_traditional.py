"""Rebuild desensitize/data/traditional.txt, the traditional → simplified character table the detectors fold
text with, from OpenCC's dictionaries (Apache License 2.0).

    .venv/bin/python scripts/build_traditional.py DICTIONARY_DIR

DICTIONARY_DIR holds OpenCC's TSCharacters.txt, HKVariantsRev.txt and TWVariantsRev.txt: the `dictionary`
folder of the opencc-python-reimplemented 0.1.7 wheel on PyPI (`pip download opencc-python-reimplemented==0.1.7`),
or `data/dictionary` of github.com/BYVoid/OpenCC. Kept: one character for one (a fold must keep every
offset), the first simplified form OpenCC gives, only where the traditional character is not itself a
simplified character (outside GB 2312: 乾, 於 and 著 stay as written) and lies in the Basic Multilingual
Plane, and the simplified one is in the basic CJK block. Hong Kong and Taiwan variants (啓, 衞, 峯) go to OpenCC's standard form first.
"""

from __future__ import annotations

import sys
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "desensitize" / "data" / "traditional.txt"
HEADER = """\
# Traditional (and Hong Kong / Taiwan variant) Chinese characters → simplified, one pair a line, for folding
# text before name detection (desensitize/detect/fold.py): 黃志明 is read as 黄志明, one character for one.
# Derived by scripts/build_traditional.py from OpenCC's TSCharacters.txt, HKVariantsRev.txt and
# TWVariantsRev.txt (https://github.com/BYVoid/OpenCC, Apache License 2.0; as shipped in the
# opencc-python-reimplemented 0.1.7 wheel). Only characters outside GB 2312 are folded.
"""


def _pairs(path: Path) -> dict[str, str]:
    out: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        key, _, values = line.partition("\t")
        first = values.split()[0] if values.split() else ""
        if len(key) == 1 and len(first) == 1:
            out.setdefault(key, first)
    return out


def _simplified_too(char: str) -> bool:
    try:
        char.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


def build(folder: Path) -> dict[str, str]:
    """The table: traditional or variant character → simplified."""
    ts = _pairs(folder / "TSCharacters.txt")
    table = dict(ts)
    for name in ("HKVariantsRev.txt", "TWVariantsRev.txt"):
        for variant, standard in _pairs(folder / name).items():
            table.setdefault(variant, ts.get(standard, standard))
    return {
        k: v for k, v in sorted(table.items())
        if k != v and not _simplified_too(k) and ord(k) < 0x10000 and "\u4e00" <= v <= "\u9fff"
    }


def main() -> int:
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    table = build(Path(sys.argv[1]))
    OUT.write_text(HEADER + "".join(f"{k} {v}\n" for k, v in table.items()), encoding="utf-8")
    print(f"{len(table)} characters → {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
