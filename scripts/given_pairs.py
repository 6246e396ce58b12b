"""Rebuild desensitize/data/given_pairs.txt: the given names of two characters that people bear, learnt from the training data.

    .venv/bin/python scripts/given_pairs.py           # write the file
    .venv/bin/python scripts/given_pairs.py --check   # exit 1 if the file differs from what the data gives

A name glued to the text after it loses its last character where that one starts a common word with the
next (陈宏|一起来, 王伟|长期). But 志坚 is one of the commonest given names: 魏志坚持营业执照 is 魏志坚 holding
the licence, not 魏志 persisting. A pair of characters is listed here when the annotated names of the
training data (the train split of each corpus in names_corpora.py and the remarks written for training;
never the generated names, never a development or test split) of a surname and two given characters
have it as their given name at least `MIN_NAMES` times. The rules and the name policy keep such a name
whole (`names.given_pairs`).
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from desensitize.detect.names import GIVEN_PAIRS_PATH, surnames  # noqa: E402
from name_words import MIN_NAMES, training_data, write_or_check  # noqa: E402
from names_corpora import Sentence  # noqa: E402


def given_pairs(data: list[Sentence], single: frozenset[str], compound: frozenset[str]) -> list[str]:
    """The given names of two characters that the names of `data` (a surname of `single` or `compound`, then
    two characters) bear at least `MIN_NAMES` times."""
    pairs: Counter[str] = Counter()
    for text, spans in data:
        for a, b in spans:
            name = text[a:b]
            k = 2 if name[:2] in compound else 1 if name[:1] in single else 0
            if k and len(name) - k == 2 and all("\u4e00" <= c <= "\u9fff" for c in name[k:]):
                pairs[name[k:]] += 1
    return sorted(p for p, n in pairs.items() if n >= MIN_NAMES)


def main() -> int:
    """Write the file, or with --check compare it."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="compare with the shipped file instead of writing it")
    args = ap.parse_args()
    single, compound = surnames()
    found = given_pairs(training_data(), single, frozenset(compound))
    title = "Given names of two characters that people bear"
    return write_or_check(GIVEN_PAIRS_PATH, title, __doc__, "given_pairs.py", found, args.check)


if __name__ == "__main__":
    raise SystemExit(main())
